"""Derived expressions and the emission families C16–C19 (caps, sector share, climbing peak,
consumption accounting), plus the carbon-transfer report ``leak[r,s,p]``.

Both accounting variants of every C16/C18 row are built once; :mod:`.policy` activates the
``_prod`` or the ``_cons`` one (C19), so switching accounting never rebuilds the model.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import pandas as pd
import pyomo.environ as pyo

from dualcarbon.inputs.config import ScenarioConfig
from dualcarbon.models.calibration import (
    BN_CNY_PER_CNY_X_MEGA,
    FUELS,
    MT_PER_T_PER_10K_CNY_X_BN_CNY,
    ModelData,
)
from dualcarbon.models.uncertainty import electricity_factor

if TYPE_CHECKING:
    from dualcarbon.models.build import Lookups

logger = logging.getLogger(__name__)


def define_expressions(m: pyo.ConcreteModel, data: ModelData, lk: Lookups) -> None:
    """Emissions, electricity demand and value added (MODEL.md "Derived expressions").

    .. math::
        emis\\_ind_{r,s,p} = \\sum_k ei_k q_{r,s,k,p} - \\sum_{m: s(m)=s, c(m)\\in C} ef_{c(m)} sav_{r,m,p}

        emis\\_prod_{r,p} = \\sum_s emis\\_ind_{r,s,p} + \\sum_g ef_g gen_{r,g,p}
                          + \\varepsilon_w w_{r,p} + E^{other}_{r,p}

        emis\\_cons_{r,p} = emis\\_prod_{r,p} - \\sum_{l: o(l)=r} EFX_{r,p} f_{l,p}
                          + \\sum_{l: d(l)=r} EFX_{o(l),p} f_{l,p}

        elec\\_dem_{r,p} = D^{el,other}_{r,p} + \\sum_{s,k} el_k q_{r,s,k,p} + el_w w_{r,p}
                          - \\sum_{m: c(m)=el} sav_{r,m,p}

        va\\_ind_{r,p} = \\sum_{s,k} va_k q_{r,s,k,p} + w_{r,p} + VA^{other}_{r,p},\\quad
        gdp_{r,p} = va\\_ind_{r,p} + GDP^{nonind}_{r,p}

    ``EFX[r,p]`` (tCO2/MWh), the exporter's average generation intensity
    emis_power/Σ gen, is bilinear in the decision variables, so it is a mutable parameter,
    initialised at the base-year intensity of the region (the in-scope average where a region
    generated nothing) and updated between re-solves of the same built model by
    :func:`dualcarbon.solvers.fixed_point.solve_fixed_point` until it no longer moves.
    """
    tech = data.industry_tech
    ei = tech["ei_tco2_per_t"].to_dict()
    el = tech["electricity_mwh_per_t"].to_dict()
    va = (tech["value_added_cny_per_t"] * BN_CNY_PER_CNY_X_MEGA).to_dict()
    ef_fuel = data.fuels["emission_factor_tco2_per_tce"].to_dict()
    carrier = data.measures["carrier"].to_dict() if not data.measures.empty else {}
    ef_g = data.power_tech["emission_factor_tco2_per_mwh"].to_dict()
    eps_w = data.emerging["emissions_tco2_per_10k_cny"] * MT_PER_T_PER_10K_CNY_X_BN_CNY
    el_w = data.emerging["electricity_mwh_per_10k_cny"] * MT_PER_T_PER_10K_CNY_X_BN_CNY
    e_other = data.e_other_mtco2.to_dict()
    el_other = data.el_other_twh.to_dict()
    va_other = data.va_other_bn_cny.to_dict()
    gdp_nonind = data.gdp_nonind_bn_cny.to_dict()

    def emis_ind(m, r, s, p):
        produced = sum(ei[s, k] * m.q[r, s, k, p] for k in lk.techs_rs[r, s])
        saved = sum(
            ef_fuel[carrier[mm]] * m.sav[r, mm, p]
            for mm in lk.m_rs.get((r, s), [])
            if carrier[mm] in FUELS
        )
        return produced - saved

    m.emis_ind = pyo.Expression(m.RS, m.P, rule=emis_ind, doc="industrial emissions, MtCO2/yr")
    m.emis_power = pyo.Expression(
        m.R,
        m.P,
        rule=lambda m, r, p: sum(ef_g[g] * m.gen[r, g, p] for g in lk.g_r.get(r, [])),
        doc="power-sector emissions, MtCO2/yr",
    )
    m.emis_prod = pyo.Expression(
        m.R,
        m.P,
        rule=lambda m, r, p: (
            sum(m.emis_ind[r, s, p] for s in lk.rs_r.get(r, []))
            + m.emis_power[r, p]
            + eps_w * m.w[r, p]
            + e_other[r, p]
        ),
        doc="production-based emissions, MtCO2/yr",
    )

    m.EFX = pyo.Param(
        m.R,
        m.P,
        initialize={(r, p): data.efx0_tco2_per_mwh[r] for r in data.regions for p in data.periods},
        mutable=True,
        within=pyo.NonNegativeReals,
        doc="exporter's average generation intensity, tCO2/MWh (fixed-point parameter)",
    )
    # tCO2/MWh × TWh = MtCO2: no unit factor
    m.embodied_flow = pyo.Expression(
        m.L,
        m.P,
        rule=lambda m, o, d, p: m.EFX[o, p] * m.f[o, d, p],
        doc="CO2 embodied in a corridor flow at the exporter's average intensity, MtCO2/yr",
    )
    m.emis_cons = pyo.Expression(
        m.R,
        m.P,
        rule=lambda m, r, p: (
            m.emis_prod[r, p]
            - sum(m.embodied_flow[o, d, p] for (o, d) in lk.out_l.get(r, []))
            + sum(m.embodied_flow[o, d, p] for (o, d) in lk.in_l.get(r, []))
        ),
        doc="consumption-based emissions (electricity carbon follows the consumer), MtCO2/yr",
    )

    def elec_dem(m, r, p):
        industry = sum(el[s, k] * m.q[r, s, k, p] for (s, k) in lk.rsk_r.get(r, []))
        saved = sum(m.sav[r, mm, p] for mm in lk.m_r.get(r, []) if carrier[mm] == "electricity")
        other = el_other[r, p] * electricity_factor(m, p)  # uncertainty multiplier, 1.0 default
        return other + industry + el_w * m.w[r, p] - saved

    m.elec_dem = pyo.Expression(m.R, m.P, rule=elec_dem, doc="electricity demand, TWh/yr")
    m.va_ind = pyo.Expression(
        m.R,
        m.P,
        rule=lambda m, r, p: (
            sum(va[s, k] * m.q[r, s, k, p] for (s, k) in lk.rsk_r.get(r, []))
            + m.w[r, p]
            + va_other[r, p]
        ),
        doc="industrial value added, bn CNY/yr",
    )
    m.gdp = pyo.Expression(
        m.R, m.P, rule=lambda m, r, p: m.va_ind[r, p] + gdp_nonind[r, p], doc="GDP, bn CNY/yr"
    )


def _acct(m: pyo.ConcreteModel, variant: str):
    return m.emis_prod if variant == "prod" else m.emis_cons


def define_cap_constraints(
    m: pyo.ConcreteModel, data: ModelData, lk: Lookups, cfg: ScenarioConfig
) -> None:
    """C16 caps, each regional row in a production and a consumption (C19) variant.

    .. math::
        \\sum_r emis\\_prod_{r,p} \\le scale \\cdot share_p \\cdot E^{nat}_{y_0}

        emis\\_acct_{r,p} \\le share_{r,p} \\cdot E_{r,y_0},\\qquad
        emis\\_acct_{r,p} \\le 0.1\\, I_{r,p}\\, gdp_{r,p},\\qquad
        emis\\_acct_{r,p} \\le t_{r,p} \\frac{emis\\_acct_{r,y_0}}{gdp_{r,y_0}}\\, gdp_{r,p}

    (0.1 converts tCO2 per 10k CNY times bn CNY to MtCO2.) The last row is a published
    carbon-intensity target t (share of the base-year intensity, ``targets`` table).
    """
    e_nat0 = float(data.emis0_prod_mtco2.sum())
    m.base_national_emissions_mtco2 = pyo.Param(initialize=e_nat0, doc="Σ_r inventory at y0")
    m.C16_national_cap = pyo.Constraint(
        m.P,
        rule=lambda m, p: (
            sum(m.emis_prod[r, p] for r in m.R)
            <= m.national_cap_scale * m.national_cap_share[p] * m.base_national_emissions_mtco2
        ),
    )
    in_scope = set(data.regions)
    periods = set(data.periods)
    cap_rows = [
        (r, p)
        for r, by_year in cfg.regional_cap_share_of_base.items()
        for p in by_year
        if r in in_scope and p in periods
    ]
    int_rows = [
        (r, p)
        for r, by_year in cfg.intensity_cap_t_per_10k_cny.items()
        for p in by_year
        if r in in_scope and p in periods
    ]

    m.C16_cap_index = pyo.Set(dimen=2, initialize=sorted(cap_rows), ordered=True)
    m.C16_intensity_index = pyo.Set(dimen=2, initialize=sorted(int_rows), ordered=True)
    m.regional_cap_share = pyo.Param(m.C16_cap_index, initialize=1.0, mutable=True)
    m.intensity_cap_t_per_10k_cny = pyo.Param(m.C16_intensity_index, initialize=0.0, mutable=True)
    base = {"prod": data.emis0_prod_mtco2.to_dict(), "cons": data.emis0_cons_mtco2.to_dict()}
    # published targets (``provincial_targets``): intensity at most a share of the base year's,
    # on the accounting in force (an importer's consumption intensity starts higher)
    published = data.intensity_targets if data.intensity_targets is not None else pd.Series()
    target_rows = sorted((r, p) for (r, p) in published.index if r in in_scope and p in periods)
    m.C16_target_index = pyo.Set(dimen=2, initialize=target_rows, ordered=True)
    m.intensity_target_share = pyo.Param(
        m.C16_target_index,
        initialize={k: float(published[k]) for k in target_rows},
        mutable=True,
        doc="published intensity target, share of base-year intensity",
    )
    gdp0 = data.gdp0_bn_cny.to_dict()
    for variant in ("prod", "cons"):
        emis = _acct(m, variant)
        setattr(
            m,
            f"C16_intensity_target_{variant}",
            pyo.Constraint(
                m.C16_target_index,
                rule=lambda m, r, p, e=emis, b=base[variant]: (
                    e[r, p] <= m.intensity_target_share[r, p] * (b[r] / gdp0[r]) * m.gdp[r, p]
                ),
            ),
        )
        setattr(
            m,
            f"C16_regional_cap_{variant}",
            pyo.Constraint(
                m.C16_cap_index,
                rule=lambda m, r, p, e=emis, b=base[variant]: (
                    e[r, p] <= m.regional_cap_share[r, p] * b[r]
                ),
            ),
        )
        setattr(
            m,
            f"C16_intensity_cap_{variant}",
            pyo.Constraint(
                m.C16_intensity_index,
                rule=lambda m, r, p, e=emis: (
                    e[r, p]
                    <= MT_PER_T_PER_10K_CNY_X_BN_CNY
                    * m.intensity_cap_t_per_10k_cny[r, p]
                    * m.gdp[r, p]
                ),
            ),
        )


def define_sector_share_constraints(m: pyo.ConcreteModel, data: ModelData, lk: Lookups) -> None:
    """C17 no relocation of emissions, against an exogenous, demand-scaled base.

    .. math::
        emis\\_ind_{r,s,p} \\le (1+\\tau)\\, E^0_{r,s}\\, \\frac{D_{s,p}}{D_{s,y_0}},\\qquad
        ne_{s,p} = \\sum_r emis\\_ind_{r,s,p}

    With the ``history`` family on, E0 and D[s,y0] are taken on the geography of the last
    observed year (E0[r,s]·g[r,s] and D[s,y0]·G[s], output ratios observed/base-year, see
    :func:`dualcarbon.models.calibration_industry._observed_geography`): the rule guards against
    relocation from the observed present on, not against what provinces did before it.

    A province's emissions of a sector may not outgrow the national demand for the sector's
    product, so no province can take in another's emitting production, while clean relocation
    stays free and a province that decarbonises faster tightens nobody else's ceiling. The
    ceiling is exogenous on purpose (MODEL.md): one written as a share of the endogenous
    national total, θ·ne with Σθ = 1, is an equality in disguise that forces every province to
    decarbonise in lock-step. ``ne`` is only defined (reported), never used in a ceiling.
    ``D[s,y0]`` is the base-year national output of the sector. The ceiling follows the
    uncertainty multiplier of demand, ``demand_factor[s,p]`` (:mod:`.uncertainty`, 1.0 default).
    """
    base = data.transfer_base_mtco2.to_dict()
    growth = data.demand_index.to_dict()
    m.C17_sector_total = pyo.Constraint(
        m.S,
        m.P,
        rule=lambda m, s, p: m.ne[s, p] == sum(m.emis_ind[r, s, p] for r in lk.rs_s.get(s, [])),
    )
    m.sector_base_ceiling_mtco2 = pyo.Param(
        m.RS,
        m.P,
        initialize={
            (r, s, p): base.get((r, s), 0.0) * growth.get((s, p), 1.0)
            for (r, s) in m.RS
            for p in m.P
        },
        doc="E0[r,s]·D[s,p]/D[s,y0], MtCO2/yr",
    )
    m.C17_sector_share = pyo.Constraint(
        m.RS,
        m.P,
        rule=lambda m, r, s, p: (
            m.emis_ind[r, s, p]
            <= (1 + m.tau) * m.sector_base_ceiling_mtco2[r, s, p] * m.demand_factor[s, p]
        ),
    )


def define_climbing_peak_constraints(
    m: pyo.ConcreteModel, data: ModelData, lk: Lookups, cfg: ScenarioConfig
) -> None:
    """C18 no climbing peak (避免"攀高峰"), in production and consumption (C19) variants.

    .. math::
        emis\\_acct_{r,p} \\le (1+a_r)\\, emis\\_acct_{r,y_0}\\quad \\forall p,\\qquad
        emis\\_acct_{r,p} \\le emis\\_acct_{r,p^-}\\quad p > peak_r

    The consumption base value assumes base-year net imports carry the average intensity of
    generation (see :mod:`.calibration`).
    """
    peak = {r: cfg.peak_year_by_region.get(r, cfg.peak_year) for r in data.regions}
    after_peak = [(r, p) for r in data.regions for p in data.periods if p > peak[r]]
    m.C18_after_peak_index = pyo.Set(dimen=2, initialize=after_peak, ordered=True)
    base = {"prod": data.emis0_prod_mtco2.to_dict(), "cons": data.emis0_cons_mtco2.to_dict()}
    first = data.periods[0]
    for variant in ("prod", "cons"):
        emis = _acct(m, variant)
        b = base[variant]
        setattr(
            m,
            f"C18_base_ceiling_{variant}",
            pyo.Constraint(
                m.R,
                m.P,
                rule=lambda m, r, p, e=emis, b=b: (
                    e[r, p] <= (1 + m.climbing_peak_allowance[r]) * b[r]
                ),
            ),
        )

        def no_rise(m, r, p, e=emis, b=b):
            before = b[r] if p == first else e[r, m.P.prev(p)]
            return e[r, p] <= before

        setattr(
            m,
            f"C18_no_rise_after_peak_{variant}",
            pyo.Constraint(m.C18_after_peak_index, rule=no_rise),
        )


def carbon_leakage(model: pyo.ConcreteModel) -> pd.DataFrame:
    """Carbon transfer through relocated production: leak = max(0, emis_ind − E0·D[s,p]/D[s,y0]).

    Parameters
    ----------
    model : pyomo.environ.ConcreteModel
        A model built by :func:`build_model` with variable values loaded.

    Returns
    -------
    pandas.DataFrame
        Columns ``region``, ``sector``, ``period``, ``emissions_mtco2`` (emis_ind),
        ``base_mtco2`` (the province's own demand-scaled base, E0·D[s,p]/D[s,y0]) and
        ``leak_mtco2`` (emissions taken in above that base).
    """
    rows = []
    for r, s in model.RS:
        for p in model.P:
            emis = pyo.value(model.emis_ind[r, s, p])
            base = pyo.value(model.sector_base_ceiling_mtco2[r, s, p] * model.demand_factor[s, p])
            rows.append((r, s, p, emis, base, max(0.0, emis - base)))
    return pd.DataFrame(
        rows,
        columns=["region", "sector", "period", "emissions_mtco2", "base_mtco2", "leak_mtco2"],
    )
