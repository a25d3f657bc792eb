"""Contracts of the economy, emissions and target tables, and of the optional policy and
validation references (issue 11 items 6-7, issue 12 item 4): C18 allowances, the path of the
non-modelled emissions, and statistics / published pathways the plan is checked against (the model
runs without them)."""

from __future__ import annotations

from dualcarbon.inputs.plausible import Slip
from dualcarbon.inputs.schemas_columns import (
    _BN_CNY,
    _MTCO2,
    ECONOMY_VARIABLES,
    INVENTORY_SECTORS,
    OTHER_EMISSION_COMPONENTS,
    TableSpec,
    _identifier,
    _number,
    _one_of,
    _region,
    _slip_pct,
    _table,
    _text,
    _year,
)

#: The contracts of the economy, emissions and target tables, by name (the registry,
#: :data:`dualcarbon.inputs.schemas.TABLES`, orders them).
ECONOMY_SPECS: dict[str, TableSpec] = {
    t.name: t
    for t in [
        _table(
            "economy",
            [
                _region(),
                _year(),
                _one_of("variable", ECONOMY_VARIABLES),
                _number(
                    "value_bn_cny",
                    "bn CNY",
                    le=100_000,
                    basis="Guangdong, the largest economy, had a GDP of about 11,100 bn CNY in "
                    "2020 (NBS); 100,000 allows any province's growth to 2060",
                    usual=(0, 15_000),
                    **_BN_CNY,
                ),
            ],
            ("region", "year", "variable"),
        ),
        _table(
            "emissions_inventory",
            [
                _region(),
                _year(),
                _one_of("sector", INVENTORY_SECTORS),
                _number(
                    "emissions_mtco2",
                    "MtCO2/yr",
                    le=5_000,
                    basis="Shandong, the largest emitter, had about 940 MtCO2 in 2019 (CEADs)",
                    usual=(0, 1_500),
                    **_MTCO2,
                ),
            ],
            ("region", "year", "sector"),
        ),
        _table(
            "targets",
            [
                _identifier("scope", "national"),
                _region(national=True),
                _year(),
                _identifier("target", "peak_year"),
                _number("value", "", ge=None),
                _text("unit", "a unit"),
            ],
            ("scope", "region", "year", "target"),
            required=False,
        ),
        _table(
            "carbon_prices",
            [
                _identifier("scenario", "reference"),
                _year(),
                _number(
                    "carbon_price_cny_per_t",
                    "CNY/tCO2",
                    le=10_000,
                    basis="published 2060 paths reach about 2,000-3,000 CNY/tCO2",
                    usual=(0, 3_000),
                ),
            ],
            ("scenario", "year"),
            required=False,
        ),
        _table(
            "climbing_peak_allowances",
            [
                _region(),
                _number(
                    "allowance_share",
                    "share of the base inventory",
                    le=2.0,
                    basis="a province may plan growth to its peak; +200 % is beyond any plan",
                    usual=(0, 0.6),
                    slips=(_slip_pct(2.0),),
                ),
            ],
            ("region",),
            required=False,
        ),
        _table(
            "other_emissions_path",
            [
                _one_of("component", OTHER_EMISSION_COMPONENTS),
                _year(),
                _number(
                    "index_vs_base",
                    "index, base year = 1",
                    le=3.0,
                    basis="1.0 in the base year; no sector's emissions treble by 2060",
                    usual=(0, 2),
                    slips=(
                        Slip(
                            100,
                            "{value} looks like an index with base 100: this one has "
                            "base 1, {fixed}",
                            (3, 300),
                        ),
                    ),
                ),
            ],
            ("component", "year"),
            required=False,
        ),
        _table(
            "national_statistics",
            [
                _identifier("indicator", "co2_total_mt"),
                _year(),
                _number("value", ""),
                _text("unit", "a unit"),
            ],
            ("indicator", "year"),
            required=False,
        ),
        _table(
            "published_pathways",
            [
                _identifier("pathway", "caep_cp_1_1"),
                _identifier("indicator", "co2_mt"),
                _year(),
                _number("low", ""),
                _number("high", ""),
                _text("unit", "a unit"),
            ],
            ("pathway", "indicator", "year"),
            required=False,
        ),
    ]
}
