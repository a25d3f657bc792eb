"""Emission families C16–C19 and the carbon-transfer demonstration, on hand-checked toys.

Steel toys: ``old`` 0.5 per Mt/yr to run and 2 tCO2/t; ``clean`` 1 per Mt/yr built, no CO2.
Base inventories equal modelled base emissions (E_other = 0) unless a test says otherwise.
"""

from __future__ import annotations

import pyomo.environ as pyo
import pytest
from toys import (
    CLEAN,
    OLD,
    Toy,
    assert_family_binds,
    build_and_solve,
    build_and_solve_fixed_point,
    steel_toy,
    v,
)

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
    """A (9 Mt made in the base year, E0 = 18) and B (3 Mt, E0 = 6), 9 Mt of ``old`` stock
    left each. Demand 12 = base output, so each C17 ceiling is the province's own E0. A's
    regional cap is half its base 18 → A may emit 9 (4.5 Mt of ``old``)."""
    toy = Toy({A: False, B: False}).sector("steel", demand={P: 12.0})
    toy.tech("steel", "old", **OLD).tech("steel", "clean", **CLEAN)
    return toy.capacity(A, "steel", "old", 10.0, output=9.0).capacity(
        B, "steel", "old", 10.0, output=3.0
    )


@pytest.mark.family("C17")
@pytest.mark.parametrize(
    ("policy", "expected", "leak_b"),
    [("off", 6.0, 9.0), ("share", 8.25, 0.0), ("strict", 8.25, 0.0)],
)
def test_c17_relocation_is_leakage_under_off_and_prevented_under_strict(policy, expected, leak_b):
    """A capped plant relocated to an uncapped province. ``off``: B (uncapped) makes what A
    may no longer make, 7.5 Mt of ``old``: 12 × 0.5 = 6; B emits 15 against its own base
    6 → leak 9. ``share`` (C17): B ≤ 6 → 3 Mt of ``old``; A 4.5 old; 4.5 Mt ``clean``:
    7.5 × 0.5 + 4.5 × 1 = 8.25, leak 0. ``strict`` adds C18 (B ≤ 6 holds) and C19 (no flows):
    8.25. The rule costs 8.25 − 6 = 2.25 bn CNY."""
    scenario = leakage_toy().scenario(
        transfer_policy=policy, regional_cap_share_of_base={A: {P: 0.5}}
    )
    model, objective = build_and_solve(scenario)
    assert objective == pytest.approx(expected)
    leak = carbon_leakage(model).set_index(["region", "sector", "period"])["leak_mtco2"]
    assert leak[B, "steel", P] == pytest.approx(leak_b, abs=1e-7)
    assert leak[A, "steel", P] == pytest.approx(0.0, abs=1e-7)
    if policy == "share":  # under strict, C18 would hold B at its base on its own as well
        assert_family_binds(model, "C17", objective)
    if policy != "off":
        assert v(model.q[B, "steel", "old", P]) == pytest.approx(3.0)


@pytest.mark.family("C17")
def test_c17_base_is_the_last_observed_geography():
    """Leakage toy, but by 2023 B makes 6 Mt and A 6 Mt (national output unchanged, G = 1):
    relocation before the present is history, so C17's ceilings are A: 18 × 6/9 = 12 and
    B: 6 × 6/3 = 12. B may now make 6 Mt of ``old``, A 4.5 (its cap), 1.5 Mt ``clean``:
    10.5 × 0.5 + 1.5 = 6.75, and B's 12 MtCO2 are no leakage. With the history family off the
    base is 2020's (B ≤ 6): 8.25, as in the relocation test above."""
    toy = leakage_toy()
    for region in (A, B):
        toy.add("industry_production", region=region, sector="steel", year=2023, output_mt=6.0)
    config = {"transfer_policy": "share", "regional_cap_share_of_base": {A: {P: 0.5}}}
    model, objective = build_and_solve(toy.scenario(**config))
    assert_family_binds(model, "C17", objective)
    assert v(model.sector_base_ceiling_mtco2[B, "steel", P]) == pytest.approx(12.0)
    assert v(model.sector_base_ceiling_mtco2[A, "steel", P]) == pytest.approx(12.0)
    assert v(model.q[B, "steel", "old", P]) == pytest.approx(6.0)
    assert objective == pytest.approx(6.75)
    leak = carbon_leakage(model).set_index(["region", "sector", "period"])["leak_mtco2"]
    assert leak[B, "steel", P] == pytest.approx(0.0, abs=1e-7)
    _, from_2020 = build_and_solve(toy.scenario(**config, optional_families={"history": False}))
    assert from_2020 == pytest.approx(8.25)


@pytest.mark.family("C17")
def test_c17_a_leader_tightens_nobody_elses_ceiling():
    """A and B made 9 Mt each in the base year (E0 = 18 each); demand stays 18. A has a cap of
    half its base (9 → 4.5 Mt ``old`` + 4.5 Mt ``clean``); B has 13.5 Mt of cheap ``old`` stock
    and no cap. C17 keeps B at its own base 18 (9 Mt ``old``), so A's extra cut is not moved to B:
    13.5 × 0.5 + 4.5 × 1 = 11.25 (without C17, B makes 13.5: 9). A cuts to 9 Mt CO2, far faster
    than the national average, and B keeps its full 18: no lock-step. The rejected share form
    emis_B ≤ θ_B·ne = 0.5·(9 + emis_B) would have forced B down to 9 as well (cost 13.5)."""
    toy = Toy({A: False, B: False}).sector("steel", demand={P: 18.0})
    toy.tech("steel", "old", **OLD).tech("steel", "clean", **CLEAN)
    toy.capacity(A, "steel", "old", 10.0, output=9.0).capacity(B, "steel", "old", 15.0, output=9.0)
    scenario = toy.scenario(transfer_policy="share", regional_cap_share_of_base={A: {P: 0.5}})
    model, objective = build_and_solve(scenario)
    assert_family_binds(model, "C17", objective)
    assert objective == pytest.approx(11.25)
    assert v(model.emis_ind[A, "steel", P]) == pytest.approx(9.0)
    assert v(model.emis_ind[B, "steel", P]) == pytest.approx(18.0)
    assert v(model.ne["steel", P]) == pytest.approx(27.0)


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
    its consumption emissions are 15. Consumption accounting (C19): the imports carry A's
    intensity, 1 tCO2/MWh, into B's account, so B builds solar for all 10 TWh: 10."""
    scenario = import_toy().scenario(
        regional_cap_share_of_base={B: {P: 1.0}},
        transfer_rules={"consumption_accounting": consumption},
    )
    model, objective, report = build_and_solve_fixed_point(scenario)
    assert objective == pytest.approx(expected)
    assert report.converged
    if consumption:
        assert_family_binds(model, "C19", objective)
        assert v(model.f[A, B, P]) == pytest.approx(0.0, abs=1e-9)
        assert v(model.emis_cons[B, P]) == pytest.approx(5.0)
    else:
        assert v(model.f[A, B, P]) == pytest.approx(10.0)
        assert v(model.EFX[A, P]) == pytest.approx(1.0)
        assert v(model.emis_cons[B, P]) == pytest.approx(15.0)
        assert v(model.emis_prod[B, P]) == pytest.approx(5.0)


def labelling_toy() -> Toy:
    """A has 1 TWh of hydro (0 t) and any amount of coal (1 tCO2/MWh, 0.5 per TWh) and needs
    1 TWh itself; B needs 10 TWh, has gas (0.2 tCO2/MWh, 5 per TWh) and a consumption cap of
    2 × its base 4 (E_other) = 8 MtCO2."""
    toy = Toy({A: False, B: False}).sector("steel", demand={P: 0.0})
    toy.tech("steel", "old", coal_tce_per_t=1)
    toy.capacity(A, "steel", "old", 0.0).capacity(B, "steel", "old", 0.0)
    toy.power("hydro").power("coal", emission_factor_tco2_per_mwh=1.0, vom_cny_per_mwh=100)
    toy.power("gas", emission_factor_tco2_per_mwh=0.2, vom_cny_per_mwh=1000)
    toy.plant(A, "hydro", 1.0, cf=1 / (8.76 * 0.9)).plant(A, "coal", 100.0).plant(B, "gas", 100.0)
    toy.demand_twh(A, 1.0).demand_twh(B, 10.0).corridor(A, B, 100.0)
    toy.inventory = {A: 0.0, B: 4.0}
    return toy


@pytest.mark.family("C19")
def test_c19_importer_pays_the_exporters_average_intensity():
    """The labelling exploit is closed. With flows tagged by technology B could import A's
    hydro as clean (1 TWh) plus 2.75 TWh of coal (4 + 0.2·(9 − c) + c ≤ 8) while A kept nothing
    clean for itself: 3.75 TWh. Untagged, B imports x TWh and A generates 1 + x (hydro 1, coal x),
    so EFX_A = x/(1 + x) and B's cap reads 4 + 0.2·(10 − x) + x²/(1 + x) ≤ 8
    ⇔ 0.8x² − 2.2x − 2 ≤ 0 ⇒ x* = (2.2 + √11.24)/1.6 = 3.4704 TWh, EFX* = x*/(1 + x*) = 0.77630
    t/MWh (the root of e² + 1.8e − 2 = 0). Cost: A's coal 0.5·x* + B's gas 5·(10 − x*) = 34.383.
    Reached by the fixed-point iteration over warm re-solves: the LP at fixed EFX = e allows
    x = 2/(e − 0.2), so e ← 2/(e + 1.8), a contraction (|slope| 0.30)."""
    scenario = labelling_toy().scenario(
        regional_cap_share_of_base={B: {P: 2.0}},
        transfer_rules={"consumption_accounting": True},
    )
    model, objective, report = build_and_solve_fixed_point(scenario, tolerance=1e-8)
    x = (2.2 + 11.24**0.5) / 1.6
    assert report.converged and report.iterations > 2
    assert v(model.EFX[A, P]) == pytest.approx(x / (1 + x), rel=1e-6)
    assert v(model.EFX[A, P]) == pytest.approx((-1.8 + 11.24**0.5) / 2, rel=1e-6)
    assert v(model.f[A, B, P]) == pytest.approx(x, rel=1e-6)
    assert v(model.f[A, B, P]) < 3.75
    assert v(model.emis_cons[B, P]) == pytest.approx(8.0, rel=1e-6)
    assert objective == pytest.approx(0.5 * x + 5 * (10 - x), rel=1e-6)
    assert_family_binds(model, "C19", objective)


@pytest.mark.family("C19")
def test_fixed_point_reports_non_convergence():
    """One solve allowed: the labelling case needs several, so the status says so."""
    from dualcarbon.models import build_model
    from dualcarbon.solvers.fixed_point import solve_fixed_point
    from dualcarbon.solvers.persistent import PersistentPlan

    scenario = labelling_toy().scenario(
        regional_cap_share_of_base={B: {P: 2.0}},
        transfer_rules={"consumption_accounting": True},
    )
    outcome, report = solve_fixed_point(PersistentPlan(build_model(scenario)), max_iterations=1)
    assert outcome.status == "not_converged"
    assert not report.converged and report.iterations == 1


@pytest.mark.family("C19")
def test_fixed_point_loads_every_variable_of_the_last_solve():
    """Between solves the iteration loads only what it reads (generation, the variables of
    emis_power, flows); the plan it hands back holds every variable of the last solve."""
    from dualcarbon.models import build_model
    from dualcarbon.solvers.fixed_point import solve_fixed_point
    from dualcarbon.solvers.persistent import PersistentPlan

    scenario = labelling_toy().scenario(
        regional_cap_share_of_base={B: {P: 2.0}},
        transfer_rules={"consumption_accounting": True},
    )
    model = build_model(scenario)
    for var in model.component_data_objects(pyo.Var):
        var.set_value(None, skip_validation=True)
    plan = PersistentPlan(model)
    loads = []
    solve = plan.solve

    def recording(**options):
        loads.append(options.get("load"))
        return solve(**options)

    plan.solve = recording
    outcome, report = solve_fixed_point(plan, tolerance=1e-8)
    assert outcome.status.is_optimal and report.iterations == len(loads) > 2
    everything = list(model.component_data_objects(pyo.Var))
    assert all(0 < len(load) < len(everything) for load in loads)
    final = plan._results.solution_loader.get_vars()  # every variable HiGHS holds
    assert len(final) > max(len(load) for load in loads)
    assert all(var.value == pytest.approx(value) for var, value in final.items())


@pytest.mark.family("C19")
def test_a_warm_re_solve_past_its_budget_is_done_cold():
    """A warm re-solve gets as long as the last cold solve took; one that runs out (faked
    here: the first warm re-solve reports HiGHS' time limit) is redone cold, without a limit,
    and the iteration still lands on the hand-computed fixed point of the labelling case."""
    from dataclasses import replace

    from dualcarbon.models import build_model
    from dualcarbon.solvers.fixed_point import solve_fixed_point
    from dualcarbon.solvers.persistent import PersistentPlan
    from dualcarbon.solvers.status import SolveStatus

    scenario = labelling_toy().scenario(
        regional_cap_share_of_base={B: {P: 2.0}},
        transfer_rules={"consumption_accounting": True},
    )
    plan = PersistentPlan(build_model(scenario))
    calls = []
    solve = plan.solve

    def first_warm_runs_out(**options):
        outcome = solve(**options)
        calls.append(options)
        if options.get("method") == "simplex" and not faked:
            faked.append(len(calls) - 1)
            return replace(outcome, status=SolveStatus.TIME_LIMIT, objective_bn_cny=None)
        return outcome

    faked: list[int] = []
    plan.solve = first_warm_runs_out
    outcome, report = solve_fixed_point(plan, tolerance=1e-8)
    x = (2.2 + 11.24**0.5) / 1.6
    assert faked, "no warm re-solve in this case"
    warm, after = calls[faked[0]], calls[faked[0] + 1]
    assert warm["time_limit"] < float("inf")
    assert after.get("method") != "simplex" and after["time_limit"] == float("inf")
    assert outcome.status.is_optimal and report.converged
    assert v(plan.model.EFX[A, P]) == pytest.approx(x / (1 + x), rel=1e-6)
