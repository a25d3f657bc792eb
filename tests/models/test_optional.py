"""Optional families C20–C23 (off by default), on hand-checked toys (one period, AF = 5)."""

from __future__ import annotations

import pytest
from toys import CLEAN, OLD, Toy, assert_family_binds, build_and_solve, steel_toy, v

A = "A"
P = 2025
CARBON = {"carbon_price_cny_per_t": {P: 1000}}  # ``old`` then costs 10.5 per Mt/yr


def old_plus(sector: str, technology: str, **params: float) -> Toy:
    """``old`` (9 Mt left) plus one zero-emission technology built at 1 per Mt/yr."""
    toy = Toy().sector(sector, demand={P: 9.0})
    toy.tech(sector, "old", **OLD).tech(sector, technology, **{**CLEAN, **params})
    return toy.capacity(A, sector, "old", 10.0, output=9.0)


@pytest.mark.family("C20")
def test_c20_domestic_output_floor():
    """φ = 1.2 keeps exports: q ≥ 10.8 → 9 from stock (4.5) + 1.8 new ``old`` (1.08): 5.58."""
    toy = old_plus("steel", "clean").add(
        "supply_security", sector="steel", year=P, domestic_output_floor_share=1.2
    )
    model, objective = build_and_solve(toy.scenario(optional_families={"supply_security": True}))
    assert_family_binds(model, "C20", objective)
    assert v(model.q[A, "steel", "old", P]) == pytest.approx(10.8)
    assert objective == pytest.approx(5.58)


@pytest.mark.family("C20")
def test_c20_industry_share_floor():
    """ψ = 0.12: 100 + w ≥ 0.12 (1000 + w) ⇒ w = 20/0.88 = 22.727 bn of emerging industry at
    1 CNY of capital per CNY: 4.5 + 22.727 = 27.227. Without C20: 4.5."""
    toy = old_plus("steel", "clean").add(
        "supply_security", sector="all_industry", year=P, domestic_output_floor_share=0.12
    )
    emerging = {
        "max_share_of_base_va_industry": 0.5,
        "emissions_tco2_per_10k_cny": 0.0,
        "electricity_mwh_per_10k_cny": 0.0,
        "investment_cny_per_cny_va": 1.0,
    }
    scenario = toy.scenario(optional_families={"supply_security": True}, emerging_industry=emerging)
    model, objective = build_and_solve(scenario)
    assert_family_binds(model, "C20", objective)
    assert v(model.w[A, P]) == pytest.approx(20 / 0.88)
    assert objective == pytest.approx(4.5 + 20 / 0.88)


@pytest.mark.family("C21")
def test_c21_scrap_limits_secondary_steel():
    """Scrap EAF (1.1 t scrap/t) with 2.2 Mt of national scrap: at most 2 Mt; ``old`` makes 7:
    7 × 10.5 + 2 × 1 = 75.5. Without C21: 9 Mt of EAF, 9."""
    toy = old_plus("steel", "scrap_eaf", scrap_t_per_t=1.1)
    toy.add("circular_resources", resource="steel_scrap", region="China", year=P, available_mt=2.2)
    model, objective = build_and_solve(
        toy.scenario(optional_families={"circular_resources": True}, **CARBON)
    )
    assert_family_binds(model, "C21", objective)
    assert v(model.q[A, "steel", "scrap_eaf", P]) == pytest.approx(2.0)
    assert objective == pytest.approx(75.5)


@pytest.mark.family("C21")
def test_c21_solid_waste_limits_blended_cement():
    """Blended clinker (0.5 t of solid waste per t) with 1 Mt of waste in A: at most 2 Mt:
    75.5 as above."""
    toy = old_plus("cement", "blend", solid_waste_t_per_t=0.5)
    toy.add("circular_resources", resource="solid_waste", region=A, year=P, available_mt=1.0)
    model, objective = build_and_solve(
        toy.scenario(optional_families={"circular_resources": True}, **CARBON)
    )
    assert_family_binds(model, "C21", objective)
    assert v(model.q[A, "cement", "blend", P]) == pytest.approx(2.0)
    assert objective == pytest.approx(75.5)


@pytest.mark.family("C22")
def test_c22_technology_availability():
    """H2-DRI available from 2030 cannot be built in 2025: 9 × 10.5 = 94.5. Without C22: 9."""
    toy = old_plus("steel", "h2_dri", available_from_year=2030)
    scenario = toy.scenario(optional_families={"technology_availability": True}, **CARBON)
    model, objective = build_and_solve(scenario)
    assert_family_binds(model, "C22", objective)
    assert v(model.xnew[A, "steel", "h2_dri", P]) == pytest.approx(0.0, abs=1e-9)
    assert objective == pytest.approx(94.5)


def border_toy(clean_capex: float) -> Toy:
    toy = steel_toy()
    toy.tech("steel", "clean", capex_cny_per_t=clean_capex, lifetime_years=10)
    return toy.add(
        "carbon_border",
        sector="steel",
        year=P,
        export_share=0.5,
        free_allocation_share=0.5,
        cbam_price_cny_per_t=1000,
    )


@pytest.mark.family("C23")
def test_c23_border_cost_switches_exporters_to_clean_steel():
    """Exposed share 0.5 × (1 − 0.5) = 0.25 at 1000 CNY/t: ``old`` pays 5 × 0.25 × 2 = 2.5 per
    Mt/yr more (3.0 in all) than ``clean`` (1): 9 Mt of clean, 9. With C23 off: 4.5."""
    on, objective_on = build_and_solve(
        border_toy(2000).scenario(optional_families={"carbon_border": True})
    )
    off, objective_off = build_and_solve(border_toy(2000).scenario())
    assert objective_on == pytest.approx(9.0)
    assert objective_off == pytest.approx(4.5)
    assert v(on.xnew[A, "steel", "clean", P]) == pytest.approx(9.0)


@pytest.mark.family("C23")
def test_c23_exposure_report():
    """``clean`` at 8000 CNY/t (4 per Mt) stays dearer than ``old`` (3): 9 Mt of old pay
    cbam_exposure = 1000 × 1e-3 × 0.25 × 18 = 4.5 bn/yr, cost_cbam = 5 × 4.5 = 22.5; objective
    4.5 + 22.5 = 27."""
    model, objective = build_and_solve(
        border_toy(8000).scenario(optional_families={"carbon_border": True})
    )
    assert v(model.cbam_exposure[A, P]) == pytest.approx(4.5)
    assert v(model.cost_cbam[P]) == pytest.approx(22.5)
    assert objective == pytest.approx(27.0)
