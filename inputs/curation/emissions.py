"""Emissions inventory table: CEADs 2019 re-keyed to the model's sectors, Tibet as an assumption."""

from __future__ import annotations

import numpy as np
import pandas as pd
from common import (
    INVENTORY_YEAR,
    NAT_CLINKER_OUTPUT_2020_MT,
    T_PER_WEIGHT_CASE,
    Shared,
    frame,
    fuel_ef,
    series,
)
from industry_technologies import INDUSTRY_TECH
from power import POWER_PARAMS

# ---------------------------------------------------------------------------------------------
# emissions inventory (CEADs 2019)
# ---------------------------------------------------------------------------------------------

CEADS_MAP = {
    "Production and Supply of Electric Power, Steam and Hot Water": "power_heat",
    "Smelting and Pressing of Ferrous Metals": "steel",
    "Nonmetal Mineral Products": "nonmetal",
    "Smelting and Pressing of Nonferrous Metals": "aluminium",
}
# The inventory's non-industrial remainder, split so that each part can follow its own path
# (other_emissions_path.csv): transport, buildings (households and services) and the small
# agriculture + construction rest. Together they are what was booked as one "rest" before.
CEADS_NON_INDUSTRY = {
    "transport": ("Transportation, Storage, Post and Telecommunication Services",),
    "buildings": (
        "Urban",
        "Rural",
        "Wholesale, Retail Trade and Catering Services",
        "Others",
    ),
    "agriculture_construction": (
        "Farming, Forestry, Animal Husbandry, Fishery and Water Conservancy",
        "Construction",
    ),
}
CEADS_REST = {name for names in CEADS_NON_INDUSTRY.values() for name in names}
NON_INDUSTRY = tuple(CEADS_NON_INDUSTRY)
#: Inventory rows written per province, in this order (``total`` first).
INVENTORY_ROWS = (
    "total", "power_heat", "steel", "cement", "aluminium", "other_industry", *NON_INDUSTRY,
)  # fmt: skip
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
    total = series(em, variable="co2_total")["value"]
    out = pd.DataFrame(index=wide.index)
    for ceads, ours in CEADS_MAP.items():
        out[ours] = wide[ceads]
    for part, names in CEADS_NON_INDUSTRY.items():
        out[part] = wide[list(names)].sum(axis=1)
    out["other_industry"] = wide.drop(columns=list(CEADS_MAP) + sorted(CEADS_REST)).sum(axis=1)
    # Flat glass sits inside CEADs "Nonmetal Mineral Products": split it off with the output-based
    # estimate (NBS output x the float technology's direct intensity), never more than the sector.
    output = sh.read("province_industry_output.csv")
    glass_mt = series(output, year=INVENTORY_YEAR, variable="flat_glass_output")["value"]
    glass_mt = glass_mt.reindex(out.index).fillna(0.0) * T_PER_WEIGHT_CASE
    ef_glass = glass_emission_factor()
    out["flat_glass"] = np.minimum(glass_mt * ef_glass, out["nonmetal"])
    out["cement"] = out["nonmetal"] - out["flat_glass"]
    out["total"] = total
    check = out[
        [
            "power_heat",
            "steel",
            "cement",
            "flat_glass",
            "aluminium",
            "other_industry",
            *NON_INDUSTRY,
        ]
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
        "transport": "CEADs sector 'Transportation, Storage, Post and Telecommunication Services' (fuel "
        "of transport undertakings; following China's energy balances, road fuel used by households "
        "and by other sectors' own vehicles stays in those sectors)",
        "buildings": "sum of CEADs 'Urban' and 'Rural' (household final use), "
        "'Wholesale, Retail Trade and Catering Services' and 'Others' (public and other services)",
        "agriculture_construction": "sum of CEADs 'Farming, Forestry, Animal Husbandry, Fishery and Water "
        "Conservancy' and 'Construction'",
    }
    rows = []
    for r in out.index:
        for s in INVENTORY_ROWS:
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
    return frame(rows)


def _tibet_emissions(sh: Shared, ceads: pd.DataFrame, economy: pd.DataFrame) -> list[dict]:
    """Tibet is absent from CEADs: a transparent bottom-up/intensity estimate, all rows assumptions."""
    eco = sh.read("province_economy.csv")
    nbs = eco[eco["source"].str.startswith("pik-piam/PyPSA-China-PIK")]
    gdp19 = series(nbs, year=INVENTORY_YEAR, variable="gdp")["value"]  # 100 million CNY
    dem = sh.read("province_power_demand.csv")
    thermal = series(
        dem,
        year=INVENTORY_YEAR,
        variable="electricity_generation",
        technology="thermal (all fuels)",
    )
    out = sh.read("province_industry_output.csv")
    cement = series(out, year=INVENTORY_YEAR, variable="cement_output")["value"]
    coal_ef_mwh = POWER_PARAMS["coal"]["heat_rate_tce_per_mwh"][0] * fuel_ef("coal")
    clinker_ratio = NAT_CLINKER_OUTPUT_2020_MT / 2377.0
    p = INDUSTRY_TECH["cement"]["clinker_dry"]
    ei_clinker = p["coal_tce_per_t"][0] * fuel_ef("coal") + p["process_co2_t_per_t"][0]
    per_gdp = (
        ceads[["other_industry", *NON_INDUSTRY]].div(gdp19.reindex(ceads.index), axis=0).median()
    )
    t_thermal = thermal.loc["Tibet", "value"] if "Tibet" in thermal.index else 0.0
    vals = {
        "power_heat": t_thermal * coal_ef_mwh,
        "steel": 0.0,
        "cement": cement.loc["Tibet"] * clinker_ratio * ei_clinker,
        "flat_glass": 0.0,
        "aluminium": 0.0,
        "other_industry": gdp19.loc["Tibet"] * per_gdp["other_industry"],
        **{part: gdp19.loc["Tibet"] * per_gdp[part] for part in NON_INDUSTRY},
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
        **{
            part: f"assumption: Tibet 2019 GDP x median over the 30 CEADs provinces of {part} emissions per "
            f"GDP ({per_gdp[part] * 100:.4f} tCO2/10k CNY)"
            for part in NON_INDUSTRY
        },
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
