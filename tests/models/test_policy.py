"""``set_policy``: a changed parameter re-solved equals a model built with that value."""

from __future__ import annotations

import pytest
from pyomo.contrib.appsi.solvers import Highs
from test_emissions import leakage_toy
from test_growth import old_only
from toys import build_and_solve, solve, steel_toy

from dualcarbon.models import SWEEPABLE, build_model, set_policy

A, B = "A", "B"
P = 2025


@pytest.mark.parametrize(
    ("name", "value", "config"),
    [
        ("national_cap_share", 0.7, {"national_cap": {"share_of_base": {P: 0.7}}}),
        ("national_cap_scale", 0.8, {"national_cap": {"share_of_base": {P: 0.5}, "scale": 0.8}}),
        ("carbon_price_cny_per_t", 300.0, {"carbon_price_cny_per_t": {P: 300.0}}),
    ],
)
def test_round_trip_caps_and_prices(name, value, config):
    """Build at cap 0.5 × base, change one number, re-solve: same optimum as building with it."""
    base = steel_toy().scenario(national_cap={"share_of_base": {P: 0.5}})
    model = build_model(base)
    solve(model)
    set_policy(model, name, value)
    changed = solve(model)
    _, rebuilt = build_and_solve(steel_toy().scenario(**config))
    assert changed == pytest.approx(rebuilt)


def test_round_trip_growth_scale_in_exponent():
    """(1 + g·scale)^Δ is a mutable coefficient: scale 1 → 0.5 re-solved in a persistent HiGHS
    equals a fresh build at scale 0.5 (and differs from scale 1)."""
    model = build_model(old_only(value_added=1000).scenario(growth_floor={"pct_per_yr": 2.0}))
    solver = Highs()
    first = solver.solve(model).best_feasible_objective
    set_policy(model, "growth_floor_scale", 0.5)
    second = solver.solve(model).best_feasible_objective
    fresh = old_only(value_added=1000).scenario(growth_floor={"pct_per_yr": 2.0, "scale": 0.5})
    _, rebuilt = build_and_solve(fresh)
    assert second == pytest.approx(rebuilt)
    assert second < first - 1e-6


@pytest.mark.parametrize("policy", ["share", "strict", "accounting"])
def test_round_trip_transfer_policy(policy):
    """Switching ``transfer_policy`` (de)activates blocks built once; result = fresh build."""
    caps = {"regional_cap_share_of_base": {A: {P: 0.5}}}
    model = build_model(leakage_toy().scenario(transfer_policy="off", **caps))
    assert solve(model) == pytest.approx(6.0)
    set_policy(model, "transfer_policy", policy)
    _, rebuilt = build_and_solve(leakage_toy().scenario(transfer_policy=policy, **caps))
    assert solve(model) == pytest.approx(rebuilt)
    set_policy(model, "transfer_policy", "off")
    assert solve(model) == pytest.approx(6.0)


def test_national_cap_none_removes_the_row():
    model = build_model(steel_toy().scenario(national_cap={"share_of_base": {P: 0.5}}))
    assert model.C16_national_cap[P].active
    set_policy(model, "national_cap_share", {P: None})
    assert not model.C16_national_cap[P].active
    assert solve(model) == pytest.approx(4.5)


def test_unknown_names_are_rejected():
    model = build_model(steel_toy().scenario())
    with pytest.raises(KeyError, match="not sweepable"):
        set_policy(model, "carbon_tax", 10)
    with pytest.raises(KeyError, match="no entry"):
        set_policy(model, "growth_floor_pct", {"Atlantis": 3.0})
    assert {"national_cap_scale", "tau", "transfer_policy"} <= set(SWEEPABLE)
