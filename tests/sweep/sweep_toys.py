"""The toy backends of the sweep tests (plain module; ``conftest.py`` puts this folder on
``sys.path``).

:class:`ToyBackend` installs a toy LP (two regions and two periods, optimum derivable by hand)
in place of the real model, so that the sweep machinery runs fast on numbers known exactly;
:func:`capped_steel_toy` is a one-region slice for the tests that need the real
``build_model``/``set_policy``/``collect`` (the Dask workers import the real model).
"""

from __future__ import annotations

import importlib

import pandas as pd
import pyomo.environ as pyo
import pytest

from dualcarbon.inputs.config import TRANSFER_POLICY_RULES
from dualcarbon.inputs.scenario import Scenario
from dualcarbon.solvers.persistent import PersistentPlan
from dualcarbon.solvers.result import Result
from dualcarbon.solvers.status import SolveStatus
from dualcarbon.solvers.sweep import SweepResult

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


def toy_collect(
    plan: PersistentPlan,
    scenario: Scenario,
    outcome,
    build_seconds=None,
    lazy_tables=False,
    fingerprint=None,
) -> Result:
    """The toy's ``collect``: the result tables the sweep metrics read (always all of them)."""
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


def objective(result: SweepResult) -> pd.Series:
    rows = result.table[result.table["metric"] == "objective_bn_cny"]
    return rows.set_index("case_id")["value"]


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
