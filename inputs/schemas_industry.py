"""Contracts of the industry tables: technologies, sectors, capacity, output, demand,
replacement ratios, retrofits, the optional policy tables keyed by sector (supply security,
circular resources, carbon border) and the optional history and diffusion tables (issue 11 items
1-2: C25 route shares, C24 diffusion limits; without them the first period splits output by
capacity and growth is unbounded)."""

from __future__ import annotations

import pandera.pandas as pa

from dualcarbon.inputs.plausible import PCT_AS_SHARE
from dualcarbon.inputs.schemas_columns import (
    _AGE,
    _FLAG,
    _LIFETIME,
    _MT,
    _VALUE,
    _YEAR,
    CARRIERS,
    CIRCULAR_RESOURCES,
    REPLACEMENT_CASES,
    ColumnSpec,
    ParameterSpec,
    TableSpec,
    _identifier,
    _integral,
    _number,
    _one_of,
    _region,
    _share,
    _table,
    _year,
)

INDUSTRY_PARAMETERS: dict[str, ParameterSpec] = {
    "is_backward": _FLAG,
    "phase_out_year": _YEAR,
    "available_from_year": _YEAR,
    "lifetime_years": _LIFETIME,
    "fleet_age_years": _AGE,
    "capex_cny_per_t": ParameterSpec(0, 100_000),
    "fom_cny_per_t": ParameterSpec(0, 20_000),
    "stranded_cost_cny_per_t": ParameterSpec(0, 100_000),
    "coal_tce_per_t": ParameterSpec(0, 10),
    "oil_tce_per_t": ParameterSpec(0, 10),
    "gas_tce_per_t": ParameterSpec(0, 10),
    # electrolytic aluminium needs about 13.5 MWh/t, the most electricity-intensive product here
    "electricity_mwh_per_t": ParameterSpec(0, 30),
    "process_co2_t_per_t": ParameterSpec(0, 5),
    "capture_share": ParameterSpec(0, 1),
    "value_added_cny_per_t": ParameterSpec(0, 200_000),
    "replacement_exempt": _FLAG,
    "scrap_t_per_t": ParameterSpec(0, 2),
    "solid_waste_t_per_t": ParameterSpec(0, 10),
    # iron ore, scrap, alumina, anodes, raw meal, soda ash ... plus non-fuel operating cost; recycled
    # aluminium (scrap at ~80 % of the ingot price) is the dearest at ~13,000 CNY/t
    "materials_cny_per_t": ParameterSpec(0, 50_000),
}

SECTOR_PARAMETERS: dict[str, ParameterSpec] = {
    "max_utilisation": ParameterSpec(0, 1),
    "national_capacity_ceiling_mt": ParameterSpec(0, 10_000),
    "no_increase_in_key_regions": _FLAG,
}

#: The contracts of the industry tables, by name (the registry,
#: :data:`dualcarbon.inputs.schemas.TABLES`, orders them).
INDUSTRY_SPECS: dict[str, TableSpec] = {
    t.name: t
    for t in [
        _table(
            "industry_technologies",
            [
                _identifier("sector", "steel"),
                _identifier("technology", "bf_bof"),
                _one_of("parameter", tuple(INDUSTRY_PARAMETERS)),
                _VALUE,
            ],
            ("sector", "technology", "parameter"),
            INDUSTRY_PARAMETERS,
        ),
        _table(
            "industry_sectors",
            [
                _identifier("sector", "steel"),
                _one_of("parameter", tuple(SECTOR_PARAMETERS)),
                _VALUE,
            ],
            ("sector", "parameter"),
            SECTOR_PARAMETERS,
        ),
        _table(
            "industry_capacity",
            [
                _region(),
                _identifier("sector", "steel"),
                _identifier("technology", "bf_bof"),
                _number(
                    "capacity_mt",
                    "Mt/yr",
                    le=2_000,
                    basis="the largest provincial capacity of one route is about 240 Mt/yr "
                    "(Hebei steel); China's cement capacity is about 2,000 Mt/yr in all",
                    usual=(0, 500),
                    **_MT,
                ),
            ],
            ("region", "sector", "technology"),
        ),
        _table(
            "industry_production",
            [
                _region(),
                _identifier("sector", "steel"),
                _year(),
                _number(
                    "output_mt",
                    "Mt/yr",
                    le=2_000,
                    basis="the largest provincial output of one sector is about 250 Mt/yr "
                    "(Hebei steel, 2020)",
                    usual=(0, 500),
                    **_MT,
                ),
            ],
            ("region", "sector", "year"),
        ),
        _table(
            "industry_demand",
            [
                _identifier("sector", "steel"),
                _year(),
                _number(
                    "demand_mt",
                    "Mt/yr",
                    le=10_000,
                    basis="China's largest demand, cement, was about 2,400 Mt in 2020 (NBS)",
                    usual=(0, 3_000),
                    **_MT,
                ),
            ],
            ("sector", "year"),
        ),
        _table(
            "replacement_ratios",
            [
                _identifier("sector", "steel"),
                _one_of("case", REPLACEMENT_CASES),
                # MIIT ratios are 1:1 to 2:1; 10 is a plausibility bound
                _number(
                    "ratio",
                    "t retired per t built",
                    ge=None,
                    gt=0,
                    le=10,
                    basis="MIIT ratios are 1:1 to 2:1",
                    usual=(1, 3),
                ),
            ],
            ("sector", "case"),
        ),
        _table(
            "retrofit_measures",
            [
                _identifier("measure", "steel_coal_1"),
                _identifier("sector", "steel"),
                _one_of("carrier", CARRIERS),
                ColumnSpec(
                    "tranche",
                    "int",
                    "an integer >= 1",
                    (pa.Check.ge(1), _integral()),
                ),
                _share("max_share"),
                _number(
                    "cost_cny_per_unit_saved",
                    "CNY per tce/yr or per MWh/yr saved",
                    le=100_000,
                    basis="shipped tranches cost 500-3,000 CNY per unit saved a year",
                    usual=(0, 20_000),
                ),
                _number(
                    "lifetime_years",
                    "years",
                    ge=None,
                    gt=0,
                    le=100,
                    basis="retrofits last about 10-30 years",
                    usual=(5, 40),
                ),
            ],
            ("measure",),
        ),
        _table(
            "supply_security",
            [
                _identifier("sector", "steel"),
                _year(),
                _share("domestic_output_floor_share", nullable=True),
                _share("industry_va_share_floor", nullable=True, required=False),
            ],
            ("sector", "year"),
            required=False,
        ),
        _table(
            "circular_resources",
            [
                _one_of("resource", CIRCULAR_RESOURCES),
                _region(national=True),
                _year(),
                _number(
                    "available_mt",
                    "Mt/yr",
                    le=5_000,
                    basis="China collects about 260 Mt of steel scrap a year (2020); the largest "
                    "shipped availability is about 510 Mt/yr",
                    usual=(0, 1_500),
                    **_MT,
                ),
            ],
            ("resource", "region", "year"),
            required=False,
        ),
        _table(
            "carbon_border",
            [
                _identifier("sector", "steel"),
                _year(),
                _share("export_share"),
                _share("free_allocation_share"),
                _number(
                    "cbam_price_cny_per_t",
                    "CNY/tCO2",
                    le=10_000,
                    basis="EU ETS prices were about 600-800 CNY/tCO2 in 2023; 10,000 is above "
                    "any projection",
                    usual=(0, 3_000),
                ),
            ],
            ("sector", "year"),
            required=False,
        ),
        _table(
            "industry_route_shares",
            [
                _region(national=True),
                _identifier("sector", "steel"),
                _identifier("technology", "scrap_eaf"),
                _year(),
                _share("share"),
            ],
            ("region", "sector", "technology", "year"),
            required=False,
        ),
        _table(
            "technology_diffusion",
            [
                _identifier("sector", "steel"),
                _identifier("technology", "scrap_eaf"),
                _number(
                    "max_growth_pct_per_yr",
                    "%/yr",
                    le=100,
                    basis="MESSAGE-style growth bounds are a few to about 25 %/yr",
                    usual=(0, 50),
                    slips=(PCT_AS_SHARE,),
                ),
                _number(
                    "seed_mt_per_yr",
                    "Mt/yr added per year",
                    le=1_000,
                    basis="start-up amounts are a few Mt/yr; China's whole steel output is "
                    "about 1,000 Mt/yr",
                    usual=(0, 100),
                    **_MT,
                ),
                # 100 %/yr = no decline limit (backward stock phased out by policy)
                _number(
                    "max_decline_pct_per_yr",
                    "%/yr",
                    le=100,
                    basis="100 %/yr means no decline limit",
                    slips=(PCT_AS_SHARE,),
                ),
            ],
            ("sector", "technology"),
            required=False,
        ),
    ]
}
