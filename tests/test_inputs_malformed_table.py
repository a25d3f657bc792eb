"""A table of malformed inputs, by category: each is refused with one line that names the file and
the key (YAML) or row and column (CSV), and the value or what was expected; nothing is written.

Categories: ``number`` (NaN, infinity, implausible magnitudes), ``unit`` (the classic slips, with
their hint), ``structure`` (duplicate keys and list items, aliases, empty names, horizon),
``reference`` (names that do not exist, with a did-you-mean), ``encoding`` (bytes no supported
encoding reads), ``cli`` (options refused before any solve) and ``fault`` (inputs of the other
commands that are not what they claim to be). No case solves: they fail while loading or while
the command line is checked, so the module runs in seconds.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from dualcarbon.cli import main
from dualcarbon.inputs.errors import InputError
from dualcarbon.inputs.load import load_scenario

DATA = Path(__file__).parent / "data"
BASE_YAML = """\
name: broken
periods: [2025, 2030]
national_cap:
  share_of_base: {2030: 1.0}
"""
ALIAS_BOMB = "\n".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *[
            f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]"
            for p, n in zip("abcdefgh", "bcdefghi", strict=True)
        ],
    ]
)


@dataclass(frozen=True)
class Case:
    """One malformed input and the words its one-line error must contain."""

    id: str
    category: str
    expect: tuple[str, ...]
    yaml: str | None = None  # appended to BASE_YAML
    full_yaml: str | None = None  # replaces it
    cells: tuple[tuple[str, int, str, str], ...] = ()  # (table, CSV line, column, text)
    edit: Callable[[Path], None] | None = None
    argv: tuple[str, ...] = ()  # a CLI case: ``{dir}`` is the case's folder


def _raw(table: str, data: bytes) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        (folder / "tables" / f"{table}.csv").write_bytes(data)

    return edit


def _yaml_bytes(data: bytes) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        (folder / "scenario.yaml").write_bytes(data)

    return edit


def _file(name: str, text: str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        (folder / name).write_text(text, encoding="utf-8")

    return edit


def _foreign_folder(folder: Path) -> None:
    (folder / "w").mkdir()
    (folder / "w" / "notes.txt").write_text("k")


Y = "scenario.yaml"
CASES: list[Case] = [
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
        edit=_yaml_bytes(BASE_YAML.encode("utf-16-le")),
    ),
    Case(
        "csv-undecodable",
        "encoding",
        ("fuels.csv", "utf-8", "gbk", "utf-16"),
        edit=_raw("fuels", b"fuel,emission_factor_tco2_per_tce\n\x80\xff\xfe\x81,2\n"),
    ),
    Case(
        "csv-utf16-without-bom",
        "encoding",
        ("fuels.csv", "utf-8"),
        edit=_raw("fuels", "fuel,price\ncoal,1\n".encode("utf-16-le")),
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
        edit=_foreign_folder,
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
        edit=_file("escape.yaml", "extends: default\nname: ../../escape\n"),
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
        edit=_file("nan.yaml", "extends: default\nname: nan\ntau: .nan\n"),
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
        edit=_file("grid.yaml", "tau: [0, 0.1]\ntau: [0.2]\n"),
        argv=("sweep", "default", "--grid", "{dir}/grid.yaml", "--out", "{dir}/s"),
    ),
    Case(
        "grid-alias-bomb",
        "fault",
        ("grid.yaml", "aliases"),
        edit=_file("grid.yaml", ALIAS_BOMB + "\n"),
        argv=("sweep", "default", "--grid", "{dir}/grid.yaml", "--out", "{dir}/s"),
    ),
    Case(
        "report-not-a-result",
        "fault",
        ("not a dualcarbon result",),
        edit=_foreign_folder,
        argv=("report", "{dir}/w"),
    ),
    Case(
        "map-not-a-result",
        "fault",
        ("not a dualcarbon result",),
        edit=_foreign_folder,
        argv=("map", "{dir}/w", "production_mtco2", "--out", "{dir}/m.png"),
    ),
    Case(
        "compare-not-a-result",
        "fault",
        ("not a dualcarbon result",),
        edit=_foreign_folder,
        argv=("compare", "{dir}/w", "{dir}/w"),
    ),
]


def _snapshot(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*")}


def _prepare(tmp_path: Path, case: Case) -> Path:
    shutil.copytree(DATA / "tables", tmp_path / "tables")
    shutil.copy(DATA / "provinces.csv", tmp_path / "provinces.csv")
    text = case.full_yaml if case.full_yaml is not None else BASE_YAML + (case.yaml or "")
    (tmp_path / "scenario.yaml").write_text(text, encoding="utf-8")
    for table, line, column, value in case.cells:
        path = tmp_path / "tables" / f"{table}.csv"
        rows = [r.split(",") for r in path.read_text(encoding="utf-8").splitlines()]
        header = rows[0]
        row = rows[line - 1]
        row[header.index(column)] = value
        path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    if case.edit is not None:
        case.edit(tmp_path)
    return tmp_path


def test_enough_cases_in_every_category():
    categories = {c.category for c in CASES}
    assert categories == {"number", "unit", "structure", "reference", "encoding", "cli", "fault"}
    assert len(CASES) >= 60
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.category}:{c.id}" for c in CASES])
def test_malformed_input_is_refused_in_one_line(case: Case, tmp_path, monkeypatch, capsys):
    folder = _prepare(tmp_path, case)
    monkeypatch.chdir(folder)  # a stray results/ would show up in the snapshot
    before = _snapshot(folder)
    if case.argv:
        argv = [a.replace("{dir}", str(folder)) for a in case.argv]
        assert main(argv) != 0
        out = capsys.readouterr()
        lines = out.err.strip().splitlines()
        assert len(lines) == 1, out.err
        message = lines[0]
        assert message.startswith("error:")
        assert "Traceback" not in out.err + out.out
    else:
        with pytest.raises(InputError) as info:
            load_scenario(
                folder / "scenario.yaml",
                data_dir=folder / "tables",
                registry=folder / "provinces.csv",
            )
        message = str(info.value)
        assert "\n" not in message
    for word in case.expect:
        assert word in message, f"{word!r} not in: {message}"
    assert _snapshot(folder) == before, "something was written"


# ---------------------------------------------------------------- accepted encodings


@pytest.mark.parametrize(
    ("encoding", "prefix"), [("utf-8-sig", b""), ("gbk", b""), ("utf-16", b"")]
)
def test_excel_encodings_are_read(encoding, prefix, tmp_path):
    """UTF-8 with BOM, GBK (Excel on Chinese Windows) and UTF-16 with BOM read the same."""
    folder = _prepare(tmp_path, Case("ok", "encoding", ()))
    path = folder / "tables" / "fuels.csv"
    text = path.read_text(encoding="utf-8").replace(
        "assumption: test fixture, not real data", "假设：测试数据"
    )
    path.write_bytes(prefix + text.encode(encoding))
    scenario = load_scenario(
        folder / "scenario.yaml", data_dir=folder / "tables", registry=folder / "provinces.csv"
    )
    assert "假设：测试数据" in set(scenario.tables["fuels"]["source"])


def test_unusual_but_legal_values_warn(tmp_path, caplog):
    """A growth floor of 0.02 %/yr is legal but looks like a share; it loads, with a warning
    naming the key."""
    folder = _prepare(tmp_path, Case("warn", "unit", (), "growth_floor: {pct_per_yr: 0.02}\n"))
    load_scenario(
        folder / "scenario.yaml", data_dir=folder / "tables", registry=folder / "provinces.csv"
    )
    warned = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any("key growth_floor.pct_per_yr" in w and "looks like a share" in w for w in warned)


def test_alias_bomb_is_refused_within_a_second(tmp_path):
    import time

    (tmp_path / "bomb.yaml").write_text(ALIAS_BOMB + "\nname: bomb\n", encoding="utf-8")
    assert len((tmp_path / "bomb.yaml").read_bytes()) < 1000
    started = time.perf_counter()
    with pytest.raises(InputError, match="aliases"):
        load_scenario(tmp_path / "bomb.yaml")
    assert time.perf_counter() - started < 1.0


def test_relative_scenario_path_with_relative_tables(tmp_path, monkeypatch):
    """A scenario loaded by a relative path whose ``tables:`` are relative: the folder is
    joined once (it was joined twice)."""
    folder = _prepare(tmp_path / "work", Case("rel", "structure", ()))
    (folder / "sub").mkdir()
    shutil.move(folder / "scenario.yaml", folder / "sub" / "s.yaml")
    with open(folder / "sub" / "s.yaml", "a", encoding="utf-8") as f:
        f.write("tables: {fuels: ../tables/fuels.csv}\n")
    monkeypatch.chdir(folder)
    scenario = load_scenario(
        Path("sub/s.yaml"), data_dir=folder / "tables", registry=folder / "provinces.csv"
    )
    assert len(scenario.tables["fuels"]) == 3
