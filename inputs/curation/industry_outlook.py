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
CISA_2023 = (
    "CISA (He Wenbo, Mysteel annual conference, Dec 2023): apparent crude-steel consumption 910 Mt in 2025, "
    "860 Mt in 2030, 820 Mt in 2035 (BigMint, read)"
)
CISRI_2025 = (
    "CISRI (Shangguan Fangqin, National Steel Scrap Conference, Nov 2025): crude steel output 922-948 Mt in "
    "2030 (Mysteel, read)"
)
NET_EXPORTS = (
    "net steel exports 82.6 Mt in 2023 and 113 Mt in 2024 (zzzzty29/China-s-Iron-and-Steel-Industry-"
    "Decarbonization-Model@2d93e01892:data_DMA.xlsx sheet 'historical', column NetExport in 10 kt)"
)
DEMAND_NOTE = "domestic output incl. net exports; scenario input: override in a scenario YAML"


def _linear(start: float, end: float, years: tuple[int, ...]) -> list[float]:
    y0, y1 = years[0], years[-1]
    return [start + (end - start) * (y - y0) / (y1 - y0) for y in years]


def demand_rows() -> dict[str, list[tuple[int, float, str]]]:
    """Demand per sector: (year, Mt/yr, source) for every period."""
    steel_tail = dict(
        zip(
            (2035, 2040, 2045, 2050, 2055, 2060),
            _linear(860, 600, (2035, 2040, 2045, 2050, 2055, 2060)),
            strict=True,
        )
    )
    steel = [
        (
            2025,
            1000.0,
            f"NBS 2024 crude steel output about 1,005 Mt (transcribed, verify); {CISA_2023} + {NET_EXPORTS}",
        ),
        (2030, 935.0, f"{CISRI_2025}: midpoint; {CISA_2023} + net exports ~75 Mt"),
        (
            2035,
            860.0,
            f"{CISA_2023} + net exports ~40 Mt (assumption: exports halve as the world market tightens)",
        ),
    ] + [
        (
            y,
            steel_tail[y],
            A + "linear decline from 860 Mt (2035) to 600 Mt in 2060, about -1.4 %/yr "
            "(basis: CISA's apparent consumption falls ~1 %/yr in 2030-2035 and the decline continues as the "
            "in-use stock saturates; 600 Mt is ~0.45 t per capita, the order of mature steel economies, "
            "transcribed, verify; studies reviewed by Li et al. 2022, 中国环境管理 14(1):48-53, span roughly "
            "500-700 Mt by 2050-2060, transcribed, verify)",
        )
        for y in (2040, 2045, 2050, 2055, 2060)
    ]
    cement_path = {
        2025: 1165,
        2030: 1020,
        2035: 900,
        2040: 800,
        2045: 730,
        2050: 670,
        2055: 620,
        2060: 580,
    }
    cement = [
        (
            2025,
            1165.0,
            A
            + "in Mt clinker: NBS 2024 cement about 1,825 Mt (transcribed, verify) x 2020 clinker "
            "ratio 0.6643 x 0.96 (the fall slowing from -10 % in 2024 (NBS H1 2024 -12.8 %, ccf2up.com, read) to "
            "-4 %); observed 2023: 2,023 Mt cement (NBS, shared data) = 1,344 Mt clinker",
        )
    ] + [
        (
            y,
            float(cement_path[y]),
            A + "in Mt clinker: per-capita cement use falls from ~1.3 t (2024: 1,825 Mt "
            "/ 1.41 bn) to ~0.65-0.7 t around 2060, the level of Japan and the EU today (transcribed, verify), x "
            "clinker ratio ~0.66; about -2.5 %/yr to 2040, -1.5 %/yr after",
        )
        for y in PERIODS[1:]
    ]
    al_path = {2030: 55, 2035: 55, 2040: 54, 2045: 52, 2050: 50, 2055: 48, 2060: 46}
    aluminium = [
        (
            2025,
            53.1,
            "primary + recycled: NBS 2023 primary aluminium 41.59 Mt (Reuters, read; held under the "
            "45 Mt/yr capacity cap, Antaike: 44.43 Mt built at end-2023, read) + recycled 11.5 Mt, the 2025 target "
            "of NDRC 十四五循环经济发展规划 (transcribed, verify); observed 2023: 41.59 + 9.45 = 51.0 Mt",
        )
    ] + [
        (
            y,
            float(al_path[y]),
            A + "primary + recycled demand rises a little to 2030 and declines slowly "
            "after 2040 with construction (basis: 2023 51.0 Mt observed; primary capped at 45 Mt/yr by policy; "
            "transport and power-grid uses grow while buildings fall)",
        )
        for y in PERIODS[1:]
    ]
    glass_path = {2025: 48, 2030: 46, 2035: 44, 2040: 42, 2045: 40, 2050: 38, 2055: 37, 2060: 36}
    glass = [
        (
            y,
            float(glass_path[y]),
            A + "flat glass (Mt): 2023 NBS 969 M weight cases = 48.5 Mt (shared data), "
            "2021 peak 50.8 Mt; about -1 %/yr with construction, slower than cement because of vehicles, "
            "appliances and building retrofits",
        )
        for y in PERIODS
    ]
    return {"steel": steel, "cement": cement, "aluminium": aluminium, "flat_glass": glass}


DEMAND_PATH: dict[str, tuple[float, ...]] = {
    s: tuple(v for _, v, _ in rows) for s, rows in demand_rows().items()
}


def build_industry_demand() -> pd.DataFrame:
    """National demand D[s,p], Mt/yr, per period with its source."""
    rows = []
    for s, path in demand_rows().items():
        for y, v, src in path:
            rows.append(
                dict(sector=s, year=y, demand_mt=float(v), source=src, source_detail=DEMAND_NOTE)
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
    "after); 520 Mt in 2060 would let scrap-EAF make ~80 % of 600 Mt"
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
