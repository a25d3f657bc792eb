"""``dualcarbon.sweep``: re-solve one scenario over a grid of policy numbers.

A sweep builds the planning LP once per process and then only changes mutable parameters and
switches constraint blocks (``dualcarbon.models.policy.set_policy``) between cases, so HiGHS
re-solves from the previous basis. Cases are ordered so that neighbours differ in one value by one
step, which keeps those warm starts short. Serial sweeps run in this process; ``workers=N`` or
``scheduler="tcp://..."`` spreads cases over Dask workers, each of which builds the model once.

With ``out=`` every finished case is written at once to ``out/cases/case=<id>.parquet`` (atomically)
and ``out/grid.json`` records the cases and the scenario fingerprint: rerunning the same sweep
into the same folder solves only the cases that are missing, so an interrupted sweep resumes.

This module holds :func:`sweep` itself; the parts live beside it: grids and the warm-start order
in :mod:`.sweep_grid`, the out folder and tables in :mod:`.sweep_store`, serial and Dask execution
in :mod:`.sweep_executors`, the case runner in :mod:`._sweep_worker`, what a case records in
:mod:`.sweep_metrics`, :class:`SweepResult` in
:mod:`.sweep_result` and its figures in :mod:`dualcarbon.outputs.sweep_plots`.

Examples
--------
>>> import dualcarbon as dc
>>> scenario = dc.load_scenario("default")  # doctest: +SKIP
>>> result = dc.sweep(scenario, {"national_cap_scale": [0.9, 1.0, 1.1],
...                              "transfer_policy": ["off", "strict"]}, out="sweeps/cap")  # doctest: +SKIP
>>> result.table.query("metric == 'objective_bn_cny'")  # doctest: +SKIP
>>> result.plot("cost_vs_cap")  # doctest: +SKIP
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import pandas as pd

from dualcarbon.inputs.scenario import Scenario
from dualcarbon.solvers._sweep_worker import CaseOutput, MetricFunction, resolve_metrics
from dualcarbon.solvers.sweep_executors import run_dask, run_serial, runner_key
from dualcarbon.solvers.sweep_grid import (
    CaseGrid,
    Grid,
    execution_order,
    expand_grid,
    jsonable,
    sweepable,
)
from dualcarbon.solvers.sweep_result import SweepResult
from dualcarbon.solvers.sweep_store import (
    FOLDER_FORMAT,
    SweepFolderError,
    SweepStore,
    assemble,
    case_rows,
    sweep_manifest,
)

logger = logging.getLogger(__name__)

__all__ = [
    "FOLDER_FORMAT",
    "CaseGrid",
    "Grid",
    "SweepFolderError",
    "SweepResult",
    "execution_order",
    "expand_grid",
    "sweep",
    "sweepable",
]


def sweep(
    scenario: Scenario,
    grid: Grid,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    out: str | os.PathLike | None = None,
    metrics: Sequence[str | MetricFunction] | Mapping[str, MetricFunction] | None = None,
    progress: bool = True,
    solver_options: Mapping[str, Any] | None = None,
    rerun_failed: bool = False,
    keep_tables: bool = False,
) -> SweepResult:
    """Re-solve a scenario over a grid of policy numbers.

    The model is built once per process; each case changes mutable parameters and switches
    constraint blocks (``dualcarbon.models.policy.set_policy``) and re-solves with a HiGHS warm
    start. Cases run in an order in which neighbours differ little.

    Parameters
    ----------
    scenario : Scenario
        From :func:`dualcarbon.load_scenario`; its own values apply to everything not swept.
    grid : mapping or list of mappings
        ``{name: [values], ...}`` for the full factorial product, or ``[{name: value, ...}, ...]``
        for explicit cases (a name a case leaves out keeps the scenario's value). Names are those of
        ``dualcarbon.models.policy.SWEEPABLE``, e.g. ``national_cap_scale``,
        ``growth_floor_scale``, ``carbon_price_cny_per_t`` (a number for every period, or
        ``{year: price}``), ``tau``, ``transfer_policy`` (``off``, ``accounting``, ``share``,
        ``strict``).
    workers : int, optional
        Solve on this many processes: this one and a local Dask cluster of ``workers - 1``
        processes (one thread each). This process solves the base case whose basis every
        worker starts from, then a stretch of cases of its own. Serial in this process when
        ``workers`` is 1 or neither ``workers`` nor ``scheduler`` is given.
    scheduler : str, optional
        Address of a running Dask scheduler (``tcp://host:port``); its workers must have
        dualcarbon installed. Workers build the model once and keep it for later cases.
    out : path-like, optional
        Folder for ``grid.json`` and ``cases/case=<id>.parquet`` (one per finished case, written
        atomically). Rerunning the same sweep into it solves only the missing cases; a different
        grid, scenario, metric set or solver options is refused.
    metrics : list or mapping, optional
        Built-in metric names (default all: ``objective_bn_cny``, ``national_emissions_mtco2``,
        ``cap_price_cny_per_t``, ``leakage_mtco2``, ``total_leakage_mtco2``, ``cost_by_kind``)
        and/or functions of a :class:`~dualcarbon.solvers.result.Result` returning a number or a
        Series by period (``{name: function}`` to name them). Functions must be importable or
        picklable to run on Dask workers.
    progress : bool, default True
        Show a progress bar (cases done, failures, ETA).
    solver_options : mapping, optional
        HiGHS options, as for :func:`dualcarbon.solve` (``time_limit``, ``method``, ...).
    rerun_failed : bool, default False
        On resume, solve again the cases recorded as failed (e.g. after raising a time limit).
    keep_tables : bool, default False
        Also keep every optimal case's full result: all tables (a case otherwise extracts only
        what its metrics read), written as a result folder ``out/results/case=<id>`` and read
        back with :meth:`SweepResult.case_result`. Needs ``out`` (on a remote scheduler, a
        folder the workers can write to).

    Returns
    -------
    SweepResult
        ``.table`` (long: case, metric, period, value), ``.cases``, ``.summary()``, ``.plot()``.
        Failed cases (not optimal, or an exception) are kept with their status and message.

    Raises
    ------
    ValueError
        For an unknown policy name (with a did-you-mean) or value.
    SweepFolderError
        If ``out`` holds a different sweep.
    """
    if workers is not None and scheduler is not None:
        raise ValueError(
            "give workers= (a local cluster) or scheduler= (an existing one), not both"
        )
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    if keep_tables and out is None:
        raise ValueError("keep_tables=True writes each case's tables to out=: give a folder")
    # `sweepable` is looked up here, at call time, so that a test may substitute the model's names
    case_grid = expand_grid(grid, scenario, known=sweepable())
    resolved_metrics = resolve_metrics(metrics)
    options = {k: v for k, v in dict(solver_options or {}).items() if v is not None}
    fingerprint = scenario.fingerprint()
    order = execution_order(case_grid)

    store = SweepStore(out) if out is not None else None
    done: set[int] = set()
    if store is not None:
        store.prepare(sweep_manifest(scenario, fingerprint, case_grid, resolved_metrics, options))
        done = store.finished(include_failed=not rerun_failed)
    todo = [case_id for case_id in order if case_id not in done]
    tables_dir = store.results_dir if keep_tables and store is not None else None
    logger.info(
        "sweep %s: %d cases, %d finished before, %d to solve",
        scenario.name,
        len(case_grid),
        len(done),
        len(todo),
    )

    from tqdm import tqdm

    frames: list[pd.DataFrame] = []
    records: list[dict[str, Any]] = []
    failures = 0
    bar = tqdm(
        total=len(case_grid),
        initial=len(done),
        desc=f"sweep {scenario.name}",
        unit="case",
        disable=not progress,
        dynamic_ncols=True,
    )

    def on_done(output: CaseOutput) -> None:
        nonlocal failures
        output.record["finished_utc"] = datetime.now(UTC).isoformat(timespec="seconds")
        output.record["params"] = jsonable(case_grid.cases[output.case_id])
        rows = case_rows(output, case_grid.cases[output.case_id], case_grid.names)
        if store is not None:
            store.write(rows, output.record)
        frames.append(rows)
        records.append(output.record)
        if output.record["status"] != "optimal":
            failures += 1
            logger.info(
                "case %d %s: %s",
                output.case_id,
                output.record["status"],
                output.record.get("message"),
            )
        bar.set_postfix(failed=failures, refresh=False)
        bar.update(1)

    try:
        if not todo:
            pass
        elif (workers is None or workers == 1) and scheduler is None:
            run_serial(scenario, case_grid, todo, options, resolved_metrics, on_done, tables_dir)
        else:
            key = runner_key(fingerprint, case_grid.names, options, resolved_metrics)
            run_dask(
                scenario,
                case_grid,
                todo,
                options,
                resolved_metrics,
                key,
                on_done,
                workers=workers,
                scheduler=scheduler,
                tables_dir=tables_dir,
            )
    finally:
        bar.close()

    if store is not None:
        # the folder is the record: earlier runs' cases plus this run's, as written
        frames, records = store.load()
    table, cases = assemble(frames, records, case_grid)
    return SweepResult(
        table,
        cases,
        case_grid.names,
        scenario.name,
        len(case_grid),
        store.root if store is not None else None,
        {"axes": case_grid.axes, "scenario_fingerprint": fingerprint},
    )
