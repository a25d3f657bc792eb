"""The worker side of :func:`dualcarbon.sweep`: build a model once, re-solve it case after case.

A :class:`CaseRunner` owns one built model attached to one persistent HiGHS instance. A case only
changes policy numbers (mutable parameters) and switches constraint blocks through
``dualcarbon.models.policy.set_policy``, so HiGHS re-solves from the previous basis instead of
starting over. In a Dask worker the runner is kept in a per-process cache keyed by the scenario
fingerprint, the swept names, solver options and metrics (:func:`run_case`), so every case a
worker receives reuses the model it built first.

Which start a case gets (:meth:`CaseRunner.run`): the previous case's basis when only numbers
changed (warm simplex); a cold interior-point solve when a constraint block was switched on or
off, because the old basis is then a worse start than none (``benchmarks/bench_sweep.py``); and,
for a worker's first case, the basis the sweep's driver shipped (:class:`WarmStart`) when that
case has the same blocks, so that no Dask worker has to solve cold.

This module holds no state at import and imports Pyomo only when a runner is created.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import traceback
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from dualcarbon.inputs.scenario import Scenario
from dualcarbon.solvers.sweep_metrics import (  # noqa: F401  (re-exported for the sweep modules)
    DEFAULT_METRICS,
    METRIC_FAMILIES,
    METRICS,
    MetricFunction,
    _frame,
    compute_metrics,
    resolve_metrics,
)

logger = logging.getLogger(__name__)

#: Policy switches that change which constraint blocks are active. They are applied before the
#: numbers, so that an explicit rule in a case (``sector_share``) refines its ``transfer_policy``.
BLOCK_SWITCHES = ("transfer_policy", "sector_share", "no_climbing_peak", "consumption_accounting")

#: The carbon-transfer rules a ``transfer_policy`` sets together (MODEL.md C17-C19).
TRANSFER_RULES = ("sector_share", "no_climbing_peak", "consumption_accounting")

#: A case value meaning "what the scenario itself sets": the worker puts back the value the built
#: model had before the sweep changed anything.
SCENARIO_VALUE = "scenario"


def block_state(params: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    """The values of a case that switch constraint blocks: ``transfer_policy`` and the on/off
    flags. Two cases with the same block state give HiGHS models with the same rows and columns."""
    return tuple(
        sorted(
            (name, value)
            for name, value in params.items()
            if isinstance(value, bool) or name == "transfer_policy"
        )
    )


@dataclass(frozen=True)
class WarmStart:
    """Where a solved case ended, in plain form (pickles cheaply), for another process to start
    from: HiGHS' basis with the block state it belongs to, and the exporter intensities (EFX)
    the consumption fixed point settled on, so that a worker's first case neither solves cold
    nor iterates EFX from the scenario's initial values.

    Attributes
    ----------
    blocks : tuple
        :func:`block_state` of the case that was solved.
    col_status, row_status : bytes
        ``HighsBasisStatus`` codes, one byte per column and row (empty: no valid basis).
    efx : tuple
        ``((index, tCO2/MWh), ...)`` of the model's ``EFX`` parameter; empty if it has none.
    cold_seconds : float or None
        How long the cold first solve behind this basis took: the limit of a warm first solve
        in the receiving runner (see :func:`~dualcarbon.solvers.fixed_point.solve_fixed_point`,
        ``warm_limit_s``). None if not known.
    """

    blocks: tuple[tuple[str, Any], ...]
    col_status: bytes
    row_status: bytes
    efx: tuple[tuple[Any, float], ...] = ()
    cold_seconds: float | None = None

    @classmethod
    def capture(
        cls,
        highs: Any,
        blocks: tuple[tuple[str, Any], ...],
        model: Any = None,
        cold_seconds: float | None = None,
    ) -> WarmStart:
        """The current basis of a ``highspy.Highs`` object and the EFX values of ``model``."""
        import pyomo.environ as pyo

        basis = highs.getBasis()
        efx = getattr(model, "EFX", None)
        return cls(
            blocks,
            bytes(int(s) for s in basis.col_status) if basis.valid else b"",
            bytes(int(s) for s in basis.row_status) if basis.valid else b"",
            tuple((k, float(pyo.value(efx[k]))) for k in efx) if efx is not None else (),
            cold_seconds,
        )

    def set_efx(self, model: Any) -> None:
        """Give ``model`` the captured EFX values (before it is handed to HiGHS)."""
        efx = getattr(model, "EFX", None)
        if efx is None:
            return
        for key, value in self.efx:
            if key in efx:
                efx[key] = value

    def apply(self, highs: Any) -> bool:
        """Give the basis to ``highs`` if the model there has its shape; whether it was taken."""
        import highspy

        if not self.col_status:
            return False
        if highs.getNumCol() != len(self.col_status) or highs.getNumRow() != len(self.row_status):
            return False
        statuses = list(highspy.HighsBasisStatus.__members__.values())
        by_code = {int(s): s for s in statuses}
        basis = highspy.HighsBasis()
        basis.col_status = [by_code[c] for c in self.col_status]
        basis.row_status = [by_code[c] for c in self.row_status]
        basis.valid = True
        return highs.setBasis(basis) == highspy.HighsStatus.kOk


def case_folder(tables_dir: Path, case_id: int) -> Path:
    """The result folder of one case of a sweep run with ``keep_tables``."""
    return Path(tables_dir) / f"case={int(case_id):04d}"


# -- one case -------------------------------------------------------------------------------------
@dataclass
class CaseOutput:
    """What one case returns to the sweep: its metric rows and one record of how it went."""

    case_id: int
    metrics: pd.DataFrame
    record: dict[str, Any] = field(default_factory=dict)


def application_order(names: Sequence[str]) -> list[str]:
    """Policy names in the order they are applied: block switches first, then numbers."""
    switches = [n for n in BLOCK_SWITCHES if n in names]
    return switches + sorted(n for n in names if n not in BLOCK_SWITCHES)


def scenario_values(model: Any, scenario: Scenario, names: Sequence[str]) -> dict[str, Any]:
    """The values a freshly built model holds for ``names``, to restore or complete cases with.

    A policy number is read from the model's mutable ``Param`` of the same name (a float, or
    ``{index: float}`` when indexed); ``national_cap_share`` comes from the scenario (a period
    without a cap is ``None``). Names with neither (switches) are left out: sweeps fill those from
    the configuration.
    """
    import pyomo.environ as pyo

    values: dict[str, Any] = {}
    for name in names:
        if name == "national_cap_share":
            shares = scenario.config.national_cap.share_of_base
            values[name] = {p: shares.get(p) for p in model.P}
            continue
        component = getattr(model, name, None)
        if isinstance(component, pyo.Param) and component.mutable:
            if component.is_indexed():
                values[name] = {key: pyo.value(component[key]) for key in component}
            else:
                values[name] = pyo.value(component)
    return values


class CaseRunner:
    """One built model on one persistent HiGHS instance, re-solved case after case.

    Parameters
    ----------
    scenario : Scenario
        The scenario the model is built from (once, here).
    solver_options : dict, optional
        HiGHS options (see :func:`dualcarbon.solvers.persistent.highs_options`).
    metrics : dict, optional
        From :func:`resolve_metrics`; the default metrics when omitted.
    names : sequence of str, optional
        The policy names the cases will set. Their values in the freshly built model are kept:
        a case value :data:`SCENARIO_VALUE` restores them, and a mapping that names only some
        entries (``{2030: 200}``) is completed from them, so that no case inherits entries an
        earlier case set.
    """

    def __init__(
        self,
        scenario: Scenario,
        solver_options: Mapping[str, Any] | None = None,
        metrics: Mapping[str, MetricFunction | str] | None = None,
        names: Sequence[str] = (),
    ) -> None:
        from dualcarbon.models import build_model
        from dualcarbon.solvers.persistent import PersistentPlan

        self.scenario = scenario
        self.fingerprint = scenario.fingerprint()  # every case's metadata; hashed once
        self.metrics = dict(metrics) if metrics is not None else resolve_metrics(None)
        started = time.perf_counter()
        model = build_model(scenario)
        self.build_seconds = time.perf_counter() - started
        self.initial = scenario_values(model, scenario, names)
        self.plan = PersistentPlan(model, dict(solver_options or {}))
        # many solutions of one model: compile the metrics' expressions once (linear_value)
        self.plan.compile_expressions = True
        self.cases_run = 0
        self.blocks: tuple[tuple[str, Any], ...] | None = None  # of the last case applied
        #: seconds of the last cold first solve: how long a warm first solve may run before
        #: it is redone cold (a warm simplex can take minutes to prove a case infeasible)
        self.cold_seconds: float | None = None
        #: whether the last case ended with a plan (optimal, or a fixed point cut short): after
        #: one that did not, its basis is no start (a warm simplex from an infeasible case's
        #: basis ran past its limit on the default, then went cold)
        self.last_optimal = False
        logger.info("built scenario %s for a sweep in %.2f s", scenario.name, self.build_seconds)

    def value(self, name: str, value: Any) -> Any:
        """The value to give ``set_policy``: :data:`SCENARIO_VALUE` and partial maps resolved."""
        initial = self.initial.get(name)
        if isinstance(value, str) and value == SCENARIO_VALUE and name != "transfer_policy":
            if name not in self.initial:
                raise ValueError(
                    f"{name!r}: the model holds no value of its own; give it in every case"
                )
            return initial
        if isinstance(value, Mapping) and isinstance(initial, Mapping):
            return {**initial, **value}
        return value

    def _start(self, blocks: tuple[tuple[str, Any], ...], warm_start: WarmStart | None) -> bool:
        """Prepare HiGHS' start for a case with ``blocks``; True for a warm (basis) start.

        After a block switch the previous basis is dropped: a cold solve is faster than a warm
        one from a basis of other rows. A fresh runner takes the shipped ``warm_start`` when it
        was captured with the same blocks.
        """
        if self.cases_run == 0 or self.plan.solves == 0:
            if warm_start is None:
                return False
            warm_start.set_efx(self.plan.model)
            if warm_start.blocks != blocks:
                return False
            if self.cold_seconds is None:
                self.cold_seconds = warm_start.cold_seconds
            self.plan.attach()
            taken = warm_start.apply(self.plan.highs)
            if not taken:
                logger.info("shipped basis does not fit this model; solving cold")
            return taken
        if blocks != self.blocks or not self.last_optimal:
            self.plan.highs.clearSolver()
            return False
        return True

    def _solve(self, warm: bool, structural: bool = True) -> Any:
        """The one solve call of a case (fixed point over EFX, as :func:`dualcarbon.solve`).

        Warm starts use simplex (the only method that uses a basis), cold ones interior point
        with crossover (about twice as fast cold, and it leaves a basis for the next case),
        unless the sweep's solver options name a method.
        """
        from dualcarbon.solvers.fixed_point import solve_fixed_point

        options = {} if "method" in self.plan.options else {"method": "simplex" if warm else "ipm"}
        efx = self.scenario.config.efx
        outcome, report = solve_fixed_point(
            self.plan,
            tolerance=efx.tolerance_tco2_per_mwh,
            max_iterations=efx.max_iterations,
            damping=efx.damping,
            warm_limit_s=self.cold_seconds if warm else None,
            structural=structural,
            **options,
        )
        if not warm:
            self.cold_seconds = report.first_solve_seconds
        return outcome

    def base_basis(self, params: Mapping[str, Any]) -> WarmStart | None:
        """Solve one case cold, only for its basis (no metrics): what a sweep's driver ships
        to its workers. None if the solve found no plan at all (an infeasible case); a fixed
        point cut short still gives its last basis and EFX, the best start there is."""
        for name in application_order(list(params)):
            self.plan.set_policy(name, self.value(name, params[name]))
        self.blocks = block_state(params)
        outcome = self._solve(False)
        self.last_optimal = outcome.objective_bn_cny is not None
        self.cases_run += 1
        if outcome.objective_bn_cny is None:
            return None
        return WarmStart.capture(self.plan.highs, self.blocks, self.plan.model, self.cold_seconds)

    def run(
        self,
        case_id: int,
        params: Mapping[str, Any],
        warm_start: WarmStart | None = None,
        tables_dir: Path | None = None,
    ) -> CaseOutput:
        """Apply one case's policy values, re-solve and compute its metrics.

        An exception while applying the values, solving or extracting is recorded as status
        ``error`` with its message; it never escapes, so one bad case does not end a sweep.
        The caller should discard the runner after an error (its model may be half-changed).

        Parameters
        ----------
        case_id : int
        params : mapping
            ``{policy name: value}`` of the case.
        warm_start : WarmStart, optional
            A basis for this runner's first solve (see :meth:`_start`).
        tables_dir : pathlib.Path, optional
            Keep the case's full result: every table is extracted (not only what the metrics
            read) and written as a result folder ``tables_dir/case=<id>``
            (:meth:`~dualcarbon.solvers.result.Result.to_folder`, complete or not at all).
        """
        from dualcarbon.solvers.solve import collect

        record: dict[str, Any] = {
            "case_id": int(case_id),
            "worker": f"{socket.gethostname()}:{os.getpid()}",
            "warm": False,
            "build_seconds": self.build_seconds if self.cases_run == 0 else 0.0,
        }
        started = time.perf_counter()
        try:
            # models built by dualcarbon count their row switches (models.policy); others
            # (test doubles) always get the full scan
            state = getattr(self.plan.model, "_dualcarbon", None)
            version = getattr(state, "structure_version", None)
            for name in application_order(list(params)):
                self.plan.set_policy(name, self.value(name, params[name]))
            blocks = block_state(params)
            record["warm"] = self._start(blocks, warm_start)
            self.blocks = blocks
            # numbers alone changed: no row was switched, so Pyomo's scan of every row is skipped
            switched = version is None or state.structure_version != version
            outcome = self._solve(record["warm"], switched)
            self.last_optimal = outcome.objective_bn_cny is not None
            if outcome.status.is_optimal:
                result = collect(
                    self.plan,
                    self.scenario,
                    outcome,
                    lazy_tables=tables_dir is None,
                    fingerprint=self.fingerprint,
                )
                metrics = compute_metrics(result, self.metrics)
                if tables_dir is not None:
                    record["result_folder"] = str(
                        result.to_folder(case_folder(tables_dir, case_id))
                    )
            else:  # no plan, no tables: the record says why
                metrics = _frame("objective_bn_cny", None)
            record.update(
                status=outcome.status.value,
                message=outcome.message,
                objective_bn_cny=outcome.objective_bn_cny,
                solve_seconds=outcome.solve_seconds,
                iterations=outcome.iterations,
            )
        except Exception as problem:  # recorded, never dropped: the sweep goes on
            logger.warning("case %s failed: %s", case_id, problem)
            record.update(
                status="error",
                message=f"{type(problem).__name__}: {problem}",
                objective_bn_cny=None,
                solve_seconds=None,
                iterations=None,
                traceback=traceback.format_exc(limit=8),
            )
            metrics = _frame("objective_bn_cny", None)
        finally:
            self.cases_run += 1
        record["case_seconds"] = time.perf_counter() - started
        return CaseOutput(case_id=int(case_id), metrics=metrics, record=record)


# -- the Dask task --------------------------------------------------------------------------------
#: Runners of this process by (scenario fingerprint, options, metrics) key; a few at most.
_RUNNERS: OrderedDict[str, CaseRunner] = OrderedDict()
_RUNNERS_LOCK = threading.Lock()
_MAX_RUNNERS = 2


def cached_runner(
    key: str,
    scenario: Scenario | Callable[[], Scenario],
    solver_options: Mapping[str, Any] | None,
    metrics: Mapping[str, MetricFunction | str] | None,
    names: Sequence[str] = (),
) -> CaseRunner:
    """The process's runner for ``key``, building it on first use.

    Call with :data:`_RUNNERS_LOCK` held. ``scenario`` may be a function returning the scenario
    so that callers that already have a runner never materialise it.
    """
    runner = _RUNNERS.get(key)
    if runner is None:
        loaded = scenario() if callable(scenario) else scenario
        runner = CaseRunner(loaded, solver_options, metrics, names)
        _RUNNERS[key] = runner
        while len(_RUNNERS) > _MAX_RUNNERS:
            _RUNNERS.popitem(last=False)
    _RUNNERS.move_to_end(key)
    return runner


@dataclass(frozen=True)
class ScenarioPayload:
    """A scenario in parts that pickle plainly, for shipping to Dask workers once."""

    config: Any
    tables: Mapping[str, pd.DataFrame]
    origin: str | None = None

    def scenario(self) -> Scenario:
        """The :class:`Scenario` again."""
        return Scenario(self.config, self.tables, self.origin)


def prepare_runner(
    key: str,
    payload: ScenarioPayload,
    solver_options: Mapping[str, Any] | None,
    metrics: Mapping[str, MetricFunction | str],
    names: Sequence[str],
) -> str:
    """Build this process's runner for ``key`` ahead of its cases (a Dask warm-up task).

    Lets workers build, and hand the model to HiGHS (~3.5 s on the default), while the driver
    solves the base case; returns the worker's name.
    """
    with _RUNNERS_LOCK:
        runner = cached_runner(key, payload.scenario, solver_options, metrics, list(names))
        runner.plan.attach()
    return f"{socket.gethostname()}:{os.getpid()}"


def run_case(
    key: str,
    payload: ScenarioPayload,
    solver_options: Mapping[str, Any] | None,
    metrics: Mapping[str, MetricFunction | str],
    case_id: int,
    params: Mapping[str, Any],
    warm_start: WarmStart | None = None,
    tables_dir: Path | None = None,
) -> CaseOutput:
    """Run one case in this process, reusing the model this process built for ``key``.

    The Dask task of a sweep. The scenario is rebuilt from ``payload`` only when this process
    has no runner for ``key`` yet. Runs hold a process lock: one Pyomo model is never solved by
    two threads at once, so a worker started with several threads still works, one case at a
    time (start workers with ``--nthreads 1`` and as many processes as cores instead).
    """
    with _RUNNERS_LOCK:
        runner = cached_runner(key, payload.scenario, solver_options, metrics, list(params))
        output = runner.run(case_id, params, warm_start, tables_dir)
        if output.record["status"] == "error":
            # After an exception the model may be half-changed: the next case builds afresh.
            _RUNNERS.pop(key, None)
        return output


def clear_cache() -> None:
    """Forget the runners of this process (tests, benchmarks)."""
    with _RUNNERS_LOCK:
        _RUNNERS.clear()
