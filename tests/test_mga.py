"""Near-optimal alternatives (``dualcarbon.mga``) on a hand-checked two-province toy.

The toy: steel demand 13.5 Mt/yr in 2025 (one period, DF = 1, AF = 5). Province A has 10 Mt/yr
of ``old`` capacity (9 left in 2025), B 5 Mt/yr (4.5 left); they made 9 and 4.5 Mt in the base
year, so base emissions are 18 + 9 = 27 MtCO2/yr. The national cap is 2/3 of that, 18 MtCO2/yr:
at most 9 Mt/yr of ``old`` (2 tCO2/t), the other 4.5 Mt/yr ``clean``.

Least cost (tests/models/toys.py figures): 9 Mt ``old`` × 0.5 + 4.5 Mt ``clean`` × 1 = 9.0 bn
CNY, reached by any split of the 9 Mt of ``old`` that fits the standing capacity (A ≤ 9,
B ≤ 4.5). Moving A's share to B beyond B's 4.5 Mt needs new ``old`` capacity in B, 0.1 bn CNY
per Mt/yr (capex 1 less salvage 0.9): the known trade cost. At slack s the budget buys
s × 9.0 / 0.1 Mt/yr of it, so

* A's 2025 emissions range over [2 × (4.5 − 90 s), 18], B's over [0, 2 × (4.5 + 90 s)];
* slack 0.02: A ∈ [5.4, 18], B ∈ [0, 12.6], the min-A plan costing 9.18 = 1.02 × 9.0;
* slack 0: A ∈ [9, 18] (the trade costs something, so none of it is bought).
"""

from __future__ import annotations

import pytest
from toys import CLEAN, OLD, Toy

import dualcarbon as dc
from dualcarbon.cli import main
from dualcarbon.solvers.mga import MGAFolderError, plan_directions

A, B, P = "A", "B", 2025


def trade_toy():
    toy = Toy({A: False, B: False}).sector("steel", demand={P: 13.5})
    toy.tech("steel", "old", **OLD).tech("steel", "clean", **CLEAN)
    toy.capacity(A, "steel", "old", 10.0, output=9.0).capacity(B, "steel", "old", 5.0, output=4.5)
    return toy.scenario(national_cap={"share_of_base": {P: 2 / 3}})


def _by_direction(result, region: str) -> dict[str, float]:
    """2025 emissions of ``region`` in the min- and max-``region`` alternatives."""
    alts = result.alternatives.set_index(["direction", "target"])["alternative"]
    wide = result.metric("emissions_mtco2", P)
    return {sense: wide.loc[alts[sense, region], region] for sense in ("min", "max")}


@pytest.mark.parametrize(
    ("slack", "a_range", "b_range"),
    [(0.02, (5.4, 18.0), (0.0, 12.6)), (0.0, (9.0, 18.0), (0.0, 9.0))],
)
def test_extreme_splits_match_the_hand_derivation(slack, a_range, b_range):
    result = dc.mga(trade_toy(), slack=slack, n=3, seed=1, progress=False)
    alts = result.alternatives
    assert (alts["status"] == "optimal").all()
    assert alts.loc[alts["alternative"] == 0, "cost_bn_cny"].item() == pytest.approx(9.0)
    assert _by_direction(result, A) == pytest.approx({"min": a_range[0], "max": a_range[1]})
    assert _by_direction(result, B) == pytest.approx({"min": b_range[0], "max": b_range[1]})
    # every alternative within the slack; the min-A plan spends all of it
    assert (alts["cost_bn_cny"] <= (1 + slack) * 9.0 + 1e-6).all()
    assert (alts["cost_ratio"] <= 1 + slack + 1e-9).all()
    min_a = alts[(alts["direction"] == "min") & (alts["target"] == A)]
    assert min_a["cost_bn_cny"].item() == pytest.approx((1 + slack) * 9.0)
    # random directions stay inside the extremes
    wide = result.metric("emissions_mtco2", P)
    assert wide[A].between(a_range[0] - 1e-6, a_range[1] + 1e-6).all()
    # the national cap holds in every alternative
    assert (wide.sum(axis=1) <= 18.0 + 1e-6).all()
    spread = result.spread("emissions_mtco2", P)
    assert spread.loc[A, "range"] == pytest.approx(a_range[1] - a_range[0])


def test_investment_metric_places_builds_in_their_province():
    """Investment (capex, no salvage): 4.5 Mt/yr of ``clean`` cost 2 each, 9, in whichever
    province builds them; at slack 0.02 the 0.18 bn CNY buys 1.8 Mt/yr of new ``old`` (net 0.1
    each, capex 1) in the same province, displacing the other's standing ``old``: the most a
    province can hold is 9 + 1.8 = 10.8, the least 0."""
    result = dc.mga(trade_toy(), slack=0.02, n=0, metric="investment", progress=False)
    alts = result.alternatives.set_index(["direction", "target"])["alternative"]
    wide = result.metric("cumulative_investment_bn_cny")
    for region in (A, B):
        assert wide.loc[alts["max", region], region] == pytest.approx(10.8)
        assert wide.loc[alts["min", region], region] == pytest.approx(0.0, abs=1e-7)
    assert (result.alternatives["cost_bn_cny"] <= 9.18 + 1e-6).all()


def test_cumulative_emissions_count_the_years_of_the_period():
    """2025 stands for 2021-2025: cumulative = 5 × the 2025 value."""
    result = dc.mga(trade_toy(), slack=0.02, n=0, progress=False)
    yearly = result.metric("emissions_mtco2", P)
    cumulative = result.metric("cumulative_emissions_mtco2")
    assert (cumulative - 5 * yearly).abs().max().max() == pytest.approx(0.0, abs=1e-9)


def test_alternative_tables_carry_cost_not_the_mga_objective():
    result = dc.mga(trade_toy(), slack=0.02, n=0, extremes=[A], progress=False)
    alts = result.alternatives.set_index("alternative")
    minimised = alts.index[alts["direction"] == "min"].item()
    table = result.result(minimised)
    assert table.objective_bn_cny == pytest.approx(9.18)
    assert "duals" not in table.tables
    assert result.table("costs", minimised)["cost_bn_cny"].sum() == pytest.approx(9.18)
    emissions = result.table("emissions", minimised).set_index("region")["production_mtco2"]
    assert emissions[A] == pytest.approx(5.4)


def test_directions_are_reproducible_and_normalised():
    optimum = {"X": 100.0, "Y": 10.0, "Z": 0.0}
    groups = {r: r for r in optimum}
    first = plan_directions(optimum, groups, n=3, extremes=1, seed=7)
    assert plan_directions(optimum, groups, n=3, extremes=1, seed=7) == first
    assert [(d["direction"], d["target"]) for d in first[:2]] == [("min", "X"), ("max", "X")]
    # relative to the optimum's value
    assert first[0]["weights"] == {"X": 0.01} and first[1]["weights"] == {"X": -0.01}
    randoms = first[2:]
    assert len(randoms) == 3
    for direction in randoms:
        weights = direction["weights"]
        assert all(abs(weights[r] * optimum[r]) <= 1.0 + 1e-12 for r in ("X", "Y"))
        assert abs(weights["Z"]) <= 1.0  # floored at 1 % of the largest, never divided by 0
    assert plan_directions(optimum, groups, n=3, seed=8)[-1] != randoms[-1]
    with pytest.raises(ValueError, match="unknown regions"):
        plan_directions(optimum, groups, extremes=["Nowhere"])


def test_macro_regions_need_the_registry_column():
    with pytest.raises(ValueError, match="macro_region"):
        dc.mga(trade_toy(), by="macro_region", progress=False)


def test_held_exporter_intensities_give_the_same_extremes_in_one_solve_each():
    """No corridor in the toy: EFX enters no row, so holding it changes nothing."""
    result = dc.mga(trade_toy(), slack=0.02, n=0, efx="hold", progress=False)
    assert _by_direction(result, A) == pytest.approx({"min": 5.4, "max": 18.0})
    assert (result.alternatives["efx_iterations"] == 1).all()
    assert (result.alternatives["efx_residual_tco2_per_mwh"] == 0).all()


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"slack": -0.1}, "slack"),
        ({"n": -1}, "n:"),
        ({"metric": "water"}, "water"),
        ({"efx": "guess"}, "efx"),
    ],
)
def test_bad_settings_are_refused(kwargs, words):
    with pytest.raises(ValueError, match=words):
        dc.mga(trade_toy(), progress=False, **kwargs)


def test_out_folder_resumes_only_missing_alternatives(tmp_path):
    out = tmp_path / "mga"
    first = dc.mga(trade_toy(), slack=0.02, n=1, out=out, progress=False)
    files = sorted((out / "cases").glob("case=*.parquet"))
    assert len(files) == len(first.alternatives) == 6  # optimum, min/max A and B, one random
    assert all((out / "tables" / f"alt={i:04d}" / "metadata.json").is_file() for i in range(6))
    stamps = {f.name: f.stat().st_mtime_ns for f in files}
    files[3].unlink()  # as if the run had stopped before alternative 3
    again = dc.mga(trade_toy(), slack=0.02, n=1, out=out, progress=False)
    for f in sorted((out / "cases").glob("case=*.parquet")):
        if f.name != files[3].name:
            assert f.stat().st_mtime_ns == stamps[f.name], f"{f.name} was solved again"
    assert files[3].is_file()
    cols = ["alternative", "direction", "target"]
    assert again.alternatives[cols].equals(first.alternatives[cols])
    # alternative 3 (min B) solved again from another start: B's 2025 emissions are again 0
    # (its cost may differ: any plan within the bound with B at 0 is a minimum)
    assert again.metric("emissions_mtco2", P).loc[3, B] == pytest.approx(0.0, abs=1e-7)
    assert (again.alternatives["cost_ratio"] <= 1.02 + 1e-9).all()
    loaded = dc.MGAResult.load(out)
    assert loaded.metrics.equals(again.metrics)
    assert loaded.table("industry", 2).equals(first.table("industry", 2))


def test_out_folder_of_another_run_is_refused(tmp_path):
    out = tmp_path / "mga"
    dc.mga(trade_toy(), slack=0.02, n=0, out=out, progress=False)
    with pytest.raises(MGAFolderError, match="slack"):
        dc.mga(trade_toy(), slack=0.05, n=0, out=out, progress=False)
    with pytest.raises(MGAFolderError, match="scenario_fingerprint"):
        dc.mga(trade_toy().with_config(name="other"), slack=0.02, n=0, out=out, progress=False)
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("my own file")
    with pytest.raises(MGAFolderError, match="other files"):
        dc.mga(trade_toy(), slack=0.02, n=0, out=mine, progress=False)
    assert (mine / "notes.txt").read_text() == "my own file"


def test_cli_writes_a_resumable_folder(tmp_path, monkeypatch, capsys):
    scenario = trade_toy()
    monkeypatch.setattr(dc, "load_scenario", lambda ref: scenario)
    out = tmp_path / "m"
    args = ["mga", "toy", "--slack", "0.02", "-n", "1", "--out", str(out), "--no-progress"]
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "6 alternatives" in printed and "cost ratio to optimum: max 1.0200" in printed
    assert main([*args[:3], "0.05", *args[4:]]) == 1
    assert "another MGA run" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["-0.1", "1.5", "nan", "x"])
def test_cli_refuses_a_bad_slack(value, tmp_path, capsys):
    assert main(["mga", "toy", "--slack", value, "--out", str(tmp_path / "m")]) != 0
    assert "--slack" in capsys.readouterr().err
    assert not (tmp_path / "m").exists()


def test_figures_draw_on_a_real_result(tmp_path):
    result = dc.mga(trade_toy(), slack=0.02, n=2, progress=False)
    strip = result.plot("strip", period=P)
    assert [t.get_text() for t in strip.axes[0].get_yticklabels()] == [B, A]  # by optimum
    parallel = result.plot("parallel")
    assert [t.get_text() for t in parallel.axes[0].get_xticklabels()] == [A, B, "cost ratio"]
    with pytest.raises(ValueError, match="Did you mean 'strip'"):
        result.plot("stripe")


def test_alternatives_on_two_dask_workers_match_the_serial_extremes(tmp_path):
    """workers=2: the optimum is solved here, the alternatives on two worker processes that
    each build the model once; the hand-derived extremes and the cost bound hold as in the
    serial run, and the folder is complete (six alternatives, each once)."""
    import os

    out = tmp_path / "mga"
    result = dc.mga(trade_toy(), slack=0.02, n=1, workers=2, out=out, progress=False)
    alts = result.alternatives
    assert len(alts) == 6 and (alts["status"] == "optimal").all()
    assert _by_direction(result, A) == pytest.approx({"min": 5.4, "max": 18.0})
    assert _by_direction(result, B) == pytest.approx({"min": 0.0, "max": 12.6})
    assert (alts["cost_ratio"] <= 1.02 + 1e-9).all()
    assert len(list((out / "cases").glob("case=*.parquet"))) == 6
    pid = alts.set_index("alternative")["worker"].str.split(":").str[-1]
    assert pid[0] == str(os.getpid())  # the optimum, solved here
    assert (pid.drop(0) != str(os.getpid())).all() and pid.drop(0).nunique() <= 2
