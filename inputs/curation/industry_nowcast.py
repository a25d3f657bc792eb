"""Nowcast of the first period's product demand from national output statistics.

The industry outlook (``industry_outlook``) projects demand from cited studies; for the first
period (2025) national output is already published. Demand in this model is domestic output
including net exports (C20's floor is φ·D of domestic output), so the observed output of the
first period *is* its demand. As the power side does for electricity (``power_nowcast``), the
first period's demand is replaced by the observed output where a statistic of that year, or of
the year before it, is curated; later periods keep the cited outlook.

National statistics for 2025 that ``targets_validation`` does not produce (cement output, the
CREA CO2 estimate) are added here (:func:`industry_statistics_rows`), each with its source.
"""

from __future__ import annotations

import pandas as pd
from common import PERIODS, frame

NBS_2025_CEMENT = (
    "NBS, 2025 cumulative cement output 1.693 bn t, -6.9 % on 2024, as reported by SunSirs "
    "(sunsirs.com, 26 Jan 2026; read)"
)


CREA_2025 = (
    "CREA for Carbon Brief (Feb 2026; read in Live Science and Semafor reports): China's CO2 'likely' fell 0.3 % "
    "in 2025 (fossil fuels +0.1 %, cement CO2 -7 %)"
)


def industry_statistics_rows(statistics: pd.DataFrame) -> list[dict]:
    """National statistics curated here (indicator, year, value, unit, source, detail)."""
    crea24 = statistics[
        (statistics["indicator"] == "co2_total_crea_mt") & (statistics["year"] == 2024)
    ]
    extra = []
    if len(crea24) == 1:
        v24 = float(crea24["value"].iloc[0])
        extra.append(dict(indicator="co2_total_crea_mt", year=2025, value=round(v24 * (1 - 0.003), 1), unit="MtCO2",
                          source=f"derived: {CREA_2025} x this series' 2024 value", source_detail=f"{v24:,.1f} x 0.997; "
                          "the first industrial statistics of 2025 (steel -4.4 %, cement -6.9 %) are in this table"))  # fmt: skip
    return extra + [
        dict(
            indicator="cement_mt",
            year=2025,
            value=1693.0,
            unit="Mt",
            source=NBS_2025_CEMENT,
            source_detail="China Cement Network (e.ccement.com, read) gives 1,548.83 Mt at the same -6.90 %, "
            "another coverage; 1,825.24 Mt (NBS 2024) x 0.931 = 1,699 Mt",
        ),
    ]


def with_industry_statistics(statistics: pd.DataFrame) -> pd.DataFrame:
    """``national_statistics`` with the rows of :func:`industry_statistics_rows` (sorted, unique)."""
    rows = frame(industry_statistics_rows(statistics))
    out = pd.concat([statistics, rows], ignore_index=True)
    dup = out.duplicated(["indicator", "year"], keep=False)
    if dup.any():
        raise ValueError(
            f"national_statistics: indicator/year given twice: {out.loc[dup, ['indicator', 'year']].values.tolist()}"
        )
    return out.sort_values(["indicator", "year"], ignore_index=True)


def _latest(statistics: pd.DataFrame, indicator: str, year: int) -> pd.Series | None:
    """The statistic of ``year``, else of the year before (None if neither is curated)."""
    found = statistics[
        (statistics["indicator"] == indicator) & statistics["year"].between(year - 1, year)
    ]
    return None if found.empty else found.sort_values("year").iloc[-1]


def demand_at_observed_output(demand: pd.DataFrame, statistics: pd.DataFrame) -> pd.DataFrame:
    """First-period demand set to the observed national output (steel, cement, flat glass).

    Parameters
    ----------
    demand : pandas.DataFrame
        ``industry_demand`` as projected (sector, year, demand_mt, source, source_detail).
    statistics : pandas.DataFrame
        ``national_statistics``.

    Returns
    -------
    pandas.DataFrame
        ``demand`` with the first period's rows replaced where a statistic of that year (or the
        year before) exists. Aluminium keeps its projection: see ``ALUMINIUM_NOT_NOWCAST``.
    """
    first = PERIODS[0]
    out = demand.copy()
    clinker = statistics[(statistics["indicator"] == "clinker_mt") & (statistics["year"] == 2020)]
    cement20 = statistics[(statistics["indicator"] == "cement_mt") & (statistics["year"] == 2020)]
    ratio = float(clinker["value"].iloc[0]) / float(cement20["value"].iloc[0])
    rules = {
        "steel": ("crude_steel_mt", 1.0, "crude steel"),
        "cement": ("cement_mt", ratio, f"cement x the 2020 clinker/cement ratio {ratio:.4f} (NBS 2020 clinker "
                   "1,579 Mt / cement; assumption: the ratio of 2020 holds, as in industry_production)"),
        "flat_glass": ("flat_glass_mt", 1.0, "flat glass"),
    }  # fmt: skip
    for sector, (indicator, factor, what) in rules.items():
        stat = _latest(statistics, indicator, first)
        at = (out["sector"] == sector) & (out["year"] == first)
        if stat is None or not at.any():
            continue
        held = (
            ""
            if int(stat["year"]) == first
            else f"; no {first} statistic curated, the {int(stat['year'])} output is held"
        )
        before = float(out.loc[at, "demand_mt"].iloc[0])
        out.loc[at, "demand_mt"] = float(stat["value"]) * factor
        out.loc[at, "source"] = (
            f"observed output {int(stat['year'])} ({what}): {stat['source']}{held}; replaces the outlook's "
            f"{before:,.1f} Mt ({out.loc[at, 'source'].iloc[0]})"
        )
    at = (out["sector"] == "aluminium") & (out["year"] == first)
    out.loc[at, "source"] = out.loc[at, "source"] + "; " + ALUMINIUM_NOT_NOWCAST
    return out


ALUMINIUM_NOT_NOWCAST = (
    "not replaced by observed output: NBS 2025 primary 45.02 Mt + recycled 10.56 Mt (2024, the latest) = 55.6 Mt "
    "exceeds what the model can make in 2025 (primary at most the 45 Mt/yr cap x max_utilisation 0.95 = 42.75 Mt, "
    "an assumption the observed 2025 output at the cap contradicts; recycled at most 11.5 Mt, C21)"
)
