"""A built planning model attached to a persistent HiGHS instance.

The model is handed to HiGHS once; every later :meth:`PersistentPlan.solve` after a policy change
(a mutable parameter, or a constraint block switched on or off) sends HiGHS only what changed and
lets it warm-start from the previous basis. Sweeps rely on this: they never rebuild.
"""

from __future__ import annotations

import io
import logging
import time
from contextlib import redirect_stdout
from dataclasses import dataclass, field
from typing import Any

import pyomo.environ as pyo

from dualcarbon.solvers.status import ADVICE, SolveStatus, from_highs_status

logger = logging.getLogger(__name__)

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
    """

    def __init__(self, model: pyo.ConcreteModel, options: dict[str, Any] | None = None) -> None:
        # Imported here so that `import dualcarbon` does not load HiGHS.
        from pyomo.contrib.solver.solvers.highs import Highs

        self.model = model
        self.options = dict(options or {})
        self._highs = Highs()
        config = self._highs.config
        # A non-optimal end is a result to report, not an exception: the caller decides.
        config.raise_exception_on_nonoptimal_result = False
        config.load_solutions = False
        self._results = None
        self.solves = 0

    @property
    def highs(self):
        """The underlying ``highspy.Highs`` object (after the first solve), for IIS and logs."""
        return self._highs._solver_model

    def attach(self) -> None:
        """Hand the model to HiGHS without solving it (``solve`` does this on its first call).

        For work on the HiGHS model itself, such as an IIS, where a solve would be wasted.
        """
        with redirect_stdout(io.StringIO()):  # HiGHS prints its banner on creation
            self._highs.set_instance(self.model)

    def solve(self, **options: Any) -> SolveOutcome:
        """Solve (or re-solve after changes) and load the primal values into the model.

        Parameters
        ----------
        **options
            Options for this solve only, on top of those given at construction.
        """
        merged = highs_options({**self.options, **options})
        self._highs.config.solver_options = {"output_flag": False, **merged}
        started = time.perf_counter()
        # HiGHS prints its banner on creation; keep library output off the user's console.
        with redirect_stdout(io.StringIO()):
            results = self._highs.solve(self.model)
        seconds = time.perf_counter() - started
        self._results = results
        self.solves += 1
        highs_status = self.highs.getModelStatus().name
        status = from_highs_status(highs_status)
        objective = None
        if status.is_optimal:
            results.solution_loader.load_vars()
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

    def duals(self) -> dict[Any, float]:
        """Row duals of the last optimal solve: constraint data -> d(objective)/d(right-hand side)."""
        if self._results is None:
            raise RuntimeError("solve() first")
        return self._results.solution_loader.get_duals()

    def set_policy(self, name: str, value: Any) -> None:
        """Change one sweepable policy number or switch (see ``dualcarbon.models.policy.SWEEPABLE``)."""
        from dualcarbon.models.policy import set_policy

        set_policy(self.model, name, value)
