"""Tests of ``dualcarbon.sweep`` on the toy LP: results equal fresh solves and the hand optimum,
the tidy table, the out folder (resume, interruption, another sweep's folder, failed cases),
metrics, plots and the summary."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest
from sweep_toys import TOY_PERIODS, objective, toy_model

from dualcarbon.solvers.persistent import PersistentPlan
from dualcarbon.solvers.sweep import SweepFolderError, SweepResult, sweep


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


def test_summary_names_grid_and_statuses(toy, toy_scenario):
    result = sweep(
        toy_scenario, {"national_cap_scale": [1.0, 0.5], "tau": [0.0, 0.1]}, progress=False
    )
    text = result.summary()
    assert "4 cases over national_cap_scale (2) × tau (2)" in text
    assert "2 optimal, 2 infeasible" in text
