"""The 2020 power fleet as observed: the sources, the capacity and utilisation-hour readers and the
constants that the fleet tables (``power_fleet``), the renewable potential (``power_potential``)
and the history after the base year (``power_history``) share."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from common import BASE_YEAR, Shared

CEC = "China Electricity Council statistics (plants >= 6 MW, Wind export)"
ZHOU = "Zhou et al. PyPSA-China (China Electric Power Statistical Yearbook 2021, 2020 data)"
COASTAL = {
    # mainland coastline length, km (commonly cited figures of the provincial governments /
    # China Ocean Yearbook); only the keys are used, to mark the 11 coastal provinces
    "Liaoning": 2110, "Hebei": 487, "Tianjin": 153, "Shandong": 3345, "Jiangsu": 954, "Shanghai": 172,
    "Zhejiang": 2254, "Fujian": 3752, "Guangdong": 4114, "Guangxi": 1629, "Hainan": 1823,
}  # fmt: skip
INLAND_NO_NUCLEAR = "no inland nuclear plant has been approved in China to date"
GWPT_2023 = (
    "Global Energy Monitor, Global Wind Power Tracker May 2023 (CC BY 4.0) via pik-piam/PyPSA-China-PIK@"
    "a10678a913:resources/data/existing_infrastructure/Global-Wind-Power-Tracker-May-2023.xlsx"
)
#: offshore wind farms (installation type 'offshore ...') operating with start year <= 2020 in the
#: tracker above, summed by 'State/Province', MW (7,750 MW; NEA/CEC report about 9 GW grid-connected)
GEM_OFFSHORE_2020_MW = {"Fujian": 627.0, "Guangdong": 600.0, "Hebei": 300.0, "Jiangsu": 5012.0,
                        "Liaoning": 299.0, "Shanghai": 426.0, "Zhejiang": 486.0}  # fmt: skip


def _cap2020(sh: Shared) -> dict[str, pd.DataFrame]:
    cap = sh.read("province_power_capacity.csv")
    cap = cap[cap["year"] == BASE_YEAR]
    pick = {
        "thermal": "thermal (all fuels)",
        "gas": "gas",
        "hydro_all": "hydro (all hydropower as reported)",
        "hydro_conv": "hydro (conventional, as used by PyPSA-China)",
        "phs": "pumped hydro storage",
        "solar": "solar (all solar power)",
        "wind": "wind (onshore+offshore)",
    }
    out = {k: cap[cap["technology"] == v].set_index("province") for k, v in pick.items()}
    nuc = cap[cap["technology"] == "nuclear"]
    out["nuc_cec"] = nuc[nuc["source"].str.startswith("energyandcleanair")].set_index("province")
    out["nuc_zhou"] = nuc[nuc["source"].str.startswith("Rick10119")].set_index("province")
    return out


# CEC 2020 average utilisation hours (中电联 2020 全国电力工业统计快报)
GAS_HOURS_2020 = 2610.0
NUCLEAR_HOURS_2020 = 7453.0
CEC_HOURS_SOURCE = (
    "China Electricity Council, 2020年全国电力工业统计快报 (national average utilisation hours)"
)


def _hours(sh: Shared, tech: str, years: Iterable[int]) -> pd.DataFrame:
    rp = sh.read("province_renewable_potential.csv")
    rp = rp[(rp["variable"] == "utilization_hours_observed") & (rp["technology"] == tech)]
    rp = rp[rp["year"].astype(str).isin([str(y) for y in years])]
    return rp.pivot_table(index="province", columns="year", values="value")


#: offshore wind capacity factor (assumption, stated in the capacity factor rows where it is used)
OFFSHORE_CF = 0.32
