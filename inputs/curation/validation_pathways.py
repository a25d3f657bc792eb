"""Published national pathways (issue 11 item 7): the ranges of other studies a plan is checked
against (``published_pathways``).

Figures read on a public web page found by search name the page; figures recalled from a
document that could not be opened here say ``transcribed, verify against the original``;
derived figures state their arithmetic in ``source_detail``.
"""

from __future__ import annotations

import pandas as pd
from common import frame
from validation_sources import (
    WEO2023,
)

# ---------------------------------------------------------------------------------------------
# Published pathways (issue 11 item 7)
# ---------------------------------------------------------------------------------------------

CAEP = (
    "Cai Bofeng, Cao Libin, Lei Yu et al. (2021), 中国碳中和目标下的二氧化碳排放路径 (CAEP-CP 1.1), 中国人口·资源与环境 "
    "31(1); abstract read at m.fx361.cc/news/2021/0324/7925045.html"
)
IEA_ROADMAP = (
    "IEA (2021), An Energy Sector Roadmap to Carbon Neutrality in China, executive summary "
    "(iea.org, read)"
)
NDC = "China's Achievements, New Goals and New Measures for Nationally Determined Contributions (UNFCCC, 28 Oct 2021)"
TSINGHUA = (
    "Tsinghua ICCSD (2020), China's Long-Term Low-Carbon Development Strategies and Pathways, as summarised "
    "by L. Myllyvirta (Carbon Brief, Oct 2020) quoted by Axios, 20 Oct 2020 (read)"
)
CETO24 = (
    "ERI/CAMR, China Energy Transformation Outlook 2024 (CETO24), as described by its authors (Carbon Brief "
    "guest post, Nov 2024) reposted at phtn.lemmy.blahaj.zone (read)"
)
CMPI = (
    "China Metallurgical Industry Planning and Research Institute (Li Xinchuang, 20 Mar 2021), as reported "
    "by Reuters via brecorder.com (read)"
)
EAF_2030 = (
    "draft of seven ministries (2024) on raising the EAF share of steel output to over 20 % by 2030, as "
    "reported by Metal Supply via Jernkontoret, 11 Mar 2024 (read)"
)
EAF_2025 = (
    "MIIT, NDRC, MEE, 关于促进钢铁工业高质量发展的指导意见 (Feb 2022): EAF steel 15 % or more of crude steel "
    "by 2025 (the draft of Dec 2020 said 15-20 %); transcribed, verify against the original"
)

# 2019 capacities the Tsinghua multipliers apply to (CEC year-end 2019, national_statistics)
_TSINGHUA_BASE_GW = {"solar": 204.68, "wind": 209.15, "nuclear": 48.74}


YIN_2022 = (
    "Yin Ruiyu (CAE academician), low-carbon roadmap of the steel industry presented in Beijing, as reported "
    "by Japan Metal Daily, 24 May 2022 (japanmetal.com, read)"
)
WRI_ROAD = (
    "Xue Lulu, Liu Daizong (WRI China, 2021), 迈向碳中和目标：中国道路交通领域中长期减排战略, summary of results "
    "(johnlhitch.com/research/decarbonizing-china-road-transport-sector, read)"
)
CNEA_2025 = (
    "China Nuclear Energy Association (Cao Shudong, 5 Sep 2025): nuclear in operation to reach 110 GW by 2030, "
    "as reported by China Energy News (cnenergynews.cn, read)"
)
CGN_2021 = (
    "CGN chairman Yang Changli (Mar 2021, via Yicai): nuclear 10 % of generation in 2030 and 18 % in 2050 need "
    "at least 150 GW and 380 GW in operation (youzijianghu.com republication, read)"
)


def published_pathway_rows() -> list[dict]:
    """One row per pathway, indicator and year; bands where a study gives several scenarios."""
    rows: list[dict] = []

    def add(pathway, ind, year, low, high, unit, source, detail):
        rows.append(dict(pathway=pathway, indicator=ind, year=year, low=float(low), high=float(high),
                         unit=unit, source=source, source_detail=detail))  # fmt: skip

    add("caep_cp_1_1", "co2_peak_year", 2027, 2027, 2027, "year", CAEP, "peak 'around 2027'")
    add(
        "caep_cp_1_1",
        "co2_peak_mt",
        2027,
        10600,
        10600,
        "MtCO2",
        CAEP,
        "peak 106 亿t CO2, then a 5-7 year plateau",
    )
    add("caep_cp_1_1", "co2_mt", 2030, 10500, 10500, "MtCO2", CAEP, "2030: 105 亿t CO2")
    for scen, tag, co2, coal in (
        ("Announced Pledges Scenario", "iea_weo2023_aps", {2030: 9948.98, 2050: 1945.58}, {2030: 3977.54, 2050: 1043.92}),
        ("Stated Policies Scenario", "iea_weo2023_steps", {2030: 11261.10, 2050: 6897.29}, {2030: 4662.43, 2050: 2213.45}),
    ):  # fmt: skip
        for y, v in co2.items():
            add(
                tag,
                "co2_mt",
                y,
                v,
                v,
                "MtCO2",
                WEO2023,
                f"China, {scen}, 'CO2 total', 'Total energy supply' "
                "(energy and industrial process CO2)",
            )
        for y, v in coal.items():
            add(
                tag,
                "coal_generation_twh",
                y,
                v,
                v,
                "TWh",
                WEO2023,
                f"China, {scen}, coal, electricity generation",
            )
    add(
        "iea_2021_roadmap_aps",
        "co2_peak_year",
        2029,
        2025,
        2029,
        "year",
        f"{IEA_ROADMAP}; launch report by Carbon Pulse, 29 Sep 2021 (read)",
        "APS: energy-sector CO2 'reach a peak before 2030' (high 2029); the launch said China can start "
        "reducing CO2 'from the mid-2020s' (low 2025)",
    )
    add(
        "iea_2021_roadmap_aps",
        "co2_mt",
        2060,
        0,
        0,
        "MtCO2",
        IEA_ROADMAP,
        "APS: energy-sector CO2 net zero by 2060 (net, after removals)",
    )
    add(
        "iea_2021_roadmap_ats",
        "co2_vs_2020_share",
        2030,
        0.8,
        0.8,
        "share of 2020",
        "IEA (2021) China roadmap, Accelerated Transition Scenario, as summarised by Energy Foundation China "
        "(efchina.org, read)",
        "CO2 'almost 20 percent below their current level by 2030'",
    )
    add(
        "iea_2021_roadmap",
        "coal_share_generation",
        2030,
        0.38,
        0.47,
        "share",
        "IEA (2021) China roadmap as reported by ssessments.com (Portuguese summary, read)",
        "coal's share of power generation 2030: 47 % APS (high), 38 % ATS (low); 63 % in 2020",
    )
    add(
        "ndc_2021",
        "wind_solar_gw",
        2030,
        1200,
        1200,
        "GW",
        NDC,
        "'over 1,200 GW' (a floor: low = high = 1,200)",
    )
    for tech, mult in (("solar", 10.0), ("wind", 7.0), ("nuclear", 7.0)):
        v = _TSINGHUA_BASE_GW[tech] * mult
        add(
            "tsinghua_iccsd_2020",
            f"{tech}_gw",
            2050,
            v,
            v,
            "GW",
            TSINGHUA,
            f"'about {mult:g}-fold' 2019 capacity by 2050 (2019 CEC {_TSINGHUA_BASE_GW[tech]} GW x {mult:g}); "
            "approximate, derived from the quoted multiplier",
        )
    add(
        "ceto_2024",
        "wind_solar_gw",
        2060,
        10000,
        10000,
        "GW",
        CETO24,
        "'around 10,000 GW' of wind and solar by 2060 in both CETO24 pathways",
    )
    add(
        "cmpi_2021",
        "crude_steel_mt",
        2025,
        1160,
        1160,
        "Mt",
        CMPI,
        "forecast peak of crude steel output 'around 1.16 billion tonnes in 2025' (observed 2025: 961 Mt)",
    )
    add(
        "miit_2022",
        "eaf_share",
        2025,
        0.15,
        0.15,
        "share",
        EAF_2025,
        "policy target, not a modelled pathway",
    )
    add(
        "ministries_2024_draft",
        "eaf_share",
        2030,
        0.20,
        0.20,
        "share",
        EAF_2030,
        "'over 20 %' (a floor)",
    )
    add(
        "yin_ruiyu_2022",
        "crude_steel_mt",
        2030,
        800,
        800,
        "Mt",
        YIN_2022,
        "'about 800 Mt' in 2030 (1,033 Mt in 2021)",
    )
    add(
        "yin_ruiyu_2022", "crude_steel_mt", 2050, 700, 700, "Mt", YIN_2022, "'about 700 Mt' in 2050"
    )
    add(
        "yin_ruiyu_2022",
        "eaf_share",
        2050,
        0.70,
        0.70,
        "share",
        YIN_2022,
        "EAF 'about 70 %' of crude steel in 2050",
    )
    add(
        "wri_2021_road_transport",
        "road_transport_ghg_peak_year",
        2030,
        2025,
        2035,
        "year",
        WRI_ROAD,
        "road-transport GHG peak 2025-2035 across five scenarios (before 2030 if current targets are met)",
    )
    add(
        "wri_2021_road_transport",
        "road_transport_ghg_vs_2020_share",
        2060,
        0.05,
        0.5,
        "share of 2020",
        WRI_ROAD,
        "2060 road-transport GHG 50-95 % below 2020 across scenarios (a check on other_emissions_path's transport)",
    )
    add(
        "cnea_2025",
        "nuclear_gw",
        2030,
        110,
        110,
        "GW",
        CNEA_2025,
        "'over 110 GW' in operation (a floor)",
    )
    add(
        "cgn_2021",
        "nuclear_gw",
        2030,
        150,
        150,
        "GW",
        CGN_2021,
        "'at least 150 GW' for 10 % of generation",
    )
    add(
        "cgn_2021",
        "nuclear_gw",
        2050,
        380,
        380,
        "GW",
        CGN_2021,
        "'at least 380 GW' for 18 % of generation",
    )
    add(
        "iea_2021_roadmap_aps",
        "coal_demand_vs_2020_share",
        2060,
        0.2,
        0.2,
        "share of 2020",
        "IEA (2021) China roadmap as reported by ssessments.com (Portuguese summary, read)",
        "APS: coal demand falls 80 % by 2060 from 2020 (oil 60 %, gas 45 %)",
    )
    return rows


def build_published_pathways() -> pd.DataFrame:
    """Published national pathways and plan targets the default plan is compared with."""
    return frame(published_pathway_rows())
