"""Tests of ``dualcarbon.sweep``: grids (factorial and explicit), the values they accept, the
order cases are solved in, and the arguments and public names of ``sweep``."""

from __future__ import annotations

from pathlib import Path

import pytest
from sweep_toys import TOY_SWEEPABLE, sweep_module

import dualcarbon as dc
from dualcarbon.solvers.sweep import SweepResult, execution_order, expand_grid, sweep


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


def test_workers_and_scheduler_are_exclusive(toy_scenario):
    with pytest.raises(ValueError, match="not both"):
        sweep(toy_scenario, {"tau": [0.0]}, workers=2, scheduler="tcp://127.0.0.1:8786")


def test_top_level_api_exposes_sweep():
    assert dc.sweep is sweep
    assert dc.SweepResult is SweepResult
    assert Path(sweep_module.__file__).name == "sweep.py"
