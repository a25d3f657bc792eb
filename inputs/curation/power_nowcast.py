"""Nowcast of the first period from national statistics published after the provincial series.

The provincial power and consumption series stop in 2023, but national figures for 2024 and 2025
(the first period) are published (``national_statistics``: CEC/NEA capacity, NEA consumption).
Two uses, both stated in the rows they write:

* ``power_capacity_history`` gains national rows (region ``China``) for those years: capacity that
  exists stands in the first period (MODEL.md C25) even where its provincial split is unknown;
  ``wind`` is onshore plus offshore, as the statistic is. The last provincial year keeps its
  national row (the in-service share of the first period needs the year before it).
* the ``electricity_demand`` projection is scaled so that its first period meets the observed
  national consumption of that year, keeping each province's share and later growth.
"""

from __future__ import annotations

import pandas as pd
from common import PERIODS, frame

#: national statistic -> technology of the national history rows
NATIONAL_CAPACITY = {"solar_gw": "solar_pv", "wind_gw": "wind", "nuclear_gw": "nuclear"}


def national_power_history(history: pd.DataFrame, statistics: pd.DataFrame) -> pd.DataFrame:
    """National capacity rows from the last provincial history year up to the first period.

    The last provincial year keeps its national row too: C10's in-service share of the first
    period needs national year-end capacity of the year before it (MODEL.md C25), and the
    provincial wind rows of 2024 are a November floor, not the year-end total.
    """
    last = int(history["year"].max())
    rows = []
    found = statistics[
        statistics["indicator"].isin(list(NATIONAL_CAPACITY))
        & (statistics["year"] >= last)
        & (statistics["year"] <= PERIODS[0])
    ]
    for stat in found.itertuples(index=False):
        rows.append(
            dict(
                region="China", technology=NATIONAL_CAPACITY[stat.indicator], year=int(stat.year),
                capacity_gw=float(stat.value), source=stat.source,
                source_detail=f"national statistic {stat.indicator} {int(stat.year)} (no provincial "
                f"split published here); {stat.source_detail}",
            )
        )  # fmt: skip
    return pd.concat([history, frame(rows)], ignore_index=True)


def demand_at_observed_national(demand: pd.DataFrame, statistics: pd.DataFrame) -> pd.DataFrame:
    """Scale the projected years so that the first period meets its observed national consumption."""
    first = PERIODS[0]
    stat = statistics[
        (statistics["indicator"] == "electricity_consumption_twh") & (statistics["year"] == first)
    ]
    if stat.empty:
        return demand
    observed = float(stat["value"].iloc[0])
    projected = demand["year"] >= first
    total = float(demand.loc[demand["year"] == first, "demand_twh"].sum())
    factor = observed / total
    out = demand.copy()
    out.loc[projected, "demand_twh"] = out.loc[projected, "demand_twh"] * factor
    out.loc[projected, "source"] = (
        out.loc[projected, "source"]
        + f"; scaled by {factor:.4f} so that {first} meets the observed national consumption "
        f"({observed:,.1f} TWh: {stat['source'].iloc[0]})"
    )
    return out
