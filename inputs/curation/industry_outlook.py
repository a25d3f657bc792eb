"""Industry outlook: product demand 2025-2060, secondary-resource availability and diffusion limits.

* ``industry_demand``: national demand per sector, continuing from the observed 2023 output
  (``industry_history``). Demand is domestic output, i.e. it includes net exports. The first
  period is replaced by its observed output where a statistic exists (``industry_nowcast``).
* ``circular_resources`` (national rows): steel scrap and recycled aluminium that can be collected,
  checked against the scrap the routes used in the observed years (``industry_history.scrap_balance``).
* ``technology_diffusion``: C24's national growth factor, start-up amount and decline rate per
  technology (MESSAGE-style dynamic activity constraints).

Each number says whether it was read in a source, transcribed from one, or assumed (with its basis).
"""

from __future__ import annotations

import pandas as pd
from common import PERIODS, frame
from industry_glass import CBMF_2024, LIU_2023

A = "assumption: "

# --- demand ----------------------------------------------------------------------------------------
CLINKER_RATIO = (
    0.6643  # NBS 2020 clinker 1,579 Mt / cement 2,377 Mt, the ratio industry_production uses
)
CISA_2023 = (
    "CISA (He Wenbo, Mysteel annual conference, Dec 2023): crude steel output 950 Mt in 2025, 900 Mt in 2030 and "
    "850 Mt in 2035; apparent crude-steel consumption 910 / 860 / 820 Mt (SteelOrbis, steelorbis.com/steel-news/"
    "latest-news/cisa-chinas-crude-steel-usage-to-remain-firm-in-2024-to-drop-to-820-million-mt-by-2035-1320050.htm; "
    "BigMint; read)"
)
RMI_2021 = (
    "RMI (Chen, Li, Li & Li 2021, Pursuing Zero-Carbon Steel in China, zero-carbon scenario): production peaks in "
    "2024 and falls to 621 Mt in 2050, 40 % below 2020 (RMI press release, 29 Sep 2021, rmi.org/press-release/"
    "rmi-releases-report-that-maps-the-pathway-for-china-to-pursue-zero-carbon-steel/, read)"
)
DMA_PATH = {2030: 887, 2035: 875, 2040: 861, 2045: 858, 2050: 849, 2055: 844, 2060: 830}
DMA = (
    "dynamic material-flow model of zzzzty29/China-s-Iron-and-Steel-Industry-Decarbonization-Model@2d93e01892:"
    "figs/Fig2.png panel b, crude steel production read off the figure (+-3 Mt; its 2020 and 2023 points land within "
    "2 Mt of NBS): "
    + ", ".join(f"{v} Mt ({y})" for y, v in DMA_PATH.items())
    + ", with net exports rising from 130 Mt (2025) to 200 Mt/yr from 2031 (data_DMA.xlsx sheet 'prediction', "
    "10 kt)"
)
STEEL_OTHERS = (
    "other studies read: CISRI (Shangguan Fangqin, Nov 2025): output 922-948 Mt in 2030 (Mysteel, "
    "mysteel.net/news/5103851, read); for 2050 IEA 710 Mt and World Steel Dynamics 800 Mt (WSD Strategic Insights "
    "CXLIV, SteelOrbis, Apr 2021, read; the IEA figure as WSD quotes it, transcribed, verify); the DMA model above "
    "849 Mt (2050) and about 830 Mt (2060) with 200 Mt/yr of net exports; Yin Ruiyu (CAE, May 2022) about 800 Mt "
    "(2030) and 700 Mt (2050) and MPI (Mar 2021) a peak of 1,160 Mt in 2025 (published_pathways); studies reviewed "
    "by Li, Xie, Cai & Wang "
    "2022 (中国环境管理 14(1):48-53) span roughly 500-700 Mt by 2050-2060 (transcribed, verify)"
)
WANG_2024 = (
    "Wang, Li, Lin, Ye, Yang & Yue 2024 (Sustainability 16(18):7959, business-as-usual dynamic MFA): domestic "
    "aluminium demand grows to about 2030 and then stays at 28-30 Mt to 2050, in-use stock near saturation at "
    "449 kg per capita (abstract, globalauthorid.com and ideas.repec.org, read)"
)
AL_PLATEAU = (
    "primary + recycled held at the observed 2025 output from 2030 to 2050: NBS 2025 primary 45.02 Mt + recycled "
    "10.56 Mt (2024, the latest; national_statistics) = 55.6 Mt; the plateau is the studies' shape: "
    f"{WANG_2024}; SMM (Oct 2021): consumption peaks by 2024 and then plateaus (news.metal.com, read); Antaike "
    "(2021): recycled metal takes a bigger share of plateauing consumption after 2024 (Business Recorder, read); "
    "Wang et al.'s level is end-use demand without net exports and its growth to 2030 is not quantified in the "
    "abstract, so only the flat shape is used"
)
AL_OTHERS = (
    "other studies read: CNIA (Aug 2018): demand to level off around 2023 at 46-50 Mt (S&P Global Platts, read); "
    "Li, Yue, He, Zhao & Wang 2020 (Resources Policy 65): secondary aluminium above 60 % of output after 2050 "
    "(econpapers.repec.org, read)"
)
NBS_CEMENT_2025_MT = 1693.0  # NBS 2025 cement output, as industry_nowcast curates it
NBS_CEMENT_2025 = (
    "NBS 2025 cement output 1,693 Mt (-6.9 % on 2024; SunSirs, sunsirs.com, 26 Jan 2026; read)"
)
MA_2035_CEMENT_MT = 1000.0
MA_2024 = (
    "Ma Weiping (former chairman of Yaobai Cement Group) to China Cement Network, 19 Aug 2024: cement demand "
    "'will drop to about 1 billion tons' in ten years, with per-capita use falling from ~1,500 kg toward the "
    "400-500 kg of developed countries; he calls 1 bn t 'an optimistic estimate' (still 700 kg per capita) "
    "(e.ccement.com/news/content/44036443474555001.html, read); 'in ten years' from 2024 is placed at the 2035 "
    "period; the coverage (NBS or China Cement Network's, ~9 % lower in 2025) is not said, NBS is taken"
)
LI_2030_GT, LI_2050_GT = 2.3, 1.5
LI = (
    f"Li et al.: cement peaks at 2.5 Gt in 2017 and falls to {LI_2030_GT} Gt in 2030 and {LI_2050_GT} Gt in 2050 "
    "(as reviewed by Shen, Zhong, Elshkaki, Zhang & Zhao 2021, JSDEWES 9(2):1080354, sdewes.org, read; Li et "
    "al.'s figures transcribed, verify)"
)
CLINKER_NOTE = (
    f"in Mt clinker = cement x the 2020 clinker/cement ratio {CLINKER_RATIO} (NBS 2020 clinker 1,579 / cement "
    "2,377 Mt), the ratio the 2025 row and industry_production use"
)
CEMENT_OTHERS = (
    f"other studies read: {LI}: levels that predate the 2021-2025 fall of about 28 % (2,363 to 1,693 Mt) and "
    f"sit far above this path ({LI_2030_GT * 1000 * CLINKER_RATIO:,.0f} / {LI_2050_GT * 1000 * CLINKER_RATIO:,.0f} "
    "Mt clinker), so only their rate of decline is used; ICR (CemNet, Jan 2025, read): 2024 demand -8 % to "
    "1,858.9 Mt, further falls expected, no level given; CW Research (2018-2019, read): China's demand to "
    "'decline sharply' to 2050, no level given; the IEA China roadmap (2021) cement path was not found in a "
    "readable copy"
)
GLASS_2026_MT, GLASS_2026_DROP_MT = 48.54, 1.31
SUNSIRS_GLASS = (
    f"SunSirs (sunsirs.com/commodity-news/petail-29971.html, early 2026, read): glass demand to fall about "
    f"{GLASS_2026_DROP_MT} Mt (2.6 %) in 2026 to about {GLASS_2026_MT} Mt, with completed floor area 7-10 % lower"
)
BUMA = (
    "BUMA building-materials model, SPDeetman/BUMA@06f65fa6dd (MIT licence), building_materials.py run as published "
    "(default switches: Weibull lifetimes, regional material intensities, Gompertz service floor space; only the file "
    "paths and a Windows-only message box changed, pandas 1.5) on the repository's IMAGE inputs, which the papers describe as SSP2 (Deetman et al. 2020, Modelling "
    "global material stocks and flows for residential and service sector buildings towards 2050, J. Cleaner Production "
    "245:118658, doi:10.1016/j.jclepro.2019.118658; material intensities Marinova et al. 2020, doi:10.1016/"
    "j.jclepro.2019.119146, SSP2 per its abstract, read); output/material_output.csv, IMAGE region 20 (China region, "
    "1,426 M people in 2025 in the run), glass inflow of the eight residential and four service building types"
)
#: BUMA run (see ``BUMA``): glass inflow into new residential + service buildings, China region, kt/yr.
#: 2020 and 2023 are kept for the level check against NBS output.
BUMA_GLASS_KT = {
    2020: 11626.7,
    2023: 11438.5,
    2025: 12414.2,
    2030: 12344.3,
    2035: 11436.0,
    2040: 10875.0,
    2045: 10182.1,
    2050: 9301.2,
}
GLOBUME = (
    "GloBUME, BUMA extended to 2060 by Zhong, Hu, Deetman et al. (2021), Global greenhouse gas emissions from "
    "residential and commercial building materials and mitigation strategies to 2060, Nature Communications 12:6126, "
    "doi:10.1038/s41467-021-26212-z, 'middle-of-the-road baseline' per its abstract (read at xiaoshan1994.github.io); "
    "committed output oucxiaoyang/GloBUME@dc827af610:output_material/material_output.csv (MIT licence), region 20, "
    "glass inflow of the same twelve building types (read)"
)
#: GloBUME committed output (see ``GLOBUME``): the same China-region glass inflow, kt/yr, to 2060.
GLOBUME_GLASS_KT = {
    2023: 18802.7,
    2025: 20207.3,
    2030: 19953.3,
    2035: 18787.8,
    2040: 17705.1,
    2045: 16700.9,
    2050: 15142.0,
    2055: 13803.4,
    2060: 12824.7,
}
BUILDING_SHARE = (
    "building glass was 86 % of China's flat-glass demand by area in 2006 (Freedonia, via glassinchina.com/news/"
    "detail39353.html, read), 'about 70 %' of consumption in an undated market report (gaowanyana.com/top/30511.html, "
    "read) and below 50 % of output in 2023 (China Building Materials Federation, read)"
)
BUMA_LEVEL = (
    f"level check: BUMA's {BUMA_GLASS_KT[2023] / 1000:.1f} Mt of building glass in 2023 is "
    f"{BUMA_GLASS_KT[2023] / 1000 / 48.5:.0%} of NBS flat-glass output (48.5 Mt); {BUILDING_SHARE}, i.e. 24-42 Mt "
    "(50-86 % of 48.5 Mt), so BUMA's level is a quarter to a half of it (its glass intensities, 1.1-6.4 kg per "
    "m2 of dwelling and 3.6-9.6 kg/m2 of service floor, leave out window replacement, interior and processing "
    "losses); GloBUME's "
    f"{GLOBUME_GLASS_KT[2023] / 1000:.1f} Mt in 2023 ({GLOBUME_GLASS_KT[2023] / 1000 / 48.5:.0%}) is also low: "
    "only the models' shape is used"
)
BUMA_SHAPE = (
    "BUMA's yearly inflow saw-tooths within each 5-year step of IMAGE's population (it drops 12 % from 2025 to 2026, "
    "then climbs back); the milestone years all sit at the same point of the tooth, so their ratio is used; the mean "
    "of the five years ending in each milestone gives 1.015 / 0.973 / 0.929 / 0.879 / 0.809 of 2021-2025 for "
    "2030-2050 instead; BUMA predates the 2021-2025 fall of China's completed floor space, which its 2025 peak does "
    "not show (SunSirs expects -2.6 % in 2026)"
)
GLASS_OTHERS = (
    f"shape from building-materials models: {BUMA}; {GLOBUME}; {BUMA_LEVEL}; {BUMA_SHAPE}; no published projection of "
    "China's total flat-glass output to 2030-2060 was found (searched: China Architectural and Industrial Glass "
    "Association, China Building Materials Federation, carbon-peak roadmaps, pathway papers, LBNL and IIASA material "
    "scenarios; Freedonia's 2012 forecasts stop at 2016-2021; Liu, Zhu & Zhao's glass material-flow study to 2050 "
    "(Renmin University; abstract read at jizihe.com) gives demand-growth scenarios whose rates the readable copy "
    f"does not show); near term: {SUNSIRS_GLASS}; drivers read: {LIU_2023}; "
    f"{CBMF_2024}; photovoltaic rolled glass is reported apart, in tonnes, by the "
    "China Architectural and Industrial Glass Association (5.49 Mt in Q1 2023, +83.6 %; lnmo.gov.cn, read), while "
    "NBS counts flat glass in weight cases; whether NBS's flat glass includes it was not established (the SunSirs "
    "float-glass demand of ~49.9 Mt in 2025 is close to NBS's 50.0 Mt of 2024, which suggests it does not)"
)
DEMAND_NOTE = "domestic output incl. net exports; scenario input: override in a scenario YAML"


def _between(y: int, y0: int, v0: float, y1: int, v1: float) -> float:
    """Linear interpolation between two cited points (a method, not an assumption)."""
    return v0 + (v1 - v0) * (y - y0) / (y1 - y0)


def _steel() -> list[tuple[int, float, str]]:
    # CISA's own 2025 figure is 1.1 % below the observed 960.81 Mt: its levels are used as published.
    rows = [(y, v, CISA_2023) for y, v in ((2025, 950.0), (2030, 900.0), (2035, 850.0))]
    for y in (2040, 2045):
        rows.append(
            (
                y,
                round(_between(y, 2035, 850.0, 2050, 621.0), 1),
                f"linear interpolation between CISA's 850 Mt (2035) and RMI's 621 Mt (2050): {CISA_2023}; {RMI_2021}",
            )
        )
    rows.append((2050, 621.0, RMI_2021))
    # RMI stops at 2050; the DMA model's flat tail (stock saturated) carries it on as a relative change.
    for y in (2055, 2060):
        ratio = DMA_PATH[y] / DMA_PATH[2050]
        rows.append(
            (
                y,
                round(621.0 * ratio, 1),
                f"RMI's 621 Mt (2050) x the DMA model's change {DMA_PATH[y]}/{DMA_PATH[2050]} from 2050: "
                f"{RMI_2021}; {DMA}",
            )
        )
    return rows


def _cement() -> list[tuple[int, float, str]]:
    """Cement in Mt clinker: observed 2025, Ma Weiping's ~1 bn t for 2035, Li et al.'s rate after."""
    c25, c35 = NBS_CEMENT_2025_MT, MA_2035_CEMENT_MT
    rate = LI_2050_GT / LI_2030_GT  # Li et al.'s 20-year relative change 2030 -> 2050

    def clinker(cement_mt: float) -> float:
        return round(cement_mt * CLINKER_RATIO, 1)

    c30 = _between(2030, 2025, c25, 2035, c35)
    rows = [
        (2025, clinker(c25), f"{NBS_CEMENT_2025}; {CLINKER_NOTE}"),
        (
            2030,
            clinker(c30),
            f"linear interpolation between the observed 2025 output ({c25:,.0f} Mt cement) and Ma Weiping's "
            f"~{c35:,.0f} Mt (2035): {c30:,.1f} Mt cement; {NBS_CEMENT_2025}; {MA_2024}; {CLINKER_NOTE}",
        ),
        (2035, clinker(c35), f"{c35:,.0f} Mt cement: {MA_2024}; {CLINKER_NOTE}"),
    ]
    # Li et al.'s levels start from the pre-2021 peak; their relative decline is carried from our 2035 level.
    for y in (2040, 2045, 2050):
        share = rate ** ((y - 2035) / 20)
        rows.append(
            (
                y,
                clinker(c35 * share),
                f"Ma Weiping's {c35:,.0f} Mt cement (2035) x Li et al.'s relative decline "
                f"({LI_2050_GT}/{LI_2030_GT} over 20 years, i.e. {rate**0.05 - 1:+.1%}/yr) over {y - 2035} years "
                f"= {c35 * share:,.1f} Mt cement; {MA_2024}; {LI}; {CLINKER_NOTE}",
            )
        )
    for y in (2055, 2060):
        share = rate ** ((y - 2035) / 20)
        rows.append(
            (
                y,
                clinker(c35 * share),
                A
                + f"Li et al.'s rate of decline ({rate**0.05 - 1:+.1%}/yr) continued past 2050, where no study "
                f"read reaches: {c35 * share:,.1f} Mt cement, {CLINKER_NOTE} (basis: at the 1.41 bn people of 2024 "
                f"(NBS, transcribed, verify), "
                f"{c35 * share / 1410:.2f} t per person, near the 400-500 kg of developed countries Ma Weiping "
                "cites; population falls, so per-capita use is somewhat higher)",
            )
        )
    return rows


def _glass_path(base_mt: float) -> list[tuple[int, float, str]]:
    """Flat glass 2030-2060: the 2025 level times BUMA's China building-glass index, GloBUME's after 2050.

    Parameters
    ----------
    base_mt : float
        Flat-glass demand 2025 (Mt/yr), the level the index is applied to.

    Returns
    -------
    list of (int, float, str)
        (year, demand in Mt/yr, source) for 2030-2060.
    """
    nonbuilding = (
        "assumption: flat glass for other uses (vehicles, appliances, furniture, processing) follows the "
        f"building index (basis: no projection of them found; {BUILDING_SHARE}; photovoltaic rolled glass "
        "seems to lie outside NBS flat glass, see source_detail)"
    )
    kt25 = BUMA_GLASS_KT[2025]
    rows = []
    for y in (2030, 2035, 2040, 2045, 2050):
        index = BUMA_GLASS_KT[y] / kt25
        rows.append(
            (
                y,
                round(base_mt * index, 2),
                f"flat glass 2025 ({base_mt:.2f} Mt, SunSirs' 2025 demand; the 2025 row holds NBS's 2024 output "
                f"instead) x BUMA's China building-glass index {index:.4f}: glass inflow "
                f"into new residential and service buildings {BUMA_GLASS_KT[y]:,.0f} kt in {y} / {kt25:,.0f} kt in "
                f"2025, SSP2 ({BUMA}; model run here, output read); {nonbuilding}",
            )
        )
    index50 = BUMA_GLASS_KT[2050] / kt25
    g25, g50 = GLOBUME_GLASS_KT[2025], GLOBUME_GLASS_KT[2050]
    agree = " / ".join(f"{GLOBUME_GLASS_KT[y] / g25:.3f}" for y in (2030, 2035, 2040, 2045, 2050))
    for y in (2055, 2060):
        step = GLOBUME_GLASS_KT[y] / g50
        rows.append(
            (
                y,
                round(base_mt * index50 * step, 2),
                f"BUMA ends in 2050: its 2050 level ({base_mt:.2f} Mt x {index50:.4f}) x GloBUME's change from 2050, "
                f"{GLOBUME_GLASS_KT[y]:,.0f} / {g50:,.0f} kt = {step:.4f} ({GLOBUME}); GloBUME's own index on 2025, "
                f"{agree} for 2030-2050, is within 0.01 of the BUMA run's; {nonbuilding}",
            )
        )
    return rows


def demand_rows() -> dict[str, list[tuple[int, float, str]]]:
    """Demand per sector and period, each with its source.

    Returns
    -------
    dict of str to list of (int, float, str)
        Per sector: (year, demand in Mt/yr, source) for every period. Cement is in Mt clinker.
    """
    cement = _cement()
    aluminium = (
        [
            (
                2025,
                53.1,
                "primary + recycled: NBS 2023 primary aluminium 41.59 Mt (Reuters, read; held under the 45 Mt/yr "
                "capacity cap, Antaike: 44.43 Mt built at end-2023, read) + recycled 11.5 Mt, the 2025 target of "
                "NDRC 十四五循环经济发展规划 (transcribed, verify); observed 2023: 41.59 + 9.45 = 51.0 Mt",
            )
        ]
        + [(y, 55.6, AL_PLATEAU) for y in (2030, 2035, 2040, 2045, 2050)]
        + [
            (
                y,
                55.6,
                A
                + "the 2030-2050 plateau is held after 2050, where no study read reaches (basis: Wang et al. 2024 "
                "find the in-use stock near saturation by 2050; Li et al. 2020 expect the shift after 2050 to be "
                "between routes, secondary above 60 % of output, not a fall in total)",
            )
            for y in (2055, 2060)
        ]
    )
    glass_2025 = GLASS_2026_MT + GLASS_2026_DROP_MT
    glass = [
        (
            2025,
            round(glass_2025, 2),
            f"flat glass 2025 = SunSirs' 2026 demand plus its expected fall: {GLASS_2026_MT} + "
            f"{GLASS_2026_DROP_MT} Mt ({SUNSIRS_GLASS}); NBS flat glass was 48.5 Mt in 2023 (969 M weight cases, "
            "shared data) and 50.0 Mt in 2024",
        )
    ] + _glass_path(glass_2025)
    return {"steel": _steel(), "cement": cement, "aluminium": aluminium, "flat_glass": glass}


#: What a user should know besides the path: the range of the other studies read, per sector.
DEMAND_RANGE = {
    "steel": STEEL_OTHERS,
    "cement": CEMENT_OTHERS,
    "aluminium": AL_OTHERS,
    "flat_glass": GLASS_OTHERS,
}

DEMAND_PATH: dict[str, tuple[float, ...]] = {
    s: tuple(v for _, v, _ in rows) for s, rows in demand_rows().items()
}


def build_industry_demand() -> pd.DataFrame:
    """National demand per sector and period with its source.

    Returns
    -------
    pandas.DataFrame
        ``industry_demand``: sector, year, demand_mt (Mt/yr; cement in Mt clinker), source,
        source_detail (what demand means and the range of the other studies read).
    """
    rows = []
    for s, path in demand_rows().items():
        detail = f"{DEMAND_NOTE}; {DEMAND_RANGE[s]}"
        for y, v, src in path:
            rows.append(
                dict(sector=s, year=y, demand_mt=float(v), source=src, source_detail=detail)
            )
    return frame(rows)


# --- secondary resources ------------------------------------------------------------------------------
CIRCULAR_PLAN = "NDRC, 十四五循环经济发展规划 (发改环资〔2021〕969号)"
SCRAP = {2025: 320, 2030: 380, 2035: 440, 2040: 470, 2045: 490, 2050: 505, 2055: 515, 2060: 520}
SCRAP_SRC = {
    2025: f"{CIRCULAR_PLAN}: scrap steel utilisation 320 Mt by 2025 (transcribed, verify); MPI (Li Xinchuang, "
    "Nov 2021, read) expects ~338 Mt of scrap resources in 2025",
    2030: "CISA (Dec 2021, SteelOrbis, read): China's scrap reservoir grows by 10-15 Mt a year; 320 + 5 x 12 Mt; "
    "worldsteel (2019, read) expected ~300 Mt of availability by 2030",
    2035: "as 2030: + 12 Mt/yr (CISA growth, read)",
}
SCRAP_LATE = (
    A
    + "obsolete-scrap growth slows as the in-use steel stock saturates (+6 Mt/yr 2035-2040, +4, +3, +2, +1 "
    "after); 520 Mt in 2060 would let scrap-EAF make ~80 % of the 607 Mt of crude steel in 2060 (industry_demand)"
)
RECYCLED_AL = {
    2025: 11.5,
    2030: 15.0,
    2035: 18.3,
    2040: 21.0,
    2045: 23.3,
    2050: 25.3,
    2055: 26.8,
    2060: 28.0,
}
RECYCLED_AL_SRC = {
    2025: f"{CIRCULAR_PLAN}: recycled aluminium 11.5 Mt by 2025 (transcribed, verify; SMM expects the same, read)",
    2030: "SMM (news.metal.com, read): 11.5 Mt in 2025 then 5-6 %/yr growth: 11.5 x 1.055^5 = 15.0 Mt; Rusal "
    "(2021, read) put 20 Mt by 2030 as the upper bound if every announced project is built",
}
RECYCLED_AL_LATE = (
    A
    + "growth slows from 4 %/yr (2030-2035) to ~1 %/yr by 2060 as end-of-life scrap from the post-2000 stock "
    "arrives and then levels off"
)


def with_secondary_outlook(circular: pd.DataFrame) -> pd.DataFrame:
    """``circular_resources`` with the national scrap and recycled-aluminium rows re-sourced."""
    national = circular["region"].eq("China") & circular["resource"].isin(
        ["steel_scrap", "recycled_aluminium"]
    )
    rows = []
    for y in PERIODS:
        rows.append(dict(resource="steel_scrap", region="China", year=y, available_mt=float(SCRAP[y]),
                         source=SCRAP_SRC.get(y, SCRAP_LATE),
                         source_detail="collectable scrap for steelmaking (EAF and BOF together); observed 2020-2022 "
                         "consumption 215-230 Mt of a 260-270 Mt supply (CAMU, MPI; read)"))  # fmt: skip
        rows.append(dict(resource="recycled_aluminium", region="China", year=y, available_mt=RECYCLED_AL[y],
                         source=RECYCLED_AL_SRC.get(y, RECYCLED_AL_LATE),
                         source_detail="recycled aluminium output that collected scrap can support; observed 7.40 Mt "
                         "(2020) to 9.45 Mt (2023), CNIA"))  # fmt: skip
    return pd.concat([frame(rows), circular[~national]], ignore_index=True)


# --- diffusion limits (C24) -----------------------------------------------------------------------------
MESSAGE = (
    "form: MESSAGE dynamic activity constraints, growth factor plus start-up value (Messner & Strubegger 1995; "
    "iiasa/message_doc@2b27781af7:source/message_globiom/energy/tech.rst, read)"
)
WILSON = (
    "historical formative-phase growth of energy technologies of 15-25 %/yr (Wilson, Grubler, Bauer, Krey & "
    "Riahi 2013, Climatic Change 118:381-395; transcribed, verify)"
)
PHASE_OUT = (
    "backward capacity is phased out by 2025 (NDRC et al., 发改产业〔2022〕200号; 产业结构调整指导目录(2019年本) 淘汰类): "
    "no growth, no decline limit"
)

# sector, technology -> (growth %/yr, seed Mt/yr per year, decline %/yr, source, detail)
DIFFUSION: dict[tuple[str, str], tuple[float, float, float, str, str]] = {
    ("steel", "bf_bof_backward"): (0.0, 0.0, 100.0, PHASE_OUT, ""),
    ("steel", "bf_bof"): (
        3.0,
        0.0,
        5.0,
        A
        + "growth 3 %/yr: no new BF capacity may be added (MIIT: crude-steel capacity only reduced, not "
        "increased, to 2025; read), so output can only rise with utilisation; decline 5 %/yr: the 13th FYP cut "
        "~150 Mt of ~1.1 Gt capacity in 2016-2018 (Xinhua, read), ~4.5 %/yr, above 1/lifetime = 2.5 %/yr",
        MESSAGE,
    ),
    ("steel", "bf_bof_ccs"): (
        20.0,
        1.0,
        2.5,
        A
        + f"growth 20 %/yr, the middle of the {WILSON}; seed 1 Mt/yr per year, about one demonstration-scale "
        "plant (~1 MtCO2/yr captured) a year nationally; decline 1/lifetime",
        MESSAGE,
    ),
    ("steel", "scrap_eaf"): (
        10.0,
        2.0,
        2.5,
        A
        + "growth 10 %/yr, seed 2 Mt/yr per year (basis: CISRI expects the EAF share to rise from <10 % to "
        "27.7 % by 2035 and 56.1 % by 2045 (Mysteel, Nov 2025, read), i.e. ~9 %/yr then ~6 %/yr in tonnes; EAF "
        "output jumped from 54 to 103.2 Mt in 2017-2019 (BIR, read) when induction furnaces were closed, a "
        "one-off); decline 1/lifetime",
        MESSAGE,
    ),
    ("steel", "h2_dri_eaf"): (
        20.0,
        1.0,
        2.5,
        A
        + f"growth 20 %/yr ({WILSON}); seed 1 Mt/yr per year: China's hydrogen-based shaft furnaces reached "
        "~1 Mt/yr of capacity in 2023 (wifitalents compilation, read; HBIS Zhangjiakou 1.2 Mt/yr, transcribed, "
        "verify); decline 1/lifetime",
        MESSAGE,
    ),
    ("cement", "clinker_backward"): (0.0, 0.0, 100.0, PHASE_OUT, ""),
    ("cement", "clinker_dry"): (
        2.0,
        0.0,
        8.0,
        A
        + "growth 2 %/yr (clinker capacity is capped by the replacement rules); decline 8 %/yr: observed NBS "
        "cement output fell from 2,363 Mt (2021) to 2,023 Mt (2023), -7.5 %/yr (shared data)",
        MESSAGE,
    ),
    ("cement", "clinker_ccs"): (
        20.0,
        0.5,
        2.5,
        A
        + f"growth 20 %/yr ({WILSON}); seed 0.5 Mt clinker/yr per year (Conch Baimashan's 50 ktCO2/yr capture "
        "pilot of 2018 is ~0.1 Mt clinker/yr; transcribed, verify); decline 1/lifetime",
        MESSAGE,
    ),
    ("cement", "clinker_waste_raw_meal"): (
        15.0,
        5.0,
        2.5,
        A
        + "growth 15 %/yr, seed 5 Mt/yr per year: carbide-slag and steel-slag raw meal is commercial practice "
        "but limited by slag logistics; decline 1/lifetime",
        MESSAGE,
    ),
    ("aluminium", "smelter_backward"): (0.0, 0.0, 100.0, PHASE_OUT, ""),
    ("aluminium", "smelter"): (
        4.0,
        0.5,
        2.5,
        A
        + "growth 4 %/yr: observed NBS primary output 37.08 Mt (2020) to 41.59 Mt (2023), +3.9 %/yr (read), "
        "under the 45 Mt/yr cap; seed 0.5 Mt/yr per year for relocations; decline 1/lifetime",
        MESSAGE,
    ),
    ("aluminium", "smelter_inert_anode"): (
        20.0,
        0.2,
        2.5,
        A
        + f"growth 20 %/yr ({WILSON}); seed 0.2 Mt/yr per year, a few industrial test potlines a year; "
        "decline 1/lifetime",
        MESSAGE,
    ),
    ("aluminium", "secondary_aluminium"): (
        8.5,
        0.5,
        4.0,
        A
        + "growth 8.5 %/yr: observed CNIA recycled output 7.40 Mt (2020) to 9.45 Mt (2023), +8.5 %/yr; "
        "seed 0.5 Mt/yr per year; decline 1/lifetime (25 years)",
        MESSAGE,
    ),
    ("flat_glass", "float_backward"): (0.0, 0.0, 100.0, PHASE_OUT, ""),
    ("flat_glass", "float"): (
        3.0,
        0.0,
        5.0,
        A
        + "growth 3 %/yr, decline 5 %/yr: NBS flat glass rose +7.5 % in 2021 and fell -4.3 % in 2023 (shared "
        "data), float lines are cold-repaired every ~10 years; 1/lifetime = 3.3 %/yr",
        MESSAGE,
    ),
    ("flat_glass", "float_electric_boost"): (
        15.0,
        1.0,
        3.3,
        A
        + "growth 15 %/yr, seed 1 Mt/yr per year: electric boosting is retrofitted at cold repairs; decline "
        "1/lifetime",
        MESSAGE,
    ),
}


def build_technology_diffusion() -> pd.DataFrame:
    """``technology_diffusion``: C24 limits per technology (national)."""
    rows = []
    for (sector, tech), (growth, seed, decline, src, detail) in DIFFUSION.items():
        rows.append(dict(sector=sector, technology=tech, max_growth_pct_per_yr=growth, seed_mt_per_yr=seed,
                         max_decline_pct_per_yr=decline, source=src, source_detail=detail))  # fmt: skip
    return frame(rows)
