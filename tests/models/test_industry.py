"""Industry families C1–C7, each on a toy whose optimum is derived by hand.

Toy conventions (see ``toys.py``): one period 2025, AF = 5, DF = 1; ``old`` steel costs 0.5 per
Mt/yr of output (fuel) and 0.1 per Mt/yr built (capex less salvage), emits 2 tCO2/t; ``clean``
costs 1 per Mt/yr built and emits nothing; 10 Mt/yr of base ``old`` capacity leaves 9 in 2025.
"""

from __future__ import annotations

import pytest
from toys import CLEAN, OLD, SOURCE, Toy, assert_family_binds, build_and_solve, steel_toy, v

from dualcarbon.models import build_model

A, B = "A", "B"
P = 2025


@pytest.mark.family("C1")
def test_c1_stock_survival_and_new_build():
    """Demand 12 Mt; base stock 10 Mt survives at α = 1 − 5/50 = 0.9 → 9 Mt in 2025.

    Optimum: run the 9 Mt (9 × 0.5 = 4.5) and build 3 Mt of ``old`` (3 × (0.5 + 0.1) = 1.8):
    objective 6.3, xcap[old] = 12. Without C1, xcap would be free: 12 Mt from stock at 6.0.
    """
    model, objective = build_and_solve(steel_toy(demand=12).scenario())
    assert_family_binds(model, "C1", objective)
    assert objective == pytest.approx(6.3)
    assert v(model.xnew[A, "steel", "old", P]) == pytest.approx(3.0)
    assert v(model.xcap[A, "steel", "old", P]) == pytest.approx(12.0)
    assert v(model.C1_stock[A, "steel", "old", P].body) == pytest.approx(0.0, abs=1e-9)


@pytest.mark.family("C1")
def test_c1_early_retirement_is_not_counted_twice():
    """Two periods (2025, 2030; α = 0.9, 0.8), demand 9, carbon price 1000 CNY/t in both.

    ``old`` costs 10.5 per Mt/yr per period to run and 0.5 per Mt/yr per period to keep (fom
    100 CNY/t); retiring costs 0.1 per Mt (stranded 100 CNY/t). ``clean`` built in 2025 lives
    to 2030 and has no salvage left (age 10 = life): 2 per Mt. Optimum: retire all 9 Mt in 2025
    (0.9) and build 9 Mt of ``clean`` (18): **18.9**, xret = 10·α = 9 (the C1_retire_limit
    binds: 9/0.9 = x0). Subtracting Σ xret at face value (MODEL.md's literal C1) would make
    2030 stock 8 − 9 < 0, so only 8 Mt could retire and 1 Mt would be kept idle: 19.3.
    """
    toy = steel_toy()
    toy.tech("steel", "old", **OLD, fom_cny_per_t=100, stranded_cost_cny_per_t=100)
    toy.rows["industry_demand"] = []
    toy.add("industry_demand", sector="steel", year=2030, demand_mt=9.0)
    toy.add("industry_demand", sector="steel", year=P, demand_mt=9.0)
    scenario = toy.scenario(periods=[P, 2030], carbon_price_cny_per_t={P: 1000, 2030: 1000})
    model, objective = build_and_solve(scenario)
    assert_family_binds(model, "C1", objective)
    assert objective == pytest.approx(18.9)
    assert v(model.xret[A, "steel", "old", P]) == pytest.approx(9.0)
    assert v(model.xcap[A, "steel", "old", 2030]) == pytest.approx(0.0, abs=1e-9)
    assert v(model.xnew[A, "steel", "clean", P]) == pytest.approx(9.0)
    limit = model.C1_retire_limit[A, "steel", "old", 2030]
    assert v(limit.body) == pytest.approx(limit.upper())


@pytest.mark.family("C2")
def test_c2_utilisation():
    """u_max = 0.8: 9 Mt of stock yields 7.2 Mt; the other 1.8 Mt need 1.8/0.8 = 2.25 Mt/yr of
    new ``old`` capacity: 9 × 0.5 + 2.25 × 0.1 = 4.725. Without C2: 4.5 from stock alone."""
    toy = Toy().sector("steel", demand={P: 9.0}, max_utilisation=0.8)
    toy.tech("steel", "old", **OLD).capacity(A, "steel", "old", 10.0, output=9.0)
    model, objective = build_and_solve(toy.scenario())
    assert_family_binds(model, "C2", objective)
    assert objective == pytest.approx(4.725)
    assert v(model.xnew[A, "steel", "old", P]) == pytest.approx(2.25)


@pytest.mark.family("C3")
def test_c3_demand():
    """Demand 5 Mt: produce exactly 5 at 0.5 each → 2.5. Without C3 nothing is produced (0)."""
    model, objective = build_and_solve(steel_toy(demand=5).scenario())
    assert_family_binds(model, "C3", objective)
    assert objective == pytest.approx(2.5)
    assert v(model.q[A, "steel", "old", P]) == pytest.approx(5.0)


@pytest.mark.family("C4")
def test_c4_backward_phase_out():
    """``bwd`` (backward, phase-out 2025, stranded 500 CNY/t = 0.5 bn per Mt) holds all 10 Mt.

    With C4 its 9 surviving Mt retire (9 × 0.5 = 4.5 stranded) and 9 Mt of ``old`` are built
    (9 × 0.6 = 5.4): 9.9. Without C4 the backward plant runs at 9 × 0.5 = 4.5.
    """
    toy = Toy().sector("steel", demand={P: 9.0})
    toy.tech("steel", "old", **OLD)
    toy.tech("steel", "bwd", **OLD, is_backward=1, phase_out_year=2025, stranded_cost_cny_per_t=500)
    toy.capacity(A, "steel", "bwd", 10.0, output=9.0)
    model, objective = build_and_solve(toy.scenario())
    assert_family_binds(model, "C4", objective)
    assert objective == pytest.approx(9.9)
    assert v(model.xcap[A, "steel", "bwd", P]) == pytest.approx(0.0, abs=1e-9)
    assert v(model.xret[A, "steel", "bwd", P]) == pytest.approx(9.0)
    off, objective_off = build_and_solve(toy.scenario(replacement={"phase_out": False}))
    assert objective_off == pytest.approx(4.5)


def _replacement_ratios(toy: Toy) -> Toy:
    """MIIT ratios (钢铁 2021: 1.5 key / 1.25 other; 水泥 2021: 2 key / 1.5 other / 2 cross)."""
    for sector, case, ratio in [
        ("steel", "key_region", 1.5),
        ("steel", "other", 1.25),
        ("cement", "key_region", 2.0),
        ("cement", "other", 1.5),
        ("cement", "cross_province", 2.0),
    ]:
        toy.add("replacement_ratios", sector=sector, case=case, ratio=ratio, source=SOURCE)
    return toy


@pytest.mark.family("C5")
def test_c5_key_region_steel_three_retired_allow_two_new():
    """Key region A, steel ratio 1.5. Carbon price 1000 CNY/t makes ``old`` cost 10.5 per Mt
    and ``clean`` 1, so the LP replaces as much as C5 allows. Demand 8, 9 Mt of stock:
    1.5·C ≤ X (retired) and 9 − X + C ≥ 8 ⇒ C ≤ 2, X = 3: **3 Mt retired allow 2 Mt new**.
    Objective 6 × 10.5 + 2 × 1 = 65. Without C5: retire 9, build 8 clean → 8."""
    toy = _replacement_ratios(steel_toy(regions={A: True}, demand=8))
    model, objective = build_and_solve(toy.scenario(carbon_price_cny_per_t={P: 1000}))
    assert_family_binds(model, "C5", objective)
    assert v(model.xret[A, "steel", "old", P]) == pytest.approx(3.0)
    assert v(model.xnew[A, "steel", "clean", P]) == pytest.approx(2.0)
    assert objective == pytest.approx(65.0)


@pytest.mark.family("C5")
def test_c5_cross_province_cement_three_retired_allow_one_and_a_half():
    """Cement: A (key) retires clinker and sends the quota to B at the cross-province 2:1.

    A's own ratio is raised to 2.5 (toy) so building at home is dearer than moving the quota.
    Carbon price 1000: ``old`` costs 10.5 per Mt, ``clean`` 1. Demand 7.5; A holds 9 Mt, B
    hosts cement with 0 Mt. Max clean: C_B ≤ y/2, 9 − X + C_B ≥ 7.5, y ≤ X ⇒ X = 3, y = 3,
    **C_B = 1.5**. Objective 6 × 10.5 + 1.5 × 1 = 64.5. Without C5: 7.5 clean → 7.5.
    """
    toy = Toy({A: True, B: False}).sector("cement", demand={P: 7.5})
    toy.tech("cement", "old", **OLD).tech("cement", "clean", **CLEAN)
    toy.capacity(A, "cement", "old", 10.0, output=7.5).capacity(B, "cement", "old", 0.0)
    _replacement_ratios(toy)
    scenario = toy.scenario(
        carbon_price_cny_per_t={P: 1000},
        replacement={"ratio_overrides": {"cement": {"key_region": 2.5}}},
    )
    model, objective = build_and_solve(scenario)
    assert_family_binds(model, "C5", objective)
    assert v(model.y[A, B, "cement", P]) == pytest.approx(3.0)
    assert v(model.xnew[B, "cement", "clean", P]) == pytest.approx(1.5)
    assert v(model.xnew[A, "cement", "clean", P]) == pytest.approx(0.0, abs=1e-9)
    assert objective == pytest.approx(64.5)
    assert (B, A, "cement") not in model.Y  # no transfer into a key region


@pytest.mark.family("C6")
def test_c6_no_increase_in_key_region():
    """A (key, 10 Mt base) and B (2 Mt base, 1.8 left; regional cap at its base emissions 3.6).

    Demand 12 needs 1.2 Mt beyond the 10.8 Mt of stock. C6 lets A reach only its base 10 Mt
    (+1 Mt ``old`` at 0.6); B cannot emit more, so 0.2 Mt of ``clean`` (1 each) in B:
    10.8 × 0.5 + 0.6 + 0.2 = 6.2. Without C6: 1.2 Mt ``old`` in A → 5.4 + 0.72 = 6.12."""
    toy = Toy({A: True, B: False}).sector("steel", demand={P: 12.0}, no_increase_in_key_regions=1)
    toy.tech("steel", "old", **OLD).tech("steel", "clean", **CLEAN)
    toy.capacity(A, "steel", "old", 10.0, output=9.0).capacity(B, "steel", "old", 2.0, output=1.8)
    scenario = toy.scenario(regional_cap_share_of_base={B: {P: 1.0}})
    model, objective = build_and_solve(scenario)
    assert_family_binds(model, "C6", objective)
    assert objective == pytest.approx(6.2)
    assert v(model.xnew[A, "steel", "old", P]) == pytest.approx(1.0)
    assert v(model.xnew[B, "steel", "clean", P]) == pytest.approx(0.2)


@pytest.mark.family("C7")
def test_c7_national_ceiling():
    """Ceiling 10 Mt. Carbon price 1000: ``old`` 10.5 per Mt, so 9 Mt of ``clean`` (9) are built.
    Keeping idle stock is free but the ceiling forces 8 Mt of it out (stranded 100 CNY/t = 0.1
    each): 9 + 0.8 = 9.8. Without C7 the idle stock stays: 9."""
    toy = Toy().sector("steel", demand={P: 9.0}, national_capacity_ceiling_mt=10.0)
    toy.tech("steel", "old", **OLD, stranded_cost_cny_per_t=100).tech("steel", "clean", **CLEAN)
    toy.capacity(A, "steel", "old", 10.0, output=9.0)
    model, objective = build_and_solve(toy.scenario(carbon_price_cny_per_t={P: 1000}))
    assert_family_binds(model, "C7", objective)
    assert objective == pytest.approx(9.8)
    assert v(model.xret[A, "steel", "old", P]) == pytest.approx(8.0)
    assert sum(v(model.xcap[A, "steel", k, P]) for k in ("old", "clean")) == pytest.approx(10.0)


@pytest.mark.family("C5")
def test_c5_scheduled_retirements_create_quota_when_counted():
    """Ratio 1.25 (non-key), carbon price 1000 (``old`` 10.5 per Mt, ``clean`` 1), demand 9.

    With ``count_scheduled_retirements`` the 1 Mt of base stock reaching its end of life by
    2025 (10 × (1 − 0.9)) is quota too: 1.25·C ≤ 1 + X and 9 − X + C ≥ 9 ⇒ C = X = 4:
    5 × 10.5 + 4 × 1 = 56.5. Not counted: 1.25·C ≤ X ≤ C ⇒ no clean steel, 9 × 10.5 = 94.5.
    Without C5: 9 Mt of clean, 9."""
    toy = _replacement_ratios(steel_toy())
    counted = toy.scenario(
        replacement={"count_scheduled_retirements": True}, carbon_price_cny_per_t={P: 1000}
    )
    model, objective = build_and_solve(counted)
    assert_family_binds(model, "C5", objective)
    assert v(model.xnew[A, "steel", "clean", P]) == pytest.approx(4.0)
    assert objective == pytest.approx(56.5)
    _, not_counted = build_and_solve(toy.scenario(carbon_price_cny_per_t={P: 1000}))
    assert not_counted == pytest.approx(94.5)


def test_c5_end_of_life_of_model_built_capacity_is_quota_when_counted():
    """Periods 2025 and 2035: ``clean`` (life 10) built in 2025 retires by 2035; with scheduled
    retirements counted its capacity is quota in the 2035 row (coefficient −1 on the need side),
    and not in 2025."""
    from pyomo.repn import generate_standard_repn

    toy = _replacement_ratios(steel_toy())
    toy.add("industry_demand", sector="steel", year=2035, demand_mt=9.0)
    scenario = toy.scenario(periods=[P, 2035], replacement={"count_scheduled_retirements": True})
    model = build_model(scenario)
    built = model.xnew[A, "steel", "clean", P]

    def coefficient(period):
        repn = generate_standard_repn(model.C5_replacement[A, "steel", period].body)
        return dict(zip((id(x) for x in repn.linear_vars), repn.linear_coefs, strict=True)).get(
            id(built), 0.0
        )

    # need − quota ≤ 0: in 2025 the vintage is a need (ρ = 1.25); in 2035 it also frees quota
    assert coefficient(P) == pytest.approx(1.25)
    assert coefficient(2035) == pytest.approx(-1.0)
