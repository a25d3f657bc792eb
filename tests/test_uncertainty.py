"""Monte Carlo uncertainty: the input multipliers on hand-checked toys, and the run itself.

Toy conventions (tests/models/toys.py): discount rate 0, AF = 5; steel ``old`` burns 1 tce of
coal per t at 100 CNY/tce, so running it costs 0.5 bn CNY per Mt/yr of output; building
``clean`` costs 1 bn CNY per Mt/yr (capex 2000 CNY/t, half left as salvage). 9 Mt/yr of ``old``
survive in 2025 and demand is 9 Mt/yr, so the optimum is 9 x min(0.5 f, 1.0 c) for a coal price
multiplier f and a capex multiplier c of the ``conventional`` group.
"""

from __future__ import annotations

import pandas as pd
import pyomo.environ as pyo
import pytest
from toys import Toy, build_and_solve, solve, steel_toy, v

import dualcarbon as dc
from dualcarbon.inputs.errors import InputError
from dualcarbon.inputs.uncertainty import load_distributions
from dualcarbon.models import build_model
from dualcarbon.models.policy import SWEEPABLE, set_policy
from dualcarbon.models.uncertainty import UNCERTAIN

P = 2025


def test_multipliers_are_sweepable_and_default_to_one():
    model = build_model(steel_toy().scenario())
    for name in UNCERTAIN:
        assert name in SWEEPABLE
        values = [pyo.value(p) for p in getattr(model, name).values()]
        assert all(value == 1.0 for value in values), name
        assert values or name == "renewable_potential_scale", name  # the toy has no renewables


@pytest.mark.parametrize(
    ("coal", "capex", "expected", "builds_clean"),
    [
        (1.0, 1.0, 4.5, False),  # 9 x 0.5: run the old plants
        (1.5, 1.0, 6.75, False),  # 9 x 0.75: still cheaper than building clean (1.0)
        (3.0, 1.0, 9.0, True),  # old would cost 1.5: build 9 Mt/yr of clean at 1.0
        (3.0, 0.4, 3.6, True),  # clean's capex at 40 %: 9 x 0.4
    ],
)
def test_fuel_price_and_capex_multipliers_move_the_hand_optimum(
    coal, capex, expected, builds_clean
):
    model = build_model(steel_toy().scenario())
    set_policy(model, "fuel_price_scale", {"coal": coal})
    set_policy(model, "industry_capex_scale", {"conventional": capex})
    assert solve(model) == pytest.approx(expected)
    assert (v(model.xnew["A", "steel", "clean", P]) > 8.99) is builds_clean


def test_a_model_built_then_scaled_equals_one_rebuilt_with_scaled_data():
    """Scaling the coal price by 1.5 is the LP of the data with 150 CNY/tce."""
    model = build_model(steel_toy().scenario())
    set_policy(model, "fuel_price_scale", 1.5)
    scaled = solve(model)
    toy = steel_toy()
    toy.fuels["coal"] = (2.0, 150.0)
    _, rebuilt = build_and_solve(toy.scenario())
    assert scaled == pytest.approx(rebuilt) == pytest.approx(6.75)


def test_renewable_potential_multiplier_scales_the_headroom():
    """C9 toy of tests/models/test_power.py: solar (free, cf 0.5) capped at 2 GW, coal (0.5 per
    TWh) covers the rest of 43.8 TWh: 17.52. Twice the potential: 4 GW solar = 17.52 TWh, coal
    26.28 TWh x 0.5 = 13.14."""
    toy = Toy().sector("steel", demand={P: 0.0}).tech("steel", "old", coal_tce_per_t=1)
    toy.capacity("A", "steel", "old", 0.0)
    toy.power("coal", vom_cny_per_mwh=100).plant("A", "coal", 100.0)
    toy.power("solar_pv", capex_cny_per_kw=0, is_renewable=1, capacity_credit=0)
    toy.plant("A", "solar_pv", 0.0, potential=2.0).demand_twh("A", 43.8)
    model = build_model(toy.scenario())
    assert solve(model) == pytest.approx(17.52)
    set_policy(model, "renewable_potential_scale", {"solar_pv": 2.0})
    assert solve(model) == pytest.approx(13.14)
    assert v(model.gcap["A", "solar_pv", P]) == pytest.approx(4.0)


def test_demand_multiplier_acts_from_the_second_milestone_on():
    """Two milestones (AF = 5 each), demand 9 in both; 9 Mt/yr of old in 2025, 8 in 2030.
    Unscaled: 2025 runs old (4.5); 2030 runs 8 old (4.0) and builds 1 Mt/yr of old (capex 1000,
    salvage 45/50: 0.1) to run it (0.5): 9.1 in all. With steel demand x 0.5 the 2030 demand is
    4.5, which the old plants cover (2.25): 6.75; 2025 keeps its 9 (pinned by statistics)."""
    toy = steel_toy()
    toy.rows["industry_demand"] = []
    toy.add("industry_demand", sector="steel", year=2025, demand_mt=9.0)
    toy.add("industry_demand", sector="steel", year=2030, demand_mt=9.0)
    model = build_model(toy.scenario(periods=[2025, 2030]))
    assert solve(model) == pytest.approx(9.1)
    set_policy(model, "product_demand_scale", {"steel": 0.5})
    assert solve(model) == pytest.approx(6.75)
    output = {p: sum(v(model.q["A", "steel", k, p]) for k in ("old", "clean")) for p in model.P}
    assert output == pytest.approx({2025: 9.0, 2030: 4.5})


def test_multiplier_errors_name_the_entry():
    model = build_model(steel_toy().scenario())
    with pytest.raises(KeyError, match="fuel_price_scale: no entry 'lignite'"):
        set_policy(model, "fuel_price_scale", {"lignite": 1.2})
    with pytest.raises(ValueError, match=">= 0"):
        set_policy(model, "electricity_demand_scale", -1)


# -- distributions files --------------------------------------------------------------------------
def test_shipped_distributions_load_and_state_a_basis():
    dists = load_distributions()
    assert len(dists.inputs) >= 10
    assert all(len(spec.basis) > 20 for spec in dists.inputs.values())
    coal = dists.inputs["coal_price"]
    # 570-770 CNY/t at 5,500/7,000 tce/t over the shipped 828.55 CNY/tce
    assert coal.low == pytest.approx(570 / (5500 / 7000) / 828.55, abs=1e-3)
    assert coal.high == pytest.approx(770 / (5500 / 7000) / 828.55, abs=1e-3)


GOOD = {
    "multiplier": "fuel_price_scale",
    "entry": "coal",
    "distribution": "uniform",
    "low": 0.5,
    "high": 1.5,
    "basis": "toy range for a unit test",
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"multiplier": "fuel_price_scal"},
            r"key inputs\.x\.multiplier.*did you mean 'fuel_price_scale'",
        ),
        ({"multiplier": "transfer_policy"}, "expected a numeric sweepable name"),
        ({"low": 2.0}, r"key inputs\.x.*low \(2\.0\) must be below high"),
        ({"distribution": "gamma"}, r"key inputs\.x\.distribution.*'uniform', 'triangular'"),
        ({"distribution": "triangular"}, "needs low <= mode <= high"),
        ({"basis": ""}, r"key inputs\.x\.basis"),
        ({"colour": "red"}, r"key inputs\.x\.colour"),
    ],
)
def test_bad_distributions_are_refused_naming_file_and_key(tmp_path, change, message):
    import yaml

    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump({"inputs": {"x": {**GOOD, **change}}}), encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        load_distributions(path)
    assert str(path) in str(caught.value)


def test_one_entry_drawn_twice_and_missing_files_are_refused(tmp_path):
    with pytest.raises(InputError, match=r"also drawn by 'a'"):
        load_distributions({"inputs": {"a": GOOD, "b": {**GOOD, "entry": None}}})
    with pytest.raises(InputError, match="did you mean 'default'"):
        load_distributions("defualt")
    with pytest.raises(InputError, match="no such file"):
        load_distributions(tmp_path / "none.yaml")


# -- runs on the toy ------------------------------------------------------------------------------
TOY_DISTRIBUTIONS = {
    "inputs": {
        "coal_price": GOOD,
        "steel_capex": {
            **GOOD,
            "multiplier": "industry_capex_scale",
            "entry": "conventional",
            "low": 1.1,
            "high": 1.3,
        },
        "oil_price": {**GOOD, "entry": "oil", "low": 0.5, "high": 2.0},
    }
}


@pytest.fixture(scope="module")
def toy_scenario():
    return steel_toy().scenario()


def test_same_seed_same_results_and_the_influential_input_ranks_first(toy_scenario):
    """With coal at 0.5-1.5 (old costs 0.25-0.75) and clean's capex at 1.1-1.3, old always runs:
    the optimum is 4.5 x coal multiplier, so coal explains all of its variance."""
    first = dc.uncertainty(
        toy_scenario, n=24, distributions=TOY_DISTRIBUTIONS, seed=7, progress=False, provinces=True
    )
    again = dc.uncertainty(
        toy_scenario, n=24, distributions=TOY_DISTRIBUTIONS, seed=7, progress=False, provinces=True
    )
    other = dc.uncertainty(
        toy_scenario, n=24, distributions=TOY_DISTRIBUTIONS, seed=8, progress=False, provinces=True
    )
    pd.testing.assert_frame_equal(first.samples, again.samples)
    pd.testing.assert_frame_equal(first.table, again.table)
    assert not first.samples.equals(other.samples)
    outputs = first.outputs()
    assert len(outputs) == 24
    assert (outputs["optimal"] == 1.0).all()
    expected = 4.5 * first.samples["coal_price"]
    assert outputs["objective_bn_cny"].to_numpy() == pytest.approx(expected.to_numpy(), rel=1e-6)
    ranking = first.sensitivity("objective_bn_cny")
    assert ranking.iloc[0]["input"] == "coal_price"
    assert ranking.iloc[0]["S1"] > 0.8
    assert ranking.iloc[0]["spearman"] == pytest.approx(1.0)
    assert (ranking.iloc[1:]["S1"] < 0.3).all()
    summary = first.summary()
    median = summary.loc["objective_bn_cny", "q50"]
    assert median == pytest.approx(float(expected.median()), rel=1e-6)
    provinces = first.province_emissions(2025)
    assert list(provinces.columns) == ["A"]
    assert provinces["A"].to_numpy() == pytest.approx(18.0)  # 9 Mt/yr x 2 tCO2/t, every sample


def test_an_interrupted_run_resumes_and_solves_only_the_missing_samples(
    toy_scenario, tmp_path, monkeypatch
):
    import dualcarbon.solvers.sweep as sweep_module

    out = tmp_path / "mc"
    real = sweep_module.run_serial
    solved: list[int] = []

    def stop_after_five(scenario, case_grid, todo, *args):
        solved.append(len(todo))
        real(scenario, case_grid, todo[:5], *args)
        raise KeyboardInterrupt

    monkeypatch.setattr(sweep_module, "run_serial", stop_after_five)
    with pytest.raises(KeyboardInterrupt):
        dc.uncertainty(
            toy_scenario, n=12, distributions=TOY_DISTRIBUTIONS, seed=3, out=out, progress=False
        )
    assert len(list((out / "cases").glob("*.parquet"))) == 5

    def count(scenario, case_grid, todo, *args):
        solved.append(len(todo))
        real(scenario, case_grid, todo, *args)

    monkeypatch.setattr(sweep_module, "run_serial", count)
    resumed = dc.uncertainty(
        toy_scenario, n=12, distributions=TOY_DISTRIBUTIONS, seed=3, out=out, progress=False
    )
    assert solved == [12, 7]
    fresh = dc.uncertainty(
        toy_scenario, n=12, distributions=TOY_DISTRIBUTIONS, seed=3, progress=False
    )
    pd.testing.assert_frame_equal(resumed.table, fresh.table)
    with pytest.raises(ValueError, match="holds another sweep"):
        dc.uncertainty(
            toy_scenario, n=12, distributions=TOY_DISTRIBUTIONS, seed=4, out=out, progress=False
        )


def test_unknown_entry_is_refused_before_any_solve(toy_scenario):
    bad = {"inputs": {"x": {**GOOD, "multiplier": "power_capex_scale", "entry": "fusion"}}}
    with pytest.raises(InputError, match=r"inputs\.x\.entry.*an entry of power_capex_scale"):
        dc.uncertainty(toy_scenario, n=4, distributions=bad, progress=False)


def test_plots_draw(toy_scenario):
    import matplotlib

    matplotlib.use("Agg")
    result = dc.uncertainty(
        toy_scenario, n=16, distributions=TOY_DISTRIBUTIONS, seed=1, progress=False
    )
    for kind in ("cost", "peak", "provinces", "sensitivity"):
        figure = result.plot(kind, **({"period": 2025} if kind == "provinces" else {}))
        assert figure.axes, kind
    with pytest.raises(ValueError, match="plot kind"):
        result.plot("violin")


def test_cli_prints_quantiles_and_ranking_and_writes_tables(
    toy_scenario, tmp_path, monkeypatch, capsys
):
    import yaml

    from dualcarbon.cli import main

    monkeypatch.setattr(dc, "load_scenario", lambda name: toy_scenario)
    path = tmp_path / "toy.yaml"
    path.write_text(yaml.safe_dump(TOY_DISTRIBUTIONS), encoding="utf-8")
    out = tmp_path / "mc"
    args = ["uncertainty", "toy", "-n", "16", "--distributions", str(path), "--out", str(out)]
    assert main([*args, "--no-progress"]) == 0
    printed = capsys.readouterr().out
    assert "objective_bn_cny" in printed and "RBD-FAST" in printed
    ranking = pd.read_csv(out / "sensitivity.csv")
    assert ranking.loc[0, "input"] == "coal_price"
    assert set(pd.read_csv(out / "summary.csv")["output"]) >= {"objective_bn_cny", "peak_year"}
    assert main(["uncertainty", "toy", "-n", "1", "--out", str(out)]) != 0


def test_infeasible_draws_are_counted_and_their_driver_ranked():
    """Solar alone must serve 43.8 TWh: 10 GW at cf 0.5 exactly. A potential multiplier below 1
    leaves too little solar, so exactly the draws below 1.0 are infeasible."""
    toy = Toy().sector("steel", demand={P: 0.0}).tech("steel", "old", coal_tce_per_t=1)
    toy.capacity("A", "steel", "old", 0.0)
    toy.power("solar_pv", capex_cny_per_kw=0, is_renewable=1, capacity_credit=1)
    toy.plant("A", "solar_pv", 0.0, potential=10.0).demand_twh("A", 43.8)
    dists = {
        "inputs": {
            "potential": {**GOOD, "multiplier": "renewable_potential_scale", "entry": "solar_pv"},
            "coal_price": GOOD,
        }
    }
    result = dc.uncertainty(toy.scenario(), n=16, distributions=dists, seed=2, progress=False)
    outputs = result.outputs()
    feasible = result.samples["potential"] >= 1.0
    assert outputs["optimal"].to_numpy() == pytest.approx(feasible.astype(float).to_numpy())
    assert outputs.loc[~feasible, "objective_bn_cny"].isna().all()
    assert result.summary().loc["optimal", "mean"] == pytest.approx(feasible.mean())
    assert result.sensitivity("optimal").iloc[0]["input"] == "potential"
