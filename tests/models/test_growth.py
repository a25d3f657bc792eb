"""Retrofit and growth families C14–C15 on hand-checked toys (one period, AF = 5, DF = 1)."""

from __future__ import annotations

import pytest
from toys import OLD, Toy, assert_family_binds, build_and_solve, v

A = "A"
P = 2025
FLOOR_2PCT = 100 * 1.02**5  # 110.40808 bn CNY: base industrial VA 100 grown 2 %/yr for 5 years


def old_only(value_added: float = 0.0) -> Toy:
    """Steel with only ``old`` (0.5 per Mt/yr to run, 0.1 per Mt/yr to build), 9 Mt left."""
    toy = Toy().sector("steel", demand={P: 9.0})
    toy.tech("steel", "old", **OLD, value_added_cny_per_t=value_added)
    return toy.capacity(A, "steel", "old", 10.0, output=9.0)


@pytest.mark.family("C14")
def test_c14_retrofit_potential_and_cost():
    """Carbon price 1000 CNY/t. A tce of coal saved is worth 2 tCO2 × 1000 + 100 CNY fuel =
    2100 CNY/yr → 10.5 bn per Mtce/yr over 5 years. Tranche 1: at most 10 % of the 9 Mtce used,
    1000 CNY per tce/yr (1 bn per Mtce/yr, salvage 5/10 → 0.5): taken in full, sav = 0.9.
    Tranche 2: 5 %, 30000 CNY per tce/yr (net 15 > 10.5): not taken.
    Objective 9 × 10.5 − 0.9 × 10.5 + 0.9 × 0.5 = 85.5. Without C14 savings are unbounded."""
    toy = old_only()
    for measure, tranche, share, cost in (("coal_t1", 1, 0.1, 1000), ("coal_t2", 2, 0.05, 30000)):
        toy.add(
            "retrofit_measures",
            measure=measure,
            sector="steel",
            carrier="coal",
            tranche=tranche,
            max_share=share,
            cost_cny_per_unit_saved=cost,
            lifetime_years=10,
        )
    model, objective = build_and_solve(toy.scenario(carbon_price_cny_per_t={P: 1000}))
    assert_family_binds(model, "C14", objective)
    assert v(model.sav[A, "coal_t1", P]) == pytest.approx(0.9)
    assert v(model.inv[A, "coal_t1", P]) == pytest.approx(0.9)
    assert v(model.sav[A, "coal_t2", P]) == pytest.approx(0.0, abs=1e-9)
    assert v(model.emis_ind[A, "steel", P]) == pytest.approx(18.0 - 1.8)
    assert objective == pytest.approx(85.5)


@pytest.mark.family("C15")
def test_c15_growth_floor():
    """``old`` adds 1000 CNY of value per t (1 bn per Mt); VA_other = 100 − 9 = 91. A 2 %/yr
    floor needs va_ind ≥ 110.408, i.e. q ≥ 19.408 Mt: 9 Mt from stock (4.5) and 10.408 Mt
    of new ``old`` at 0.6: 4.5 + 6.2448 = 10.7448. Without C15: 4.5."""
    toy = old_only(value_added=1000)
    model, objective = build_and_solve(toy.scenario(growth_floor={"pct_per_yr": 2.0}))
    assert_family_binds(model, "C15", objective)
    need = FLOOR_2PCT - 91.0
    assert v(model.q[A, "steel", "old", P]) == pytest.approx(need)
    assert objective == pytest.approx(4.5 + (need - 9.0) * 0.6)


@pytest.mark.family("C15")
def test_c15_emerging_industry_ceiling_and_investment():
    """As above, with emerging industries: ceiling 10 % of base VA (10 bn), capital 0.2 CNY per
    CNY of value added (cheaper than producing steel at 0.5–0.6 per bn): w = 10, winv = 10,
    then q = 9.408: 4.5 + 0.408 × 0.6 + 0.2 × 10 = 6.7448."""
    toy = old_only(value_added=1000)
    emerging = {
        "max_share_of_base_va_industry": 0.1,
        "emissions_tco2_per_10k_cny": 0.0,
        "electricity_mwh_per_10k_cny": 0.0,
        "investment_cny_per_cny_va": 0.2,
    }
    scenario = toy.scenario(growth_floor={"pct_per_yr": 2.0}, emerging_industry=emerging)
    model, objective = build_and_solve(scenario)
    assert_family_binds(model, "C15", objective)
    assert v(model.w[A, P]) == pytest.approx(10.0)
    assert v(model.winv[A, P]) == pytest.approx(10.0)
    assert objective == pytest.approx(4.5 + (FLOOR_2PCT - 101.0 - 9.0) * 0.6 + 2.0)


@pytest.mark.family("C15")
def test_c15_national_floor():
    """No regional growth; a national floor of 105 bn needs q ≥ 14: 4.5 + 5 × 0.6 = 7.5."""
    toy = old_only(value_added=1000)
    model, objective = build_and_solve(toy.scenario(growth_floor={"national_bn_cny": {P: 105.0}}))
    assert_family_binds(model, "C15", objective)
    assert v(model.q[A, "steel", "old", P]) == pytest.approx(14.0)
    assert objective == pytest.approx(7.5)
