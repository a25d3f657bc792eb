"""The exporter-intensity fixed point of consumption accounting (MODEL.md, ``efx``, C19).

Under consumption accounting a corridor flow carries the exporter's average generation intensity
``efx[r,p] = emis_power[r,p] / Σ_g gen[r,g,p]``. That ratio of two decisions is bilinear, so the
model holds it as the mutable parameter ``EFX[r,p]``: solve, recompute EFX from the plan, re-solve
the *same* built model (HiGHS warm-starts from the previous basis), until no EFX moves by more than
a tolerance. Where EFX enters no active row (production accounting), one solve suffices and EFX is
set from the plan only so that the reported embodied CO2 is the plan's own.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from typing import Any

import pyomo.environ as pyo

from dualcarbon.solvers.persistent import PersistentPlan, SolveOutcome
from dualcarbon.solvers.status import ADVICE, SolveStatus

logger = logging.getLogger(__name__)

#: Rows in which EFX appears (through ``emis_cons``): C19 is these rows being active.
_CONSUMPTION_ROWS = (
    "C16_regional_cap_cons",
    "C16_intensity_cap_cons",
    "C16_intensity_target_cons",
    "C18_base_ceiling_cons",
    "C18_no_rise_after_peak_cons",
)
#: Below this generation (TWh/yr) a region's intensity is undefined; its EFX is left as it was.
_MIN_GENERATION_TWH = 1e-6
#: Below this flow (TWh/yr) a region does not export; below this embodied CO2 (MtCO2/yr) the
#: flows carry nothing to compare a correction with.
_MIN_FLOW_TWH = 1e-6
_MIN_CARRIED_MTCO2 = 1e-6
#: Smallest step an EFX is damped to after its corrections keep changing sign.
_MIN_STEP = 1 / 64


@dataclass
class FixedPointReport:
    """How the EFX iteration ended.

    Attributes
    ----------
    needed : bool
        Whether EFX entered an active row (consumption accounting); if not, one solve sufficed.
    iterations : int
        Solves made (1 when not needed).
    converged : bool
        Whether the last change was within ``tolerance``.
    max_change_tco2_per_mwh : float
        Largest move of an EFX after the last solve, tCO2/MWh (convergence: ≤ tolerance).
    residual_tco2_per_mwh : float
        Largest |plan's own intensity − EFX charged| at the end, tCO2/MWh: zero at an exact fixed
        point; where a region's plan flips between two dispatch vertices as EFX crosses a
        threshold there is no exact fixed point and the iteration settles at the threshold, with
        this gap.
    tolerance_tco2_per_mwh : float
    damping : float
        The damping factor in force at the end (1 = plain substitution).
    history_tco2_per_mwh : list of float
        The largest change after each solve.
    solve_seconds : float
        Time in HiGHS over all solves.
    first_solve_seconds : float
        Time of the first solve (with its cold redo if a warm first solve ran out of time).
    """

    needed: bool
    iterations: int
    converged: bool
    max_change_tco2_per_mwh: float
    tolerance_tco2_per_mwh: float
    damping: float
    history_tco2_per_mwh: list[float] = field(default_factory=list)
    solve_seconds: float = 0.0
    residual_tco2_per_mwh: float = 0.0
    first_solve_seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form for a result's metadata."""
        return asdict(self)


def efx_needed(model: pyo.ConcreteModel) -> bool:
    """Whether any active row depends on EFX (consumption accounting is on and has rows)."""
    for name in _CONSUMPTION_ROWS:
        block = getattr(model, name, None)
        if block is not None and block.active and any(row.active for row in block.values()):
            return True
    return False


def iteration_variables(model: pyo.ConcreteModel) -> list[Any]:
    """The variables the iteration reads between solves: generation, those of ``emis_power``
    (:func:`plan_intensities`) and the corridor flows (:func:`plan_exports`)."""
    from pyomo.core.expr.visitor import identify_variables

    lk = model._dualcarbon.lookups
    seen: dict[int, Any] = {id(v): v for v in model.f.values()}
    for r in model.R:
        for p in model.P:
            for g in lk.g_r.get(r, []):
                seen.setdefault(id(model.gen[r, g, p]), model.gen[r, g, p])
            for var in identify_variables(model.emis_power[r, p].expr, include_fixed=False):
                seen.setdefault(id(var), var)
    return list(seen.values())


def plan_exports(model: pyo.ConcreteModel) -> dict[tuple[str, int], float]:
    """Σ of the corridor flows out of each region in each period of the loaded plan, TWh/yr."""
    out: dict[tuple[str, int], float] = {}
    for (o, _d, p), flow in model.f.items():
        out[o, p] = out.get((o, p), 0.0) + max(0.0, pyo.value(flow, exception=False) or 0.0)
    return out


def goes_cold(
    moves: dict[tuple[str, int], float],
    exports_twh: dict[tuple[str, int], float],
    efx_tco2_per_mwh: dict[tuple[str, int], float],
    share: float,
    step_tco2_per_mwh: float = 0.5,
) -> bool:
    """Whether a correction moves the plan's rows far enough for a cold re-solve.

    ``efx_tco2_per_mwh`` holds the EFX after the move. Only regions that export enter rows
    through their EFX (a flow at zero leaves every row as it was, however far its EFX moves).
    The re-solve goes cold (interior point) when an exporter's EFX moves by more than
    ``step_tco2_per_mwh``, or when the CO2 embodied in the current flows changes (Σ
    |move|·exports, MtCO2/yr) by more than ``share`` × what they carry before or after the
    move, whichever is less.
    """
    exporting = {k for k, t in exports_twh.items() if t > _MIN_FLOW_TWH}
    if any(abs(x) > step_tco2_per_mwh for k, x in moves.items() if k in exporting):
        return True
    moved = sum(abs(x) * exports_twh.get(k, 0.0) for k, x in moves.items())
    after = sum(efx_tco2_per_mwh[k] * t for k, t in exports_twh.items())
    before = sum((efx_tco2_per_mwh[k] - moves.get(k, 0.0)) * t for k, t in exports_twh.items())
    return moved > share * max(min(before, after), _MIN_CARRIED_MTCO2)


def plan_intensities(model: pyo.ConcreteModel) -> dict[tuple[str, int], float]:
    """efx[r,p] of the loaded solution, tCO2/MWh; the current EFX where a region generates nothing."""
    lk = model._dualcarbon.lookups
    out: dict[tuple[str, int], float] = {}
    for r in model.R:
        for p in model.P:
            generation = sum(pyo.value(model.gen[r, g, p]) for g in lk.g_r.get(r, []))
            if generation > _MIN_GENERATION_TWH:
                out[r, p] = max(0.0, pyo.value(model.emis_power[r, p])) / generation
            else:
                out[r, p] = pyo.value(model.EFX[r, p])
    return out


class StepRule:
    """How far each EFX moves towards the plan's own intensity after a solve.

    Every EFX starts at step ``damping`` (1: plain substitution). An EFX whose correction
    changes sign has its step halved (down to 1/64): a region whose plan flips between dispatch
    vertices as EFX crosses a threshold (no exact fixed point) settles at the threshold instead
    of cycling. Steps never grow back (letting them double while a correction kept its
    direction revived 3-cycles between coupled regions on the default). But a damped EFX whose
    plan intensity did not move at the last step (within ``tolerance``) while its correction
    kept its direction is away from any threshold: it takes the plan's intensity at once
    instead of creeping there by (1 − step) per solve (on the default, 27 solves became 12).
    If that jump is answered by a flip, the EFX was near a threshold after all and is damped
    from then on.
    """

    def __init__(self, keys: Any, damping: float, tolerance: float) -> None:
        self.damping, self.tolerance = damping, tolerance
        self.steps = {k: damping for k in keys}
        self.last_delta: dict = {}
        self.last_own: dict = {}
        self.jumped: set = set()
        self.thresholds: set = set()

    def moves(self, delta: dict, own: dict) -> dict:
        """The moves of this iteration, given each EFX's correction (plan's intensity − EFX)
        and the plan's intensities."""
        moves = {}
        for k, d in delta.items():
            before = self.last_delta.get(k, 0.0)
            if d * before < 0 and abs(d) > self.tolerance:
                self.steps[k] = max(_MIN_STEP, self.steps[k] / 2)
                if k in self.jumped:
                    self.thresholds.add(k)
            self.jumped.discard(k)
            moves[k] = self.steps[k] * d
            steady = abs(own[k] - self.last_own.get(k, float("inf"))) <= self.tolerance
            damped = self.steps[k] < self.damping and k not in self.thresholds
            if damped and d * before > 0 and steady:
                moves[k] = d
                self.jumped.add(k)
        self.last_delta, self.last_own = delta, own
        return moves

    def smallest(self) -> float:
        """The smallest step in force (the damping reported)."""
        return min(self.steps.values(), default=self.damping)


def solve_fixed_point(
    plan: PersistentPlan,
    *,
    tolerance: float = 1e-3,
    max_iterations: int = 40,
    damping: float = 1.0,
    cold_above_share: float = 1.0,
    cold_above_tco2_per_mwh: float = 0.5,
    warm_limit_s: float | None = None,
    structural: bool = True,
    **options: Any,
) -> tuple[SolveOutcome, FixedPointReport]:
    """Solve ``plan`` and iterate EFX to its fixed point by warm re-solves of the same model.

    Parameters
    ----------
    plan : PersistentPlan
        A built model bound to HiGHS.
    tolerance : float, default 1e-3
        Convergence when no EFX moves by more than this, tCO2/MWh (0.1 % of a coal plant's
        ~0.85 tCO2/MWh); the remaining gap to the plan's own intensities is reported.
    max_iterations : int, default 40
        Solves at most; reaching it unconverged gives status ``not_converged``.
    damping : float, default 1.0
        EFX ← EFX + step·(efx(plan) − EFX), every step starting at ``damping``; an EFX whose
        correction changes sign has its step halved (down to 1/64), which settles the cycles that
        a region falls into when its dispatch flips between vertices.
    cold_above_share, cold_above_tco2_per_mwh : float, default 1.0 and 0.5
        A re-solve after a correction that moves an exporter's EFX by more than
        ``cold_above_tco2_per_mwh``, or the CO2 embodied in the current plan's flows (Σ
        |ΔEFX|·exports, MtCO2/yr) by more than ``cold_above_share`` of what they carry (before
        or after the move, whichever is less), uses interior point (cold, as the first solve);
        smaller ones re-solve with simplex warm-started from the previous basis (see
        :func:`goes_cold`). Only exporters count: an EFX of a region that exports nothing
        enters rows through flows at zero and leaves the plan feasible, however far it moves.
        On the default the first correction (base-year intensities to the plan's) moves ~25,000
        MtCO2 against a few hundred carried and goes cold; the second's largest EFX change,
        0.64 tCO2/MWh, is Tianjin's, which exports nothing: warm in ~1.4 s, where the earlier
        rule (cold above 0.5 tCO2/MWh of any region) spent a 6 s interior-point solve. A warm
        simplex after a large exporter move took 10-44 s (the default's first correction; MGA
        alternatives). A warm re-solve also gets no longer than the last cold solve took
        (HiGHS time limit); one that runs out is redone cold. Unless ``options`` set a
        ``time_limit`` of their own, which then applies as given.
    warm_limit_s : float, optional
        A first solve by simplex (warm, from the basis HiGHS holds: a sweep's next case) that
        runs longer than this many seconds is redone cold by interior point, unless the options
        set a ``time_limit`` of their own. A warm simplex can take minutes where interior point
        takes seconds, above all to prove a case infeasible (a cap step past feasibility on the
        default: over 4 minutes warm, 5.6 s cold). Sweeps pass the time of a cold solve.
    structural : bool, default True
        Whether rows may have been switched on or off since the last solve; False skips Pyomo's
        scan of every row before the first solve (~0.5 s on the default), as the re-solves of
        the iteration do. A sweep case that changes only numbers passes False.
    **options
        HiGHS options for the first solve and the cold re-solves.

    Returns
    -------
    (SolveOutcome, FixedPointReport)
        The outcome of the last solve (its status ``not_converged`` if the iteration did not
        settle) and the iteration's report.
    """
    if not 0 < damping <= 1:
        raise ValueError(f"damping must be in (0, 1], got {damping}")
    if max_iterations < 1:
        raise ValueError(f"max_iterations must be at least 1, got {max_iterations}")
    model = plan.model
    needed = efx_needed(model)
    # between solves only the intensities are read: load just their variables, and re-solve
    # after EFX changes without Pyomo's scan for structural changes (there are none)
    partial = iteration_variables(model) if needed else None
    outcome = _first_solve(plan, partial, warm_limit_s, structural, options)
    seconds = outcome.solve_seconds
    history: list[float] = []
    report = FixedPointReport(needed, 1, True, 0.0, tolerance, damping, history, seconds)
    report.first_solve_seconds = seconds
    if not outcome.status.is_optimal:
        return outcome, report
    # one step size per EFX: halved whenever that EFX's correction changes sign, so that a region
    # whose plan flips between dispatch vertices (no exact fixed point: the plan's intensity jumps
    # as EFX crosses a threshold) settles at the threshold instead of cycling. Steps never grow
    # back: letting them double while a correction kept its direction revived 3-cycles between
    # coupled regions (Hubei, Anhui, Chongqing on the default) that never settled.
    steps = StepRule(model.EFX, damping, tolerance)
    residual = 0.0
    # HiGHS seconds of the last cold solve: the budget of a warm one (None: the caller set a
    # time limit of their own, which is left alone)
    budget = None if "time_limit" in options else plan.highs.getRunTime()
    unlimited = {} if "time_limit" in options else {"time_limit": float("inf")}
    while True:
        new = plan_intensities(model)
        delta = {k: v - pyo.value(model.EFX[k]) for k, v in new.items()}
        residual = max((abs(d) for d in delta.values()), default=0.0)
        if not needed:
            # EFX is in no active row: the plan does not depend on it; report the plan's own.
            for k, v in new.items():
                model.EFX[k] = v
            history.append(residual)
            break
        moves = steps.moves(delta, new)
        change = max((abs(x) for x in moves.values()), default=0.0)
        history.append(change)
        if change <= tolerance:
            break
        if report.iterations >= max_iterations:
            report.converged = False
            break
        exports = plan_exports(model)
        for k, x in moves.items():
            model.EFX[k] = pyo.value(model.EFX[k]) + x
        efx = {k: pyo.value(model.EFX[k]) for k in exports}
        warm = not goes_cold(moves, exports, efx, cold_above_share, cold_above_tco2_per_mwh)
        if warm and budget is not None:
            # a warm simplex gets as long as the last cold solve took (HiGHS' clock runs on
            # over re-solves, so the limit is absolute); past it, interior point is cheaper
            limit = {"method": "simplex", "time_limit": plan.highs.getRunTime() + budget}
            outcome = plan.solve(load=partial, parameters_only=True, **{**options, **limit})
            report.iterations += 1
            seconds += outcome.solve_seconds
            warm = outcome.status is not SolveStatus.TIME_LIMIT
            if not warm:
                logger.info("EFX: warm re-solve passed %.1f s; solving cold", budget)
        elif warm:
            this = {**options, "method": "simplex"}
            outcome = plan.solve(load=partial, parameters_only=True, **this)
            report.iterations += 1
            seconds += outcome.solve_seconds
        if not warm:
            clock = plan.highs.getRunTime()
            outcome = plan.solve(load=partial, parameters_only=True, **{**options, **unlimited})
            report.iterations += 1
            seconds += outcome.solve_seconds
            if budget is not None:
                budget = plan.highs.getRunTime() - clock
        if not outcome.status.is_optimal:
            break
    if partial is not None and outcome.status.is_optimal:
        plan.load_all()
    report.residual_tco2_per_mwh = residual
    step = steps.smallest()
    report.max_change_tco2_per_mwh = history[-1] if history else 0.0
    report.damping = step
    report.solve_seconds = seconds
    logger.info(
        "EFX fixed point: %s after %d solve(s), last change %.2e tCO2/MWh",
        "converged" if report.converged else "NOT converged",
        report.iterations,
        report.max_change_tco2_per_mwh,
    )
    if outcome.status.is_optimal and not report.converged:
        outcome = SolveOutcome(
            status=SolveStatus.NOT_CONVERGED,
            message=ADVICE[SolveStatus.NOT_CONVERGED],
            objective_bn_cny=outcome.objective_bn_cny,
            solve_seconds=seconds,
            highs_status=outcome.highs_status,
            iterations=outcome.iterations,
            log=outcome.log,
        )
    else:
        outcome.solve_seconds = seconds
    return outcome, report


def _first_solve(
    plan: PersistentPlan,
    partial: Any,
    warm_limit_s: float | None,
    structural: bool,
    options: dict[str, Any],
) -> SolveOutcome:
    """The first solve of :func:`solve_fixed_point`: a warm simplex cut at ``warm_limit_s`` and
    then redone cold by interior point (see there); any other first solve as asked."""
    limited = (
        warm_limit_s is not None
        and options.get("method") == "simplex"
        and "time_limit" not in options
        and plan.options.get("time_limit") is None
        and plan.highs is not None  # attached: HiGHS holds a basis to start from
    )
    if not limited:
        return plan.solve(load=partial, parameters_only=not structural, **options)
    # HiGHS' clock runs on over re-solves of one object: the limit is absolute
    limit = plan.highs.getRunTime() + warm_limit_s
    outcome = plan.solve(
        load=partial, parameters_only=not structural, **{**options, "time_limit": limit}
    )
    if outcome.status is not SolveStatus.TIME_LIMIT:
        return outcome
    logger.info("warm first solve passed %.1f s; solving cold", warm_limit_s)
    cold = {**options, "method": "ipm", "time_limit": float("inf")}
    redo = plan.solve(load=partial, parameters_only=True, **cold)
    redo.solve_seconds += outcome.solve_seconds
    return redo
