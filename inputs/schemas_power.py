"""Contracts of the power tables: demand, fuels, technologies, fleet, output, potentials, build
limits, transmission, and the optional power history (issue 11: C24 national build limits, C25
history; a user's dataset without them plans from the base year alone)."""

from __future__ import annotations

from dualcarbon.inputs.plausible import PCT_AS_SHARE
from dualcarbon.inputs.schemas_columns import (
    _AGE,
    _FLAG,
    _GW,
    _LIFETIME,
    _TWH,
    _VALUE,
    FUELS,
    ParameterSpec,
    TableSpec,
    _identifier,
    _number,
    _one_of,
    _region,
    _share,
    _table,
    _year,
)

POWER_PARAMETERS: dict[str, ParameterSpec] = {
    "capex_cny_per_kw": ParameterSpec(0, 100_000),
    "fom_cny_per_kw_yr": ParameterSpec(0, 5_000),
    "vom_cny_per_mwh": ParameterSpec(0, 2_000),
    # coal plants burn about 0.3 tce/MWh; 1 tce/MWh is far below any real plant's efficiency
    "heat_rate_tce_per_mwh": ParameterSpec(0, 1),
    "emission_factor_tco2_per_mwh": ParameterSpec(0, 2),
    "lifetime_years": _LIFETIME,
    "fleet_age_years": _AGE,
    "capacity_credit": ParameterSpec(0, 1),
    "is_renewable": _FLAG,
}

#: The contracts of the power tables, by name (the registry,
#: :data:`dualcarbon.inputs.schemas.TABLES`, orders them).
POWER_SPECS: dict[str, TableSpec] = {
    t.name: t
    for t in [
        _table(
            "electricity_demand",
            [
                _region(),
                _year(),
                _number(
                    "demand_twh",
                    "TWh/yr",
                    le=5_000,
                    basis="Guangdong used about 690 TWh in 2020; the shipped 2060 projection "
                    "peaks near 1,450 TWh",
                    usual=(0, 2_500),
                    **_TWH,
                ),
            ],
            ("region", "year"),
        ),
        _table(
            "fuels",
            [
                _one_of("fuel", FUELS),
                _number(
                    "emission_factor_tco2_per_tce",
                    "tCO2/tce",
                    le=4,
                    basis="coal is about 2.66, gas about 1.64 tCO2/tce (IPCC 2006 defaults)",
                    usual=(1.0, 3.0),
                ),
                _number(
                    "price_cny_per_tce",
                    "CNY/tce",
                    le=20_000,
                    basis="coal costs about 500-1,500 and gas about 3,000 CNY/tce (fuels table)",
                    usual=(100, 8_000),
                ),
            ],
            ("fuel",),
        ),
        _table(
            "power_technologies",
            [
                _identifier("technology", "solar_pv"),
                _one_of("parameter", tuple(POWER_PARAMETERS)),
                _VALUE,
            ],
            ("technology", "parameter"),
            POWER_PARAMETERS,
        ),
        _table(
            "power_capacity",
            [
                _region(),
                _identifier("technology", "solar_pv"),
                _number(
                    "capacity_gw",
                    "GW",
                    le=2_000,
                    basis="the largest provincial fleet of one technology is about 110 GW "
                    "(Inner Mongolia coal, CEC 2020); China's whole fleet is about 2,200 GW",
                    usual=(0, 500),
                    **_GW,
                ),
            ],
            ("region", "technology"),
        ),
        _table(
            "power_generation",
            [
                _region(),
                _identifier("technology", "solar_pv"),
                _year(),
                _number(
                    "generation_twh",
                    "TWh/yr",
                    le=5_000,
                    basis="the largest provincial output of one technology is about 510 TWh "
                    "(2020); China generated about 7,600 TWh in all",
                    usual=(0, 1_500),
                    **_TWH,
                ),
            ],
            ("region", "technology", "year"),
        ),
        _table(
            "power_capacity_factors",
            [_region(), _identifier("technology", "solar_pv"), _share("capacity_factor")],
            ("region", "technology"),
        ),
        _table(
            "renewable_potential",
            [
                _region(),
                _identifier("technology", "solar_pv"),
                _number(
                    "potential_gw",
                    "GW",
                    le=50_000,
                    basis="He & Kammen potentials reach about 1,400 GW in one province",
                    usual=(0, 10_000),
                    **_GW,
                ),
            ],
            ("region", "technology"),
        ),
        _table(
            "power_build_limits",
            [
                _region(),
                _identifier("technology", "solar_pv"),
                _number(
                    "max_build_gw_per_yr",
                    "GW/yr",
                    le=500,
                    basis="China as a whole added about 300 GW of solar and wind in 2023; the "
                    "largest shipped provincial limit is about 48 GW/yr",
                    usual=(0, 150),
                    **_GW,
                ),
            ],
            ("region", "technology"),
        ),
        _table(
            "transmission_corridors",
            [
                _region("from_region"),
                _region("to_region"),
                _number(
                    "capacity_gw",
                    "GW",
                    le=500,
                    basis="a UHV line carries 8-12 GW; the largest shipped corridor about 42 GW",
                    usual=(0, 150),
                    **_GW,
                ),
                _share("loss_share"),
                _share("max_utilisation"),
                _number(
                    "capex_cny_per_kw",
                    "CNY/kW",
                    le=50_000,
                    basis="shipped corridors cost about 200-6,300 CNY/kW",
                    usual=(0, 15_000),
                ),
            ],
            ("from_region", "to_region"),
        ),
        _table(
            "power_capacity_history",
            [
                _region(national=True),
                _identifier("technology", "solar_pv"),
                _year(),
                _number(
                    "capacity_gw",
                    "GW",
                    le=5_000,
                    basis="a provincial fleet of one technology is a few hundred GW at most; "
                    "national rows (region China) reach about 1,200 GW of solar in 2025",
                    usual=(0, 1_500),
                    **_GW,
                ),
            ],
            ("region", "technology", "year"),
            required=False,
        ),
        _table(
            "power_national_build_limits",
            [
                _identifier("technology", "nuclear"),
                _number(
                    "max_build_gw_per_yr",
                    "GW/yr",
                    le=1_000,
                    basis="China added about 300 GW of solar and wind in 2023 and builds "
                    "about 10 GW/yr of nuclear",
                    usual=(0, 400),
                    **_GW,
                ),
            ],
            ("technology",),
            required=False,
        ),
        _table(
            "power_generation_inertia",
            [
                _identifier("technology", "gas"),
                _year("observed_year"),
                _number(
                    "observed_generation_twh",
                    "TWh/yr",
                    le=20_000,
                    basis="China generated about 10,000 TWh in 2024, coal about 5,900 TWh of it",
                    usual=(0, 8_000),
                    **_TWH,
                ),
                _number(
                    "max_decline_pct_per_yr",
                    "%/yr",
                    le=100,
                    basis="100 %/yr means no floor",
                    slips=(PCT_AS_SHARE,),
                ),
            ],
            ("technology",),
            required=False,
        ),
    ]
}
