"""Assemble the planning LP: sets, parameters, variables, then every family in one flat sequence.

:func:`build_model` is the only entry point. It reads no file: all numbers come from
:func:`dualcarbon.models.calibration.prepare`, and the families are declared by the
``define_*`` functions of :mod:`.industry`, :mod:`.power`, :mod:`.growth`, :mod:`.emissions`
and :mod:`.costs`, in MODEL.md order.

Where the code departs from the MODEL.md text (each is explained in the function named):

* C1/C8: early retirement is scaled by α[p]/α[p'] (β for power) instead of subtracted at face
  value, which would count retired capacity twice once the fleet reaches its end of life
  (``industry.define_stock_constraints``).
* C5: with ``count_scheduled_retirements`` the quota also includes model-built vintages that
  reach their end of life (``industry.define_replacement_constraints``).
* Objective: a power plant buys the fuel named like its technology (gas plants pay the gas
  price, not the coal price) (``costs.define_objective``).
* C21: solid-waste use is summed over every technology with ``solid_waste_t_per_t`` > 0, not
  only cement (``industry.define_circular_resource_constraints``).
* Sparse sets: a sector is planned only in provinces that host it in the base year
  (``calibration.prepare``); base-year consumption emissions assume net imports carry the
  average carbon intensity of generation (no base-year flow data).
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from dataclasses import dataclass, field
from types import SimpleNamespace

import pyomo.environ as pyo

from dualcarbon.inputs.scenario import Scenario
from dualcarbon.models import costs, emissions, growth, industry, inertia, power
from dualcarbon.models.calibration import ModelData, prepare
from dualcarbon.models.policy import apply_scenario_policy
from dualcarbon.models.uncertainty import declare_uncertainty_params

logger = logging.getLogger(__name__)


@dataclass
class Lookups:
    """Sparse neighbour lists so that every rule touches only its own terms (no dense scans)."""

    techs_rs: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    rsk_r: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    rsk_s: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    rs_r: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    rs_s: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    g_r: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    out_l: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    in_l: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    y_out: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    y_in: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    m_r: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    m_rs: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    existing: set[tuple[str, str, str]] = field(default_factory=set)
    new: set[tuple[str, str, str]] = field(default_factory=set)
    g_existing: set[tuple[str, str]] = field(default_factory=set)


def _lookups(data: ModelData) -> Lookups:
    lk = Lookups()
    for r, s, k in data.rsk.index:
        lk.techs_rs[(r, s)].append(k)
        lk.rsk_r[r].append((s, k))
        lk.rsk_s[s].append((r, k))
    for r, s in data.rsk.index.droplevel("technology").unique():
        lk.rs_r[r].append(s)
        lk.rs_s[s].append(r)
    lk.existing = set(data.rsk.index[data.rsk["is_existing"]])
    lk.new = set(data.rsk.index[data.rsk["is_new"]])
    for r, g in data.rg.index:
        lk.g_r[r].append(g)
    lk.g_existing = set(data.rg.index[data.rg["g0_gw"] > 0])
    for o, d in data.corridors.index:
        lk.out_l[o].append((o, d))
        lk.in_l[d].append((o, d))
    for r_from, r_to, s in data.transfers:
        lk.y_out[(r_from, s)].append(r_to)
        lk.y_in[(r_to, s)].append(r_from)
    sector_of = data.measures["sector"].to_dict() if not data.measures.empty else {}
    for r, m in data.rm:
        lk.m_r[r].append(m)
        lk.m_rs[(r, sector_of[m])].append(m)
    return lk


def _declare_sets(m: pyo.ConcreteModel, data: ModelData, lk: Lookups) -> None:
    """Sets R, P, S, K, G, L, M, C (MODEL.md) and the sparse index sets of the variables."""
    m.P = pyo.Set(dimen=1, initialize=data.periods, ordered=True, doc="milestone years")
    m.R = pyo.Set(dimen=1, initialize=data.regions, ordered=True, doc="regions")
    m.R_key = pyo.Set(within=m.R, initialize=data.key_regions, ordered=True)
    m.S = pyo.Set(dimen=1, initialize=data.sectors, ordered=True, doc="industrial sectors")
    m.K = pyo.Set(
        dimen=1,
        initialize=sorted(data.industry_tech.index.get_level_values("technology").unique()),
        ordered=True,
        doc="industrial technologies (all sectors)",
    )
    m.G = pyo.Set(
        dimen=1, initialize=list(data.power_tech.index), ordered=True, doc="power technologies"
    )
    m.L = pyo.Set(dimen=2, initialize=list(data.corridors.index), ordered=True, doc="corridors o→d")
    m.M = pyo.Set(
        dimen=1, initialize=list(data.measures.index), ordered=True, doc="retrofit measures"
    )
    m.C = pyo.Set(dimen=1, initialize=list(data.fuels.index), ordered=True, doc="fuels")
    m.RS = pyo.Set(
        dimen=2, initialize=[(r, s) for r, ss in lk.rs_r.items() for s in ss], ordered=True
    )
    m.RSK = pyo.Set(dimen=3, initialize=list(data.rsk.index), ordered=True)
    m.RSK_new = pyo.Set(dimen=3, initialize=sorted(lk.new), ordered=True)
    m.RSK_old = pyo.Set(dimen=3, initialize=sorted(lk.existing), ordered=True)
    m.Y = pyo.Set(dimen=3, initialize=data.transfers, ordered=True, doc="allowed quota transfers")
    m.RG = pyo.Set(dimen=2, initialize=list(data.rg.index), ordered=True)
    m.RG_old = pyo.Set(dimen=2, initialize=sorted(lk.g_existing), ordered=True)
    m.RM = pyo.Set(dimen=2, initialize=data.rm, ordered=True)


def _declare_variables(m: pyo.ConcreteModel) -> None:
    """Decision variables of MODEL.md, all ≥ 0, index order as documented there."""
    nn = pyo.NonNegativeReals
    m.xnew = pyo.Var(m.RSK_new, m.P, within=nn, doc="industrial capacity built, Mt/yr")
    m.xret = pyo.Var(m.RSK_old, m.P, within=nn, doc="base capacity retired early, Mt/yr")
    m.xcap = pyo.Var(m.RSK, m.P, within=nn, doc="industrial capacity available, Mt/yr")
    m.q = pyo.Var(m.RSK, m.P, within=nn, doc="production, Mt/yr")
    m.y = pyo.Var(m.Y, m.P, within=nn, doc="replacement quota sent r→r', Mt/yr retired")
    m.gnew = pyo.Var(m.RG, m.P, within=nn, doc="power capacity built, GW")
    m.gret = pyo.Var(m.RG_old, m.P, within=nn, doc="power capacity retired early, GW")
    m.gcap = pyo.Var(m.RG, m.P, within=nn, doc="power capacity available, GW")
    m.gen = pyo.Var(m.RG, m.P, within=nn, doc="generation, TWh/yr")
    m.f = pyo.Var(m.L, m.P, within=nn, doc="electricity sent o→d (no technology tag), TWh/yr")
    m.tnew = pyo.Var(m.L, m.P, within=nn, doc="corridor capacity added, GW")
    m.sav = pyo.Var(m.RM, m.P, within=nn, doc="energy saved, Mtce/yr or TWh/yr")
    m.inv = pyo.Var(m.RM, m.P, within=nn, doc="new savings commissioned, Mtce/yr or TWh/yr")
    m.w = pyo.Var(m.R, m.P, within=nn, doc="value added of emerging industries, bn CNY/yr")
    m.winv = pyo.Var(m.R, m.P, within=nn, doc="increment of emerging value added, bn CNY/yr")
    m.ne = pyo.Var(m.S, m.P, within=pyo.Reals, doc="national emissions of a sector, MtCO2/yr")


def _declare_policy_params(m: pyo.ConcreteModel, data: ModelData) -> None:
    """Mutable parameters a sweep may change (MODEL.md "Shape rules"); values set by policy."""
    mut = {"mutable": True, "within": pyo.Reals}
    m.national_cap_scale = pyo.Param(initialize=1.0, **mut, doc="multiplies CAP_NAT[p]")
    m.national_cap_share = pyo.Param(
        m.P, initialize=1.0, **mut, doc="CAP_NAT[p] as a share of base-year national emissions"
    )
    m.growth_floor_scale = pyo.Param(initialize=1.0, **mut, doc="multiplies every g_r")
    m.growth_floor_pct = pyo.Param(m.R, initialize=0.0, **mut, doc="g_r, % per year")
    m.national_va_floor_bn_cny = pyo.Param(m.P, initialize=0.0, **mut, doc="VA_NAT[p]")
    m.carbon_price_cny_per_t = pyo.Param(m.P, initialize=0.0, **mut)
    m.cbam_price_cny_per_t = pyo.Param(m.P, initialize=0.0, **mut)
    m.tau = pyo.Param(initialize=0.0, **mut, doc="C17 tolerated share growth")
    m.climbing_peak_allowance = pyo.Param(m.R, initialize=0.0, **mut, doc="C18 a_r")
    m.replacement_ratio_scale = pyo.Param(initialize=1.0, **mut, doc="multiplies every ρ")
    m.national_capacity_ceiling_mt = pyo.Param(
        m.S, initialize=data.national_ceiling_mt.to_dict(), default=0.0, **mut
    )
    m.domestic_floor_share = pyo.Param(
        m.S, m.P, initialize=data.domestic_floor_share.to_dict(), default=0.0, **mut, doc="C20 φ_s"
    )
    m.industry_va_share_floor = pyo.Param(
        m.P, initialize=data.industry_va_share_floor, default=0.0, **mut, doc="C20 ψ_p"
    )


def build_model(scenario: Scenario) -> pyo.ConcreteModel:
    """Build the planning LP of MODEL.md (families C1–C25) for ``scenario``.

    Parameters
    ----------
    scenario : Scenario
        Configuration plus tidy tables (``docs/tables.md``) and ``regions``. Optional tables
        (retrofits, supply security, circular resources, carbon border) may be absent when their
        family is off.

    Returns
    -------
    pyomo.environ.ConcreteModel
        Sets ``R P S K G L M C``; variables ``xnew xret xcap q y gnew gret gcap gen f tnew sav
        inv w winv ne``; expressions ``emis_ind emis_power emis_prod emis_cons elec_dem va_ind
        gdp cbam_exposure`` and per-period cost terms; constraints named ``C<n>_<what>`` (see
        :data:`dualcarbon.models.families.FAMILIES`); ``objective`` (bn CNY, present value).
        The scenario's policy is applied through :func:`dualcarbon.models.policy.set_policy`.
    """
    started = time.perf_counter()
    data = prepare(scenario)
    lk = _lookups(data)
    m = pyo.ConcreteModel(name=f"dualcarbon:{scenario.name}")
    m._dualcarbon = SimpleNamespace(
        data=data, lookups=lk, switches={}, national_cap_periods=set(), structure_version=0
    )

    _declare_sets(m, data, lk)
    _declare_variables(m)
    _declare_policy_params(m, data)
    declare_uncertainty_params(m, data)

    # derived expressions (MODEL.md "Derived expressions")
    emissions.define_expressions(m, data, lk)

    # industry: C1–C7
    industry.define_stock_constraints(m, data, lk)  # C1
    industry.define_utilisation_constraints(m, data, lk)  # C2
    industry.define_demand_constraints(m, data, lk)  # C3
    industry.define_phase_out_constraints(m, data, lk)  # C4
    industry.define_replacement_constraints(m, data, lk)  # C5
    industry.define_no_increase_key_constraints(m, data, lk)  # C6
    industry.define_national_ceiling_constraints(m, data, lk)  # C7
    # power: C8–C13
    power.define_power_stock_constraints(m, data, lk)  # C8
    power.define_potential_constraints(m, data, lk)  # C9
    power.define_output_constraints(m, data, lk)  # C10
    power.define_corridor_constraints(m, data, lk)  # C11
    power.define_electricity_balance_constraints(m, data, lk)  # C12
    power.define_adequacy_constraints(m, data, lk)  # C13
    # retrofits and growth: C14–C15
    growth.define_retrofit_constraints(m, data, lk)  # C14
    growth.define_growth_constraints(m, data, lk)  # C15
    # emissions and carbon transfer: C16–C19
    emissions.define_cap_constraints(m, data, lk, scenario.config)  # C16 (+C19 variants)
    emissions.define_sector_share_constraints(m, data, lk)  # C17
    emissions.define_climbing_peak_constraints(m, data, lk, scenario.config)  # C18 (+C19)
    # optional families: C20–C22
    industry.define_supply_security_constraints(m, data, lk)  # C20
    industry.define_circular_resource_constraints(m, data, lk)  # C21
    industry.define_availability_constraints(m, data, lk)  # C22
    # inertia and history: C24–C25
    inertia.define_diffusion_constraints(m, data, lk)  # C24
    inertia.define_history_constraints(m, data, lk)  # C25
    # objective, with the C23 border cost
    costs.define_objective(m, data, lk)

    apply_scenario_policy(m, scenario.config)
    logger.info(
        "built %s: %d variables, %d constraints in %.2f s",
        m.name,
        m.nvariables(),
        m.nconstraints(),
        time.perf_counter() - started,
    )
    return m


def model_data(model: pyo.ConcreteModel) -> ModelData:
    """The :class:`ModelData` a model was built from (calibration, θ, base values)."""
    return model._dualcarbon.data
