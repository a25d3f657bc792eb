"""Power tables from the shared extracts: electricity demand, fuels and power technologies."""

from __future__ import annotations

import pandas as pd
from common import (
    BASE_YEAR,
    CNY_PER_EUR_2020,
    FX_SOURCE,
    GJ_PER_TCE,
    IPCC_EF_DETAIL,
    IPCC_EF_SOURCE,
    MWH_TH_PER_TCE,
    PERIODS,
    PIK,
    PROVINCES,
    Shared,
    frame,
    fuel_ef,
    pik_cost,
    series,
    transcribed,
)
from power_costs import CAPACITY_CREDIT, capex_cny_2020, fleet_ages

# electricity demand
# ---------------------------------------------------------------------------------------------


DEMAND_OBSERVED_YEARS: tuple[int, ...] = (BASE_YEAR, 2021, 2022, 2023)
DEMAND_REBASE_YEAR = DEMAND_OBSERVED_YEARS[-1]


def build_electricity_demand(sh: Shared) -> pd.DataFrame:
    """Observed consumption 2020-2023; 2025-2060 = PyPSA-China growth from 2023 applied to 2023.

    The projection publishes 2020 and 2025; its 2023 value is interpolated geometrically between
    them (constant growth rate over 2020-2025), and every later year is the observed 2023
    consumption times the projection's growth from that interpolated 2023 value.
    """
    d = sh.read("province_power_demand.csv")
    # the sum of 12 monthly values (the 2020 basis) stops at 2022; 2023 is the December
    # year-to-date value of the same statistic, which agrees with the monthly sums within 0.1 %
    # nationally in 2015-2022
    allcons = d[d["variable"] == "electricity_consumption"]
    monthly = allcons["source"].str.contains("Electricity_Consumption_by_province")
    cons = pd.concat(
        [allcons[monthly], allcons[~monthly & ~allcons["year"].isin(allcons[monthly]["year"])]]
    )
    pik = d[d["variable"].isin(["electricity_demand", "electricity_demand_projection"])]
    pik = pik.pivot_table(index="province", columns="year", values="value")
    first = PERIODS[0]
    share = (DEMAND_REBASE_YEAR - BASE_YEAR) / (first - BASE_YEAR)
    pik_rebase = pik[BASE_YEAR] * (pik[first] / pik[BASE_YEAR]) ** share
    rows = []
    for y in DEMAND_OBSERVED_YEARS:
        obs = series(cons, year=y)
        for r in PROVINCES:
            o = obs.loc[r]
            rows.append(
                dict(
                    region=r, year=y, demand_twh=o["value"],
                    source="China Electricity Council / NBS monthly whole-society electricity consumption "
                    f"(Wind export) via {o['source']}",
                    source_detail=o["source_detail"],
                )
            )  # fmt: skip
    base = series(cons, year=DEMAND_REBASE_YEAR)["value"]
    for r in PROVINCES:
        for y in PERIODS:
            growth = pik.loc[r, y] / pik_rebase[r]
            rows.append(
                dict(
                    region=r, year=y, demand_twh=base[r] * growth,
                    source="PyPSA-China projection (Rick10119/PyPSA-China@caf1d59a2e:data/load/"
                    "Province_Load_2020_2060.csv, same figures as pik-piam/PyPSA-China-PIK), growth "
                    f"factor from {DEMAND_REBASE_YEAR} applied to the observed {DEMAND_REBASE_YEAR} consumption",
                    source_detail=f"source {y}: {pik.loc[r, y]:.2f} TWh; source {DEMAND_REBASE_YEAR}: "
                    f"{pik_rebase[r]:.2f} TWh (geometric interpolation of 2020 {pik.loc[r, BASE_YEAR]:.2f} and "
                    f"{first} {pik.loc[r, first]:.2f}); factor {growth:.4f}; observed {DEMAND_REBASE_YEAR} "
                    f"{base[r]:.2f} TWh",
                )
            )  # fmt: skip
    return frame(rows)


# ---------------------------------------------------------------------------------------------
# fuels and power technologies
# ---------------------------------------------------------------------------------------------


def build_fuels(sh: Shared) -> pd.DataFrame:
    """Fuel CO2 factors (IPCC defaults) and prices (PyPSA-China-PIK 2020 fuel costs)."""
    costs = sh.read("from-open-models/tech_power_costs.csv")
    rows = []
    for fuel in ("coal", "oil", "gas"):
        eur_mwh, unit = pik_cost(costs, fuel, "fuel")
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
    return frame(rows)


# value, source, detail (filled in build_power_technologies for the PIK-derived ones)
POWER_PARAMS: dict[str, dict[str, tuple[float, str, str]]] = {
    "coal": {
        "heat_rate_tce_per_mwh": (
            0.3055,
            "China Electricity Council, 中国电力行业年度发展报告2021: 2020 national average coal consumption "
            "of thermal power supply 305.5 gce/kWh",
            transcribed("CEC annual development report 2021", "fleet average of all thermal units"),
        ),
    },
}
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
    """Cost, efficiency and emission parameters per power technology, CNY at 2020 prices."""
    costs = sh.read("from-open-models/tech_power_costs.csv")
    ages = _fleet_age(sh)
    cited_ages = fleet_ages()
    rows = []

    def add(tech: str, param: str, value: float, source: str, detail: str = "") -> None:
        rows.append(
            dict(technology=tech, parameter=param, value=value, source=source, source_detail=detail)
        )

    for tech, pik in PIK_TECH.items():
        inv, unit = pik_cost(costs, pik, "investment")
        capex, capex_detail = capex_cny_2020(pik, inv, unit)
        add(tech, "capex_cny_per_kw", capex, f"{PIK} ({pik}, investment), at 2020 prices by the euro-area "
            "HICP, ECB 2020 exchange rate", capex_detail)  # fmt: skip
        fom_pct, _ = pik_cost(costs, pik, "FOM")
        add(
            tech,
            "fom_cny_per_kw_yr",
            capex * fom_pct / 100.0,
            f"{PIK} ({pik}, FOM)",
            f"{fom_pct} %/yr of capex",
        )
        try:
            vom, vunit = pik_cost(costs, pik, "VOM")
            if tech == "nuclear":
                # nuclear fuel is not a fossil fuel of the fuels table: its cost goes into VOM
                fuel_th, funit = pik_cost(costs, "nuclear", "fuel")
                eff, _ = pik_cost(costs, "nuclear", "efficiency")
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
        life, _ = pik_cost(costs, pik, "lifetime")
        add(tech, "lifetime_years", life, f"{PIK} ({pik}, lifetime)")
        if tech == "coal":
            hr, s, d = POWER_PARAMS["coal"]["heat_rate_tce_per_mwh"]
            eff, _ = pik_cost(costs, "coal", "efficiency")
            add(tech, "heat_rate_tce_per_mwh", hr, s, d + f"; PIK new-plant efficiency {eff:.3f} would give "
                f"{3.6 / eff / GJ_PER_TCE:.4f}")  # fmt: skip
            ef = hr * fuel_ef("coal")
        elif tech == "gas":
            eff, _ = pik_cost(costs, "CCGT", "efficiency")
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
            add(tech, "fleet_age_years", *cited_ages[tech])
        add(tech, "capacity_credit", *CAPACITY_CREDIT[tech])
        is_re = tech in {"hydro", "solar_pv", "onshore_wind", "offshore_wind"}
        add(tech, "is_renewable", float(is_re), "definition: hydro, solar and wind are renewable")
    return frame(rows)


# ---------------------------------------------------------------------------------------------
