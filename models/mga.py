"""Model side of modelling to generate alternatives (MGA): a cost bound and a region objective.

:func:`add_mga` extends a built planning model, in place and without reading any file, with

* ``mga_cost_bound_bn_cny``: a mutable Param, the most the system may cost (bn CNY, present
  value); the solver side sets it to ``(1 + slack) × optimum``;
* ``MGA_cost``: the row ``cost ≤ mga_cost_bound_bn_cny``, where *cost* is the expression of the
  cost objective ``objective`` (which stays on the model, deactivated while MGA runs);
* ``mga_emissions_mtco2[r]`` and ``mga_investment_bn_cny[r]``: each region's cumulative
  metric over the horizon (Expressions);
* ``mga_weight[r]``: mutable weights, and
  ``mga_objective = Σ_r mga_weight[r] · metric[r] + mga_cost_weight · cost`` (minimised).
  Maximising a region's metric is a negative weight.

``mga_cost_weight`` (a small mutable number; the solver side sets it to 1e-3 / optimum cost,
with weights scaled by each region's optimum value) breaks ties: among the plans that reach
the same value of the weighted metrics, the cheapest is taken. Without it the part of the plan
the weights do not touch is any vertex within the cost bound, and under consumption accounting
the exporter-intensity fixed point then wanders between such vertices (on the default scenario
a min-Jiangsu alternative took 16+ re-solves without settling; measured 2026-12).

Weights are mutable parameters rather than a new objective per alternative: HiGHS then only
receives the changed objective coefficients between alternatives and re-solves from the
previous basis (:class:`dualcarbon.solvers.persistent.PersistentPlan`), as sweeps do.

Metrics (units in the names):

* ``emissions``: cumulative production-based emissions, MtCO2: Σ_p Δ_p · emis_prod[r,p], with
  Δ_p the years a milestone stands for (p⁻+1 … p; MODEL.md "Time") and emis_prod the
  territorial emissions of MODEL.md (industry, power, emerging industry, other).
* ``investment``: present value of investment located in the region, bn CNY: the terms of
  ``cost_investment[p]`` whose variable belongs to the region (industry builds, stranded
  retirements, power builds, retrofits, emerging-industry investment); a new transmission
  corridor is split half and half between its two ends (an accounting convention).
"""

from __future__ import annotations

from collections.abc import Mapping

import pyomo.environ as pyo
from pyomo.repn import generate_standard_repn

#: Metrics an MGA objective can push apart, with their unit.
MGA_METRICS = {"emissions": "mtco2", "investment": "bn_cny"}

#: Variables of ``cost_investment`` whose first index is the region that carries the cost.
_REGION_FIRST = ("xnew", "xret", "gnew", "inv", "winv")


def metric_component(metric: str) -> str:
    """Name of the per-region Expression of an MGA metric (``mga_emissions_mtco2`` ...)."""
    if metric not in MGA_METRICS:
        raise ValueError(
            f"MGA metric {metric!r}: expected one of {', '.join(MGA_METRICS)}, got {metric!r}"
        )
    return f"mga_{metric}_{MGA_METRICS[metric]}"


def period_years(model: pyo.ConcreteModel) -> dict[int, int]:
    """Years Δ_p each milestone stands for (p⁻+1 … p)."""
    from dualcarbon.models.build import model_data

    data = model_data(model)
    return {p: p - data.prev[p] for p in data.periods}


def regional_investment(model: pyo.ConcreteModel) -> dict[tuple[str, int], pyo.Expression]:
    """Investment present value of each (region, period) as linear expressions, bn CNY.

    Read from the terms of ``cost_investment[p]`` (so the coefficients are the objective's own):
    each term is given to the region of its variable; corridor builds half to each end.
    """
    out: dict[tuple[str, int], object] = {(r, p): 0.0 for r in model.R for p in model.P}
    for p in model.P:
        repn = generate_standard_repn(model.cost_investment[p].expr, compute_values=False)
        for coef, var in zip(repn.linear_coefs, repn.linear_vars, strict=True):
            name = var.parent_component().local_name
            index = var.index()
            if name in _REGION_FIRST:
                out[index[0], p] = out[index[0], p] + coef * var
            elif name == "tnew":
                for end in index[:2]:
                    out[end, p] = out[end, p] + 0.5 * coef * var
            else:
                raise ValueError(
                    f"cost_investment[{p}] has a term in {name!r}, which add_mga cannot place in "
                    "a region; extend models/mga.py _REGION_FIRST"
                )
    return out


def add_mga(model: pyo.ConcreteModel, metric: str = "emissions") -> None:
    """Add the MGA components to a built model (see the module text); the cost objective stays
    active until :func:`use_mga_objective`.

    Parameters
    ----------
    model : pyomo.environ.ConcreteModel
        From :func:`dualcarbon.models.build_model`; solved or not.
    metric : {"emissions", "investment"}
        The regional metric ``mga_objective`` weighs. Both metric Expressions are added.

    Raises
    ------
    ValueError
        For an unknown metric, or a model that already has MGA components.
    """
    chosen = metric_component(metric)
    if model.component("MGA_cost") is not None:
        raise ValueError("add_mga: this model already has MGA components")
    years = period_years(model)
    investment = regional_investment(model)
    model.mga_emissions_mtco2 = pyo.Expression(
        model.R,
        rule=lambda m, r: sum(years[p] * m.emis_prod[r, p] for p in m.P),
        doc="MGA: cumulative production-based emissions of a region, MtCO2",
    )
    model.mga_investment_by_period_bn_cny = pyo.Expression(
        model.R,
        model.P,
        rule=lambda m, r, p: investment[r, p],
        doc="MGA: present value of the investment located in a region in a period, bn CNY",
    )
    model.mga_investment_bn_cny = pyo.Expression(
        model.R,
        rule=lambda m, r: sum(m.mga_investment_by_period_bn_cny[r, p] for p in m.P),
        doc="MGA: present value of the investment located in a region, bn CNY",
    )
    model.mga_cost_bound_bn_cny = pyo.Param(
        mutable=True,
        initialize=1e15,
        doc="MGA: most the system may cost, bn CNY present value ((1 + slack) x optimum)",
    )
    model.MGA_cost = pyo.Constraint(
        expr=model.objective.expr <= model.mga_cost_bound_bn_cny,
        doc="MGA: total discounted system cost within the slack of the optimum",
    )
    model.mga_weight = pyo.Param(
        model.R, mutable=True, initialize=0.0, doc="MGA: objective weight of a region's metric"
    )
    model.mga_cost_weight = pyo.Param(
        mutable=True, initialize=0.0, doc="MGA: tie-breaking weight of the system cost"
    )
    values = getattr(model, chosen)
    model.mga_objective = pyo.Objective(
        expr=sum(model.mga_weight[r] * values[r] for r in model.R)
        + model.mga_cost_weight * model.objective.expr,
        sense=pyo.minimize,
    )
    model.mga_objective.deactivate()
    model._dualcarbon_mga_metric = metric


def set_cost_bound(model: pyo.ConcreteModel, bound_bn_cny: float) -> None:
    """Set the MGA cost bound, bn CNY present value."""
    model.mga_cost_bound_bn_cny = float(bound_bn_cny)


def use_mga_objective(
    model: pyo.ConcreteModel, weights: Mapping[str, float], cost_weight: float = 0.0
) -> None:
    """Minimise Σ_r weights[r] · metric[r] + cost_weight · cost (regions left out weigh 0)
    instead of the cost alone.

    Raises
    ------
    KeyError
        For a region the model does not plan.
    """
    unknown = sorted(set(weights) - set(model.R))
    if unknown:
        raise KeyError(f"MGA weights name regions the model does not plan: {unknown}")
    for r in model.R:
        model.mga_weight[r] = float(weights.get(r, 0.0))
    model.mga_cost_weight = float(cost_weight)
    model.objective.deactivate()
    model.mga_objective.activate()


def use_cost_objective(model: pyo.ConcreteModel) -> None:
    """Minimise the system cost again (the MGA objective is switched off)."""
    model.mga_objective.deactivate()
    model.objective.activate()


def system_cost_bn_cny(model: pyo.ConcreteModel) -> float:
    """Total discounted system cost of the loaded solution, bn CNY (whatever the objective)."""
    return float(pyo.value(model.objective.expr))


def metric_values(model: pyo.ConcreteModel, metric: str) -> dict[str, float]:
    """Each region's cumulative MGA metric in the loaded solution."""
    values = getattr(model, metric_component(metric))
    return {r: float(pyo.value(values[r])) for r in model.R}


def period_values(model: pyo.ConcreteModel, metric: str) -> dict[tuple[str, int], float]:
    """Each region's metric per milestone in the loaded solution: emissions in MtCO2/yr
    (``emis_prod``), investment in bn CNY present value of the period."""
    metric_component(metric)
    values = model.emis_prod if metric == "emissions" else model.mga_investment_by_period_bn_cny
    return {(r, p): float(pyo.value(values[r, p])) for r in model.R for p in model.P}
