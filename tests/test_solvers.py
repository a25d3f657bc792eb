"""Solving: statuses, shadow prices in CNY/tCO2, result tables and exact round trips (toy LPs)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from toys import steel_toy

import dualcarbon as dc
from dualcarbon.solvers.result import ResultNotOptimalError
from dualcarbon.solvers.status import SolveStatus

P = 2025


def _capped_toy():
    """One region, steel: 9 Mt/yr of ``old`` (2 tCO2/t, 0.5 bn CNY per Mt/yr of output over the
    period) and buildable ``clean`` (zero emissions, 1 bn CNY per Mt/yr net of salvage).
    Base output 9 Mt → base emissions 18 MtCO2; demand 9 Mt; national cap 50 % → 9 MtCO2.

    Optimum by hand: ``old`` may produce 9/2 = 4.5 Mt; ``clean`` builds and produces 4.5 Mt.
    Objective = 4.5 × 0.5 + 4.5 × 1 = 6.75 bn CNY. One more MtCO2 of cap lets ``old`` replace
    0.5 Mt of ``clean``: saves 0.5 × (1 − 0.5) = 0.25 bn CNY (present value, one 5-year period,
    AF = 5, no discounting) → shadow price 0.25 / 5 × 1000 = 50 CNY/tCO2.
    """
    return steel_toy().scenario(national_cap={"share_of_base": {P: 0.5}})


def test_optimal_toy_objective_and_carbon_price():
    result = dc.solve(_capped_toy())
    assert result.status is SolveStatus.OPTIMAL and result.is_optimal
    assert result.objective_bn_cny == pytest.approx(6.75)
    national = result.table("national").set_index("period")
    assert national.loc[P, "emissions_mtco2"] == pytest.approx(9.0)
    assert national.loc[P, "cap_mtco2"] == pytest.approx(9.0)
    assert national.loc[P, "cap_shadow_price_cny_per_t"] == pytest.approx(50.0)
    assert national.loc[P, "carbon_price_cny_per_t"] == pytest.approx(0.0)  # none in the objective
    duals = result.table("duals")
    cap = duals[duals["constraint"] == "C16_national_cap"].iloc[0]
    assert cap["family"] == "C16" and cap["price_unit"] == "CNY/tCO2"
    industry = result.table("industry").set_index(["technology"])
    assert industry.loc["clean", "new_build_mt"] == pytest.approx(4.5)
    assert industry.loc["old", "production_mt"] == pytest.approx(4.5)


def test_result_tables_carry_units_and_summary_names_headlines():
    result = dc.solve(_capped_toy())
    for name in (
        "national",
        "emissions",
        "industry",
        "power",
        "leakage",
        "economy",
        "costs",
        "duals",
    ):
        assert name in result.tables
    assert {"production_mtco2", "consumption_mtco2"} <= set(result.table("emissions").columns)
    text = result.summary()
    assert "6.8 bn CNY" in text and "50" in text


def test_lazy_tables_extract_only_what_is_read_and_equal_the_full_extraction():
    """A sweep case reads its metrics from tables extracted on demand: reading ``national``
    (the cap's price: 50 CNY/tCO2 by hand, see _capped_toy) reads the cap's dual alone, not
    every row's; every table read lazily equals the full extraction of the same solution."""
    from dualcarbon.models import build_model
    from dualcarbon.solvers.extract import TABLE_NAMES, ResultTables, extract_tables
    from dualcarbon.solvers.persistent import PersistentPlan

    scenario = _capped_toy()
    plan = PersistentPlan(build_model(scenario))
    assert plan.solve().status is SolveStatus.OPTIMAL
    lazy = ResultTables(plan, scenario)
    national = lazy["national"].set_index("period")
    assert national.loc[P, "cap_shadow_price_cny_per_t"] == pytest.approx(50.0)
    assert "duals" not in lazy._done and "validation" not in lazy._done
    full = extract_tables(plan, scenario)
    assert list(full) == list(TABLE_NAMES) == list(lazy)
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(lazy[name], full[name], check_exact=False, rtol=1e-12)
    with pytest.raises(KeyError):
        lazy["no_such_table"]
    # a table not read before the next solve is refused, not taken from the new solution
    stale = ResultTables(plan, scenario)
    plan.solve()
    with pytest.raises(RuntimeError, match="solved again"):
        stale["industry"]


def test_infeasible_status_and_no_plan():
    """Demand 30 Mt with 9 Mt/yr of stock and a cap of zero that ``old`` cannot meet... and no
    clean technology: nothing can produce without emitting, so the cap cannot hold."""
    toy = steel_toy()
    del toy.industry_techs["steel", "clean"]
    result = dc.solve(toy.scenario(national_cap={"share_of_base": {P: 0.1}}))
    assert result.status is SolveStatus.INFEASIBLE
    assert "diagnose" in result.message
    assert result.tables == {}
    with pytest.raises(ResultNotOptimalError, match="infeasible"):
        result.table("national")


def test_round_trip_of_a_result_folder_is_exact(tmp_path):
    result = dc.solve(_capped_toy())
    folder = result.to_folder(tmp_path / "run")
    loaded = dc.Result.load(folder)
    assert loaded.status is result.status and loaded.objective_bn_cny == result.objective_bn_cny
    assert sorted(loaded.tables) == sorted(result.tables)
    for name, frame in result.tables.items():
        pd.testing.assert_frame_equal(loaded.tables[name], frame, check_exact=True)
    metadata = json.loads((folder / "metadata.json").read_text())
    assert len(metadata["scenario_fingerprint"]) == 64
    assert metadata["versions"]["pyomo"] and metadata["timings_s"]["solve"] >= 0
    assert metadata["model_size"]["rows"] > 0
    assert (folder / "tables" / "national.csv").is_file()


def test_non_optimal_result_writes_nothing(tmp_path):
    toy = steel_toy()
    del toy.industry_techs["steel", "clean"]
    result = dc.solve(toy.scenario(national_cap={"share_of_base": {P: 0.1}}))
    with pytest.raises(ResultNotOptimalError):
        result.to_folder(tmp_path / "run")
    assert list(tmp_path.iterdir()) == []


def test_failed_write_leaves_the_old_folder_and_no_partial(tmp_path, monkeypatch):
    result = dc.solve(_capped_toy())
    target = result.to_folder(tmp_path / "run")
    before = sorted(p.name for p in (target / "tables").iterdir())

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_csv", broken)
    with pytest.raises(OSError, match="disk full"):
        result.to_folder(target)
    assert sorted(p.name for p in (target / "tables").iterdir()) == before
    assert [p.name for p in tmp_path.iterdir()] == ["run"]


def test_diagnose_names_the_cap_that_collides():
    """Without ``clean``, only ``old`` (2 tCO2/t) can meet demand 9 Mt → 18 MtCO2 at least;
    a cap of 10 % of 18 = 1.8 MtCO2 must be relaxed by 16.2 MtCO2 (C16), nothing else."""
    toy = steel_toy()
    del toy.industry_techs["steel", "clean"]
    report = dc.diagnose(toy.scenario(national_cap={"share_of_base": {P: 0.1}}))
    assert not report.feasible
    assert report.families == ["C16"]
    row = report.violations.iloc[0]
    assert row["constraint"] == "C16_national_cap" and row["period"] == P
    assert row["violation"] == pytest.approx(16.2)
    assert row["unit"] == "MtCO2/yr"
    assert "C16_national_cap" in report.summary()


def _uncapped_dirty_toy():
    toy = steel_toy()
    del toy.industry_techs["steel", "clean"]
    return toy.scenario(national_cap={"share_of_base": {P: 0.1}})


def test_diagnose_iis_is_opt_in_and_names_the_colliding_rows():
    """Demand (C3) and the cap (C16) alone cannot both hold: HiGHS' subset holds both rows."""
    scenario = _uncapped_dirty_toy()
    assert dc.diagnose(scenario).iis is None
    report = dc.diagnose(scenario, iis=True)
    assert set(report.iis["constraint"]) == {"C3_demand", "C16_national_cap"}
    assert report.iis_note == ""
    assert "C16_national_cap (1)" in report.summary()


def test_diagnose_iis_cut_short_says_so_and_keeps_the_relaxation():
    report = dc.diagnose(_uncapped_dirty_toy(), iis=True, iis_time_limit=0.0)
    assert report.iis is None and "cut short" in report.iis_note
    assert report.families == ["C16"]
    assert "cut short" in report.summary() and "C16_national_cap" in report.summary()


def test_diagnose_on_a_feasible_scenario():
    assert dc.diagnose(_capped_toy()).feasible


def test_ctrl_c_during_a_solve_raises_keyboard_interrupt_not_a_numerical_status(
    monkeypatch, python_sigint
):
    """highspy stops on SIGINT but swallows the KeyboardInterrupt and returns an error status
    (seen on the default scenario: ``dc.solve`` reported "numerical trouble"). The solve must
    raise KeyboardInterrupt instead, as interrupted Python code does."""
    import signal

    from dualcarbon.models import build_model
    from dualcarbon.solvers.persistent import PersistentPlan

    plan = PersistentPlan(build_model(_capped_toy()), {})
    plan.attach()
    real_run = plan.highs.run

    def run_and_swallow_ctrl_c():
        try:
            signal.raise_signal(signal.SIGINT)
        except KeyboardInterrupt:  # what highspy does with the interrupt it polls
            pass
        return real_run()

    monkeypatch.setattr(plan.highs, "run", run_and_swallow_ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        plan.solve()
    # the user's handler is back in place afterwards
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_efx_step_rule_damps_flips_and_jumps_once_the_target_is_steady():
    """The EFX step rule by hand (tolerance 1e-3). Corrections +0.8, −0.4, +0.2 flip sign: the
    step halves to 0.5, then 0.25 (moves 0.8, −0.2, 0.05). Then +0.15 with the plan's intensity
    unchanged (0.6 both times) and no flip: the target is steady, so the EFX jumps the whole
    0.15 instead of creeping by 0.0375. A jump answered by a flip marks a threshold: from then
    on the EFX only ever moves damped."""
    from dualcarbon.solvers.fixed_point import StepRule

    rule = StepRule(["a"], damping=1.0, tolerance=1e-3)
    assert rule.moves({"a": 0.8}, {"a": 0.8}) == pytest.approx({"a": 0.8})
    assert rule.moves({"a": -0.4}, {"a": 0.6}) == pytest.approx({"a": -0.2})
    assert rule.moves({"a": 0.2}, {"a": 0.6}) == pytest.approx({"a": 0.05})
    assert rule.moves({"a": 0.15}, {"a": 0.6}) == pytest.approx({"a": 0.15})  # the jump
    # answered by a flip: halved to 0.125 and a threshold from now on
    assert rule.moves({"a": -0.1}, {"a": 0.5}) == pytest.approx({"a": -0.0125})
    assert rule.moves({"a": -0.08}, {"a": 0.5}) == pytest.approx({"a": -0.01})  # no jump
    assert rule.smallest() == pytest.approx(0.125)
    # a damped EFX whose plan intensity keeps moving is never jumped to, however steady the sign
    moving = StepRule(["b"], damping=1.0, tolerance=1e-3)
    assert moving.moves({"b": 0.4}, {"b": 0.9}) == pytest.approx({"b": 0.4})
    assert moving.moves({"b": -0.2}, {"b": 0.7}) == pytest.approx({"b": -0.1})  # halved
    for delta, own in ((-0.1, 0.65), (-0.05, 0.62)):
        assert moving.moves({"b": delta}, {"b": own}) == pytest.approx({"b": 0.5 * delta})


def test_efx_correction_goes_cold_only_when_it_moves_the_flows():
    """A exports 10 TWh at EFX 0.2 after the correction (carries 2 MtCO2/yr); B exports nothing.
    B's EFX moving by 0.6 moves no row: warm. A's rising by 0.1 (from 0.1) changes the embodied
    CO2 by 1 Mt, as much as the flows carried before (1 Mt): warm at share 1, cold at share
    0.5. A's falling by 0.5 (from 0.7: 7 Mt before, 2 after) moves 5 Mt > 2: cold. A's
    rising by 0.15 from 0.05 triples what the flows carry (0.5 → 2 Mt, moved 1.5): cold."""
    from dualcarbon.solvers.fixed_point import goes_cold

    exports = {("A", 2030): 10.0, ("B", 2030): 0.0}
    efx = {("A", 2030): 0.2, ("B", 2030): 0.9}
    assert not goes_cold({("B", 2030): -0.6}, exports, efx, share=1.0)
    assert not goes_cold({("A", 2030): 0.1, ("B", 2030): 0.6}, exports, efx, share=1.0)
    assert goes_cold({("A", 2030): 0.1}, exports, efx, share=0.5)
    assert goes_cold({("A", 2030): -0.5}, exports, efx, share=1.0)
    assert goes_cold({("A", 2030): 0.15}, exports, efx, share=1.0)
    # an exporter's own step above 0.5 tCO2/MWh is cold even where the flows carry a lot
    big = {("A", 2030): 100.0, ("B", 2030): 0.0}
    assert goes_cold({("A", 2030): 0.55}, big, {("A", 2030): 0.9, ("B", 2030): 0.9}, share=10.0)
    assert not goes_cold({("A", 2030): 0.45}, big, {("A", 2030): 0.9, ("B", 2030): 0.9}, 10.0)


def test_one_solves_options_do_not_leak_into_the_next():
    """Options given to one ``solve`` are for that solve only: HiGHS keeps an option until it
    is set again, so a method or time limit would otherwise stay in force."""
    from dualcarbon.models import build_model
    from dualcarbon.solvers.persistent import PersistentPlan

    plan = PersistentPlan(build_model(steel_toy().scenario()))
    assert plan.solve(method="simplex", time_limit=123.0).status.is_optimal
    assert plan.highs.getOptionValue("time_limit")[1] == 123.0
    assert plan.solve().status.is_optimal
    assert plan.highs.getOptionValue("time_limit")[1] == float("inf")
    assert plan.highs.getOptionValue("solver")[1] == "choose"


def _zero_coefficient_plan():
    """x + scale·efx·y ≥ 1 at cost 2x + scale·y with efx = 0 (an exporter that exports nothing),
    and a row ``cap`` (scale·x ≤ 5) a test may switch off; solved once: x = 0.5, cost 2.0."""
    import pyomo.environ as pyo

    from dualcarbon.solvers.persistent import PersistentPlan

    m = pyo.ConcreteModel()
    m.scale = pyo.Param(mutable=True, initialize=1.0)
    m.efx = pyo.Param(mutable=True, initialize=0.0)
    m.x = pyo.Var(bounds=(0, 10))
    m.y = pyo.Var(bounds=(0, 10))
    m.row = pyo.Constraint(expr=m.x + m.scale * m.efx * m.y >= 1)
    m.cap = pyo.Constraint(expr=m.scale * m.x <= 5)
    m.cost = pyo.Objective(expr=2 * m.x + m.scale * m.y)
    plan = PersistentPlan(m)
    assert plan.solve().objective_bn_cny == pytest.approx(2.0)
    return m, plan


def test_a_coefficient_that_stays_zero_is_not_pushed_to_highs(capfd):
    """An exporter that exports nothing keeps a zero EFX coefficient from solve to solve: HiGHS
    has no nonzero there, a push changes nothing and made HiGHS print a warning (20 lines before
    the summary of ``dualcarbon run default``). Only the two helpers that change are pushed; the
    re-solve is still right."""
    m, plan = _zero_coefficient_plan()
    capfd.readouterr()
    m.scale = 0.5  # y's cost and cap's coefficient move; y's coefficient in the row stays 0
    assert plan.solve(parameters_only=True).objective_bn_cny == pytest.approx(2.0)
    assert plan.pushed_helpers == 2
    out, err = capfd.readouterr()
    assert "changeCoeff" not in out + err
    m.efx = 4.0  # now the row holds 0.5 * 4 = 2 y >= 1: y = 0.5 at 0.25
    assert plan.solve(parameters_only=True).objective_bn_cny == pytest.approx(0.25)


def test_a_block_switch_prints_nothing_from_highs(capfd):
    """Switching rows off re-pushes every mutable coefficient (Pyomo's full update): the zeros
    among them made HiGHS print a warning per zero after ``resetOptions`` had turned its output
    back on (a transfer-policy switch in a sweep printed 20)."""
    m, plan = _zero_coefficient_plan()
    capfd.readouterr()
    m.cap.deactivate()
    m.scale = 0.5
    assert plan.solve().objective_bn_cny == pytest.approx(2.0)
    out, err = capfd.readouterr()
    assert "changeCoeff" not in out + err


def _three_column_plan():
    """z (first column, only in ``floor``: z ≥ 2), x and y with x + y ≥ 1 at costs
    ``cost_x`` = 1 and ``cost_y`` = 2: switching ``floor`` off takes z out of HiGHS and moves
    x and y one column down."""
    import pyomo.environ as pyo

    m = pyo.ConcreteModel()
    m.z = pyo.Var(bounds=(0, 10))
    m.x = pyo.Var(bounds=(0, 10))
    m.y = pyo.Var(bounds=(0, 10))
    m.cost_x = pyo.Param(mutable=True, initialize=1.0)
    m.cost_y = pyo.Param(mutable=True, initialize=2.0)
    m.floor = pyo.Constraint(expr=m.z >= 2)
    m.demand = pyo.Constraint(expr=m.x + m.y >= 1)
    m.cost = pyo.Objective(expr=m.cost_x * m.x + m.cost_y * m.y)
    return m


def test_load_all_reads_each_variable_from_its_own_column_after_rows_are_switched():
    """``load_all`` reads HiGHS' columns through a kept (variable, column) list. ``z`` is the
    first column and appears only in ``floor`` (z ≥ 2); switching ``floor`` off takes z out of
    HiGHS, so x and y move one column down. With x + y ≥ 1 and costs x: 1, y: 2 the plan is
    x = 1, y = 0; swapped costs give x = 0, y = 1, which a stale list would load as x = 1."""
    from dualcarbon.solvers.persistent import PersistentPlan

    m = _three_column_plan()
    plan = PersistentPlan(m)
    assert plan.solve(load=[]).status.is_optimal
    plan.load_all()
    assert (m.z.value, m.x.value, m.y.value) == pytest.approx((2.0, 1.0, 0.0))
    m.floor.deactivate()
    m.cost_x, m.cost_y = 2.0, 1.0
    assert plan.solve(load=[]).objective_bn_cny == pytest.approx(1.0)
    plan.load_all()
    assert (m.x.value, m.y.value) == pytest.approx((0.0, 1.0))


def test_compiled_expressions_follow_each_solution_and_leave_parameters_to_the_walk():
    """A sweep's plan compiles a linear named expression once and evaluates it from HiGHS'
    columns: ``spend`` = 3x + 5y + 1 is 4 at x = 1, y = 0 and 6 after the costs swap (y = 1),
    also after ``floor`` is switched off and the columns move. ``priced`` holds a mutable
    parameter and is left to the walk (None), as is everything with compiling off."""
    import pyomo.environ as pyo

    from dualcarbon.solvers.persistent import PersistentPlan

    m = _three_column_plan()
    m.spend = pyo.Expression(expr=3 * m.x + 5 * m.y + 1)
    m.priced = pyo.Expression(expr=m.cost_x * m.x)
    plan = PersistentPlan(m)
    plan.solve()
    assert plan.linear_value(m.spend) is None  # compiling is off by default
    plan.compile_expressions = True
    assert plan.linear_value(m.spend) == pytest.approx(4.0)
    assert plan.linear_value(m.priced) is None
    m.floor.deactivate()
    m.cost_x, m.cost_y = 2.0, 1.0
    plan.solve()
    assert plan.linear_value(m.spend) == pytest.approx(6.0)


def test_a_warm_first_solve_past_its_limit_is_redone_cold(monkeypatch):
    """A sweep's next case starts warm (simplex from the last basis); one that runs past the
    time of a cold solve is redone by interior point, which proved a case infeasible in 5.6 s
    where the warm simplex ran for over 4 minutes on the default. A toy's simplex ends before
    any limit, so HiGHS' answer to the limited attempt is replaced by a time-limit status;
    the cold redo then finds the optimum of the tighter cap by hand (cap 9 × 0.8 = 7.2 MtCO2:
    ``old`` 3.6 Mt, ``clean`` 5.4 Mt, 3.6 × 0.5 + 5.4 = 7.2 bn CNY). Without a limit the warm
    simplex is the only solve."""
    from dualcarbon.models import build_model
    from dualcarbon.solvers.fixed_point import solve_fixed_point
    from dualcarbon.solvers.persistent import PersistentPlan, SolveOutcome

    for limit in (2.0, None):
        plan = PersistentPlan(build_model(_capped_toy()), {})
        first, _ = solve_fixed_point(plan, method="ipm")
        assert first.objective_bn_cny == pytest.approx(6.75)
        plan.set_policy("national_cap_scale", 0.8)
        calls: list[dict] = []
        real = plan.solve

        def solve(real=real, calls=calls, plan=plan, **options):
            calls.append(options)
            if options.get("method") == "simplex" and "time_limit" in options:
                assert options["time_limit"] == pytest.approx(
                    plan.highs.getRunTime() + 2.0, abs=0.5
                )
                real(**options)
                return SolveOutcome(SolveStatus.TIME_LIMIT, "", None, 2.0, "kTimeLimit")
            return real(**options)

        monkeypatch.setattr(plan, "solve", solve)
        outcome, report = solve_fixed_point(plan, method="simplex", warm_limit_s=limit)
        assert outcome.status is SolveStatus.OPTIMAL
        assert outcome.objective_bn_cny == pytest.approx(7.2)
        methods = [c.get("method") for c in calls]
        assert methods == (["simplex", "ipm"] if limit else ["simplex"])
        if limit:
            assert report.first_solve_seconds >= 2.0  # the cut attempt counts
