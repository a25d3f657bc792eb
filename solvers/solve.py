"""``dualcarbon.solve``: build the planning LP of a scenario, solve it with HiGHS, collect results."""

from __future__ import annotations

import logging
import time
from typing import Any

from dualcarbon.inputs.scenario import Scenario
from dualcarbon.solvers.fixed_point import FixedPointReport, solve_fixed_point
from dualcarbon.solvers.persistent import PersistentPlan, SolveOutcome
from dualcarbon.solvers.result import Result

logger = logging.getLogger(__name__)


def solve(
    scenario: Scenario,
    *,
    time_limit: float | None = None,
    threads: int | None = None,
    method: str | None = "ipm",
    tolerance: float | None = None,
    **solver_options: Any,
) -> Result:
    """Solve a scenario to a least-cost plan.

    Parameters
    ----------
    scenario : Scenario
        From :func:`dualcarbon.load_scenario`.
    time_limit : float, optional
        Seconds HiGHS may run; ending on the limit gives status ``time_limit`` and no plan.
    threads : int, optional
        HiGHS threads.
    method : {"ipm", "simplex", "choose", "pdlp"}, default "ipm"
        HiGHS LP method. Interior point with crossover is the default for a single solve: on
        the default scenario it is about twice as fast as simplex, gives the same basic
        solution and duals, and proves infeasibility in seconds where simplex can take many
        minutes. Sweeps re-solve with warm-started simplex instead.
    tolerance : float, optional
        Primal and dual feasibility tolerance.
    **solver_options
        Any other HiGHS option by its HiGHS name.

    Returns
    -------
    Result
        ``result.status`` says how the solve ended; only an optimal result carries tables.
        Under consumption accounting the solve is a fixed-point iteration over the exporters'
        carbon intensities (EFX, see :mod:`dualcarbon.solvers.fixed_point`); its report is
        ``result.metadata["efx_fixed_point"]``.

    Raises
    ------
    KeyboardInterrupt
        On Ctrl-C during a solve (HiGHS stops; nothing is returned).

    Examples
    --------
    >>> import dualcarbon as dc
    >>> result = dc.solve(dc.load_scenario("default"), time_limit=600)  # doctest: +SKIP
    >>> result.table("national")  # doctest: +SKIP
    """
    from dualcarbon.models import build_model

    options = {
        "time_limit": time_limit,
        "threads": threads,
        "method": method,
        "tolerance": tolerance,
        **solver_options,
    }
    started = time.perf_counter()
    model = build_model(scenario)
    build_seconds = time.perf_counter() - started
    plan = PersistentPlan(model, options)
    efx = scenario.config.efx
    outcome, report = solve_fixed_point(
        plan,
        tolerance=efx.tolerance_tco2_per_mwh,
        max_iterations=efx.max_iterations,
        damping=efx.damping,
    )
    return collect(plan, scenario, outcome, build_seconds=build_seconds, fixed_point=report)


def collect(
    plan: PersistentPlan,
    scenario: Scenario,
    outcome: SolveOutcome,
    *,
    build_seconds: float | None = None,
    fixed_point: FixedPointReport | None = None,
    lazy_tables: bool = False,
    fingerprint: str | None = None,
) -> Result:
    """Turn a finished solve into a :class:`Result` (tables only when optimal).

    With ``lazy_tables`` the result's tables are extracted when first read
    (:class:`~dualcarbon.solvers.extract.ResultTables`): what a sweep case does, which reads a
    few metrics before the next re-solve. Such a result is valid only until the plan re-solves.
    ``fingerprint`` is the scenario's :meth:`~dualcarbon.inputs.scenario.Scenario.fingerprint`
    when the caller already has it (hashing every table takes ~50 ms: a sweep case's runner
    hashes its scenario once, not once per case).
    """
    from dualcarbon._versions import versions
    from dualcarbon.solvers.extract import ResultTables, extract_tables

    timings = {"solve": outcome.solve_seconds}
    if build_seconds is not None:
        timings = {"build": build_seconds, **timings}
    highs = plan.highs
    metadata: dict[str, Any] = {
        "scenario_origin": scenario.origin,
        "scenario_fingerprint": fingerprint or scenario.fingerprint(),
        "config": scenario.config.model_dump(mode="json"),
        "solver": {
            "name": "HiGHS (pyomo.contrib.solver persistent interface)",
            "highs_status": outcome.highs_status,
            "iterations": outcome.iterations,
            "options": {k: v for k, v in plan.options.items() if v is not None},
        },
        "model_size": {
            "rows": highs.getNumRow(),
            "columns": highs.getNumCol(),
            "nonzeros": highs.getNumNz(),
        },
        "versions": versions(),
    }
    if fixed_point is not None:
        metadata["efx_fixed_point"] = fixed_point.to_dict()
    if not outcome.status.is_optimal:
        metadata["timings_s"] = timings
        logger.warning("scenario %s: %s", scenario.name, outcome.message)
        return Result.not_optimal(scenario.name, outcome.status, metadata)
    started = time.perf_counter()
    tables = ResultTables(plan, scenario) if lazy_tables else extract_tables(plan, scenario)
    timings["extract"] = time.perf_counter() - started
    metadata["timings_s"] = timings
    return Result(
        scenario=scenario.name,
        status=outcome.status,
        message=outcome.message,
        objective_bn_cny=outcome.objective_bn_cny,
        tables=tables,
        metadata=metadata,
    )
