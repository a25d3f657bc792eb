"""Power families C8–C13: stock, potential and build rate, output, corridors, balance, adequacy."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import pyomo.environ as pyo

from dualcarbon.models._rows import checked
from dualcarbon.models.calibration import TWH_PER_GW_YEAR, ModelData

if TYPE_CHECKING:
    from dualcarbon.models.build import Lookups

logger = logging.getLogger(__name__)


def define_power_stock_constraints(m: pyo.ConcreteModel, data: ModelData, lk: Lookups) -> None:
    """C8 power stock and its early-retirement limit (same accounting as C1).

    .. math::
        gcap_{r,g,p} = g^0_{r,g}\\beta_{r,g,p}
                       - \\sum_{p'\\le p} \\frac{\\beta_{r,g,p}}{\\beta_{r,g,p'}} gret_{r,g,p'}
                       + \\sum_{p'\\le p,\\ p-p'<life_g} gnew_{r,g,p'},\\qquad
        \\sum_{p'\\le p} \\frac{gret_{r,g,p'}}{\\beta_{r,g,p'}} \\le g^0_{r,g}

    (see :func:`dualcarbon.models.industry.define_stock_constraints` for why the early
    retirement is scaled by β[p]/β[p'] rather than subtracted at face value as in MODEL.md).
    """
    g0 = data.rg["g0_gw"].to_dict()
    beta = data.beta.to_dict()
    life = data.power_tech["lifetime_years"].to_dict()
    for r, g in m.RG_old:
        for p in m.P:
            if beta[r, g, p] <= 0:
                m.gret[r, g, p].setub(0)

    def stock(m, r, g, p):
        earlier = [pp for pp in m.P if pp <= p]
        retired = (
            sum(
                beta[r, g, p] / beta[r, g, pp] * m.gret[r, g, pp]
                for pp in earlier
                if beta[r, g, pp] > 0
            )
            if (r, g) in lk.g_existing
            else 0
        )
        built = sum(m.gnew[r, g, pp] for pp in earlier if p - pp < life[g])
        return m.gcap[r, g, p] == g0[r, g] * beta[r, g, p] - retired + built

    m.C8_power_stock = pyo.Constraint(m.RG, m.P, rule=stock)
    m.C8_retire_limit = pyo.Constraint(
        m.RG_old,
        m.P,
        rule=checked(
            "C8_retire_limit",
            lambda m, r, g, p: (
                sum(
                    m.gret[r, g, pp] / beta[r, g, pp]
                    for pp in m.P
                    if pp <= p and beta[r, g, pp] > 0
                )
                <= g0[r, g]
            ),
        ),
    )


def define_potential_constraints(m: pyo.ConcreteModel, data: ModelData, lk: Lookups) -> None:
    """C9 renewable potential and build rate.

    .. math::
        gcap_{r,g,p} \\le POT_{r,g}\\quad g\\in G_{re},\\qquad
        gnew_{r,g,p} \\le BUILD_{r,g}\\,\\Delta_p

    In an observed first period C25 adds ``C25_power_build_rate`` (:mod:`.inertia`): only the
    years after the last observed one are open to this rate.

    POT enters as ``g0 + renewable_potential_scale[g]·(POT − g0)`` (:mod:`.uncertainty`; the
    multiplier is 1.0 unless a sweep sets it).
    """
    potential = data.rg["potential_gw"].dropna().to_dict()
    g0 = data.rg["g0_gw"].to_dict()
    build = data.rg["build_gw_per_yr"].dropna().to_dict()
    m.C9_potential_index = pyo.Set(dimen=2, initialize=sorted(potential), ordered=True)
    m.C9_build_index = pyo.Set(dimen=2, initialize=sorted(build), ordered=True)
    m.C9_potential = pyo.Constraint(
        m.C9_potential_index,
        m.P,
        rule=checked(
            "C9_potential",
            # the uncertainty multiplier scales the headroom above the installed base (1.0
            # default), so that no draw makes existing plants illegal
            lambda m, r, g, p: (
                m.gcap[r, g, p]
                <= g0[r, g] + m.renewable_potential_scale[g] * (potential[r, g] - g0[r, g])
            ),
        ),
    )
    m.C9_build_rate = pyo.Constraint(
        m.C9_build_index,
        m.P,
        rule=lambda m, r, g, p: m.gnew[r, g, p] <= build[r, g] * data.delta_years[p],
    )


def define_output_constraints(m: pyo.ConcreteModel, data: ModelData, lk: Lookups) -> None:
    """C10 output.

    .. math:: gen_{r,g,p} \\le 8.76\\, cf_{r,g}\\, s_{g,p}\\, gcap_{r,g,p}

    with s = 1 except in an observed first period, where s_g is the share of year-end capacity
    in service over the year (C25, :func:`dualcarbon.models.history.in_service_shares`).
    """
    cf = data.rg["cf"].to_dict()
    # C25: in the observed first period, capacity added during the year produces for part of it.
    # A mutable share, so that switching the history family off (policy.py) sets it to 1.
    history = data.history
    in_service = history.in_service_share if history is not None else {}
    first = data.periods[0]
    m.C25_in_service_index = pyo.Set(initialize=sorted(in_service), ordered=True)
    m.in_service_share = pyo.Param(
        m.C25_in_service_index,
        initialize=in_service,
        mutable=True,
        doc="C25: share of first-period year-end capacity producing all year (national, observed)",
    )

    def available(m, g, p):
        return m.in_service_share[g] if p == first and g in in_service else 1.0

    m.C10_output = pyo.Constraint(
        m.RG,
        m.P,
        rule=lambda m, r, g, p: (
            m.gen[r, g, p] <= TWH_PER_GW_YEAR * cf[r, g] * available(m, g, p) * m.gcap[r, g, p]
        ),
    )


def define_corridor_constraints(m: pyo.ConcreteModel, data: ModelData, lk: Lookups) -> None:
    """C11 corridor capacity; flows carry no technology tag.

    .. math::
        f_{l,p} \\le 8.76\\, u_l\\,(t^0_l + \\sum_{p'\\le p} tnew_{l,p'})

    One flow per corridor and period. A flow carries the exporter's average carbon intensity
    (``EFX``, see :func:`dualcarbon.models.emissions.define_expressions`), never a technology
    label: with tagged flows an importer could claim the exporter's solar while the exporter
    kept its coal for itself. Also declares the Expression ``tcap[l,p]`` (GW) used by C13.
    """
    t0 = data.corridors["t0_gw"].to_dict()
    u = data.corridors["max_utilisation"].to_dict()
    m.tcap = pyo.Expression(
        m.L,
        m.P,
        rule=lambda m, o, d, p: t0[o, d] + sum(m.tnew[o, d, pp] for pp in m.P if pp <= p),
        doc="corridor capacity, GW",
    )
    m.C11_corridor_capacity = pyo.Constraint(
        m.L,
        m.P,
        rule=checked(
            "C11_corridor_capacity",
            lambda m, o, d, p: m.f[o, d, p] <= TWH_PER_GW_YEAR * u[o, d] * m.tcap[o, d, p],
        ),
    )


def define_electricity_balance_constraints(
    m: pyo.ConcreteModel, data: ModelData, lk: Lookups
) -> None:
    """C12 electricity balance.

    .. math::
        \\sum_g gen_{r,g,p} - \\sum_{l: o(l)=r} f_{l,p}
        + \\sum_{l: d(l)=r} (1-loss_l) f_{l,p} \\ge elec\\_dem_{r,p}
    """
    loss = data.corridors["loss_share"].to_dict()

    def balance(m, r, p):
        own = sum(m.gen[r, g, p] for g in lk.g_r.get(r, []))
        sent = sum(m.f[o, d, p] for (o, d) in lk.out_l.get(r, []))
        received = sum((1 - loss[o, d]) * m.f[o, d, p] for (o, d) in lk.in_l.get(r, []))
        return own - sent + received >= m.elec_dem[r, p]

    m.C12_electricity_balance = pyo.Constraint(
        m.R, m.P, rule=checked("C12_electricity_balance", balance)
    )


def define_adequacy_constraints(m: pyo.ConcreteModel, data: ModelData, lk: Lookups) -> None:
    """C13 adequacy: firm capacity plus import capacity covers peak demand with a margin.

    .. math::
        \\sum_g cc_g\\, gcap_{r,g,p} + \\sum_{l: d(l)=r} tcap_{l,p}
        \\ge (1+margin)\\, \\frac{elec\\_dem_{r,p}}{8.76\\, lf_r}

        \\sum_{r,g} cc_g\\, gcap_{r,g,p} \\ge (1+margin)\\, \\frac{\\sum_r elec\\_dem_{r,p}}{8.76\\, lf}

    The national row (an addition to MODEL.md) keeps import capacity honest: in the regional
    rows a corridor counts as firm capacity of the importer, so without it the same exporting
    plant could back every importer it is linked to.
    """
    cc = data.power_tech["capacity_credit"].to_dict()
    factor = (1 + data.reserve_margin) / (TWH_PER_GW_YEAR * data.load_factor)
    m.C13_adequacy = pyo.Constraint(
        m.R,
        m.P,
        rule=checked(
            "C13_adequacy",
            lambda m, r, p: (
                sum(cc[g] * m.gcap[r, g, p] for g in lk.g_r.get(r, []))
                + sum(m.tcap[o, d, p] for (o, d) in lk.in_l.get(r, []))
                >= factor * m.elec_dem[r, p]
            ),
        ),
    )
    m.C13_national_adequacy = pyo.Constraint(
        m.P,
        rule=checked(
            "C13_national_adequacy",
            lambda m, p: (
                sum(cc[g] * m.gcap[r, g, p] for (r, g) in m.RG)
                >= factor * sum(m.elec_dem[r, p] for r in m.R)
            ),
        ),
    )
