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
CEMENT_OTHERS = (
    "other studies read: Li et al. put cement at 2.3 Gt in 2030 and 1.5 Gt in 2050 (as reviewed by Shen, Zhong, "
    "Elshkaki, Zhang & Zhao 2021, JSDEWES 9(2):1080354, sdewes.org, read; Li et al.'s figures transcribed, verify) "
    f"= {2300 * CLINKER_RATIO:,.0f} and {1500 * CLINKER_RATIO:,.0f} Mt clinker at the 2020 ratio; both predate the "
    "2021-2025 fall of about 28 % (2,363 to 1,693 Mt cement) and sit above this path; no published pathway "
    "starting from the post-2021 level was found"
)
GLASS_OTHERS = (
    "no published projection of China's flat-glass output to 2030-2060 was found (Freedonia's 2012 forecasts stop "
    "at 2016-2021)"
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


def demand_rows() -> dict[str, list[tuple[int, float, str]]]:
    """Demand per sector and period, each with its source.

    Returns
    -------
    dict of str to list of (int, float, str)
        Per sector: (year, demand in Mt/yr, source) for every period. Cement is in Mt clinker.
    """
    cement_path = {2030: 1020, 2035: 900, 2040: 800, 2045: 730, 2050: 670, 2055: 620, 2060: 580}
    cement = [
        (
            2025,
            1165.0,
            A
            + f"in Mt clinker: NBS 2024 cement about 1,825 Mt (transcribed, verify) x 2020 clinker ratio "
            f"{CLINKER_RATIO} x 0.96 (the fall slowing from -10 % in 2024 (NBS H1 2024 -12.8 %, ccf2up.com, read) to "
            "-4 %); observed 2023: 2,023 Mt cement (NBS, shared data) = 1,344 Mt clinker",
        )
    ] + [
        (
            y,
            float(v),
            A
            + "in Mt clinker: per-capita cement use falls from ~1.3 t (2024: 1,825 Mt / 1.41 bn) to ~0.65-0.7 t "
            "around 2060, the level of Japan and the EU today (transcribed, verify), x clinker ratio ~0.66; about "
            "-2.5 %/yr to 2040, -1.5 %/yr after (basis: no published pathway from the post-2021 level was found)",
        )
        for y, v in cement_path.items()
    ]
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
    glass_path = {2025: 48, 2030: 46, 2035: 44, 2040: 42, 2045: 40, 2050: 38, 2055: 37, 2060: 36}
    glass = [
        (
            y,
            float(v),
            A
            + "flat glass (Mt): 2023 NBS 969 M weight cases = 48.5 Mt (shared data), 2021 peak 50.8 Mt; about "
            "-1 %/yr with construction, slower than cement because of vehicles, appliances and building retrofits",
        )
        for y, v in glass_path.items()
    ]
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
