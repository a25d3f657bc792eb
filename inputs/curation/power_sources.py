"""The 2020 power fleet as observed: the sources, the capacity and utilisation-hour readers and the
constants that the fleet tables (``power_fleet``), the renewable potential (``power_potential``)
and the history after the base year (``power_history``) share."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

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
GGPT = (
    "Global Energy Monitor, Global Gas Plant Tracker February 2023 v2 (the file's About sheet: CC BY-NC-SA 4.0; "
    "units >= 50 MW) via pik-piam/PyPSA-China-PIK@a10678a913:resources/data/existing_infrastructure/"
    "Global-Gas-Plant-Tracker-GGPT-February-2023-v2.xlsx (sheet Gas Units)"
)
#: gas-fired units (Country 'China') with Status 'operating' and 'Start year' <= 2020, 'Capacity elec.
#: (MW)' summed by 'Subnational unit (province, state)', MW; read (``ggpt_gas_from_tracker`` recomputes
#: it). Fuels NG, LNG and their mixes (NG/FO, LNG/FO, NG/H, NG/LNG); the five units with fuel 'CM'
#: (coalbed methane, all in Shanxi, 1,148 MW, operating since 2014-2020) are left out: the model's gas
#: technology burns natural gas (its price and emission factor), and whether CEC's gas series counts
#: mine-methane plants could not be checked, so they stay in the coal row (thermal minus gas), as
#: under the earlier basis. National sum 92,626.5 MW; CEC reports 98.0 GW of gas (plants >= 6 MW),
#: the tracker keeps units >= 50 MW only. Provinces not listed have no unit.
GGPT_GAS_2020_MW: dict[str, float] = {
    "Anhui": 120.0, "Beijing": 10127.0, "Chongqing": 940.0, "Fujian": 3900.0, "Guangdong": 26812.5,
    "Guangxi": 405.0, "Hainan": 1642.0, "Hebei": 906.0, "Henan": 3360.0, "Hubei": 863.0,
    "Inner Mongolia": 300.0, "Jiangsu": 16767.0, "Ningxia": 864.0, "Shanghai": 7326.4, "Shanxi": 860.0,
    "Sichuan": 700.0, "Tianjin": 3767.0, "Tibet": 180.0, "Xinjiang": 318.9, "Zhejiang": 12467.7,
}  # fmt: skip
#: GGPT fuels left out of the gas rows (see GGPT_GAS_2020_MW)
GGPT_NOT_GAS_FUELS = frozenset({"CM"})
#: CEC national gas-fired capacity at year-end, GW (Wind series S5151689, 'Installed Power Generation
#: Capacity: Thermal Power: Gas', December values; read), to set the provincial sums against
CEC_GAS_GW = {
    2017: 75.70, 2018: 83.75, 2019: 90.24, 2020: 98.02, 2021: 108.59, 2022: 114.85, 2023: 125.62,
    2024: 143.67,
}  # fmt: skip
CEC_GAS_SOURCE = (
    "CEC national gas-fired capacity, Wind series S5151689, via energyandcleanair/china_co2@4043449a84:"
    "inst/csv/generation-consumption-utilization-capacity.csv"
)

#: CEC national installed capacity at year-end, GW (Wind export, December values; read in the file
#: below): the national series that carry the provincial CEC extract past 2023
CEC_NATIONAL_SOURCE = "energyandcleanair/china_co2@4043449a84:inst/csv/Power_Capacity.csv"
CEC_NATIONAL_SERIES = (
    "S5151660 nuclear, S5151661 wind, S5150404 solar, S5151658 hydro, S5151659 thermal"
)
CEC_NATIONAL_GW = {
    "nuclear": {2019: 48.74, 2020: 49.89, 2021: 53.26, 2022: 55.53, 2023: 56.91, 2024: 60.8252},
    "wind": {2019: 209.15, 2020: 281.53, 2021: 328.48, 2022: 365.44, 2023: 441.34, 2024: 520.6838},
    "solar": {2019: 204.68, 2020: 253.43, 2021: 306.56, 2022: 392.61, 2023: 609.49, 2024: 886.6552},
    "hydro": {2023: 421.54, 2024: 435.946},
    "thermal": {2023: 1390.32, 2024: 1444.453},
}
#: NEA national power industry statistics for 2025 (released Jan 2026), GW (10 MW / 100)
NEA_2025_GW = {"nuclear": 62.48, "wind": 640.01, "solar": 1201.73}
NEA_2025_CAPACITY = (
    "NEA national power industry statistics for 2025 (released Jan 2026), as reported at "
    "reportify.cn/news/1214626152497418240 (read)"
)


def ggpt_gas_from_tracker(xlsx: Path) -> dict[str, dict]:
    """Recompute the GGPT gas figures of this module and of ``power_history`` from the tracker.

    Parameters
    ----------
    xlsx : Path
        The GGPT workbook named in :data:`GGPT` (reading it needs ``openpyxl``, which the curation
        does not: the sums are kept as constants).

    Returns
    -------
    dict
        ``"operating_2020"``: province -> MW (:data:`GGPT_GAS_2020_MW`); ``"added"``: year -> province
        -> MW, units operating with start year 2021 and 2022 and units under construction with
        planned start 2023 (``power_history.GEM_GAS_ADDED_MW``); ``"left_out"``: province -> MW of
        operating units of the fuels in :data:`GGPT_NOT_GAS_FUELS`.
    """
    u = pd.read_excel(xlsx, sheet_name="Gas Units")
    u = u[u["Country"] == "China"]
    prov, mw = "Subnational unit (province, state)", "Capacity elec. (MW)"
    gas = u[~u["Fuel"].isin(GGPT_NOT_GAS_FUELS)]
    start = pd.to_numeric(gas["Start year"], errors="coerce")
    operating = gas["Status"] == "operating"

    def by_province(mask: pd.Series) -> dict[str, float]:
        return gas[mask].groupby(prov)[mw].sum().astype(float).round(1).to_dict()

    added = {y: by_province(operating & (start == y)) for y in (2021, 2022)}
    added[2023] = by_province((gas["Status"] == "construction") & (start == 2023))
    left = u[(u["Status"] == "operating") & u["Fuel"].isin(GGPT_NOT_GAS_FUELS)]
    return {
        "operating_2020": by_province(operating & (start <= BASE_YEAR)),
        "added": added,
        "left_out": left.groupby(prov)[mw].sum().astype(float).to_dict(),
    }


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
