"""One near-optimal alternative: solve it on a plan with the MGA components, read its metrics.

Shared by the serial loop of :func:`dualcarbon.solvers.mga.mga` and the Dask workers of
:mod:`dualcarbon.solvers.mga_parallel`, so that an alternative is the same whichever process
solves it.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from dualcarbon.inputs.scenario import Scenario

#: Weight of the system cost, relative to the optimum's, in every MGA objective: it only picks
#: the cheapest plan among those equally good for the weighted regions (see models/mga.py).
#: Weights are relative to each region's optimum value, so a 1 % move of the pushed metric
#: outweighs spending the whole 5 % slack (1e-3 x 0.05) 200 times over.
TIE_BREAK = 1e-3


def _rows(alternative: int, model: Any, groups: Mapping[str, str]) -> pd.DataFrame:
    """Metric rows of the loaded solution, per province and per group."""
    from dualcarbon.models.mga import metric_values, period_values

    records = []
    for metric, unit in (("emissions", "mtco2"), ("investment", "bn_cny")):
        for (r, p), value in period_values(model, metric).items():
            records.append((r, f"{metric}_{unit}", p, value))
        for r, value in metric_values(model, metric).items():
            records.append((r, f"cumulative_{metric}_{unit}", None, value))
    frame = pd.DataFrame(records, columns=["region", "metric", "period", "value"])
    frame["period"] = frame["period"].astype("Int64")
    frame.insert(0, "level", "province")
    if any(r != g for r, g in groups.items()):
        grouped = (
            frame.assign(region=frame["region"].map(groups))
            .groupby(["region", "metric", "period"], dropna=False, as_index=False)["value"]
            .sum()
        )
        grouped.insert(0, "level", "macro_region")
        frame = pd.concat([frame, grouped], ignore_index=True)
    frame.insert(0, "alternative", np.full(len(frame), alternative, dtype="int64"))
    frame["period"] = frame["period"].astype("Int64")
    return frame


def alternative_rows(
    alternative: int, model: Any, groups: Mapping[str, str], record: Mapping[str, Any]
) -> pd.DataFrame:
    """The metric rows of a solved alternative (none when the solve left no plan).

    A fixed point cut short still leaves a plan within the cost bound: its metrics are kept
    (spreads and figures use optimal alternatives only).
    """
    has_plan = record["status"] in ("optimal", "not_converged")
    return _rows(alternative, model, groups) if has_plan else _empty(alternative)


def solve_alternative(
    plan: Any,
    scenario: Scenario,
    settings: Mapping[str, Any],
    position: int,
    direction: Mapping[str, Any],
    bound: float,
    optimum_cost: float,
    groups: Mapping[str, str],
    method: Mapping[str, Any],
) -> tuple[Any, pd.DataFrame, dict[str, Any]]:
    """Solve one alternative on a plan that carries the MGA components and the cost bound.

    Used alike by the serial loop and by Dask workers (:mod:`.mga_parallel`).

    Returns
    -------
    (Result or None, metric rows, record)
    """
    from dualcarbon.models.mga import system_cost_bn_cny, use_mga_objective
    from dualcarbon.solvers.fixed_point import solve_fixed_point
    from dualcarbon.solvers.solve import collect

    model = plan.model
    efx = scenario.config.efx
    begun = time.perf_counter()
    use_mga_objective(model, direction["weights"], TIE_BREAK / abs(optimum_cost))
    if settings["efx"] == "hold":
        outcome, report = _solve_held(plan, method)
    else:
        outcome, report = solve_fixed_point(
            plan,
            tolerance=efx.tolerance_tco2_per_mwh,
            max_iterations=efx.max_iterations,
            damping=efx.damping,
            **method,
        )
    record = _record(
        position, direction["direction"], direction["target"], outcome, report, optimum_cost
    )
    result = None
    if outcome.objective_bn_cny is not None:
        cost = system_cost_bn_cny(model)
        record.update(cost_bn_cny=cost, cost_ratio=cost / optimum_cost)
    if outcome.status.is_optimal:
        result = _alternative_result(
            collect(plan, scenario, outcome, fixed_point=report), cost, direction, bound
        )
    rows = alternative_rows(position, model, groups, record)
    record["alternative_seconds"] = time.perf_counter() - begun
    record["worker"] = f"{socket.gethostname()}:{os.getpid()}"
    return result, rows, record


def _record(
    alternative: int, direction: str, target: str, outcome: Any, report: Any, optimum: float
) -> dict[str, Any]:
    return {
        "case_id": int(alternative),
        "direction": direction,
        "target": target,
        "status": outcome.status.value,
        "message": outcome.message,
        "objective_value": outcome.objective_bn_cny,
        "cost_bn_cny": None,
        "cost_ratio": 1.0 if alternative == 0 else None,
        "solve_seconds": outcome.solve_seconds,
        "efx_iterations": report.iterations,
        "efx_residual_tco2_per_mwh": report.residual_tco2_per_mwh,
    }


def _solve_held(plan: Any, options: Mapping[str, Any]) -> tuple[Any, Any]:
    """One solve with EFX held where the previous solve left it (``efx="hold"``).

    The report's residual is the largest gap between the plan's own exporter intensities and
    the EFX it was charged at, tCO2/MWh: what holding EFX costs in consistency.
    """
    from dualcarbon.solvers.fixed_point import FixedPointReport, efx_needed, plan_intensities

    outcome = plan.solve(**options)
    residual = 0.0
    if outcome.status.is_optimal and efx_needed(plan.model):
        import pyomo.environ as pyo

        own = plan_intensities(plan.model)
        residual = max((abs(v - pyo.value(plan.model.EFX[k])) for k, v in own.items()), default=0.0)
    report = FixedPointReport(
        needed=efx_needed(plan.model),
        iterations=1,
        converged=True,
        max_change_tco2_per_mwh=0.0,
        tolerance_tco2_per_mwh=float("nan"),
        damping=1.0,
        solve_seconds=outcome.solve_seconds,
        residual_tco2_per_mwh=residual,
    )
    return outcome, report


def _empty(alternative: int) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "alternative": pd.Series([], dtype="int64"),
            "level": pd.Series([], dtype=object),
            "region": pd.Series([], dtype=object),
            "metric": pd.Series([], dtype=object),
            "period": pd.array([], dtype="Int64"),
            "value": pd.Series([], dtype=float),
        }
    )
    return frame


def _alternative_result(
    result: Any, cost: float, direction: Mapping[str, Any], bound: float
) -> Any:
    """An alternative's Result: the cost as its objective, no shadow prices.

    The duals of a solve that minimised a regional metric price that metric, not cost: the
    ``duals`` table is dropped and the national cap's shadow price is left blank.
    """
    result.objective_bn_cny = cost
    result.tables.pop("duals", None)
    national = result.tables.get("national")
    if national is not None and "cap_shadow_price_cny_per_t" in national.columns:
        national["cap_shadow_price_cny_per_t"] = float("nan")
    result.metadata["mga"] = {
        "direction": direction["direction"],
        "target": direction["target"],
        "cost_bound_bn_cny": bound,
        "note": "objective_bn_cny is the system cost; the solve minimised the MGA objective",
    }
    return result
