"""Emission families C16–C19 and the carbon-transfer demonstration, on hand-checked toys.

Steel toys: ``old`` 0.5 per Mt/yr to run and 2 tCO2/t; ``clean`` 1 per Mt/yr built, no CO2.
Base inventories equal modelled base emissions (E_other = 0) unless a test says otherwise.
"""

from __future__ import annotations

import pytest
from toys import CLEAN, OLD, Toy, assert_family_binds, build_and_solve, steel_toy, v

from dualcarbon.models import carbon_leakage

A, B = "A", "B"
P = 2025


@pytest.mark.family("C16")
def test_c16_national_cap():
    """Cap 0.5 × base 18 = 9 MtCO2 → at most 4.5 Mt of ``old``; 4.5 Mt of ``clean``:
    4.5 × 0.5 + 4.5 × 1 = 6.75. Without C16: 9 × 0.5 = 4.5."""
    model, objective = build_and_solve(
        steel_toy().scenario(national_cap={"share_of_base": {P: 0.5}})
    )
    assert_family_binds(model, "C16", objective)
    assert v(model.xnew[A, "steel", "clean", P]) == pytest.approx(4.5)
    assert v(model.emis_prod[A, P]) == pytest.approx(9.0)
    assert objective == pytest.approx(6.75)


@pytest.mark.family("C16")
def test_c16_intensity_cap():
    """GDP 1000 bn (VA 100 + rest 900); 0.09 tCO2 per 10k CNY × 1e5 (10k CNY per bn) × 1000
    = 9 MtCO2: the same optimum as a 9 Mt cap, 6.75."""
    scenario = steel_toy().scenario(intensity_cap_t_per_10k_cny={A: {P: 0.09}})
    model, objective = build_and_solve(scenario)
    assert_family_binds(model, "C16", objective)
    assert v(model.gdp[A, P]) == pytest.approx(1000.0)
    assert objective == pytest.approx(6.75)


def leakage_toy() -> Toy:
    """A (9 Mt made in the base year, θ = 0.75) and B (3 Mt, θ = 0.25), 9 Mt of stock each.
    Demand 12; A's regional cap is half its base 18 Mt → A may emit 9 (4.5 Mt of ``old``)."""
    toy = Toy({A: False, B: False}).sector("steel", demand={P: 12.0})
    toy.tech("steel", "old", **OLD).tech("steel", "clean", **CLEAN)
    return toy.capacity(A, "steel", "old", 10.0, output=9.0).capacity(
        B, "steel", "old", 10.0, output=3.0
    )


@pytest.mark.family("C17")
@pytest.mark.parametrize(
    ("policy", "expected", "leak_b"),
    [("off", 6.0, 9.0), ("share", 9.0, 0.0), ("strict", 9.0, 0.0)],
)
def test_c17_carbon_transfer_demonstration(policy, expected, leak_b):
    """``off``: B (cheap, uncapped) makes A's lost 4.5 Mt: 12 × 0.5 = 6, B emits 15 against a
    fair share θ_B·ne = 0.25 × 24 = 6 → leak 9. ``share`` (C17): emis_B ≤ 0.25·ne and
    emis_A ≤ 0.75·ne ⇒ emis_A = 3·emis_B, emis_A ≤ 9 ⇒ old 4.5 + 1.5, clean 6: 3 + 6 = 9,
    leak 0. ``strict`` adds C18 (B ≤ its base 6: holds, 3) and C19 (no power flows): also 9."""
    scenario = leakage_toy().scenario(
        transfer_policy=policy, regional_cap_share_of_base={A: {P: 0.5}}
    )
    model, objective = build_and_solve(scenario)
    assert objective == pytest.approx(expected)
    leak = carbon_leakage(model).set_index(["region", "sector", "period"])["leak_mtco2"]
    assert leak[B, "steel", P] == pytest.approx(leak_b, abs=1e-7)
    assert leak[A, "steel", P] == pytest.approx(0.0, abs=1e-7)
    if policy != "off":
        assert_family_binds(model, "C17", objective)
        assert v(model.q[B, "steel", "old", P]) == pytest.approx(1.5)


@pytest.mark.family("C18")
@pytest.mark.parametrize(("allowance", "expected"), [(0.0, 8.25), (0.5, 7.5)])
def test_c18_base_ceiling(allowance, expected):
    """Leakage toy with only C18: B may emit (1 + a)·6. a = 0: B makes 3 Mt of ``old``, so
    7.5 old + 4.5 clean = 3.75 + 4.5 = 8.25. a = 0.5: B makes 4.5 → 9 old + 3 clean = 7.5."""
    scenario = leakage_toy().scenario(
        transfer_rules={"no_climbing_peak": True},
        climbing_peak_allowance=allowance,
        regional_cap_share_of_base={A: {P: 0.5}},
    )
    model, objective = build_and_solve(scenario)
    assert_family_binds(model, "C18", objective)
    assert v(model.emis_prod[B, P]) == pytest.approx(6.0 * (1 + allowance))
    assert objective == pytest.approx(expected)


@pytest.mark.family("C18")
def test_c18_no_rise_after_peak():
    """Periods 2025 and 2030 (α = 0.9, 0.8), peak year 2025, allowance 1 (ceiling not binding).
    Demand 6 then 9. Without the rule: 6 × 0.5 + (9 × 0.5 + 1 Mt new ``old`` built 2030 at
    1 − 45/50 = 0.1) = 7.6 and emissions rise 12 → 18. With it, 2030 emissions ≤ 2025's; clean
    (2400 CNY/t, life 10, net 1.2 in 2030) costs more than making 3 Mt more in 2025 (1.5) and
    running 9 Mt in 2030: 4.5 + 4.6 = 9.1. The LP lifts the peak by producing above demand
    before it, an artefact of a rule written on emission levels (MODEL.md C18)."""
    toy = steel_toy()
    toy.tech("steel", "clean", capex_cny_per_t=2400, lifetime_years=10)
    toy.rows["industry_demand"] = []
    toy.add("industry_demand", sector="steel", year=P, demand_mt=6.0)
    toy.add("industry_demand", sector="steel", year=2030, demand_mt=9.0)
    scenario = toy.scenario(
        periods=[P, 2030],
        transfer_rules={"no_climbing_peak": True},
        climbing_peak_allowance=1.0,
        peak_year=P,
    )
    model, objective = build_and_solve(scenario)
    assert_family_binds(model, "C18", objective)
    assert v(model.emis_prod[A, 2030]) == pytest.approx(v(model.emis_prod[A, P]))
    assert v(model.q[A, "steel", "old", P]) == pytest.approx(9.0)
    assert objective == pytest.approx(9.1)


def import_toy() -> Toy:
    """A exports coal power (1 tCO2/MWh, 0.5 bn per TWh); B needs 10 TWh, has gas (0.5 t/MWh,
    5 per TWh) and solar (8760 CNY/kW, life 10 → 4.38 bn per GW = 1 bn per TWh/yr at cf 0.5).
    B's base emissions are 5 (all E_other) and its regional cap is 1.0 × base = 5."""
    toy = Toy({A: False, B: False}).sector("steel", demand={P: 0.0})
    toy.tech("steel", "old", coal_tce_per_t=1)
    toy.capacity(A, "steel", "old", 0.0).capacity(B, "steel", "old", 0.0)
    toy.power("coal", emission_factor_tco2_per_mwh=1.0, vom_cny_per_mwh=100)
    toy.power("gas", emission_factor_tco2_per_mwh=0.5, vom_cny_per_mwh=1000)
    toy.power(
        "solar_pv", capex_cny_per_kw=8760, lifetime_years=10, is_renewable=1, capacity_credit=0
    )
    toy.plant(A, "coal", 100.0).plant(B, "gas", 100.0).plant(B, "solar_pv", 0.0, potential=100.0)
    toy.demand_twh(B, 10.0).corridor(A, B, 100.0)
    toy.inventory = {A: 0.0, B: 5.0}
    return toy


@pytest.mark.family("C19")
@pytest.mark.parametrize(("consumption", "expected"), [(False, 5.0), (True, 10.0)])
def test_c19_imported_coal_power_does_not_help_the_importers_cap(consumption, expected):
    """Production accounting: B imports 10 TWh of coal power (5) and its cap (5) holds, while
    its consumption emissions are 15. Consumption accounting (C19): the imports carry 10 Mt
    into B's account, so B builds solar for all 10 TWh: 10."""
    scenario = import_toy().scenario(
        regional_cap_share_of_base={B: {P: 1.0}},
        transfer_rules={"consumption_accounting": consumption},
    )
    model, objective = build_and_solve(scenario)
    assert objective == pytest.approx(expected)
    if consumption:
        assert_family_binds(model, "C19", objective)
        assert v(model.f[A, B, "coal", P]) == pytest.approx(0.0, abs=1e-9)
        assert v(model.emis_cons[B, P]) == pytest.approx(5.0)
    else:
        assert v(model.f[A, B, "coal", P]) == pytest.approx(10.0)
        assert v(model.emis_cons[B, P]) == pytest.approx(15.0)
        assert v(model.emis_prod[B, P]) == pytest.approx(5.0)
