"""Rebuild dualcarbon's shipped base-year tables (``inputs/data/*.csv``) from the shared extracts.

Run from the repository root::

    python inputs/curation/curate.py --shared ../shared/data

Every figure comes either from the shared, cited extracts (read, converted and re-keyed here, never
copied wholesale) or from a named constant below whose ``source`` says where it was transcribed from
or that it is an ``assumption: ...`` with its basis. The script ends with a consistency report
(national sums against the independent totals quoted in the shared READMEs) which is pasted into
``inputs/data/README.md``.

This is a plain script: it is not part of the installed package and is not imported by it.
"""

from __future__ import annotations

import argparse
import logging
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

logger = logging.getLogger("curate")

PROVINCES: tuple[str, ...] = (
    "Anhui", "Beijing", "Chongqing", "Fujian", "Gansu", "Guangdong", "Guangxi", "Guizhou", "Hainan",
    "Hebei", "Heilongjiang", "Henan", "Hubei", "Hunan", "Inner Mongolia", "Jiangsu", "Jiangxi", "Jilin",
    "Liaoning", "Ningxia", "Qinghai", "Shaanxi", "Shandong", "Shanghai", "Shanxi", "Sichuan", "Tianjin",
    "Tibet", "Xinjiang", "Yunnan", "Zhejiang",
)  # fmt: skip
BASE_YEAR = 2020
INVENTORY_YEAR = 2019  # CEADs provincial inventories stop at 2019
PERIODS: tuple[int, ...] = (2025, 2030, 2035, 2040, 2045, 2050, 2055, 2060)

GJ_PER_TCE = 29.3076  # GB/T 2589-2020: 1 kgce = 29.3076 MJ
MWH_TH_PER_TCE = GJ_PER_TCE / 3.6
HOURS_PER_YEAR = 8760.0
T_PER_WEIGHT_CASE = 0.05  # 1 weight case (重量箱) of flat glass = 50 kg (2 mm glass, 10 m2)

# --- exchange rates --------------------------------------------------------------------------
CNY_PER_EUR_2020 = 7.8747
USD_PER_EUR_2020 = 1.1422
FX_SOURCE = (
    "European Central Bank, euro foreign exchange reference rates, annual average 2020 "
    "(CNY 7.8747 and USD 1.1422 per EUR); transcribed, verify against the ECB data portal"
)

# --- national statistics transcribed from publications (not in the shared extracts) ----------
NBS_COMMUNIQUE_2020 = (
    "National Bureau of Statistics, Statistical Communiqué of the PRC on the 2020 National Economic "
    "and Social Development (28 Feb 2021)"
)
NAT_GDP_2020_100M = 1_015_986.0
NAT_SECONDARY_2020_100M = 384_255.0
NAT_INDUSTRY_2020_100M = 313_071.0
NAT_CLINKER_OUTPUT_2020_MT = 1579.0  # NBS 2020 熟料产量 15.79 亿吨
NAT_CLINKER_CAPACITY_2020_MT = 1830.0  # China Cement Association, about 18.3 亿吨 at end-2020
NAT_PRIMARY_AL_OUTPUT_2020_MT = 37.08  # NBS 2020 原铝(电解铝) 3708 万吨
AL_CAPACITY_CEILING_MT = 45.0

# IPCC 2006 Guidelines vol. 2 ch. 1 table 1.4, default CO2 emission factors (kg CO2/TJ)
IPCC_EF_T_PER_TJ = {"coal": 94.6, "oil": 73.3, "gas": 56.1}
IPCC_EF_DETAIL = {
    "coal": "other bituminous coal 94,600 kgCO2/TJ",
    "oil": "crude oil 73,300 kgCO2/TJ",
    "gas": "natural gas 56,100 kgCO2/TJ",
}
IPCC_EF_SOURCE = (
    "IPCC 2006 Guidelines for National GHG Inventories, vol. 2 ch. 1, table 1.4 (default CO2 emission "
    "factors for combustion)"
)

NDRC_1609 = (
    "NDRC et al., 高耗能行业重点领域能效标杆水平和基准水平（2021年版）, 发改产业〔2021〕1609号"
)
NDRC_2022_200 = (
    "NDRC et al., 高耗能行业重点领域节能降碳改造升级实施指南（2022年版）, 发改产业〔2022〕200号"
)
TRANSCRIBED = "value as published in {doc}; transcribed, verify against the original"


def _transcribed(doc: str, extra: str = "") -> str:
    text = TRANSCRIBED.format(doc=doc)
    return f"{text}; {extra}" if extra else text


# ---------------------------------------------------------------------------------------------
# Shared data access
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shared:
    """Paths to the shared extracts (``../shared/data`` beside the repository)."""

    root: Path

    def read(self, name: str) -> pd.DataFrame:
        """Read one shared CSV (relative path)."""
        return pd.read_csv(self.root / name)


def _series(
    df: pd.DataFrame, *, year: int | str | None = None, variable: str | None = None, **eq: str
) -> pd.DataFrame:
    """Rows of a long shared table filtered on year/variable/other columns, indexed by province."""
    mask = pd.Series(True, index=df.index)
    if year is not None:
        mask &= df["year"].astype(str) == str(year)
    if variable is not None:
        mask &= df["variable"] == variable
    for col, val in eq.items():
        mask &= df[col] == val
    out = df[mask]
    if out["province"].duplicated().any():
        raise ValueError(f"duplicate provinces for {year=} {variable=} {eq}")
    return out.set_index("province")


def _frame(rows: Iterable[dict]) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


# ---------------------------------------------------------------------------------------------
# economy
# ---------------------------------------------------------------------------------------------


def build_economy(sh: Shared) -> pd.DataFrame:
    """GDP (NBS latest vintage) and industrial value added, 2020, bn CNY current prices."""
    eco = sh.read("province_economy.csv")
    nbs = eco["source"].str.startswith("pik-piam/PyPSA-China-PIK")
    gdp = _series(eco[nbs], year=BASE_YEAR, variable="gdp")
    wind = eco[~nbs]
    va_ind = _series(wind, year=BASE_YEAR, variable="va_industry")
    va_sec = _series(wind, year=BASE_YEAR, variable="va_secondary_industry")
    ratio_ind_sec = NAT_INDUSTRY_2020_100M / NAT_SECONDARY_2020_100M
    ratio_ind_gdp = NAT_INDUSTRY_2020_100M / NAT_GDP_2020_100M
    rows = []
    for r in PROVINCES:
        g = gdp.loc[r]
        rows.append(
            dict(
                region=r, year=BASE_YEAR, variable="gdp", value_bn_cny=g["value"] / 10.0,
                source=f"National Bureau of Statistics, regional GDP (data.stats.gov.cn E0103, latest "
                f"revised vintage) via {g['source']}",
                source_detail=f"original {g['value']} 100 million CNY, current prices",
            )
        )  # fmt: skip
        if r in va_ind.index:
            v = va_ind.loc[r]
            rows.append(
                dict(
                    region=r, year=BASE_YEAR, variable="va_industry", value_bn_cny=v["value"] / 10.0,
                    source=f"provincial statistics bureau quarterly accounts (Wind export) via {v['source']}",
                    source_detail=f"original {v['value']} 100 million CNY, current prices; "
                    "first-published vintage (GDP row uses the NBS latest vintage)",
                )
            )  # fmt: skip
        elif r in va_sec.index:
            v = va_sec.loc[r]
            rows.append(
                dict(
                    region=r, year=BASE_YEAR, variable="va_industry",
                    value_bn_cny=v["value"] * ratio_ind_sec / 10.0,
                    source="assumption: provincial secondary-industry value added x national ratio "
                    f"industry/secondary = {ratio_ind_sec:.4f} ({NBS_COMMUNIQUE_2020}: industry "
                    f"{NAT_INDUSTRY_2020_100M:,.0f}, secondary {NAT_SECONDARY_2020_100M:,.0f} (100 million CNY))",
                    source_detail=f"provincial industrial VA not in the shared extract; secondary VA "
                    f"{v['value']} 100 million CNY from {v['source']}; national figures transcribed, verify",
                )
            )  # fmt: skip
        else:
            rows.append(
                dict(
                    region=r, year=BASE_YEAR, variable="va_industry",
                    value_bn_cny=g["value"] * ratio_ind_gdp / 10.0,
                    source="assumption: provincial GDP x national ratio industry/GDP = "
                    f"{ratio_ind_gdp:.4f} ({NBS_COMMUNIQUE_2020})",
                    source_detail="no usable secondary-industry series for this province in the shared "
                    "extract (Xinjiang's series are mislabelled there); replace with the China "
                    "Statistical Yearbook 2021 'Gross Regional Product by industry'",
                )
            )  # fmt: skip
    return _frame(rows)


# ---------------------------------------------------------------------------------------------
# emissions inventory (CEADs 2019)
# ---------------------------------------------------------------------------------------------

CEADS_MAP = {
    "Production and Supply of Electric Power, Steam and Hot Water": "power_heat",
    "Smelting and Pressing of Ferrous Metals": "steel",
    "Nonmetal Mineral Products": "nonmetal",
    "Smelting and Pressing of Nonferrous Metals": "aluminium",
}
CEADS_REST = {
    "Farming, Forestry, Animal Husbandry, Fishery and Water Conservancy",
    "Construction",
    "Transportation, Storage, Post and Telecommunication Services",
    "Wholesale, Retail Trade and Catering Services",
    "Others",
    "Urban",
    "Rural",
}
CEADS_CITATION = (
    "CEADs provincial CO2 emission inventories (Shan et al. 2016 Applied Energy 184; 2018 Sci. Data 5:170201; "
    "2020 Sci. Data 7:54; Guan et al. 2021 Earth's Future 9)"
)


def glass_emission_factor() -> float:
    """Direct CO2 per t flat glass of the average float technology (fuel + process), t/t."""
    p = INDUSTRY_TECH["flat_glass"]["float"]
    fuel = sum(
        p[f"{c}_tce_per_t"][0] * fuel_ef(c) for c in ("coal", "oil", "gas") if f"{c}_tce_per_t" in p
    )
    return fuel + p["process_co2_t_per_t"][0]


def build_emissions(sh: Shared, economy: pd.DataFrame) -> pd.DataFrame:
    """CEADs 2019 inventory re-keyed to the model's sectors; Tibet as an explicit assumption."""
    em = sh.read("province_emissions.csv")
    em = em[em["year"] == INVENTORY_YEAR]
    src = em["source"].iloc[0]
    sec = em[em["variable"].str.startswith("co2_sector:")].copy()
    sec["ceads"] = sec["variable"].str.removeprefix("co2_sector:")
    wide = sec.pivot_table(index="province", columns="ceads", values="value", aggfunc="sum")
    total = _series(em, variable="co2_total")["value"]
    out = pd.DataFrame(index=wide.index)
    for ceads, ours in CEADS_MAP.items():
        out[ours] = wide[ceads]
    out["rest"] = wide[sorted(CEADS_REST)].sum(axis=1)
    out["other_industry"] = wide.drop(columns=list(CEADS_MAP) + sorted(CEADS_REST)).sum(axis=1)
    # Flat glass sits inside CEADs "Nonmetal Mineral Products": split it off with the output-based
    # estimate (NBS output x the float technology's direct intensity), never more than the sector.
    output = sh.read("province_industry_output.csv")
    glass_mt = _series(output, year=INVENTORY_YEAR, variable="flat_glass_output")["value"]
    glass_mt = glass_mt.reindex(out.index).fillna(0.0) * T_PER_WEIGHT_CASE
    ef_glass = glass_emission_factor()
    out["flat_glass"] = np.minimum(glass_mt * ef_glass, out["nonmetal"])
    out["cement"] = out["nonmetal"] - out["flat_glass"]
    out["total"] = total
    check = out[
        ["power_heat", "steel", "cement", "flat_glass", "aluminium", "other_industry", "rest"]
    ].sum(axis=1)
    if not np.allclose(check, out["total"], rtol=1e-6):
        raise ValueError("CEADs sector sums do not add up to the total")
    detail = {
        "total": "row 'Total' (scope 1: fuel combustion + cement process), MtCO2",
        "power_heat": "CEADs sector 'Production and Supply of Electric Power, Steam and Hot Water'",
        "steel": "CEADs sector 'Smelting and Pressing of Ferrous Metals' (incl. ferro-alloys, rolling)",
        "aluminium": "CEADs sector 'Smelting and Pressing of Nonferrous Metals' (all non-ferrous metals; "
        "direct emissions only, smelter electricity is booked in power_heat)",
        "cement": "CEADs sector 'Nonmetal Mineral Products' minus the flat_glass estimate; includes lime, "
        "bricks, ceramics and other non-metal minerals (CEADs does not split them) and all CEADs process CO2",
        "other_industry": "sum of the remaining CEADs mining, manufacturing, gas and water sectors",
        "rest": "sum of CEADs agriculture, construction, transport, trade/catering, others, urban and rural",
    }
    rows = []
    for r in out.index:
        for s in ["total", "power_heat", "steel", "cement", "aluminium", "other_industry", "rest"]:
            rows.append(
                dict(
                    region=r, year=INVENTORY_YEAR, sector=s, emissions_mtco2=out.loc[r, s],
                    source=f"{CEADS_CITATION} via {src}",
                    source_detail=f"{detail[s]}; base-year inventory is 2019 (CEADs stops at 2019), "
                    "used for base year 2020",
                )
            )  # fmt: skip
        rows.append(
            dict(
                region=r, year=INVENTORY_YEAR, sector="flat_glass", emissions_mtco2=out.loc[r, "flat_glass"],
                source="assumption: NBS 2019 flat-glass output x direct CO2 intensity of the 'float' "
                f"technology ({ef_glass:.3f} tCO2/t), carved out of CEADs 'Nonmetal Mineral Products'",
                source_detail=f"output {glass_mt.loc[r]:.3f} Mt (province_industry_output.csv, 1 weight case = 50 kg); "
                "CEADs does not separate flat glass",
            )
        )  # fmt: skip
    rows.extend(_tibet_emissions(sh, out, economy))
    return _frame(rows)


def _tibet_emissions(sh: Shared, ceads: pd.DataFrame, economy: pd.DataFrame) -> list[dict]:
    """Tibet is absent from CEADs: a transparent bottom-up/intensity estimate, all rows assumptions."""
    eco = sh.read("province_economy.csv")
    nbs = eco[eco["source"].str.startswith("pik-piam/PyPSA-China-PIK")]
    gdp19 = _series(nbs, year=INVENTORY_YEAR, variable="gdp")["value"]  # 100 million CNY
    dem = sh.read("province_power_demand.csv")
    thermal = _series(
        dem,
        year=INVENTORY_YEAR,
        variable="electricity_generation",
        technology="thermal (all fuels)",
    )
    out = sh.read("province_industry_output.csv")
    cement = _series(out, year=INVENTORY_YEAR, variable="cement_output")["value"]
    coal_ef_mwh = POWER_PARAMS["coal"]["heat_rate_tce_per_mwh"][0] * fuel_ef("coal")
    clinker_ratio = NAT_CLINKER_OUTPUT_2020_MT / 2377.0
    p = INDUSTRY_TECH["cement"]["clinker_dry"]
    ei_clinker = p["coal_tce_per_t"][0] * fuel_ef("coal") + p["process_co2_t_per_t"][0]
    per_gdp = ceads[["other_industry", "rest"]].div(gdp19.reindex(ceads.index), axis=0).median()
    t_thermal = thermal.loc["Tibet", "value"] if "Tibet" in thermal.index else 0.0
    vals = {
        "power_heat": t_thermal * coal_ef_mwh,
        "steel": 0.0,
        "cement": cement.loc["Tibet"] * clinker_ratio * ei_clinker,
        "flat_glass": 0.0,
        "aluminium": 0.0,
        "other_industry": gdp19.loc["Tibet"] * per_gdp["other_industry"],
        "rest": gdp19.loc["Tibet"] * per_gdp["rest"],
    }
    vals["total"] = sum(vals.values())
    basis = {
        "power_heat": f"assumption: Tibet 2019 NBS thermal generation {t_thermal} TWh x coal emission factor "
        f"{coal_ef_mwh:.3f} tCO2/MWh (power_technologies)",
        "steel": "assumption: zero, Tibet reports no crude-steel output (NBS) and has no listed steel capacity",
        "cement": f"assumption: Tibet 2019 NBS cement output {cement.loc['Tibet']} Mt x national clinker/cement "
        f"ratio {clinker_ratio:.3f} x clinker_dry direct intensity {ei_clinker:.3f} tCO2/t",
        "flat_glass": "assumption: zero, no flat-glass output reported for Tibet (NBS)",
        "aluminium": "assumption: zero, no smelter listed in Tibet",
        "other_industry": f"assumption: Tibet 2019 GDP {gdp19.loc['Tibet']} (100 million CNY) x median over the "
        f"30 CEADs provinces of other_industry emissions per GDP ({per_gdp['other_industry'] * 100:.4f} tCO2/10k CNY)",
        "rest": f"assumption: Tibet 2019 GDP x median over the 30 CEADs provinces of rest emissions per GDP "
        f"({per_gdp['rest'] * 100:.4f} tCO2/10k CNY)",
        "total": "assumption: sum of the Tibet sector estimates (Tibet is not covered by CEADs)",
    }
    return [
        dict(
            region="Tibet", year=INVENTORY_YEAR, sector=s, emissions_mtco2=v, source=basis[s],
            source_detail="Tibet is absent from CEADs; replace with a published Tibet inventory when available",
        )
        for s, v in vals.items()
    ]  # fmt: skip


# ---------------------------------------------------------------------------------------------
# electricity demand
# ---------------------------------------------------------------------------------------------


def build_electricity_demand(sh: Shared) -> pd.DataFrame:
    """Observed 2020 consumption; 2025-2060 = PyPSA-China growth factors applied to it."""
    d = sh.read("province_power_demand.csv")
    obs = d[
        (d["year"] == BASE_YEAR) & d["source"].str.contains("Electricity_Consumption_by_province")
    ]
    obs = obs.set_index("province")
    pik = d[d["variable"].isin(["electricity_demand", "electricity_demand_projection"])]
    pik = pik.pivot_table(index="province", columns="year", values="value")
    rows = []
    for r in PROVINCES:
        o = obs.loc[r]
        rows.append(
            dict(
                region=r, year=BASE_YEAR, demand_twh=o["value"],
                source="China Electricity Council / NBS monthly whole-society electricity consumption "
                f"(Wind export) via {o['source']}",
                source_detail=o["source_detail"],
            )
        )  # fmt: skip
        for y in PERIODS:
            growth = pik.loc[r, y] / pik.loc[r, BASE_YEAR]
            rows.append(
                dict(
                    region=r, year=y, demand_twh=o["value"] * growth,
                    source="PyPSA-China projection (Rick10119/PyPSA-China@caf1d59a2e:data/load/"
                    "Province_Load_2020_2060.csv, same figures as pik-piam/PyPSA-China-PIK), growth "
                    "factor applied to the observed 2020 consumption",
                    source_detail=f"source {y}: {pik.loc[r, y]:.2f} TWh, source 2020: {pik.loc[r, BASE_YEAR]:.2f} TWh, "
                    f"factor {growth:.4f}; rebased so the path starts at the observed 2020 value",
                )
            )  # fmt: skip
    return _frame(rows)


# ---------------------------------------------------------------------------------------------
# fuels and power technologies
# ---------------------------------------------------------------------------------------------


def fuel_ef(fuel: str) -> float:
    """IPCC default CO2 emission factor, tCO2 per tce."""
    return IPCC_EF_T_PER_TJ[fuel] * GJ_PER_TCE / 1000.0


PIK = "pik-piam/PyPSA-China-PIK@25c83bfb37:resources/data/costs/default/costs_2020.csv"


def _pik_cost(costs: pd.DataFrame, tech: str, param: str) -> tuple[float, str]:
    row = costs[
        (costs["technology"] == tech) & (costs["year"] == 2020) & (costs["parameter"] == param)
    ]
    if len(row) != 1:
        raise ValueError(f"PIK cost {tech}/{param}: {len(row)} rows")
    row = row.iloc[0]
    return float(row["value"]), str(row["unit"])


def build_fuels(sh: Shared) -> pd.DataFrame:
    """Fuel CO2 factors (IPCC defaults) and prices (PyPSA-China-PIK 2020 fuel costs)."""
    costs = sh.read("from-open-models/tech_power_costs.csv")
    rows = []
    for fuel in ("coal", "oil", "gas"):
        eur_mwh, unit = _pik_cost(costs, fuel, "fuel")
        price = eur_mwh * MWH_TH_PER_TCE * CNY_PER_EUR_2020
        rows.append(
            dict(
                fuel=fuel, emission_factor_tco2_per_tce=fuel_ef(fuel), price_cny_per_tce=price,
                source=f"emission factor: {IPCC_EF_SOURCE}; price: {PIK} (parameter 'fuel')",
                source_detail=f"EF {IPCC_EF_DETAIL[fuel]} x 29.3076 GJ/tce (transcribed, verify); price "
                f"{eur_mwh} {unit} x {MWH_TH_PER_TCE:.4f} MWh_th/tce x {CNY_PER_EUR_2020} CNY/EUR ({FX_SOURCE}); "
                "price is PIK's (BP 2019 / IEA based), not a Chinese market price",
            )
        )  # fmt: skip
    return _frame(rows)


# value, source, detail (filled in build_power_technologies for the PIK-derived ones)
POWER_PARAMS: dict[str, dict[str, tuple[float, str, str]]] = {
    "coal": {
        "heat_rate_tce_per_mwh": (
            0.3055,
            "China Electricity Council, 中国电力行业年度发展报告2021: 2020 national average coal consumption "
            "of thermal power supply 305.5 gce/kWh",
            _transcribed(
                "CEC annual development report 2021", "fleet average of all thermal units"
            ),
        ),
    },
}
# capacity credits, fleet ages of hydro/nuclear and lifetimes where PIK has none: assumptions
CAPACITY_CREDIT = {
    "coal": 0.9, "gas": 0.9, "nuclear": 0.9, "hydro": 0.5,
    "solar_pv": 0.05, "onshore_wind": 0.1, "offshore_wind": 0.15,
}  # fmt: skip
PIK_TECH = {
    "coal": "coal", "gas": "CCGT", "hydro": "hydro", "nuclear": "nuclear",
    "solar_pv": "solar", "onshore_wind": "onwind", "offshore_wind": "offwind",
}  # fmt: skip
VINTAGE_TECH = {
    "coal": ["coal", "coal CHP"], "gas": ["CCGT", "OCGT", "gas CHP"], "solar_pv": ["solar"],
    "onshore_wind": ["onwind"], "offshore_wind": ["offwind"],
}  # fmt: skip


def _fleet_age(sh: Shared) -> dict[str, tuple[float, str]]:
    vint = sh.read("from-open-models/province_power_capacity_by_vintage.csv")
    vint = vint[vint["vintage_window_end"] <= BASE_YEAR]
    out = {}
    for tech, names in VINTAGE_TECH.items():
        v = vint[vint["technology"].isin(names)]
        if v.empty:
            continue
        # a five-year window ending in year Y has a mean commissioning year of Y - 2
        age = BASE_YEAR - (v["vintage_window_end"] - 2)
        mean_age = float((age * v["capacity_mw"]).sum() / v["capacity_mw"].sum())
        out[tech] = (
            mean_age,
            f"capacity-weighted mean age at 2020 of {'/'.join(names)} units commissioned up to 2020, "
            f"{v['capacity_mw'].sum() / 1000:.0f} GW; window midpoint = end year - 2; Global Energy Monitor "
            "trackers compiled by pik-piam/PyPSA-China-PIK (province_power_capacity_by_vintage.csv)",
        )
    return out


def build_power_technologies(sh: Shared) -> pd.DataFrame:
    """Cost, efficiency and emission parameters per power technology, CNY (2020 exchange rate)."""
    costs = sh.read("from-open-models/tech_power_costs.csv")
    ages = _fleet_age(sh)
    rows = []

    def add(tech: str, param: str, value: float, source: str, detail: str = "") -> None:
        rows.append(
            dict(technology=tech, parameter=param, value=value, source=source, source_detail=detail)
        )

    for tech, pik in PIK_TECH.items():
        inv, unit = _pik_cost(costs, pik, "investment")
        to_cny = CNY_PER_EUR_2020 if unit.startswith("EUR") else CNY_PER_EUR_2020 / USD_PER_EUR_2020
        capex = inv * to_cny
        add(
            tech, "capex_cny_per_kw", capex, f"{PIK} ({pik}, investment)",
            f"{inv} {unit} x {to_cny:.4f} CNY per {unit[:3]} ({FX_SOURCE}); currency year not stated in the "
            "PIK file, taken as 2020 prices (assumption)",
        )  # fmt: skip
        fom_pct, _ = _pik_cost(costs, pik, "FOM")
        add(
            tech,
            "fom_cny_per_kw_yr",
            capex * fom_pct / 100.0,
            f"{PIK} ({pik}, FOM)",
            f"{fom_pct} %/yr of capex",
        )
        try:
            vom, vunit = _pik_cost(costs, pik, "VOM")
            if tech == "nuclear":
                # nuclear fuel is not a fossil fuel of the fuels table: its cost goes into VOM
                fuel_th, funit = _pik_cost(costs, "nuclear", "fuel")
                eff, _ = _pik_cost(costs, "nuclear", "efficiency")
                add(tech, "vom_cny_per_mwh", (vom + fuel_th / eff) * CNY_PER_EUR_2020, f"{PIK} (nuclear, VOM + "
                    "fuel / efficiency)", f"{vom} {vunit} + {fuel_th} {funit} / {eff}")  # fmt: skip
            else:
                add(
                    tech,
                    "vom_cny_per_mwh",
                    vom * CNY_PER_EUR_2020,
                    f"{PIK} ({pik}, VOM)",
                    f"{vom} {vunit}",
                )
        except ValueError:
            add(
                tech,
                "vom_cny_per_mwh",
                0.0,
                f"{PIK} ({pik}): no VOM row",
                "zero: no variable O&M in source",
            )
        life, _ = _pik_cost(costs, pik, "lifetime")
        add(tech, "lifetime_years", life, f"{PIK} ({pik}, lifetime)")
        if tech == "coal":
            hr, s, d = POWER_PARAMS["coal"]["heat_rate_tce_per_mwh"]
            eff, _ = _pik_cost(costs, "coal", "efficiency")
            add(tech, "heat_rate_tce_per_mwh", hr, s, d + f"; PIK new-plant efficiency {eff:.3f} would give "
                f"{3.6 / eff / GJ_PER_TCE:.4f}")  # fmt: skip
            ef = hr * fuel_ef("coal")
        elif tech == "gas":
            eff, _ = _pik_cost(costs, "CCGT", "efficiency")
            hr = 3.6 / eff / GJ_PER_TCE
            add(
                tech,
                "heat_rate_tce_per_mwh",
                hr,
                f"{PIK} (CCGT, efficiency)",
                f"3.6 GJ/MWh / {eff} / 29.3076 GJ/tce",
            )
            ef = hr * fuel_ef("gas")
        else:
            hr, ef = 0.0, 0.0
            add(tech, "heat_rate_tce_per_mwh", 0.0, "definition: no fossil fuel input")
        fuel = "coal" if tech == "coal" else "gas"
        add(
            tech, "emission_factor_tco2_per_mwh", ef,
            "derived: heat_rate_tce_per_mwh x fuel emission factor (fuels table)" if hr else "definition: "
            "no direct CO2 emissions",
            f"{hr:.4f} tce/MWh x {fuel_ef(fuel):.4f} tCO2/tce" if hr else "",
        )  # fmt: skip
        if tech in ages:
            add(tech, "fleet_age_years", ages[tech][0], "Global Energy Monitor trackers via pik-piam/PyPSA-China-PIK"
                "@23db46de1d:resources/data/existing_infrastructure", ages[tech][1])  # fmt: skip
        else:
            guess = {"hydro": 20.0, "nuclear": 8.0}[tech]
            add(tech, "fleet_age_years", guess, f"assumption: {tech} fleet age {guess:.0f} years (no vintage data; "
                "half of China's nuclear and much of its hydro capacity were commissioned after 2010)")  # fmt: skip
        add(tech, "capacity_credit", CAPACITY_CREDIT[tech], f"assumption: capacity credit {CAPACITY_CREDIT[tech]} "
            "(firm thermal/nuclear below 1 for forced outages; hydro limited by seasonal water; wind and solar at "
            "the low end of values used in planning studies)")  # fmt: skip
        is_re = tech in {"hydro", "solar_pv", "onshore_wind", "offshore_wind"}
        add(tech, "is_renewable", float(is_re), "definition: hydro, solar and wind are renewable")
    return _frame(rows)


# ---------------------------------------------------------------------------------------------
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
        add(r, "onshore_wind", w["value"], f"{CEC} via {w['source']}", "assumption: all wind (on+offshore, "
            "national offshore 9.9 GW) booked as onshore_wind because no observed provincial offshore split is "
            "available (Zhou et al.'s offshore column is an allocation by wind capacity, not data)")  # fmt: skip
        add(r, "offshore_wind", 0.0, "assumption: base-year offshore wind counted in onshore_wind (see that row)",
            "replace with observed provincial offshore capacity (CEC / CWEA) when available")  # fmt: skip
    return _frame(rows)


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
        t: _series(d, year=BASE_YEAR, variable="electricity_generation", technology=t)
        for t in ("thermal (all fuels)", "hydro", "nuclear")
    }
    capw = capacity.pivot_table(index="region", columns="technology", values="capacity_gw")
    allcap = sh.read("province_power_capacity.csv")
    prev = {
        t: _series(allcap, year=BASE_YEAR - 1, variable="installed_capacity", technology=name)[
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
        for tech in ("solar_pv", "onshore_wind"):
            mean_cap = (capw.loc[r, tech] + prev[tech].get(r, capw.loc[r, tech])) / 2.0
            h = hours[tech].loc[r, str(BASE_YEAR)] if r in hours[tech].index else np.nan
            if np.isnan(h):
                h = hours[tech][str(BASE_YEAR)].median()
            add(r, tech, mean_cap * h / 1000.0, f"derived: mean of year-end 2019 and 2020 capacity ({CEC}) x "
                f"observed utilisation hours 2020 ({CEC}, via energyandcleanair/china_co2@4043449a84:"
                "inst/csv/wind_solar_utilization_capacity_by_province.csv)",
                f"{mean_cap:.3f} GW x {h:.0f} h; NBS solar series covers only enterprises above designated size; "
                "no 2020 provincial wind generation series in the shared extract")  # fmt: skip
        add(
            r,
            "offshore_wind",
            0.0,
            "assumption: base-year offshore wind counted in onshore_wind",
            "",
        )
    return _frame(rows)


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
    return _frame(rows)


HYDRO_TECH_POTENTIAL_GW = (
    687.0  # 2005 national hydropower resource review: 技术可开发装机容量 6.87 亿千瓦
)
OFFSHORE_POTENTIAL_GW = 500.0  # CMA wind resource assessment: ~5 亿千瓦 at 5-50 m water depth


def build_renewable_potential(sh: Shared, capacity: pd.DataFrame) -> pd.DataFrame:
    """Technical potential (GW) of wind, solar and hydro; never below the installed base."""
    rp = sh.read("province_renewable_potential.csv")
    capw = capacity.pivot_table(index="region", columns="technology", values="capacity_gw")
    rows = []

    def add(r: str, tech: str, gw: float, source: str, detail: str) -> None:
        rows.append(
            dict(region=r, technology=tech, potential_gw=gw, source=source, source_detail=detail)
        )

    for tech, name in (
        ("onshore_wind", "onshore wind"),
        ("solar_pv", "solar PV (stationary, utility)"),
    ):
        pot = _series(rp, variable="technical_potential_capacity_lower", technology=name)
        for r in PROVINCES:
            p = pot.loc[r]
            base = capw.loc[r, tech]
            if p["value"] >= base:
                add(
                    r,
                    tech,
                    p["value"],
                    p["source"],
                    f"low-end case, resource years 2001-2010; {p['source_detail'][:160]}",
                )
            else:
                add(
                    r,
                    tech,
                    base,
                    "assumption: installed 2020 capacity, because the published potential is below it "
                    "(potential must be >= base capacity or the model is infeasible)",
                    f"He & Kammen low-end potential {p['value']} GW < installed {base:.2f} GW ({p['source'][:80]})",
                )
    hydro_base = capw["hydro"]
    factor = HYDRO_TECH_POTENTIAL_GW / hydro_base.sum()
    for r in PROVINCES:
        add(
            r,
            "hydro",
            hydro_base[r] * factor,
            f"assumption: national technically exploitable hydro capacity "
            f"{HYDRO_TECH_POTENTIAL_GW:.0f} GW (2005 national hydropower resource review, 全国水力资源复查成果; "
            "transcribed, verify) allocated pro rata to 2020 conventional hydro capacity",
            f"factor {factor:.3f}; under-states Tibet and the upper Yangtze; replace with the review's provincial table",
        )
    coast = sum(COASTAL.values())
    for r in PROVINCES:
        gw = OFFSHORE_POTENTIAL_GW * COASTAL[r] / coast if r in COASTAL else 0.0
        add(
            r,
            "offshore_wind",
            gw,
            f"assumption: national offshore technical potential about {OFFSHORE_POTENTIAL_GW:.0f} GW at 5-50 m water "
            "depth (China Meteorological Administration national wind resource assessment; transcribed, verify) "
            "shared by mainland coastline length"
            if r in COASTAL
            else "definition: inland province",
            f"coastline {COASTAL[r]} km of {coast} km" if r in COASTAL else "",
        )
    return _frame(rows)


BUILD_MULTIPLIER = 2.0
BUILD_FLOOR_GW = 0.5
OFFSHORE_BUILD_GW = 2.0
NUCLEAR_BUILD_GW = 2.0


def build_power_build_limits(sh: Shared) -> pd.DataFrame:
    """Build-rate ceilings, GW/yr: twice the largest observed annual net addition 2016-2023."""
    cap = sh.read("province_power_capacity.csv")
    src = "energyandcleanair/china_co2@4043449a84:inst/csv/power_capacity_by_province&type.csv"
    cec = cap[cap["source"] == src]
    series = {
        "coal": "thermal (all fuels)", "gas": "thermal (all fuels)", "hydro": "hydro (all hydropower as reported)",
        "solar_pv": "solar (all solar power)", "onshore_wind": "wind (onshore+offshore)",
    }  # fmt: skip
    rows = []
    for tech, name in series.items():
        w = cec[cec["technology"] == name].pivot_table(
            index="province", columns="year", values="value"
        )
        inc = w.diff(axis=1).max(axis=1)
        for r in PROVINCES:
            m = float(inc.get(r, np.nan))
            m = 0.0 if not np.isfinite(m) else max(m, 0.0)
            rows.append(
                dict(
                    region=r, technology=tech, max_build_gw_per_yr=max(BUILD_MULTIPLIER * m, BUILD_FLOOR_GW),
                    source=f"assumption: {BUILD_MULTIPLIER:g} x the largest observed annual net addition of "
                    f"'{name}' 2015-2023 ({CEC} via {src}), at least {BUILD_FLOOR_GW} GW/yr",
                    source_detail=f"largest observed addition {m:.2f} GW/yr",
                )
            )  # fmt: skip
    for r in PROVINCES:
        rows.append(dict(region=r, technology="offshore_wind",
                         max_build_gw_per_yr=OFFSHORE_BUILD_GW if r in COASTAL else 0.0,
                         source=f"assumption: {OFFSHORE_BUILD_GW} GW/yr per coastal province (national additions "
                         "peaked at about 17 GW in 2021); zero inland", source_detail=""))  # fmt: skip
        rows.append(dict(region=r, technology="nuclear",
                         max_build_gw_per_yr=NUCLEAR_BUILD_GW if r in COASTAL else 0.0,
                         source=f"assumption: {NUCLEAR_BUILD_GW} GW/yr in coastal provinces (about two large units "
                         f"per year); zero inland because {INLAND_NO_NUCLEAR}", source_detail=""))  # fmt: skip
    return _frame(rows)


# ---------------------------------------------------------------------------------------------
# transmission
# ---------------------------------------------------------------------------------------------

CAPITALS = {
    # provincial capital, approximate latitude/longitude (degrees)
    "Anhui": (31.86, 117.28), "Beijing": (39.90, 116.40), "Chongqing": (29.56, 106.55),
    "Fujian": (26.07, 119.30), "Gansu": (36.06, 103.83), "Guangdong": (23.13, 113.26),
    "Guangxi": (22.82, 108.32), "Guizhou": (26.65, 106.63), "Hainan": (20.04, 110.34),
    "Hebei": (38.04, 114.51), "Heilongjiang": (45.80, 126.53), "Henan": (34.75, 113.62),
    "Hubei": (30.59, 114.31), "Hunan": (28.23, 112.94), "Inner Mongolia": (40.84, 111.75),
    "Jiangsu": (32.06, 118.80), "Jiangxi": (28.68, 115.86), "Jilin": (43.82, 125.32),
    "Liaoning": (41.81, 123.43), "Ningxia": (38.49, 106.23), "Qinghai": (36.62, 101.78),
    "Shaanxi": (34.34, 108.94), "Shandong": (36.65, 117.12), "Shanghai": (31.23, 121.47),
    "Shanxi": (37.87, 112.55), "Sichuan": (30.57, 104.07), "Tianjin": (39.13, 117.20),
    "Tibet": (29.65, 91.14), "Xinjiang": (43.83, 87.62), "Yunnan": (25.04, 102.71),
    "Zhejiang": (30.27, 120.16),
}  # fmt: skip
ROUTE_FACTOR = 1.2
HVDC_MIN_KM = 800.0
CORRIDOR_LOSS_SHARE_PER_1000KM = 0.03
CORRIDOR_MAX_UTILISATION = 0.6


def _great_circle_km(a: str, b: str) -> float:
    (la1, lo1), (la2, lo2) = CAPITALS[a], CAPITALS[b]
    p1, p2, dl = math.radians(la1), math.radians(la2), math.radians(lo2 - lo1)
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 6371.0 * math.acos(min(1.0, max(-1.0, c)))


def build_transmission(sh: Shared) -> pd.DataFrame:
    """Directed corridors: existing pairs (edges_current) + zero-capacity adjacent pairs, both ways."""
    t = sh.read("transmission_corridors.csv")
    costs = sh.read("from-open-models/tech_power_costs.csv")
    line, lunit = _pik_cost(costs, "HVDC overhead", "investment")
    conv, cunit = _pik_cost(costs, "HVDC inverter pair", "investment")
    ac, _ = _pik_cost(costs, "HVAC overhead", "investment")
    t["pair"] = [tuple(sorted(p)) for p in zip(t["from_province"], t["to_province"], strict=True)]
    fcg = t["source"].str.contains("FCG")
    current = t[~fcg].drop_duplicates("pair")
    extra = t[
        fcg & ~t["pair"].isin(set(current["pair"])) & (t["capacity_gw"] == 0)
    ].drop_duplicates("pair")
    rows = []
    for _, e in pd.concat([current, extra]).iterrows():
        a, b = e["pair"]
        km = _great_circle_km(a, b) * ROUTE_FACTOR
        if km >= HVDC_MIN_KM:
            capex = (line * km / 1000.0 + conv / 1000.0) * CNY_PER_EUR_2020
            kind = (f"HVDC: {line} {lunit} x {km:.0f} km + inverter pair {conv} {cunit}, per kW, x {CNY_PER_EUR_2020} "
                    "CNY/EUR")  # fmt: skip
        else:
            capex = ac * km / 1000.0 * CNY_PER_EUR_2020
            kind = f"HVAC: {ac} {lunit} x {km:.0f} km, per kW, x {CNY_PER_EUR_2020} CNY/EUR"
        loss = CORRIDOR_LOSS_SHARE_PER_1000KM * km / 1000.0
        for o, d in ((a, b), (b, a)):
            rows.append(
                dict(
                    from_region=o, to_region=d, capacity_gw=float(e["capacity_gw"]), loss_share=round(loss, 4),
                    max_utilisation=CORRIDOR_MAX_UTILISATION, capex_cny_per_kw=capex,
                    source=f"capacity: {e['source']} (undirected pair, expanded to both directions); loss_share "
                    f"and max_utilisation: assumption; capex: {PIK} (HVDC/HVAC overhead, HVDC inverter pair)",
                    source_detail=f"capacity original {e['capacity_gw']} GW ({'existing' if e['capacity_gw'] else 'zero-capacity candidate adjacent pair'}); "
                    f"distance = great-circle between provincial capitals x {ROUTE_FACTOR} route factor = {km:.0f} km "
                    f"(assumption); loss {CORRIDOR_LOSS_SHARE_PER_1000KM:.0%} per 1000 km (assumption, order of UHV "
                    f"line + converter losses); max_utilisation {CORRIDOR_MAX_UTILISATION} (assumption: annual energy "
                    f"over rated capacity, UHV lines run well below full load); capex {kind}",
                )
            )  # fmt: skip
    return _frame(rows)


# ---------------------------------------------------------------------------------------------
# industry: technologies, sectors, capacity, production, demand, replacement, retrofits
# ---------------------------------------------------------------------------------------------

STEEL_SRC = "zzzzty29/China-s-Iron-and-Steel-Industry-Decarbonization-Model@2d93e01892:data_cost.xlsx (sheet 'Industrial Parameters')"
A = "assumption: "

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
                _transcribed(NDRC_1609, "clinker baseline 117, benchmark 100 kgce/t"),
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
                _transcribed("IPCC 2006 vol. 3 ch. 2"),
            ),
        },
        "clinker_dry": {
            "coal_tce_per_t": (
                0.105,
                A + "average new-suspension-preheater kiln between the NDRC benchmark (100) "
                "and baseline (117 kgce/t clinker), net of the electricity share",
                _transcribed(NDRC_1609),
            ),
            "electricity_mwh_per_t": (
                0.055,
                A + "clinker-making power use of a modern dry-process line",
                "",
            ),
            "process_co2_t_per_t": (
                0.52,
                "IPCC 2006 Guidelines vol. 3 ch. 2, eq. 2.4 Tier 1",
                _transcribed("IPCC 2006 vol. 3 ch. 2"),
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
                _transcribed(NDRC_1609, "baseline 13,350, benchmark 13,000 kWh/t"),
            ),
            "process_co2_t_per_t": (
                1.6,
                "IPCC 2006 Guidelines vol. 3 ch. 4, table 4.10, Tier 1 prebake anode "
                "consumption 1.6 tCO2/t Al",
                _transcribed("IPCC 2006 vol. 3 ch. 4", "PFCs not included (CO2 only)"),
            ),
        },
        "smelter": {
            "electricity_mwh_per_t": (
                13.54,
                "China Nonferrous Metals Industry Association: 2020 average AC power "
                "consumption of aluminium ingot about 13,543 kWh/t",
                _transcribed("CNIA 2020 statistics"),
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
                _transcribed(NDRC_1609),
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
                _transcribed(
                    NDRC_1609, "flat glass >800 t/d: baseline 12, benchmark 8 kgce per weight case"
                ),
            ),
            "oil_tce_per_t": (0.11, A + "heavy oil / petroleum coke share of furnace fuel", ""),
            "electricity_mwh_per_t": (0.06, A, ""),
            "process_co2_t_per_t": (
                0.16,
                "IPCC 2006 Guidelines vol. 3 ch. 2, Tier 1 glass: 0.2 tCO2/t x (1 - cullet "
                "ratio 0.2)",
                _transcribed("IPCC 2006 vol. 3 ch. 2, eq. 2.10 and table 2.6"),
            ),
        },
        "float": {
            "gas_tce_per_t": (
                0.13,
                A + "total furnace fuel 0.22 tce/t = 11 kgce per weight case (between the NDRC "
                "benchmark 8 and baseline 12), 60 % gas",
                _transcribed(NDRC_1609),
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
    "(BF-BOF ~3,500, EAF ~1,500, H2-DRI ~5,000 CNY/t; dry clinker line ~500; smelter ~6,000; float line ~1,500); "
    "CCS and inert anode with a premium",
    "fom_cny_per_t": "assumption: fixed operating cost per t of capacity and year (labour, maintenance); CCS includes "
    "capture and storage operating cost",
    "value_added_cny_per_t": "assumption: value added per t from 2020 prices x value-added rate (clinker ~350 CNY/t x "
    "~0.6 incl. wages/depreciation/taxes; primary aluminium ~14,200 CNY/t x 0.2; recycled ~0.1; flat glass "
    "~1,600 CNY/t x 0.3)",
    "lifetime_years": "assumption: technical plant lifetime with periodic relining/cold repair: 40 years for blast furnaces, EAFs, cement kilns and smelters (the order used in IEA Iron and Steel (2020) and Cement (2018) technology roadmaps), 30 for float lines (furnace rebuilt every ~10 years), 25 for remelting plants",
    "fleet_age_years": "assumption: average age of the 2020 stock (backward stock older); new technologies 0",
    "phase_out_year": f"assumption: backward capacity eliminated by 2025, following {NDRC_2022_200} (capacity below "
    "the baseline basically cleared by 2025) and 产业结构调整指导目录(2019年本) 淘汰类",
    "available_from_year": "assumption: first year new plants can be built (CCS, H2-DRI 2030; inert anode 2035; "
    "waste raw meal and electric boosting 2025: commercial today)",
    "is_backward": "definition: backward (落后) stock with a phase-out year",
    "replacement_exempt": "MIIT capacity-replacement rules: secondary (recycled) aluminium is not electrolytic "
    "capacity and needs no replacement quota; all other technologies need quota",
    "stranded_cost_cny_per_t": "assumption: remaining book value = capex x max(0, 1 - fleet_age/lifetime)",
}


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
            "scrap_t_per_t": (scrap, STEEL_SRC, f"'Scrap consumption' {scrap * 1000:.0f} kg/t"),
            "fom_cny_per_t": (rv[(route, "Fixed Cost")], STEEL_SRC, "'Fixed Cost' CNY/t; the route-independent "
                              "'Operating Cost' (700 CNY/t) is left out"),
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
                _transcribed(NDRC_1609, "blast furnace process"),
            )
            p["electricity_mwh_per_t"] = (elec * 1.1, A + "10 % above the BF-BOF average", "")
        steel[tech] = p
    INDUSTRY_TECH["steel"] = steel

    output = sh.read("province_industry_output.csv")
    va = sh.read("from-open-models/province_steel_value_added.csv")
    steel22 = _series(output, year=2022, variable="crude_steel_output")["value"]
    per_t = va["steel_value_added_2022_100m_cny"].sum() * 1e8 / (steel22.sum() * 1e6)
    # The source's "value added" is about the 2022 steel price per tonne (Hebei's figure is 27 % of
    # its GDP), i.e. gross output value, so a value-added rate is applied.
    va_steel: Param = (
        per_t * STEEL_VA_RATE,
        f"assumption: value-added rate {STEEL_VA_RATE} x output value per t from "
        "zzzzty29/China-s-Iron-and-Steel-Industry-Decarbonization-Model@2d93e01892:data_capacity.xlsx "
        "('steel value added' 2022) / NBS crude steel output 2022",
        f"source sum {va['steel_value_added_2022_100m_cny'].sum():.0f} x 1e8 CNY / {steel22.sum():.1f} Mt = "
        f"{per_t:.0f} CNY/t, about the 2022 steel price, hence read as gross output value; rate "
        f"{STEEL_VA_RATE} is the order of the ferrous-metal industry's value-added ratio in China's "
        "input-output tables (assumption, verify)",
    )

    params = ["is_backward", "phase_out_year", "available_from_year", "lifetime_years", "fleet_age_years",
              "capex_cny_per_t", "fom_cny_per_t", "stranded_cost_cny_per_t", "coal_tce_per_t", "oil_tce_per_t",
              "gas_tce_per_t", "electricity_mwh_per_t", "process_co2_t_per_t", "capture_share",
              "value_added_cny_per_t", "replacement_exempt", "scrap_t_per_t", "solid_waste_t_per_t"]  # fmt: skip
    rows = []
    for sector, techs in LIFE.items():
        for tech, (back, phase, avail, life, age, capex, fom, va_cny, exempt) in techs.items():
            given = INDUSTRY_TECH[sector].get(tech, {})
            life_vals: dict[str, Param] = {
                "is_backward": (back, LIFE_SOURCE["is_backward"], ""),
                "available_from_year": (avail, LIFE_SOURCE["available_from_year"], "") if avail else (
                    BASE_YEAR, "definition: existing technology, available from the base year", ""),
                "lifetime_years": (life, LIFE_SOURCE["lifetime_years"], ""),
                "fleet_age_years": (age, LIFE_SOURCE["fleet_age_years"], ""),
                "capex_cny_per_t": (capex, LIFE_SOURCE["capex_cny_per_t"], ""),
                "stranded_cost_cny_per_t": (capex * max(0.0, 1 - age / life), LIFE_SOURCE["stranded_cost_cny_per_t"], ""),
                "replacement_exempt": (exempt, LIFE_SOURCE["replacement_exempt"], ""),
            }  # fmt: skip
            if back:
                # only backward technologies have a phase-out year; the row is absent otherwise
                # (the loader reads an absent row as "not applicable")
                life_vals["phase_out_year"] = (phase, LIFE_SOURCE["phase_out_year"], "")
            if fom is not None:
                life_vals["fom_cny_per_t"] = (fom, LIFE_SOURCE["fom_cny_per_t"], "")
            life_vals["value_added_cny_per_t"] = va_steel if sector == "steel" else (
                va_cny, LIFE_SOURCE["value_added_cny_per_t"], "")  # fmt: skip
            for param in params:
                if param == "phase_out_year" and not back:
                    continue
                if param in given:
                    v, s, d = given[param]
                elif param in life_vals:
                    v, s, d = life_vals[param]
                else:
                    v, s, d = 0.0, "definition: not used by this technology", ""
                rows.append(dict(sector=sector, technology=tech, parameter=param, value=float(v), source=s,
                                 source_detail=d))  # fmt: skip
    return _frame(rows)


STEEL_VA_RATE = 0.2
MAX_UTILISATION = {"steel": 0.90, "cement": 0.90, "aluminium": 0.95, "flat_glass": 0.90}
BACKWARD_SHARE = {"steel": 0.05, "cement": 0.05, "aluminium": 0.03, "flat_glass": 0.05}
GLASS_UTILISATION_2020 = 0.75


def build_industry_sectors() -> pd.DataFrame:
    """Sector-level parameters."""
    rows = []
    for s, u in MAX_UTILISATION.items():
        rows.append(dict(sector=s, parameter="max_utilisation", value=u,
                         source=f"assumption: maximum sustained utilisation {u} of installed capacity (smelters run "
                         "continuously, hence higher)", source_detail=""))  # fmt: skip
        rows.append(dict(sector=s, parameter="no_increase_in_key_regions", value=1.0 if s == "steel" else 0.0,
                         source="MIIT, 钢铁行业产能置换实施办法 (in force 2021-06-01): key air-pollution-control regions "
                         "may not increase steel capacity" if s == "steel" else "MIIT replacement rules: no such clause "
                         "for this sector (assumption)", source_detail=""))  # fmt: skip
    rows.append(
        dict(
            sector="aluminium",
            parameter="national_capacity_ceiling_mt",
            value=AL_CAPACITY_CEILING_MT,
            source="State Council, 关于化解产能严重过剩矛盾的指导意见 (国发〔2013〕41号) and MIIT capacity-"
            "replacement rules: electrolytic aluminium capacity capped at about 45 Mt/yr",
            source_detail="applies to electrolytic (primary) capacity; secondary_aluminium should be excluded by the model",
        )
    )
    return _frame(rows)


def _industry_base(sh: Shared) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Base-year production (Mt) and capacity (Mt/yr) by region/sector/technology, with sources."""
    out = sh.read("province_industry_output.csv")
    o20 = out[out["year"] == BASE_YEAR]
    steel = _series(o20, variable="crude_steel_output")
    cement = _series(o20, variable="cement_output")
    glass = _series(o20, variable="flat_glass_output")
    alcap = _series(out, variable="electrolytic_aluminium_capacity")
    al_share = alcap["value"] / alcap["value"].sum()
    routes = sh.read("from-open-models/province_steel_capacity.csv")
    rcap = routes.pivot_table(index="province", columns="route", values="capacity_mt")
    rsrc = routes["source"].iloc[0].split(" (")[0]
    clinker_ratio = NAT_CLINKER_OUTPUT_2020_MT / cement["value"].sum()
    clinker_util = NAT_CLINKER_OUTPUT_2020_MT / NAT_CLINKER_CAPACITY_2020_MT
    nbs = (
        "National Bureau of Statistics, industrial output (enterprises above designated size), 2020"
    )
    prod, cap = [], []
    for r in PROVINCES:
        # steel ---------------------------------------------------------------------------
        if r in steel.index:
            q = steel.loc[r, "value"]
            prod.append(
                dict(
                    region=r,
                    sector="steel",
                    year=BASE_YEAR,
                    output_mt=q,
                    source=f"{nbs}, crude steel, via {steel.loc[r, 'source']}",
                    source_detail="",
                )
            )
        else:
            q = 0.0
            prod.append(
                dict(
                    region=r,
                    sector="steel",
                    year=BASE_YEAR,
                    output_mt=0.0,
                    source=f"{nbs}: no crude-steel output reported (zero in the export)",
                    source_detail="",
                )
            )
        bf = rcap["BF-BOF"].get(r, 0.0) if r in rcap.index else 0.0
        eaf = rcap["EAF"].get(r, 0.0) if r in rcap.index else 0.0
        total = bf + eaf
        need = q / MAX_UTILISATION["steel"]
        scale, note = 1.0, ""
        if total > 0 and total < need:
            scale = need / total
            note = (
                f"; listed capacity {total:.2f} Mt/yr is below 2020 output/max_utilisation ({need:.2f}): both "
                f"routes scaled by {scale:.3f} (assumption: the source's capacity vintage differs from 2020)"
            )
        src = (
            f"{rsrc} (capacity by route)"
            if total > 0
            else f"{rsrc}: no capacity listed (assumption: none)"
        )
        b = BACKWARD_SHARE["steel"]
        for tech, v, d in (("bf_bof_backward", bf * b * scale, f"{b:.0%} of BF-BOF {bf} Mt/yr (assumption: backward share)"),
                           ("bf_bof", bf * (1 - b) * scale, f"{1 - b:.0%} of BF-BOF {bf} Mt/yr"),
                           ("scrap_eaf", eaf * scale, f"EAF {eaf} Mt/yr")):  # fmt: skip
            cap.append(
                dict(
                    region=r,
                    sector="steel",
                    technology=tech,
                    capacity_mt=v,
                    source=src,
                    source_detail=d + note,
                )
            )
        # cement (clinker) -----------------------------------------------------------------
        qc = cement.loc[r, "value"] * clinker_ratio
        prod.append(dict(region=r, sector="cement", year=BASE_YEAR, output_mt=qc,
                         source=f"assumption: NBS 2020 cement output x national clinker/cement ratio {clinker_ratio:.4f} "
                         f"(NBS 2020 clinker {NAT_CLINKER_OUTPUT_2020_MT:.0f} Mt / cement sum; transcribed, verify)",
                         source_detail=f"cement {cement.loc[r, 'value']} Mt via {cement.loc[r, 'source']}; provincial "
                         "clinker output not in a citable table here"))  # fmt: skip
        cc = qc / clinker_util
        b = BACKWARD_SHARE["cement"]
        csrc = (
            f"assumption: clinker output / national clinker utilisation {clinker_util:.3f} (clinker capacity about "
            f"{NAT_CLINKER_CAPACITY_2020_MT:.0f} Mt/yr at end-2020, China Cement Association; transcribed, verify)"
        )
        cap.append(
            dict(
                region=r,
                sector="cement",
                technology="clinker_backward",
                capacity_mt=cc * b,
                source=csrc,
                source_detail=f"{b:.0%} backward share (assumption)",
            )
        )
        cap.append(
            dict(
                region=r,
                sector="cement",
                technology="clinker_dry",
                capacity_mt=cc * (1 - b),
                source=csrc,
                source_detail="",
            )
        )
        # aluminium ------------------------------------------------------------------------
        share = float(al_share.get(r, 0.0))
        has = r in alcap.index and share > 0
        al_src = "Rick10119/PyPSA-China data/p_nom/al_smelter_p_max.csv via shared province_industry_output.csv"
        prod.append(
            dict(
                region=r,
                sector="aluminium",
                year=BASE_YEAR,
                output_mt=NAT_PRIMARY_AL_OUTPUT_2020_MT * share,
                source=f"assumption: NBS 2020 primary aluminium output {NAT_PRIMARY_AL_OUTPUT_2020_MT} Mt "
                f"(transcribed, verify) x province share of smelter capacity ({al_src})"
                if has
                else "assumption: no smelter listed in this province",
                source_detail=f"share {share:.4f}; "
                "provincial primary output is not in a citable table; shares are from 2024 capacity",
            )
        )
        b = BACKWARD_SHARE["aluminium"]
        asrc = (
            f"{al_src}, scaled to the 45 Mt/yr national cap (assumption: the 2024 list describes the 2020 fleet)"
            if has
            else "assumption: no smelter listed in this province"
        )
        cap.append(
            dict(
                region=r,
                sector="aluminium",
                technology="smelter_backward",
                capacity_mt=AL_CAPACITY_CEILING_MT * share * b,
                source=asrc,
                source_detail=f"{b:.0%} backward share (assumption)",
            )
        )
        cap.append(
            dict(
                region=r,
                sector="aluminium",
                technology="smelter",
                capacity_mt=AL_CAPACITY_CEILING_MT * share * (1 - b),
                source=asrc,
                source_detail="",
            )
        )
        # flat glass -----------------------------------------------------------------------
        if r in glass.index:
            qg = glass.loc[r, "value"] * T_PER_WEIGHT_CASE
            prod.append(
                dict(
                    region=r,
                    sector="flat_glass",
                    year=BASE_YEAR,
                    output_mt=qg,
                    source=f"{nbs}, flat glass, via {glass.loc[r, 'source']}",
                    source_detail=f"{glass.loc[r, 'value']} million weight cases x 0.05 t",
                )
            )
        else:
            qg = 0.0
            prod.append(
                dict(
                    region=r,
                    sector="flat_glass",
                    year=BASE_YEAR,
                    output_mt=0.0,
                    source="assumption: zero, NBS publishes no flat-glass series for this province",
                    source_detail="Shanghai and Tibet have no series in the export",
                )
            )
        gsrc = (
            f"assumption: output / utilisation {GLASS_UTILISATION_2020} (float lines in operation were roughly "
            "three quarters of listed capacity around 2020, idle lines included; no provincial float-line capacity "
            "table in the shared data; replace with China Architectural and Industrial Glass Association line data)"
        )
        b = BACKWARD_SHARE["flat_glass"]
        gc = qg / GLASS_UTILISATION_2020
        cap.append(
            dict(
                region=r,
                sector="flat_glass",
                technology="float_backward",
                capacity_mt=gc * b,
                source=gsrc,
                source_detail=f"{b:.0%} backward share (assumption)",
            )
        )
        cap.append(
            dict(
                region=r,
                sector="flat_glass",
                technology="float",
                capacity_mt=gc * (1 - b),
                source=gsrc,
                source_detail="",
            )
        )
    # every other technology: explicit zero base capacity so the grid is complete
    have = {(c["region"], c["sector"], c["technology"]) for c in cap}
    for sector, techs in LIFE.items():
        for tech in techs:
            for r in PROVINCES:
                if (r, sector, tech) not in have:
                    cap.append(dict(region=r, sector=sector, technology=tech, capacity_mt=0.0,
                                    source="definition: new technology, no base-year capacity" if tech != "secondary_aluminium"
                                    else "assumption: recycled-aluminium plants not in the base year (no provincial "
                                    "table; national 2020 output about 7.4 Mt is outside the primary 'aluminium' base)",
                                    source_detail=""))  # fmt: skip
    return _frame(prod), _frame(cap)


DEMAND_PATH = {
    # Mt/yr, milestone years 2025..2060
    "steel": (1000, 920, 850, 780, 720, 660, 620, 580),
    "cement": (1200, 1100, 1000, 900, 820, 760, 720, 700),
    "aluminium": (40, 40, 39, 38, 36, 34, 32, 30),
    "flat_glass": (47, 47, 46, 45, 44, 43, 42, 41),
}
DEMAND_BASIS = {
    "steel": "2024 NBS crude steel output about 1,005 Mt, then a gradual decline as urbanisation slows (range of "
    "published outlooks, e.g. ~600 Mt by 2060)",
    "cement": "in Mt clinker: 2024 NBS cement about 1,825 Mt x clinker ratio ~0.66, then declining construction demand",
    "aluminium": "primary-equivalent demand met by primary or recycled aluminium; held under the 45 Mt cap, declining as "
    "recycling grows",
    "flat_glass": "2020 output 47.3 Mt (NBS), held flat to 2030 then slowly declining",
}


def build_industry_demand() -> pd.DataFrame:
    """National demand D[s,p], Mt/yr (explicit assumptions)."""
    rows = []
    for s, path in DEMAND_PATH.items():
        for y, v in zip(PERIODS, path, strict=True):
            rows.append(
                dict(
                    sector=s,
                    year=y,
                    demand_mt=float(v),
                    source=f"assumption: {DEMAND_BASIS[s]}",
                    source_detail="scenario input: override in a scenario YAML",
                )
            )
    return _frame(rows)


def build_replacement_ratios() -> pd.DataFrame:
    """MIIT capacity-replacement ratios per sector and case."""
    steel = "MIIT, 钢铁行业产能置换实施办法 (工信部原〔2021〕46号, in force 2021-06-01)"
    cg = "MIIT, 水泥玻璃行业产能置换实施办法 (工信部原〔2021〕80号, in force 2021-08-01)"
    al = "MIIT, 关于电解铝企业通过兼并重组等方式实施产能置换有关事项的通知 (工信部原〔2018〕12号): equal (1:1) replacement"
    data = [
        ("steel", "key_region", 1.5, steel, ""),
        ("steel", "other", 1.25, steel, ""),
        (
            "steel",
            "cross_province",
            1.25,
            f"assumption: the steel rules set no separate cross-province ratio; the "
            f"receiving region's ordinary ratio applies ({steel})",
            "",
        ),
        ("cement", "key_region", 2.0, cg, ""),
        ("cement", "other", 1.5, cg, ""),
        ("cement", "cross_province", 2.0, cg, "cross-province clinker replacement at least 2:1"),
        ("flat_glass", "key_region", 1.25, cg, ""),
        (
            "flat_glass",
            "other",
            1.0,
            cg,
            "photovoltaic rolled glass needs no replacement (not modelled here)",
        ),
        (
            "flat_glass",
            "cross_province",
            1.25,
            f"assumption: cross-province flat glass at the key-region ratio ({cg})",
            "",
        ),
        ("aluminium", "key_region", 1.0, al, ""),
        ("aluminium", "other", 1.0, al, ""),
        ("aluminium", "cross_province", 1.0, al, ""),
    ]
    return _frame(
        dict(sector=s, case=c, ratio=v, source=src, source_detail=d) for s, c, v, src, d in data
    )


# retrofit tranches: (sector, carrier, tranche, max_share, cost, detail)
RETROFITS = [
    (
        "steel",
        "coal",
        1,
        0.30 * 25 / 800,
        1500,
        "30 % of BF capacity below the baseline (NDRC 2022 guide) raised by ~25 kgce/t to the baseline 435 kgce/t; "
        "as a share of the route's 800 kgce/t",
    ),
    (
        "steel",
        "coal",
        2,
        (385 - 361) / 800,
        3000,
        "BF average ~385 kgce/t (CISA members, 2020) to the benchmark 361 kgce/t; as a share of 800 kgce/t",
    ),
    (
        "cement",
        "coal",
        1,
        0.24 * (125 - 117) / 108,
        1500,
        "24 % of clinker capacity below the baseline (NDRC 2022 guide) at ~125 to the baseline 117 kgce/t; average ~108",
    ),
    (
        "cement",
        "coal",
        2,
        (108 - 100) / 108 - 0.24 * (125 - 117) / 108,
        3000,
        "average ~108 kgce/t to the benchmark 100 kgce/t, less tranche 1",
    ),
    (
        "aluminium",
        "electricity",
        1,
        0.24 * (13.7 - 13.35) / 13.54,
        500,
        "24 % of smelter capacity below the baseline (NDRC 2022 guide) at ~13.7 to the baseline 13.35 MWh/t; average 13.54",
    ),
    (
        "aluminium",
        "electricity",
        2,
        (13.54 - 13.0) / 13.54 - 0.24 * (13.7 - 13.35) / 13.54,
        1000,
        "average 13.54 MWh/t to the benchmark 13.0 MWh/t, less tranche 1",
    ),
    (
        "flat_glass",
        "gas",
        1,
        0.08 * (13.5 - 12) / 11,
        1500,
        "8 % of capacity below the baseline (NDRC 2022 guide) at ~13.5 to the baseline 12 kgce/case; average ~11",
    ),
    (
        "flat_glass",
        "gas",
        2,
        (11 - 8) / 11 - 0.08 * (13.5 - 12) / 11,
        3000,
        "average ~11 kgce/case to the benchmark 8 kgce/case, less tranche 1",
    ),
    ("flat_glass", "oil", 1, 0.08 * (13.5 - 12) / 11, 1500, "as flat_glass gas tranche 1"),
    (
        "flat_glass",
        "oil",
        2,
        (11 - 8) / 11 - 0.08 * (13.5 - 12) / 11,
        3000,
        "as flat_glass gas tranche 2",
    ),
]


def build_retrofit_measures() -> pd.DataFrame:
    """Efficiency tranches per sector and carrier (C14)."""
    rows = []
    for sector, carrier, tranche, share, cost, detail in RETROFITS:
        unit = "MWh/yr" if carrier == "electricity" else "tce/yr"
        rows.append(
            dict(
                measure=f"{sector}_{carrier}_t{tranche}", sector=sector, carrier=carrier, tranche=tranche,
                max_share=round(share, 4), cost_cny_per_unit_saved=float(cost), lifetime_years=15.0,
                source=f"max_share: {_transcribed(NDRC_1609)} and shares of capacity below the baseline from "
                f"{NDRC_2022_200}; cost and 15-year lifetime: assumption (simple payback of 2-4 years at 2020 "
                f"energy prices, tranche 2 dearer); unit saved {unit}",
                source_detail=f"tranche {tranche}: {'today to baseline (基准)' if tranche == 1 else 'baseline to benchmark (标杆)'}; "
                f"{detail}; fleet averages are assumptions",
            )
        )  # fmt: skip
    return _frame(rows)


# ---------------------------------------------------------------------------------------------
# targets, supply security, circular resources, carbon border, carbon prices
# ---------------------------------------------------------------------------------------------

XI_UNGA = "Xi Jinping, statement at the general debate of the 75th UN General Assembly, 22 Sep 2020"
NDC_2021 = "China's Achievements, New Goals and New Measures for Nationally Determined Contributions (UNFCCC, 28 Oct 2021)"
FYP14 = "Outline of the 14th Five-Year Plan (2021-2025) for National Economic and Social Development, March 2021"


def build_targets() -> pd.DataFrame:
    """National targets with their documents; 2060 residual emissions as a stated assumption."""
    data = [
        (
            "national",
            "China",
            2030,
            "co2_peak_year",
            2030,
            "year",
            XI_UNGA,
            "peak CO2 emissions before 2030",
        ),
        (
            "national",
            "China",
            2060,
            "carbon_neutrality_year",
            2060,
            "year",
            XI_UNGA,
            "carbon neutrality before 2060",
        ),
        (
            "national",
            "China",
            2030,
            "co2_intensity_reduction_vs_2005",
            0.65,
            "share",
            NDC_2021,
            "CO2 per unit GDP down by over 65 % from 2005",
        ),
        (
            "national",
            "China",
            2030,
            "non_fossil_share_primary_energy",
            0.25,
            "share",
            NDC_2021,
            "around 25 %",
        ),
        (
            "national",
            "China",
            2030,
            "wind_solar_capacity_min",
            1200.0,
            "GW",
            NDC_2021,
            "over 1,200 GW",
        ),
        (
            "national",
            "China",
            2025,
            "co2_intensity_reduction_vs_2020",
            0.18,
            "share",
            FYP14,
            "binding target, 2021-2025",
        ),
        (
            "national",
            "China",
            2025,
            "energy_intensity_reduction_vs_2020",
            0.135,
            "share",
            FYP14,
            "binding target, 2021-2025",
        ),
        (
            "national",
            "China",
            2060,
            "residual_emissions_balanced_by_sinks",
            1100.0,
            "MtCO2/yr",
            "assumption: residual CO2 in 2060 balanced by sinks equal to the net LULUCF sink reported for 2014 "
            "(about 1.1 GtCO2e, China's Second Biennial Update Report on Climate Change, 2018; transcribed, verify)",
            "no official residual-emission figure; sensitivity advised",
        ),
    ]
    return _frame(dict(scope=s, region=r, year=y, target=t, value=float(v), unit=u, source=src, source_detail=d)
                  for s, r, y, t, v, u, src, d in data)  # fmt: skip


def build_supply_security() -> pd.DataFrame:
    """C20: domestic output floors (neutral 1.0) and an industry VA share floor."""
    rows = []
    for s in DEMAND_PATH:
        for y in PERIODS:
            rows.append(dict(sector=s, year=y, domestic_output_floor_share=1.0, industry_va_share_floor=np.nan,
                             source="assumption: neutral floor (domestic output at least national demand D, which "
                             "already includes net exports)", source_detail=""))  # fmt: skip
    floor = {2025: 0.28, 2030: 0.27, 2035: 0.26}
    for y in PERIODS:
        v = floor.get(y, 0.25)
        rows.append(dict(sector="all_industry", year=y, domestic_output_floor_share=np.nan, industry_va_share_floor=v,
                         source=f"assumption: {FYP14} asks to keep manufacturing's share 'basically stable'; industry "
                         f"was {NAT_INDUSTRY_2020_100M / NAT_GDP_2020_100M:.1%} of GDP in 2020 ({NBS_COMMUNIQUE_2020}); "
                         "floor eased slowly", source_detail=""))  # fmt: skip
    return _frame(rows)


CIRCULAR_PLAN = "NDRC, 十四五循环经济发展规划 (发改环资〔2021〕969号)"


def build_circular_resources(production: pd.DataFrame) -> pd.DataFrame:
    """C21: national scrap and recycled aluminium; provincial steel slag for waste raw meal."""
    rows = []
    scrap = dict(zip(PERIODS, (320, 360, 400, 430, 460, 480, 500, 510), strict=True))
    ral = dict(zip(PERIODS, (11.5, 14, 17, 20, 22, 24, 26, 28), strict=True))
    for y in PERIODS:
        rows.append(dict(resource="steel_scrap", region="China", year=y, available_mt=float(scrap[y]),
                         source=(f"{CIRCULAR_PLAN}: scrap steel utilisation 320 Mt by 2025 (transcribed, verify)" if y == 2025
                                 else "assumption: growing obsolete scrap as the steel stock ages (2025 plan value, then "
                                 "+8 %..+2 % per 5 years)"), source_detail=""))  # fmt: skip
        rows.append(dict(resource="recycled_aluminium", region="China", year=y, available_mt=float(ral[y]),
                         source=(f"{CIRCULAR_PLAN}: recycled aluminium output 11.5 Mt by 2025 (transcribed, verify)" if y == 2025
                                 else "assumption: recycled aluminium grows with end-of-life scrap after the 2025 plan value"),
                         source_detail=""))  # fmt: skip
    st = production[production["sector"] == "steel"].set_index("region")["output_mt"]
    base = st.sum()
    for r in PROVINCES:
        for y, d in zip(PERIODS, DEMAND_PATH["steel"], strict=True):
            rows.append(dict(resource="solid_waste", region=r, year=y, available_mt=0.12 * st[r] * d / base,
                             source="assumption: steel slag about 0.12 t per t crude steel, 2020 provincial output scaled "
                             "with national steel demand; carbide slag not included",
                             source_detail=f"2020 crude steel {st[r]:.2f} Mt"))  # fmt: skip
    return _frame(rows)


CBAM_FREE = {2025: 1.0, 2030: 0.515}  # 2035+: 0
EU_ETS_EUR = {2025: 80, 2030: 100, 2035: 120, 2040: 140, 2045: 150, 2050: 160, 2055: 170, 2060: 180}
EXPORT_SHARE = {
    "steel": (
        0.05,
        "steel products exports 2020 about 54 Mt (General Administration of Customs; transcribed, verify) "
        "/ crude steel 1,065 Mt; all exports, an upper bound on EU (CBAM) exposure",
    ),
    "aluminium": (
        0.11,
        "unwrought aluminium and products exports 2020 about 4.9 Mt (GACC; transcribed, verify) / "
        "primary + recycled output ~44 Mt; upper bound on EU exposure",
    ),
    "cement": (0.001, "cement and clinker exports are negligible (< 0.1 % of output)"),
    "flat_glass": (
        0.05,
        "flat glass exports small; not covered by CBAM (assumption: share kept for reporting)",
    ),
}


def build_carbon_border() -> pd.DataFrame:
    """C23 export exposure, CBAM free-allocation phase-out and an EU ETS price path."""
    rows = []
    for s, (share, basis) in EXPORT_SHARE.items():
        covered = s != "flat_glass"
        for y in PERIODS:
            fa = CBAM_FREE.get(y, 0.0) if covered else 1.0
            rows.append(
                dict(
                    sector=s, year=y, export_share=share, free_allocation_share=fa,
                    cbam_price_cny_per_t=EU_ETS_EUR[y] * CNY_PER_EUR_2020 if covered else 0.0,
                    source=f"export_share: assumption, {basis}; free_allocation_share: Regulation (EU) 2023/956 "
                    "(CBAM) Art. 31 with Directive 2003/87/EC Art. 10a(1a) as amended by Directive (EU) 2023/959 "
                    "(free allocation factor 2026 97.5 %, 2030 51.5 %, 2034 0 %; 2025 before CBAM payment: 100 %); "
                    "price: assumption EU ETS path in EUR/t x 2020 exchange rate",
                    source_detail=f"EU ETS price assumption {EU_ETS_EUR[y]} EUR/tCO2 ({FX_SOURCE})"
                    + ("" if covered else "; flat glass is not a CBAM good"),
                )
            )  # fmt: skip
    return _frame(rows)


def build_carbon_prices(sh: Shared) -> pd.DataFrame:
    """Carbon price paths (CNY/tCO2) of the steel decarbonisation model, three scenarios."""
    cp = sh.read("from-open-models/carbon_price_scenarios.csv")
    return pd.DataFrame(
        dict(scenario=cp["scenario"], year=cp["Year"], carbon_price_cny_per_t=cp["carbon_price_cny_per_t"].astype(float),
             source=cp["source"], source_detail="scenario paths of that study; not an official forecast")
    )  # fmt: skip


# ---------------------------------------------------------------------------------------------
# checks
# ---------------------------------------------------------------------------------------------


def consistency_report(t: dict[str, pd.DataFrame]) -> list[str]:
    """National sums against independent totals and base-year feasibility checks."""
    lines = []

    def line(text: str) -> None:
        lines.append(text)

    def cmp(label: str, ours: float, ref: float, ref_label: str) -> None:
        line(
            f"{label:<46} {ours:>10.1f}   reference {ref:>9.1f}  ({ref_label}; {100 * (ours / ref - 1):+.1f} %)"
        )

    ed = t["electricity_demand"]
    cmp(
        "electricity demand 2020, TWh",
        ed[ed.year == 2020].demand_twh.sum(),
        7511,
        "NBS/CEC 7,511 TWh",
    )
    prod = t["industry_production"].groupby("sector").output_mt.sum()
    cmp("crude steel 2020, Mt", prod["steel"], 1065, "NBS national 1,065 Mt")
    cmp("clinker 2020, Mt", prod["cement"], 1579, "NBS clinker 1,579 Mt (cement 2,377 Mt)")
    cmp("primary aluminium 2020, Mt", prod["aluminium"], 37.08, "NBS 37.08 Mt")
    cmp(
        "flat glass 2020, Mt",
        prod["flat_glass"],
        946 * 0.05,
        "946 M weight cases summed over provinces",
    )
    em = t["emissions_inventory"]
    em30 = em[em.region != "Tibet"].groupby("sector").emissions_mtco2.sum()
    cmp("CEADs 2019 total (30 prov.), MtCO2", em30["total"], 10864, "shared README")
    cmp("CEADs 2019 power_heat, MtCO2", em30["power_heat"], 5626, "shared README")
    cmp("CEADs 2019 steel, MtCO2", em30["steel"], 1598, "shared README")
    cmp(
        "CEADs 2019 cement + flat_glass, MtCO2",
        em30["cement"] + em30["flat_glass"],
        949,
        "non-metal minerals",
    )
    cmp("CEADs 2019 aluminium (non-ferrous), MtCO2", em30["aluminium"], 146, "shared README")
    line(
        f"Tibet total (assumption), MtCO2: {em[(em.region == 'Tibet') & (em.sector == 'total')].emissions_mtco2.sum():.2f}"
    )
    pc = t["power_capacity"].groupby("technology").capacity_gw.sum()
    cmp(
        "coal (thermal - gas) capacity 2020, GW",
        pc["coal"],
        1245.18 - 75.156,
        "CEC thermal 1,245 - gas 75",
    )
    cmp(
        "hydro (excl. pumped storage) 2020, GW",
        pc["hydro"],
        368.05 - 36.39,
        "CEC hydro 368 - PHS 36",
    )
    cmp("nuclear 2020, GW", pc["nuclear"], 49.9, "national ~49.9 GW (from-open-models README)")
    cmp("wind 2020, GW", pc["onshore_wind"] + pc["offshore_wind"], 281.6, "CEC 281.6 GW")
    cmp("solar 2020, GW", pc["solar_pv"], 253.5, "CEC 253.5 GW")
    pg = t["power_generation"].groupby("technology").generation_twh.sum()
    line("generation 2020 by technology, TWh: " + ", ".join(f"{k} {v:.0f}" for k, v in pg.items()))
    cmp(
        "generation 2020 total, TWh",
        pg.sum(),
        7511,
        "consumption 7,511 TWh (generation ~7,779 incl. losses)",
    )
    cf = t["power_capacity_factors"].set_index(["region", "technology"]).capacity_factor
    capi = t["power_capacity"].set_index(["region", "technology"]).capacity_gw
    gen = t["power_generation"].set_index(["region", "technology"]).generation_twh
    for tech in ("hydro", "nuclear", "onshore_wind", "solar_pv", "coal"):
        ix = [i for i in capi.index if i[1] == tech]
        pot = (capi[ix] * cf[ix] * 8.76).sum()
        line(
            f"  {tech:<13} capacity x cf x 8.76 = {pot:8.0f} TWh vs generation {gen[ix].sum():8.0f} TWh"
        )
    # feasibility
    ic = t["industry_capacity"].groupby(["region", "sector"]).capacity_mt.sum()
    ip = t["industry_production"].set_index(["region", "sector"]).output_mt
    bad = (ic.reindex(ip.index) + 1e-9 < ip).sum()
    line(f"regions/sectors with capacity < 2020 output: {bad}")
    techs = t["industry_technologies"]
    back = techs[(techs.parameter == "is_backward") & (techs.value == 1)][["sector", "technology"]]
    capk = t["industry_capacity"].merge(back, how="left", indicator=True)
    nonback = capk[capk["_merge"] == "left_only"].groupby("sector").capacity_mt.sum()
    d25 = t["industry_demand"][t["industry_demand"].year == 2025].set_index("sector").demand_mt
    sec = t["industry_sectors"].pivot_table(index="sector", columns="parameter", values="value")
    for s in d25.index:
        avail = nonback[s] * sec.loc[s, "max_utilisation"]
        line(
            f"{s:<11} 2025 demand {d25[s]:7.1f} Mt <= non-backward capacity x u_max {avail:7.1f}: {d25[s] <= avail}"
        )
    rp = t["renewable_potential"].set_index(["region", "technology"]).potential_gw
    common = capi.index.intersection(rp.index)
    line(
        f"renewable potential below base capacity: {(rp[common] + 1e-9 < capi[common]).sum()} rows"
    )
    return lines


# ---------------------------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------------------------


def build_all(shared: Path) -> dict[str, pd.DataFrame]:
    """Build every table from the shared extracts."""
    sh = Shared(shared)
    t: dict[str, pd.DataFrame] = {}
    t["fuels"] = build_fuels(sh)
    t["power_technologies"] = build_power_technologies(sh)
    t["industry_technologies"] = build_industry_technologies(sh)  # fills steel parameters first
    t["economy"] = build_economy(sh)
    t["emissions_inventory"] = build_emissions(sh, t["economy"])
    t["electricity_demand"] = build_electricity_demand(sh)
    t["power_capacity"] = build_power_capacity(sh)
    t["power_generation"] = build_power_generation(sh, t["power_capacity"])
    t["power_capacity_factors"] = build_capacity_factors(
        sh, t["power_capacity"], t["power_generation"]
    )
    t["renewable_potential"] = build_renewable_potential(sh, t["power_capacity"])
    t["power_build_limits"] = build_power_build_limits(sh)
    t["transmission_corridors"] = build_transmission(sh)
    t["industry_sectors"] = build_industry_sectors()
    t["industry_production"], t["industry_capacity"] = _industry_base(sh)
    t["industry_demand"] = build_industry_demand()
    t["replacement_ratios"] = build_replacement_ratios()
    t["retrofit_measures"] = build_retrofit_measures()
    t["targets"] = build_targets()
    t["supply_security"] = build_supply_security()
    t["circular_resources"] = build_circular_resources(t["industry_production"])
    t["carbon_border"] = build_carbon_border()
    t["carbon_prices"] = build_carbon_prices(sh)
    for name, df in t.items():
        if (
            "source" not in df
            or df["source"].isna().any()
            or (df["source"].astype(str).str.strip() == "").any()
        ):
            raise ValueError(f"{name}: every row needs a source")
    return t


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    here = Path(__file__).resolve().parents[1] / "data"
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--shared",
        type=Path,
        required=True,
        help="folder of the shared extracts (../shared/data beside the repository)",
    )
    ap.add_argument("--out", type=Path, default=here, help="output folder (default: inputs/data)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    tables = build_all(args.shared)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, df in tables.items():
        df.to_csv(args.out / f"{name}.csv", index=False, float_format="%.6g")
        logger.info("wrote %s.csv (%d rows)", name, len(df))
    for text in consistency_report(tables):
        print(text)


if __name__ == "__main__":
    main()
