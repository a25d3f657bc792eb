"""Malformed references, files and commands: ``reference`` (names that do not exist, with a
did-you-mean), ``encoding`` (bytes no supported encoding reads), ``cli`` (options refused before
any solve) and ``fault`` (inputs of the other commands that are not what they claim to be)."""

from __future__ import annotations

from malformed_case import (
    ALIAS_BOMB,
    BASE_YAML,
    Case,
    Y,
    foreign_folder,
    raw_table,
    raw_yaml,
    text_file,
)

FILE_CASES: list[Case] = [
    # --------------------------------------------------------------------------- reference
    Case(
        "ratio-sector-steal",
        "reference",
        (Y, "key replacement.ratio_overrides.steal", "did you mean 'steel'?"),
        "replacement: {ratio_overrides: {steal: {other: 1.5}}}\n",
    ),
    Case(
        "region-typo",
        "reference",
        (Y, "key regions[0]", "did you mean 'Hebei'?"),
        "regions: [Hebel]\n",
    ),
    Case(
        "peak-region-typo",
        "reference",
        (Y, "key peak_year_by_region.Beijng", "'Beijing'"),
        "peak_year_by_region: {Beijng: 2028}\n",
    ),
    Case(
        "allowance-region-typo",
        "reference",
        (Y, "key climbing_peak_allowance_by_region.Hebel", "'Hebei'"),
        "climbing_peak_allowance_by_region: {Hebel: 0.1}\n",
    ),
    Case(
        "floor-region-typo",
        "reference",
        (Y, "key growth_floor.by_region.Inner Mongola"),
        "growth_floor: {by_region: {Inner Mongola: 2.0}}\n",
    ),
    Case(
        "sector-typo",
        "reference",
        (Y, "key sectors[0]", "did you mean 'cement'?"),
        "sectors: [cemnt]\n",
    ),
    Case(
        "price-year-not-period",
        "reference",
        (Y, "key carbon_price_cny_per_t.2031", "2031"),
        "carbon_price_cny_per_t: {2031: 10}\n",
    ),
    Case(
        "table-name-typo",
        "reference",
        (Y, "key tables.power_capacty", "'power_capacity'"),
        "tables: {power_capacty: x.csv}\n",
    ),
    Case(
        "table-file-missing",
        "reference",
        (Y, "key tables.power_capacity", "missing.csv"),
        "tables: {power_capacity: missing.csv}\n",
    ),
    Case(
        "extends-missing",
        "reference",
        (Y, "key extends", "nothere.yaml"),
        "extends: nothere.yaml\n",
    ),
    Case(
        "override-table-typo",
        "reference",
        (Y, "key overrides[0].table", "'power_capacity'"),
        "overrides: [{table: power_capacty, where: {region: Hebei}, set: {capacity_gw: 1}}]\n",
    ),
    Case(
        "csv-region-typo",
        "reference",
        ("electricity_demand.csv, row 2, column region", "did you mean 'Beijing'?"),
        cells=(("electricity_demand", 2, "region", "Beijng"),),
    ),
    # ---------------------------------------------------------------------------- encoding
    Case(
        "yaml-utf16-without-bom",
        "encoding",
        (Y, "utf-8", "gbk"),
        edit=raw_yaml(BASE_YAML.encode("utf-16-le")),
    ),
    Case(
        "csv-undecodable",
        "encoding",
        ("fuels.csv", "utf-8", "gbk", "utf-16"),
        edit=raw_table("fuels", b"fuel,emission_factor_tco2_per_tce\n\x80\xff\xfe\x81,2\n"),
    ),
    Case(
        "csv-utf16-without-bom",
        "encoding",
        ("fuels.csv", "utf-8"),
        edit=raw_table("fuels", "fuel,price\ncoal,1\n".encode("utf-16-le")),
    ),
    # --------------------------------------------------------------------------------- cli
    Case(
        "cli-time-limit-negative",
        "cli",
        ("--time-limit", "-5"),
        argv=("run", "default", "--time-limit", "-5", "--out", "{dir}/out"),
    ),
    Case(
        "cli-time-limit-text",
        "cli",
        ("--time-limit", "abc"),
        argv=("run", "default", "--time-limit", "abc"),
    ),
    Case(
        "cli-threads-negative",
        "cli",
        ("--threads", "-4"),
        argv=("run", "default", "--threads", "-4"),
    ),
    Case(
        "cli-period-2031", "cli", ("--period", "2031"), argv=("run", "default", "--period", "2031")
    ),
    Case(
        "cli-out-foreign",
        "cli",
        ("--out", "folder of other files"),
        edit=foreign_folder,
        argv=("run", "default", "--out", "{dir}/w", "--force"),
    ),
    Case(
        "cli-out-input-folder",
        "cli",
        ("--out", "folder of other files"),
        argv=("run", "{dir}/scenario.yaml", "--out", "{dir}"),
    ),
    Case(
        "cli-name-escapes",
        "cli",
        ("scenario name", "'../../escape'"),
        edit=text_file("escape.yaml", "extends: default\nname: ../../escape\n"),
        argv=("run", "{dir}/escape.yaml"),
    ),
    Case(
        "cli-sweep-workers-0",
        "cli",
        ("--workers",),
        argv=("sweep", "default", "--workers", "0", "--set", "tau=0", "--out", "{dir}/s"),
    ),
    Case(
        "cli-sweep-scheduler",
        "cli",
        ("--scheduler", "tcp://"),
        argv=("sweep", "default", "--scheduler", "localhost", "--set", "tau=0", "--out", "{dir}/s"),
    ),
    Case("cli-validate-missing", "cli", ("no/such.yaml",), argv=("validate", "no/such.yaml")),
    Case(
        "cli-validate-nan",
        "cli",
        ("nan.yaml", "key tau", "finite"),
        edit=text_file("nan.yaml", "extends: default\nname: nan\ntau: .nan\n"),
        argv=("validate", "{dir}/nan.yaml"),
    ),
    Case(
        "cli-map-column-typo",
        "cli",
        ("--map", "production_mtc02", "_mtco2"),
        argv=("run", "default", "--map", "production_mtc02"),
    ),
    # ------------------------------------------------------------------------------- fault
    Case(
        "grid-duplicate-key",
        "fault",
        ("grid.yaml", "line 2", "given twice"),
        edit=text_file("grid.yaml", "tau: [0, 0.1]\ntau: [0.2]\n"),
        argv=("sweep", "default", "--grid", "{dir}/grid.yaml", "--out", "{dir}/s"),
    ),
    Case(
        "grid-alias-bomb",
        "fault",
        ("grid.yaml", "aliases"),
        edit=text_file("grid.yaml", ALIAS_BOMB + "\n"),
        argv=("sweep", "default", "--grid", "{dir}/grid.yaml", "--out", "{dir}/s"),
    ),
    Case(
        "report-not-a-result",
        "fault",
        ("not a dualcarbon result",),
        edit=foreign_folder,
        argv=("report", "{dir}/w"),
    ),
    Case(
        "map-not-a-result",
        "fault",
        ("not a dualcarbon result",),
        edit=foreign_folder,
        argv=("map", "{dir}/w", "production_mtco2", "--out", "{dir}/m.png"),
    ),
    Case(
        "compare-not-a-result",
        "fault",
        ("not a dualcarbon result",),
        edit=foreign_folder,
        argv=("compare", "{dir}/w", "{dir}/w"),
    ),
]
