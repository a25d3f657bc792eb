"""Power fleet tables: capacity, generation, capacity factors, renewable potential, build limits."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from common import BASE_YEAR, HOURS_PER_YEAR, PROVINCES, Shared, frame, series

# power capacity, generation, capacity factors, potential, build limits
# ---------------------------------------------------------------------------------------------

CEC = "China Electricity Council statistics (plants >= 6 MW, Wind export)"
ZHOU = "Zhou et al. PyPSA-China (China Electric Power Statistical Yearbook 2021, 2020 data)"
COASTAL = {
    # mainland coastline length, km (commonly cited figures of the provincial governments /
    # China Ocean Yearbook; used only to share the national offshore potential)
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


def build_power_capacity(sh: Shared) -> pd.DataFrame:
    """Year-end 2020 installed capacity by province and technology, GW."""
    c = _cap2020(sh)
    rows = []

    def add(r: str, tech: str, gw: float, source: str, detail: str) -> None:
        if gw < 0:
            raise ValueError(f"negative capacity {r} {tech}")
        rows.append(
            dict(region=r, technology=tech, capacity_gw=gw, source=source, source_detail=detail)
        )

    for r in PROVINCES:
        th, gas = c["thermal"].loc[r], c["gas"].loc[r]
        add(r, "coal", th["value"] - gas["value"], f"{CEC} via {th['source']} minus gas ({ZHOU} via {gas['source']})",
            f"thermal {th['value']} GW (all fuels, incl. biomass/oil/CHP) - gas {gas['value']} GW; replaces Zhou's "
            "coal column, which has a probable error for Guizhou")  # fmt: skip
        add(r, "gas", gas["value"], f"{ZHOU} via {gas['source']}", "gas-fired capacity; original source not "
            "named in the file")  # fmt: skip
        if r in c["hydro_all"].index:
            h, p = c["hydro_all"].loc[r], c["phs"].loc[r]
            add(r, "hydro", max(h["value"] - p["value"], 0.0), f"{CEC} via {h['source']} minus pumped storage "
                f"({ZHOU} via {p['source']})", f"all hydro {h['value']} GW - pumped storage {p['value']} GW "
                "(storage is not a net generator; not modelled)")  # fmt: skip
        else:
            h = c["hydro_conv"].loc[r]
            add(r, "hydro", h["value"], f"{ZHOU} via {h['source']}", "no CEC hydro series for this province; "
                "conventional hydro as used by PyPSA-China")  # fmt: skip
        if r in c["nuc_cec"].index:
            n = c["nuc_cec"].loc[r]
            add(r, "nuclear", n["value"], f"{CEC} via {n['source']}", n["source_detail"][:200])
        else:
            n = c["nuc_zhou"].loc[r]
            note = "no plant in operation (zero in source)" if n["value"] == 0 else (
                "absent from the CEC series; Zhou et al. value, which may include units commissioned in 2021 "
                "(Shandong: Haiyang 1-2 plus Shidaowan HTR-PM)")  # fmt: skip
            add(r, "nuclear", n["value"], f"{ZHOU} via {n['source']}", note)
        s = c["solar"].loc[r]
        add(
            r,
            "solar_pv",
            s["value"],
            f"{CEC} via {s['source']}",
            "all solar power (incl. a few 0.1 GW of CSP)",
        )
        w = c["wind"].loc[r]
        off = min(GEM_OFFSHORE_2020_MW.get(r, 0.0) / 1000.0, float(w["value"]))
        add(r, "onshore_wind", w["value"] - off, f"{CEC} via {w['source']}, minus the offshore_wind row",
            f"all wind {w['value']} GW - offshore {off:.3f} GW")  # fmt: skip
        add(r, "offshore_wind", off, f"{GWPT_2023}: offshore farms operating by end-2020" if off > 0 else
            f"definition: no offshore farm operating by end-2020 in {GWPT_2023}", "the tracker lists 7.75 GW "
            "nationally (NEA/CEC about 9 GW grid-connected); Zhou et al.'s offshore column is an allocation by "
            "wind capacity, not data")  # fmt: skip
    return frame(rows)


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


def build_power_generation(sh: Shared, capacity: pd.DataFrame) -> pd.DataFrame:
    """2020 generation by technology, TWh; thermal split and wind/solar derived as stated."""
    d = sh.read("province_power_demand.csv")
    gen = {
        t: series(d, year=BASE_YEAR, variable="electricity_generation", technology=t)
        for t in ("thermal (all fuels)", "hydro", "nuclear")
    }
    capw = capacity.pivot_table(index="region", columns="technology", values="capacity_gw")
    allcap = sh.read("province_power_capacity.csv")
    prev = {
        t: series(allcap, year=BASE_YEAR - 1, variable="installed_capacity", technology=name)[
            "value"
        ]
        for t, name in (
            ("solar_pv", "solar (all solar power)"),
            ("onshore_wind", "wind (onshore+offshore)"),
        )
    }
    hours = {
        "solar_pv": _hours(sh, "solar", [BASE_YEAR]),
        "onshore_wind": _hours(sh, "wind", [BASE_YEAR]),
    }
    rows = []

    def add(r: str, tech: str, twh: float, source: str, detail: str) -> None:
        rows.append(dict(region=r, technology=tech, year=BASE_YEAR, generation_twh=twh, source=source,
                         source_detail=detail))  # fmt: skip

    nbs = "National Bureau of Statistics, industrial output of electricity (enterprises above designated size)"
    for r in PROVINCES:
        th = gen["thermal (all fuels)"].loc[r]
        gas = min(capw.loc[r, "gas"] * GAS_HOURS_2020 / 1000.0, th["value"])
        add(
            r,
            "gas",
            gas,
            f"assumption: gas capacity x national gas utilisation hours 2020 ({GAS_HOURS_2020:.0f} h, "
            f"{CEC_HOURS_SOURCE}; transcribed, verify)",
            "no provincial gas generation series; capped at thermal",
        )
        add(
            r,
            "coal",
            th["value"] - gas,
            f"{nbs} via {th['source']}, minus the gas estimate",
            f"NBS thermal generation {th['value']} TWh (all thermal fuels, above designated size) - gas {gas:.3f} TWh",
        )
        if r in gen["hydro"].index:
            h = gen["hydro"].loc[r]
            add(r, "hydro", h["value"], f"{nbs} via {h['source']}", "above designated size; may include pumped "
                "storage output")  # fmt: skip
        else:
            add(r, "hydro", 0.0, f"{nbs}: no hydro generation series (zero or gap)", "hydro capacity here is "
                f"{capw.loc[r, 'hydro']:.3f} GW; treated as zero generation")  # fmt: skip
        if r in gen["nuclear"].index:
            n = gen["nuclear"].loc[r]
            add(r, "nuclear", n["value"], f"{nbs} via {n['source']}", "")
        else:
            g = capw.loc[r, "nuclear"] * NUCLEAR_HOURS_2020 / 1000.0
            add(
                r,
                "nuclear",
                g,
                f"assumption: nuclear capacity x national nuclear utilisation hours 2020 "
                f"({NUCLEAR_HOURS_2020:.0f} h, {CEC_HOURS_SOURCE}; transcribed, verify)",
                "no NBS nuclear series",
            )
        wind_now = capw.loc[r, "onshore_wind"] + capw.loc[r, "offshore_wind"]
        off_share = capw.loc[r, "offshore_wind"] / wind_now if wind_now > 0 else 0.0
        for tech in ("solar_pv", "onshore_wind"):
            now = wind_now if tech == "onshore_wind" else capw.loc[r, tech]
            mean_cap = (now + prev[tech].get(r, now)) / 2.0
            h = hours[tech].loc[r, str(BASE_YEAR)] if r in hours[tech].index else np.nan
            if np.isnan(h):
                h = hours[tech][str(BASE_YEAR)].median()
            twh = mean_cap * h / 1000.0
            share = (1.0 - off_share) if tech == "onshore_wind" else 1.0
            src = (f"derived: mean of year-end 2019 and 2020 capacity ({CEC}) x observed utilisation hours 2020 "
                   f"({CEC}, via energyandcleanair/china_co2@4043449a84:inst/csv/"
                   "wind_solar_utilization_capacity_by_province.csv)")  # fmt: skip
            add(r, tech, twh * share, src + (", split on+offshore by year-end capacity share" if tech ==
                "onshore_wind" else ""), f"{mean_cap:.3f} GW x {h:.0f} h x {share:.3f}; NBS solar series covers only "
                "enterprises above designated size; no 2020 provincial wind generation series in the shared "
                "extract")  # fmt: skip
            if tech == "onshore_wind":
                add(r, "offshore_wind", twh * off_share, src + ", split on+offshore by year-end capacity share "
                    "(the CEC hours are for all wind)", f"{mean_cap:.3f} GW x {h:.0f} h x {off_share:.3f}")  # fmt: skip
    return frame(rows)


OFFSHORE_CF = 0.32
THERMAL_AVAILABILITY = 0.8
NUCLEAR_AVAILABILITY = 0.85


def build_capacity_factors(
    sh: Shared, capacity: pd.DataFrame, generation: pd.DataFrame
) -> pd.DataFrame:
    """Annual mean capacity factor (share) by province and technology."""
    hw = _hours(sh, "wind", range(2018, 2021))
    hs = _hours(sh, "solar", range(2018, 2021))
    capw = capacity.pivot_table(index="region", columns="technology", values="capacity_gw")
    genw = generation.pivot_table(index="region", columns="technology", values="generation_twh")
    hydro_cf = (genw["hydro"] / (capw["hydro"] * HOURS_PER_YEAR / 1000.0)).where(capw["hydro"] > 0)
    hydro_median = float(hydro_cf[(hydro_cf > 0) & (hydro_cf < 1)].median())
    rows = []

    def add(r: str, tech: str, cf: float, source: str, detail: str = "") -> None:
        rows.append(dict(region=r, technology=tech, capacity_factor=float(min(max(cf, 0.0), 1.0)), source=source,
                         source_detail=detail))  # fmt: skip

    hsrc = f"observed utilisation hours 2018-2020 mean / 8760 ({CEC}) via energyandcleanair/china_co2@4043449a84:" \
        "inst/csv/wind_solar_utilization_capacity_by_province.csv"  # fmt: skip
    for r in PROVINCES:
        add(
            r,
            "coal",
            THERMAL_AVAILABILITY,
            f"assumption: maximum annual availability {THERMAL_AVAILABILITY} of "
            "thermal units (about 7,000 h/yr); the 2020 average was 4,340 h (CEC), dispatch is decided by the model",
        )
        add(
            r,
            "gas",
            THERMAL_AVAILABILITY,
            f"assumption: maximum annual availability {THERMAL_AVAILABILITY}",
            "",
        )
        add(
            r,
            "nuclear",
            NUCLEAR_AVAILABILITY,
            f"assumption: {NUCLEAR_AVAILABILITY}, close to the 2020 national "
            f"average of {NUCLEAR_HOURS_2020:.0f} h ({CEC_HOURS_SOURCE}; transcribed, verify)",
        )
        cf = hydro_cf.get(r, np.nan)
        if np.isfinite(cf) and 0 < cf < 1:
            add(
                r,
                "hydro",
                cf,
                "derived: NBS 2020 hydro generation / (hydro capacity x 8760 h), this dataset",
                f"{genw.loc[r, 'hydro']:.2f} TWh / {capw.loc[r, 'hydro']:.3f} GW; water-limited",
            )
        else:
            add(
                r,
                "hydro",
                hydro_median,
                "assumption: median of the provinces' observed 2020 hydro capacity factors",
                "no usable provincial hydro generation/capacity pair",
            )
        for tech, h in (("onshore_wind", hw), ("solar_pv", hs)):
            if r in h.index and h.loc[r].notna().any():
                add(
                    r,
                    tech,
                    float(h.loc[r].mean()) / HOURS_PER_YEAR,
                    hsrc,
                    f"hours {', '.join(f'{y}: {v:.0f}' for y, v in h.loc[r].dropna().items())}; includes curtailment",
                )
            else:
                add(r, tech, float(h.mean(axis=1).median()) / HOURS_PER_YEAR, "assumption: median of provinces' "
                    "observed utilisation hours 2018-2020", "no observed hours for this province")  # fmt: skip
        add(
            r,
            "offshore_wind",
            OFFSHORE_CF if r in COASTAL else 0.0,
            f"assumption: offshore capacity factor {OFFSHORE_CF} in coastal provinces (about 2,800 h/yr, typical of "
            "Chinese offshore farms); zero inland"
            if r in COASTAL
            else "definition: inland province, no offshore wind",
        )
    return frame(rows)


# --- hydro: technically exploitable capacity of conventional hydro by province (no pumped storage) ---
#: national total and degrees of exploitation (installed / technically exploitable) read in the press
#: report of the China Electric Power Planning & Engineering Institute's 2023 report
HYDRO_REPORT_SOURCE = (
    "China Electric Power Planning & Engineering Institute (电力规划设计总院), 2023 power system report, as "
    "reported by Xinhua (English copy read: ukranews.com/en/news/953780, Sep 2023): exploitable hydro capacity "
    "687 GW nationally; degree of exploitation Sichuan 59.3 %, Yunnan 64.4 %, Tibet 1.7 %, other regions 88.1 % "
    "on average"
)
HYDRO_NATIONAL_GW = 687.0
HYDRO_DEGREE = {"Sichuan": 0.593, "Yunnan": 0.644}
HYDRO_DEGREE_OTHER = 0.881
#: year-end capacity the report's degrees refer to (assumption: the year before the 2023 report)
HYDRO_DEGREE_YEAR = 2022
HYDRO_RESURVEY_2003 = (
    "2003 national hydropower resource re-survey (全国水力资源复查成果, NDRC), Xinhua 25 Nov 2005 "
    "(www.gov.cn/jrzg/2005-11/25/content_109355.htm, read): national 5.4亿 kW; Sichuan 12,004, "
    "Tibet 11,000.4, Yunnan 10,193.9 万kW (22 %, 20 %, 19 %)"
)
#: provincial technically exploitable capacity read in a publication, GW: (value, source, detail)
HYDRO_READ_GW = {
    "Tibet": (
        176.0,
        "Tibet's third hydropower resource survey (completed 2015 under 水电水利规划设计总院 and the Tibet Energy "
        "Bureau; People's Daily, 24 Jun 2016: technically exploitable 'over 1.7亿 kW, first in China'): 1.76亿 kW "
        "as read in Tan Jiwen, 西藏水电发展历程和发展展望 (2019; m.fx361.cc/news/2019/0527/17413215.html) and in "
        "Duoji's address at the 2025 China Tibet Development Forum (China News Service, 29 Oct 2025: "
        "'技术可开发装机容量为1.76亿kW ... 约占全国的26%')",
        "17,600 万kW; the State Council white paper 青藏高原生态文明建设状况 (18 Jul 2018) gives 1.74亿 kW; the "
        "2003 national re-survey gave 11,000.4 万kW; Tibet's 1.7 % degree of exploitation in the 2023 report fits "
        "about 3 GW installed of 176 GW",
    ),
    "Qinghai": (
        24.0,
        "State Council Information Office white paper 青藏高原生态文明建设状况 (18 Jul 2018), as reported by "
        "Xinhua: '青海水能资源技术可开发量为2400万千瓦'",
        "2,400 万kW",
    ),
}
# national offshore potential: low end of a farm-level assessment with wake losses (2.5-4.2 PWh/yr),
# converted at the model's offshore capacity factor; it replaces the older CMA ~500 GW (5-50 m depth)
OFFSHORE_POTENTIAL_TWH = 2500.0
OFFSHORE_POTENTIAL_SOURCE = (
    "Xu, Yin, Hu et al., Substantially lower estimates in China's offshore wind potential using farm-scale "
    "spatial modeling and wake effects, Nature Communications (2026), doi:10.1038/s41467-026-68655-2: "
    "2.5-4.2 PWh/yr (abstract read), low end"
)


EJ_TO_TWH = 1e6 / 3600.0  # 1 EJ = 10^18 J = 277.78 TWh
GCAM_WIND = "umd-cgs/gcam-china@11cbfb65f8:input/gcamdata/inst/extdata/gcam-china/wind_potential_province.csv"
ROOFTOP_TWH = 6500.0
ROOFTOP_SOURCE = (
    "national rooftop PV potential 6.5 PWh/yr ('The maximum electricity generation of rooftop PV in China "
    "reached 6.5 PWh yr-1, of which more than 80% was concentrated in densely populated areas in the east'), "
    "Assessing Carbon Reduction Potential of Rooftop PV in China through Remote Sensing Data-Driven "
    "Simulations, Sustainability 15(4):3380 (2023), conclusions read in a web copy of the article"
)
POPULATION_SOURCE = (
    "NBS year-end resident population 2020 (data.stats.gov.cn E0103) via pik-piam/PyPSA-China-PIK@25c83bfb37:"
    "resources/data/population/historical_population.csv"
)
#: 2020 resident population, 10^4 persons (the source above); used only to share rooftop potential
POPULATION_2020 = {
    "Beijing": 2189, "Tianjin": 1387, "Hebei": 7464, "Shanxi": 3490, "Inner Mongolia": 2403, "Liaoning": 4255,
    "Jilin": 2399, "Heilongjiang": 3171, "Shanghai": 2488, "Jiangsu": 8477, "Zhejiang": 6468, "Anhui": 6105,
    "Fujian": 4161, "Jiangxi": 4519, "Shandong": 10165, "Henan": 9941, "Hubei": 5745, "Hunan": 6645,
    "Guangdong": 12624, "Guangxi": 5019, "Hainan": 1012, "Chongqing": 3209, "Sichuan": 8371, "Guizhou": 3858,
    "Yunnan": 4722, "Tibet": 366, "Shaanxi": 3955, "Gansu": 2501, "Qinghai": 593, "Ningxia": 721, "Xinjiang": 2590,
}  # fmt: skip


def _mean_hours(sh: Shared, tech: str) -> pd.Series:
    """Observed utilisation hours, mean 2018-2020 (median of provinces where missing)."""
    h = _hours(sh, tech, range(2018, 2021)).mean(axis=1)
    return h.reindex(list(PROVINCES)).fillna(float(h.median()))


def build_renewable_potential(
    sh: Shared, capacity: pd.DataFrame, latest: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Technical potential (GW) of wind, solar and hydro; never below installed capacity.

    Parameters
    ----------
    sh : Shared
        The shared extracts.
    capacity : pandas.DataFrame
        ``power_capacity`` (2020; the hydro potential reads the 2021-2023 history built from it).
    latest : pandas.DataFrame, optional
        Capacity of the latest observed year (region, technology, capacity_gw); the potential
        must not be below it. Defaults to ``capacity``.

    Notes
    -----
    onshore_wind: GCAM-China provincial wind supply curve, maximum resource (EJ/yr of electricity)
    converted to GW at the province's observed wind capacity factor (mean 2018-2020 utilisation
    hours, as in ``power_capacity_factors``), so that potential x capacity factor = the curve's
    maximum output. solar_pv: He & Kammen (2016) utility-scale low-end potential plus rooftop PV
    (6.5 PWh/yr nationally, shared by 2020 population, converted at the province's observed solar
    hours). Where a source is below installed capacity the next larger source is used, and only
    then the installed capacity, each stated in ``source``.
    """
    rp = sh.read("province_renewable_potential.csv")
    now = (latest if latest is not None else capacity).pivot_table(
        index="region", columns="technology", values="capacity_gw"
    )
    year_now = int(latest["year"].max()) if latest is not None and "year" in latest else BASE_YEAR
    rows = []

    def add(r: str, tech: str, gw: float, source: str, detail: str) -> None:
        rows.append(
            dict(region=r, technology=tech, potential_gw=gw, source=source, source_detail=detail)
        )

    def add_first_above(r: str, tech: str, candidates: list[tuple[float, str, str]]) -> None:
        """Add the first candidate not below installed capacity; else installed, stated."""
        installed = float(now.loc[r, tech])
        for k, (gw, source, detail) in enumerate(candidates):
            if gw >= installed:
                note = "" if k == 0 else (
                    f"; used because {candidates[0][0]:.1f} GW of the first source is below installed "
                    f"{installed:.2f} GW ({year_now})")  # fmt: skip
                add(r, tech, gw, source, detail + note)
                return
        add(r, tech, installed, f"assumption: installed {year_now} capacity, because every source is below it",
            "; ".join(f"{gw:.2f} GW ({src[:60]})" for gw, src, _ in candidates))  # fmt: skip

    hk = {
        tech: series(rp, variable="technical_potential_capacity_lower", technology=name)
        for tech, name in (
            ("onshore_wind", "onshore wind"),
            ("solar_pv", "solar PV (stationary, utility)"),
        )
    }
    gcam = series(rp, variable="wind_resource_max_generation", technology="wind")
    wind_h, solar_h = _mean_hours(sh, "wind"), _mean_hours(sh, "solar")
    pop_total = sum(POPULATION_2020.values())
    for r in PROVINCES:
        twh = float(gcam.loc[r, "value"]) * EJ_TO_TWH
        gw = twh / wind_h[r] * 1000.0
        hkw = hk["onshore_wind"].loc[r]
        add_first_above(r, "onshore_wind", [
            (gw, f"GCAM-China wind supply curve (Shen and Yin), maximum resource, {GCAM_WIND}, converted at the "
             "province's observed wind hours", f"{gcam.loc[r, 'value']:.3f} EJ/yr = {twh:.0f} TWh/yr / "
             f"{wind_h[r]:.0f} h (CEC mean 2018-2020); the curve is onshore (no offshore column)"),
            (float(hkw["value"]), hkw["source"], "He & Kammen low-end case, resource years 2001-2010"),
        ])  # fmt: skip
        hks = hk["solar_pv"].loc[r]
        roof_twh = ROOFTOP_TWH * POPULATION_2020[r] / pop_total
        roof_gw = roof_twh / solar_h[r] * 1000.0
        add_first_above(r, "solar_pv", [
            (float(hks["value"]) + roof_gw, f"utility PV: {hks['source']}; plus rooftop PV: {ROOFTOP_SOURCE}, "
             f"shared by population ({POPULATION_SOURCE}) and converted at the province's observed solar hours "
             "(assumption: rooftop area in proportion to population)",
             f"utility {hks['value']:.1f} GW (He & Kammen low-end, resource years 2001-2010) + rooftop "
             f"{roof_twh:.0f} TWh/yr / {solar_h[r]:.0f} h = {roof_gw:.1f} GW"),
        ])  # fmt: skip
    for r, (gw, source, detail) in _hydro_potential(sh, capacity).items():
        add_first_above(r, "hydro", [(gw, source, detail)])
    coast = sum(COASTAL.values())
    national_gw = OFFSHORE_POTENTIAL_TWH / (OFFSHORE_CF * HOURS_PER_YEAR) * 1000.0
    for r in PROVINCES:
        if r not in COASTAL:
            add(r, "offshore_wind", 0.0, "definition: inland province", "")
            continue
        add_first_above(r, "offshore_wind", [(
            national_gw * COASTAL[r] / coast,
            f"{OFFSHORE_POTENTIAL_SOURCE}, converted at the offshore capacity factor {OFFSHORE_CF} = "
            f"{national_gw:.0f} GW nationally; assumption: shared by mainland coastline length",
            f"coastline {COASTAL[r]} km of {coast} km; no provincial offshore assessment found",
        )])  # fmt: skip
    return frame(rows)


def _hydro_potential(sh: Shared, capacity: pd.DataFrame) -> dict[str, tuple[float, str, str]]:
    """Technically exploitable conventional hydro by province, GW: (value, source, detail).

    Tibet and Qinghai: provincial figures read in publications. Sichuan and Yunnan: the 2023
    report's degree of exploitation, potential = hydro capacity of ``HYDRO_DEGREE_YEAR`` / degree.
    Every other province: the report's average degree of the other regions (88.1 %) applied to
    the province's own capacity (an assumption: the report gives no provincial split for them).
    """
    # local import: power_history imports this module
    from power_history import build_power_capacity_history

    hist = build_power_capacity_history(sh, capacity)
    h = hist[(hist["technology"] == "hydro") & (hist["year"] == HYDRO_DEGREE_YEAR)]
    h = h.set_index("region")["capacity_gw"].reindex(list(PROVINCES)).fillna(0.0)
    out: dict[str, tuple[float, str, str]] = {}
    for r in PROVINCES:
        if r in HYDRO_READ_GW:
            out[r] = HYDRO_READ_GW[r]
        elif r in HYDRO_DEGREE:
            d = HYDRO_DEGREE[r]
            out[r] = (
                float(h[r]) / d,
                f"derived: {HYDRO_REPORT_SOURCE}; potential = the province's {HYDRO_DEGREE_YEAR} hydro capacity "
                f"(power_capacity_history) / its degree of exploitation (assumption: degree = installed / "
                "technically exploitable)",
                f"{h[r]:.2f} GW / {d} ; for comparison {HYDRO_RESURVEY_2003}",
            )
        else:
            out[r] = (
                float(h[r]) / HYDRO_DEGREE_OTHER,
                f"assumption: {HYDRO_REPORT_SOURCE}; the average degree of exploitation of the other regions "
                f"({HYDRO_DEGREE_OTHER}) applied to each of them: potential = {HYDRO_DEGREE_YEAR} hydro capacity "
                f"(power_capacity_history) / {HYDRO_DEGREE_OTHER}",
                f"{h[r]:.2f} GW / {HYDRO_DEGREE_OTHER}; no provincial table of the re-survey could be read; "
                "the 2022 capacity of some provinces includes pumped storage built after 2020",
            )
    return out


BUILD_MULTIPLIER = 2.0
BUILD_FLOOR_GW = 0.5
OFFSHORE_BUILD_GW = 2.0
NUCLEAR_BUILD_GW = 2.0


def build_power_build_limits(
    sh: Shared,
    offshore_added_gw: dict[str, float] | None = None,
    potential: pd.DataFrame | None = None,
    national: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Build-rate ceilings, GW/yr.

    Rule for the resource technologies (hydro, solar_pv, onshore_wind, offshore_wind): the larger
    of (a) twice the largest observed provincial annual net addition and (b) the province's share
    of the national technical potential (``renewable_potential``) times the largest observed
    national annual addition NB_g (``power_national_build_limits``), at least 0.5 GW/yr (offshore:
    2 GW/yr in coastal provinces). (a) keeps every observed addition buildable; (b) lets a
    province with a small history but a large resource build its share of a record national
    year. Coal and gas have no resource potential and keep (a) alone.

    Parameters
    ----------
    sh : Shared
        The shared extracts.
    offshore_added_gw : dict, optional
        Largest observed annual offshore addition 2021-2023 by province, GW/yr (from
        ``power_history``); offshore wind (no CEC series) then takes twice it where that exceeds
        the other terms, so that the observed history fits under the limit.
    potential, national : pandas.DataFrame, optional
        ``renewable_potential`` and ``power_national_build_limits``; built here when omitted.
    """
    if potential is None or national is None:
        from power_history import (  # local: power_history imports this module
            build_power_capacity_history,
            build_power_national_build_limits,
        )

        if national is None:
            national = build_power_national_build_limits(sh)
        if potential is None:
            cap20 = build_power_capacity(sh)
            hist = build_power_capacity_history(sh, cap20)
            potential = build_renewable_potential(
                sh, cap20, hist[hist["year"] == hist["year"].max()]
            )
    pot = potential.pivot_table(index="region", columns="technology", values="potential_gw")
    nb = national.set_index("technology")["max_build_gw_per_yr"]

    def share_term(r: str, tech: str) -> tuple[float, str]:
        """NB_g x the province's share of the national potential, with its arithmetic."""
        total = float(pot[tech].sum())
        share = float(pot.loc[r, tech]) / total if total > 0 else 0.0
        gw = float(nb[tech]) * share
        return gw, (f"potential share {pot.loc[r, tech]:.1f} of {total:.0f} GW = {100 * share:.2f} % x national "
                    f"largest annual addition {nb[tech]:.1f} GW/yr = {gw:.2f} GW/yr")  # fmt: skip

    share_basis = (
        "the province's share of the national technical potential (renewable_potential) x the largest observed "
        "national annual addition (power_national_build_limits) (basis: at the record national build pace spread "
        "over the resource, each province builds its resource share)"
    )
    cap = sh.read("province_power_capacity.csv")
    src = "energyandcleanair/china_co2@4043449a84:inst/csv/power_capacity_by_province&type.csv"
    cec = cap[cap["source"] == src]
    cec_names = {
        "coal": "thermal (all fuels)", "gas": "thermal (all fuels)", "hydro": "hydro (all hydropower as reported)",
        "solar_pv": "solar (all solar power)", "onshore_wind": "wind (onshore+offshore)",
    }  # fmt: skip
    rows = []
    for tech, name in cec_names.items():
        w = cec[cec["technology"] == name].pivot_table(
            index="province", columns="year", values="value"
        )
        inc = w.diff(axis=1).max(axis=1)
        observed = (f"{BUILD_MULTIPLIER:g} x the largest observed annual net addition of '{name}' 2015-2023 "
                    f"({CEC} via {src})")  # fmt: skip
        for r in PROVINCES:
            m = float(inc.get(r, np.nan))
            m = 0.0 if not np.isfinite(m) else max(m, 0.0)
            if tech in ("coal", "gas"):
                limit = max(BUILD_MULTIPLIER * m, BUILD_FLOOR_GW)
                source = f"assumption: {observed}, at least {BUILD_FLOOR_GW} GW/yr"
                detail = f"largest observed addition {m:.2f} GW/yr"
            else:
                s_gw, s_detail = share_term(r, tech)
                limit = max(BUILD_MULTIPLIER * m, s_gw, BUILD_FLOOR_GW)
                source = f"assumption: the larger of {observed} and {share_basis}, at least {BUILD_FLOOR_GW} GW/yr"
                detail = f"largest observed addition {m:.2f} GW/yr; {s_detail}"
            rows.append(dict(region=r, technology=tech, max_build_gw_per_yr=limit, source=source,
                             source_detail=detail))  # fmt: skip
    off_inc = pd.Series(offshore_added_gw or {}, dtype=float).reindex(list(PROVINCES)).fillna(0.0)
    for r in PROVINCES:
        m = float(off_inc[r])
        s_gw, s_detail = share_term(r, "offshore_wind")
        limit = max(OFFSHORE_BUILD_GW, BUILD_MULTIPLIER * m, s_gw) if r in COASTAL else 0.0
        rows.append(dict(region=r, technology="offshore_wind", max_build_gw_per_yr=limit,
                         source=f"assumption: the largest of {OFFSHORE_BUILD_GW} GW/yr per coastal province, "
                         f"{BUILD_MULTIPLIER:g} x the largest observed provincial addition 2021-2023 "
                         f"(power_capacity_history) and {share_basis}; zero inland" if r in COASTAL
                         else "definition: inland province, no offshore wind",
                         source_detail=f"largest observed addition 2021-2023 {m:.2f} GW/yr (power_history: GEM 2020 "
                         f"operating farms, then the history table); {s_detail}" if r in COASTAL else ""))  # fmt: skip
        rows.append(dict(region=r, technology="nuclear",
                         max_build_gw_per_yr=NUCLEAR_BUILD_GW if r in COASTAL else 0.0,
                         source=f"assumption: {NUCLEAR_BUILD_GW} GW/yr in coastal provinces (about two large units "
                         f"per year); zero inland because {INLAND_NO_NUCLEAR}", source_detail="checked against the pipeline: "
                         "observed additions 2021-2023 at most 1.2 GW/yr per province (CEC); the national limit "
                         "(power_national_build_limits, 10 approved units/yr x 1.2 GW) binds before 11 coastal "
                         "provinces x 2 GW/yr" if r in COASTAL else ""))  # fmt: skip
    return frame(rows)
