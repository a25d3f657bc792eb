"""A built planning model attached to a persistent HiGHS instance.

The model is handed to HiGHS once; every later :meth:`PersistentPlan.solve` after a policy change
(a mutable parameter, or a constraint block switched on or off) sends HiGHS only what changed and
lets it warm-start from the previous basis. Sweeps rely on this: they never rebuild.

"Only what changed" is narrower than Pyomo's own update, which re-evaluates every mutable
coefficient and bound of the model (about 25,000 expressions on the default scenario, 1-2 s) on
every re-solve: :class:`_ParameterIndex` maps each mutable parameter to the few HiGHS
coefficients, bounds and costs it enters, and a re-solve pushes only those of the parameters
whose value moved (a cap scale touches a few dozen rows; an EFX step of the consumption fixed
point a few hundred).
"""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Sequence
from contextlib import redirect_stdout
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyomo.environ as pyo
from pyomo.contrib.solver.solvers.highs import _MutableLinearCoefficient
from pyomo.core.expr.visitor import identify_mutable_parameters
from pyomo.core.staleflag import StaleFlagManager

from dualcarbon.solvers.interrupt import watch_interrupt
from dualcarbon.solvers.status import ADVICE, SolveStatus, from_highs_status

logger = logging.getLogger(__name__)

#: HiGHS drops matrix values below this (``small_matrix_value``) and warns on pushing one
_ZERO = 1e-9
#: Friendly option names accepted by :func:`dualcarbon.solve`, mapped to HiGHS option names.
OPTION_ALIASES = {
    "time_limit": "time_limit",
    "threads": "threads",
    "method": "solver",  # "simplex" | "ipm" | "pdlp" | "choose"
    "tolerance": ("primal_feasibility_tolerance", "dual_feasibility_tolerance"),
    "presolve": "presolve",
    "seed": "random_seed",
}


def highs_options(options: dict[str, Any]) -> dict[str, Any]:
    """Translate user options (friendly names or raw HiGHS names) into HiGHS options.

    Parameters
    ----------
    options : dict
        e.g. ``{"time_limit": 60, "method": "ipm", "tolerance": 1e-7}``; any other key is passed
        to HiGHS unchanged (see the HiGHS option list).

    Returns
    -------
    dict
        HiGHS option name -> value.
    """
    translated: dict[str, Any] = {}
    for key, value in options.items():
        if value is None:
            continue
        target = OPTION_ALIASES.get(key, key)
        if key == "presolve" and isinstance(value, bool):
            value = "on" if value else "off"
        for name in (target,) if isinstance(target, str) else target:
            translated[name] = value
    return translated


class _ParameterIndex:
    """Which of Pyomo's HiGHS update helpers each mutable parameter value enters.

    Built from the persistent interface's own helpers (coefficients and bounds of rows, bounds
    of columns, objective costs and offset), so pushing a helper is exactly what Pyomo's full
    update would do for it. Valid while the set of rows in HiGHS stays the same: a block switch
    adds or removes rows (and their helpers), and the index is then rebuilt.
    """

    def __init__(self, highs: Any) -> None:
        self.rows = frozenset(map(id, highs._mutable_helpers))
        self.bounds = frozenset(highs._mutable_bounds)
        self.objective = highs._mutable_objective
        self.helpers: dict[int, list[Any]] = {}
        self.params: dict[int, Any] = {}
        for helpers in highs._mutable_helpers.values():
            for helper in helpers:
                self._add(helper)
        for _, helper in highs._mutable_bounds.values():
            self._add(helper)
        objective = highs._mutable_objective
        if objective is not None:
            for helper in objective.linear_coefs:
                self._add(helper)
            self._add(objective.constant)
        self.values = {key: param.value for key, param in self.params.items()}
        # the matrix coefficient HiGHS holds for each mutable one: a zero pushed where HiGHS has
        # no nonzero makes HiGHS print a warning to the console (EFX of an exporter that
        # exports nothing), and changes nothing
        self.coefficients = {
            id(helper): pyo.value(helper.expr)
            for helpers in highs._mutable_helpers.values()
            for helper in helpers
            if isinstance(helper, _MutableLinearCoefficient)
        }

    def _add(self, helper: Any) -> None:
        for name in ("expr", "lower_expr", "upper_expr"):
            expr = getattr(helper, name, None)
            if expr is None:
                continue
            for param in identify_mutable_parameters(expr):
                key = id(param)
                self.params[key] = param
                bucket = self.helpers.setdefault(key, [])
                if not bucket or bucket[-1] is not helper:
                    bucket.append(helper)

    def fits(self, highs: Any) -> bool:
        """Whether HiGHS still holds the rows, bounds and objective the index was built on."""
        return (
            highs._mutable_objective is self.objective
            and frozenset(highs._mutable_bounds) == self.bounds
            and frozenset(map(id, highs._mutable_helpers)) == self.rows
        )

    def push_changes(self) -> int:
        """Push the helpers of every parameter whose value moved since the last push."""
        touched: dict[int, Any] = {}
        for key, param in self.params.items():
            value = param.value
            if value != self.values[key]:
                self.values[key] = value
                for helper in self.helpers[key]:
                    touched[id(helper)] = helper
        pushed = 0
        for key, helper in touched.items():
            if key in self.coefficients:
                coefficient = pyo.value(helper.expr)
                if abs(coefficient) < _ZERO and abs(self.coefficients[key]) < _ZERO:
                    continue
                self.coefficients[key] = coefficient
            helper.update()
            pushed += 1
        return pushed


def _batch_variable_removal(highs: Any) -> None:
    """Make ``highs.remove_constraints`` drop the columns that lose their last row in one go.

    Pyomo removes the now unreferenced columns after *each* removed row, and every removal
    renumbers all columns: switching off a block of 1,500 rows took 15 s of a 24 s sweep case
    on the default scenario. Collecting the candidates and removing them once does the same
    (the same columns go) in one renumbering.
    """
    base = type(highs).remove_constraints
    check = highs._check_to_remove_vars

    def remove_constraints(cons: list) -> None:
        pending: list = []
        highs._check_to_remove_vars = pending.extend
        try:
            base(highs, cons)
        finally:
            highs._check_to_remove_vars = check
        if pending:
            check(list({id(v): v for v in pending}.values()))

    highs.remove_constraints = remove_constraints


@dataclass
class SolveOutcome:
    """What one solve returned: status, objective and timings (seconds)."""

    status: SolveStatus
    message: str
    objective_bn_cny: float | None
    solve_seconds: float
    highs_status: str
    iterations: int | None = None
    log: str = field(default="", repr=False)


class PersistentPlan:
    """A Pyomo planning model bound to one persistent HiGHS instance.

    Parameters
    ----------
    model : pyomo.environ.ConcreteModel
        A model from :func:`dualcarbon.models.build_model`.
    options : dict, optional
        Solver options (see :func:`highs_options`).
    narrow_updates : bool, default True
        Re-solves push only the coefficients of parameters whose value changed (see the module
        text); False leaves every update to Pyomo (a full re-evaluation per solve).
    """

    def __init__(
        self,
        model: pyo.ConcreteModel,
        options: dict[str, Any] | None = None,
        *,
        narrow_updates: bool = True,
    ) -> None:
        # Imported here so that `import dualcarbon` does not load HiGHS.
        from pyomo.contrib.solver.solvers.highs import Highs

        self.model = model
        self.options = dict(options or {})
        self._highs = Highs()
        _batch_variable_removal(self._highs)
        config = self._highs.config
        # A non-optimal end is a result to report, not an exception: the caller decides.
        config.raise_exception_on_nonoptimal_result = False
        config.load_solutions = False
        self._results = None
        self.solves = 0
        self.narrow_updates = narrow_updates
        self._index: _ParameterIndex | None = None
        #: Helpers the last narrow update pushed (None: the last solve updated in full).
        self.pushed_helpers: int | None = None
        #: (variable, HiGHS column) of every variable HiGHS holds, for :meth:`load_all`; None
        #: after anything that may add or remove columns
        self._columns: list[tuple[Any, int]] | None = None
        #: Whether :meth:`linear_value` compiles expressions (sweeps: many solutions of one
        #: model; a single run reads each expression once and would only pay the compiling).
        self.compile_expressions = False
        self._forms: dict[int, Any] = {}
        self._column_values: Any = None

    @property
    def highs(self):
        """The underlying ``highspy.Highs`` object (after the first solve), for IIS and logs."""
        return self._highs._solver_model

    def attach(self) -> None:
        """Hand the model to HiGHS without solving it (``solve`` does this on its first call).

        For work on the HiGHS model itself, such as an IIS, where a solve would be wasted, or
        to hand over ahead of time (a sweep worker while the driver solves). Once attached
        there is nothing to do: re-solves bring HiGHS up to date.
        """
        if self._highs._model is self.model:
            return
        with redirect_stdout(io.StringIO()):  # HiGHS prints its banner on creation
            self._highs.set_instance(self.model)
        self._forget_columns()
        if self.narrow_updates:
            self._index = _ParameterIndex(self._highs)
        # quiet until the first solve sets the options (an update before it would log to stdout)
        self.highs.setOptionValue("output_flag", False)

    def solve(
        self,
        *,
        load: Sequence[Any] | None = None,
        parameters_only: bool = False,
        **options: Any,
    ) -> SolveOutcome:
        """Solve (or re-solve after changes) and load the primal values into the model.

        Parameters
        ----------
        load : sequence of Pyomo variables, optional
            Load only these variables' values (the rest keep stale values until
            :meth:`load_all`); all of them when omitted. A fixed-point iteration that reads a
            few hundred variables between solves skips loading ~46,000 (0.3 s a solve).
        parameters_only : bool, default False
            The caller changed only mutable parameters since the last solve (no block switched,
            nothing added): skip Pyomo's scan of every constraint for structural changes
            (0.25 s a solve on the default). Ignored on the first solve and with
            ``narrow_updates=False``.
        **options
            Options for this solve only, on top of those given at construction.
        """
        merged = highs_options({**self.options, **options})
        if not parameters_only:
            self._forget_columns()  # rows switched or a new hand-over: columns may have moved
        self._column_values = None
        if self._highs._model is self.model:
            # HiGHS keeps an option until it is set again, and Pyomo's solver_options merge
            # into the previous ones: one solve's options (a time limit, a method) must not
            # leak into the next
            self.highs.resetOptions()
            # quiet while the model is brought up to date (the reset turned the log back on, and
            # Pyomo's full update after a block switch pushes zeros HiGHS warns about); the
            # solve's own options, set below, decide what the solve prints
            self.highs.setOptionValue("output_flag", False)
        self._highs.config.solver_options.reset()
        self._highs.config.solver_options = {"output_flag": False, **merged}
        started = time.perf_counter()
        # HiGHS prints its banner on creation; keep library output off the user's console.
        with redirect_stdout(io.StringIO()), watch_interrupt() as seen:
            if self.narrow_updates and self._highs._model is self.model:
                self._update_narrowly(structural=not parameters_only)
                results = self._solve_without_update()
            else:
                self._forget_columns()  # first hand-over, or a full update by Pyomo
                results = self._highs.solve(self.model)
                if self.narrow_updates:
                    # index the helpers while HiGHS holds exactly the current values, so that
                    # the first re-solve pushes only what changed (a full pass pushes zeros
                    # HiGHS warns about)
                    self._index = _ParameterIndex(self._highs)
        if seen["interrupted"]:
            # highspy stopped on Ctrl-C but returned an error status instead of raising
            raise KeyboardInterrupt("HiGHS solve interrupted (Ctrl-C)")
        seconds = time.perf_counter() - started
        self._results = results
        self.solves += 1
        highs_status = self.highs.getModelStatus().name
        status = from_highs_status(highs_status)
        objective = None
        if status.is_optimal:
            results.solution_loader.load_vars(load)
            objective = float(results.incumbent_objective)
        iterations = getattr(results.extra_info, "simplex_iteration_count", None)
        logger.info("HiGHS: %s in %.2f s (objective %s)", highs_status, seconds, objective)
        return SolveOutcome(
            status=status,
            message=ADVICE[status],
            objective_bn_cny=objective,
            solve_seconds=seconds,
            highs_status=highs_status,
            iterations=iterations,
            log=getattr(results, "solver_log", "") or "",
        )

    def load_all(self) -> None:
        """Load every variable's value of the last optimal solve (after a partial ``load``).

        Straight from HiGHS' column values through a (variable, column) list kept while the
        columns stay put: Pyomo's loader rebuilds its id lists and a component map on every
        call (0.13 s of a 0.4 s sweep-case overhead on the default, against ~0.01 s).
        """
        if self._results is None:
            raise RuntimeError("solve() first")
        solution = getattr(self._highs, "_sol", None)
        if solution is None or not solution.value_valid:
            self._results.solution_loader.load_vars()  # Pyomo's own path raises what it must
            return
        if self._columns is None:
            self._columns = _solver_columns(self._highs)
        values = solution.col_value
        for var, column in self._columns:
            var.set_value(values[column], skip_validation=True)
        StaleFlagManager.mark_all_as_stale(delayed=True)

    def _update_narrowly(self, structural: bool = True) -> None:
        """Bring HiGHS up to date with the model: Pyomo's update for rows switched on or off
        (and anything else structural), then only the coefficients of changed parameters."""
        highs = self._highs
        highs._active_config = highs.config(value={}, preserve_implicit=True)
        if structural or self._index is None:
            highs._active_config.auto_updates.update_parameters = False
            highs.update()
        self.pushed_helpers = None
        if highs._mutable_objective is not None and highs._mutable_objective.quadratic_coefs:
            highs.update_parameters()  # never in this LP; keeps the shortcut honest if it were
            return
        if self._index is None or not self._index.fits(highs):
            # new or removed rows: one full pass, then index the rows HiGHS now holds
            highs.update_parameters()
            self._index = _ParameterIndex(highs)
            return
        pushed = self.pushed_helpers = self._index.push_changes()
        # what Pyomo's update_parameters does besides pushing: forget the stale solution
        highs._sol = None
        if highs._last_results_object is not None:
            highs._last_results_object.solution_loader.invalidate()
        logger.debug("narrow update: %d coefficient/bound helpers pushed", pushed)

    def _solve_without_update(self):
        """Pyomo's solve, with its own (already done) update switched off."""
        updates = self._highs.config.auto_updates
        saved = {name: getattr(updates, name) for name in updates}
        for name, value in saved.items():
            if isinstance(value, bool):
                setattr(updates, name, False)
        try:
            return self._highs.solve(self.model)
        finally:
            for name, value in saved.items():
                setattr(updates, name, value)

    def _forget_columns(self) -> None:
        self._columns = None
        self._forms.clear()

    def linear_value(self, expr: Any) -> float | None:
        """Value of a named expression in the last solution, from a compiled linear form.

        With :attr:`compile_expressions` on, a named expression that is linear and holds no
        mutable parameter is compiled once into (HiGHS columns, coefficients, constant) and
        evaluated as a dot product with HiGHS' column values: a sweep case's metric tables
        evaluate a few thousand named expressions, about half of them such (on the default),
        which a walk of the expression trees would visit again every case.
        None where the expression is not compiled (option off, a mutable parameter, a
        nonlinear term or a variable HiGHS does not hold): evaluate it by walking instead.
        """
        if not self.compile_expressions or self._highs._sol is None:
            return None
        key = id(expr)
        form = self._forms.get(key)
        if form is None:
            form = self._forms[key] = _linear_form(expr, self._highs)
        if form is False:
            return None
        columns, coefficients, constant = form
        if self._column_values is None:
            self._column_values = np.asarray(self._highs._sol.col_value, dtype=float)
        return float(constant + coefficients @ self._column_values[columns])

    def duals(self, rows: Sequence[Any] | None = None) -> dict[Any, float]:
        """Row duals of the last optimal solve: constraint data -> d(objective)/d(right-hand side).

        Parameters
        ----------
        rows : sequence of ConstraintData, optional
            Only these rows (all rows when omitted).
        """
        if self._results is None:
            raise RuntimeError("solve() first")
        return self._results.solution_loader.get_duals(rows)

    def set_policy(self, name: str, value: Any) -> None:
        """Change one sweepable policy number or switch (see ``dualcarbon.models.policy.SWEEPABLE``)."""
        from dualcarbon.models.policy import set_policy

        set_policy(self.model, name, value)


def _solver_columns(highs: Any) -> list[tuple[Any, int]]:
    """(variable, HiGHS column) of every variable the persistent interface loads: those used by
    a row or the objective, as its own ``_get_primals`` selects them."""
    columns = []
    for var_id, (in_rows, in_sos, in_objective) in highs._referenced_variables.items():
        if in_rows or in_sos or in_objective is not None:
            columns.append((highs._vars[var_id][0], highs._pyomo_var_to_solver_var_map[var_id]))
    return columns


def _linear_form(expr: Any, highs: Any) -> Any:
    """(columns, coefficients, constant) of a linear expression free of mutable parameters,
    or False (see :meth:`PersistentPlan.linear_value`)."""
    from pyomo.repn.standard_repn import generate_standard_repn

    body = expr.expr
    if next(iter(identify_mutable_parameters(body)), None) is not None:
        return False  # a swept parameter would leave compiled coefficients stale
    repn = generate_standard_repn(body, compute_values=True, quadratic=False)
    if repn.nonlinear_expr is not None or repn.quadratic_vars:
        return False
    where = highs._pyomo_var_to_solver_var_map
    columns = [where.get(id(var)) for var in repn.linear_vars]
    if any(column is None for column in columns):
        return False
    return (
        np.asarray(columns, dtype=np.int64),
        np.asarray(repn.linear_coefs, dtype=float),
        float(repn.constant),
    )
