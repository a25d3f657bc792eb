"""Near-optimal alternatives on Dask workers (``dualcarbon.mga(..., workers=N)``).

The optimum is solved in the calling process, which fixes the cost bound, the directions and
the exporter intensities (EFX) at the optimum. Each worker then builds the model once, adds the
MGA components with that bound and those intensities, and solves the alternatives it is handed
one after the other, warm where the fixed point allows. Nothing is lost by not shipping a basis:
after its objective changes an alternative's first solve is cold (interior point) in the serial
run too. Results come back to the caller, which writes them (``out``) as they arrive.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd

from dualcarbon.inputs.scenario import Scenario
from dualcarbon.solvers._sweep_worker import ScenarioPayload

logger = logging.getLogger(__name__)

#: This process's built MGA model, by key (one at a time: a worker serves one MGA run).
_PLANS: dict[str, tuple[Any, Scenario]] = {}
_LOCK = threading.Lock()


def _worker_plan(
    key: str,
    payload: ScenarioPayload,
    metric: str,
    bound: float,
    efx: Sequence[tuple[Any, float]],
    solver_options: Mapping[str, Any],
) -> tuple[Any, Scenario]:
    """The worker's plan for ``key``: built once, with the MGA components, bound and EFX."""
    cached = _PLANS.get(key)
    if cached is not None:
        return cached
    from dualcarbon.models import build_model
    from dualcarbon.models.mga import add_mga, set_cost_bound
    from dualcarbon.solvers.persistent import PersistentPlan

    scenario = payload.scenario()
    model = build_model(scenario)
    add_mga(model, metric)
    set_cost_bound(model, bound)
    for index, value in efx:
        model.EFX[index] = value
    _PLANS.clear()
    _PLANS[key] = (PersistentPlan(model, dict(solver_options)), scenario)
    return _PLANS[key]


def solve_on_worker(
    key: str,
    payload: ScenarioPayload,
    settings: Mapping[str, Any],
    bound: float,
    optimum_cost: float,
    efx: Sequence[tuple[Any, float]],
    groups: Mapping[str, str],
    solver_options: Mapping[str, Any],
    position: int,
    direction: Mapping[str, Any],
) -> tuple[int, Any, pd.DataFrame, dict[str, Any]]:
    """The Dask task: one alternative on this process's MGA model."""
    from dualcarbon.solvers.mga_alternative import solve_alternative

    with _LOCK:
        plan, scenario = _worker_plan(key, payload, settings["metric"], bound, efx, solver_options)
        result, rows, record = solve_alternative(
            plan, scenario, settings, position, direction, bound, optimum_cost, groups, {}
        )
    return position, result, rows, record


def run_on_dask(
    scenario: Scenario,
    settings: Mapping[str, Any],
    todo: Sequence[tuple[int, Mapping[str, Any]]],
    *,
    bound: float,
    optimum_cost: float,
    efx: Sequence[tuple[Any, float]],
    groups: Mapping[str, str],
    solver_options: Mapping[str, Any],
    on_done: Callable[..., None],
    workers: int | None,
    scheduler: str | None,
) -> None:
    """Solve the alternatives ``todo`` (``(position, direction)``) on Dask; ``on_done(position,
    result, record, rows)`` for each as it finishes. A task that fails (e.g. a worker killed
    after Dask's retries) is recorded as status ``error``, never dropped."""
    from distributed import as_completed

    from dualcarbon.solvers.mga_alternative import _empty
    from dualcarbon.solvers.sweep_executors import dask_client

    if not todo:
        return
    key = uuid.uuid4().hex
    with dask_client(workers, scheduler) as client:
        futures = {}
        try:
            client.wait_for_workers(workers or 1, timeout=120)
            payload = client.scatter(
                ScenarioPayload(scenario.config, dict(scenario.tables), scenario.origin),
                broadcast=True,
                hash=False,
            )
            for rank, (position, direction) in enumerate(todo):
                future = client.submit(
                    solve_on_worker,
                    key,
                    payload,
                    dict(settings),
                    bound,
                    optimum_cost,
                    list(efx),
                    dict(groups),
                    dict(solver_options),
                    position,
                    dict(direction),
                    key=f"dualcarbon-mga-{position}-{key[:8]}",
                    pure=False,
                    retries=1,
                    priority=len(todo) - rank,
                )
                futures[future] = (position, direction)
            for future in as_completed(futures):
                position, direction = futures[future]
                try:
                    _, result, rows, record = future.result()
                except Exception as problem:  # recorded, never dropped
                    record = {
                        "case_id": int(position),
                        "direction": direction["direction"],
                        "target": direction["target"],
                        "status": "error",
                        "message": f"{type(problem).__name__}: {problem}",
                        "objective_value": None,
                        "cost_bn_cny": None,
                        "cost_ratio": None,
                    }
                    result, rows = None, _empty(position)
                on_done(position, result, record, rows)
        finally:
            for future in futures:
                if not future.done():
                    future.cancel()
