"""Shared helpers and constants of the curation modules: provinces, periods, unit conversions,
exchange rates, IPCC factors, the transcription wording, the shared-extract reader and the
PyPSA-China-PIK cost lookup."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

PROVINCES: tuple[str, ...] = (
    "Anhui", "Beijing", "Chongqing", "Fujian", "Gansu", "Guangdong", "Guangxi", "Guizhou", "Hainan",
    "Hebei", "Heilongjiang", "Henan", "Hubei", "Hunan", "Inner Mongolia", "Jiangsu", "Jiangxi", "Jilin",
    "Liaoning", "Ningxia", "Qinghai", "Shaanxi", "Shandong", "Shanghai", "Shanxi", "Sichuan", "Tianjin",
    "Tibet", "Xinjiang", "Yunnan", "Zhejiang",
)  # fmt: skip
BASE_YEAR = 2020
INVENTORY_YEAR = 2019  # CEADs provincial inventories stop at 2019
PERIODS: tuple[int, ...] = (2025, 2030, 2035, 2040, 2045, 2050, 2055, 2060)

GJ_PER_TCE = 29.3076  # GB/T 2589-2020: 1 kgce = 29.3076 MJ
MWH_TH_PER_TCE = GJ_PER_TCE / 3.6
HOURS_PER_YEAR = 8760.0
T_PER_WEIGHT_CASE = 0.05  # 1 weight case (重量箱) of flat glass = 50 kg (2 mm glass, 10 m2)

# --- exchange rates --------------------------------------------------------------------------
CNY_PER_EUR_2020 = 7.8747
USD_PER_EUR_2020 = 1.1422
FX_SOURCE = (
    "European Central Bank, euro foreign exchange reference rates, annual average 2020 "
    "(CNY 7.8747 and USD 1.1422 per EUR); transcribed, verify against the ECB data portal"
)

# --- national statistics transcribed from publications (not in the shared extracts) ----------
NBS_COMMUNIQUE_2020 = (
    "National Bureau of Statistics, Statistical Communiqué of the PRC on the 2020 National Economic "
    "and Social Development (28 Feb 2021)"
)
NAT_GDP_2020_100M = 1_015_986.0
NAT_SECONDARY_2020_100M = 384_255.0
NAT_INDUSTRY_2020_100M = 313_071.0
NAT_CLINKER_OUTPUT_2020_MT = 1579.0  # NBS 2020 熟料产量 15.79 亿吨
NAT_CLINKER_CAPACITY_2020_MT = 1830.0  # China Cement Association, about 18.3 亿吨 at end-2020
NAT_PRIMARY_AL_OUTPUT_2020_MT = 37.08  # NBS 2020 原铝(电解铝) 3708 万吨
AL_CAPACITY_CEILING_MT = 45.0

# IPCC 2006 Guidelines vol. 2 ch. 1 table 1.4, default CO2 emission factors (kg CO2/TJ)
IPCC_EF_T_PER_TJ = {"coal": 94.6, "oil": 73.3, "gas": 56.1}
IPCC_EF_DETAIL = {
    "coal": "other bituminous coal 94,600 kgCO2/TJ",
    "oil": "crude oil 73,300 kgCO2/TJ",
    "gas": "natural gas 56,100 kgCO2/TJ",
}
IPCC_EF_SOURCE = (
    "IPCC 2006 Guidelines for National GHG Inventories, vol. 2 ch. 1, table 1.4 (default CO2 emission "
    "factors for combustion)"
)

NDRC_1609 = (
    "NDRC et al., 高耗能行业重点领域能效标杆水平和基准水平（2021年版）, 发改产业〔2021〕1609号"
)
NDRC_2022_200 = (
    "NDRC et al., 高耗能行业重点领域节能降碳改造升级实施指南（2022年版）, 发改产业〔2022〕200号"
)
TRANSCRIBED = "value as published in {doc}; transcribed, verify against the original"


def transcribed(doc: str, extra: str = "") -> str:
    text = TRANSCRIBED.format(doc=doc)
    return f"{text}; {extra}" if extra else text


# ---------------------------------------------------------------------------------------------
# Shared data access
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shared:
    """Paths to the shared extracts (``../shared/data`` beside the repository)."""

    root: Path

    def read(self, name: str) -> pd.DataFrame:
        """Read one shared CSV (relative path)."""
        return pd.read_csv(self.root / name)


def series(
    df: pd.DataFrame, *, year: int | str | None = None, variable: str | None = None, **eq: str
) -> pd.DataFrame:
    """Rows of a long shared table filtered on year/variable/other columns, indexed by province."""
    mask = pd.Series(True, index=df.index)
    if year is not None:
        mask &= df["year"].astype(str) == str(year)
    if variable is not None:
        mask &= df["variable"] == variable
    for col, val in eq.items():
        mask &= df[col] == val
    out = df[mask]
    if out["province"].duplicated().any():
        raise ValueError(f"duplicate provinces for {year=} {variable=} {eq}")
    return out.set_index("province")


def frame(rows: Iterable[dict]) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


def fuel_ef(fuel: str) -> float:
    """IPCC default CO2 emission factor, tCO2 per tce."""
    return IPCC_EF_T_PER_TJ[fuel] * GJ_PER_TCE / 1000.0


PIK = "pik-piam/PyPSA-China-PIK@25c83bfb37:resources/data/costs/default/costs_2020.csv"


def pik_cost(costs: pd.DataFrame, tech: str, param: str) -> tuple[float, str]:
    row = costs[
        (costs["technology"] == tech) & (costs["year"] == 2020) & (costs["parameter"] == param)
    ]
    if len(row) != 1:
        raise ValueError(f"PIK cost {tech}/{param}: {len(row)} rows")
    row = row.iloc[0]
    return float(row["value"]), str(row["unit"])
