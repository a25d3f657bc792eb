"""Solver status: one small vocabulary for every way a solve can end."""

from __future__ import annotations

from enum import StrEnum


class SolveStatus(StrEnum):
    """How a solve ended. Only ``OPTIMAL`` carries a plan that may be written or plotted."""

    OPTIMAL = "optimal"
    INFEASIBLE = "infeasible"
    UNBOUNDED = "unbounded"
    INFEASIBLE_OR_UNBOUNDED = "infeasible_or_unbounded"
    TIME_LIMIT = "time_limit"
    ITERATION_LIMIT = "iteration_limit"
    NUMERICAL = "numerical"
    NOT_CONVERGED = "not_converged"
    INTERRUPTED = "interrupted"
    ERROR = "error"

    @property
    def is_optimal(self) -> bool:
        """Whether the plan is a proven optimum."""
        return self is SolveStatus.OPTIMAL


#: What to tell the user for each non-optimal status (one line each).
ADVICE: dict[SolveStatus, str] = {
    SolveStatus.OPTIMAL: "optimal plan found",
    SolveStatus.INFEASIBLE: (
        "the targets cannot all be met; run `dualcarbon diagnose SCENARIO` to find which collide"
    ),
    SolveStatus.UNBOUNDED: "the cost can fall without limit: a cost or bound is missing in the data",
    SolveStatus.INFEASIBLE_OR_UNBOUNDED: (
        "the solver proved the plan infeasible or unbounded; run `dualcarbon diagnose SCENARIO`"
    ),
    SolveStatus.TIME_LIMIT: "the time limit ran out before an optimal plan was proven",
    SolveStatus.ITERATION_LIMIT: "the iteration limit ran out before an optimal plan was proven",
    SolveStatus.NUMERICAL: "the solver ran into numerical trouble; check data units and magnitudes",
    SolveStatus.NOT_CONVERGED: (
        "the exporters' carbon intensities (EFX) did not settle within the iteration limit of "
        "consumption accounting; raise `efx_max_iterations` or the tolerance, or use "
        "production accounting"
    ),
    SolveStatus.INTERRUPTED: "the solve was interrupted (Ctrl-C); nothing was written",
    SolveStatus.ERROR: "the solver failed",
}


def from_highs_status(name: str) -> SolveStatus:
    """Map a ``highspy.HighsModelStatus`` name (e.g. ``"kOptimal"``) to :class:`SolveStatus`."""
    mapping = {
        "kOptimal": SolveStatus.OPTIMAL,
        "kInfeasible": SolveStatus.INFEASIBLE,
        "kUnbounded": SolveStatus.UNBOUNDED,
        "kUnboundedOrInfeasible": SolveStatus.INFEASIBLE_OR_UNBOUNDED,
        "kTimeLimit": SolveStatus.TIME_LIMIT,
        "kIterationLimit": SolveStatus.ITERATION_LIMIT,
        "kSolveError": SolveStatus.NUMERICAL,
        "kPostsolveError": SolveStatus.NUMERICAL,
        "kUnknown": SolveStatus.NUMERICAL,
        # a user's Ctrl-C (highspy cancels the solve) or an interrupt callback
        "kInterrupt": SolveStatus.INTERRUPTED,
        "kHighsInterrupt": SolveStatus.INTERRUPTED,
    }
    return mapping.get(name, SolveStatus.ERROR)
