"""Provincial targets, C18 allowances and the inventory boundary of E_other (pure pandas).

* Provincial carbon-intensity targets (``targets`` rows with scope ``provincial``) become C16
  intensity caps I[r,p] in tCO2 per 10k CNY of GDP.
* C18 allowances a_r come from ``climbing_peak_allowances`` (one row per province, each with its
  basis); the scenario may override them.
* The modelled industrial sectors are put on the inventory's sector boundary: where a sector's
  engineering intensities give more than its inventory row, they are scaled by
  κ_s = inventory row / modelled base emissions (national, one factor per sector, at most 1), so
  that the remainder E_other is the inventory's other rows (other industry, transport, buildings,
  agriculture and construction, heat supply), each projected with its own index from
  ``other_emissions_path``.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

logger = logging.getLogger(__name__)

#: 10 tCO2 per 10k CNY = 1 MtCO2 per bn CNY
T_PER_10K_CNY_PER_MT_PER_BN = 10.0
#: targets: carbon-intensity cut between two years, % (e.g. carbon_intensity_cut_pct_2020_2025)
_CUT_PREFIX = "carbon_intensity_cut_pct_"
#: inventory components projected by ``other_emissions_path`` (``heat`` is power_heat less the
#: modelled power sector)
OTHER_COMPONENTS = ("other_industry", "transport", "buildings", "agriculture_construction")
MODELLED_INVENTORY_SECTORS = ("steel", "cement", "aluminium", "flat_glass")


def intensity_targets(
    targets: pd.DataFrame,
    base_year: int,
    emissions0_mt: pd.Series,
    gdp0_bn_cny: pd.Series,
    periods: list[int],
) -> tuple[pd.Series, list[str]]:
    """C16 intensity caps from published provincial carbon-intensity cuts.

    A row ``carbon_intensity_cut_pct_<from>_<to>`` with ``from`` equal to the base year caps the
    province's intensity in year ``to`` at I0·(1 − cut/100), I0 = base-year emissions / GDP.
    National rows (region ``China``) ``carbon_intensity_cut_pct_<from>_<to>`` with another start
    year are chained to the base year and applied to every province without a row of its own for
    that year (a stated assumption: the national cut, province by province). Caps are kept only
    for model periods.

    Returns
    -------
    (pandas.Series, list of str)
        (region, period) -> tCO2 per 10k CNY, and notes on what was derived.
    """
    notes: list[str] = []
    empty = pd.Series(dtype=float, index=pd.MultiIndex.from_tuples([], names=["region", "period"]))
    if targets is None or targets.empty:
        return empty, notes
    rows = targets[targets["target"].astype(str).str.startswith(_CUT_PREFIX)].copy()
    if rows.empty:
        return empty, notes
    span = rows["target"].str.removeprefix(_CUT_PREFIX).str.split("_", expand=True)
    rows["start"], rows["end"] = span[0].astype(int), span[1].astype(int)
    intensity0 = T_PER_10K_CNY_PER_MT_PER_BN * emissions0_mt / gdp0_bn_cny
    out: dict[tuple[str, int], float] = {}
    own = rows[(rows["region"] != "China") & (rows["start"] == base_year)]
    for r, end, cut in own[["region", "end", "value"]].itertuples(index=False):
        if r in intensity0.index and end in periods:
            out[r, int(end)] = float(intensity0[r] * (1 - cut / 100))
    national = rows[rows["region"] == "China"].set_index(["start", "end"])["value"]
    # chain a national cut from an earlier start: (1 − cut[s→end]) / (1 − cut[s→y0])
    for (start, end), cut in national.items():
        if start == base_year:
            factor = 1 - cut / 100
        elif (start, base_year) in national.index:
            factor = (1 - cut / 100) / (1 - national[(start, base_year)] / 100)
        else:
            continue
        if end not in periods:
            continue
        filled = [r for r in intensity0.index if (r, int(end)) not in out]
        for r in filled:
            out[r, int(end)] = float(intensity0[r] * factor)
        if filled:
            notes.append(
                f"C16: {len(filled)} provinces take the national carbon-intensity cut "
                f"{start}→{end} ({(1 - factor) * 100:.1f} % from {base_year}) for {end}"
            )
    if not out:
        return empty, notes
    series = pd.Series(out, dtype=float)
    series.index = series.index.set_names(["region", "period"])
    return series.sort_index(), notes


def climbing_allowances(table: pd.DataFrame | None, regions: list[str]) -> pd.Series:
    """C18 a_r per region from ``climbing_peak_allowances`` (regions without a row: absent)."""
    if table is None or table.empty:
        return pd.Series(dtype=float)
    values = table.groupby("region")["allowance_share"].first().astype(float)
    return values[values.index.isin(regions)]


def boundary_factors(
    inventory: pd.DataFrame, modelled0: pd.Series, regions: list[str], year: int
) -> pd.Series:
    """κ_s = min(1, Σ_r inventory row of s / Σ_r modelled base emissions of s) (regions with both).

    Parameters
    ----------
    inventory : pandas.DataFrame
        ``emissions_inventory`` rows of the base inventory year.
    modelled0 : pandas.Series
        (region, sector) -> modelled base-year emissions at engineering intensities, MtCO2.

    Returns
    -------
    pandas.Series
        sector -> κ (only sectors with inventory rows and modelled emissions).
    """
    rows = inventory[
        inventory["sector"].isin(MODELLED_INVENTORY_SECTORS)
        & inventory["region"].isin(regions)
        & (inventory["year"] == year)
    ]
    if rows.empty or modelled0.empty:
        return pd.Series(dtype=float)
    listed = rows.groupby(["region", "sector"])["emissions_mtco2"].sum()
    both = listed.index.intersection(modelled0.index)
    inv_s = listed.reindex(both).groupby(level="sector").sum()
    mod_s = modelled0.reindex(both).groupby(level="sector").sum()
    # An inventory row may be wider than the modelled sector (non-ferrous metals include copper
    # and zinc besides aluminium): the excess is other activity and stays in E_other. It cannot
    # book less than the sector emits, so where the engineering intensities exceed the row (coke
    # ovens booked under coking; apparent consumption), the sector is scaled down to the row.
    kappa = (inv_s / mod_s.where(mod_s > 0)).dropna().clip(upper=1.0)
    return kappa[kappa > 0]


def other_emissions(
    inventory: pd.DataFrame,
    year: int,
    other0: pd.Series,
    power0: pd.Series,
    path: pd.DataFrame | None,
    periods: list[int],
) -> tuple[pd.Series, pd.DataFrame] | None:
    """E_other[r,p] component by component, or None when the data do not allow it.

    E_other[r,y0] (the calibrated remainder, ``other0``) is split into the inventory's other rows
    (``OTHER_COMPONENTS``), heat supply (power_heat less the modelled power sector) and the rest
    (what the boundary factors leave between a province's modelled sectors and its inventory
    rows; nationally zero). Each component follows its national index in ``path``
    (interpolated between years; the rest stays constant).

    Returns
    -------
    (pandas.Series, pandas.DataFrame) or None
        (region, period) -> MtCO2, and the base-year split per region (columns = components).
    """
    if path is None or path.empty:
        return None
    rows = inventory[inventory["year"] == year]
    wide = rows.pivot_table(
        index="region", columns="sector", values="emissions_mtco2", aggfunc="sum"
    ).reindex(other0.index)
    needed = [*OTHER_COMPONENTS, "power_heat"]
    if any(c not in wide.columns for c in needed) or wide[needed].isna().any().any():
        return None
    split = wide[list(OTHER_COMPONENTS)].copy()
    split["heat"] = wide["power_heat"] - power0.reindex(other0.index).fillna(0.0)
    split["rest"] = other0 - split.sum(axis=1)
    index = path.pivot_table(index="component", columns="year", values="index_vs_base")
    index = index.reindex(columns=sorted(set(index.columns) | set(periods) | {year}))
    index[year] = index[year].fillna(1.0)
    index = index.T.interpolate(method="index", limit_area="inside").ffill().T
    missing = [c for c in (*OTHER_COMPONENTS, "heat") if c not in index.index]
    if missing:
        raise ValueError(f"other_emissions_path: no rows for components {missing}")
    out = {}
    for r in other0.index:
        for p in periods:
            out[r, p] = float(
                sum(split.at[r, c] * index.at[c, p] for c in (*OTHER_COMPONENTS, "heat"))
                + split.at[r, "rest"]
            )
    series = pd.Series(out, dtype=float)
    series.index = series.index.set_names(["region", "period"])
    return series, split.replace([np.inf, -np.inf], np.nan)
