"""Industry technology parameters (steel from the shared routes, the other sectors transcribed)."""

from __future__ import annotations

import pandas as pd
from common import (
    BASE_YEAR,
    CNY_PER_EUR_2020,
    FX_SOURCE,
    NAT_CLINKER_OUTPUT_2020_MT,
    NDRC_1609,
    NDRC_2022_200,
    PIK,
    T_PER_WEIGHT_CASE,
    USD_PER_EUR_2020,
    Shared,
    frame,
    fuel_ef,
    pik_cost,
    series,
    transcribed,
)
from industry_fleet import BF_BOF_FLEET_AGE_DETAIL, BF_BOF_FLEET_AGE_SOURCE, BF_BOF_FLEET_AGE_YEARS
from industry_materials import AL_INGOT_CNY_PER_T, materials

# industry: technologies, sectors, capacity, production, demand, replacement, retrofits
# ---------------------------------------------------------------------------------------------

STEEL_SRC = "zzzzty29/China-s-Iron-and-Steel-Industry-Decarbonization-Model@2d93e01892:data_cost.xlsx (sheet 'Industrial Parameters')"
A = "assumption: "
# Value-added rate = 1 - intermediate-input coefficient (total input = 1) of the 17-sector input-output
# table 2005 (the most recent national table whose coefficients were read): 'Metal Products' (smelting
# and pressing of metals plus metal products) 0.7882958, 'Building Materials and Non-metal Mineral
# Products' 0.7203303
NBS_IO_2005 = (
    "National Bureau of Statistics, China Statistical Yearbook 2008, table 2-28 'Direct Input Coefficient of "
    "Input-Output Table (2005)' (stats.gov.cn/sj/ndsj/2008/html/C0228e.htm; read)"
)
IO_INTERMEDIATE_2005 = {"metal": 0.7882958, "nonmetal": 0.7203303}
STEEL_VA_RATE = 1 - IO_INTERMEDIATE_2005["metal"]
NONMETAL_VA_RATE = 1 - IO_INTERMEDIATE_2005["nonmetal"]
# cement industry revenue and output, January-July 2020 (MIIT via International Cement Review, "China's
# cement production up 4% in July", 14 Sep 2020; read): CNY 510.9 bn, 1.22 bn t of cement
CEMENT_REVENUE_JAN_JUL_2020_BN = 510.9
CEMENT_OUTPUT_JAN_JUL_2020_MT = 1220.0
# NBS 2020 cement output 2.377 bn t (International Cement Review, 26 Jan 2021; read)
NAT_CEMENT_OUTPUT_2020_MT = 2377.0
# China Architectural and Industrial Glass Association, monthly float-glass reports (glass.org.cn; read):
# weighted average price of the monitored float-glass makers 69.26 CNY per weight case in March 2020 (report
# of 28 Apr 2020) and 87.59 in December 2020 (report of 15 Jan 2021); the other months were not read
GLASS_PRICES_2020_CNY_PER_CASE = (69.26, 87.59)
GLASS_PRICE_CNY_PER_T = sum(GLASS_PRICES_2020_CNY_PER_CASE) / 2 / T_PER_WEIGHT_CASE

# Each parameter: (value, source, source_detail). Built as plain data so every number is auditable.
Param = tuple[float, str, str]


INDUSTRY_TECH: dict[str, dict[str, dict[str, Param]]] = {
    "steel": {},  # filled from tech_steel_routes.csv in build_industry_technologies
    "cement": {
        "clinker_backward": {
            "coal_tce_per_t": (
                0.125,
                A + "above the NDRC baseline (基准) of 117 kgce/t clinker; backward lines "
                "(small or old kilns listed for elimination)",
                transcribed(NDRC_1609, "clinker baseline 117, benchmark 100 kgce/t"),
            ),
            "electricity_mwh_per_t": (
                0.065,
                A + "backward kilns use more power than the average line",
                "",
            ),
            "process_co2_t_per_t": (
                0.52,
                "IPCC 2006 Guidelines vol. 3 ch. 2, eq. 2.4 Tier 1: 0.51 tCO2/t clinker x "
                "1.02 CKD correction",
                transcribed("IPCC 2006 vol. 3 ch. 2"),
            ),
        },
        "clinker_dry": {
            "coal_tce_per_t": (
                0.105,
                A + "average new-suspension-preheater kiln between the NDRC benchmark (100) "
                "and baseline (117 kgce/t clinker), net of the electricity share",
                transcribed(NDRC_1609),
            ),
            "electricity_mwh_per_t": (
                0.055,
                A + "clinker-making power use of a modern dry-process line",
                "",
            ),
            "process_co2_t_per_t": (
                0.52,
                "IPCC 2006 Guidelines vol. 3 ch. 2, eq. 2.4 Tier 1",
                transcribed("IPCC 2006 vol. 3 ch. 2"),
            ),
        },
        "clinker_ccs": {
            "coal_tce_per_t": (
                0.105,
                "as clinker_dry",
                "capture heat assumed supplied by the kiln's waste heat",
            ),
            "electricity_mwh_per_t": (
                0.055 + 0.12 * 0.86,
                f"derived: clinker_dry 0.055 + (0.10 compression + 0.02 "
                f"capture) MWh/tCO2 x 0.86 tCO2/t captured, {PIK} (cement capture)",
                "",
            ),
            "process_co2_t_per_t": (0.52, "IPCC 2006 Guidelines vol. 3 ch. 2, eq. 2.4 Tier 1", ""),
            "capture_share": (
                0.9,
                f"{PIK} (cement capture, capture_rate 0.9)",
                "Danish Energy Agency, post-combustion, cement kiln",
            ),
        },
        "clinker_waste_raw_meal": {
            "coal_tce_per_t": (
                0.100,
                A + "decarbonated calcium (carbide slag, steel slag) lowers the calcination "
                "heat demand a little",
                "",
            ),
            "electricity_mwh_per_t": (0.055, "as clinker_dry", ""),
            "process_co2_t_per_t": (
                0.52 * 0.6,
                A + "40 % of the limestone replaced by carbide/steel slag, so 60 % "
                "of the IPCC process CO2 remains",
                "",
            ),
            "solid_waste_t_per_t": (
                0.5,
                A + "about 0.5 t of slag per t clinker for a 40 % substitution of a "
                "~1.2 t limestone raw-meal share",
                "",
            ),
        },
    },
    "aluminium": {
        "smelter_backward": {
            "electricity_mwh_per_t": (
                14.0,
                A + "above the NDRC baseline of 13,350 kWh/t (AC power of aluminium "
                "liquid); small/old cell lines",
                transcribed(NDRC_1609, "baseline 13,350, benchmark 13,000 kWh/t"),
            ),
            "process_co2_t_per_t": (
                1.6,
                "IPCC 2006 Guidelines vol. 3 ch. 4, table 4.10, Tier 1 prebake anode "
                "consumption 1.6 tCO2/t Al",
                transcribed("IPCC 2006 vol. 3 ch. 4", "PFCs not included (CO2 only)"),
            ),
        },
        "smelter": {
            "electricity_mwh_per_t": (
                13.54,
                "China Nonferrous Metals Industry Association: 2020 average AC power "
                "consumption of aluminium ingot about 13,543 kWh/t",
                transcribed("CNIA 2020 statistics"),
            ),
            "process_co2_t_per_t": (
                1.6,
                "IPCC 2006 Guidelines vol. 3 ch. 4, table 4.10, Tier 1 prebake",
                "",
            ),
        },
        "smelter_inert_anode": {
            "electricity_mwh_per_t": (
                13.0,
                A + "inert-anode cells at the NDRC benchmark of 13,000 kWh/t",
                transcribed(NDRC_1609),
            ),
            "process_co2_t_per_t": (0.0, "definition: inert anodes release oxygen, not CO2", ""),
        },
        "secondary_aluminium": {
            "gas_tce_per_t": (
                0.1,
                A + "remelting about 0.1 tce of gas per t (secondary aluminium uses roughly 5 % "
                "of the energy of primary)",
                "",
            ),
            "electricity_mwh_per_t": (0.3, A + "auxiliary power of remelting plants", ""),
            "scrap_t_per_t": (
                1.05,
                A + "aluminium scrap per t of recycled aluminium, ~5 % melt loss",
                "",
            ),
        },
    },
    "flat_glass": {
        "float_backward": {
            "gas_tce_per_t": (
                0.17,
                A + "fuel share as float; total fuel 0.28 tce/t = 14 kgce per weight case, above "
                "the NDRC baseline of 12 kgce/case",
                transcribed(
                    NDRC_1609, "flat glass >800 t/d: baseline 12, benchmark 8 kgce per weight case"
                ),
            ),
            "oil_tce_per_t": (0.11, A + "heavy oil / petroleum coke share of furnace fuel", ""),
            "electricity_mwh_per_t": (0.06, A, ""),
            "process_co2_t_per_t": (
                0.16,
                "IPCC 2006 Guidelines vol. 3 ch. 2, Tier 1 glass: 0.2 tCO2/t x (1 - cullet "
                "ratio 0.2)",
                transcribed("IPCC 2006 vol. 3 ch. 2, eq. 2.10 and table 2.6"),
            ),
        },
        "float": {
            "gas_tce_per_t": (
                0.13,
                A + "total furnace fuel 0.22 tce/t = 11 kgce per weight case (between the NDRC "
                "benchmark 8 and baseline 12), 60 % gas",
                transcribed(NDRC_1609),
            ),
            "oil_tce_per_t": (0.09, A + "40 % heavy oil / petroleum coke", ""),
            "electricity_mwh_per_t": (0.05, A, ""),
            "process_co2_t_per_t": (0.16, "IPCC 2006 Guidelines vol. 3 ch. 2, Tier 1 glass", ""),
        },
        "float_electric_boost": {
            "gas_tce_per_t": (
                0.09,
                A + "electric boosting replaces about 30 % of furnace fuel",
                "",
            ),
            "oil_tce_per_t": (0.06, A, ""),
            "electricity_mwh_per_t": (
                0.30,
                A + "0.07 tce of fuel replaced by ~0.25 MWh of boost power",
                "",
            ),
            "process_co2_t_per_t": (0.16, "IPCC 2006 Guidelines vol. 3 ch. 2, Tier 1 glass", ""),
        },
    },
}

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
# recycled aluminium is "material-heavy": direct materials (mostly scrap) are over 90 % of its cost (Guosen
# Securities metals team, "一文看懂再生鋁行業", via longbridge.com; read)
REMELT_DIRECT_MATERIAL_SHARE = 0.9
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


def cited_life(sh: Shared) -> dict[str, dict[str, Param]]:
    """Capex and lifetime read in published techno-economic data, per technology."""
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
    for tech in ("clinker_backward", "clinker_dry"):
        out[tech] = {
            "capex_cny_per_t": (dry, f"{CLINKER_SRC}, investment", dry_detail),
            "lifetime_years": life_clinker,
        }
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
    for tech in ("smelter_backward", "smelter"):
        out[tech] = {
            "capex_cny_per_t": (smelter, SMELTER_CN_PROJECT, smelter_detail),
            "lifetime_years": life_smelter,
        }
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


# Scrap per t of crude steel. The source's 170 kg (BF-BOF) with 600 kg plus 750 kg of ore (its
# "Scrap-EAF" charges hot metal, as many Chinese EAFs do) over-used scrap: with observed 2020 route
# shares it implies ~270 Mt against the ~230 Mt China consumed. A pure-scrap EAF and worldsteel's
# BF-BOF average reproduce the observed total (see industry_history.scrap_balance).
STEEL_SCRAP: dict[str, Param] = {
    tech: (
        0.125,
        "worldsteel, fact sheet 'Steel and raw materials' (edition with 2017 trade data, read in a copy on docslib.org): "
        "BF-BOF uses 125 kg of recycled steel per t crude steel",
        "replaces zzzzty29's 170 kg/t, which with the observed 2020 EAF share over-states China's "
        "2020 scrap use (about 230 Mt, MPI/Li Xinchuang, read)",
    )
    for tech in ("bf_bof_backward", "bf_bof", "bf_bof_ccs")
}
STEEL_SCRAP["scrap_eaf"] = (
    1.09,
    "assumption: 100 % scrap charge at a metallic yield of about 0.92 t steel per t scrap (basis: "
    "worldsteel fact sheet 'Steel and raw materials': the recycled-steel EAF route uses 880 kg of "
    "scrap together with DRI/hot metal; a pure-scrap furnace needs ~1.05-1.1 t)",
    "the route is pure scrap-EAF; Chinese EAFs that charge hot metal are a blend of this route "
    "and bf_bof",
)

EMISSION_PARAMS = ("coal_tce_per_t", "oil_tce_per_t", "gas_tce_per_t", "process_co2_t_per_t")
EMISSION_COVERAGE = {
    "steel": "emissions covered: fuel x IPCC factor = combustion and reducing-agent CO2 of coal, coke "
    "and injected coal in sintering, ironmaking and steelmaking (CEADs 'Smelting and Pressing of Ferrous "
    "Metals' books coke by its carbon where it is burnt; coke-oven losses sit in CEADs 'Petroleum "
    "Processing and Coking'); flux calcination (~0.13 t/t) and electrode carbon of BF-BOF are not "
    "included, as CEADs has no steel process emissions; EAF process_co2 is electrode and lime carbon",
    "cement": "emissions covered: kiln fuel combustion (coal_tce_per_t) and calcination "
    "(process_co2_t_per_t), both booked by CEADs in 'Nonmetal Mineral Products' (its only process CO2); "
    "grinding power and cement-mill drying are not included",
    "aluminium": "emissions covered: fuel combustion and anode-carbon (process) CO2 of the smelter; CEADs "
    "'Smelting and Pressing of Nonferrous Metals' has energy CO2 only (no anode process CO2) and covers all "
    "non-ferrous metals; PFCs are excluded; smelter power is counted in power_heat",
    "flat_glass": "emissions covered: furnace fuel combustion and carbonate (soda ash, dolomite, "
    "limestone) process CO2; CEADs books no glass process CO2, the inventory's flat_glass row is an "
    "assumption carved out of 'Nonmetal Mineral Products'",
}


def cited_value_added() -> dict[str, Param]:
    """Value added per t: the sector's input-output value-added rate x a read price or revenue per t."""
    out: dict[str, Param] = {}
    al = AL_INGOT_CNY_PER_T * STEEL_VA_RATE
    for tech in ("smelter_backward", "smelter", "smelter_inert_anode"):
        out[tech] = (
            al,
            f"derived: value-added rate of 'Metal Products' ({NBS_IO_2005}) x A00 aluminium ingot price "
            f"{AL_INGOT_CNY_PER_T:.0f} CNY/t (SMM, 31 Dec 2019; read, as in materials_cny_per_t)",
            f"{AL_INGOT_CNY_PER_T:.0f} x (1 - {IO_INTERMEDIATE_2005['metal']}) = {al:.0f} CNY/t; the 2005 sector "
            "joins ferrous and non-ferrous smelting with metal products",
        )
    per_t_cement = CEMENT_REVENUE_JAN_JUL_2020_BN * 1e3 / CEMENT_OUTPUT_JAN_JUL_2020_MT
    cement_per_clinker = NAT_CEMENT_OUTPUT_2020_MT / NAT_CLINKER_OUTPUT_2020_MT
    clinker = NONMETAL_VA_RATE * per_t_cement * cement_per_clinker
    for tech in ("clinker_backward", "clinker_dry", "clinker_ccs", "clinker_waste_raw_meal"):
        out[tech] = (
            clinker,
            f"derived: value-added rate of 'Building Materials and Non-metal Mineral Products' ({NBS_IO_2005}) x "
            "cement-industry revenue per t of cement, Jan-Jul 2020 (MIIT via International Cement Review, 14 Sep "
            "2020; read) x t of cement per t of clinker 2020 (NBS cement 2,377 Mt, International Cement Review 26 "
            "Jan 2021, read; clinker 1,579 Mt)",
            f"(1 - {IO_INTERMEDIATE_2005['nonmetal']}) x {CEMENT_REVENUE_JAN_JUL_2020_BN} bn CNY / "
            f"{CEMENT_OUTPUT_JAN_JUL_2020_MT:.0f} Mt = {per_t_cement:.0f} CNY/t cement x {cement_per_clinker:.3f} = "
            f"{clinker:.0f} CNY per t clinker: the value added of cement making (grinding included) is carried by "
            "the clinker the model plans",
        )
    remelt_va = AL_INGOT_CNY_PER_T * (1 - REMELT_DIRECT_MATERIAL_SHARE)
    out["secondary_aluminium"] = (
        remelt_va,
        f"derived: A00 aluminium ingot price {AL_INGOT_CNY_PER_T:.0f} CNY/t (SMM, 31 Dec 2019; read) x (1 - direct-"
        "material share of recycled-aluminium cost, 'over 90 %', Guosen Securities metals team via longbridge.com; "
        "read)",
        f"{AL_INGOT_CNY_PER_T:.0f} x (1 - {REMELT_DIRECT_MATERIAL_SHARE}) = {remelt_va:.0f} CNY/t; an upper bound, as "
        "energy and services are further intermediate inputs",
    )
    glass = GLASS_PRICE_CNY_PER_T * NONMETAL_VA_RATE
    for tech in ("float_backward", "float", "float_electric_boost"):
        out[tech] = (
            glass,
            "derived: 2020 float-glass price (China Architectural and Industrial Glass Association monthly reports, "
            "glass.org.cn: weighted average 69.26 CNY per weight case in March and 87.59 in December 2020; read) x "
            f"value-added rate of 'Building Materials and Non-metal Mineral Products' ({NBS_IO_2005})",
            f"mean of the two months read {sum(GLASS_PRICES_2020_CNY_PER_CASE) / 2:.2f} CNY per 50 kg weight case = "
            f"{GLASS_PRICE_CNY_PER_T:.0f} CNY/t x (1 - {IO_INTERMEDIATE_2005['nonmetal']}) = {glass:.0f} CNY/t; the "
            "other months of 2020 not read (the price rose through the year)",
        )
    return out


def _assumed(p: Param) -> bool:
    return "assumption" in p[1].lower()


def stranded(capex: Param, life: Param, age: Param) -> Param:
    """Remaining book value per t of 2020 capacity: capex x max(0, 1 - fleet age / lifetime)."""
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


def build_industry_technologies(sh: Shared) -> pd.DataFrame:
    """Long table sector/technology/parameter/value with every parameter of docs/tables.md."""
    routes = sh.read("from-open-models/tech_steel_routes.csv")
    rv = routes.set_index(["route", "parameter"])["value"]
    steel_names = {"bf_bof_backward": "BF-BOF", "bf_bof": "BF-BOF", "bf_bof_ccs": "BF-BOF-CCS",
                   "scrap_eaf": "Scrap-EAF", "h2_dri_eaf": "H2-DRI-EAF"}  # fmt: skip
    steel: dict[str, dict[str, Param]] = {}
    for tech, route in steel_names.items():
        fuel = rv[(route, "Fuel intensity")] / 1000.0
        co2 = rv[(route, "CO2 intensity")]
        elec = rv[(route, "Electricity intensity")] / 1000.0
        scrap = rv[(route, "Scrap consumption")] / 1000.0
        p: dict[str, Param] = {
            "coal_tce_per_t": (fuel, STEEL_SRC, f"'Fuel intensity' {fuel * 1000:.0f} kgce/t, booked as coal"),
            "electricity_mwh_per_t": (elec, STEEL_SRC, f"'Electricity intensity' {elec * 1000:.0f} kWh/t"),
            "scrap_t_per_t": STEEL_SCRAP.get(tech, (scrap, STEEL_SRC, f"'Scrap consumption' {scrap * 1000:.0f} kg/t")),
            "fom_cny_per_t": (rv[(route, "Fixed Cost")], STEEL_SRC, "'Fixed Cost' CNY/t; the route-independent "
                              "'Operating Cost' (700 CNY/t) is in materials_cny_per_t"),
        }  # fmt: skip
        if fuel == 0:
            p["process_co2_t_per_t"] = (
                co2,
                STEEL_SRC,
                f"'CO2 intensity' {co2} t/t (no fuel input: electrodes, lime)",
            )
        else:
            p["process_co2_t_per_t"] = (
                0.0,
                STEEL_SRC,
                f"source 'CO2 intensity' {co2} t/t is all fuel-related; "
                f"fuel x coal factor gives {fuel * fuel_ef('coal'):.2f} t/t",
            )
        if route == "BF-BOF-CCS":
            captured = rv[(route, "Carbon Captured")]
            base = rv[("BF-BOF", "CO2 intensity")]
            cap_cost = (
                rv[(route, "Carbon Capture Cost")] + rv[(route, "Carbon Storage Cost")]
            ) * captured
            p["capture_share"] = (
                captured / base,
                STEEL_SRC,
                f"'Carbon Captured' {captured} t of {base} t/t",
            )
            p["fom_cny_per_t"] = (
                rv[(route, "Fixed Cost")] + cap_cost,
                STEEL_SRC,
                f"'Fixed Cost' + (capture + storage cost) x captured = {cap_cost:.1f} CNY/t",
            )
        if tech == "bf_bof_backward":
            p["coal_tce_per_t"] = (
                fuel * 1.1,
                A + "10 % more fuel than the BF-BOF average (blast furnaces below "
                "400 m3 / converters below 30 t; NDRC BF baseline 435 vs benchmark 361 kgce/t)",
                transcribed(NDRC_1609, "blast furnace process"),
            )
            p["electricity_mwh_per_t"] = (elec * 1.1, A + "10 % above the BF-BOF average", "")
        steel[tech] = p
    INDUSTRY_TECH["steel"] = steel

    output = sh.read("province_industry_output.csv")
    va = sh.read("from-open-models/province_steel_value_added.csv")
    steel22 = series(output, year=2022, variable="crude_steel_output")["value"]
    per_t = va["steel_value_added_2022_100m_cny"].sum() * 1e8 / (steel22.sum() * 1e6)
    # The source's "value added" is about the 2022 steel price per tonne (Hebei's figure is 27 % of
    # its GDP), i.e. gross output value, so a value-added rate is applied.
    va_steel: Param = (
        per_t * STEEL_VA_RATE,
        f"derived: value-added rate of 'Metal Products' ({NBS_IO_2005}) x output value per t from "
        "zzzzty29/China-s-Iron-and-Steel-Industry-Decarbonization-Model@2d93e01892:data_capacity.xlsx "
        "('steel value added' 2022) / NBS crude steel output 2022",
        f"source sum {va['steel_value_added_2022_100m_cny'].sum():.0f} x 1e8 CNY / {steel22.sum():.1f} Mt = "
        f"{per_t:.0f} CNY/t, about the 2022 steel price, hence read as gross output value; rate 1 - "
        f"{IO_INTERMEDIATE_2005['metal']} intermediate input = {STEEL_VA_RATE:.4f} (2005 table; the sector "
        "includes metal products)",
    )
    va_other = cited_value_added()

    params = ["is_backward", "phase_out_year", "available_from_year", "lifetime_years", "fleet_age_years",
              "capex_cny_per_t", "fom_cny_per_t", "stranded_cost_cny_per_t", "coal_tce_per_t", "oil_tce_per_t",
              "gas_tce_per_t", "electricity_mwh_per_t", "process_co2_t_per_t", "capture_share",
              "value_added_cny_per_t", "replacement_exempt", "scrap_t_per_t", "solid_waste_t_per_t",
              "materials_cny_per_t"]  # fmt: skip
    mat = materials()
    cited = cited_life(sh)
    rows = []
    for sector, techs in LIFE.items():
        for tech, (back, phase, avail, life, age, capex, fom, va_cny, exempt) in techs.items():
            given = INDUSTRY_TECH[sector].get(tech, {})
            capex_p = cited.get(tech, {}).get(
                "capex_cny_per_t", (capex, LIFE_SOURCE["capex_cny_per_t"], "")
            )
            life_p = cited.get(tech, {}).get(
                "lifetime_years", (life, LIFE_SOURCE["lifetime_years"], "")
            )
            age_p: Param = (
                (age, LIFE_SOURCE["fleet_age_years"], FLEET_AGE_DETAIL.get(sector, ""))
                if (age or not avail)
                else (0.0, f"definition: not in the 2020 stock (first built {avail})", "")
            )
            age_p = cited.get(tech, {}).get("fleet_age_years", age_p)
            life_vals: dict[str, Param] = {
                "is_backward": (back, LIFE_SOURCE["is_backward"], ""),
                "available_from_year": (avail, LIFE_SOURCE["available_from_year"], "") if avail else (
                    BASE_YEAR, "definition: existing technology, available from the base year", ""),
                "lifetime_years": life_p,
                "fleet_age_years": age_p,
                "capex_cny_per_t": capex_p,
                "stranded_cost_cny_per_t": stranded(capex_p, life_p, age_p),
                "replacement_exempt": (exempt, LIFE_SOURCE["replacement_exempt"], ""),
            }  # fmt: skip
            if back:
                # only backward technologies have a phase-out year; the row is absent otherwise
                # (the loader reads an absent row as "not applicable")
                life_vals["phase_out_year"] = (phase, LIFE_SOURCE["phase_out_year"], "")
            if fom is not None:
                life_vals["fom_cny_per_t"] = (fom, LIFE_SOURCE["fom_cny_per_t"], "")
            life_vals["value_added_cny_per_t"] = va_steel if sector == "steel" else va_other.get(tech, (
                va_cny, LIFE_SOURCE["value_added_cny_per_t"], ""))  # fmt: skip
            for param in params:
                if param == "phase_out_year" and not back:
                    continue
                if param == "materials_cny_per_t":
                    v, s, d = mat[sector][tech]
                elif param in given:
                    v, s, d = given[param]
                elif param in life_vals:
                    v, s, d = life_vals[param]
                else:
                    v, s, d = 0.0, "definition: not used by this technology", ""
                if param in EMISSION_PARAMS and float(v) > 0:
                    # say which emissions the intensity covers: the model compares them with the
                    # CEADs sector rows (C17 and the base-year calibration)
                    d = f"{d}; {EMISSION_COVERAGE[sector]}" if d else EMISSION_COVERAGE[sector]
                rows.append(dict(sector=sector, technology=tech, parameter=param, value=float(v), source=s,
                                 source_detail=d))  # fmt: skip
    return frame(rows)
