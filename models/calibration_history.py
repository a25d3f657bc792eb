"""Survival of the base-year fleets and the observed years after the base year (C24/C25).

The straight-line survival shares α (industry) and β (power), their anchoring on observed output
(MODEL.md C25), and the history numbers the model checks its first period against: last
observed output by route, diffusion limits and the observed power fleet.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dualcarbon.inputs.scenario import Scenario
from dualcarbon.models.calibration_data import _optional, _warn
from dualcarbon.models.history import (
    History,
    generation_floors,
    in_service_shares,
    national_observations,
    national_route_output,
    power_history,
    shares_at,
    vintage_survival,
)


def _survival(
    keys: pd.DataFrame, life: pd.Series, age: pd.Series, base_year: int, periods: list[int]
) -> pd.Series:
    """Linear survival share α of base-year industrial stock: the fleet retires in a straight
    line over its mean remaining life (lifetime − mean age). assumption: uniform retirement over
    the remaining life, as no vintage data exist for every province; it is of the order observed
    where capacity replacement retires old stock (GEM: 165 Mt/yr of blast furnaces retired
    2021-2024). Power fleets, whose units run to the end of their life, use
    :func:`_power_survival`."""
    remaining = (life - age).clip(lower=1.0).to_numpy()
    delta = np.asarray(periods, dtype=float) - base_year
    share = np.clip(1.0 - delta[None, :] / remaining[:, None], 0.0, 1.0)
    frame = pd.DataFrame(share, index=keys.index, columns=periods)
    out = frame.stack()
    out.index = out.index.set_names([*keys.index.names, "period"])
    return out


def _power_survival(
    keys: pd.DataFrame, life: pd.Series, age: pd.Series, base_year: int, periods: list[int]
) -> pd.Series:
    """Survival share β of the base-year power fleet by period (:func:`vintage_survival`: units
    run to the end of their life, ages spread evenly around the published mean age)."""
    delta = np.asarray(periods, dtype=float) - base_year
    share = vintage_survival(delta[None, :], life.to_numpy()[:, None], age.to_numpy()[:, None])
    frame = pd.DataFrame(share, index=keys.index, columns=periods)
    out = frame.stack()
    out.index = out.index.set_names([*keys.index.names, "period"])
    return out


def _anchor_survival(
    alpha: pd.Series,
    rsk: pd.DataFrame,
    tech: pd.DataFrame,
    prod: pd.DataFrame,
    routes: pd.DataFrame,
    national_cap: pd.Series,
    max_util: pd.Series,
    life_k: pd.Series,
    age_k: pd.Series,
    y0: int,
    periods: list[int],
    notes: list[str],
) -> pd.Series:
    """Base-fleet survival anchored on observed output (MODEL.md C25, industry).

    The straight-line survival α retires the base fleet over its assumed remaining life. Where
    the output observed in the last observed year (national, by technology: observed output ×
    published route shares) needs more capacity than α leaves standing in the first period, the
    fleet evidently lived longer than assumed (or was renewed as it retired): α of that technology
    is scaled up so that the capacity that was producing still stands in the first period (at
    most 1), and ages on from there. Backward technologies are left to their phase-out.
    """
    first = periods[0]
    years = sorted(int(y) for y in prod["year"].unique() if y0 < y < first)
    if not years:
        return alpha
    y_obs = years[-1]
    output = prod[prod["year"] == y_obs].groupby("sector")["output_mt"].sum()
    observed = national_route_output(output, national_cap, shares_at(routes, y_obs))
    remaining = (life_k - age_k).clip(lower=1.0)
    # what produced in the last observed year still stands in the first period (C25: existing
    # and committed capacity): retirements after it are replaced, as they were in 2021-2024
    # (GEM blast furnaces: 165 Mt/yr retired, 166 Mt/yr started; inputs/data/README.md)
    alpha_first = (1.0 - (first - y0) / remaining).clip(0.0, 1.0)
    standing = (rsk["x0_mt"] * alpha_first).groupby(level=["sector", "technology"]).sum()
    backward = tech["is_backward"]
    observed = _backward_output_to_successor(observed, tech, first, notes)
    needed = observed / max_util.reindex(observed.index.get_level_values("sector")).to_numpy()
    factor = (needed / standing.reindex(needed.index)).replace([np.inf, -np.inf], np.nan)
    factor = factor[(factor > 1.0) & ~backward.reindex(factor.index).fillna(False).astype(bool)]
    if factor.empty:
        return alpha
    scale = pd.Series(
        factor.reindex(alpha.index.droplevel(["region", "period"])).fillna(1.0).to_numpy(),
        index=alpha.index,
    )
    for (s_name, k_name), f in factor.items():
        notes.append(
            f"C25: {s_name}/{k_name} output in {y_obs} needs {f:.2f}x the capacity the assumed "
            "fleet age leaves standing; its survival is scaled up to the observation"
        )
    return (alpha * scale).clip(upper=1.0)


def _backward_output_to_successor(
    observed: pd.Series, tech: pd.DataFrame, first: int, notes: list[str]
) -> pd.Series:
    """Move the observed output of backward stock retired by the first period to its successor.

    ``national_route_output`` splits a route's observed output over its technologies in
    proportion to base capacity, so the backward stock (落后产能) is credited with a share of the
    last observed year's output. When C4 retires that stock by the first period, its share of
    the output does not leave the route: phase-out under 发改产业〔2022〕200号 is by retrofit or
    replacement, and Global Energy Monitor's blast furnaces show 2021-2024 retirements matched
    by new furnaces (165 vs 166 Mt/yr; ``inputs/data/README.md``). The successor is the sector's
    non-backward existing technology of largest observed output (the route the backward stock
    belongs to: BF-BOF for backward BF-BOF, dry-process clinker, float glass).
    """
    is_backward = tech["is_backward"].reindex(observed.index).fillna(0).astype(bool)
    out_year = tech["phase_out_year"].reindex(observed.index)
    retired = observed[is_backward & (out_year <= first) & (observed > 0)]
    if retired.empty:
        return observed
    observed = observed.copy()
    for (s_name, k_name), mt in retired.items():
        modern = observed[(observed.index.get_level_values("sector") == s_name) & ~is_backward]
        if modern.empty:
            continue
        successor = modern.idxmax()
        observed[successor] += mt
        observed[(s_name, k_name)] = 0.0
        notes.append(
            f"C25: {s_name}/{k_name} is retired by {first}; its {mt:.1f} Mt/yr of observed output "
            f"stays on {successor[1]} (phase-out by retrofit or replacement)"
        )
    return observed


def _history(
    scenario: Scenario,
    cfg,
    prod: pd.DataFrame,
    routes: pd.DataFrame,
    national_cap: pd.Series,
    rg: pd.DataFrame,
    ptech: pd.DataFrame,
    periods: list[int],
    notes: list[str],
) -> History:
    """C24/C25 numbers: last observed output by route, diffusion limits, power history."""
    y0, first = cfg.base_year, periods[0]
    observed_years = sorted(int(y) for y in prod["year"].unique() if y0 <= y < first)
    industry_year = observed_years[-1] if observed_years else y0
    output = prod[prod["year"] == industry_year].groupby("sector")["output_mt"].sum()
    industry_output = national_route_output(output, national_cap, shares_at(routes, industry_year))
    diffusion = _optional(
        scenario,
        "technology_diffusion",
        [
            "sector",
            "technology",
            "max_growth_pct_per_yr",
            "seed_mt_per_yr",
            "max_decline_pct_per_yr",
        ],
    ).set_index(["sector", "technology"])
    diffusion = diffusion[
        ["max_growth_pct_per_yr", "seed_mt_per_yr", "max_decline_pct_per_yr"]
    ].astype(float)
    observed_power = _optional(
        scenario, "power_capacity_history", ["region", "technology", "year", "capacity_gw"]
    )
    planned = set(rg.index.get_level_values("technology"))
    national_observed = national_observations(observed_power, first, planned)
    in_service = in_service_shares(observed_power, first, planned)
    generation = _optional(
        scenario,
        "power_generation_inertia",
        ["technology", "observed_year", "observed_generation_twh", "max_decline_pct_per_yr"],
    )
    generation_floor = generation_floors(generation, first, planned)
    observed_power = observed_power[
        observed_power["region"].isin(set(rg.index.get_level_values("region")))
        & (observed_power["year"] > y0)
        & (observed_power["year"] < first)
    ]
    power_year, floor, built = power_history(
        observed_power,
        rg["g0_gw"],
        ptech["lifetime_years"],
        ptech["fleet_age_years"],
        y0,
        first,
    )
    limits = _optional(
        scenario, "power_national_build_limits", ["technology", "max_build_gw_per_yr"]
    )
    national_build = limits.groupby("technology")["max_build_gw_per_yr"].min().astype(float)
    unknown = sorted(set(floor.index) - set(rg.index))
    if unknown:
        _warn(notes, f"power_capacity_history rows outside the planned plants ignored: {unknown}")
        floor = floor.drop(unknown)
        built = built.drop(unknown)
    return History(
        industry_year=industry_year,
        industry_output_mt=industry_output,
        diffusion=diffusion,
        power_year=power_year,
        power_floor_gw=floor,
        power_built_gw=built,
        national_build_gw_per_yr=national_build,
        national_observed_gw=national_observed,
        in_service_share=in_service,
        generation_floor_twh=generation_floor,
    )
