"""``dualcarbon.diagnose``: which targets collide when a scenario is infeasible.

Two complementary answers:

1. An *elastic copy* of the model: every policy row (caps, floors, replacement ratios, transfer
   rules; the rows ``FAMILIES`` marks as policy) gets penalised slack, physics stays hard. Minimising
   the slack, each weighted by the inverse of its row's size so that violations compare as shares,
   finds a small set of targets to relax, with the violation in the row's own units.
2. On request (``iis=True``, ``dualcarbon diagnose --iis``), HiGHS' infeasible subset of the
   original rows, computed under a time limit. It is opt-in because it can take dozens of solves'
   worth of time on the full model, while the elastic copy costs about one solve.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

import pandas as pd
import pyomo.environ as pyo
from pyomo.repn import generate_standard_repn

from dualcarbon.inputs.scenario import Scenario
from dualcarbon.solvers.naming import constraint_catalogue, describe_row
from dualcarbon.solvers.persistent import PersistentPlan
from dualcarbon.solvers.status import SolveStatus

logger = logging.getLogger(__name__)

_VIOLATION_TOL = 1e-6
_IIS_ELASTIC_LP = 2  # HiGHS iis_strategy: try elastic LP
#: Default seconds HiGHS may spend on the IIS before :func:`diagnose` gives up on it.
DEFAULT_IIS_TIME_LIMIT_S = 120.0


@dataclass
class Diagnosis:
    """What :func:`diagnose` found.

    Attributes
    ----------
    scenario : str
    status : SolveStatus
        Status of the original model.
    violations : pandas.DataFrame
        One row per relaxed policy row: ``family``, ``constraint``, ``region``, ``sector``,
        ``period``, ``violation`` (in ``unit``), ``limit`` (the row's right-hand side),
        ``relative_violation`` (violation / |limit|).
    iis : pandas.DataFrame or None
        Rows of the HiGHS IIS (``family``, ``constraint``, index columns), if one was computed.
    message : str
        What the diagnosis concluded, in words.
    iis_note : str
        Why ``iis`` is None when it was asked for (time limit reached, HiGHS found none), or "".
    """

    scenario: str
    status: SolveStatus
    violations: pd.DataFrame = field(default_factory=pd.DataFrame)
    iis: pd.DataFrame | None = None
    message: str = ""
    iis_note: str = ""

    @property
    def feasible(self) -> bool:
        """Whether the original scenario has a feasible (optimal) plan."""
        return self.status is SolveStatus.OPTIMAL

    @property
    def families(self) -> list[str]:
        """Constraint families (``"C15"``, ``"C16"``, ...) whose targets had to be relaxed."""
        return sorted(set(self.violations.get("family", [])))

    def summary(self) -> str:
        """A readable report: what collides, by how much, in which units."""
        if self.feasible:
            return f"scenario {self.scenario}: feasible; nothing to diagnose"
        lines = [f"scenario {self.scenario}: {self.status.value}. {self.message}".rstrip()]
        if not self.violations.empty:
            lines.append(
                f"smallest relaxation found: {len(self.violations)} policy rows in families "
                f"{', '.join(self.families)}"
            )
            for (family, constraint, unit), rows in self.violations.groupby(
                ["family", "constraint", "unit"], sort=True
            ):
                regions = rows["region"].dropna().nunique()
                periods = sorted(int(p) for p in rows["period"].dropna().unique())
                lines.append(
                    f"  {family} {constraint}: {len(rows)} rows ({regions} regions, years "
                    f"{', '.join(map(str, periods))}), total shortfall {rows['violation'].sum():,.4g} {unit}"
                )
                for row in rows.head(3).itertuples():
                    where = ", ".join(
                        str(v)
                        for v in (row.region, row.sector, row.period)
                        if pd.notna(v) and v != ""
                    )
                    lines.append(
                        f"      [{where}] short by {row.violation:,.4g} {row.unit}"
                        f" of {abs(row.limit):,.4g} ({row.relative_violation:.1%})"
                    )
        if self.iis is not None and not self.iis.empty:
            counts = self.iis.groupby(["family", "constraint"]).size()
            lines.append(
                "infeasible subset of rows (HiGHS IIS): "
                + ", ".join(f"{c} ({n})" for (_, c), n in counts.items())
            )
        if self.iis_note:
            lines.append(self.iis_note)
        return "\n".join(lines)


def diagnose(
    scenario: Scenario,
    *,
    iis: bool = False,
    time_limit: float | None = None,
    iis_time_limit: float | None = DEFAULT_IIS_TIME_LIMIT_S,
) -> Diagnosis:
    """Explain an infeasible scenario.

    The elastic copy is solved first: its optimum is zero exactly when the scenario is feasible,
    and it is much faster for HiGHS than proving infeasibility of the original model. On the
    default data the whole diagnosis costs about one ``dualcarbon run`` of the same scenario.

    Parameters
    ----------
    scenario : Scenario
        The scenario to check.
    iis : bool, default False
        Also ask HiGHS for an infeasible subset of the original rows (elastic-LP strategy). Off by
        default: on the full model it can take many times the elastic solve.
    time_limit : float, optional
        Seconds for each solve.
    iis_time_limit : float or None, default 120
        Seconds HiGHS may spend on the IIS (``None``: no limit). When it runs out, ``iis`` stays
        None and ``iis_note`` (also in :meth:`Diagnosis.summary`) says so; the elastic
        relaxation is reported either way.

    Returns
    -------
    Diagnosis
        ``feasible``, ``violations`` (the smallest weighted relaxation of policy rows) and ``iis``.
    """
    from dualcarbon.models import build_model

    elastic = build_model(scenario)
    slacks = _make_elastic(elastic)
    # interior point: far faster than simplex on these (often degenerate) elastic problems
    options = {"time_limit": time_limit, "method": "ipm"}
    elastic_plan = PersistentPlan(elastic, options)
    elastic_outcome = elastic_plan.solve()
    if not elastic_outcome.status.is_optimal:
        model = build_model(scenario)
        outcome = PersistentPlan(model, options).solve()
        message = (
            "even with every policy target relaxed the model is "
            f"{elastic_outcome.status.value}: the physical data (capacities, demand, potentials) conflict"
        )
        return Diagnosis(scenario.name, outcome.status, message=message)
    records = []
    for row, (lower_slack, upper_slack, limit) in slacks.items():
        size = max(
            pyo.value(lower_slack) if lower_slack is not None else 0.0,
            pyo.value(upper_slack) if upper_slack is not None else 0.0,
        )
        if size > _VIOLATION_TOL * max(1.0, abs(limit)):
            described = describe_row(row)
            described.update(
                violation=size, limit=limit, relative_violation=size / max(abs(limit), 1e-9)
            )
            records.append(described)
    if not records:
        return Diagnosis(scenario.name, SolveStatus.OPTIMAL, message="feasible")
    violations = pd.DataFrame(records).sort_values(
        ["family", "relative_violation"], ascending=[True, False], ignore_index=True
    )
    iis_rows, iis_note = None, ""
    if iis:
        iis_rows, iis_note = _iis_rows(
            PersistentPlan(build_model(scenario), options), iis_time_limit
        )
    message = "the targets below cannot all be met; relax them by at least the amounts shown"
    return Diagnosis(scenario.name, SolveStatus.INFEASIBLE, violations, iis_rows, message, iis_note)


def _make_elastic(model: pyo.ConcreteModel) -> dict:
    """Give every active policy row slack, penalised relative to its right-hand side.

    Returns ``{original row: (lower slack var | None, upper slack var | None, limit)}``.
    """
    catalogue = constraint_catalogue()
    rows = [
        row
        for name, spec in catalogue.items()
        if spec.policy_row and model.component(name) is not None and model.component(name).active
        for row in model.component(name).values()
        if row.active
    ]
    model.elastic_rows = pyo.ConstraintList()
    model.elastic_slack = pyo.VarList(domain=pyo.NonNegativeReals)
    penalty = []
    slacks: dict = {}
    for row in rows:
        lower, upper, body = row.lower, row.upper, row.body
        lower_value = None if lower is None else pyo.value(lower)
        upper_value = None if upper is None else pyo.value(upper)
        # Constants inside the body (e.g. exogenous value added in a growth floor) belong to the
        # limit: the effective right-hand side sets the scale a violation is measured against.
        constant = pyo.value(generate_standard_repn(body, compute_values=True).constant)
        lower_slack = upper_slack = None
        expression = body
        if lower_value is not None:
            lower_slack = model.elastic_slack.add()
            expression = expression + lower_slack
            penalty.append(lower_slack / max(1.0, abs(lower_value - constant)))
        if upper_value is not None:
            upper_slack = model.elastic_slack.add()
            expression = expression - upper_slack
            penalty.append(upper_slack / max(1.0, abs(upper_value - constant)))
        model.elastic_rows.add((lower_value, expression, upper_value))
        row.deactivate()
        limit = (upper_value if upper_value is not None else lower_value) - constant
        slacks[row] = (lower_slack, upper_slack, limit)
    for objective in model.component_objects(pyo.Objective, active=True):
        objective.deactivate()
    model.elastic_objective = pyo.Objective(expr=sum(penalty), sense=pyo.minimize)
    logger.info("elastic copy: %d policy rows relaxed", len(rows))
    return slacks


def _iis_rows(plan: PersistentPlan, time_limit_s: float | None) -> tuple[pd.DataFrame | None, str]:
    """HiGHS' infeasible subset of the model in ``plan``, and a note when there is none.

    The model is only handed to HiGHS, not solved first: ``getIis`` runs its own LPs, and the
    elastic copy has already shown the scenario infeasible, so a solve of the original would
    be a wasted one.
    """
    plan.attach()
    highs = plan.highs
    started = time.perf_counter()
    try:
        highs.setOptionValue("output_flag", False)
        highs.setOptionValue("iis_strategy", _IIS_ELASTIC_LP)
        if time_limit_s is not None:
            highs.setOptionValue("iis_time_limit", float(time_limit_s))
        _, found = highs.getIis()
    except Exception as problem:  # IIS is optional help; a failure must not hide the diagnosis
        logger.warning("HiGHS could not compute an IIS: %s", problem)
        return None, f"HiGHS could not compute an IIS ({problem}); the relaxation above stands."
    seconds = time.perf_counter() - started
    if not found.valid_ or not found.row_index_:
        if time_limit_s is not None and seconds >= 0.95 * time_limit_s:
            return None, (
                f"HiGHS IIS cut short at its time limit ({time_limit_s:g} s) without a subset; "
                "the relaxation above stands (raise iis_time_limit / --iis-time-limit to wait longer)."
            )
        return None, "HiGHS found no infeasible subset; the relaxation above stands."
    # The persistent interface numbers rows in the order it added them.
    row_map = getattr(plan._highs, "_solver_con_to_pyomo_con_map", {})
    records = [describe_row(row_map[i]) for i in found.row_index_ if i in row_map]
    logger.info("HiGHS IIS: %d rows in %.1f s", len(records), seconds)
    return (pd.DataFrame(records) if records else None), ""
