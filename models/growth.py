"""Retrofit and growth families: C14 efficiency retrofits, C15 growth floor and emerging industries."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import pyomo.environ as pyo

from dualcarbon.models.calibration import ModelData

if TYPE_CHECKING:
    from dualcarbon.models.build import Lookups

logger = logging.getLogger(__name__)


def define_retrofit_constraints(m: pyo.ConcreteModel, data: ModelData, lk: Lookups) -> None:
    """C14 retrofit potential and commissioning.

    .. math::
        sav_{r,m,p} \\le \\sigma_m\\, use_{c(m)}[r, s(m), p],\\qquad
        inv_{r,m,p} \\ge sav_{r,m,p} - sav_{r,m,p^-}

    ``use`` is linear in production: Σ_k fuel[k, c]·q for a fuel (Mtce/yr), Σ_k el_k·q for
    electricity (TWh/yr); sav at y0 is 0.
    """
    tech = data.industry_tech
    measures = data.measures
    if measures.empty:
        m.C14_retrofit_potential = pyo.Constraint(m.RM, m.P)
        m.C14_retrofit_investment = pyo.Constraint(m.RM, m.P)
        return
    sector = measures["sector"].to_dict()
    carrier = measures["carrier"].to_dict()
    share = measures["max_share"].to_dict()
    intensity = {c: tech[f"{c}_tce_per_t"].to_dict() for c in ("coal", "oil", "gas")} | {
        "electricity": tech["electricity_mwh_per_t"].to_dict()
    }

    def potential(m, r, mm, p):
        s, per_t = sector[mm], intensity[carrier[mm]]
        use = sum(per_t[s, k] * m.q[r, s, k, p] for k in lk.techs_rs[r, s] if per_t[s, k])
        return m.sav[r, mm, p] <= share[mm] * use

    m.C14_retrofit_potential = pyo.Constraint(m.RM, m.P, rule=potential)
    first = data.periods[0]
    m.C14_retrofit_investment = pyo.Constraint(
        m.RM,
        m.P,
        rule=lambda m, r, mm, p: (
            m.inv[r, mm, p] >= m.sav[r, mm, p] - (0 if p == first else m.sav[r, mm, m.P.prev(p)])
        ),
    )


def define_growth_constraints(m: pyo.ConcreteModel, data: ModelData, lk: Lookups) -> None:
    """C15 growth floor, emerging-industry ceiling and investment, optional national floor.

    .. math::
        va\\_ind_{r,p} \\ge (1 + scale\\cdot g_r/100)^{\\Delta_p}\\, va\\_ind_{r,p^-},\\qquad
        w_{r,p} \\le WMAX_r,\\qquad winv_{r,p} \\ge w_{r,p} - w_{r,p^-},\\qquad
        \\sum_r va\\_ind_{r,p} \\ge VA^{NAT}_p

    va_ind at y0 is the data's base industrial value added; w at y0 is 0.
    """
    first = data.periods[0]
    va0 = data.va_ind0_bn_cny.to_dict()
    wmax = (data.va_ind0_bn_cny * data.emerging["max_share_of_base_va_industry"]).to_dict()
    delta = data.delta_years

    def floor(m, r, p):
        before = va0[r] if p == first else m.va_ind[r, m.P.prev(p)]
        growth = (1 + m.growth_floor_scale * m.growth_floor_pct[r] / 100) ** delta[p]
        return m.va_ind[r, p] >= growth * before

    m.C15_growth_floor = pyo.Constraint(m.R, m.P, rule=floor)
    m.C15_emerging_ceiling = pyo.Constraint(m.R, m.P, rule=lambda m, r, p: m.w[r, p] <= wmax[r])
    m.C15_emerging_investment = pyo.Constraint(
        m.R,
        m.P,
        rule=lambda m, r, p: m.winv[r, p] >= m.w[r, p] - (0 if p == first else m.w[r, m.P.prev(p)]),
    )
    m.C15_national_floor = pyo.Constraint(
        m.P, rule=lambda m, p: sum(m.va_ind[r, p] for r in m.R) >= m.national_va_floor_bn_cny[p]
    )
