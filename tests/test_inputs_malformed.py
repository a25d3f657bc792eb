"""Malformed inputs: every error names the file, the row (CSV line or YAML key) and the column.

Each test copies the fixture tables (tests/data/tables, three provinces, made-up numbers) to a
temporary folder, breaks one thing, and checks the one-line message of the InputError.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from dualcarbon.inputs.errors import InputError
from dualcarbon.inputs.load import load_scenario

DATA = Path(__file__).parent / "data"

BASE_YAML = """\
name: broken
periods: [2025, 2030]
national_cap:
  share_of_base: {2030: 1.0}
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "tables", tmp_path / "tables")
    shutil.copy(DATA / "provinces.csv", tmp_path / "provinces.csv")
    (tmp_path / "scenario.yaml").write_text(BASE_YAML)
    return tmp_path


def load(data: Path, yaml_text: str | None = None, name: str = "scenario.yaml"):
    if yaml_text is not None:
        (data / name).write_text(yaml_text)
    return load_scenario(data / name, data_dir=data / "tables", registry=data / "provinces.csv")


def rows(data: Path, table: str) -> list[list[str]]:
    with open(data / "tables" / f"{table}.csv", newline="") as f:
        return list(csv.reader(f))


def write(data: Path, table: str, content: list[list[str]]) -> None:
    with open(data / "tables" / f"{table}.csv", "w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(content)


def set_cell(data: Path, table: str, line: int, column: str, value: str) -> None:
    """Set the cell of 1-based CSV ``line`` (header = 1) in ``column``."""
    content = rows(data, table)
    content[line - 1][content[0].index(column)] = value
    write(data, table, content)


def error_of(data: Path, yaml_text: str | None = None) -> str:
    with pytest.raises(InputError) as info:
        load(data, yaml_text)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_fixture_loads(data: Path) -> None:
    scenario = load(data)
    assert set(scenario.tables["regions"]["region"]) == {"Beijing", "Hebei", "Inner Mongolia"}


# ---------------------------------------------------------------- table shape and cells


def test_missing_column(data: Path) -> None:
    content = [r[:2] + r[3:] for r in rows(data, "power_capacity")]
    write(data, "power_capacity", content)
    msg = error_of(data)
    assert msg.startswith(f"{data / 'tables'}/power_capacity.csv, row 1, column capacity_gw:")
    assert "expected a column named capacity_gw" in msg


def test_wrong_unit_in_column_name(data: Path) -> None:
    content = rows(data, "power_capacity")
    content[0][2] = "capacity_mw"
    write(data, "power_capacity", content)
    msg = error_of(data)
    assert "power_capacity.csv, row 1, column capacity_gw" in msg
    assert "'capacity_mw'" in msg  # the hint names the column found instead


def test_negative_capacity(data: Path) -> None:
    set_cell(data, "power_capacity", 3, "capacity_gw", "-3.2")
    msg = error_of(data)
    assert msg == (
        f"{data / 'tables'}/power_capacity.csv, row 3, column capacity_gw: "
        "expected a number in [0, 2000] (GW), got '-3.2'"
    )


def test_unknown_province_with_suggestion(data: Path) -> None:
    set_cell(data, "electricity_demand", 4, "region", "Hebel")
    msg = error_of(data)
    assert "electricity_demand.csv, row 4, column region" in msg
    assert "got 'Hebel'" in msg and "did you mean 'Hebei'?" in msg


def test_empty_cell(data: Path) -> None:
    set_cell(data, "electricity_demand", 3, "demand_twh", "")
    msg = error_of(data)
    assert "electricity_demand.csv, row 3, column demand_twh" in msg
    assert "got an empty cell" in msg


def test_nan_text(data: Path) -> None:
    set_cell(data, "economy", 5, "value_bn_cny", "NaN")
    msg = error_of(data)
    assert (
        "economy.csv, row 5, column value_bn_cny: expected a number in [0, 100000] (bn CNY)" in msg
    )
    assert "got 'NaN'" in msg


def test_non_numeric_value(data: Path) -> None:
    set_cell(data, "fuels", 2, "price_cny_per_tce", "about 800")
    msg = error_of(data)
    assert "fuels.csv, row 2, column price_cny_per_tce" in msg and "'about 800'" in msg


def test_duplicate_key(data: Path) -> None:
    content = rows(data, "power_capacity")
    content.append(content[2])
    write(data, "power_capacity", content)
    msg = error_of(data)
    line = len(content)
    assert f"power_capacity.csv, row {line}, column technology" in msg
    assert "a unique key (region, technology)" in msg and "repeat of row 3" in msg


def test_share_above_one(data: Path) -> None:
    set_cell(data, "power_capacity_factors", 6, "capacity_factor", "1.2")
    msg = error_of(data)
    assert "power_capacity_factors.csv, row 6, column capacity_factor" in msg
    assert "a share in [0, 1]" in msg


def test_empty_file(data: Path) -> None:
    (data / "tables" / "fuels.csv").write_text("")
    msg = error_of(data)
    assert msg.startswith(f"{data / 'tables'}/fuels.csv, row 1:")
    assert "empty file" in msg


def test_header_only(data: Path) -> None:
    write(data, "fuels", rows(data, "fuels")[:1])
    msg = error_of(data)
    assert "fuels.csv, row 2: expected at least one data row" in msg


def test_missing_source(data: Path) -> None:
    set_cell(data, "renewable_potential", 4, "source", "  ")
    msg = error_of(data)
    assert "renewable_potential.csv, row 4, column source" in msg
    assert "expected a source" in msg


def test_unknown_technology(data: Path) -> None:
    set_cell(data, "power_capacity", 2, "technology", "solar_csp")
    msg = error_of(data)
    assert "power_capacity.csv, row 2, column technology" in msg
    assert "a technology with parameters in power_technologies" in msg


def test_malformed_identifier(data: Path) -> None:
    set_cell(data, "power_capacity", 2, "technology", "Solar PV")
    msg = error_of(data)
    assert "power_capacity.csv, row 2, column technology" in msg and "lower case" in msg


def test_unknown_parameter_name(data: Path) -> None:
    set_cell(data, "power_technologies", 2, "parameter", "capex_eur_per_kw")
    msg = error_of(data)
    assert "power_technologies.csv, row 2, column parameter" in msg
    assert "capex_cny_per_kw" in msg  # the allowed names are listed


def test_parameter_out_of_range(data: Path) -> None:
    line = next(
        i for i, r in enumerate(rows(data, "power_technologies"), 1) if r[1] == "capacity_credit"
    )
    set_cell(data, "power_technologies", line, "value", "1.5")
    msg = error_of(data)
    assert f"power_technologies.csv, row {line}, column value" in msg
    assert "in [0, 1] for capacity_credit" in msg


def test_flag_not_binary(data: Path) -> None:
    line = next(
        i for i, r in enumerate(rows(data, "industry_technologies"), 1) if r[2] == "is_backward"
    )
    set_cell(data, "industry_technologies", line, "value", "0.5")
    msg = error_of(data)
    assert (
        f"industry_technologies.csv, row {line}, column value: expected 0 or 1 for is_backward"
        in msg
    )


def test_year_implausible(data: Path) -> None:
    set_cell(data, "industry_demand", 2, "year", "1850")
    msg = error_of(data)
    assert "industry_demand.csv, row 2, column year" in msg and "[1990, 2100]" in msg


def test_closed_identifier_set(data: Path) -> None:
    set_cell(data, "fuels", 3, "fuel", "diesel")
    msg = error_of(data)
    assert "fuels.csv, row 3, column fuel: expected one of coal, oil, gas, got 'diesel'" in msg


def test_extra_field_on_a_row(data: Path) -> None:
    path = data / "tables" / "fuels.csv"
    lines = path.read_text().splitlines()
    lines[2] += ",surplus"
    path.write_text("\n".join(lines) + "\n")
    msg = error_of(data)
    assert "fuels.csv, row 3" in msg and "number of fields" in msg


def test_error_counts_further_problems(data: Path) -> None:
    set_cell(data, "power_capacity", 2, "capacity_gw", "-1")
    set_cell(data, "power_capacity", 5, "capacity_gw", "-2")
    assert "row 2" in error_of(data) and "[and 1 more problem in this file]" in error_of(data)


# ---------------------------------------------------------------- between tables


def test_potential_below_capacity(data: Path) -> None:
    line = next(
        i
        for i, r in enumerate(rows(data, "renewable_potential"), 1)
        if r[:2] == ["Hebei", "onshore_wind"]
    )
    set_cell(data, "renewable_potential", line, "potential_gw", "10")
    msg = error_of(data)
    assert f"renewable_potential.csv, row {line}, column potential_gw" in msg
    assert "at least the installed capacity" in msg and "(25 GW)" in msg


def test_production_above_capacity(data: Path) -> None:
    set_cell(data, "industry_production", 2, "output_mt", "300")
    msg = error_of(data)
    assert "industry_production.csv, row 2, column output_mt" in msg
    assert "at most the base-year capacity" in msg and "(260 Mt/yr)" in msg


def test_industry_technology_without_parameters(data: Path) -> None:
    set_cell(data, "industry_capacity", 3, "technology", "h2_dri")
    msg = error_of(data)
    assert "industry_capacity.csv, row 3, column technology" in msg
    assert "with parameters in industry_technologies" in msg


def test_corridor_to_itself(data: Path) -> None:
    set_cell(data, "transmission_corridors", 3, "to_region", "Hebei")
    msg = error_of(data)
    assert "transmission_corridors.csv, row 3, column to_region" in msg
    assert "other than from_region" in msg


def test_planned_province_missing(data: Path) -> None:
    content = [r for r in rows(data, "economy") if r[0] != "Inner Mongolia"]
    write(data, "economy", content)
    msg = error_of(data)
    assert "economy.csv, column region: expected rows for every planned province" in msg
    assert "Inner Mongolia" in msg


def test_base_year_missing(data: Path) -> None:
    content = rows(data, "industry_production")
    for r in content[1:]:
        r[2] = "2019"
    write(data, "industry_production", content)
    msg = error_of(data)
    assert "industry_production.csv, column year: expected rows of the base year 2020" in msg


def test_unplanned_region_is_known_but_dropped(data: Path) -> None:
    content = rows(data, "electricity_demand")
    content.append(["Taiwan", "2020", "270", "assumption: test"])
    write(data, "electricity_demand", content)
    demand = load(data).tables["electricity_demand"]
    assert "Taiwan" not in set(demand["region"])


# ---------------------------------------------------------------- scenario YAML


def test_yaml_typo_did_you_mean(data: Path) -> None:
    msg = error_of(data, BASE_YAML + "  sclae: 0.9\n")
    assert msg.startswith(f"{data / 'scenario.yaml'}, key national_cap.sclae:")
    assert "did you mean 'scale'?" in msg


def test_yaml_top_level_typo(data: Path) -> None:
    msg = error_of(data, BASE_YAML + "transfer_polcy: strict\n")
    assert "scenario.yaml, key transfer_polcy" in msg and "did you mean 'transfer_policy'?" in msg


def test_yaml_wrong_type(data: Path) -> None:
    msg = error_of(data, BASE_YAML + "discount_rate: high\n")
    assert "scenario.yaml, key discount_rate: expected a valid number" in msg and "'high'" in msg


def test_yaml_wrong_type_in_list(data: Path) -> None:
    msg = error_of(
        data, BASE_YAML + "overrides:\n  - {table: fuels, where: {fuel: coal}, set: [1]}\n"
    )
    assert "scenario.yaml, key overrides[0].set" in msg


def test_yaml_syntax_error(data: Path) -> None:
    msg = error_of(data, BASE_YAML + "growth_floor: {pct_per_yr: 2\n")
    assert "scenario.yaml, line" in msg and "expected valid YAML" in msg


def test_periods_not_increasing(data: Path) -> None:
    msg = error_of(data, "name: x\nperiods: [2030, 2025]\n")
    assert "scenario.yaml, key periods: expected strictly increasing years" in msg


def test_cap_year_not_a_period(data: Path) -> None:
    msg = error_of(data, BASE_YAML.replace("2030: 1.0", "2053: 1.0"))
    assert "scenario.yaml, key national_cap.share_of_base.2053" in msg
    assert "a milestone year of periods" in msg


def test_unknown_region_in_yaml(data: Path) -> None:
    msg = error_of(data, BASE_YAML + "regions: [Beijing, Hebie]\n")
    assert "scenario.yaml, key regions[1]" in msg and "did you mean 'Hebei'?" in msg


def test_override_matching_no_row(data: Path) -> None:
    text = BASE_YAML + (
        "overrides:\n  - table: power_capacity\n    where: {region: Hebei, technology: nuclear}\n"
        "    set: {capacity_gw: 5}\n"
    )
    msg = error_of(data, text)
    assert "scenario.yaml, key overrides[0].where" in msg and "no row with" in msg


def test_override_unknown_column(data: Path) -> None:
    text = BASE_YAML + (
        "overrides:\n  - table: power_capacity\n    where: {region: Hebei}\n    set: {capacity_mw: 5}\n"
    )
    msg = error_of(data, text)
    assert "key overrides[0].set.capacity_mw" in msg and "did you mean 'capacity_gw'?" in msg


def test_override_value_validated(data: Path) -> None:
    text = BASE_YAML + (
        "overrides:\n  - table: power_capacity\n    where: {region: Hebei, technology: coal}\n"
        "    set: {capacity_gw: -1}\n"
    )
    msg = error_of(data, text)
    assert (
        "power_capacity.csv, row 5, column capacity_gw: expected a number in [0, 2000] (GW)" in msg
    )


def test_missing_user_table_file(data: Path) -> None:
    msg = error_of(data, BASE_YAML + "tables: {power_capacity: mine/capacity.csv}\n")
    assert "scenario.yaml, key tables.power_capacity: expected an existing CSV file" in msg


def test_unknown_table_name(data: Path) -> None:
    msg = error_of(data, BASE_YAML + "tables: {power_capacities: mine.csv}\n")
    assert "key tables.power_capacities" in msg and "did you mean 'power_capacity'?" in msg


def test_user_table_error_names_user_file(data: Path) -> None:
    user = data / "mine.csv"
    shutil.copy(data / "tables" / "power_capacity.csv", user)
    lines = user.read_text().splitlines()
    lines[3] = lines[3].replace("Beijing", "Pekin")
    user.write_text("\n".join(lines) + "\n")
    msg = error_of(data, BASE_YAML + "tables: {power_capacity: mine.csv}\n")
    assert msg.startswith(f"{data / 'mine.csv'}, row 4, column region:")


def test_missing_required_table(data: Path) -> None:
    (data / "tables" / "fuels.csv").unlink()
    msg = error_of(data)
    assert f"{data / 'tables'}/fuels.csv: expected the table file" in msg


def test_bad_extends(data: Path) -> None:
    msg = error_of(data, BASE_YAML + "extends: defualt\n")
    assert "scenario.yaml, key extends" in msg and "did you mean 'default'?" in msg


def test_extends_cycle(data: Path) -> None:
    (data / "a.yaml").write_text("name: a\nextends: b.yaml\n")
    (data / "b.yaml").write_text("name: b\nextends: a.yaml\n")
    with pytest.raises(InputError) as info:
        load(data, name="a.yaml")
    assert "key extends: expected no cycle of extends" in str(info.value)


def test_missing_scenario_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_scenario(tmp_path / "nowhere.yaml")
    assert str(info.value).startswith(f"{tmp_path / 'nowhere.yaml'}: expected an existing scenario")


def test_unknown_shipped_name() -> None:
    with pytest.raises(InputError) as info:
        load_scenario("high_growth")
    assert "did you mean 'high-growth'?" in str(info.value)


def test_empty_yaml(data: Path) -> None:
    msg = error_of(data, "# nothing here\n")
    assert "scenario.yaml: expected a mapping of scenario keys" in msg and "empty file" in msg


def test_yaml_year_key_not_a_year(data: Path) -> None:
    msg = error_of(data, BASE_YAML.replace("2030: 1.0", "twenty-thirty: 1.0"))
    assert "scenario.yaml, key national_cap.share_of_base.twenty-thirty" in msg
    assert "expected a valid integer" in msg


def test_yaml_unknown_choice(data: Path) -> None:
    msg = error_of(data, BASE_YAML + "transfer_policy: loose\n")
    assert (
        "key transfer_policy: expected 'off', 'accounting', 'share' or 'strict', got 'loose'" in msg
    )


def test_blank_lines_keep_line_numbers(data: Path) -> None:
    path = data / "tables" / "power_capacity.csv"
    lines = path.read_text().splitlines()
    lines.insert(2, "")
    lines[5] = lines[5].replace(",50,", ",-50,")  # Hebei coal, now file line 6
    path.write_text("\n".join(lines) + "\n")
    assert "power_capacity.csv, row 6, column capacity_gw" in error_of(data)


def test_registry_malformed(data: Path) -> None:
    path = data / "provinces.csv"
    path.write_text(path.read_text().replace("130000,Hebei,河北,true", "130000,Hebei,河北,maybe"))
    msg = error_of(data)
    assert msg.startswith(f"{path}, row 3, column planned: expected true or false, got 'maybe'")


# ---------------------------------------------------------------- broken copies of the shipped data

SHIPPED = Path(__file__).parents[1] / "inputs" / "data"
needs_shipped = pytest.mark.skipif(
    not (SHIPPED / "power_capacity.csv").is_file(), reason="inputs/data not curated yet"
)


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    shutil.copytree(
        SHIPPED, tmp_path / "tables", ignore=shutil.ignore_patterns("*.py", "__pycache__")
    )
    return tmp_path


def load_shipped(folder: Path):
    return load_scenario("default", data_dir=folder / "tables")


@needs_shipped
def test_shipped_copy_negative_capacity(shipped: Path) -> None:
    set_cell(shipped, "power_capacity", 7, "capacity_gw", "-3.2")
    with pytest.raises(InputError) as info:
        load_shipped(shipped)
    assert str(info.value).startswith(
        f"{shipped / 'tables'}/power_capacity.csv, row 7, column capacity_gw: expected a number in [0, 2000]"
    )


@needs_shipped
def test_shipped_copy_unknown_province(shipped: Path) -> None:
    content = rows(shipped, "industry_capacity")
    column = content[0].index("region")
    content[10][column] = "Shangdong"
    write(shipped, "industry_capacity", content)
    with pytest.raises(InputError) as info:
        load_shipped(shipped)
    message = str(info.value)
    assert "industry_capacity.csv, row 11, column region" in message
    assert "got 'Shangdong'" in message and "did you mean" in message


@needs_shipped
def test_shipped_copy_loads_unbroken(shipped: Path) -> None:
    assert len(load_shipped(shipped).table("regions")) == 31


def test_supply_security_row_without_its_value(data: Path) -> None:
    set_cell(data, "supply_security", 2, "domestic_output_floor_share", "")
    msg = error_of(data)
    assert "supply_security.csv, row 2, column domestic_output_floor_share" in msg


def test_family_off_ignores_rows_of_sectors_not_planned(data: Path) -> None:
    """C20 is off in BASE_YAML: a supply_security row of a sector the data do not have is
    dropped, not refused; switched on, the same row is refused with a did-you-mean."""
    set_cell(data, "supply_security", 3, "sector", "glass")
    scenario = load(data)
    assert "glass" not in set(scenario.tables["supply_security"]["sector"])
    msg = error_of(data, BASE_YAML + "optional_families: {supply_security: true}\n")
    assert "supply_security.csv, row 3, column sector" in msg and "'glass'" in msg
