"""Objective: present value of investment, operation, carbon and border cost, minus salvage.

Every cost term is an Expression per period in bn CNY present value, so results can report them
one by one; ``objective`` is their sum. C23 (carbon border cost on exports) lives here as
``cost_cbam[p]`` with the per-region report ``cbam_exposure[r,p]`` (bn CNY/yr, undiscounted).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import pyomo.environ as pyo

from dualcarbon.models.calibration import (
    BN_CNY_PER_CNY_X_MEGA,
    FUELS,
    TRANSMISSION_LIFETIME_YEARS,
    ModelData,
)
from dualcarbon.models.uncertainty import capex_group

if TYPE_CHECKING:
    from dualcarbon.models.build import Lookups

logger = logging.getLogger(__name__)
MEGA = BN_CNY_PER_CNY_X_MEGA


def _remaining_share(data: ModelData, p: int, life: float) -> float:
    """Straight-line share of a vintage built in period p left at the horizon's end.

    The vintage serves from p⁻ + 1 (the first year period p stands for), so at the last
    milestone it is ``last − p⁻`` years old.
    """
    age = data.periods[-1] - data.prev[p]
    return max(0.0, (life - age) / life)


def define_objective(m: pyo.ConcreteModel, data: ModelData, lk: Lookups) -> None:
    """Cost terms and the objective (MODEL.md "Objective"), including C23.

    .. math::
        \\min \\sum_p DF_p [capex \\cdot xnew + strand \\cdot xret + capex_g gnew + capex_l tnew
              + c_m inv + \\omega\\, winv]
        + \\sum_p AF_p [fom \\cdot xcap + (price_c fuel + materials) \\cdot q - price_{c(m)} sav + fom_g gcap
              + vom_g gen + price_{fuel(g)} heat_g gen + cprice_p \\sum_r emis\\_prod_{r,p}
              + cbam_p \\sum_s x_s (1-fa_{s,p}) \\sum_r emis\\_ind_{r,s,p}]
        - salvage

    Money per unit × Mt, GW, TWh or Mtce is scaled by 1e-3 to bn CNY. A power plant burns the
    fuel named like its technology (coal, gas, oil) at that fuel's price; MODEL.md writes
    price_coal for every plant, which would price gas plants' fuel as coal.
    """
    tech = data.industry_tech
    ptech = data.power_tech
    # capex and fuel prices carry their uncertainty multipliers (models.uncertainty, 1.0 by
    # default); one expression per technology, shared by every term that uses it
    capex = {
        (s, k): v * m.industry_capex_scale[capex_group(k)]
        for (s, k), v in (tech["capex_cny_per_t"] * MEGA).items()
    }
    strand = (tech["stranded_cost_cny_per_t"] * MEGA).to_dict()
    fom = (tech["fom_cny_per_t"] * MEGA).to_dict()
    life = tech["lifetime_years"].to_dict()
    price = data.fuels["price_cny_per_tce"].to_dict()
    # variable cost per tonne: fuels at their prices plus materials and non-fuel operation
    # (iron ore, scrap, alumina, anodes ...; ``materials_cny_per_t``)
    fuel_use = {c: tech[f"{c}_tce_per_t"].to_dict() for c in FUELS}
    materials = tech["materials_cny_per_t"].to_dict()
    fuel_cost = {
        (s, k): MEGA
        * (
            sum(
                fuel_use[c][s, k] * price.get(c, 0.0) * m.fuel_price_scale[c]
                for c in FUELS
                if fuel_use[c][s, k] and c in price
            )
            + materials[s, k]
        )
        for (s, k) in tech.index
    }
    capex_g = {g: v * m.power_capex_scale[g] for g, v in (ptech["capex_cny_per_kw"] * MEGA).items()}
    fom_g = (ptech["fom_cny_per_kw_yr"] * MEGA).to_dict()
    life_g = ptech["lifetime_years"].to_dict()
    heat = ptech["heat_rate_tce_per_mwh"].to_dict()
    run_g = {
        g: MEGA
        * (vom + (heat[g] * price[g] * m.fuel_price_scale[g] if g in price and heat[g] else 0.0))
        for g, vom in ptech["vom_cny_per_mwh"].items()
    }
    capex_l = (data.corridors["capex_cny_per_kw"] * MEGA).to_dict()
    measures = data.measures
    cost_m = (measures["cost_cny_per_unit_saved"] * MEGA).to_dict() if not measures.empty else {}
    life_m = measures["lifetime_years"].to_dict() if not measures.empty else {}
    carrier = measures["carrier"].to_dict() if not measures.empty else {}
    omega = data.emerging["investment_cny_per_cny_va"]
    df, af = data.df, data.af
    exposed = data.cbam_exposed_share.to_dict()

    def investment(m, p):
        return df[p] * (
            sum(capex[s, k] * m.xnew[r, s, k, p] for (r, s, k) in m.RSK_new)
            + sum(strand[s, k] * m.xret[r, s, k, p] for (r, s, k) in m.RSK_old)
            + sum(capex_g[g] * m.gnew[r, g, p] for (r, g) in m.RG)
            + sum(capex_l[o, d] * m.tnew[o, d, p] for (o, d) in m.L)
            + sum(cost_m[mm] * m.inv[r, mm, p] for (r, mm) in m.RM)
            + omega * sum(m.winv[r, p] for r in m.R)
        )

    def operation(m, p):
        saved = sum(
            price.get(carrier[mm], 0.0) * m.fuel_price_scale[carrier[mm]] * MEGA * m.sav[r, mm, p]
            for (r, mm) in m.RM
            if carrier[mm] in FUELS and carrier[mm] in price
        )
        return af[p] * (
            sum(
                fom[s, k] * m.xcap[r, s, k, p] + fuel_cost[s, k] * m.q[r, s, k, p]
                for (r, s, k) in m.RSK
            )
            - saved
            + sum(fom_g[g] * m.gcap[r, g, p] + run_g[g] * m.gen[r, g, p] for (r, g) in m.RG)
        )

    m.cost_investment = pyo.Expression(m.P, rule=investment, doc="bn CNY, present value")
    m.cost_operation = pyo.Expression(m.P, rule=operation, doc="bn CNY, present value")
    m.cost_carbon = pyo.Expression(
        m.P,
        rule=lambda m, p: (
            af[p] * m.carbon_price_cny_per_t[p] * MEGA * sum(m.emis_prod[r, p] for r in m.R)
        ),
        doc="bn CNY, present value",
    )
    # C23: the border cost per region, then its discounted national sum
    m.cbam_exposure = pyo.Expression(
        m.R,
        m.P,
        rule=lambda m, r, p: (
            m.cbam_price_cny_per_t[p]
            * MEGA
            * sum(exposed.get((s, p), 0.0) * m.emis_ind[r, s, p] for s in lk.rs_r.get(r, []))
        ),
        doc="C23 carbon border cost on exports, bn CNY/yr",
    )
    m.cost_cbam = pyo.Expression(
        m.P, rule=lambda m, p: af[p] * sum(m.cbam_exposure[r, p] for r in m.R), doc="C23, bn CNY PV"
    )
    last_df = df[data.periods[-1]]

    def salvage(m, p):
        share_t = _remaining_share(data, p, TRANSMISSION_LIFETIME_YEARS)
        return last_df * (
            sum(
                capex[s, k] * _remaining_share(data, p, life[s, k]) * m.xnew[r, s, k, p]
                for (r, s, k) in m.RSK_new
            )
            + sum(
                capex_g[g] * _remaining_share(data, p, life_g[g]) * m.gnew[r, g, p]
                for (r, g) in m.RG
            )
            + sum(capex_l[o, d] * share_t * m.tnew[o, d, p] for (o, d) in m.L)
            + sum(
                cost_m[mm] * _remaining_share(data, p, life_m[mm]) * m.inv[r, mm, p]
                for (r, mm) in m.RM
            )
        )

    m.salvage = pyo.Expression(m.P, rule=salvage, doc="bn CNY, present value")
    m.objective = pyo.Objective(
        expr=sum(
            m.cost_investment[p]
            + m.cost_operation[p]
            + m.cost_carbon[p]
            + m.cost_cbam[p]
            - m.salvage[p]
            for p in m.P
        ),
        sense=pyo.minimize,
    )
