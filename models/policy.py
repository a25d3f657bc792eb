"""Sweepable policy numbers and switches of a built model (MODEL.md "Shape rules").

A sweep changes a mutable ``Param`` or (de)activates a constraint block built once, then
re-solves the same model; nothing is ever rebuilt. :func:`build_model` applies the scenario's own
settings through the same :func:`set_policy`, so a built-then-changed model and a model built
with the changed value are the same LP.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import pyomo.environ as pyo

from dualcarbon.inputs.config import TRANSFER_POLICY_RULES, ScenarioConfig
from dualcarbon.models.uncertainty import UNCERTAIN, set_multiplier

logger = logging.getLogger(__name__)

#: name -> (description, unit, value shape)
SWEEPABLE: dict[str, dict[str, str]] = {
    "national_cap_scale": {
        "description": "C16 multiplies every national cap CAP_NAT[p]",
        "unit": "1",
        "value": "float",
    },
    "national_cap_share": {
        "description": "C16 national cap per period as a share of base-year national emissions; "
        "a period set to None has no cap (its row is deactivated)",
        "unit": "share of base",
        "value": "float (every period) or {period: float | None}",
    },
    "growth_floor_scale": {
        "description": "C15 multiplies every growth floor g_r",
        "unit": "1",
        "value": "float",
    },
    "growth_floor_pct": {
        "description": "C15 growth floor g_r on industrial value added",
        "unit": "% per year",
        "value": "float (every region) or {region: float}",
    },
    "national_va_floor_bn_cny": {
        "description": "C15 national floor on industrial value added VA_NAT[p] (0 = none)",
        "unit": "bn CNY/yr",
        "value": "float or {period: float}",
    },
    "carbon_price_cny_per_t": {
        "description": "carbon price on production emissions in the objective",
        "unit": "CNY/tCO2",
        "value": "float (every period) or {period: float}",
    },
    "cbam_price_cny_per_t": {
        "description": "C23 border carbon price on exported emissions",
        "unit": "CNY/tCO2",
        "value": "float (every period) or {period: float}",
    },
    "tau": {
        "description": "C17 tolerated growth above a region's demand-scaled base-year sector emissions",
        "unit": "share",
        "value": "float",
    },
    "climbing_peak_allowance": {
        "description": "C18 a_r: tolerated rise above base-year emissions",
        "unit": "share",
        "value": "float (every region) or {region: float}",
    },
    "replacement_ratio_scale": {
        "description": "C5 multiplies every replacement ratio",
        "unit": "1",
        "value": "float",
    },
    "regional_cap_share": {
        "description": "C16 regional cap as a share of the region's base-year emissions "
        "(only rows the scenario declared)",
        "unit": "share of base",
        "value": "{(region, period): float}",
    },
    "intensity_target_share": {
        "description": "C16 published intensity target as a share of base-year intensity "
        "(only rows the data give, with provincial_targets on)",
        "unit": "share of base intensity",
        "value": "{(region, period): float}",
    },
    "intensity_cap_t_per_10k_cny": {
        "description": "C16 intensity cap (only rows the scenario declared)",
        "unit": "tCO2 per 10k CNY",
        "value": "{(region, period): float}",
    },
    "national_capacity_ceiling_mt": {
        "description": "C7 national capacity ceiling of a sector that has one",
        "unit": "Mt/yr",
        "value": "{sector: float}",
    },
    "domestic_floor_share": {
        "description": "C20 φ_s: domestic output floor as a share of demand",
        "unit": "share",
        "value": "float or {(sector, period): float}",
    },
    "industry_va_share_floor": {
        "description": "C20 ψ_p: floor on industry's share of GDP",
        "unit": "share",
        "value": "float or {period: float}",
    },
    "transfer_policy": {
        "description": "switches C17/C18/C19 together: off | accounting | share | strict",
        "unit": "-",
        "value": "str",
    },
    "sector_share": {"description": "C17 on/off", "unit": "-", "value": "bool"},
    "no_climbing_peak": {"description": "C18 on/off", "unit": "-", "value": "bool"},
    "consumption_accounting": {
        "description": "C19: C16 regional/intensity caps and C18 bind consumption emissions",
        "unit": "-",
        "value": "bool",
    },
    "phase_out": {"description": "C4 on/off", "unit": "-", "value": "bool"},
    "supply_security": {"description": "C20 on/off", "unit": "-", "value": "bool"},
    "circular_resources": {"description": "C21 on/off", "unit": "-", "value": "bool"},
    "technology_availability": {"description": "C22 on/off", "unit": "-", "value": "bool"},
    "diffusion_limits": {"description": "C24 on/off", "unit": "-", "value": "bool"},
    "history": {
        "description": "C25 on/off: the first period starts from the last observed year",
        "unit": "-",
        "value": "bool",
    },
    # input multipliers for uncertainty analysis (all 1.0 unless a sweep sets them)
    **UNCERTAIN,
}

_SWITCHES = {
    "sector_share",
    "no_climbing_peak",
    "consumption_accounting",
    "phase_out",
    "supply_security",
    "circular_resources",
    "technology_availability",
    "diffusion_limits",
    "history",
}
_SCALARS = {"national_cap_scale", "growth_floor_scale", "tau", "replacement_ratio_scale"}
_BY_PERIOD = {
    "carbon_price_cny_per_t",
    "cbam_price_cny_per_t",
    "national_va_floor_bn_cny",
    "industry_va_share_floor",
}
_BY_REGION = {"growth_floor_pct", "climbing_peak_allowance"}
_BY_ROW = {
    "regional_cap_share",
    "intensity_target_share",
    "intensity_cap_t_per_10k_cny",
    "national_capacity_ceiling_mt",
    "domestic_floor_share",
}


def _fill(param: pyo.Param, value: Any, name: str) -> None:
    """Set every entry of an indexed param from a scalar, or the given entries from a mapping."""
    if isinstance(value, Mapping):
        for key, v in value.items():
            if key not in param:
                raise KeyError(
                    f"set_policy({name!r}): no entry {key!r}; entries: {list(param.keys())[:10]}..."
                )
            param[key] = float(v)
    else:
        for key in param:
            param[key] = float(value)


def _turn(model: pyo.ConcreteModel, component: Any, on: bool) -> None:
    """(De)activate a constraint block or row; count on the model each change of its state.

    A persistent solver needs its scan for rows switched on or off only when the count moved
    (``model._dualcarbon.structure_version``); a change of numbers alone skips it.
    """
    if component.active != on:
        model._dualcarbon.structure_version += 1
    component.activate() if on else component.deactivate()


def _apply_switches(model: pyo.ConcreteModel) -> None:
    """(De)activate constraint blocks from the current switch state."""
    sw = model._dualcarbon.switches
    cons = sw.get("consumption_accounting", False)
    peak = sw.get("no_climbing_peak", False)
    for variant, on in (("prod", not cons), ("cons", cons)):
        for name in (
            f"C16_regional_cap_{variant}",
            f"C16_intensity_cap_{variant}",
            f"C16_intensity_target_{variant}",
        ):
            _turn(model, getattr(model, name), on)
        for name in (f"C18_base_ceiling_{variant}", f"C18_no_rise_after_peak_{variant}"):
            block = getattr(model, name)
            _turn(model, block, on and peak)
    blocks = {
        "sector_share": ["C17_sector_share"],
        "phase_out": ["C4_phase_out"],
        "supply_security": ["C20_domestic_floor", "C20_industry_share_floor"],
        "circular_resources": ["C21_secondary_resource", "C21_solid_waste"],
        "technology_availability": ["C22_availability"],
    }
    for switch, names in blocks.items():
        for name in names:
            block = getattr(model, name)
            _turn(model, block, sw.get(switch, False))
    # C24/C25: the first-period diffusion rows start from the base year (C24) or from the last
    # observed year (C25); later periods are C24's whenever diffusion limits are on
    diffusion, history = sw.get("diffusion_limits", False), sw.get("history", False)
    first = model.P.first()
    for name in ("C24_growth", "C24_decline", "C24_power_build"):
        for index, row in getattr(model, name).items():
            at_first = index[-1] == first
            _turn(model, row, diffusion and not (at_first and history))
    for name in ("C25_output_growth", "C25_output_decline", "C25_power_build"):
        block = getattr(model, name)
        _turn(model, block, diffusion and history)
    for name in (
        "C25_power_history",
        "C25_power_build_rate",
        "C25_national_history",
        "C25_national_ceiling",
        "C25_generation_floor",
    ):
        block = getattr(model, name)
        _turn(model, block, history)
    # C9's first-period rate counts the whole period; with history its observed years are
    # history, and C25_power_build_rate replaces the row (as C25's rows replace C24's)
    replaced = set(model.C25_power_build_rate_index)
    for (r, g, p), row in model.C9_build_rate.items():
        if p == first and (r, g) in replaced:
            _turn(model, row, not history)
    # C25: plants commissioned during the observed first year produce for part of it
    observed = model._dualcarbon.data.history
    shares = observed.in_service_share if history and observed is not None else {}
    for g in model.in_service_share:
        model.in_service_share[g] = shares.get(g, 1.0)
    # a first period covered by national statistics is not re-planned for adequacy (C25)
    observed_first = history and len(model.C25_national_pinned_index) > 0
    for r in model.R:
        row = model.C13_adequacy[r, first]
        _turn(model, row, not observed_first)
    row = model.C13_national_adequacy[first]
    _turn(model, row, not observed_first)
    capped = model._dualcarbon.national_cap_periods
    for p in model.P:
        row = model.C16_national_cap[p]
        _turn(model, row, p in capped)


def set_policy(model: pyo.ConcreteModel, name: str, value: Any) -> None:
    """Change one sweepable policy number or switch of a built model in place.

    Parameters
    ----------
    model : pyomo.environ.ConcreteModel
        A model from :func:`dualcarbon.models.build_model`.
    name : str
        A key of :data:`SWEEPABLE`.
    value
        See ``SWEEPABLE[name]["value"]``: a scalar sets every period/region; a mapping sets the
        entries it names.

    Raises
    ------
    KeyError
        For an unknown name or an entry the model does not have.
    """
    if name not in SWEEPABLE:
        raise KeyError(f"set_policy: {name!r} is not sweepable; choose from {sorted(SWEEPABLE)}")
    state = model._dualcarbon
    if name == "transfer_policy":
        if value not in TRANSFER_POLICY_RULES:
            raise KeyError(f"transfer_policy: {value!r} not in {sorted(TRANSFER_POLICY_RULES)}")
        state.switches.update(TRANSFER_POLICY_RULES[value])
    elif name in _SWITCHES:
        state.switches[name] = bool(value)
    elif name in _SCALARS:
        getattr(model, name).set_value(float(value))
    elif name in UNCERTAIN:
        set_multiplier(model, name, value)
    elif name == "national_cap_share":
        values = value if isinstance(value, Mapping) else dict.fromkeys(model.P, value)
        for p, share in values.items():
            if p not in model.P:
                raise KeyError(f"set_policy('national_cap_share'): {p!r} is not a period")
            if share is None:
                state.national_cap_periods.discard(p)
            else:
                model.national_cap_share[p] = float(share)
                state.national_cap_periods.add(p)
    elif name in _BY_PERIOD | _BY_REGION | _BY_ROW:
        _fill(getattr(model, name), value, name)
    _apply_switches(model)
    logger.debug("policy %s set to %r", name, value)


def apply_scenario_policy(model: pyo.ConcreteModel, cfg: ScenarioConfig) -> None:
    """Apply a scenario's own policy numbers and switches through :func:`set_policy`."""
    data = model._dualcarbon.data
    set_policy(model, "national_cap_scale", cfg.national_cap.scale)
    shares = {p: cfg.national_cap.share_of_base.get(p) for p in model.P}
    set_policy(model, "national_cap_share", shares)
    pct = {r: cfg.growth_floor.by_region.get(r, cfg.growth_floor.pct_per_yr) for r in model.R}
    set_policy(model, "growth_floor_pct", pct)
    set_policy(model, "growth_floor_scale", cfg.growth_floor.scale)
    set_policy(
        model,
        "national_va_floor_bn_cny",
        {p: cfg.growth_floor.national_bn_cny.get(p, 0.0) for p in model.P},
    )
    set_policy(model, "carbon_price_cny_per_t", data.carbon_price)
    set_policy(model, "cbam_price_cny_per_t", data.cbam_price)
    set_policy(model, "tau", cfg.tau)
    # a_r: the scenario's per-region value, else the data's (climbing_peak_allowances), else
    # the scenario's default
    table = data.climbing_allowance if data.climbing_allowance is not None else {}
    allowance = {
        r: cfg.climbing_peak_allowance_by_region.get(
            r, float(table[r]) if r in table else cfg.climbing_peak_allowance
        )
        for r in model.R
    }
    set_policy(model, "climbing_peak_allowance", allowance)
    set_policy(model, "replacement_ratio_scale", cfg.replacement.ratio_scale)
    set_policy(
        model,
        "regional_cap_share",
        {(r, p): cfg.regional_cap_share_of_base[r][p] for (r, p) in model.C16_cap_index},
    )
    set_policy(
        model,
        "intensity_cap_t_per_10k_cny",
        {(r, p): cfg.intensity_cap_t_per_10k_cny[r][p] for (r, p) in model.C16_intensity_index},
    )
    for rule in ("sector_share", "no_climbing_peak", "consumption_accounting"):
        set_policy(model, rule, cfg.rule(rule))
    set_policy(model, "phase_out", cfg.replacement.phase_out)
    families = cfg.optional_families
    set_policy(model, "supply_security", families.supply_security)
    set_policy(model, "circular_resources", families.circular_resources)
    set_policy(model, "technology_availability", families.technology_availability)
    set_policy(model, "diffusion_limits", families.diffusion_limits)
    set_policy(model, "history", families.history)
