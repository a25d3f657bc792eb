"""Running sweep cases: serially in this process, or on Dask workers."""

from __future__ import annotations

import hashlib
import json
import logging
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from dualcarbon.inputs.scenario import Scenario
from dualcarbon.solvers._sweep_worker import (
    CaseOutput,
    CaseRunner,
    ScenarioPayload,
    WarmStart,
    block_state,
    prepare_runner,
    run_case,
)
from dualcarbon.solvers.sweep_grid import CaseGrid, jsonable
from dualcarbon.solvers.sweep_store import metric_names

logger = logging.getLogger(__name__)

#: Seconds to wait for a Dask cluster's first workers before giving up.
_WORKER_WAIT_S = 120


# -- running --------------------------------------------------------------------------------------
def runner_key(
    fingerprint: str,
    names: Sequence[str],
    solver_options: Mapping[str, Any],
    metrics: Mapping[str, Any],
) -> str:
    """Key of a worker's cached model: same scenario, same swept names, same options and metrics.

    Every case sets every swept name, so a model reused across cases of sweeps with the same
    names never carries a value over from an earlier case.
    """
    text = json.dumps(
        [fingerprint, sorted(names), jsonable(dict(solver_options)), metric_names(metrics)],
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(text.encode()).hexdigest()


def failed_output(case_id: int, status: str, message: str) -> CaseOutput:
    from dualcarbon.solvers._sweep_worker import _frame

    return CaseOutput(
        case_id,
        _frame("objective_bn_cny", None),
        {"case_id": case_id, "status": status, "message": message, "objective_bn_cny": None},
    )


def run_serial(
    scenario: Scenario,
    case_grid: CaseGrid,
    todo: list[int],
    solver_options: Mapping[str, Any],
    metrics: Mapping[str, Any],
    on_done: Callable[[CaseOutput], None],
    tables_dir: Path | None = None,
    runner: CaseRunner | None = None,
) -> None:
    """Run ``todo`` one after the other in this process, on ``runner`` if one is given (a model
    already built and warm), else on one built for the first case."""
    for case_id in todo:
        if runner is None:
            runner = CaseRunner(scenario, solver_options, metrics, case_grid.names)
        output = runner.run(case_id, case_grid.cases[case_id], tables_dir=tables_dir)
        if output.record["status"] == "error":
            runner = None  # the model may be half-changed: build afresh for the next case
        on_done(output)


def run_dask(
    scenario: Scenario,
    case_grid: CaseGrid,
    todo: list[int],
    solver_options: Mapping[str, Any],
    metrics: Mapping[str, Any],
    key: str,
    on_done: Callable[[CaseOutput], None],
    *,
    workers: int | None,
    scheduler: str | None,
    tables_dir: Path | None = None,
) -> None:
    """Run the cases on Dask workers, the driver (this process) solving the base case first.

    On a local cluster this process is one of the ``workers`` solving processes: it solves the
    base case cold while ``workers - 1`` Dask workers build their models, ships them its basis,
    and then solves its own stretch of cases warm from there instead of idling (on a machine
    with as many cores as workers a separate driver would share a core with a worker). With a
    remote ``scheduler`` the driver solves only the base case.
    """
    from distributed import as_completed

    local = scheduler is None
    dask_workers = max(1, (workers or 2) - 1) if local else workers
    with dask_client(dask_workers, scheduler) as client:
        futures: dict[Any, int] = {}
        try:
            logger.info("sweep on Dask: %s", client)
            client.wait_for_workers(dask_workers or 1, timeout=_WORKER_WAIT_S)
            addresses = sorted(client.scheduler_info()["workers"])
            token = uuid.uuid4().hex[:8]
            payload = _held(
                client,
                ScenarioPayload(scenario.config, dict(scenario.tables), scenario.origin),
                f"dualcarbon-payload-{token}",
            )
            # Each solver gets one contiguous stretch of the warm-start order, so that its cases
            # stay neighbours (a worker switches transfer policy rarely); a stretch may still move
            # to another worker when its own dies or idles (allow_other_workers), and priorities
            # keep the order.
            solvers = len(addresses) + (1 if local else 0)
            stretches = np.array_split(np.arange(len(todo)), solvers)
            # Workers build their models while this process solves one case cold for its basis;
            # every worker then starts warm from it instead of paying a cold solve of its own.
            # (held in `prepared`: Dask forgets a task whose future nobody holds)
            prepared = [
                client.submit(
                    prepare_runner,
                    key,
                    payload,
                    dict(solver_options),
                    dict(metrics),
                    list(case_grid.names),
                    key=f"dualcarbon-prepare-{i}-{token}",
                    pure=False,
                    workers=[address],
                    priority=len(todo) + 1,
                )
                for i, address in enumerate(addresses)
            ]
            starts = [todo[int(stretch[0])] for stretch in stretches if len(stretch)]
            warm, solved, runner = _driver_basis(
                scenario, case_grid, starts, todo, solver_options, metrics, tables_dir
            )
            warm_start = _held(client, warm, f"dualcarbon-basis-{token}") if warm else None
            # the driver's cases are results like any other: record them, hand out the rest
            for output in solved:
                on_done(output)
            done = {output.case_id for output in solved}
            base = todo.index(solved[-1].case_id) if solved else 0
            todo = [case_id for case_id in todo if case_id not in done]
            stretches = np.array_split(np.arange(len(todo)), solvers)
            own: list[int] = []
            if local:
                # the stretch that starts nearest after the base case: the driver is warm there
                near = min(
                    (i for i, stretch in enumerate(stretches) if len(stretch)),
                    key=lambda i: abs(int(stretches[i][0]) - base),
                    default=None,
                )
                if near is not None:
                    own = [todo[int(position)] for position in stretches[near]]
                    stretches = [st for i, st in enumerate(stretches) if i != near]
            for address, stretch in zip(addresses, stretches, strict=False):
                for position in stretch:
                    case_id = todo[position]
                    future = client.submit(
                        run_case,
                        key,
                        payload,
                        dict(solver_options),
                        dict(metrics),
                        case_id,
                        case_grid.cases[case_id],
                        warm_start,
                        tables_dir,
                        key=f"dualcarbon-case-{case_id}-{token}",
                        pure=False,
                        retries=2,
                        workers=[address],
                        allow_other_workers=True,
                        priority=len(todo) - int(position),
                    )
                    futures[future] = case_id
            recorded: set[Any] = set()

            def record(future: Any) -> None:
                case_id = futures[future]
                try:
                    output = future.result()
                except Exception as problem:
                    # e.g. KilledWorker after the retries: recorded, never dropped
                    output = failed_output(case_id, "error", f"{type(problem).__name__}: {problem}")
                recorded.add(future)
                on_done(output)

            def own_done(output: CaseOutput) -> None:
                # between the driver's own cases, record what the workers have finished
                on_done(output)
                for future in [f for f in futures if f.done() and f not in recorded]:
                    record(future)

            run_serial(
                scenario, case_grid, own, solver_options, metrics, own_done, tables_dir, runner
            )
            for future in as_completed([f for f in futures if f not in recorded]):
                record(future)
            del prepared
        finally:
            for future in futures:
                if not future.done():  # interrupted: the cluster should not go on with the rest
                    future.cancel()


def _identity(value: Any) -> Any:
    return value


def _held(client: Any, value: Any, key: str) -> Any:
    """``value`` on the cluster as a task rather than scattered data: a scattered value whose
    only holder dies is lost for good (a one-worker cluster loses its scenario with its worker),
    while the scheduler recomputes a task from its spec on another or a restarted worker."""
    return client.submit(_identity, value, key=key, pure=False)


def _driver_basis(
    scenario: Scenario,
    case_grid: CaseGrid,
    starts: Sequence[int],
    todo: Sequence[int],
    solver_options: Mapping[str, Any],
    metrics: Mapping[str, Any],
    tables_dir: Path | None = None,
    *,
    attempts: int = 3,
) -> tuple[WarmStart | None, list[CaseOutput], CaseRunner | None]:
    """Solve, in this process, a case for the basis and EFX to ship to every worker.

    The first choice is the first case of most workers' stretches (by block state: a basis
    fits only models with the same blocks). A grid's edge is often infeasible (the tightest
    cap), and an infeasible case leaves nothing worth shipping, so up to ``attempts`` cases are
    tried: then the middle case of the sweep with the same blocks, then the other starts (each
    later attempt warm from the one before).

    Returns
    -------
    (WarmStart or None, list of CaseOutput, CaseRunner or None)
        The basis to ship (None: workers start cold), the outputs of the cases solved here,
        metrics included, so that no worker solves them again, and the runner that solved them
        (None after an error), for the driver's own stretch. A case that raised is left out of
        the list: a worker tries it afresh.
    """
    if not starts:
        return None, [], None
    states = [block_state(case_grid.cases[c]) for c in starts]
    best = max(range(len(starts)), key=lambda i: (states.count(states[i]), -i))
    same = [c for c in todo if block_state(case_grid.cases[c]) == states[best]]
    candidates = list(dict.fromkeys([starts[best], same[len(same) // 2], *starts]))
    started = time.perf_counter()
    runner = None
    solved: list[CaseOutput] = []
    for base in candidates[:attempts]:
        try:
            runner = runner or CaseRunner(scenario, solver_options, metrics, case_grid.names)
        except Exception as problem:  # a missing basis only costs time: workers solve cold
            logger.warning("sweep driver could not build the model: %s", problem)
            return None, solved, None
        output = runner.run(base, case_grid.cases[base], tables_dir=tables_dir)
        if output.record["status"] == "error":
            logger.warning(
                "sweep driver could not solve case %d: %s", base, output.record["message"]
            )
            return None, solved, None
        solved.append(output)
        if output.record["objective_bn_cny"] is not None:
            logger.info(
                "sweep driver: case %d solved in %.1f s; its basis and EFX go to the workers",
                base,
                time.perf_counter() - started,
            )
            warm = WarmStart.capture(
                runner.plan.highs, runner.blocks, runner.plan.model, runner.cold_seconds
            )
            return warm, solved, runner
    logger.info("sweep driver: no case with a plan among %s; workers start cold", candidates)
    return None, solved, runner


@contextmanager
def dask_client(workers: int | None, scheduler: str | None) -> Iterator[Any]:
    """A Dask client: of a running scheduler, or of a local cluster of ``workers`` processes.

    The local cluster runs one thread per process (a Pyomo model is solved by one thread at a
    time anyway) and, since a Dask scheduler runs any code it is sent, listens on loopback only
    and over TLS with a throw-away certificate held in this process, so that no other local
    user or process can submit work to it (issue 13). Dask's INFO chatter is kept quiet
    (:func:`quiet_dask`); client and cluster are closed on leaving.
    """
    from distributed import Client, LocalCluster

    with quiet_dask():
        cluster = None
        if scheduler is not None:
            client = Client(scheduler)
        else:
            from distributed.security import Security

            security = Security.temporary()
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                protocol="tls://",
                security=security,
                dashboard_address=None,
            )
            client = Client(cluster, security=security)
        try:
            yield client
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


@contextmanager
def quiet_dask() -> Iterator[None]:
    """Keep Dask's INFO chatter (cluster start, connections, shutdown) off the user's console.

    Dask sets its ``distributed`` logger to INFO; with a root handler installed (the CLI's) every
    connection and shutdown message would be printed. Raised to WARNING while a sweep runs,
    unless dualcarbon itself logs at DEBUG; restored afterwards.
    """
    dask_logger = logging.getLogger("distributed")
    previous = dask_logger.level
    if not logger.isEnabledFor(logging.DEBUG):
        dask_logger.setLevel(max(previous, logging.WARNING))
    try:
        yield
    finally:
        dask_logger.setLevel(previous)
