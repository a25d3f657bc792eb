"""Tests of ``dualcarbon.sweep``: grids, case order, the out folder, resume, failures, Dask.

Most tests run the sweep machinery on a toy LP (:class:`ToyBackend`, two regions and two
periods, optimum derivable by hand) so that they are fast and their numbers are known exactly.
The tests marked ``real`` run on a small slice of the shipped default scenario through the real
``build_model``/``set_policy``/``collect``; the Dask test needs them, because worker processes
import the real model.
"""

from __future__ import annotations

import importlib
import json
import math
import os
from pathlib import Path

import pandas as pd
import pyomo.environ as pyo
import pytest

import dualcarbon as dc
from dualcarbon.inputs.config import TRANSFER_POLICY_RULES, ScenarioConfig
from dualcarbon.inputs.scenario import Scenario
from dualcarbon.solvers import _sweep_worker
from dualcarbon.solvers.persistent import PersistentPlan
from dualcarbon.solvers.result import Result
from dualcarbon.solvers.status import SolveStatus
from dualcarbon.solvers.sweep import (
    SweepFolderError,
    SweepResult,
    execution_order,
    expand_grid,
    sweep,
)

# the module, even if dualcarbon.solvers re-exports the function under the same name
sweep_module = importlib.import_module("dualcarbon.solvers.sweep")

# -- a toy backend ---------------------------------------------------------------------------------
TOY_SWEEPABLE = {
    "national_cap_scale": {"value": "float"},
    "carbon_price_cny_per_t": {"value": "float (every period) or {period: float}"},
    "tau": {"value": "float"},
    "transfer_policy": {"value": "str"},
    "sector_share": {"value": "bool"},
}
TOY_PERIODS = (2025, 2030)
TOY_EF = {"a": 1.0, "b": 0.5}  # tCO2 per unit
TOY_COST = {"a": 1.0, "b": 3.0}  # bn CNY per unit


def toy_model(scenario: Scenario) -> pyo.ConcreteModel:
    """Demand of 10 per period met by a dirty cheap region ``a`` and a clean dear region ``b``.

    min Σ_p Σ_r (cost_r + ef_r·price_p/100)·q[r,p]  s.t.  Σ_r q[r,p] ≥ 10,
    Σ_r ef_r·q[r,p] ≤ 9·scale (national cap), and, while ``sector_share`` is on,
    q[b,p] ≤ 6·(1+tau) (a sector-share-like ceiling on region b).
    With price 0 the cap binds: q[a] = 18·scale − 10, q[b] = 20 − 18·scale, so per period the
    cost is 1·q[a] + 3·q[b] = 50 − 36·scale (valid for 5/9 ≤ scale ≤ 1, where q[b] ≤ 10);
    with the share row on, q[b] ≤ 6 makes scale < 7/9 infeasible.
    """
    m = pyo.ConcreteModel()
    m.P = pyo.Set(initialize=TOY_PERIODS)
    m.R = pyo.Set(initialize=sorted(TOY_EF))
    m.national_cap_scale = pyo.Param(mutable=True, initialize=scenario.config.national_cap.scale)
    m.carbon_price_cny_per_t = pyo.Param(
        m.P,
        mutable=True,
        initialize=lambda m, p: scenario.config.carbon_price_cny_per_t.get(p, 0.0),
    )
    m.tau = pyo.Param(mutable=True, initialize=scenario.config.tau)
    m.q = pyo.Var(m.R, m.P, bounds=(0, None))
    m.demand = pyo.Constraint(m.P, rule=lambda m, p: sum(m.q[r, p] for r in m.R) >= 10)
    m.cap = pyo.Constraint(
        m.P, rule=lambda m, p: sum(TOY_EF[r] * m.q[r, p] for r in m.R) <= 9 * m.national_cap_scale
    )
    m.share = pyo.Constraint(m.P, rule=lambda m, p: m.q["b", p] <= 6 * (1 + m.tau))
    m.objective = pyo.Objective(
        expr=sum(
            (TOY_COST[r] + TOY_EF[r] * m.carbon_price_cny_per_t[p] / 100) * m.q[r, p]
            for r in m.R
            for p in m.P
        )
    )
    # no power exporters, hence no exporter intensities for the EFX fixed point to iterate
    m.EFX = pyo.Param(pyo.Set(initialize=[]), mutable=True)
    m.switches = dict(TRANSFER_POLICY_RULES[scenario.config.transfer_policy])
    toy_set_policy(m, "transfer_policy", scenario.config.transfer_policy)
    return m


def toy_set_policy(m: pyo.ConcreteModel, name: str, value) -> None:
    """The toy's ``set_policy``: params in place, the share row (de)activated."""
    if name == "transfer_policy":
        m.switches.update(TRANSFER_POLICY_RULES[value])
    elif name == "sector_share":
        m.switches["sector_share"] = bool(value)
    elif name in ("national_cap_scale", "tau"):
        if value < 0:
            raise ValueError(f"{name} must not be negative, got {value}")
        getattr(m, name).set_value(float(value))
    elif name == "carbon_price_cny_per_t":
        values = value if isinstance(value, dict) else dict.fromkeys(m.P, value)
        for p, v in values.items():
            m.carbon_price_cny_per_t[p] = float(v)
    else:
        raise KeyError(name)
    if m.switches["sector_share"]:
        m.share.activate()
    else:
        m.share.deactivate()


def toy_collect(plan: PersistentPlan, scenario: Scenario, outcome, build_seconds=None) -> Result:
    """The toy's ``collect``: the result tables the sweep metrics read."""
    if not outcome.status.is_optimal:
        return Result.not_optimal(scenario.name, outcome.status, {})
    m = plan.model
    periods = list(m.P)
    emissions = [pyo.value(sum(TOY_EF[r] * m.q[r, p] for r in m.R)) for p in periods]
    tables = {
        "national": pd.DataFrame(
            {
                "period": periods,
                "emissions_mtco2": emissions,
                # the toy has no cap dual: its carbon price stands in for the cap's price
                "cap_shadow_price_cny_per_t": [
                    float(pyo.value(m.carbon_price_cny_per_t[p])) for p in periods
                ],
            }
        ),
        # region b's share of emissions above its "base" of 3
        "leakage": pd.DataFrame(
            {
                "region": "b",
                "sector": "steel",
                "period": periods,
                "leakage_mtco2": [max(0.0, pyo.value(0.5 * m.q["b", p]) - 3.0) for p in periods],
            }
        ),
        "costs": pd.DataFrame(
            {
                "kind": "operation",
                "period": periods,
                "present_value_bn_cny": [
                    pyo.value(sum(TOY_COST[r] * m.q[r, p] for r in m.R)) for p in periods
                ],
            }
        ),
    }
    return Result(scenario.name, SolveStatus.OPTIMAL, "ok", outcome.objective_bn_cny, tables)


class ToyBackend:
    """Installs the toy in place of the real model and counts builds and solves."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.builds = 0
        self.solves = 0
        original_solve = PersistentPlan.solve

        def build(scenario):
            self.builds += 1
            return toy_model(scenario)

        def solve(plan, **options):
            self.solves += 1
            return original_solve(plan, **options)

        monkeypatch.setattr("dualcarbon.models.build_model", build)
        monkeypatch.setattr("dualcarbon.models.policy.set_policy", toy_set_policy)
        monkeypatch.setattr("dualcarbon.solvers.solve.collect", toy_collect)
        monkeypatch.setattr(sweep_module, "sweepable", lambda: TOY_SWEEPABLE)
        monkeypatch.setattr(PersistentPlan, "solve", solve)
        # the toy has no power exporters, hence no carbon intensities to iterate (EFX)
        monkeypatch.setattr("dualcarbon.solvers.fixed_point.plan_intensities", lambda model: {})


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> ToyBackend:
    return ToyBackend(monkeypatch)


@pytest.fixture
def toy_scenario() -> Scenario:
    config = ScenarioConfig(name="toy", periods=list(TOY_PERIODS), transfer_policy="off")
    return Scenario(config, {"regions": pd.DataFrame({"region": ["a", "b"], "key_region": False})})


def objective(result: SweepResult) -> pd.Series:
    rows = result.table[result.table["metric"] == "objective_bn_cny"]
    return rows.set_index("case_id")["value"]


# -- grids -------------------------------------------------------------------------------------------
def test_factorial_grid_is_the_full_product_in_product_order():
    grid = expand_grid(
        {"national_cap_scale": [1, 0.9], "transfer_policy": ["off", "share", "strict"]},
        known=TOY_SWEEPABLE,
    )
    assert len(grid) == 6
    assert grid.names == ["national_cap_scale", "transfer_policy"]
    assert grid.cases[0] == {"national_cap_scale": 1.0, "transfer_policy": "off"}
    assert grid.cases[2] == {"national_cap_scale": 1.0, "transfer_policy": "strict"}
    assert grid.cases[3] == {"national_cap_scale": 0.9, "transfer_policy": "off"}
    assert all(isinstance(c["national_cap_scale"], float) for c in grid.cases)


def test_explicit_cases_fill_left_out_names_with_the_scenario_values(toy_scenario):
    scenario = toy_scenario.with_config(tau=0.2, national_cap={"scale": 0.95})
    grid = expand_grid(
        [
            {"national_cap_scale": 0.9},
            {"tau": 0.5, "transfer_policy": "share"},
            {"sector_share": True},
        ],
        scenario,
        known=TOY_SWEEPABLE,
    )
    assert grid.axes is None
    assert grid.names == ["national_cap_scale", "tau", "transfer_policy", "sector_share"]
    assert grid.cases[0] == {
        "national_cap_scale": 0.9,
        "tau": 0.2,
        "transfer_policy": "off",
        "sector_share": False,  # the rule of the case's own (the scenario's) policy "off"
    }
    # a rule left out follows the case's own transfer policy
    assert grid.cases[1]["sector_share"] is True
    assert grid.cases[1]["national_cap_scale"] == 0.95
    assert grid.cases[2]["sector_share"] is True
    assert grid.cases[2]["transfer_policy"] == "off"


def test_unknown_name_is_refused_with_did_you_mean():
    with pytest.raises(ValueError, match="Did you mean 'national_cap_scale'"):
        expand_grid({"national_cap_scal": [1.0]})
    with pytest.raises(ValueError, match="Did you mean 'tau'"):
        expand_grid([{"taux": 0.1}])


def test_transfer_policy_values_are_checked_and_yaml_off_is_read_back():
    # YAML 1.1 (the CLI's --set parser) reads `off` as False
    grid = expand_grid({"transfer_policy": [False, "strict"]}, known=TOY_SWEEPABLE)
    assert [c["transfer_policy"] for c in grid.cases] == ["off", "strict"]
    with pytest.raises(ValueError, match="Did you mean 'strict'"):
        expand_grid({"transfer_policy": ["stict"]}, known=TOY_SWEEPABLE)


def test_value_shapes_are_checked_against_sweepable():
    with pytest.raises(ValueError, match="expected shape: float"):
        expand_grid({"national_cap_scale": [{2030: 1.0}]}, known=TOY_SWEEPABLE)
    grid = expand_grid({"carbon_price_cny_per_t": [{"2030": 100}, 50]}, known=TOY_SWEEPABLE)
    assert grid.cases[0]["carbon_price_cny_per_t"] == {2030: 100.0}


def test_empty_grids_and_axes_are_refused():
    with pytest.raises(ValueError, match="empty"):
        expand_grid({}, known=TOY_SWEEPABLE)
    with pytest.raises(ValueError, match="no values"):
        expand_grid({"tau": []}, known=TOY_SWEEPABLE)


def test_factorial_order_is_a_snake_with_transfer_policy_outermost():
    grid = expand_grid(
        {
            "national_cap_scale": [1.1, 0.9, 1.0],
            "tau": [0.0, 0.1],
            "transfer_policy": ["off", "strict"],
        },
        known=TOY_SWEEPABLE,
    )
    order = execution_order(grid)
    assert sorted(order) == list(range(len(grid)))
    axes = grid.axes
    for before, after in zip(order, order[1:], strict=False):
        a, b = grid.cases[before], grid.cases[after]
        changed = [n for n in grid.names if a[n] != b[n]]
        assert len(changed) == 1, (a, b)
        name = changed[0]
        if name == "national_cap_scale":  # one step of the sorted values
            steps = sorted(axes[name])
            assert abs(steps.index(a[name]) - steps.index(b[name])) == 1
    policy_switches = sum(
        grid.cases[x]["transfer_policy"] != grid.cases[y]["transfer_policy"]
        for x, y in zip(order, order[1:], strict=False)
    )
    assert policy_switches == 1
    assert grid.cases[order[0]]["national_cap_scale"] == 0.9  # numbers ascend first


def test_explicit_order_chains_nearest_neighbours():
    cases = [{"tau": 0.0}, {"tau": 1.0}, {"tau": 0.1}, {"tau": 0.9}]
    grid = expand_grid(cases, known=TOY_SWEEPABLE)
    assert execution_order(grid) == [0, 2, 3, 1]


# -- sweeps on the toy ---------------------------------------------------------------------------------
def test_serial_sweep_builds_once_and_matches_the_hand_optimum(toy, toy_scenario, tmp_path):
    scales = [1.0, 0.9, 0.8]
    result = sweep(toy_scenario, {"national_cap_scale": scales}, out=tmp_path / "s", progress=False)
    assert toy.builds == 1
    assert toy.solves == 3
    assert set(result.cases["status"]) == {"optimal"}
    by_scale = result.metric("objective_bn_cny").set_index("national_cap_scale")["value"]
    for scale in scales:  # two periods of 50 - 36·scale each (see toy_model)
        assert by_scale[scale] == pytest.approx(2 * (50 - 36 * scale), rel=1e-9)
    emissions = result.metric("national_emissions_mtco2")
    assert emissions["value"].to_numpy() == pytest.approx(
        [9 * s for s in [1.0, 1.0, 0.9, 0.9, 0.8, 0.8]]
    )
    assert (result.cases["warm"].sum(), len(result.cases)) == (2, 3)  # every case after the first


def test_table_is_long_and_tidy(toy, toy_scenario):
    result = sweep(
        toy_scenario,
        {"national_cap_scale": [1.0, 0.9], "transfer_policy": ["off", "strict"]},
        progress=False,
    )
    table = result.table
    assert list(table.columns) == [
        "case_id", "national_cap_scale", "transfer_policy", "status", "metric", "period", "value",
    ]  # fmt: skip
    assert not table.duplicated(["case_id", "metric", "period"]).any()
    metrics = set(table["metric"])
    assert {
        "objective_bn_cny",
        "national_emissions_mtco2",
        "cap_price_cny_per_t",
        "leakage_mtco2",
        "total_leakage_mtco2",
        "cost_operation_bn_cny",
    } <= metrics
    per_period = table[table["metric"] == "national_emissions_mtco2"]
    assert sorted(per_period["period"].unique()) == list(TOY_PERIODS)
    assert table.loc[table["metric"] == "objective_bn_cny", "period"].isna().all()


def test_resolved_cases_equal_fresh_solves(toy, toy_scenario):
    """A warm re-solve after set_policy gives the optimum of a model built with that value."""
    grid = {
        "national_cap_scale": [1.0, 0.85, 0.95],
        "carbon_price_cny_per_t": [0.0, 150.0],
        "transfer_policy": ["strict", "off"],
    }
    result = sweep(toy_scenario, grid, progress=False)
    assert toy.builds == 1
    for _, case in result.cases.iterrows():
        fresh = toy_scenario.with_config(
            national_cap={"scale": case["national_cap_scale"]},
            carbon_price_cny_per_t=dict.fromkeys(TOY_PERIODS, case["carbon_price_cny_per_t"]),
            transfer_policy=case["transfer_policy"],
        )
        plan = PersistentPlan(toy_model(fresh))
        outcome = plan.solve()
        assert case["status"] == outcome.status.value
        if outcome.status.is_optimal:
            assert case["objective_bn_cny"] == pytest.approx(outcome.objective_bn_cny, rel=1e-6)


def test_partial_maps_do_not_leak_into_later_cases(toy, toy_scenario):
    """{2030: 200} changes 2030 only; the next case starts again from the scenario's 2025 price."""
    scenario = toy_scenario.with_config(carbon_price_cny_per_t={2025: 10.0, 2030: 10.0})
    cases = [
        {"carbon_price_cny_per_t": {2025: 500.0}},
        {"carbon_price_cny_per_t": {2030: 500.0}},
        {"tau": 0.0},
    ]
    result = sweep(scenario, cases, progress=False)
    prices = result.table[
        result.table["metric"] == "cap_price_cny_per_t"
    ]  # toy reports the price here
    wide = prices.pivot_table(index="case_id", columns="period", values="value")
    assert wide.loc[0].tolist() == [500.0, 10.0]
    assert wide.loc[1].tolist() == [10.0, 500.0]
    assert wide.loc[2].tolist() == [10.0, 10.0]  # "scenario" value restored, nothing left behind
    assert result.cases.loc[2, "carbon_price_cny_per_t"] == "scenario"


def test_failed_cases_are_recorded_not_dropped(toy, toy_scenario, tmp_path):
    cases = [
        {"national_cap_scale": 1.0, "transfer_policy": "off"},
        {"national_cap_scale": 0.5, "transfer_policy": "off"},  # 4.5 t for 10 units: infeasible
        {"national_cap_scale": -1.0, "transfer_policy": "off"},  # set_policy raises
        {"national_cap_scale": 0.7, "transfer_policy": "strict"},  # q[b] <= 6: infeasible
        {"national_cap_scale": 0.7, "transfer_policy": "off"},
    ]
    result = sweep(toy_scenario, cases, out=tmp_path / "s", progress=False)
    status = result.cases.set_index("case_id")["status"]
    assert status.to_dict() == {
        0: "optimal",
        1: "infeasible",
        2: "error",
        3: "infeasible",
        4: "optimal",
    }
    error = result.cases.set_index("case_id").loc[2, "message"]
    assert "ValueError" in error and "must not be negative" in error
    # the runner was discarded after the exception: a second build for the cases after it
    assert toy.builds == 2
    # every failed case keeps one objective row, NaN, with its status
    failed_rows = result.table[result.table["case_id"].isin([1, 2, 3])]
    assert failed_rows["metric"].tolist() == ["objective_bn_cny"] * 3
    assert failed_rows["value"].isna().all()
    assert objective(result)[4] == pytest.approx(2 * (50 - 36 * 0.7))
    assert "1 error" in result.summary() and "2 infeasible" in result.summary()
    # and they are in the folder too
    assert len(SweepResult.load(tmp_path / "s").failed) == 3


def test_resume_solves_only_missing_cases(toy, toy_scenario, tmp_path):
    out = tmp_path / "sweep"
    grid = {"national_cap_scale": [1.0, 0.9, 0.8], "transfer_policy": ["off", "strict"]}
    first = sweep(toy_scenario, grid, out=out, progress=False)
    assert toy.solves == 6
    files = sorted((out / "cases").glob("case=*.parquet"))
    assert [f.name for f in files] == [f"case={i:04d}.parquet" for i in range(6)]
    (out / "cases" / "case=0004.parquet").unlink()

    toy.solves = 0
    second = sweep(toy_scenario, grid, out=out, progress=False)
    assert toy.solves == 1
    pd.testing.assert_frame_equal(first.table, second.table)

    toy.solves = 0
    sweep(toy_scenario, grid, out=out, progress=False)
    assert toy.solves == 0


def test_interrupted_sweep_resumes_where_it_stopped(toy, toy_scenario, tmp_path):
    out = tmp_path / "sweep"
    calls = {"n": 0}

    def stop_at_third(result):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt  # what Ctrl-C does in the middle of a case
        return 1.0

    grid = {"national_cap_scale": [1.0, 0.95, 0.9, 0.85, 0.8]}
    with pytest.raises(KeyboardInterrupt):
        sweep(toy_scenario, grid, out=out, metrics={"stop": stop_at_third}, progress=False)
    assert len(list((out / "cases").glob("case=*.parquet"))) == 2
    assert not list((out / "cases").glob(".case=*"))  # no half-written file is left as a case

    toy.solves = 0
    result = sweep(toy_scenario, grid, out=out, metrics={"stop": stop_at_third}, progress=False)
    assert toy.solves == 3
    assert len(result.cases) == 5 and set(result.cases["status"]) == {"optimal"}


def test_a_folder_of_another_sweep_is_refused(toy, toy_scenario, tmp_path):
    out = tmp_path / "sweep"
    sweep(toy_scenario, {"national_cap_scale": [1.0, 0.9]}, out=out, progress=False)
    with pytest.raises(SweepFolderError, match="grid"):
        sweep(toy_scenario, {"national_cap_scale": [1.0, 0.8]}, out=out, progress=False)
    with pytest.raises(SweepFolderError, match="scenario"):
        sweep(
            toy_scenario.with_config(tau=0.3),
            {"national_cap_scale": [1.0, 0.9]},
            out=out,
            progress=False,
        )
    manifest = json.loads((out / "grid.json").read_text())
    assert manifest["scenario_fingerprint"] == toy_scenario.fingerprint()
    # the same grid written another way (1 vs 1.0, a list of cases) is the same sweep
    sweep(
        toy_scenario,
        [{"national_cap_scale": 1}, {"national_cap_scale": 0.9}],
        out=out,
        progress=False,
    )


def test_rerun_failed_solves_failed_cases_again(toy, toy_scenario, tmp_path):
    out = tmp_path / "sweep"
    grid = {"national_cap_scale": [1.0, 0.5]}
    sweep(toy_scenario, grid, out=out, progress=False)
    toy.solves = 0
    sweep(toy_scenario, grid, out=out, progress=False)
    assert toy.solves == 0
    result = sweep(toy_scenario, grid, out=out, progress=False, rerun_failed=True)
    assert toy.solves == 1
    assert result.cases["status"].tolist() == ["optimal", "infeasible"]


def test_custom_metrics_and_unknown_metric(toy, toy_scenario):
    def q_b(result):
        return result.tables["leakage"].set_index("period")["leakage_mtco2"] * 2 + 6

    result = sweep(
        toy_scenario,
        {"national_cap_scale": [0.9]},
        metrics=["objective_bn_cny", q_b],
        progress=False,
    )
    assert set(result.table["metric"]) == {"objective_bn_cny", "q_b"}
    # q[b] = 20 - 18·0.9 = 3.8 < 6, so no leakage and q_b = 6 by construction of the toy table
    assert result.metric("q_b")["value"].tolist() == [6.0, 6.0]
    with pytest.raises(ValueError, match="Did you mean 'total_leakage_mtco2'"):
        sweep(toy_scenario, {"tau": [0.0]}, metrics=["total_leakge_mtco2"], progress=False)


def test_plots_are_figures(toy, toy_scenario):
    from matplotlib.figure import Figure

    result = sweep(
        toy_scenario,
        {"national_cap_scale": [1.0, 0.9, 0.7], "transfer_policy": ["off", "strict"]},
        progress=False,
    )
    for kind in ("cost_vs_cap", "price_vs_cap", "leakage_by_policy", "pathways"):
        figure = result.plot(kind)
        assert isinstance(figure, Figure)
        ax = figure.axes[0]
        assert ax.get_title()
    lines = {line.get_label(): line for line in result.plot("cost_vs_cap").axes[0].get_lines()}
    assert set(lines) == {"off", "strict"}
    xs, ys = lines["off"].get_data()
    assert list(xs) == [0.7, 0.9, 1.0]
    assert ys[2] == pytest.approx(2 * (50 - 36 * 1.0))
    # scale 0.7 is infeasible under strict (q[b] <= 6): a gap, not a zero
    assert math.isnan(lines["strict"].get_data()[1][0])
    with pytest.raises(ValueError, match="Did you mean 'pathways'"):
        result.plot("pathway")


def test_price_plot_defaults_to_the_year_with_the_highest_price(toy, toy_scenario):
    # the toy reports its carbon price parameter as the cap's price (see toy_collect)
    cases = [{"carbon_price_cny_per_t": {2030: 300.0}, "national_cap_scale": s} for s in (1.0, 0.9)]
    result = sweep(toy_scenario, cases, progress=False)
    ax = result.plot("price_vs_cap").axes[0]
    assert "2030" in ax.get_ylabel()
    assert list(ax.get_lines()[0].get_ydata()) == [300.0, 300.0]
    assert "2025" in result.plot("price_vs_cap", period=2025).axes[0].get_ylabel()


def test_workers_and_scheduler_are_exclusive(toy_scenario):
    with pytest.raises(ValueError, match="not both"):
        sweep(toy_scenario, {"tau": [0.0]}, workers=2, scheduler="tcp://127.0.0.1:8786")


def test_summary_names_grid_and_statuses(toy, toy_scenario):
    result = sweep(
        toy_scenario, {"national_cap_scale": [1.0, 0.5], "tau": [0.0, 0.1]}, progress=False
    )
    text = result.summary()
    assert "4 cases over national_cap_scale (2) × tau (2)" in text
    assert "2 optimal, 2 infeasible" in text


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
    warm = sweep_executors._driver_basis(toy_scenario, grid, [todo[0], todo[2]], todo, {}, metrics)
    assert warm is not None and len(warm.col_status) > 0
    assert toy.builds == 1 and toy.solves == 2


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


def test_top_level_api_exposes_sweep():
    assert dc.sweep is sweep
    assert dc.SweepResult is SweepResult
    assert Path(sweep_module.__file__).name == "sweep.py"


# -- the real model, on a hand-checked toy scenario -------------------------------------------------
def capped_steel_toy() -> Scenario:
    """One region, steel (tests/models/toys.py): 9 Mt/yr of ``old`` (coal, 2 tCO2/t, 0.5 bn CNY per
    Mt/yr of output over the period) and buildable ``clean`` (1 bn CNY per Mt/yr net of salvage);
    demand 9 Mt; base emissions 18 MtCO2; national cap 0.5·scale of base in 2025 (one period,
    AF = 5, no discounting).

    By hand, with cap scale c and carbon price p (CNY/t): ``old`` may make s·9 Mt with
    s = 0.5·c (≤ 1) and costs 0.5 + 5·2·p/1000 = 0.5 + 0.01·p per Mt, ``clean`` makes the rest at 1:
    objective = 9·s·(0.5 + 0.01·p) + 9·(1 − s). One more MtCO2 of cap saves (0.5 − 0.01·p)/2 bn
    CNY, so the cap's shadow price is (0.5 − 0.01·p)/2 / 5 · 1000 = 50 − p CNY/tCO2.
    """
    from toys import steel_toy  # tests/models/toys.py, on sys.path through tests/conftest.py

    return steel_toy().scenario(national_cap={"share_of_base": {2025: 0.5}})


def hand_objective(scale: float, price: float) -> float:
    share = 0.5 * scale
    return 9 * share * (0.5 + 0.01 * price) + 9 * (1 - share)


REAL_GRID = {
    "national_cap_scale": [0.4, 1.0, 1.6],
    "carbon_price_cny_per_t": [0.0, 20.0],
    "transfer_policy": ["off", "strict"],
}


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
    """A 2-process LocalCluster: same table as serial; each worker builds its model once.

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
    assert all(w.split(":")[-1] != str(os.getpid()) for w in workers)  # not this process


def test_a_killed_worker_case_is_retried_elsewhere(tmp_path):
    """A worker process dies in the middle of a case; Dask retries the case on another worker."""
    mark = tmp_path / "killed"

    def die_once(result):  # a local function: pickled by value to the workers
        if not mark.exists():
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
