"""Industry families: stock and replacement C1–C7, and the optional C20–C22.

Each ``define_*`` function declares one family on the model. Index sets are sparse: only
(region, sector, technology) rows that exist in the data (plus new technologies of sectors a
region already hosts), and only quota transfers the scenario allows.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import numpy as np
import pyomo.environ as pyo

from dualcarbon.models._rows import checked
from dualcarbon.models.calibration import NATIONAL, SECONDARY_RESOURCES, ModelData

if TYPE_CHECKING:
    from dualcarbon.models.build import Lookups

logger = logging.getLogger(__name__)


def _earlier(m: pyo.ConcreteModel, p: int) -> list[int]:
    """Milestones p' ≤ p."""
    return [pp for pp in m.P if pp <= p]


def define_stock_constraints(m: pyo.ConcreteModel, data: ModelData, lk: Lookups) -> None:
    """C1 industrial capacity stock and the early-retirement limit.

    .. math::
        xcap_{r,s,k,p} = x^0_{r,s,k}\\alpha_{r,s,k,p}
                         - \\sum_{p'\\le p} \\frac{\\alpha_{r,s,k,p}}{\\alpha_{r,s,k,p'}} xret_{r,s,k,p'}
                         + \\sum_{p'\\le p,\\ p-p' < life_k} xnew_{r,s,k,p'}

        \\sum_{p'\\le p} \\frac{xret_{r,s,k,p'}}{\\alpha_{r,s,k,p'}} \\le x^0_{r,s,k}

    xret[p'] is capacity as it stands when retired; it would have kept shrinking with the
    fleet, so at p it is missing only by the factor α[p]/α[p']. MODEL.md subtracts Σ xret at
    face value, which counts early-retired capacity a second time when it would have reached
    its end of life anyway (with α → 0 by the horizon's end, no early retirement would be
    possible at all); with constant α both forms agree. Nothing retires where α[p'] = 0.
    """
    x0 = data.rsk["x0_mt"].to_dict()
    alpha = data.alpha.to_dict()
    life = data.industry_tech["lifetime_years"].to_dict()
    for r, s, k in m.RSK_old:
        for p in m.P:
            if alpha[r, s, k, p] <= 0:
                m.xret[r, s, k, p].setub(0)

    def retired(m, r, s, k, p):
        return sum(
            alpha[r, s, k, p] / alpha[r, s, k, pp] * m.xret[r, s, k, pp]
            for pp in _earlier(m, p)
            if alpha[r, s, k, pp] > 0
        )

    def stock(m, r, s, k, p):
        gone = retired(m, r, s, k, p) if (r, s, k) in lk.existing else 0
        built = (
            sum(m.xnew[r, s, k, pp] for pp in _earlier(m, p) if p - pp < life[s, k])
            if (r, s, k) in lk.new
            else 0
        )
        return m.xcap[r, s, k, p] == x0[r, s, k] * alpha[r, s, k, p] - gone + built

    m.C1_stock = pyo.Constraint(m.RSK, m.P, rule=stock)
    m.C1_retire_limit = pyo.Constraint(
        m.RSK_old,
        m.P,
        rule=checked(
            "C1_retire_limit",
            lambda m, r, s, k, p: (
                sum(
                    m.xret[r, s, k, pp] / alpha[r, s, k, pp]
                    for pp in _earlier(m, p)
                    if alpha[r, s, k, pp] > 0
                )
                <= x0[r, s, k]
            ),
        ),
    )


def define_utilisation_constraints(m: pyo.ConcreteModel, data: ModelData, lk: Lookups) -> None:
    """C2 utilisation.

    .. math:: q_{r,s,k,p} \\le u^{max}_s\\, xcap_{r,s,k,p}
    """
    u = data.max_utilisation.to_dict()
    m.C2_utilisation = pyo.Constraint(
        m.RSK, m.P, rule=lambda m, r, s, k, p: m.q[r, s, k, p] <= u[s] * m.xcap[r, s, k, p]
    )


def define_demand_constraints(m: pyo.ConcreteModel, data: ModelData, lk: Lookups) -> None:
    """C3 national demand (one national market per sector).

    .. math:: \\sum_{r,k} q_{r,s,k,p} \\ge D_{s,p}

    D carries the uncertainty multiplier ``demand_factor[s,p]`` (1.0 unless a sweep sets
    ``product_demand_scale``; see :mod:`.uncertainty`).
    """
    demand = data.demand_mt.to_dict()
    m.C3_index = pyo.Set(dimen=2, initialize=sorted(demand), ordered=True)
    m.C3_demand = pyo.Constraint(
        m.C3_index,
        rule=checked(
            "C3_demand",
            lambda m, s, p: (
                sum(m.q[r, s, k, p] for (r, k) in lk.rsk_s.get(s, []))
                >= demand[s, p] * m.demand_factor[s, p]
            ),
        ),
    )


def define_phase_out_constraints(m: pyo.ConcreteModel, data: ModelData, lk: Lookups) -> None:
    """C4 backward phase-out: no backward capacity from its phase-out year on.

    .. math:: xcap_{r,s,k,p} = 0 \\quad k \\in K^{back}_s,\\ p \\ge phase\\_out_k
    """
    tech = data.industry_tech
    out_year = tech["phase_out_year"].where(tech["is_backward"]).dropna().to_dict()
    rows = [
        (r, s, k, p)
        for (r, s, k) in data.rsk.index
        if (s, k) in out_year
        for p in data.periods
        if p >= out_year[s, k]
    ]
    m.C4_index = pyo.Set(dimen=4, initialize=rows, ordered=True)
    m.C4_phase_out = pyo.Constraint(m.C4_index, rule=lambda m, r, s, k, p: m.xcap[r, s, k, p] == 0)


def define_replacement_constraints(m: pyo.ConcreteModel, data: ModelData, lk: Lookups) -> None:
    """C5 capacity replacement (减量置换): new capacity needs retired, non-backward quota.

    .. math::
        scale \\sum_k \\rho_{r,s,k}\\, xnew_{r,s,k,p} \\le qg_{r,s,p}
            - \\sum_{r'} y_{r,r',s,p}
            + \\sum_{r'} \\frac{\\rho^{in}_{r,s}}{\\rho^{x}_{r,s}} y_{r',r,s,p}

    with qg = Σ_{k∉back} xret (+, when the scenario counts scheduled retirements, the
    end-of-life retirement of non-backward base stock still standing and of model-built
    vintages whose lifetime ends between p⁻ and p), ρ_{r,s,k} = ρ_in[r,s] unless k is exempt (then 0), and ρ_x the
    cross-province ratio (never below ρ_in). Transfers into key or barred regions do not exist.
    """
    tech = data.industry_tech
    exempt = tech["replacement_exempt"].astype(bool).to_dict()
    backward = tech["is_backward"].to_dict()
    rho = data.replacement_ratio
    rho_in = rho["rho_in"].to_dict()
    # quota received counts at ρ_in/ρ_x (a receiver without a rule never needs it: 1)
    in_ratio = (rho["rho_in"] / rho["rho_x"].where(rho["rho_x"] > 0)).fillna(1.0).to_dict()
    alpha = data.alpha.to_dict()
    x0 = data.rsk["x0_mt"].to_dict()
    prev, first = data.prev, data.periods[0]
    life = tech["lifetime_years"].to_dict()
    counts_scheduled = data.count_scheduled_retirements

    rows = [
        (r, s)
        for (r, s) in m.RS
        if rho_in[r, s] > 0
        and any((r, s, k) in lk.new and not exempt[s, k] for k in lk.techs_rs[r, s])
    ]
    m.C5_index = pyo.Set(dimen=2, initialize=rows, ordered=True)

    def replacement(m, r, s, p):
        need = m.replacement_ratio_scale * sum(
            rho_in[r, s] * m.xnew[r, s, k, p]
            for k in lk.techs_rs[r, s]
            if (r, s, k) in lk.new and not exempt[s, k]
        )
        quota = sum(
            m.xret[r, s, k, p]
            for k in lk.techs_rs[r, s]
            if (r, s, k) in lk.existing and not backward[s, k]
        )
        if counts_scheduled:
            # end-of-life retirement of the non-backward base fleet still standing (what was
            # retired early before p no longer retires on schedule)
            for k in lk.techs_rs[r, s]:
                if (r, s, k) not in lk.existing or backward[s, k]:
                    continue
                drop = (
                    alpha[r, s, k, prev[p]] - alpha[r, s, k, p]
                    if p != first
                    else 1 - alpha[r, s, k, p]
                )
                if drop <= 0:
                    continue
                early = sum(
                    m.xret[r, s, k, pp] / alpha[r, s, k, pp]
                    for pp in m.P
                    if pp < p and alpha[r, s, k, pp] > 0
                )
                quota = quota + drop * (x0[r, s, k] - early)
            # model-built vintages reaching their end of life between p⁻ and p
            for k in lk.techs_rs[r, s]:
                if (r, s, k) not in lk.new:
                    continue
                quota = quota + sum(
                    m.xnew[r, s, k, pp] for pp in m.P if prev[p] - pp < life[s, k] <= p - pp
                )
        sent = sum(m.y[r, to, s, p] for to in lk.y_out.get((r, s), []))
        received = sum(in_ratio[r, s] * m.y[fr, r, s, p] for fr in lk.y_in.get((r, s), []))
        return need <= quota - sent + received

    m.C5_replacement = pyo.Constraint(m.C5_index, m.P, rule=checked("C5_replacement", replacement))


def define_no_increase_key_constraints(m: pyo.ConcreteModel, data: ModelData, lk: Lookups) -> None:
    """C6 no increase of a sector's capacity in key air-pollution-control regions.

    .. math:: \\sum_k xcap_{r,s,k,p} \\le \\sum_k xcap_{r,s,k,p^-}\\quad r\\in R_{key}

    (at p⁻ = y0 the base-year capacity Σ_k x0).
    """
    x0 = data.rsk["x0_mt"].groupby(level=["region", "sector"]).sum().to_dict()
    ruled = set(data.no_increase_in_key_regions)
    key = set(data.key_regions)
    rows = [(r, s) for (r, s) in m.RS if r in key and s in ruled]
    m.C6_index = pyo.Set(dimen=2, initialize=rows, ordered=True)
    first = data.periods[0]

    def no_increase(m, r, s, p):
        now = sum(m.xcap[r, s, k, p] for k in lk.techs_rs[r, s])
        before = (
            x0[r, s] if p == first else sum(m.xcap[r, s, k, m.P.prev(p)] for k in lk.techs_rs[r, s])
        )
        return now <= before

    m.C6_no_increase_key = pyo.Constraint(
        m.C6_index, m.P, rule=checked("C6_no_increase_key", no_increase)
    )


def define_national_ceiling_constraints(m: pyo.ConcreteModel, data: ModelData, lk: Lookups) -> None:
    """C7 national capacity ceiling (electrolytic aluminium).

    .. math:: \\sum_{r,\\ k \\notin exempt} xcap_{r,s,k,p} \\le CEIL_s

    The ceiling (like the replacement rule) concerns the capacity the rules regulate: technologies
    that are replacement-exempt (secondary, recycled aluminium) are not electrolytic capacity and
    do not count against the 45 Mt/yr ceiling.
    """
    exempt = data.industry_tech["replacement_exempt"].astype(bool).to_dict()
    m.C7_index = pyo.Set(dimen=1, initialize=list(data.national_ceiling_mt.index), ordered=True)
    m.C7_national_ceiling = pyo.Constraint(
        m.C7_index,
        m.P,
        rule=checked(
            "C7_national_ceiling",
            lambda m, s, p: (
                sum(m.xcap[r, s, k, p] for (r, k) in lk.rsk_s.get(s, []) if not exempt[s, k])
                <= m.national_capacity_ceiling_mt[s]
            ),
        ),
    )


def define_supply_security_constraints(m: pyo.ConcreteModel, data: ModelData, lk: Lookups) -> None:
    """C20 supply-chain security (optional): domestic output floor and industry share of GDP.

    .. math::
        \\sum_{r,k} q_{r,s,k,p} \\ge \\varphi_{s,p} D_{s,p},\\qquad
        \\sum_r va\\_ind_{r,p} \\ge \\psi_p \\sum_r gdp_{r,p}
    """
    demand = data.demand_mt.to_dict()
    rows = sorted(set(data.domestic_floor_share.index) & set(demand))
    m.C20_index = pyo.Set(dimen=2, initialize=rows, ordered=True)
    m.C20_domestic_floor = pyo.Constraint(
        m.C20_index,
        rule=checked(
            "C20_domestic_floor",
            lambda m, s, p: (
                sum(m.q[r, s, k, p] for (r, k) in lk.rsk_s.get(s, []))
                >= m.domestic_floor_share[s, p] * demand[s, p] * m.demand_factor[s, p]
            ),
        ),
    )
    m.C20_share_index = pyo.Set(
        dimen=1, initialize=sorted(data.industry_va_share_floor), ordered=True
    )
    m.C20_industry_share_floor = pyo.Constraint(
        m.C20_share_index,
        rule=lambda m, p: (
            sum(m.va_ind[r, p] for r in m.R)
            >= m.industry_va_share_floor[p] * sum(m.gdp[r, p] for r in m.R)
        ),
    )


def define_circular_resource_constraints(
    m: pyo.ConcreteModel, data: ModelData, lk: Lookups
) -> None:
    """C21 circular resources (optional): scrap-based routes and solid-waste use.

    .. math::
        \\sum_{r \\in scope} \\sum_k scrap_k q_{r,s,k,p} \\le SCRAP_{scope,s,p},\\qquad
        \\sum_{s,k} sw_k q_{r,s,k,p} \\le SW_{r,p}

    ``scope`` is one region, or ``China`` for a national row. Solid waste is summed over every
    sector with a positive ``solid_waste_t_per_t`` (in the data: blended cement routes).
    """
    tech = data.industry_tech
    scrap = tech["scrap_t_per_t"].to_dict()
    waste = tech["solid_waste_t_per_t"].to_dict()
    avail = data.secondary_resource_mt.to_dict()
    m.C21_secondary_index = pyo.Set(dimen=3, initialize=sorted(avail), ordered=True)

    def secondary(m, scope, s, p):
        members = lk.rs_s.get(s, []) if scope == NATIONAL else [scope]
        terms = [
            scrap[s, k] * m.q[r, s, k, p]
            for r in members
            for k in lk.techs_rs.get((r, s), [])
            if scrap[s, k] > 0
        ]
        return sum(terms) <= avail[scope, s, p] if terms else pyo.Constraint.Skip

    m.C21_secondary_resource = pyo.Constraint(m.C21_secondary_index, rule=secondary)
    sw = data.solid_waste_mt.to_dict()
    m.C21_waste_index = pyo.Set(dimen=2, initialize=sorted(sw), ordered=True)

    def solid_waste(m, r, p):
        terms = [waste[s, k] * m.q[r, s, k, p] for (s, k) in lk.rsk_r.get(r, []) if waste[s, k] > 0]
        return sum(terms) <= sw[r, p] if terms else pyo.Constraint.Skip

    m.C21_solid_waste = pyo.Constraint(m.C21_waste_index, rule=solid_waste)
    logger.debug("C21 resources mapped to sectors: %s", SECONDARY_RESOURCES)


def define_availability_constraints(m: pyo.ConcreteModel, data: ModelData, lk: Lookups) -> None:
    """C22 technology availability (optional): no new build before ``available_from_year``.

    .. math:: xnew_{r,s,k,p} = 0 \\quad p < avail_k
    """
    avail = data.industry_tech["available_from_year"].dropna().to_dict()
    rows = [
        (r, s, k, p)
        for (r, s, k) in sorted(lk.new)
        if not np.isnan(avail.get((s, k), np.nan))
        for p in data.periods
        if p < avail[s, k]
    ]
    m.C22_index = pyo.Set(dimen=4, initialize=rows, ordered=True)
    m.C22_availability = pyo.Constraint(
        m.C22_index, rule=lambda m, r, s, k, p: m.xnew[r, s, k, p] == 0
    )
