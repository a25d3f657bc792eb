"""Lifecycle and investment cost of the industry technologies.

``LIFE`` holds the assumed lifecycle of each technology (backward flag, phase-out and first years,
lifetime, 2020 fleet age, capex, fixed O&M, value added, replacement exemption);
:func:`cited_life` replaces capex, lifetime and fleet age where a published source was read
(steel: the MPP steel model; clinker: JRC-EU-TIMES via PyPSA/technology-data; smelters and
remelting: Chinese projects and MESSAGEix-Materials; float lines: a Chinese project), and
:func:`stranded` derives the remaining book value of the 2020 stock.
"""

from __future__ import annotations

from common import (
    CNY_PER_EUR_2020,
    FX_SOURCE,
    NDRC_2022_200,
    PIK,
    USD_PER_EUR_2020,
    Shared,
    fuel_ef,
    pik_cost,
)
from industry_fleet import BF_BOF_FLEET_AGE_DETAIL, BF_BOF_FLEET_AGE_SOURCE, BF_BOF_FLEET_AGE_YEARS
from industry_tech_intensities import INDUSTRY_TECH, Param

# lifecycle and economics per technology: (is_backward, phase_out_year, available_from_year, lifetime,
# fleet_age, capex CNY per t/yr, fom CNY/t, value added CNY/t, replacement_exempt)
LIFE: dict[str, dict[str, tuple]] = {
    "steel": {
        "bf_bof_backward": (1, 2025, 0, 40, 25, 3500, None, None, 0),
        "bf_bof": (0, 0, 0, 40, 15, 3500, None, None, 0),
        "bf_bof_ccs": (0, 0, 2030, 40, 0, 4500, None, None, 0),
        "scrap_eaf": (0, 0, 0, 40, 12, 1500, None, None, 0),
        "h2_dri_eaf": (0, 0, 2030, 40, 0, 5000, None, None, 0),
    },
    "cement": {
        "clinker_backward": (1, 2025, 0, 40, 25, 500, 40, 220, 0),
        "clinker_dry": (0, 0, 0, 40, 12, 500, 40, 220, 0),
        "clinker_ccs": (0, 0, 2030, 40, 0, 1100, 200, 220, 0),
        "clinker_waste_raw_meal": (0, 0, 2025, 40, 0, 600, 40, 220, 0),
    },
    "aluminium": {
        "smelter_backward": (1, 2025, 0, 40, 20, 6000, 400, 2800, 0),
        "smelter": (0, 0, 0, 40, 10, 6000, 400, 2800, 0),
        "smelter_inert_anode": (0, 0, 2035, 40, 0, 9000, 400, 2800, 0),
        "secondary_aluminium": (0, 0, 0, 25, 10, 1500, 300, 1500, 1),
    },
    "flat_glass": {
        "float_backward": (1, 2025, 0, 30, 20, 1500, 150, 480, 0),
        "float": (0, 0, 0, 30, 10, 1500, 150, 480, 0),
        "float_electric_boost": (0, 0, 2025, 30, 0, 1800, 150, 480, 0),
    },
}
LIFE_SOURCE = {
    "capex_cny_per_t": "assumption: investment per t/yr of capacity, order of magnitude of recent Chinese projects "
    "(no published per-tonne capex read; steel, cement, aluminium and float-line capex are cited)",
    "fom_cny_per_t": "assumption: fixed operating cost per t of capacity and year (labour, maintenance); CCS includes "
    "capture and storage operating cost",
    "value_added_cny_per_t": "assumption: value added per t (all technologies are cited or derived; kept for "
    "completeness)",
    "lifetime_years": "assumption: technical plant lifetime with periodic relining/cold repair: 30 years for float "
    "lines (furnace campaigns of 6-8 years, over 10 years for new designs, between cold repairs: whjg.org.cn, "
    "read; the order of the cited clinker and smelter lifetimes), 25 for remelting plants; steel, cement and "
    "smelter lifetimes are cited",
    "fleet_age_years": "assumption: average age of the 2020 stock (backward stock older)",
    "phase_out_year": f"assumption: backward capacity eliminated by 2025, following {NDRC_2022_200} (capacity below "
    "the baseline basically cleared by 2025) and 产业结构调整指导目录(2019年本) 淘汰类",
    "available_from_year": "assumption: first year new plants can be built (CCS, H2-DRI 2030; inert anode 2035; "
    "waste raw meal and electric boosting 2025: commercial today)",
    "is_backward": "definition: backward (落后) stock with a phase-out year",
    "replacement_exempt": "MIIT capacity-replacement rules: secondary (recycled) aluminium is not electrolytic "
    "capacity and needs no replacement quota; all other technologies need quota",
    "stranded_cost_cny_per_t": "assumption: remaining book value = capex x max(0, 1 - fleet_age/lifetime)",
}

FLEET_AGE_DETAIL = {
    "cement": "basis, read: China's new-suspension-preheater clinker lines rose from 792 in 2007 to 1,769 at "
    "the end of 2016 (EMIS Insights, China Cement Sector 2017/2018, extract on emis.com), i.e. most of the 2020 "
    "dry-process stock was built 2007-2016; no capacity-weighted age read",
    "aluminium": "basis, read: the cited smelter list (see smelter's fleet_age_years) gives the Chinese fleet a "
    "capacity-weighted mean age of 5.7 years in 2020; backward lines are the older part of it",
    "steel": "basis, read: missionpossiblepartnership/mpp-steel-model@1003b98ba6:mppsteel/data/import_data/Steel "
    "Plant Data Anon.xlsx gives Chinese plants operating and started by 2020 a capacity-weighted mean age of 31 "
    "years (BF-BOF, 963 Mt/yr) and 27 years (EAF, 160 Mt/yr), but its 'Start of operation' dates the plant site, "
    "not the furnaces (rebuilt/relined about every 20 years: the model's INVESTMENT_CYCLE_DURATION_YEARS); "
    "bf_bof's age is derived from Global Energy Monitor's blast-furnace units instead (its row; 10.7 years)",
}

# --- cited investment cost and lifetime (replace the assumptions of LIFE where a source was read) ----------
MPP_REPO = "missionpossiblepartnership/mpp-steel-model@1003b98ba6"
MPP_CAPEX = f"{MPP_REPO}:mppsteel/data/import_data/CAPEX OPEX Per Technology.xlsx (sheet 'GF capex', column 2020)"
MPP_CONFIG = f"{MPP_REPO}:mppsteel/config/model_config.py"
# greenfield capex per t of crude steel capacity and year, EUR (the model converts the sheet from EUR to
# USD when loading it: mppsteel/data_load_and_format/data_interface.py, capex_dictionary_generator);
# global values, the same for every region; read from the file
MPP_GF_CAPEX_EUR = {
    "bf_bof_backward": ("Avg BF-BOF", 871.850642),
    "bf_bof": ("Avg BF-BOF", 871.850642),
    "bf_bof_ccs": ("BAT BF-BOF+CCUS", 1230.094492),
    "scrap_eaf": ("EAF", 210.0),
    "h2_dri_eaf": ("DRI-EAF_100% green H2", 698.341835),
}
# model_config.py: STEEL_PLANT_LIFETIME_YEARS = 40, INVESTMENT_CYCLE_DURATION_YEARS = 20
MPP_PLANT_LIFETIME = 40
TECHDATA = "PyPSA/technology-data@634cdc1a56:outputs/costs_2020.csv"
# 'cement dry clinker': investment 1,462,704.4 EUR/(t_clinker/h) = "Original value 125 EUR/t/year", lifetime
# 30 years, currency year 2015; from JRC-EU-TIMES (zenodo 3544900, SubRES_10_TECHS_CHP_SUP_IND.xlsx, ICMDRYPRD01)
CLINKER_DRY_EUR2015_PER_T = 125.0
CLINKER_LIFETIME = 30
CLINKER_SRC = f"JRC-EU-TIMES (ICMDRYPRD01, dry-process clinker production) as given in {TECHDATA} ('cement dry clinker')"
CAPTURE_CF_HOURS = 8760.0  # investment per t/h of CO2 spread over a full year of capture

MESSAGE_REPO = "iiasa/message-ix-models@583e267731"
MESSAGE_AL = f"{MESSAGE_REPO}:message_ix_models/data/material/aluminum/data_R12.csv"
# prebake_aluminum inv_cost 4081.28 MUSD2005/Mt Al (= USD(2005) per t/yr), "TEPCO report ... 2640 US$1990/t",
# comment: "higher values in IEA ETSAP report - new point feeder prebaked green site 5320-6650 2010USD";
# technical_lifetime 30 years (rows of R12_RCPA, the file's only cost rows); read from the file
SMELTER_USD2005_PER_T = 4081.2826114431177
SMELTER_LIFETIME = 30
# Yunnan Hongtai (Weiqiao) hydro-aluminium project, Wenshan: total investment 17.0 bn CNY for 2.03 Mt/yr of
# electrolytic aluminium, fully on line in Aug 2022 (kpfans.com, "云南宏泰203万吨电解铝项目计划2022年8月全部
# 投产达产"; read)
SMELTER_CN_BN_CNY = 17.0
SMELTER_CN_MT = 2.03
SMELTER_CN_PROJECT = (
    "kpfans.com (2021/22), 'Yunnan Hongtai 2.03 Mt electrolytic aluminium project to be fully on line in Aug "
    "2022': total investment 17.0 bn CNY (read)"
)
# Guangyuan Qingchuan Jiaxing Aluminium: 150 kt/yr recycled-aluminium project (50 kt billets, then 100 kt ingots),
# total investment 0.39 bn CNY (Guangyuan News, 2023, via mengjiyuan.cn; read)
REMELT_CN_BN_CNY = 0.39
REMELT_CN_KT = 150.0
REMELT_CN_PROJECT = (
    "Guangyuan News (广元新聞網, 2023, via mengjiyuan.cn): Qingchuan Jiaxing 150 kt/yr recycled-aluminium project, "
    "total investment 0.39 bn CNY (read)"
)
STEEL_CN_PROJECTS = (
    "; Chinese integrated BF-BOF projects read for comparison: Baosteel Zhanjiang 69.68 bn CNY for 10 Mt/yr "
    "(NDRC approval, chinaccm.com 25 May 2012) = 6,968 CNY/t; Guangxi Fangchenggang 36 bn CNY planned for "
    "9.2 Mt/yr (Caixin, Jun 2020) = 3,913; Xianfu capacity replacement 10.3 bn CNY for 2.98 Mt/yr (started "
    "2018, China Refractories Net, m.lzhdk.com) = 3,456"
)
CNY_PER_USD_2020 = CNY_PER_EUR_2020 / USD_PER_EUR_2020
SMELTER_LIST = (
    f"{MESSAGE_REPO}:message_ix_models/data/material/aluminum/raw/smelters-with 2022 projection.xls"
)
# Sheet1, the 217 Chinese smelters (rows 'China' ... 'Zunyi Xian, Guizhou'), capacity t/yr by year 1995-2019
# (57.4 Mt in 2019); capacity increments dated by the year they appear, cuts taken from the oldest
# capacity first (first-in-first-out), capacity present in 1995 dated 1995 (1 % of the 2019 total);
# capacity-weighted mean age in 2020 = 5.7 years (5.9 if cuts hit the newest capacity first).
# MESSAGEix-Materials reads the same sheet for its historical new capacity (model/material/data_aluminum.py,
# gen_hist_new_cap). Computed once from the file (xlrd), not re-read at curation time.
SMELTER_FLEET_AGE = 5.7

# Fujian Ruibo float-glass project, Lianjiang (Fuzhou news, 1 Oct 2018, "福建瑞玻玻璃新项目一期年底点火"; read):
# phase 1 one 800 t/d ultra-clear float line with all shared utilities, 0.65 bn CNY; phase 2 two 600 t/d
# ultra-thin and one 800 t/d special-glass lines, 1.05 bn CNY
FLOAT_PROJECT_BN_CNY = 0.65 + 1.05
FLOAT_PROJECT_T_PER_DAY = 800 + 2 * 600 + 800
FLOAT_PROJECT = (
    "Fuzhou News (福州新闻网), 1 Oct 2018, on the Fujian Ruibo ultra-clear/special float-glass project in "
    "Lianjiang (read)"
)


def _same_plant_costs(out: dict, techs: tuple[str, ...], capex: Param, life: Param) -> None:
    """Backward and modern lines of one plant type: the same capex and lifetime rows (each its
    own dict, so that later parameters of one do not reach the other)."""
    for tech in techs:
        out[tech] = {"capex_cny_per_t": capex, "lifetime_years": life}


def cited_life(sh: Shared) -> dict[str, dict[str, Param]]:
    """Capex, lifetime and fleet age read in published techno-economic data, per technology.

    Parameters
    ----------
    sh : Shared
        Reader of the shared extracts; ``from-open-models/tech_power_costs.csv`` is read for the
        PyPSA-China-PIK cement-capture investment.

    Returns
    -------
    dict
        ``{technology: {parameter: (value, source, source_detail)}}`` with ``capex_cny_per_t``
        (CNY per t/yr of capacity), ``lifetime_years`` and, where read, ``fleet_age_years``; a
        technology or parameter absent here keeps the assumption of ``LIFE``.
    """
    out: dict[str, dict[str, Param]] = {}
    for tech, (route, eur) in MPP_GF_CAPEX_EUR.items():
        out[tech] = {
            "capex_cny_per_t": (
                eur * CNY_PER_EUR_2020,
                f"{MPP_CAPEX} ('{route}')",
                f"{eur:.2f} EUR per t/yr of crude-steel capacity (greenfield, global; currency year not stated, "
                f"taken as 2020) x {CNY_PER_EUR_2020} CNY/EUR ({FX_SOURCE}); the model's brownfield "
                "(reline/renewal) capex is lower, e.g. 187.5 EUR/t for Avg BF-BOF ('Renewal capex')"
                + (STEEL_CN_PROJECTS if route.endswith("BF-BOF") else ""),
            ),
            "lifetime_years": (
                float(MPP_PLANT_LIFETIME),
                f"{MPP_CONFIG} (STEEL_PLANT_LIFETIME_YEARS = 40)",
                "plant lifetime; the model reinvests (relines) every 20 years (INVESTMENT_CYCLE_DURATION_YEARS), "
                "also used by PyPSA/technology-data for BF-BOF, EAF and DRI",
            ),
        }
    out["bf_bof"]["fleet_age_years"] = (
        BF_BOF_FLEET_AGE_YEARS,
        BF_BOF_FLEET_AGE_SOURCE,
        BF_BOF_FLEET_AGE_DETAIL,
    )
    dry = CLINKER_DRY_EUR2015_PER_T * CNY_PER_EUR_2020
    dry_detail = (
        f"{CLINKER_DRY_EUR2015_PER_T:.0f} EUR(2015) per t/yr of clinker capacity x {CNY_PER_EUR_2020} CNY/EUR "
        f"({FX_SOURCE}); EUR 2015 not inflated to 2020 (euro-area inflation 2015-2020 was a few per cent); a "
        "European figure; Chinese lines read for comparison: Yunnan Yimen 4,000 t/d (1.2 Mt clinker/yr) 1.1 bn CNY "
        "incl. a 7.5 MW waste-heat plant (Yuxi Daily via dcement.com, 29 Aug 2019) = 917 CNY/t; Jiangxi Yushan "
        "(South Cement) 8,000 t/d (2.48 Mt/yr) 2.01 bn CNY, started 2021 (lzrt.com.cn) = 810 CNY/t"
    )
    life_clinker: Param = (
        float(CLINKER_LIFETIME),
        f"{CLINKER_SRC}, lifetime",
        "technical lifetime of a dry-process clinker line",
    )
    _same_plant_costs(
        out,
        ("clinker_backward", "clinker_dry"),
        (dry, f"{CLINKER_SRC}, investment", dry_detail),
        life_clinker,
    )
    costs = sh.read("from-open-models/tech_power_costs.csv")
    inv, unit = pik_cost(costs, "cement capture", "investment")
    share = INDUSTRY_TECH["cement"]["clinker_ccs"]["capture_share"][0]
    process = INDUSTRY_TECH["cement"]["clinker_ccs"]["process_co2_t_per_t"][0]
    coal = INDUSTRY_TECH["cement"]["clinker_ccs"]["coal_tce_per_t"][0]
    captured = share * (process + coal * fuel_ef("coal"))
    capture_cny = inv / CAPTURE_CF_HOURS * captured * CNY_PER_EUR_2020
    out["clinker_ccs"] = {
        "capex_cny_per_t": (
            dry + capture_cny,
            f"derived: clinker_dry capex ({CLINKER_SRC}) + capture plant {PIK} (cement capture, investment)",
            f"{dry:.0f} + {inv:.0f} {unit} / 8760 h x {captured:.3f} tCO2 captured per t clinker (capture_share "
            f"{share} x (process {process} + {coal} tce x {fuel_ef('coal'):.3f} tCO2/tce)) x {CNY_PER_EUR_2020} "
            f"CNY/EUR = {capture_cny:.0f} CNY per t/yr; DEA post-combustion, cement kiln; currency year of the PIK "
            "file not stated, taken as 2020",
        ),
        "lifetime_years": (
            float(CLINKER_LIFETIME),
            f"{CLINKER_SRC}, lifetime (kiln)",
            f"the capture unit's own lifetime is 25 years ({PIK}, cement capture)",
        ),
    }
    smelter = SMELTER_CN_BN_CNY * 1e9 / (SMELTER_CN_MT * 1e6)
    global_smelter = SMELTER_USD2005_PER_T * CNY_PER_USD_2020
    smelter_detail = (
        f"{SMELTER_CN_BN_CNY:.0f} bn CNY for {SMELTER_CN_MT} Mt/yr = {smelter:.0f} CNY per t/yr (nominal CNY of "
        "2019-2022, project total); preferred to the global figure of MESSAGEix-Materials "
        f"({MESSAGE_AL}, prebake_aluminum inv_cost {SMELTER_USD2005_PER_T:.0f} USD(2005)/t, from a TEPCO report's "
        f"2640 USD(1990)/t; x {CNY_PER_USD_2020:.4f} CNY/USD = {global_smelter:.0f} CNY/t; the file also quotes IEA "
        "ETSAP's 5,320-6,650 USD(2010)/t), 3.4 times this Chinese project"
    )
    life_smelter: Param = (
        float(SMELTER_LIFETIME),
        f"{MESSAGE_AL} (prebake_aluminum, technical_lifetime)",
        "MESSAGEix-Materials technical lifetime of prebake smelters",
    )
    _same_plant_costs(
        out,
        ("smelter_backward", "smelter"),
        (smelter, SMELTER_CN_PROJECT, smelter_detail),
        life_smelter,
    )
    out["smelter"]["fleet_age_years"] = (
        SMELTER_FLEET_AGE,
        f"derived from {SMELTER_LIST} (Sheet1, Chinese smelters' capacity by year 1995-2019)",
        "capacity-weighted mean age in 2020 of the 2019 capacity (57.4 Mt/yr): each year's capacity increase at a "
        "smelter dated to that year, cuts taken from the oldest capacity first, capacity of 1995 dated 1995 (1 % "
        "of the total); 5.9 years if cuts hit the newest capacity first; the fleet figure includes backward lines",
    )
    out["smelter_inert_anode"] = {
        "capex_cny_per_t": (
            smelter * 1.5,
            "assumption: the cited smelter capex x 1.5 (basis: the former assumptions 9,000 vs 6,000 CNY/t; "
            "no published per-tonne capex of inert-anode smelters read)",
            smelter_detail,
        ),
        "lifetime_years": (
            float(SMELTER_LIFETIME),
            "assumption: as the cited prebake smelter lifetime (potlines and buildings alike)",
            f"{MESSAGE_AL} (prebake_aluminum, technical_lifetime 30)",
        ),
    }
    float_capex = FLOAT_PROJECT_BN_CNY * 1e9 / (FLOAT_PROJECT_T_PER_DAY * 365)
    float_detail = (
        f"{FLOAT_PROJECT_BN_CNY:.2f} bn CNY (2018) for {FLOAT_PROJECT_T_PER_DAY} t/d of melting capacity (phase 1: "
        "800 t/d line with shared utilities, 0.65 bn; phase 2: 2 x 600 + 800 t/d, 1.05 bn) = "
        f"{float_capex:.0f} CNY per t/yr at 365 days; ultra-clear/electronic lines, dearer than ordinary float; "
        "2018 prices not inflated to 2020"
    )
    for tech in ("float_backward", "float"):
        out[tech] = {"capex_cny_per_t": (float_capex, FLOAT_PROJECT, float_detail)}
    out["float_electric_boost"] = {
        "capex_cny_per_t": (
            float_capex * 1.2,
            "assumption: the cited float-line capex x 1.2 for electric boosting (electrodes, transformers; basis: "
            "the former assumptions 1,800 vs 1,500 CNY/t)",
            float_detail,
        )
    }
    remelt = REMELT_CN_BN_CNY * 1e9 / (REMELT_CN_KT * 1e3)
    out["secondary_aluminium"] = {
        "capex_cny_per_t": (
            remelt,
            REMELT_CN_PROJECT,
            f"{REMELT_CN_BN_CNY} bn CNY / {REMELT_CN_KT:.0f} kt/yr = {remelt:.0f} CNY per t/yr (nominal CNY, 2023); "
            "for comparison a 100 kt/yr retrofit in Chizhou costs 0.114 bn CNY (Mysteel, Aug 2023; read) = 1,138",
        )
    }
    out["clinker_waste_raw_meal"] = {
        "lifetime_years": (
            float(CLINKER_LIFETIME),
            f"{CLINKER_SRC}, lifetime",
            "the same kiln type as clinker_dry",
        ),
        "capex_cny_per_t": (
            dry * 1.2,
            "assumption: the cited clinker_dry capex x 1.2 for slag/carbide-slag handling and drying (basis: the "
            "former assumptions 600 vs 500 CNY/t; no published cost of waste raw-meal lines read)",
            dry_detail,
        ),
    }
    return out


def _assumed(p: Param) -> bool:
    return "assumption" in p[1].lower()


def stranded(capex: Param, life: Param, age: Param) -> Param:
    """Remaining book value per t of 2020 capacity: capex x max(0, 1 - fleet age / lifetime).

    Parameters
    ----------
    capex, life, age : Param
        ``capex_cny_per_t``, ``lifetime_years`` and ``fleet_age_years`` as (value, source,
        source_detail).

    Returns
    -------
    Param
        ``stranded_cost_cny_per_t``; its source names whichever inputs are assumptions.
    """
    value = float(capex[0]) * max(0.0, 1 - float(age[0]) / float(life[0]))
    assumed = [
        name
        for name, p in (("capex", capex), ("lifetime", life), ("fleet age", age))
        if _assumed(p)
    ]
    detail = f"{capex[0]:.0f} CNY/t x max(0, 1 - {age[0]:.0f} / {life[0]:.0f} years)"
    if not assumed:
        return (value, "derived from the cited capex and lifetime (and the fleet age of this table's rows): "
                "capex x max(0, 1 - fleet_age/lifetime)", detail)  # fmt: skip
    return (
        value,
        "derived: capex x max(0, 1 - fleet_age/lifetime) from this table's rows; rests on the assumption in "
        + ", ".join(assumed),
        detail,
    )
