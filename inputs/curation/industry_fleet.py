"""China's blast-furnace fleet from the Global Energy Monitor iron-unit data (age, relining, turnover).

Source: Global Energy Monitor, Global Iron and Steel Tracker, March 2025 (V1) release, CC BY 4.0,
iron-unit document (sheets 'Blast furnaces' and 'Blast furnace relinings') joined to the
plant-level document ('Plant data': country) as stored in
``clarabachorz/steel-lockin-analysis@5fd17d734d`` under ``inputdata/python_source/``. GEM covers
plants of at least 0.5 Mt/yr of iron or steel capacity, so the smallest blast furnaces are missing.

The figures below were computed once from those two workbooks with :func:`blast_furnace_fleet`
(kept here so that anyone holding the files can recompute them); the workbooks are not shipped and
not read at curation time. Capacities are GEM's nominal iron capacity (t of iron per year), so
they are used as shares, never as Mt of crude steel.

Definitions used by :func:`blast_furnace_fleet`:

* the 2020 stock: units with status operating, operating pre-retirement, mothballed (not idled
  before 2021) or retired with a retirement year after 2020, whose start year is 2020 or earlier
  or unknown;
* age in 2020 = 2020 - start year, capacity-weighted over the units whose start year is known;
* the campaign of a unit starts at its start year and restarts at the end of each relining.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

GEM_GIST = (
    "Global Energy Monitor, Global Iron and Steel Tracker, March 2025 (V1) release (CC BY 4.0), iron-unit data "
    "'Blast furnaces' and 'Blast furnace relinings' joined to plant-level 'Plant data' (China), as stored in "
    "clarabachorz/steel-lockin-analysis@5fd17d734d:inputdata/python_source/"
    "Iron-unit-data-Global-Iron-and-Steel-Tracker-March-2025-V1.xlsx and "
    "Plant-level-data-Global-Iron-and-Steel-Tracker-March-2025-V1.xlsx"
)

#: results of :func:`blast_furnace_fleet` on the files named in GEM_GIST (computed 2026-12-03)
BF_FLEET_2020: dict[str, float] = {
    "stock_2020_mt_iron": 906.3,  # 780 units
    "start_known_share": 0.560,  # of the 2020 stock's capacity
    "mean_age_2020_years": 10.7,  # capacity-weighted, units with a known start year
    "age_0_5_share": 0.207,
    "age_6_10_share": 0.346,
    "age_11_15_share": 0.307,
    "age_16_20_share": 0.076,
    "age_over_20_share": 0.065,
    "relined_by_2020_share": 0.161,  # of the 2020 stock, with a relining ended by 2020
    "first_campaign_median_years": 11.0,  # unit start to first relining, 145 Chinese units
    "first_campaign_iqr_low_years": 6.0,
    "first_campaign_iqr_high_years": 14.0,
    "retired_2021_2024_mt_iron": 164.9,  # 57.7, 63.3, 32.0, 11.9 in 2021-2024
    "retired_2021_2024_share_per_yr": 0.0455,  # of the 2020 stock
    "retired_below_1200m3_share": 0.778,
    "retired_mean_age_years": 15.5,  # where the start year is known (21 % of that capacity)
    "new_2021_2024_mt_iron": 165.6,  # 48.5, 63.3, 25.4, 28.4 started in 2021-2024
    "stock_2020_operating_2025_share": 0.807,  # still operating in the March 2025 release
    "pre_retirement_mt_iron": 82.2,  # 'operating pre-retirement', 16.6 of it dated 2025
    "size_to_400m3_share": 0.003,  # of the 2020 stock, by furnace volume
    "size_400_1200m3_share": 0.416,
    "size_1200_2000m3_share": 0.262,
    "size_over_2000m3_share": 0.319,
}

_F = BF_FLEET_2020
BF_BOF_FLEET_AGE_YEARS = _F["mean_age_2020_years"]
BF_BOF_FLEET_AGE_SOURCE = f"derived from {GEM_GIST}"
BF_BOF_FLEET_AGE_DETAIL = (
    f"capacity-weighted mean age in 2020 of China's 2020 blast-furnace stock ({_F['stock_2020_mt_iron']:.0f} Mt/yr "
    f"of iron in 780 units at plants >= 0.5 Mt/yr; start year known for {_F['start_known_share']:.0%} of it), age "
    f"counted from the unit's start year: {_F['age_0_5_share']:.0%} up to 5 years old, {_F['age_6_10_share']:.0%} "
    f"6-10, {_F['age_11_15_share']:.0%} 11-15, {_F['age_16_20_share']:.0%} 16-20, {_F['age_over_20_share']:.0%} "
    "older. Relining treatment: a relining renews the furnace lining within the plant's life (the MPP steel model's "
    "40-year plant life with a 20-year reinvestment cycle), so the age is not reset by it; Chinese campaigns to the "
    f"first relining last {_F['first_campaign_median_years']:.0f} years (median of 145 units, interquartile "
    f"{_F['first_campaign_iqr_low_years']:.0f}-{_F['first_campaign_iqr_high_years']:.0f}) and "
    f"{_F['relined_by_2020_share']:.0%} of the 2020 stock had been relined by 2020. Turnover observed after 2020: "
    f"{_F['retired_2021_2024_mt_iron']:.0f} Mt/yr retired 2021-2024 ({_F['retired_2021_2024_share_per_yr']:.1%} of "
    f"the 2020 stock a year, {_F['retired_below_1200m3_share']:.0%} of it in furnaces below 1,200 m3, mean age "
    f"{_F['retired_mean_age_years']:.1f} years where known), replaced by {_F['new_2021_2024_mt_iron']:.0f} Mt/yr of "
    "new blast furnaces started 2021-2024 (capacity replacement): the straight-line survival over the remaining "
    "life (40 - 10.7 years, 3.4 %/yr) retires less of the 2020 stock than the policy-driven replacement did"
)
BACKWARD_BF_DETAIL = (
    "GEM cross-check (not used as the share): by furnace volume the 2020 stock is "
    f"{_F['size_to_400m3_share']:.1%} at or below 400 m3 (the eliminated class of 产业结构调整指导目录(2019年本); "
    f"transcribed, verify; GEM omits plants below 0.5 Mt/yr, where such furnaces sit), "
    f"{_F['size_400_1200m3_share']:.0%} 400-1,200 m3 (restricted class: no new build), "
    f"{_F['size_1200_2000m3_share']:.0%} 1,200-2,000 m3 and {_F['size_over_2000m3_share']:.0%} larger; "
    f"{_F['retired_2021_2024_mt_iron']:.0f} Mt/yr retired 2021-2024 and {_F['pre_retirement_mt_iron']:.0f} Mt/yr "
    "announced for retirement were replaced by new furnaces; the model follows that: the observed output of "
    "backward stock that C4 retires by the first period stays on the modern route in the C25 anchor "
    f"(models/calibration_history.py). {GEM_GIST}"
)


def _year(value: object) -> float:
    """Year of a GEM date cell ('2015-08', 2015, 'unknown')."""
    match = re.match(r"^(\d{4})", str(value))
    return float(match.group(1)) if match else np.nan


def blast_furnace_fleet(iron_units_xlsx: Path, plants_xlsx: Path, country: str = "China") -> dict:
    """Recompute :data:`BF_FLEET_2020` from the two GEM workbooks.

    Parameters
    ----------
    iron_units_xlsx, plants_xlsx : Path
        The GEM iron-unit and plant-level workbooks named in :data:`GEM_GIST`.
    country : str
        GEM 'Country/Area' of the plants.

    Returns
    -------
    dict
        The keys of :data:`BF_FLEET_2020` with unrounded values.
    """
    bf = pd.read_excel(iron_units_xlsx, sheet_name="Blast furnaces")
    relinings = pd.read_excel(iron_units_xlsx, sheet_name="Blast furnace relinings")
    plants = pd.read_excel(plants_xlsx, sheet_name="Plant data")[["Plant ID", "Country/Area"]]
    bf = bf.merge(plants, left_on="GEM Plant ID", right_on="Plant ID", how="left")
    bf = bf[bf["Country/Area"] == country].copy()
    for col in ("Start Date", "Retired Date", "Idled Date"):
        bf[col] = bf[col].map(_year)
    bf["cap"] = pd.to_numeric(bf["Current Capacity (ttpa)"], errors="coerce").fillna(0.0)
    bf["size"] = pd.to_numeric(bf["Current Size (m3)"], errors="coerce")
    status, start, retired = bf["Unit Status"], bf["Start Date"], bf["Retired Date"]
    existing = status.isin(["operating", "operating pre-retirement", "mothballed", "retired"])
    alive = (
        existing
        & ((start <= 2020) | start.isna())
        & ~(retired <= 2020)
        & ~((status == "retired") & retired.isna())
        & ~((status == "mothballed") & (bf["Idled Date"] <= 2020))
    )
    stock = bf[alive]
    total = stock["cap"].sum()
    known = stock[stock["Start Date"].notna()]
    age = 2020 - known["Start Date"]
    bins = {"age_0_5_share": (-1, 5), "age_6_10_share": (5, 10), "age_11_15_share": (10, 15),
            "age_16_20_share": (15, 20), "age_over_20_share": (20, 999)}  # fmt: skip
    out = {
        "stock_2020_mt_iron": total / 1e3,
        "start_known_share": known["cap"].sum() / total,
        "mean_age_2020_years": float((age * known["cap"]).sum() / known["cap"].sum()),
    }
    for key, (lo, hi) in bins.items():
        out[key] = known["cap"][(age > lo) & (age <= hi)].sum() / known["cap"].sum()
    relinings = relinings.assign(
        stop=relinings["Furnace Relining Stop Date"].map(_year),
        begin=relinings["Furnace Relining Start Date"].map(_year),
    )
    relined = set(relinings.loc[relinings["stop"] <= 2020, "GEM Unit ID"])
    out["relined_by_2020_share"] = (
        stock.loc[stock["GEM Unit ID"].isin(relined), "cap"].sum() / total
    )
    first = relinings.sort_values("stop").groupby("GEM Unit ID").first()
    first = first.join(bf.set_index("GEM Unit ID")["Start Date"], how="inner")
    campaign = (first["begin"] - first["Start Date"]).dropna()
    campaign = campaign[campaign > 0]
    out["first_campaign_median_years"] = float(campaign.median())
    out["first_campaign_iqr_low_years"] = float(campaign.quantile(0.25))
    out["first_campaign_iqr_high_years"] = float(campaign.quantile(0.75))
    gone = bf[(status == "retired") & retired.between(2021, 2024)]
    out["retired_2021_2024_mt_iron"] = gone["cap"].sum() / 1e3
    out["retired_2021_2024_share_per_yr"] = gone["cap"].sum() / total / 4
    out["retired_below_1200m3_share"] = (
        gone.loc[gone["size"] < 1200, "cap"].sum() / gone["cap"].sum()
    )
    dated = gone[gone["Start Date"].notna()]
    out["retired_mean_age_years"] = float(
        ((dated["Retired Date"] - dated["Start Date"]) * dated["cap"]).sum() / dated["cap"].sum()
    )
    running = status.isin(["operating", "operating pre-retirement", "mothballed"])
    out["new_2021_2024_mt_iron"] = bf.loc[running & start.between(2021, 2024), "cap"].sum() / 1e3
    operating = stock["Unit Status"].isin(["operating", "operating pre-retirement"])
    out["stock_2020_operating_2025_share"] = stock.loc[operating, "cap"].sum() / total
    out["pre_retirement_mt_iron"] = bf.loc[status == "operating pre-retirement", "cap"].sum() / 1e3
    size = stock["size"]
    for key, (lo, hi) in {"size_to_400m3_share": (0, 400), "size_400_1200m3_share": (400, 1200),
                          "size_1200_2000m3_share": (1200, 2000),
                          "size_over_2000m3_share": (2000, 1e9)}.items():  # fmt: skip
        out[key] = (
            stock.loc[(size > lo) & (size <= hi), "cap"].sum()
            / stock.loc[size.notna(), "cap"].sum()
        )
    return out
