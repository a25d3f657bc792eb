"""Tests of how ``dualcarbon.sweep`` executes cases: warm starts and shipped bases, the worker
cache, narrow parameter updates, and Dask workers (the tests on the real model, through a
one-region slice: worker processes import the real model)."""

from __future__ import annotations

import os

import pandas as pd
import pyomo.environ as pyo
import pytest
from sweep_toys import REAL_GRID, TOY_SWEEPABLE, capped_steel_toy, hand_objective

import dualcarbon as dc
from dualcarbon.solvers import _sweep_worker
from dualcarbon.solvers.persistent import PersistentPlan
from dualcarbon.solvers.sweep import execution_order, expand_grid, sweep


def test_a_block_switch_resolves_cold_and_numbers_warm(toy, toy_scenario):
    """Warm starts only while the blocks stay; after a transfer-policy switch the basis is
    dropped (a cold solve beats a warm one from a basis of other rows)."""
    result = sweep(
        toy_scenario,
        {"transfer_policy": ["off", "strict"], "national_cap_scale": [1.0, 0.9]},
        progress=False,
    )
    by_case = result.cases.set_index("case_id")
    # ids: 0 off/1.0, 1 off/0.9, 2 strict/1.0, 3 strict/0.9; the snake visits numbers in
    # increasing order: 1 (first, cold), 0, 2 (switch, cold), 3
    assert by_case["warm"].to_dict() == {0: True, 1: False, 2: False, 3: True}
    assert set(result.cases["status"]) == {"optimal"}
    objective = result.metric("objective_bn_cny").set_index("case_id")["value"]
    assert objective[1] == pytest.approx(2 * (50 - 36 * 0.9), rel=1e-9)  # off, 0.9 (hand optimum)


def test_a_shipped_basis_starts_a_fresh_runner_warm_only_on_the_same_blocks(toy, toy_scenario):
    """The driver's basis of one case lets a fresh worker runner re-solve a neighbour warm; a
    case with other blocks ignores it and solves cold."""
    names = ["national_cap_scale", "transfer_policy"]
    base = _sweep_worker.CaseRunner(toy_scenario, names=names)
    warm = base.base_basis({"national_cap_scale": 1.0, "transfer_policy": "off"})
    assert warm is not None and warm.blocks == (("transfer_policy", "off"),)
    fresh = _sweep_worker.CaseRunner(toy_scenario, names=names)
    same = fresh.run(0, {"national_cap_scale": 1.0, "transfer_policy": "off"}, warm)
    assert same.record["warm"] is True and same.record["iterations"] == 0
    other = _sweep_worker.CaseRunner(toy_scenario, names=names)
    switched = other.run(1, {"national_cap_scale": 1.0, "transfer_policy": "strict"}, warm)
    assert switched.record["warm"] is False
    assert same.record["status"] == switched.record["status"] == "optimal"


def test_the_driver_ships_the_basis_of_a_case_with_a_plan(toy, toy_scenario):
    """The tightest cap (first in the order) is infeasible: the driver tries the middle case
    next instead of sending the workers off cold."""
    from dualcarbon.solvers import sweep_executors

    grid = expand_grid({"national_cap_scale": [0.5, 0.9, 1.0, 0.95]}, known=TOY_SWEEPABLE)
    todo = execution_order(grid)
    assert todo[0] == 0  # 0.5: infeasible in the toy (see test_summary_names_grid_and_statuses)
    metrics = _sweep_worker.resolve_metrics(None)
    warm, solved, runner = sweep_executors._driver_basis(
        toy_scenario, grid, [todo[0], todo[2]], todo, {}, metrics
    )
    assert warm is not None and len(warm.col_status) > 0
    assert runner is not None and runner.cases_run == 2  # kept for the driver's own stretch
    assert toy.builds == 1 and toy.solves == 2
    # both cases the driver solved are results (the infeasible one too): no worker redoes them
    assert [o.case_id for o in solved] == [todo[0], grid_middle := todo[len(todo) // 2]]
    assert [o.record["status"] for o in solved] == ["infeasible", "optimal"]
    assert solved[1].metrics.query("metric == 'objective_bn_cny'")["value"].notna().all()
    assert grid_middle != todo[0]


def test_a_case_after_one_without_a_plan_starts_cold(toy, toy_scenario):
    """An infeasible case's basis is no start: on the default a warm simplex from one ran past
    its limit before going cold. The case after it solves cold; the one after that warm again.
    Scale 0.5 is infeasible in the toy (4.5 t of cap for 10 units)."""
    runner = _sweep_worker.CaseRunner(toy_scenario, names=["national_cap_scale"])
    outputs = [
        runner.run(i, {"national_cap_scale": s}) for i, s in enumerate([1.0, 0.5, 0.9, 0.95])
    ]
    assert [o.record["status"] for o in outputs] == ["optimal", "infeasible", "optimal", "optimal"]
    assert [o.record["warm"] for o in outputs] == [False, True, False, True]
    assert outputs[2].record["objective_bn_cny"] == pytest.approx(2 * (50 - 36 * 0.9), rel=1e-9)


def test_worker_cache_reuses_one_model_per_key(toy, toy_scenario):
    payload = _sweep_worker.ScenarioPayload(toy_scenario.config, dict(toy_scenario.tables), None)
    metrics = _sweep_worker.resolve_metrics(None)
    _sweep_worker.clear_cache()
    try:
        outputs = [
            _sweep_worker.run_case("k", payload, {}, metrics, i, {"national_cap_scale": s})
            for i, s in enumerate([1.0, 0.9, 0.8])
        ]
        assert toy.builds == 1
        assert [o.record["warm"] for o in outputs] == [False, True, True]
        _sweep_worker.run_case("other", payload, {}, metrics, 9, {"national_cap_scale": 1.0})
        assert toy.builds == 2
    finally:
        _sweep_worker.clear_cache()


def test_real_model_resolves_equal_fresh_solves_and_the_hand_optimum():
    scenario = capped_steel_toy()
    result = sweep(scenario, REAL_GRID, progress=False)
    assert (result.cases["status"] == "optimal").all(), result.failed
    assert (result.cases["build_seconds"] > 0).sum() == 1  # built once, then re-solved
    prices = result.metric("cap_price_cny_per_t", 2025).set_index("case_id")["value"]
    for _, case in result.cases.iterrows():
        scale, price = case["national_cap_scale"], case["carbon_price_cny_per_t"]
        fresh = dc.solve(
            scenario.with_config(
                national_cap={"share_of_base": {2025: 0.5}, "scale": scale},
                carbon_price_cny_per_t={2025: price},
                transfer_policy=case["transfer_policy"],
            )
        )
        assert case["objective_bn_cny"] == pytest.approx(fresh.objective_bn_cny, rel=1e-6)
        assert case["objective_bn_cny"] == pytest.approx(hand_objective(scale, price), rel=1e-6)
        assert prices[case["case_id"]] == pytest.approx(50 - price, rel=1e-6)


def test_narrow_updates_push_only_the_changed_parameters_and_match_the_hand_optimum():
    """A re-solve after a cap or price change pushes only that parameter's coefficients (the
    cap row's bound, the fuel costs), not all of Pyomo's mutable helpers, and lands on the
    optimum by hand; a block switch falls back to a full update."""
    from dualcarbon.models import build_model

    scenario = capped_steel_toy()
    plan = PersistentPlan(build_model(scenario), {"method": "simplex"})
    assert plan.solve().objective_bn_cny == pytest.approx(hand_objective(1.0, 0.0), rel=1e-6)
    total = sum(map(len, plan._highs._mutable_helpers.values()))
    for scale, price in [(0.4, 0.0), (0.4, 20.0), (1.6, 20.0)]:
        plan.set_policy("national_cap_scale", scale)
        plan.set_policy("carbon_price_cny_per_t", price)
        outcome = plan.solve()
        assert outcome.objective_bn_cny == pytest.approx(hand_objective(scale, price), rel=1e-6)
    assert plan.pushed_helpers is not None and 0 < plan.pushed_helpers < total
    plan.set_policy("national_cap_scale", 1.0)
    plan.set_policy("carbon_price_cny_per_t", 0.0)
    plan.model.C16_national_cap.deactivate()  # rows leave HiGHS: full update, index rebuilt
    assert plan.solve().objective_bn_cny == pytest.approx(9 * 0.5, rel=1e-6)  # all ``old``
    assert plan.pushed_helpers is None
    fresh = PersistentPlan(build_model(scenario))
    fresh.model.C16_national_cap.deactivate()
    fresh.attach()
    # the columns that lost their last row left HiGHS (all at once), as in a fresh hand-over
    assert plan.highs.getNumCol() == fresh.highs.getNumCol()
    assert plan.highs.getNumRow() == fresh.highs.getNumRow()
    plan.model.C16_national_cap.activate()
    plan.set_policy("national_cap_scale", 0.4)
    assert plan.solve().objective_bn_cny == pytest.approx(hand_objective(0.4, 0.0), rel=1e-6)
    plan.set_policy("national_cap_scale", 0.8)
    assert plan.solve().objective_bn_cny == pytest.approx(hand_objective(0.8, 0.0), rel=1e-6)
    assert 0 < plan.pushed_helpers < total


def test_a_warm_start_carries_basis_and_exporter_intensities_to_a_fresh_runner():
    """What a Dask worker receives from the driver: a fresh model given the shipped basis and
    EFX re-solves the same case without a simplex iteration."""
    scenario = capped_steel_toy()
    names = ["national_cap_scale"]
    base = _sweep_worker.CaseRunner(scenario, names=names)
    warm = base.base_basis({"national_cap_scale": 1.0})
    efx = base.plan.model.EFX
    assert warm.efx and dict(warm.efx) == {k: pyo.value(efx[k]) for k in efx}
    fresh = _sweep_worker.CaseRunner(scenario, names=names)
    output = fresh.run(0, {"national_cap_scale": 1.0}, warm)
    assert output.record["warm"] is True and output.record["iterations"] == 0
    assert output.record["objective_bn_cny"] == pytest.approx(hand_objective(1.0, 0.0), rel=1e-6)


def test_two_dask_workers_give_the_serial_table():
    """workers=2: this process and a 1-process LocalCluster. Same table as serial; each process
    builds its model once; the driver records the case it solved for its basis (not solved
    again) and then solves a stretch of its own, the rest running on the worker.

    Kept small (12 one-region cases) so that it runs in well under a minute, most of it the
    cluster's start-up.
    """
    scenario = capped_steel_toy()
    serial = sweep(scenario, REAL_GRID, progress=False)
    parallel = sweep(scenario, REAL_GRID, workers=2, progress=False)
    columns = ["case_id", "national_cap_scale", "carbon_price_cny_per_t", "transfer_policy"]
    pd.testing.assert_frame_equal(
        parallel.table, serial.table, check_exact=False, rtol=1e-6, atol=1e-9
    )
    pd.testing.assert_frame_equal(parallel.cases[columns], serial.cases[columns])
    workers = parallel.cases["worker"]
    builds = parallel.cases.loc[parallel.cases["build_seconds"] > 0, "worker"]
    assert sorted(builds) == sorted(workers.unique())  # one build per worker process
    # the driver solves the case of the basis it ships and its own stretch (half the other
    # cases); the other half ran on the one worker process
    here = workers.str.split(":").str[-1] == str(os.getpid())
    assert workers[~here].nunique() == 1
    assert abs((here.sum() - 1) - (~here).sum()) <= 1  # two stretches of the 11 other cases


def test_a_killed_worker_case_is_retried_elsewhere(tmp_path):
    """A worker process dies in the middle of a case; Dask retries the case on another worker."""
    mark = tmp_path / "killed"
    driver = os.getpid()  # the driver solves its base case here: only a worker may die

    def die_once(result):  # a local function: pickled by value to the workers
        if not mark.exists() and os.getpid() != driver:
            mark.write_text(str(os.getpid()))
            os._exit(1)  # the worker process ends abruptly, as if killed
        return 1.0

    result = sweep(
        capped_steel_toy(),
        {"national_cap_scale": [0.4, 0.8, 1.2, 1.6]},
        workers=2,
        metrics={"die": die_once},
        progress=False,
    )
    assert mark.exists()  # a worker did die
    assert (result.cases["status"] == "optimal").all()
    assert mark.read_text() not in {w.split(":")[-1] for w in result.cases["worker"]}
    by_scale = result.metric("objective_bn_cny").set_index("national_cap_scale")["value"]
    for scale, value in by_scale.items():
        assert value == pytest.approx(hand_objective(scale, 0.0), rel=1e-6)


def test_keep_tables_writes_each_optimal_case_as_a_full_result(tmp_path):
    """With keep_tables every optimal case is a result folder holding all tables; by hand the
    cap's price is 50 - p CNY/tCO2 while the cap binds (capped_steel_toy)."""
    from dualcarbon.solvers.extract import TABLE_NAMES

    grid = {"national_cap_scale": [0.4, 1.0], "carbon_price_cny_per_t": [0.0, 20.0]}
    result = sweep(capped_steel_toy(), grid, out=tmp_path / "s", keep_tables=True, progress=False)
    assert (result.cases["status"] == "optimal").all()
    for case in result.cases.itertuples():
        kept = result.case_result(case.case_id)
        assert set(kept.tables) == set(TABLE_NAMES)
        assert kept.objective_bn_cny == pytest.approx(
            hand_objective(case.national_cap_scale, case.carbon_price_cny_per_t), rel=1e-6
        )
        price = kept.table("national").set_index("period").loc[2025, "cap_shadow_price_cny_per_t"]
        assert price == pytest.approx(50.0 - case.carbon_price_cny_per_t, rel=1e-6)
    plain = sweep(capped_steel_toy(), grid, out=tmp_path / "plain", progress=False)
    with pytest.raises(FileNotFoundError, match="keep_tables=True"):
        plain.case_result(0)
    with pytest.raises(ValueError, match="out="):
        sweep(capped_steel_toy(), grid, keep_tables=True, progress=False)


def test_a_number_that_switches_a_row_is_seen_by_the_next_solve():
    """Cases that change numbers only skip Pyomo's scan for switched rows; a number that does
    switch one (a period's cap share set to None drops its C16 row) must still reach HiGHS.
    By hand (capped_steel_toy): cap 0.5 → 9·0.5·0.5 + 9·0.5 = 6.75; cap 0.5 × 0.8 → ``old``
    makes 3.6 Mt: 1.8 + 5.4 = 7.2; uncapped → all 9 Mt on ``old``: 4.5; capped again: 6.75."""
    names = ["national_cap_share", "national_cap_scale"]
    runner = _sweep_worker.CaseRunner(capped_steel_toy(), names=names)
    state = runner.plan.model._dualcarbon
    cases = [({2025: 0.5}, 1.0, 6.75), ({2025: 0.5}, 0.8, 7.2), ({2025: None}, 0.8, 4.5)]
    cases.append(({2025: 0.5}, 1.0, 6.75))
    versions = []
    for i, (share, scale, objective) in enumerate(cases):
        output = runner.run(i, {"national_cap_share": share, "national_cap_scale": scale})
        assert output.record["objective_bn_cny"] == pytest.approx(objective), i
        versions.append(state.structure_version)
    # the scale step switched nothing; dropping and restoring the cap row each did
    assert versions[1] == versions[0] and versions[3] > versions[2] > versions[1]
