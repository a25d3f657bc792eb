"""Technical potential of hydro, wind and solar by province (``renewable_potential``), from
provincial assessments where one could be read, else published national totals and provincial shares."""

from __future__ import annotations

import pandas as pd
from common import BASE_YEAR, HOURS_PER_YEAR, PROVINCES, Shared, frame, series
from power_sources import (
    COASTAL,
    OFFSHORE_CF,
    _hours,
)

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
# Searched, not found (Dec 2026, second pass), so the other 29 provinces keep the degree-of-exploitation
# derivation below: no provincial table of the 2003 re-survey (技术可开发装机容量 by province, 541.64 GW)
# or of a later official survey is readable here. Pages: the only re-survey figures are the Xinhua top three
# above; tfsdy.com/show-1311.html and copies give the 1980 survey by six regions only; Sustainability
# 15(5):3940 (2023, "China's Hydropower Resources and Development") gives basin and regional shares only;
# per-province queries (Hubei, Guizhou, Guangxi, Hunan, Xinjiang, in Chinese and English) found no figure.
# Code: find_string on '技术可开发装机容量', '技术可开发量', '10193.9' and searches for provincial hydro
# potential CSVs found none; umd-cgs/gcam-china has no hydro resource file (hydro output is fixed);
# Power-Lab/CellReports_NDC_2025@72d17ccf48:data_csv/capacity_assumptions/hydro_2060.csv is that model's
# 2060 capacity assumption, not a potential; pik-piam/PyPSA-China-PIK@25c83bfb37 and
# Rick10119/PyPSA-China-THU@99a0377f60 hold dams, inflows and installed capacity only;
# switch-model/switch-china-open-model@a93a4b9a9f holds existing and planned plants only.
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
# --- offshore wind: cell-level assessment of the UC San Diego Power Transformation Lab's China RE Pathways model ---
POWERLAB_REPO = "Power-Lab/AdvAppliedEnergy_Pathways_2025@99f94de8fc"
OFFSHORE_SOURCE = (
    f"Power Transformation Lab (UC San Diego), China RE Pathways model for 'Temporal Limitations of China's "
    f"Renewable Energy Scale-Up' (repository Power-Lab/AdvAppliedEnergy_Pathways_2025, MIT licence; inputs "
    f"also at doi:10.5281/zenodo.14907700), {POWERLAB_REPO}:data_csv/vre_potentials/"
    "China_windpower_offshore_provin_2015.csv and _2016.csv (read): column 'Annual potential (GWh)' summed "
    "over the cells of each 'provin', mean of the 2015 and 2016 weather years"
)
#: per coastal province: (TWh/yr 2015 weather, TWh/yr 2016 weather, GW implied by the source's own cell
#: capacity factors = sum of GWh / (Average_CF x 8760), suitable sea area km2), summed from the files above.
#: The source labels 28 Bohai cells (38.5-39.75 N, 117.8-120.3 E) "Hubei" (inland); its companion file
#: ..._offshore_100km_2015.csv names the same cells "Hubei_off" beside near-shore "Hebei" cells, so they are
#: counted for Hebei (Hebei = 8 "Hebei" + 28 "Hubei" cells).
OFFSHORE_TWH = {
    "Fujian": (831.08, 776.76, 207.7, 38741), "Guangdong": (965.97, 1055.29, 378.3, 70516),
    "Guangxi": (110.76, 109.33, 46.1, 8595), "Hainan": (416.78, 448.61, 177.4, 33138),
    "Hebei": (156.11, 161.82, 58.7, 10952), "Jiangsu": (528.79, 620.46, 210.2, 39172),
    "Liaoning": (571.47, 617.32, 189.1, 35251), "Shandong": (983.38, 1074.95, 370.6, 69095),
    "Shanghai": (165.32, 191.26, 59.6, 11113), "Tianjin": (4.37, 4.38, 1.7, 314),
    "Zhejiang": (658.49, 698.95, 221.3, 41237),
}  # fmt: skip
#: national farm-scale estimate with wake losses, for comparison only (it has no provincial table)
OFFSHORE_XU_2026 = (
    "Xu, Yin, Hu et al., Nature Communications (2026), doi:10.1038/s41467-026-68655-2: 2.5-4.2 PWh/yr "
    "nationally with farm-scale wake effects (abstract read)"
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
#: why the rooftop share is still an assumption (searched Dec 2026, so nobody repeats the search blind)
ROOFTOP_NO_PROVINCIAL = (
    "no provincial rooftop/distributed PV potential table could be read: the provincial results of Zhang et al., "
    "Nature Communications 14:2347 (2023) were not reachable; the archived cell files "
    "data_csv/archived/distributed_solar_2015.csv of Power-Lab/AdvAppliedEnergy_Pathways_2025 carry no units "
    "or method and are not used by that model"
)
# Searched, not found (Dec 2026, second pass): no readable provincial rooftop or distributed PV potential.
# - umd-cgs/gcam-china@45660a0676:input/gcamdata/R/zchunk_L210.Resources_china.R writes the one national
#   rooftop curve (L210.SmthRenewRsrcCurvesGdpElast_roofPV, resource 'distributed_solar', market 'China')
#   to every province; JGCRI/gcamdata issue #1107 leaves provincial solar curves open.
# - Power-Lab/AdvAppliedEnergy_Pathways_2025@99f94de8fc:pycode/initData.py flags distributed-PV cells
#   (isDPV) in pickles kept on Zenodo (data_pkl), not in the repository; CellReports_NDC_2025 the same.
# - pik-piam/PyPSA-China-PIK@25c83bfb37, Rick10119/PyPSA-China-THU@99a0377f60: rooftop costs only.
# - switch-model/switch-china-open-model@a93a4b9a9f:he_et_al_est_2016/si.pdf (SWITCH-China SI, read)
#   models residential and commercial PV with no provincial potential table.
# - He & Kammen (2016) abstract (rael.berkeley.edu, read): "distributed solar about 200 GW" nationally;
#   its provincial split is not in the transcribed Table 4.
# - Zhang et al. Nat. Commun. 14:2347 (2023) and Joshi et al. (2021) supplementary data: not in the
#   corpora; hkuedl/Facade_PV covers 102 cities with data on a cloud drive; Solar Energy 274:112557
#   (2024) gives rooftop carbon offset per m2 by province, not potential; the Sustainability 15(4):3380
#   web copy shows national and grid-level results only.
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
    hours). offshore_wind: the Power Transformation Lab's cell-level assessment summed by province
    (mean of the 2015 and 2016 weather years, TWh/yr) converted at the model's offshore capacity
    factor, so potential x capacity factor = the assessment's output. Where a source is below
    installed capacity the next larger source is used, and only then the installed capacity, each
    stated in ``source``.
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
             f"{roof_twh:.0f} TWh/yr / {solar_h[r]:.0f} h = {roof_gw:.1f} GW; {ROOFTOP_NO_PROVINCIAL}"),
        ])  # fmt: skip
    for r, (gw, source, detail) in _hydro_potential(sh, capacity).items():
        add_first_above(r, "hydro", [(gw, source, detail)])
    offshore_hours = OFFSHORE_CF * HOURS_PER_YEAR
    for r in PROVINCES:
        if r not in COASTAL:
            add(r, "offshore_wind", 0.0, "definition: inland province", "")
            continue
        y15, y16, src_gw, km2 = OFFSHORE_TWH[r]
        twh = (y15 + y16) / 2.0
        add_first_above(r, "offshore_wind", [(
            twh / offshore_hours * 1000.0,
            f"{OFFSHORE_SOURCE}; converted at the model's offshore capacity factor {OFFSHORE_CF} "
            f"({offshore_hours:.0f} h), so potential x capacity factor = the source's output",
            f"{y15:.1f} TWh/yr (2015) and {y16:.1f} TWh/yr (2016), mean {twh:.1f} TWh/yr / {offshore_hours:.0f} h; "
            f"{km2:,} km2 suitable sea area, {src_gw:.1f} GW at the source's own capacity factors; for "
            f"comparison {OFFSHORE_XU_2026}"
            + ("; includes the 28 Bohai cells the source labels 'Hubei'" if r == "Hebei" else ""),
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
