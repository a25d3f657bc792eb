"""National statistics 2019-2025 (issue 11 item 7): the observed figures a plan's first periods
are compared with (``national_statistics``).

Figures read in a fetched public repository are named ``owner/repo@commit:path``; figures read on
a public web page found by search name the page; figures recalled from a document that could not
be opened here say ``transcribed, verify against the original``; derived figures state their
arithmetic in ``source_detail``.
"""

from __future__ import annotations

import pandas as pd
from common import frame
from industry_history import (
    EAF_CAVEAT,
    EAF_SHARE,
    EAF_SRC,
    PRIMARY_AL_MT,
    PRIMARY_AL_SRC,
    RECYCLED_AL_MT,
    RECYCLED_AL_SRC,
)
from power_generation_inertia import CEC_FILE, SERIES, derived_generation_twh
from power_sources import CEC_NATIONAL_GW, NEA_2025_CAPACITY, NEA_2025_GW
from validation_sources import (
    CEADS_NATIONAL,
    CREA_CO2,
    CREA_CO2_DETAIL,
    CREA_MT,
    CREA_WIND,
    EI2023,
    GCB2022,
    GCB_CHINA_MT,
)

# ---------------------------------------------------------------------------------------------
# National statistics 2019-2025 (issue 11 item 7)
# ---------------------------------------------------------------------------------------------

NEA_2025_CONSUMPTION = (
    "NEA, whole-society electricity consumption 2025 (released 17 Jan 2026): 103,682 100 GWh, as "
    "reported at m.footballcards.com.cn/nnews.asp?vid=46691 and etnet.com.hk (read)"
)
NEA_2025_WIND_SOLAR_SHARE = (
    "NEA 2025 power statistics (Jan 2026): wind and solar 'jointly contributed 22 per cent to the "
    "nation's total sum of electricity output', as reported by alcircle.com ('China's power goal 26: "
    "solar and wind energy smash records with 22% surge', read)"
)
NBS_2025_STEEL = "NBS industrial output Dec 2025 (19 Jan 2026), as reported by SteelOrbis (read)"
NBS_2025_AL = "NBS industrial output 2025 (19 Jan 2026), as reported by Bloomberg via theedgesingapore.com (read)"


def _wind(file: str, series_id: str, label: str) -> str:
    return f"{label}, Wind series {series_id}, via {CREA_WIND.format(file=file)}"


def national_statistics_rows(inv: pd.DataFrame) -> list[dict]:
    """Every statistic with its source; values as read (unit conversions stated)."""
    rows: list[dict] = []

    def add(ind, unit, values, source, detail):
        for y, v in values.items():
            rows.append(dict(indicator=ind, year=y, value=round(float(v), 4), unit=unit, source=source,
                             source_detail=detail))  # fmt: skip

    ceads30 = inv[(inv["sector"] == "total") & (inv["region"] != "Tibet")]["emissions_mtco2"].sum()
    ceads_nat = 9794.756
    add(
        "co2_total_mt",
        "MtCO2",
        {y: v for y, v in GCB_CHINA_MT.items()},
        GCB2022,
        "territorial fossil CO2 incl. cement, MtC x 3.664; 2019: the CEADs provincial sum the model uses "
        f"({ceads30:,.1f} Mt, 30 provinces) is {ceads30 / GCB_CHINA_MT[2019] - 1:+.1%} against this",
    )
    add(
        "co2_total_ceads_national_mt",
        "MtCO2",
        {2019: ceads_nat},
        CEADS_NATIONAL,
        "sheet 'sum', 'Scope 1 Total' (energy 9,113.5 + process 681.3); the CEADs provincial sum "
        f"({ceads30:,.1f} Mt, 30 provinces, apparent consumption of provincial energy balances) is "
        f"{ceads30 / ceads_nat - 1:+.1%} above it",
    )
    add(
        "co2_total_ceads_provincial_sum_mt",
        "MtCO2",
        {2019: ceads30},
        "CEADs provincial inventories 2019, sum of the 30 provinces (emissions_inventory.csv, Tibet excluded)",
        f"against CEADs national {ceads30 / ceads_nat - 1:+.1%}, GCB 2022 {ceads30 / GCB_CHINA_MT[2019] - 1:+.1%}, "
        f"CREA {ceads30 / CREA_MT['total'][2019] - 1:+.1%}",
    )
    add("co2_total_crea_mt", "MtCO2", CREA_MT["total"], CREA_CO2, CREA_CO2_DETAIL)
    add(
        "co2_energy_ei_mt",
        "MtCO2",
        {2019: 9933.69, 2020: 10130.87, 2021: 10563.47, 2022: 10550.25},
        EI2023,
        "sheet 'CO2 Emissions from Energy' (energy only, no cement process CO2)",
    )
    add(
        "coal_generation_twh",
        "TWh",
        {2019: 4855.19, 2020: 4921.96, 2021: 5328.83, 2022: 5397.80},
        EI2023,
        "sheet 'Elec Gen from Coal' (gross generation, all plants)",
    )
    # CEC coal capacity (year end) and coal utilisation hours -> mean capacity x hours
    cap = {
        2018: 1008.35,
        2019: 1040.63,
        2020: 1079.92,
        2021: 1109.01,
        2022: 1124.27,
        2023: 1164.93,
        2024: 1194.98,
    }
    hrs = {2019: 4429, 2020: 4340, 2021: 4586, 2022: 4594, 2023: 4685, 2024: 4627.63}
    add(
        "coal_generation_cec_derived_twh",
        "TWh",
        {y: (cap[y - 1] + cap[y]) / 2 * hrs[y] / 1000 for y in hrs},
        _wind(
            "generation-consumption-utilization-capacity",
            "S5151688, S5151693",
            "CEC coal-fired capacity (10 MW) and coal utilisation hours (plants >= 6 MW)",
        ),
        "derived: mean of year-start and year-end coal capacity x utilisation hours; plants >= 6 MW only, "
        "hence about 5 % below all-plant series such as EI",
    )
    add(
        "thermal_generation_twh",
        "TWh",
        {2019: 5165.43, 2020: 5279.87, 2021: 5770.27, 2022: 5853.13, 2023: 6231.80, 2024: 6343.77},
        _wind(
            "power_generation_by_type",
            "S0027018",
            "NBS output of thermal power, enterprises above designated size",
        ),
        "December year-to-date, 100 GWh / 10 = TWh",
    )
    # thermal and gas on the CEC basis of the model's power fleet (coal = CEC thermal − gas)
    for category in ("thermal", "gas"):
        capacity_id, hours_id = SERIES[category]
        add(
            f"{category}_generation_cec_derived_twh",
            "TWh",
            {y: v for y, v in derived_generation_twh(category).items() if y >= 2019},
            f"{CEC_FILE}, CEC national series (Wind export), December year-to-date: capacity "
            f"{capacity_id}, utilisation hours {hours_id} (read)",
            "derived: mean of year-start and year-end capacity x utilisation hours (CEC's definition "
            "of hours, transcribed); plants >= 6 MW",
        )
    nuclear, wind, solar = (CEC_NATIONAL_GW[k] for k in ("nuclear", "wind", "solar"))
    cec = _wind(
        "Power_Capacity",
        "S5151660 nuclear, S5151661 wind, S5150404 solar",
        "CEC installed capacity, plants >= 6 MW, year end",
    )
    detail = "10 MW / 100 = GW; 2025 from the NEA release"
    nea25 = NEA_2025_GW
    add("nuclear_gw", "GW", nuclear, cec, detail)
    add("wind_gw", "GW", wind, cec, detail)
    add("solar_gw", "GW", solar, cec, detail)
    add(
        "wind_solar_gw",
        "GW",
        {y: wind[y] + solar[y] for y in wind},
        cec,
        "sum of the wind and solar rows",
    )
    add("nuclear_gw", "GW", {2025: nea25["nuclear"]}, NEA_2025_CAPACITY, "6,248 x 10 MW")
    add("wind_gw", "GW", {2025: nea25["wind"]}, NEA_2025_CAPACITY, "64,001 x 10 MW")
    add("solar_gw", "GW", {2025: nea25["solar"]}, NEA_2025_CAPACITY, "120,173 x 10 MW")
    add(
        "wind_solar_gw",
        "GW",
        {2025: nea25["wind"] + nea25["solar"]},
        NEA_2025_CAPACITY,
        "sum of wind and solar",
    )
    add(
        "wind_solar_share_generation",
        "share",
        {2025: 0.22},
        NEA_2025_WIND_SOLAR_SHARE,
        "share of total generation, rounded to the per cent in the report",
    )
    add(
        "crude_steel_mt",
        "Mt",
        {2019: 996.34, 2020: 1064.77, 2021: 1032.79, 2022: 1013.00, 2023: 1019.08, 2024: 1005.09},
        _wind("monthly_industry_stats", "S0027376", "NBS output of crude steel"),
        "December year-to-date, 10 kt / 100 = Mt",
    )
    add("crude_steel_mt", "Mt", {2025: 960.81}, NBS_2025_STEEL, "960.81 Mt, -4.4 % on 2024")
    # route shares and aluminium of the industry history curation, one source of truth
    for y, v in EAF_SHARE.items():
        add(
            "eaf_share",
            "share",
            {y: v},
            EAF_SRC[y],
            f"share of crude steel made in electric arc furnaces; {EAF_CAVEAT}",
        )
    for y, v in PRIMARY_AL_MT.items():
        add(
            "primary_aluminium_mt",
            "Mt",
            {y: v},
            PRIMARY_AL_SRC[y],
            "primary (electrolytic) aluminium output",
        )
    for y, v in RECYCLED_AL_MT.items():
        add(
            "recycled_aluminium_mt",
            "Mt",
            {y: v},
            RECYCLED_AL_SRC[y],
            "recycled (secondary) aluminium output",
        )
    add(
        "primary_aluminium_mt",
        "Mt",
        {2024: 44.0},
        "NBS, 2024 aluminium output, as reported by Bloomberg via energyconnects.com (read)",
        "reported as '44 million tons', +4.6 %; consistent with 2025's 45.02 Mt at +2.4 % (45.02 / 1.024 = "
        "43.96)",
    )
    add(
        "primary_aluminium_mt",
        "Mt",
        {2025: 45.02},
        NBS_2025_AL,
        "+2.4 % on 2024, at the 45 Mt capacity cap",
    )
    add(
        "cement_mt",
        "Mt",
        {2019: 2330.36, 2020: 2376.91, 2021: 2362.81, 2022: 2117.95, 2023: 2022.93, 2024: 1825.24},
        _wind("monthly_industry_stats", "S0027704", "NBS output of cement"),
        "December year-to-date, 10 kt / 100 = Mt",
    )
    add(
        "clinker_mt",
        "Mt",
        {2020: 1579.0},
        "NBS 2020 clinker output 15.79 亿吨; transcribed, verify against the original (as in industry_production)",
        "clinker for later years was not found in a readable source",
    )
    add(
        "flat_glass_mt",
        "Mt",
        {2019: 46.335, 2020: 47.286, 2021: 50.832, 2022: 50.639, 2023: 48.471, 2024: 50.021},
        _wind("monthly_industry_stats", "S0027712", "NBS output of flat (plain) glass"),
        "10,000 weight cases x 50 kg = Mt",
    )
    add(
        "electricity_consumption_twh",
        "TWh",
        {2019: 7285.2, 2020: 7511.0, 2021: 8312.8, 2022: 8637.2, 2023: 9224.1, 2024: 9852.1},
        _wind(
            "generation-consumption-utilization-capacity",
            "S0048389",
            "NEA/CEC whole-society electricity consumption",
        ),
        "December year-to-date, 100 GWh / 10 = TWh",
    )
    add(
        "electricity_consumption_twh",
        "TWh",
        {2025: 10368.2},
        NEA_2025_CONSUMPTION,
        "+5.0 % on 2024",
    )
    return rows


def build_national_statistics(inv: pd.DataFrame) -> pd.DataFrame:
    """National statistics and inventories 2019-2025 for validating the first periods."""
    return frame(national_statistics_rows(inv)).sort_values(
        ["indicator", "year"], ignore_index=True
    )


def with_interprovincial_exchange(
    stats: pd.DataFrame, generation: pd.DataFrame, demand: pd.DataFrame, year: int = 2023
) -> pd.DataFrame:
    """Add the net inter-provincial electricity exchange of ``year``, derived from the curated
    provincial generation and consumption: the sum over exporting provinces of generation minus
    consumption, TWh (a lower bound of the gross trade, which also counts flows that pass through
    or offset each other)."""
    gen = generation[generation["year"] == year].groupby("region")["generation_twh"].sum()
    use = demand[demand["year"] == year].set_index("region")["demand_twh"]
    net = (gen - use).dropna()
    exporters = net[net > 0].sort_values(ascending=False)
    row = dict(
        indicator="net_interprovincial_exports_twh", year=year, value=round(float(exporters.sum()), 1),
        unit="TWh",
        source=f"derived: sum over provinces of max(0, generation - consumption) in {year}, from "
        "power_generation (NBS thermal, hydro and nuclear above designated size; wind and solar from "
        "CEC capacity and utilisation hours; see that table) and electricity_demand (CEC whole-society "
        "consumption)",
        source_detail="largest net exporters: " + ", ".join(
            f"{r} {v:,.0f}" for r, v in exporters.head(5).items()
        ) + f"; generation {gen.sum():,.0f} TWh against consumption {use.sum():,.0f} TWh",
    )  # fmt: skip
    return pd.concat([stats, frame([row])], ignore_index=True).sort_values(
        ["indicator", "year"], ignore_index=True
    )
