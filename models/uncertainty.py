"""Input multipliers for uncertainty analysis: mutable ``Param`` objects, all 1.0 by default.

Each multiplier scales one uncertain input where the input enters the LP, so a Monte Carlo run
(:func:`dualcarbon.solvers.uncertainty.uncertainty`) changes parameters of a model built once
and re-solves warm, like any sweep. At 1.0 every row and cost is the one built without them.

=============================  ======================  =============================================
name                           index                   where it enters
=============================  ======================  =============================================
``power_capex_scale``          power technology        investment and salvage of ``gnew``
``industry_capex_scale``       technology group        investment and salvage of ``xnew``
                               (:data:`CAPEX_GROUPS`)
``fuel_price_scale``           fuel (coal, oil, gas)   fuel cost of ``q`` and ``gen``, value of
                                                       fuel saved by retrofits (``sav``)
``product_demand_scale``       sector                  C3 demand, C20 domestic floor, C17 ceiling
                                                       (E0·D/D0) and its leakage base
``electricity_demand_scale``   —                       non-industrial electricity demand in
                                                       ``elec_dem`` (C12, C13)
``renewable_potential_scale``  renewable technology    C9 potential above the installed base
=============================  ======================  =============================================

Demand multipliers act from the second milestone on: the first one (2025) is pinned to observed
output by C25 and its demand is close to known. Industrial electricity demand follows production
(``el_k q``) and so moves with ``product_demand_scale`` without a multiplier of its own. The
potential multiplier scales the headroom above the installed base, ``g0 + s·(POT − g0)``, so
that a low draw never makes existing plants illegal. The leakage report
(``solvers.extract``) uses the same scaled base. Not scaled: the cap's base-year emissions and
the published targets (they are observed, not uncertain).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import pyomo.environ as pyo

if TYPE_CHECKING:
    from dualcarbon.models.calibration import ModelData

#: Industrial technology -> capex group of ``industry_capex_scale``: routes whose cost is
#: uncertain for the same reason share one multiplier (CCS capture, hydrogen, the rest).
CAPEX_GROUPS: dict[str, str] = {
    "clinker_ccs": "ccs",
    "bf_bof_ccs": "ccs",
    "h2_dri_eaf": "hydrogen",
}
DEFAULT_CAPEX_GROUP = "conventional"

#: The multipliers, in the shape of :data:`dualcarbon.models.policy.SWEEPABLE`.
UNCERTAIN: dict[str, dict[str, str]] = {
    "power_capex_scale": {
        "description": "multiplies the capex of new power plants (investment and salvage)",
        "unit": "1",
        "value": "float (every technology) or {technology: float}",
    },
    "industry_capex_scale": {
        "description": "multiplies the capex of new industrial capacity by technology group "
        "(ccs, hydrogen, conventional)",
        "unit": "1",
        "value": "float (every group) or {group: float}",
    },
    "fuel_price_scale": {
        "description": "multiplies the fuel price (industry, power plants, retrofit savings)",
        "unit": "1",
        "value": "float (every fuel) or {fuel: float}",
    },
    "product_demand_scale": {
        "description": "multiplies product demand D[s,p] from the second milestone on (C3, C20, "
        "C17 ceiling)",
        "unit": "1",
        "value": "float (every sector) or {sector: float}",
    },
    "electricity_demand_scale": {
        "description": "multiplies non-industrial electricity demand from the second milestone on",
        "unit": "1",
        "value": "float",
    },
    "renewable_potential_scale": {
        "description": "multiplies the renewable potential above the installed base (C9)",
        "unit": "1",
        "value": "float (every technology) or {technology: float}",
    },
}
SCALAR_MULTIPLIERS = {"electricity_demand_scale"}
INDEXED_MULTIPLIERS = set(UNCERTAIN) - SCALAR_MULTIPLIERS


def capex_group(technology: str) -> str:
    """The ``industry_capex_scale`` group of an industrial technology."""
    return CAPEX_GROUPS.get(technology, DEFAULT_CAPEX_GROUP)


def declare_uncertainty_params(m: pyo.ConcreteModel, data: ModelData) -> None:
    """Declare the multipliers (all 1.0) and ``demand_factor[s, p]`` on a model being built.

    ``demand_factor`` is the expression every demand row uses: ``product_demand_scale[s]``
    after the first milestone, 1 at it.
    """
    mut = {"mutable": True, "within": pyo.NonNegativeReals, "initialize": 1.0}
    m.power_capex_scale = pyo.Param(m.G, **mut, doc="multiplies power capex")
    groups = sorted({*CAPEX_GROUPS.values(), DEFAULT_CAPEX_GROUP})
    m.CAPEX_GROUPS = pyo.Set(dimen=1, initialize=groups, ordered=True)
    m.industry_capex_scale = pyo.Param(m.CAPEX_GROUPS, **mut, doc="multiplies industry capex")
    m.fuel_price_scale = pyo.Param(m.C, **mut, doc="multiplies fuel prices")
    m.product_demand_scale = pyo.Param(m.S, **mut, doc="multiplies D[s,p], p after the first")
    m.electricity_demand_scale = pyo.Param(**mut, doc="multiplies non-industrial electricity")
    renewable = sorted(
        data.rg["potential_gw"].dropna().index.get_level_values("technology").unique()
    )
    m.G_renewable = pyo.Set(dimen=1, initialize=renewable, ordered=True)
    m.renewable_potential_scale = pyo.Param(m.G_renewable, **mut, doc="multiplies POT - g0")
    first = data.periods[0]
    m.demand_factor = pyo.Expression(
        m.S,
        m.P,
        rule=lambda m, s, p: 1.0 if p == first else m.product_demand_scale[s],
        doc="product demand multiplier applied to D[s,p]",
    )


def electricity_factor(m: pyo.ConcreteModel, p: int) -> float | pyo.Param:
    """The multiplier of non-industrial electricity demand in period ``p``."""
    return 1.0 if p == m.P.first() else m.electricity_demand_scale


def set_multiplier(model: pyo.ConcreteModel, name: str, value: object) -> None:
    """Set one multiplier: a number for every entry, or ``{entry: number}`` for some.

    Raises
    ------
    KeyError
        For an entry the multiplier does not have (with the entries it has).
    ValueError
        For a negative value.
    """
    param = getattr(model, name)
    if not param.is_indexed():
        param.set_value(_non_negative(name, value))
        return
    items = value.items() if isinstance(value, Mapping) else ((k, value) for k in param)
    for key, v in items:
        if key not in param:
            raise KeyError(f"{name}: no entry {key!r}; entries: {sorted(param.keys())}")
        param[key] = _non_negative(name, v)


def _non_negative(name: str, value: object) -> float:
    number = float(value)  # type: ignore[arg-type]
    if number < 0:
        raise ValueError(f"{name}: a multiplier must be >= 0, got {number}")
    return number
