"""Inertia and history: C24 diffusion limits and C25 history (MODEL.md, on by default).

A least-cost LP left alone re-optimises the whole economy within one period: it closes every
smelter, makes most steel from scrap and replaces coal power in five years. MESSAGEix and TIMES
bound such jumps with growth constraints and calibration years; dualcarbon does the same:

* C24: national output of each technology grows at most by a factor per year plus a start-up
  amount, and falls at most at a stated rate; national power builds stay within NB_g per year.
* C25: the first period starts from what statistics show for the last observed year (output by
  route, power capacity built since the base year), not from the base year.

The first period has two versions of each C24 row: from the base year (``C24_*`` at the first
period) and from the last observed year (``C25_*``); the ``history`` switch picks one, so both
live in one built model and switching never rebuilds (see :mod:`.policy`).
"""

from __future__ import annotations

import logging
import math
from typing import TYPE_CHECKING

import pyomo.environ as pyo

from dualcarbon.models._rows import checked
from dualcarbon.models.calibration import ModelData

if TYPE_CHECKING:
    from dualcarbon.models.build import Lookups

logger = logging.getLogger(__name__)


def _national_output(m: pyo.ConcreteModel, lk: Lookups, s: str, k: str, p: int):
    return sum(m.q[r, s, k, p] for (r, kk) in lk.rsk_s.get(s, []) if kk == k)


def define_diffusion_constraints(m: pyo.ConcreteModel, data: ModelData, lk: Lookups) -> None:
    """C24 diffusion limits on national output by technology and on national power builds.

    .. math::
        \\sum_r q_{r,s,k,p} \\le (1+\\gamma_k)^{\\Delta_p} \\sum_r q_{r,s,k,p^-} + seed_k\\,\\Delta_p

        \\sum_r q_{r,s,k,p} \\ge (1-\\delta_k)^{\\Delta_p} \\sum_r q_{r,s,k,p^-}

        \\sum_r gnew_{r,g,p} \\le NB_g\\, \\Delta_p

    At the first period p⁻ is the base year and Σ_r q is the base-year output by technology
    (observed output split by the published route shares). γ, seed and δ come from
    ``technology_diffusion`` (δ empty: no decline limit); NB from ``power_national_build_limits``.
    """
    history = data.history
    diffusion = history.diffusion if history is not None else None
    q0 = data.rsk["q0_mt"].groupby(level=["sector", "technology"]).sum().to_dict()
    planned = {(s, k) for (_, s, k) in data.rsk.index}
    rows = (
        [(s, k) for (s, k) in diffusion.index if (s, k) in planned] if diffusion is not None else []
    )
    gamma = diffusion["max_growth_pct_per_yr"].to_dict() if rows else {}
    seed = diffusion["seed_mt_per_yr"].fillna(0.0).to_dict() if rows else {}
    delta = diffusion["max_decline_pct_per_yr"].to_dict() if rows else {}
    first, prev, years = data.periods[0], data.prev, data.delta_years

    def before(m, s, k, p):
        return q0.get((s, k), 0.0) if p == first else _national_output(m, lk, s, k, prev[p])

    m.C24_index = pyo.Set(dimen=2, initialize=sorted(rows), ordered=True)
    m.C24_growth = pyo.Constraint(
        m.C24_index,
        m.P,
        rule=checked(
            "C24_growth",
            lambda m, s, k, p: (
                _national_output(m, lk, s, k, p)
                <= (1 + gamma[s, k] / 100) ** years[p] * before(m, s, k, p) + seed[s, k] * years[p]
            ),
        ),
    )
    declining = sorted((s, k) for (s, k) in rows if not math.isnan(delta[s, k]))
    m.C24_decline_index = pyo.Set(dimen=2, initialize=declining, ordered=True)
    m.C24_decline = pyo.Constraint(
        m.C24_decline_index,
        m.P,
        rule=lambda m, s, k, p: (
            _national_output(m, lk, s, k, p)
            >= (1 - delta[s, k] / 100) ** years[p] * before(m, s, k, p)
        ),
    )
    build = history.national_build_gw_per_yr.to_dict() if history is not None else {}
    techs = sorted(g for g in build if any(g in gs for gs in lk.g_r.values()))
    m.C24_power_index = pyo.Set(dimen=1, initialize=techs, ordered=True)
    m.C24_power_build = pyo.Constraint(
        m.C24_power_index,
        m.P,
        rule=lambda m, g, p: (
            sum(m.gnew[r, g, p] for r in m.R if (r, g) in m.RG) <= build[g] * years[p]
        ),
    )


def define_history_constraints(m: pyo.ConcreteModel, data: ModelData, lk: Lookups) -> None:
    """C25 history: the first period starts from the last observed year.

    .. math::
        gcap_{r,g,p_1} \\ge G^{hist}_{r,g}

        \\sum_r q_{r,s,k,p_1} \\le (1+\\gamma_k)^{p_1-y_h} Q^{hist}_{s,k} + seed_k (p_1-y_h),\\quad
        \\sum_r q_{r,s,k,p_1} \\ge (1-\\delta_k)^{p_1-y_h} Q^{hist}_{s,k}

        \\sum_r gnew_{r,g,p_1} \\le \\sum_r B^{hist}_{r,g} + NB_g (p_1 - y^{power}_h),\\quad
        gnew_{r,g,p_1} \\le B^{hist}_{r,g} + BUILD_{r,g} (p_1 - y^{power}_h)

        \\sum_{r, g \\in G_n} gcap_{r,g,p_1} \\ge G^{nat}_n \\quad(= \\text{when observed in } p_1)

        \\sum_r gen_{r,g,p_1} \\ge (1-\\delta_g)^{p_1-y_g} GEN^{hist}_g

    G^hist: capacity standing in the last observed year (``power_capacity_history``), less the
    base-year stock that reaches its end of life by p1; B^hist the part built since the base
    year. Q^hist: national output by technology in the last observed year y_h (observed output ×
    published route shares). These replace the first-period C24 rows, which start from the base
    year. GEN^hist: national generation of technology g observed in year y_g
    (``power_generation_inertia``), which may fall by at most δ_g per year, the largest fall
    observed.
    """
    history = data.history
    first = data.periods[0]
    floor = history.power_floor_gw.to_dict() if history is not None else {}
    m.C25_power_index = pyo.Set(dimen=2, initialize=sorted(floor), ordered=True)
    m.C25_power_history = pyo.Constraint(
        m.C25_power_index,
        rule=checked("C25_power_history", lambda m, r, g: m.gcap[r, g, first] >= floor[r, g]),
    )
    rows = list(m.C24_index) if history is not None else []
    q_hist = history.industry_output_mt.to_dict() if history is not None else {}
    span = first - (history.industry_year if history is not None else data.base_year)
    diffusion = history.diffusion if history is not None else None
    gamma = diffusion["max_growth_pct_per_yr"].to_dict() if rows else {}
    seed = diffusion["seed_mt_per_yr"].fillna(0.0).to_dict() if rows else {}
    delta = diffusion["max_decline_pct_per_yr"].to_dict() if rows else {}
    m.C25_output_index = pyo.Set(dimen=2, initialize=rows, ordered=True)
    m.C25_output_growth = pyo.Constraint(
        m.C25_output_index,
        rule=checked(
            "C25_output_growth",
            lambda m, s, k: (
                _national_output(m, lk, s, k, first)
                <= (1 + gamma[s, k] / 100) ** span * q_hist.get((s, k), 0.0) + seed[s, k] * span
            ),
        ),
    )
    m.C25_output_decline = pyo.Constraint(
        m.C24_decline_index if history is not None else [],
        rule=lambda m, s, k: (
            _national_output(m, lk, s, k, first)
            >= (1 - delta[s, k] / 100) ** span * q_hist.get((s, k), 0.0)
        ),
    )
    # national capacity observed after the provincial series (region China rows): it stands in
    # the first period; observed in the first period's own year, it is the first period's capacity
    observed = history.national_observed_gw if history is not None else {}
    m.C25_national_index = pyo.Set(dimen=1, initialize=sorted(observed), ordered=True)

    def national_capacity(m, name):
        members, _, _ = observed[name]
        return sum(m.gcap[r, g, first] for (r, g) in m.RG if g in members)

    m.C25_national_history = pyo.Constraint(
        m.C25_national_index,
        rule=checked(
            "C25_national_history",
            lambda m, name: national_capacity(m, name) >= observed[name][2],
        ),
    )
    # Observed in the first period's own year, the national capacity is that period's capacity:
    # a floor (it exists) and a ceiling (nothing more was built that year).
    pinned = [name for name, (_, year, _) in observed.items() if year == first]
    m.C25_national_pinned_index = pyo.Set(dimen=1, initialize=sorted(pinned), ordered=True)
    m.C25_national_ceiling = pyo.Constraint(
        m.C25_national_pinned_index,
        rule=lambda m, name: national_capacity(m, name) <= observed[name][2],
    )
    # technologies whose first-period capacity is observed nationally take it from the
    # observation: the build limit from the provincial history year would contradict it
    exempt = {g for name, (members, year, _) in observed.items() if year == first for g in members}
    built = history.power_built_gw.groupby(level="technology").sum().to_dict() if floor else {}
    build = history.national_build_gw_per_yr.to_dict() if history is not None else {}
    power_span = first - (history.power_year or data.base_year) if history is not None else 0
    m.C25_power_build_index = pyo.Set(
        dimen=1, initialize=[g for g in m.C24_power_index if g not in exempt], ordered=True
    )
    m.C25_power_build = pyo.Constraint(
        m.C25_power_build_index,
        rule=lambda m, g: (
            sum(m.gnew[r, g, first] for r in m.R if (r, g) in m.RG)
            <= built.get(g, 0.0) + build[g] * power_span
        ),
    )
    # the same per province for C9's rate: what a province built by the last observed year is
    # history, and only the years after it are open to its build rate (else it could place a
    # whole period's builds in the one year the statistics have not split by province yet)
    rate = data.rg["build_gw_per_yr"].dropna().to_dict()
    built_rg = history.power_built_gw.to_dict() if floor else {}
    m.C25_power_build_rate_index = pyo.Set(
        dimen=2, initialize=sorted(k for k in built_rg if k in rate), ordered=True
    )
    m.C25_power_build_rate = pyo.Constraint(
        m.C25_power_build_rate_index,
        rule=lambda m, r, g: (
            m.gnew[r, g, first] <= built_rg[r, g] + rate[r, g] * max(power_span, 0)
        ),
    )
    # Generation observed last falls no faster than it has ever been seen to fall. An annual
    # LP sees neither the heat loads nor the peaks that gas plants serve, and would idle a fleet
    # that generated ~320 TWh in 2024 from the first period on.
    floors = history.generation_floor_twh if history is not None else {}
    # generation_floors already keeps only the planned technologies
    m.C25_generation_index = pyo.Set(dimen=1, initialize=sorted(floors), ordered=True)
    m.C25_generation_floor = pyo.Constraint(
        m.C25_generation_index,
        rule=lambda m, g: sum(m.gen[r, gg, first] for (r, gg) in m.RG if gg == g) >= floors[g],
    )
