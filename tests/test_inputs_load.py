"""Loading that works: typed tables, scope, overrides, extends, shipped scenarios, docs, catalogue."""

from __future__ import annotations

import pickle
import shutil
from importlib import resources
from pathlib import Path

import pytest

from dualcarbon.inputs.catalog import data_catalog, data_sources
from dualcarbon.inputs.config import schema_markdown
from dualcarbon.inputs.errors import InputError
from dualcarbon.inputs.load import load_config, load_scenario, shipped_scenarios

ROOT = Path(__file__).parents[1]
DATA = Path(__file__).parent / "data"
FIXTURE = dict(data_dir=DATA / "tables", registry=DATA / "provinces.csv")
SHIPPED = ["default", "fast-renewables", "high-growth", "leakage-allowed", "production-accounting"]


def test_fixture_tables_are_typed() -> None:
    scenario = load_scenario(DATA / "fixture.yaml", **FIXTURE)
    economy = scenario.table("economy")
    assert str(economy["year"].dtype) == "int64"
    assert str(economy["value_bn_cny"].dtype) == "float64"
    assert list(economy.index) == list(range(len(economy)))
    regions = scenario.table("regions")
    assert "Taiwan" not in set(regions["region"])  # not planned
    assert regions["key_region"].dtype == bool
    assert regions.set_index("region")["key_region"].to_dict()["Hebei"]


def test_regions_subset_restricts_every_table(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(
        f"extends: {DATA / 'fixture.yaml'}\nname: two\nregions: [Hebei, Inner Mongolia]\n"
    )
    scenario = load_scenario(tmp_path / "s.yaml", **FIXTURE)
    assert set(scenario.table("power_capacity")["region"]) == {"Hebei", "Inner Mongolia"}
    corridors = scenario.table("transmission_corridors")
    assert len(corridors) == 1 and corridors.iloc[0]["to_region"] == "Hebei"
    assert set(scenario.table("circular_resources")["region"]) == {"China", "Hebei"}


def test_overrides_set_and_scale(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(
        f"extends: {DATA / 'fixture.yaml'}\n"
        "overrides:\n"
        "  - {table: power_capacity, where: {region: Hebei, technology: coal}, set: {capacity_gw: 45}}\n"
        "  - {table: power_build_limits, where: {technology: solar_pv}, scale: {max_build_gw_per_yr: 1.5}}\n"
    )
    scenario = load_scenario(tmp_path / "s.yaml", **FIXTURE)
    assert scenario.name == "s"  # a file without name takes its stem
    cap = scenario.table("power_capacity").set_index(["region", "technology"])["capacity_gw"]
    assert cap["Hebei", "coal"] == 45 and cap["Beijing", "coal"] == 10
    limits = scenario.table("power_build_limits")
    assert (
        sorted(limits.loc[limits["technology"] == "solar_pv", "max_build_gw_per_yr"]) == [3.0] * 3
    )
    assert set(limits.loc[limits["technology"] == "onshore_wind", "max_build_gw_per_yr"]) == {2.0}


def test_extends_merges_mappings_and_appends_overrides(tmp_path: Path) -> None:
    (tmp_path / "child.yaml").write_text(
        "extends: fast-renewables\nname: child\nnational_cap: {share_of_base: {2030: 1.0}}\n"
        "overrides:\n  - {table: fuels, where: {fuel: coal}, set: {price_cny_per_tce: 900}}\n"
    )
    config, label, _ = load_config(tmp_path / "child.yaml")
    default, _, _ = load_config("default")
    assert label == str(tmp_path / "child.yaml")
    assert config.national_cap.share_of_base[2030] == 1.0
    assert config.national_cap.share_of_base[2060] == default.national_cap.share_of_base[2060]
    assert config.carbon_price_cny_per_t == default.carbon_price_cny_per_t
    assert [o.table for o in config.overrides][-1] == "fuels" and len(config.overrides) == 5


def test_shipped_scenarios_listed() -> None:
    assert shipped_scenarios() == SHIPPED


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_scenario_configs_validate(name: str) -> None:
    config, _, _ = load_config(name)
    assert config.name == name
    assert max(config.national_cap.share_of_base.values()) == pytest.approx(1.08)


def test_scenario_rules() -> None:
    assert load_config("leakage-allowed")[0].rule("no_climbing_peak") is False
    production = load_config("production-accounting")[0]
    assert production.rule("consumption_accounting") is False and production.rule("sector_share")
    assert (
        load_config("high-growth")[0].growth_floor.pct_per_yr
        > load_config("default")[0].growth_floor.pct_per_yr
    )
    infeasible = load_config(Path(__file__).parent / "scenarios" / "infeasible.yaml")[0]
    assert infeasible.national_cap.share_of_base[2030] == 0.5
    assert infeasible.growth_floor.pct_per_yr == 6.0


def _shipped_data_present() -> bool:
    return resources.files("dualcarbon.inputs.data").joinpath("economy.csv").is_file()


@pytest.mark.skipif(not _shipped_data_present(), reason="inputs/data tables not curated yet")
@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_scenarios_validate_against_shipped_data(name: str) -> None:
    scenario = load_scenario(name)
    assert len(scenario.table("regions")) == 31


def test_docs_scenarios_up_to_date() -> None:
    assert (ROOT / "docs" / "scenarios.md").read_text() == schema_markdown(), (
        "docs/scenarios.md is stale: regenerate it with dualcarbon.inputs.config.schema_markdown()"
    )


def test_every_config_field_documented() -> None:
    text = schema_markdown()
    for line in text.splitlines():
        if line.startswith("| `"):
            assert not line.endswith("|  |"), line


def test_input_error_pickles_and_is_one_line() -> None:
    err = InputError("a.csv", row=3, column="x", expected="a number", got="'y'", more=2)
    again = pickle.loads(pickle.dumps(err))
    assert (
        str(again)
        == str(err)
        == ("a.csv, row 3, column x: expected a number, got 'y' [and 2 more problems in this file]")
    )
    assert isinstance(again, ValueError) and again.row == 3


def test_data_catalog_on_fixture(tmp_path: Path) -> None:
    shutil.copytree(DATA / "tables", tmp_path / "tables")
    (tmp_path / "tables" / "carbon_border.csv").unlink()
    catalog = data_catalog(tmp_path / "tables", DATA / "provinces.csv").set_index("table")
    assert catalog.loc["economy", "rows"] == 6
    assert catalog.loc["economy", "regions"] == 3 and catalog.loc["economy", "regions_total"] == 3
    assert catalog.loc["electricity_demand", "years"] == "2020-2030"
    assert catalog.loc["carbon_border", "rows"] == 0
    sources = data_sources(tmp_path / "tables")
    assert set(sources.columns) == {"table", "source", "rows"}
    assert sources.set_index("table").loc["economy", "rows"] == 6


def test_unquoted_off_reads_as_off(tmp_path: Path) -> None:
    # YAML 1.1 turns an unquoted `off` into false; the scenario must still mean "off"
    (tmp_path / "s.yaml").write_text("name: s\ntransfer_policy: off\n")
    assert load_config(tmp_path / "s.yaml")[0].transfer_policy == "off"
