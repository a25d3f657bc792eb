"""Malformed scenario YAML: ``number`` (NaN, infinity, implausible magnitudes), ``unit`` (the
classic slips, with their hint) and ``structure`` (duplicate keys and list items, aliases, empty
names, horizon)."""

from __future__ import annotations

from malformed_case import ALIAS_BOMB, Case, Y

YAML_CASES: list[Case] = [
    # ------------------------------------------------------------------------------ number
    Case(
        "nan-price",
        "number",
        (Y, "key carbon_price_cny_per_t.2030", "finite"),
        "carbon_price_cny_per_t: {2030: .nan}\n",
    ),
    Case(
        "inf-price",
        "number",
        (Y, "key carbon_price_cny_per_t.2030", "finite"),
        "carbon_price_cny_per_t: {2030: .inf}\n",
    ),
    Case(
        "price-1e30",
        "number",
        (Y, "key carbon_price_cny_per_t.2030", "[0, 10000]", "1e+30"),
        "carbon_price_cny_per_t: {2030: 1.0e30}\n",
    ),
    Case(
        "other-change-minus-150",
        "number",
        (Y, "key other_emissions_change_pct_per_yr", "-150", "[-50, 20]"),
        "other_emissions_change_pct_per_yr: -150\n",
    ),
    Case(
        "peak-year-3000",
        "number",
        (Y, "key peak_year", "3000", "[2000, 2100]"),
        "peak_year: 3000\n",
    ),
    Case(
        "peak-year-by-region-1800",
        "number",
        (Y, "key peak_year_by_region.Hebei", "1800"),
        "peak_year_by_region: {Hebei: 1800}\n",
    ),
    Case("tau-negative", "number", (Y, "key tau", "-0.1"), "tau: -0.1\n"),
    Case(
        "discount-rate-nan", "number", (Y, "key discount_rate", "finite"), "discount_rate: .nan\n"
    ),
    Case(
        "cap-scale-zero",
        "number",
        (Y, "key national_cap.scale", "(0, 5]"),
        full_yaml="name: broken\nperiods: [2025, 2030]\nnational_cap: {scale: 0}\n",
    ),
    Case(
        "reserve-margin-inf",
        "number",
        (Y, "key power_reserve_margin", "finite"),
        "power_reserve_margin: .inf\n",
    ),
    Case("load-factor-zero", "number", (Y, "key load_factor", "(0, 1]"), "load_factor: 0\n"),
    Case(
        "growth-floor-45",
        "number",
        (Y, "key growth_floor.pct_per_yr", "45"),
        "growth_floor: {pct_per_yr: 45}\n",
    ),
    Case(
        "intensity-cap-negative",
        "number",
        (Y, "key intensity_cap_t_per_10k_cny.Hebei.2030", "-1"),
        "intensity_cap_t_per_10k_cny: {Hebei: {2030: -1}}\n",
    ),
    Case(
        "ratio-zero",
        "number",
        (Y, "key replacement.ratio_overrides.steel.other", "(0, 10]"),
        "replacement: {ratio_overrides: {steel: {other: 0}}}\n",
    ),
    Case(
        "emerging-share-7",
        "number",
        (Y, "key emerging_industry", "7"),
        "emerging_industry: {max_share_of_base_va_industry: 7}\n",
    ),
    Case(
        "csv-gdp-inf",
        "number",
        ("economy.csv, row 2, column value_bn_cny", "'inf'"),
        cells=(("economy", 2, "value_bn_cny", "inf"),),
    ),
    Case(
        "csv-capacity-negative",
        "number",
        ("power_capacity.csv, row 2, column capacity_gw",),
        cells=(("power_capacity", 2, "capacity_gw", "-3"),),
    ),
    Case(
        "csv-demand-nan",
        "number",
        ("electricity_demand.csv, row 3, column demand_twh", "NaN"),
        cells=(("electricity_demand", 3, "demand_twh", "NaN"),),
    ),
    Case(
        "csv-fuel-price-1e9",
        "number",
        ("fuels.csv, row 2, column price_cny_per_tce", "1e9"),
        cells=(("fuels", 2, "price_cny_per_tce", "1e9"),),
    ),
    Case(
        "csv-corridor-capacity-text",
        "number",
        ("transmission_corridors.csv, row 2, column capacity_gw", "'ten'"),
        cells=(("transmission_corridors", 2, "capacity_gw", "ten"),),
    ),
    # -------------------------------------------------------------------------------- unit
    Case(
        "cap-in-percent",
        "unit",
        (Y, "key national_cap.share_of_base.2030", "108 looks like a percent", "1.08"),
        full_yaml="name: broken\nperiods: [2025, 2030]\n"
        "national_cap: {share_of_base: {2030: 108}}\n",
    ),
    Case(
        "allowance-50",
        "unit",
        (Y, "key climbing_peak_allowance", "50 looks like a percent"),
        "climbing_peak_allowance: 50\n",
    ),
    Case(
        "reserve-15",
        "unit",
        (Y, "key power_reserve_margin", "15 looks like a percent", "0.15"),
        "power_reserve_margin: 15\n",
    ),
    Case(
        "discount-8",
        "unit",
        (Y, "key discount_rate", "8 looks like a percent", "0.08"),
        "discount_rate: 8\n",
    ),
    Case("tau-10", "unit", (Y, "key tau", "10 looks like a percent"), "tau: 10\n"),
    Case(
        "regional-cap-95",
        "unit",
        (Y, "key regional_cap_share_of_base.Hebei.2030", "95 looks like a percent"),
        "regional_cap_share_of_base: {Hebei: {2030: 95}}\n",
    ),
    Case(
        "cap-scale-90",
        "unit",
        (Y, "key national_cap.scale", "looks like a percent"),
        full_yaml="name: broken\nperiods: [2025, 2030]\nnational_cap: {scale: 90}\n",
    ),
    Case(
        "va-floor-in-cny",
        "unit",
        (Y, "key growth_floor.national_bn_cny.2030", "looks like CNY", "bn CNY"),
        "growth_floor: {national_bn_cny: {2030: 3.1e13}}\n",
    ),
    Case(
        "intensity-in-kg",
        "unit",
        (Y, "key intensity_cap_t_per_10k_cny.Hebei.2030", "looks like kgCO2"),
        "intensity_cap_t_per_10k_cny: {Hebei: {2030: 1200}}\n",
    ),
    Case(
        "gdp-in-cny",
        "unit",
        ("economy.csv, row 2, column value_bn_cny", "looks like CNY: the column is bn CNY"),
        cells=(("economy", 2, "value_bn_cny", "3.6e12"),),
    ),
    Case(
        "gdp-in-yi-yuan",
        "unit",
        ("economy.csv, row 2, column value_bn_cny", "looks like 亿元"),
        cells=(("economy", 2, "value_bn_cny", "111000"),),
    ),
    Case(
        "demand-in-gwh",
        "unit",
        ("electricity_demand.csv, row 2, column demand_twh", "looks like GWh", "115"),
        cells=(("electricity_demand", 2, "demand_twh", "115000"),),
    ),
    Case(
        "capacity-in-mw",
        "unit",
        ("power_capacity.csv, row 2, column capacity_gw", "looks like MW", "10"),
        cells=(("power_capacity", 2, "capacity_gw", "10000"),),
    ),
    Case(
        "industry-in-kt",
        "unit",
        ("industry_capacity.csv, row 2, column capacity_mt", "looks like kt"),
        cells=(("industry_capacity", 2, "capacity_mt", "250000"),),
    ),
    Case(
        "emissions-in-t",
        "unit",
        ("emissions_inventory.csv, row 2, column emissions_mtco2", "looks like tCO2"),
        cells=(("emissions_inventory", 2, "emissions_mtco2", "90000000"),),
    ),
    Case(
        "capacity-factor-percent",
        "unit",
        ("power_capacity_factors.csv, row 2, column capacity_factor", "looks like a percent"),
        cells=(("power_capacity_factors", 2, "capacity_factor", "50"),),
    ),
    Case(
        "loss-share-percent",
        "unit",
        ("transmission_corridors.csv, row 2, column loss_share", "3 looks like a percent"),
        cells=(("transmission_corridors", 2, "loss_share", "3"),),
    ),
    # --------------------------------------------------------------------------- structure
    Case("duplicate-top-key", "structure", (Y, "line 5", "'name' given twice"), "name: again\n"),
    Case(
        "duplicate-nested-key",
        "structure",
        (Y, "line 5", "2030", "given twice"),
        "carbon_price_cny_per_t: {2030: 10, 2030: 20}\n",
    ),
    Case("alias-bomb", "structure", (Y, "aliases"), full_yaml=ALIAS_BOMB + "\nname: bomb\n"),
    Case(
        "duplicate-regions",
        "structure",
        (Y, "key regions", "'Hebei' twice"),
        "regions: [Hebei, Beijing, Hebei]\n",
    ),
    Case(
        "duplicate-sectors",
        "structure",
        (Y, "key sectors", "'steel' twice"),
        "sectors: [steel, steel]\n",
    ),
    Case(
        "duplicate-key-regions",
        "structure",
        (Y, "key replacement.key_regions", "twice"),
        "replacement: {key_regions: [Beijing, Beijing]}\n",
    ),
    Case(
        "duplicate-barred",
        "structure",
        (Y, "key replacement.barred_receivers", "twice"),
        "replacement: {barred_receivers: [Hebei, Hebei]}\n",
    ),
    Case(
        "empty-name",
        "structure",
        (Y, "key name", "empty name"),
        full_yaml="name: ''\nperiods: [2025, 2030]\n",
    ),
    Case(
        "blank-name",
        "structure",
        (Y, "key name", "empty name"),
        full_yaml="name: '   '\nperiods: [2025, 2030]\n",
    ),
    Case(
        "period-beyond-horizon",
        "structure",
        (Y, "key periods[2]", "data horizon", "2030", "2035"),
        full_yaml="name: broken\nperiods: [2025, 2030, 2035]\n",
    ),
    Case(
        "period-2200",
        "structure",
        (Y, "key periods[2]", "2200"),
        full_yaml="name: broken\nperiods: [2025, 2030, 2200]\n",
    ),
    Case(
        "replacement-case-typo",
        "structure",
        (Y, "key replacement.ratio_overrides", "'kye_region'", "did you mean 'key_region'?"),
        "replacement: {ratio_overrides: {steel: {kye_region: 1.5}}}\n",
    ),
    Case(
        "emerging-key-typo",
        "structure",
        (Y, "key emerging_industry", "did you mean 'emissions_tco2_per_10k_cny'?"),
        "emerging_industry: {emission_tco2_per_10k_cny: 0.1}\n",
    ),
    Case("not-a-mapping", "structure", (Y, "a mapping"), full_yaml="- name: x\n"),
    Case(
        "unknown-top-key",
        "structure",
        (Y, "'carbon_prise_cny_per_t'", "did you mean"),
        "carbon_prise_cny_per_t: {2030: 10}\n",
    ),
    Case(
        "csv-duplicate-row",
        "structure",
        ("fuels.csv, row 3", "a repeat of row 2"),
        cells=(("fuels", 3, "fuel", "coal"),),
    ),
]
