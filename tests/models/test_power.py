"""Power families C8–C13 on hand-checked toys (no industrial demand: steel demand 0).

Toy conventions: one period 2025, AF = 5, DF = 1, β = 0.9 (life 50, age 0); capacity factor 0.5
gives 4.38 TWh per GW-year; a plant with capex 1000 CNY/kW and life 10 costs 1 bn/GW less
salvage 5/10 → 0.5 bn per GW; vom 100 CNY/MWh costs 5 × 0.1 = 0.5 bn per TWh/yr.
"""

from __future__ import annotations

import pytest
from toys import Toy, assert_family_binds, build_and_solve, solve, v

A, B = "A", "B"
P = 2025


def power_toy(regions: dict[str, bool] | None = None) -> Toy:
    """A toy without industrial demand, for the power families."""
    toy = Toy(regions).sector("steel", demand={P: 0.0})
    toy.tech("steel", "old", coal_tce_per_t=1)
    for region in toy.regions:
        toy.capacity(region, "steel", "old", 0.0)
    return toy


@pytest.mark.family("C8")
def test_c8_power_stock():
    """10 GW of coal survive at β = 0.9 → 9 GW (39.42 TWh at cf 0.5). Demand 43.8 TWh needs
    10 GW: build 1 GW at 0.5 → objective 0.5. Without C8 gcap would be free (0)."""
    toy = power_toy().power("coal", lifetime_years=50).plant(A, "coal", 10.0).demand_twh(A, 43.8)
    toy.power("new_coal", lifetime_years=10, capex_cny_per_kw=1000).plant(A, "new_coal", 0.0)
    model, objective = build_and_solve(toy.scenario())
    assert_family_binds(model, "C8", objective)
    assert objective == pytest.approx(0.5)
    assert v(model.gcap[A, "coal", P]) == pytest.approx(9.0)
    assert v(model.gnew[A, "new_coal", P]) == pytest.approx(1.0)


@pytest.mark.family("C9")
def test_c9_renewable_potential():
    """Solar (free, cf 0.5) limited to its 2 GW potential → 8.76 TWh; coal (vom 100 CNY/MWh,
    0.5 per TWh) covers the other 35.04 TWh: 17.52. Without C9 solar covers all: 0."""
    toy = power_toy().power("coal", vom_cny_per_mwh=100).plant(A, "coal", 100.0)
    toy.power("solar_pv", capex_cny_per_kw=0, is_renewable=1, capacity_credit=0)
    toy.plant(A, "solar_pv", 0.0, potential=2.0).demand_twh(A, 43.8)
    model, objective = build_and_solve(toy.scenario())
    assert_family_binds(model, "C9", objective)
    assert v(model.gcap[A, "solar_pv", P]) == pytest.approx(2.0)
    assert objective == pytest.approx(17.52)


@pytest.mark.family("C9")
def test_c9_build_rate():
    """Same, potential 100 GW but at most 0.2 GW/yr × 5 yr = 1 GW built: solar 4.38 TWh, coal
    39.42 TWh × 0.5 = 19.71. Without the build rate: 0."""
    toy = power_toy().power("coal", vom_cny_per_mwh=100).plant(A, "coal", 100.0)
    toy.power("solar_pv", capex_cny_per_kw=0, is_renewable=1, capacity_credit=0)
    toy.plant(A, "solar_pv", 0.0, potential=100.0, build=0.2).demand_twh(A, 43.8)
    model, objective = build_and_solve(toy.scenario())
    assert_family_binds(model, "C9", objective)
    assert v(model.gnew[A, "solar_pv", P]) == pytest.approx(1.0)
    assert objective == pytest.approx(19.71)


@pytest.mark.family("C10")
def test_c10_output():
    """Existing coal 9 GW at cf 0.5 gives at most 39.42 TWh; the other 4.38 TWh come from gas
    (vom 1000 CNY/MWh → 5 per TWh): 21.9. Without C10 coal (free) covers all: 0."""
    toy = power_toy().power("coal").plant(A, "coal", 10.0)
    toy.power("gas", vom_cny_per_mwh=1000).plant(A, "gas", 100.0).demand_twh(A, 43.8)
    model, objective = build_and_solve(toy.scenario())
    assert_family_binds(model, "C10", objective)
    assert v(model.gen[A, "coal", P]) == pytest.approx(39.42)
    assert v(model.gen[A, "gas", P]) == pytest.approx(4.38)
    assert objective == pytest.approx(21.9)


@pytest.mark.family("C11")
def test_c11_corridor_capacity_and_expansion():
    """A has cheap coal (0.5 per TWh), B dear gas (5 per TWh) and 20 TWh of demand; corridor
    A→B 1 GW, 10 % loss, expansion 2000 CNY/kW (2 bn/GW, 40-yr life → salvage 35/40 → 0.25).
    Each GW carries 8.76 TWh and saves 8.76 × (0.9 × 5 − 0.5) = 35 ≫ 0.25, so the corridor grows
    until B imports everything: sent 20/0.9 = 22.222 TWh, tcap = 2.5368 GW, tnew = 1.5368;
    objective 22.222 × 0.5 + 1.5368 × 0.25 = 11.4953. Without C11 capacity: 11.1111."""
    toy = power_toy({A: False, B: False})
    toy.power("coal", vom_cny_per_mwh=100).power("gas", vom_cny_per_mwh=1000)
    toy.plant(A, "coal", 100.0).plant(B, "gas", 100.0).demand_twh(B, 20.0)
    toy.corridor(A, B, 1.0, loss=0.1, capex=2000)
    model, objective = build_and_solve(toy.scenario())
    assert_family_binds(model, "C11", objective)
    sent = 20.0 / 0.9
    assert v(model.f[A, B, P]) == pytest.approx(sent)
    assert v(model.tnew[A, B, P]) == pytest.approx(sent / 8.76 - 1.0)
    assert objective == pytest.approx(sent * 0.5 + (sent / 8.76 - 1.0) * 0.25)


@pytest.mark.family("C12")
def test_c12_electricity_balance():
    """10 TWh of demand met by coal at 0.5 per TWh: 5. Without C12 nothing runs: 0."""
    toy = power_toy().power("coal", vom_cny_per_mwh=100).plant(A, "coal", 100.0).demand_twh(A, 10.0)
    model, objective = build_and_solve(toy.scenario())
    assert_family_binds(model, "C12", objective)
    assert v(model.gen[A, "coal", P]) == pytest.approx(10.0)
    assert objective == pytest.approx(5.0)


@pytest.mark.family("C13")
def test_c13_adequacy_with_capacity_credit():
    """Demand 43.8 TWh, load factor 0.5, margin 0.5: peak 43.8/(8.76 × 0.5) = 10 GW, × 1.5 =
    15 GW of firm capacity. 9 GW of coal stand; free solar (credit 0) supplies energy but no
    firm capacity, so 6 GW of new coal (0.5 each) are built: 3. Without C13: 0."""
    toy = power_toy().power("coal").plant(A, "coal", 10.0).demand_twh(A, 43.8)
    toy.power("new_coal", lifetime_years=10, capex_cny_per_kw=1000).plant(A, "new_coal", 0.0)
    toy.power("solar_pv", capex_cny_per_kw=0, is_renewable=1, capacity_credit=0)
    toy.plant(A, "solar_pv", 0.0, potential=1000.0)
    model, objective = build_and_solve(toy.scenario(power_reserve_margin=0.5, load_factor=0.5))
    assert_family_binds(model, "C13", objective)
    assert v(model.gnew[A, "new_coal", P]) == pytest.approx(6.0)
    assert objective == pytest.approx(3.0)


@pytest.mark.family("C13")
def test_c13_national_adequacy_counts_each_plant_once():
    """A has 10 GW of coal (9 GW left, β = 0.9) and no demand; B has free solar (credit 0), no
    firm capacity, demand 43.8 TWh and a 20 GW corridor from A. Peak: 43.8/(8.76 × 0.5) = 10 GW,
    × 1.5 = 15 GW. B's regional row holds through the corridor (20 ≥ 15), but the national row
    needs 15 GW of firm capacity in the country: 6 GW of new coal at 0.5 each → 3. Without the
    national row the import capacity alone would do and the optimum would be 0."""
    toy = power_toy({A: False, B: False}).power("coal").plant(A, "coal", 10.0).demand_twh(B, 43.8)
    toy.power("new_coal", lifetime_years=10, capex_cny_per_kw=1000).plant(A, "new_coal", 0.0)
    toy.power("solar_pv", capex_cny_per_kw=0, is_renewable=1, capacity_credit=0)
    toy.plant(B, "solar_pv", 0.0, potential=1000.0).corridor(A, B, 20.0)
    model, objective = build_and_solve(toy.scenario(power_reserve_margin=0.5, load_factor=0.5))
    assert objective == pytest.approx(3.0)
    assert v(model.gnew[A, "new_coal", P]) == pytest.approx(6.0)
    model.C13_national_adequacy.deactivate()
    _, relaxed = model, solve(model)
    assert relaxed == pytest.approx(0.0, abs=1e-9)
