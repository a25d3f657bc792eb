"""Observed history after the base year and the inertia data of C24/C25, derived with pandas.

A plan must start from the economy that exists (MODEL.md C24, C25). This module turns the tidy
tables of observed years into the numbers those families need, before any Pyomo component
exists:

* base-year (and last-observed-year) output by technology, from the observed output of each
  sector and the published route shares (``industry_route_shares``), e.g. the EAF share of
  crude steel, instead of a split in proportion to capacity;
* C24 growth factors, start-up amounts and decline limits per technology
  (``technology_diffusion``) and national power build limits (``power_national_build_limits``);
* C25 the power capacity observed after the base year (``power_capacity_history``), which
  stands in the first period unless it reaches its end of life, and the national generation by
  technology observed last (``power_generation_inertia``), which the first period's generation
  may fall below only at the largest rate observed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

logger = logging.getLogger(__name__)

NATIONAL = "China"
_RAS_ITERATIONS = 200
_RAS_TOLERANCE = 1e-9


@dataclass
class History:
    """Inertia and history numbers of one model instance (see the module docstring).

    Attributes
    ----------
    industry_year : int
        Year the first period's C25 output limits start from (the last observed year, or the
        base year when no later output is given).
    industry_output_mt : pandas.Series
        National output by (sector, technology) in ``industry_year``, Mt/yr.
    diffusion : pandas.DataFrame
        Index (sector, technology): ``max_growth_pct_per_yr``, ``seed_mt_per_yr``,
        ``max_decline_pct_per_yr`` (NaN: no decline limit).
    power_year : int or None
        Last year of ``power_capacity_history`` (None without the table).
    power_floor_gw : pandas.Series
        (region, technology): capacity that must stand in the first period, GW.
    power_built_gw : pandas.Series
        (region, technology): capacity added between the base year and ``power_year``, GW.
    national_build_gw_per_yr : pandas.Series
        technology: national build limit NB_g, GW/yr.
    national_observed_gw : dict
        name -> (technologies, year, GW): national capacity observed after the provincial
        history (rows with region ``China``; ``wind`` is onshore plus offshore), at the latest
        year up to the first period.
    in_service_share : dict
        technology -> share of its first-period capacity that produces through the whole
        first-period year: (C[y−1] + C[y]) / (2 C[y]) from national year-end capacity observed
        for the first period's year y and the year before (capacity added during a year
        produces, on average, for half of it). Only technologies with both years observed.
    generation_floor_twh : dict
        technology -> least national generation in the first period, TWh/yr
        (:func:`generation_floors`).
    """

    industry_year: int
    industry_output_mt: pd.Series
    diffusion: pd.DataFrame
    power_year: int | None
    power_floor_gw: pd.Series
    power_built_gw: pd.Series
    national_build_gw_per_yr: pd.Series
    national_observed_gw: dict[str, tuple[tuple[str, ...], int, float]] = field(
        default_factory=dict
    )
    in_service_share: dict[str, float] = field(default_factory=dict)
    generation_floor_twh: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def shares_at(shares: pd.DataFrame, year: int) -> pd.DataFrame:
    """Route-share rows of the latest year ≤ ``year`` per (region, sector) (else the earliest)."""
    if shares.empty:
        return shares
    rows = []
    for _, group in shares.groupby(["region", "sector"]):
        years = sorted(group["year"].unique())
        earlier = [y for y in years if y <= year]
        chosen = earlier[-1] if earlier else years[0]
        rows.append(group[group["year"] == chosen])
    return pd.concat(rows, ignore_index=True)


def national_route_output(
    output_s: pd.Series, capacity_sk: pd.Series, shares: pd.DataFrame
) -> pd.Series:
    """National output by technology: published shares, the remainder in proportion to capacity.

    Parameters
    ----------
    output_s : pandas.Series
        National output per sector, Mt/yr.
    capacity_sk : pandas.Series
        National base capacity per (sector, technology), Mt/yr (existing technologies only).
    shares : pandas.DataFrame
        National (region ``China``) rows of ``industry_route_shares`` for one year.

    Returns
    -------
    pandas.Series
        (sector, technology) -> Mt/yr; sums to ``output_s`` per sector.
    """
    given = (
        shares[shares["region"] == NATIONAL].set_index(["sector", "technology"])["share"]
        if not shares.empty
        else pd.Series(dtype=float)
    )
    out = {}
    for s, total in output_s.items():
        techs = capacity_sk.loc[s] if s in capacity_sk.index.get_level_values(0) else pd.Series()
        fixed = given.loc[s] if s in given.index.get_level_values(0) else pd.Series(dtype=float)
        rest_share = max(0.0, 1.0 - float(fixed.sum()))
        free = techs[[k for k in techs.index if k not in fixed.index and techs[k] > 0]]
        for k, share in fixed.items():
            out[s, k] = total * float(share)
        for k, cap in free.items():
            out[s, k] = total * rest_share * float(cap) / float(free.sum())
    index = pd.MultiIndex.from_tuples(list(out), names=["sector", "technology"])
    return pd.Series(list(out.values()), index=index, dtype=float)


def split_by_route(
    output_rs: pd.Series, capacity_rsk: pd.Series, national_sk: pd.Series
) -> pd.Series:
    """Provincial output by technology that matches both margins (iterative proportional fitting).

    Each province's output (row sums) and each technology's national output (column sums) are
    known; the split starts from capacity and is scaled alternately to both margins (RAS), so a
    province makes its output with the technologies it has, in the national route mix. Where a
    sector's margins cannot both be met (a published route with no capacity anywhere), the
    province margins win and a note says so.

    Parameters
    ----------
    output_rs : pandas.Series
        (region, sector) -> output, Mt/yr.
    capacity_rsk : pandas.Series
        (region, sector, technology) -> capacity, Mt/yr (zero: cannot produce).
    national_sk : pandas.Series
        (sector, technology) -> national output, Mt/yr.

    Returns
    -------
    pandas.Series
        (region, sector, technology) -> Mt/yr, on ``capacity_rsk``'s index.
    """
    out = pd.Series(0.0, index=capacity_rsk.index)
    for s in capacity_rsk.index.get_level_values("sector").unique():
        cap = capacity_rsk.xs(s, level="sector").unstack("technology").fillna(0.0)
        rows = (
            output_rs.xs(s, level="sector").reindex(cap.index).fillna(0.0).to_numpy(float)
            if s in output_rs.index.get_level_values("sector")
            else np.zeros(len(cap.index))
        )
        cols = (
            national_sk.xs(s, level="sector").reindex(cap.columns).fillna(0.0).to_numpy()
            if s in national_sk.index.get_level_values("sector")
            else None
        )
        x = cap.to_numpy(dtype=float).copy()
        if cols is not None and cols.sum() > 0:
            cols = cols * rows.sum() / cols.sum()  # same total on both margins
            for _ in range(_RAS_ITERATIONS):
                row_sum = x.sum(axis=1)
                x *= np.divide(rows, row_sum, out=np.zeros_like(rows), where=row_sum > 0)[:, None]
                col_sum = x.sum(axis=0)
                x *= np.divide(cols, col_sum, out=np.ones_like(cols), where=col_sum > 0)[None, :]
                if np.abs(x.sum(axis=1) - rows).max() <= _RAS_TOLERANCE * max(1.0, rows.sum()):
                    break
        row_sum = x.sum(axis=1)  # the province totals are the observed ones: they win
        x *= np.divide(rows, row_sum, out=np.zeros_like(rows), where=row_sum > 0)[:, None]
        frame = pd.DataFrame(x, index=cap.index, columns=cap.columns).stack()
        for (r, k), value in frame.items():
            if (r, s, k) in out.index:
                out[r, s, k] = value
    return out


def vintage_survival(
    years_since_base: np.ndarray, life_years: np.ndarray, mean_age_years: np.ndarray
) -> np.ndarray:
    """Share of a base-year power fleet still standing ``years_since_base`` after the base year.

    Every unit runs to the end of its life, and the fleet's ages are spread evenly over
    [0, A] with A = 2 × mean age (at most the lifetime): nothing retires until the oldest units
    reach their life (after L − A years), then the fleet retires in a straight line until the
    youngest do (after L years). Only the mean age is published per technology, so the spread
    is the assumption; with A = L this is the straight line over the whole life.

    The straight line over the mean remaining life (L − mean age) that the power fleet used
    before retired young fleets from the base year on: 39 GW/yr of the 2020 coal fleet, where
    Global Energy Monitor's coal tracker (July 2023) records 1.9 and 2.9 GW retired in China in
    2021 and 2022 and 13.0 GW in its largest year since 2000 (2020), and 21 GW/yr of wind and
    solar, and 5 GW/yr of hydro, that had not reached their life.

    Parameters
    ----------
    years_since_base : array
        Years after the base year (broadcast against the other two).
    life_years, mean_age_years : array
        Technical lifetime and mean age of the base-year fleet, years.

    Returns
    -------
    numpy.ndarray
        Surviving share, in [0, 1].
    """
    t = np.asarray(years_since_base, dtype=float)
    life = np.asarray(life_years, dtype=float)
    spread = np.minimum(2.0 * np.asarray(mean_age_years, dtype=float), life)
    step = (t < life).astype(float)  # a fleet of one age retires at once
    ramp = np.divide(life - t, spread, out=step.copy(), where=spread > 0)
    return np.clip(np.where(spread > 0, ramp, step), 0.0, 1.0)


def power_history(
    history: pd.DataFrame,
    g0: pd.Series,
    life: pd.Series,
    age: pd.Series,
    base_year: int,
    first_period: int,
) -> tuple[int | None, pd.Series, pd.Series]:
    """C25 floors from observed power capacity after the base year.

    Capacity observed in the last history year stands in the first period: base-year stock
    still follows its survival (:func:`vintage_survival`), capacity added since stays whole (none of it
    reaches its end of life by the first period). Where less was observed than the surviving
    base stock (early closures), the observed capacity keeps shrinking at the same rate.

    Returns
    -------
    (year, floor, built)
        The last observed year, the floor per (region, technology) in GW and the capacity
        added since the base year per (region, technology) in GW.
    """
    empty = pd.Series(dtype=float, index=pd.MultiIndex.from_tuples([], names=g0.index.names))
    if history is None or history.empty:
        return None, empty, empty
    year = int(history["year"].max())
    observed = (
        history[history["year"] == year].groupby(["region", "technology"])["capacity_gw"].sum()
    )
    keys = observed.index
    base = g0.reindex(keys).fillna(0.0)
    tech = keys.get_level_values("technology")
    life_g, age_g = life.reindex(tech).to_numpy(), age.reindex(tech).to_numpy()
    beta_obs = vintage_survival(np.full(len(keys), year - base_year), life_g, age_g)
    beta_first = vintage_survival(np.full(len(keys), first_period - base_year), life_g, age_g)
    surviving_obs = base.to_numpy() * beta_obs
    added = np.maximum(0.0, observed.to_numpy() - surviving_obs)
    shrink = np.divide(beta_first, beta_obs, out=np.zeros_like(beta_obs), where=beta_obs > 0)
    floor = np.where(
        observed.to_numpy() >= surviving_obs,
        base.to_numpy() * beta_first + added,
        observed.to_numpy() * shrink,
    )
    return (
        year,
        pd.Series(floor, index=keys, name="floor_gw"),
        pd.Series(added, index=keys, name="built_gw"),
    )


#: national history rows may name a group of model technologies
TECHNOLOGY_GROUPS = {"wind": ("onshore_wind", "offshore_wind")}


def national_observations(
    history: pd.DataFrame | None, first_period: int, technologies: set[str]
) -> dict[str, tuple[tuple[str, ...], int, float]]:
    """National capacity rows (region ``China``) of the latest year up to the first period."""
    if history is None or history.empty:
        return {}
    rows = history[(history["region"] == NATIONAL) & (history["year"] <= first_period)]
    out = {}
    for name, group in rows.groupby("technology"):
        latest = group[group["year"] == group["year"].max()].iloc[0]
        members = tuple(
            g for g in TECHNOLOGY_GROUPS.get(str(name), (str(name),)) if g in technologies
        )
        if members:
            out[str(name)] = (members, int(latest["year"]), float(latest["capacity_gw"]))
    return out


def in_service_shares(
    history: pd.DataFrame | None, first_period: int, technologies: set[str]
) -> dict[str, float]:
    """Share of first-period capacity producing all year, from national year-end capacity.

    The first period is an observed year: its capacity is the year-end statistic, but plants
    commissioned during the year produced for part of it (on average half, for additions spread
    over the year). With national capacity C observed at the end of the first period's year y
    and of the year before, the capacity in service on average over year y is
    (C[y−1] + C[y]) / 2, a share (C[y−1] + C[y]) / (2 C[y]) of the year-end figure (solar 2025:
    (887 + 1,202) / 2,404 = 0.87). Shares above 1 (capacity that shrank) are taken as 1.

    Returns
    -------
    dict
        technology -> share in (0, 1]; technologies of a group (``wind``) share its value.
    """
    if history is None or history.empty:
        return {}
    rows = history[history["region"] == NATIONAL]
    out: dict[str, float] = {}
    for name, group in rows.groupby("technology"):
        by_year = group.groupby("year")["capacity_gw"].sum()
        if first_period not in by_year.index or first_period - 1 not in by_year.index:
            continue
        end, before = float(by_year[first_period]), float(by_year[first_period - 1])
        if end <= 0:
            continue
        share = min(1.0, (before + end) / (2 * end))
        for g in TECHNOLOGY_GROUPS.get(str(name), (str(name),)):
            if g in technologies:
                out[g] = share
    return out


def generation_floors(
    observed: pd.DataFrame | None, first_period: int, technologies: set[str]
) -> dict[str, float]:
    """Least national generation of each technology in the first period, TWh/yr.

    Generation observed in year y may fall by at most δ %/yr to the first period:
    G·(1 − δ/100)^(p1 − y) (``power_generation_inertia``; an observation in or after the first
    period's year floors it at G). δ = 100 (no fall observed) gives no floor, nor does a
    technology the model does not plan.
    """
    if observed is None or observed.empty:
        return {}
    out = {}
    for row in observed.itertuples(index=False):
        decline = float(row.max_decline_pct_per_yr)
        if row.technology not in technologies or decline >= 100:
            continue
        span = max(first_period - int(row.observed_year), 0)
        out[str(row.technology)] = float(row.observed_generation_twh) * (1 - decline / 100) ** span
    return out
