"""Power history after the base year (issue 11): observed capacity and generation 2021-2023 by
province, and national build limits for C24.

The CEC provincial series (plants >= 6 MW, shared extract) covers year-end 2015-2023. The splits it
does not report (gas within thermal, offshore within wind, pumped storage within hydro) follow the
rules of the 2020 tables (``power_fleet``) and are stated row by row. Three small sets of figures
were read in Global Energy Monitor trackers and in NBS population statistics stored in
pik-piam/PyPSA-China-PIK (fetched repository, commit named below) and are kept here as constants,
summed by province; they are not in the shared extracts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from common import BASE_YEAR, PROVINCES, Shared, frame, series, transcribed
from power_fleet import (
    CEC,
    CEC_GAS_GW,
    CEC_GAS_SOURCE,
    CEC_HOURS_SOURCE,
    GAS_HOURS_2020,
    GEM_OFFSHORE_2020_MW,
    GGPT,
    NUCLEAR_HOURS_2020,
    ZHOU,
    _cap2020,
    _hours,
)
from power_sources import (
    CEC_NATIONAL_GW,
    CEC_NATIONAL_SERIES,
    CEC_NATIONAL_SOURCE,
    NEA_2025_CAPACITY,
    NEA_2025_GW,
)

HISTORY_YEARS: tuple[int, ...] = (2021, 2022, 2023)
CEC_SRC = "energyandcleanair/china_co2@4043449a84:inst/csv/power_capacity_by_province&type.csv"
CEC_SERIES = {
    "thermal": "thermal (all fuels)",
    "hydro": "hydro (all hydropower as reported)",
    "solar": "solar (all solar power)",
    "wind": "wind (onshore+offshore)",
    "nuclear": "nuclear",
}

# --- Global Energy Monitor trackers, as stored in pik-piam/PyPSA-China-PIK ---------------------
PIK_GEM_COMMIT = "a10678a913a33d79c7bd7ffab3adef84a7cbc50d"
GWPT = (
    f"Global Energy Monitor, Global Wind Power Tracker May 2023 (CC BY 4.0) via pik-piam/PyPSA-China-PIK@"
    f"{PIK_GEM_COMMIT[:10]}:resources/data/existing_infrastructure/Global-Wind-Power-Tracker-May-2023.xlsx"
)
#: offshore wind (installation type 'offshore ...') with status 'operating' and start year <= year,
#: summed by 'State/Province', MW; 2023 adds the farms 'under construction' with start year 2023
#: (the tracker's release predates year-end 2023). Two farms the tracker tags offshore lie inland
#: (Guangxi Leye, Shanxi Changzi Shizhe: mountain sites) and were left out.
GEM_OFFSHORE_MW: dict[int, dict[str, float]] = {
    2021: {"Fujian": 3144.0, "Guangdong": 5433.0, "Hebei": 300.0, "Jiangsu": 11340.0, "Liaoning": 949.0,
           "Shandong": 604.0, "Shanghai": 677.5, "Zhejiang": 2021.0},
    2022: {"Fujian": 3452.0, "Guangdong": 7945.0, "Hebei": 300.0, "Jiangsu": 11643.0, "Liaoning": 949.0,
           "Shandong": 3107.5, "Shanghai": 677.5, "Zhejiang": 2722.0},
    2023: {"Fujian": 3954.0, "Guangdong": 9758.0, "Hebei": 300.0, "Jiangsu": 11643.0, "Liaoning": 1149.0,
           "Shandong": 3408.5, "Shanghai": 677.5, "Zhejiang": 3226.0},
}  # fmt: skip
#: gas-fired units (fuels NG/LNG and their mixes, as ``power_sources.GGPT_GAS_2020_MW``) commissioned
#: in the year, MW, by 'Subnational unit': status 'operating' with that start year for 2021 and 2022;
#: for 2023 the units 'under construction' with planned start 2023 (release of Feb 2023; the planned
#: year is taken as the commissioning year). ``power_sources.ggpt_gas_from_tracker`` recomputes them.
GEM_GAS_ADDED_MW: dict[int, dict[str, float]] = {
    2021: {"Guangdong": 3120.0, "Guangxi": 75.0, "Hainan": 460.0, "Hubei": 373.6, "Jiangsu": 2050.0,
           "Shanghai": 468.0, "Tianjin": 650.0},
    2022: {"Guangdong": 4240.0, "Hainan": 2424.0, "Jiangsu": 600.0, "Shanghai": 745.0},
    2023: {"Anhui": 450.0, "Guangdong": 13384.0, "Hubei": 225.0, "Hunan": 980.0, "Shandong": 1290.0},
}  # fmt: skip
#: national cumulative grid-connected offshore wind capacity, GW (NEA press releases / CEC
#: statistics); 2022 read in a press report quoting NEA ("30.46 GW"), 2021 and 2023 transcribed
NATIONAL_OFFSHORE_GW = {2021: 26.39, 2022: 30.46, 2023: 37.29}
NATIONAL_OFFSHORE_SOURCE = {
    2021: transcribed("NEA press conference, Jan 2022 (offshore wind 2,639万千瓦 at end-2021)"),
    2022: "NEA figure 30.46 GW at end-2022 as quoted in a press report (oilnews.muhammadbey.com, "
    "'China's offshore wind energy sector is gathering momentum', 2023)",
    2023: transcribed("NEA 2023 national power statistics (offshore wind 3,729万千瓦 at end-2023)"),
}
# Nuclear: the CEC series has no Shandong and Hainan rows. Their fleet did not change in 2021-2023:
# Shandong = Haiyang 1-2 (2 x 1,250 MW) + Shidaowan HTR-PM (200 MW, grid Dec 2021), Hainan =
# Changjiang 1-2 (2 x 650 MW); the next units (Shidaowan Guohe One, Changjiang 3) came after 2023.
NUCLEAR_FLEET_SOURCE = transcribed(
    "IAEA PRIS, China country page (reactors in operation, grid-connection dates)",
    "same values as Zhou et al. PyPSA-China nuclear_p_nom (Shandong 2,717 MW, Hainan 1,300 MW)",
)


def _cec(sh: Shared) -> dict[str, pd.DataFrame]:
    """CEC year-end capacity, GW, one wide frame (province x year) per series."""
    cap = sh.read("province_power_capacity.csv")
    cap = cap[cap["source"] == CEC_SRC]
    return {
        k: cap[cap["technology"] == v].pivot_table(index="province", columns="year", values="value")
        for k, v in CEC_SERIES.items()
    }


def _offshore_gw() -> dict[int, dict[str, float]]:
    """Provincial offshore wind by year, GW: the NEA national total shared by GEM provincial shares.

    A farm does not disappear: where a year's share gives less than the year before (the scale
    factor NEA/GEM changes between years), the earlier value is kept, so national sums may exceed
    the NEA total slightly (2022: by about 0.7 GW).
    """
    out: dict[int, dict[str, float]] = {}
    prev: dict[str, float] = {}
    for y in HISTORY_YEARS:
        gem = GEM_OFFSHORE_MW[y]
        total = sum(gem.values())
        out[y] = {
            r: max(NATIONAL_OFFSHORE_GW[y] * mw / total, prev.get(r, 0.0)) for r, mw in gem.items()
        }
        prev = out[y]
    return out


def build_power_capacity_history(sh: Shared, capacity: pd.DataFrame) -> pd.DataFrame:
    """Observed year-end capacity 2021-2023 by province and model technology, GW.

    Parameters
    ----------
    sh : Shared
        The shared extracts.
    capacity : pandas.DataFrame
        The 2020 ``power_capacity`` table (its gas column starts the gas path).

    Returns
    -------
    pandas.DataFrame
        Columns region, technology, year, capacity_gw, source, source_detail.
    """
    cec = _cec(sh)
    c20 = _cap2020(sh)
    cap20 = capacity.pivot_table(index="region", columns="technology", values="capacity_gw")
    rows = []

    def add(r: str, tech: str, y: int, gw: float, source: str, detail: str) -> None:
        if gw < -1e-9:
            raise ValueError(f"negative capacity {r} {tech} {y}: {gw}")
        rows.append(dict(region=r, technology=tech, year=y, capacity_gw=max(gw, 0.0), source=source,
                         source_detail=detail))  # fmt: skip

    # the 2020 row is the same tracker's operating stock, so stock + additions = the tracker's stock
    gas = cap20["gas"].copy()
    offshore = _offshore_gw()
    for y in HISTORY_YEARS:
        off = offshore[y]
        gem_off_total = sum(GEM_OFFSHORE_MW[y].values())
        gas_national_gw = float(gas.sum()) + sum(GEM_GAS_ADDED_MW[y].values()) / 1000.0
        if y == 2023:
            gas_src = (f"{GGPT}: units operating by 2022 plus units under construction with planned start 2023 "
                       "(the release predates year-end 2023)")  # fmt: skip
            gas_rule = ("planned start taken as the commissioning year (an assumption on the 2023 additions "
                        "only); ")  # fmt: skip
        else:
            gas_src = (
                f"{GGPT}: gas-fired units operating with start year <= {y}, summed by province"
            )
            gas_rule = ""
        for r in PROVINCES:
            added = GEM_GAS_ADDED_MW[y].get(r, 0.0) / 1000.0
            gas[r] += added
            th = float(cec["thermal"].loc[r, y])
            g = min(gas[r], th)
            add(r, "gas", y, g, gas_src, f"2020 {cap20.loc[r, 'gas']:.3f} GW + units added to {y} = {gas[r]:.3f} GW "
                f"(added in {y}: {added:.3f} GW; {gas_rule if added > 0 else ''}coalbed-methane units left out); "
                f"capped at CEC thermal {th:.2f} GW; national {gas_national_gw:.1f} GW against CEC {CEC_GAS_GW[y]} GW "
                f"({CEC_GAS_SOURCE}; the tracker keeps units >= 50 MW)")  # fmt: skip
            add(r, "coal", y, th - g, f"{CEC} via {CEC_SRC}, thermal minus the gas row", f"thermal {th:.2f} GW "
                "(all fuels, incl. biomass/oil/CHP) - gas; the 2020 rule of power_capacity")  # fmt: skip
            h_all = cec["hydro"].loc[r, y] if r in cec["hydro"].index else np.nan
            if np.isfinite(h_all):
                phs = float(c20["phs"].loc[r, "value"])
                add(r, "hydro", y, max(h_all - phs, 0.0), f"{CEC} via {CEC_SRC} minus pumped storage ({ZHOU} via "
                    f"{c20['phs'].loc[r, 'source']})", f"all hydro {h_all:.2f} GW - pumped storage {phs:.2f} GW "
                    "(Zhou's table = national PHS at end-2021, 36.4 GW); pumped storage added in 2022-2023 "
                    "(about 14.6 GW nationally, CEC; no provincial split found) remains in this row")  # fmt: skip
            else:
                h = c20["hydro_conv"].loc[r]
                add(r, "hydro", y, h["value"], f"{ZHOU} via {h['source']}", "no CEC hydro series for this "
                    "province; 2020 conventional hydro carried forward")  # fmt: skip
            if r in cec["nuclear"].index:
                n = float(cec["nuclear"].loc[r, y])
                add(r, "nuclear", y, n, f"{CEC} via {CEC_SRC}", "nuclear, plants >= 6 MW")
            else:
                n = float(cap20.loc[r, "nuclear"])
                add(r, "nuclear", y, n, NUCLEAR_FLEET_SOURCE if n > 0 else "definition: no nuclear plant in "
                    "operation in this province (IAEA PRIS)", "absent from the CEC series; fleet unchanged "
                    "2020-2023" if n > 0 else "")  # fmt: skip
            s = float(cec["solar"].loc[r, y])
            add(
                r,
                "solar_pv",
                y,
                s,
                f"{CEC} via {CEC_SRC}",
                "all solar power (utility and distributed)",
            )
            w = float(cec["wind"].loc[r, y]) if r in cec["wind"].index else 0.0
            o = min(off.get(r, 0.0), w)
            add(r, "offshore_wind", y, o, f"{NATIONAL_OFFSHORE_SOURCE[y]}, shared by provincial shares of {GWPT}",
                f"national {NATIONAL_OFFSHORE_GW[y]} GW x GEM share {GEM_OFFSHORE_MW[y].get(r, 0.0):.0f} / "
                f"{gem_off_total:.0f} MW (not below the year before); capped at CEC wind {w:.2f} GW" if r in GEM_OFFSHORE_MW[y]
                else "no offshore farm in the GEM tracker for this province")  # fmt: skip
            add(r, "onshore_wind", y, w - o, f"{CEC} via {CEC_SRC}, minus the offshore_wind row",
                f"all wind {w:.2f} GW - offshore {o:.3f} GW")  # fmt: skip
    return frame(rows)


def largest_offshore_addition_gw(history: pd.DataFrame) -> dict[str, float]:
    """Largest annual offshore addition 2021-2023 by province, GW/yr.

    2020 is taken from the GEM tracker (operating farms by end-2020), because ``power_capacity``
    books 2020 offshore wind as onshore.
    """
    off = history[history["technology"] == "offshore_wind"].pivot_table(
        index="region", columns="year", values="capacity_gw"
    )
    off[BASE_YEAR] = pd.Series(GEM_OFFSHORE_2020_MW) / 1000.0
    off = off.fillna(0.0)[[BASE_YEAR, *HISTORY_YEARS]]
    return off.diff(axis=1).max(axis=1).clip(lower=0.0).to_dict()


def build_power_generation_history(
    sh: Shared, history: pd.DataFrame, capacity: pd.DataFrame
) -> pd.DataFrame:
    """Generation 2021-2023 by province and technology, TWh, by the split rules of 2020.

    Parameters
    ----------
    sh : Shared
        The shared extracts.
    history : pandas.DataFrame
        ``power_capacity_history`` (year-end 2021-2023).
    capacity : pandas.DataFrame
        ``power_capacity`` (year-end 2020, the start of the 2021 mean capacity).

    Returns
    -------
    pandas.DataFrame
        Rows of ``power_generation`` for 2021-2023.
    """
    d = sh.read("province_power_demand.csv")
    nbs = "National Bureau of Statistics, industrial output of electricity (enterprises above designated size)"
    wind_hours = _hours(sh, "wind", HISTORY_YEARS)
    # the shared extract has provincial solar hours only for 2018-2020; the capacity factor table
    # uses their mean, so generation here stays consistent with it
    solar_hours = _hours(sh, "solar", range(2018, 2021)).mean(axis=1)
    wide = history.pivot_table(index=["region", "year"], columns="technology", values="capacity_gw")
    start = capacity.assign(year=BASE_YEAR).pivot_table(
        index=["region", "year"], columns="technology", values="capacity_gw"
    )
    wide = pd.concat([start, wide]).fillna(0.0)
    rows = []

    def add(r: str, tech: str, y: int, twh: float, source: str, detail: str) -> None:
        rows.append(dict(region=r, technology=tech, year=y, generation_twh=max(twh, 0.0), source=source,
                         source_detail=detail))  # fmt: skip

    for y in HISTORY_YEARS:
        gen = {
            t: series(d, year=y, variable="electricity_generation", technology=t)
            for t in ("thermal (all fuels)", "hydro", "nuclear")
        }
        for r in PROVINCES:
            now, before = wide.loc[(r, y)], wide.loc[(r, y - 1)]
            th = gen["thermal (all fuels)"].loc[r]
            g = min(now["gas"] * GAS_HOURS_2020 / 1000.0, th["value"])
            add(r, "gas", y, g, f"assumption: gas capacity x national gas utilisation hours 2020 "
                f"({GAS_HOURS_2020:.0f} h, {CEC_HOURS_SOURCE}; transcribed, verify), the 2020 rule",
                "no provincial gas generation series; capped at thermal")  # fmt: skip
            add(r, "coal", y, th["value"] - g, f"{nbs} via {th['source']}, minus the gas estimate",
                f"NBS thermal {th['value']} TWh (all thermal fuels) - gas {g:.3f} TWh")  # fmt: skip
            if r in gen["hydro"].index:
                h = gen["hydro"].loc[r]
                add(r, "hydro", y, h["value"], f"{nbs} via {h['source']}", "above designated size; may include "
                    "pumped storage output")  # fmt: skip
            else:
                add(
                    r,
                    "hydro",
                    y,
                    0.0,
                    f"{nbs}: no hydro generation series (zero or gap)",
                    "treated as zero",
                )
            if r in gen["nuclear"].index:
                n = gen["nuclear"].loc[r]
                add(r, "nuclear", y, n["value"], f"{nbs} via {n['source']}", "")
            else:
                add(r, "nuclear", y, now["nuclear"] * NUCLEAR_HOURS_2020 / 1000.0, "assumption: nuclear capacity x "
                    f"national nuclear utilisation hours 2020 ({NUCLEAR_HOURS_2020:.0f} h, {CEC_HOURS_SOURCE}; "
                    "transcribed, verify)", "no NBS nuclear series")  # fmt: skip
            wind_now = now["onshore_wind"] + now["offshore_wind"]
            wind_mean = (wind_now + before["onshore_wind"] + before["offshore_wind"]) / 2.0
            hw = wind_hours.loc[r, str(y)] if r in wind_hours.index else np.nan
            if not np.isfinite(hw):
                hw = float(wind_hours[str(y)].median())
            wind = wind_mean * hw / 1000.0
            off_share = now["offshore_wind"] / wind_now if wind_now > 0 else 0.0
            src = (
                f"derived: mean of year-end {y - 1} and {y} wind capacity ({CEC}) x observed wind utilisation "
                f"hours {y} ({CEC}, via energyandcleanair/china_co2@4043449a84:inst/csv/"
                "wind_solar_utilization_capacity_by_province.csv), split on+offshore by year-end capacity share"
            )
            add(r, "onshore_wind", y, wind * (1 - off_share), src, f"{wind_mean:.3f} GW x {hw:.0f} h x "
                f"{1 - off_share:.3f}; the CEC hours are for all wind")  # fmt: skip
            add(
                r,
                "offshore_wind",
                y,
                wind * off_share,
                src,
                f"{wind_mean:.3f} GW x {hw:.0f} h x {off_share:.3f}",
            )
            hs = solar_hours.get(r, np.nan)
            if not np.isfinite(hs):
                hs = float(solar_hours.median())
            solar_mean = (now["solar_pv"] + before["solar_pv"]) / 2.0
            add(r, "solar_pv", y, solar_mean * hs / 1000.0, f"derived: mean of year-end {y - 1} and {y} solar "
                f"capacity ({CEC}) x observed solar utilisation hours, mean 2018-2020 ({CEC}, via "
                "energyandcleanair/china_co2@4043449a84:inst/csv/wind_solar_utilization_capacity_by_province.csv)",
                f"{solar_mean:.3f} GW x {hs:.0f} h; no provincial solar hours after 2020 in the shared extract; NBS "
                "solar covers only enterprises above designated size")  # fmt: skip
    return frame(rows)


# --- national build limits (C24) ---------------------------------------------------------------

NUCLEAR_UNITS_PER_YEAR = 10
NUCLEAR_UNIT_GW = 1.2
NUCLEAR_APPROVALS_SOURCE = (
    "State Council approvals: 'since 2022 China has approved 10 or more nuclear units every year' "
    "(Hong Kong China News Agency, 28 Apr 2025, on the State Council executive meeting of 27 Apr 2025 that "
    "approved 10 units: Fangchenggang 5-6, Taishan 3-4, Sanmen 5-6, Haiyang 5-6, Xiapu 1-2; 8 of them "
    "Hualong One)"
)


def build_power_national_build_limits(sh: Shared) -> pd.DataFrame:
    """National build limits NB_g (C24), GW/yr.

    Rule: the largest observed national annual net addition of each technology, from the
    provincial CEC extract (2016-2023), carried on by CEC's national series (2024) and NEA's 2025
    release where they cover the technology; gas from CEC's national gas series (2018-2024) or the
    GEM tracker, whichever is larger; offshore wind from the GEM tracker; nuclear from the
    approval pipeline (units approved per year x unit size). A record set after the extract ends
    is a record all the same: a limit below a build rate already observed would say the fleet
    cannot do what it did.
    """
    cec = _cec(sh)
    rows = []

    def additions(key: str, national: str) -> pd.Series:
        """Net additions by year, GW: provincial sums to 2023, national series after."""
        level = cec[key].sum().sort_index()
        extract_ends = int(level.index.max())
        later = dict(CEC_NATIONAL_GW.get(national, {}))
        if national in NEA_2025_GW:
            later[2025] = NEA_2025_GW[national]
        for year in sorted(y for y in later if y > extract_ends):
            level.loc[year] = later[year]
        inc = level.diff().dropna()
        # a year after the extract ends compares the national series with itself, not with a
        # provincial sum (the two differ by a few GW)
        for year in sorted(y for y in later if y > extract_ends and y - 1 in later):
            inc.loc[year] = later[year] - later[year - 1]
        return inc

    for tech, key, national, note in (
        ("coal", "thermal", "thermal", "thermal (all fuels) additions bound coal additions from above"),
        ("hydro", "hydro", "hydro", "all hydro incl. pumped storage: an upper bound for conventional hydro"),
        ("solar_pv", "solar", "solar", "all solar (series starts 2018)"),
        ("onshore_wind", "wind", "wind", "onshore + offshore additions: an upper bound for onshore"),
    ):  # fmt: skip
        inc = additions(key, national)
        gw, yr = float(inc.max()), int(inc.idxmax())
        last = int(inc.index.max())
        source = (f"largest observed national annual net addition {int(inc.index.min())}-{last}: {CEC} via "
                  f"{CEC_SRC} (provincial sums to 2023)"
                  + (f", {CEC_NATIONAL_SOURCE} (national series {CEC_NATIONAL_SERIES}) for 2024"
                     if national in CEC_NATIONAL_GW else "")
                  + (f", {NEA_2025_CAPACITY} for 2025" if national in NEA_2025_GW else ""))  # fmt: skip
        detail = (
            f"largest national annual net addition {gw:.1f} GW in {yr}; {note}; by year: "
            + ", ".join(f"{y} {v:.1f}" for y, v in inc.items() if y >= 2020)
        )
        rows.append(dict(technology=tech, max_build_gw_per_yr=round(gw, 3), source=source,
                         source_detail=detail))  # fmt: skip
    # gas: CEC's national gas series (S5151689, starts 2017; no provincial split) and GEM's operating
    # gas units by start year (largest year read: 2014), whichever records the larger addition
    gas_cec = pd.Series(CEC_GAS_GW).sort_index().diff().dropna()
    gas_gw, gas_year = float(gas_cec.max()), int(gas_cec.idxmax())
    ggpt_gw = 13.16
    rows.append(dict(
        technology="gas", max_build_gw_per_yr=round(max(gas_gw, ggpt_gw), 3),
        source=(f"largest observed national annual gas-fired addition: {CEC_GAS_SOURCE} (2018-2024) and {GGPT} "
                "(operating units by start year, 2000-2022), the larger"),
        source_detail=(f"CEC: {gas_gw:.2f} GW in {gas_year} (by year: "
                       + ", ".join(f"{y} {v:.2f}" for y, v in gas_cec.items()) + "); tracker: 13,160 MW "
                       "commissioned in 2014 (2021: 7,197 MW, 2022: 8,009 MW), all the tracker's fuels incl. 596 MW "
                       "of coalbed-methane units, as a build rate is one of gas-turbine plants whatever gas they burn"),
    ))  # fmt: skip
    off = max(
        sum(GEM_OFFSHORE_MW[2021].values()) - 7825.0, 1.0
    )  # 7,825 MW operating by 2020, same tracker
    rows.append(dict(technology="offshore_wind", max_build_gw_per_yr=round(off / 1000.0, 2),
                     source=f"largest national annual offshore addition in {GWPT}", source_detail=f"{off:.0f} MW "
                     "commissioned in 2021 (operating 7,825 MW by 2020 -> 24,595 MW by 2021; last year of the feed-in "
                     "subsidy); NEA: 26.39 GW at end-2021 (transcribed)"))  # fmt: skip
    rows.append(dict(technology="nuclear", max_build_gw_per_yr=NUCLEAR_UNITS_PER_YEAR * NUCLEAR_UNIT_GW,
                     source=f"{NUCLEAR_APPROVALS_SOURCE} x {NUCLEAR_UNIT_GW} GW per unit (Hualong One / CAP1000 "
                     "class, about 1.1-1.25 GW; assumption on the unit size)", source_detail=f"{NUCLEAR_UNITS_PER_YEAR}"
                     " units/yr approved 2022-2025 sustain about that many grid connections per year after a 5-6 "
                     "year build; 11 units were approved in 2024 (transcribed). Observed additions 2021-2023: about 2.4 "
                     "GW/yr (CEC national 49.9 -> 57.0 GW)"))  # fmt: skip
    return frame(rows)
