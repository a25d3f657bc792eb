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


def _intensity_cuts(targets: pd.DataFrame) -> pd.DataFrame:
    """Carbon-intensity cuts as rows (region, start, end, cut share), from either spelling:
    ``carbon_intensity_cut_pct_<start>_<end>`` (value in %, provincial plans) or
    ``co2_intensity_reduction_vs_<start>`` at ``year`` = end (value a share, national rows)."""
    target = targets["target"].astype(str)
    pct = targets[target.str.startswith(_CUT_PREFIX)]
    span = pct["target"].str.removeprefix(_CUT_PREFIX).str.split("_", expand=True)
    a = pd.DataFrame(
        {
            "region": pct["region"],
            "start": span[0].astype(int) if not pct.empty else [],
            "end": span[1].astype(int) if not pct.empty else [],
            "cut": pct["value"].astype(float) / 100,
        }
    )
    share = targets[target.str.fullmatch(r"co2_intensity_reduction_vs_\d{4}(_achieved)?")]
    b = pd.DataFrame(
        {
            "region": share["region"],
            "start": share["target"].str.extract(r"vs_(\d{4})")[0].astype(int),
            "end": share["year"].astype(int),
            "cut": share["value"].astype(float),
        }
    )
    return pd.concat([a, b], ignore_index=True)


def intensity_targets(
    targets: pd.DataFrame,
    base_year: int,
    emissions0_mt: pd.Series,
    gdp0_bn_cny: pd.Series,
    periods: list[int],
) -> tuple[pd.Series, list[str]]:
    """C16 intensity targets from published carbon-intensity cuts, as shares of base intensity.

    A province's own cut from the base year to a model period caps its intensity in that
    period at (1 − cut)·I0, I0 = its base-year emissions / GDP on the accounting in force
    (production or consumption: the model applies the share to the matching base). National cuts (region ``China``),
    chained to the base year where they start earlier (2005 → 2030 over 2005 → 2020), apply to
    every province without a carbon-intensity cut of its own for that period: a stated
    assumption (most provinces published energy-intensity, not carbon-intensity, targets).

    Returns
    -------
    (pandas.Series, list of str)
        (region, period) -> share of base-year intensity (1 − cut), and notes.
    """
    notes: list[str] = []
    empty = pd.Series(dtype=float, index=pd.MultiIndex.from_tuples([], names=["region", "period"]))
    if targets is None or targets.empty:
        return empty, notes
    cuts = _intensity_cuts(targets)
    if cuts.empty:
        return empty, notes
    intensity0 = emissions0_mt / gdp0_bn_cny
    out: dict[tuple[str, int], float] = {}
    own = cuts[(cuts["region"] != "China") & (cuts["start"] == base_year)]
    for r, end, cut in own[["region", "end", "cut"]].itertuples(index=False):
        if r in intensity0.index and end in periods:
            out[r, int(end)] = float(1 - cut)
    national = cuts[cuts["region"] == "China"].groupby(["start", "end"])["cut"].first()
    factors: dict[int, float] = {}
    for (start, end), cut in national.items():
        if start == base_year:
            factors.setdefault(int(end), 1 - cut)
        elif (start, base_year) in national.index:
            factors.setdefault(int(end), (1 - cut) / (1 - national[(start, base_year)]))
    for end, factor in sorted(factors.items()):
        if end not in periods:
            continue
        filled = [r for r in intensity0.index if (r, end) not in out]
        for r in filled:
            out[r, end] = float(factor)
        if filled:
            notes.append(
                f"C16: {len(filled)} provinces without a carbon-intensity target of their own for "
                f"{end} take the national cut ({(1 - factor) * 100:.1f} % from {base_year})"
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
