"""The shipped dataset: coverage, provenance and base-year consistency with the inventories."""

from __future__ import annotations

from importlib import resources

import pandas as pd
import pytest

import dualcarbon as dc
from dualcarbon.models.calibration import base_year_emissions, calibration_report

PROVINCE_TABLES = {
    # table -> filter selecting the rows that must cover all 31 provinces
    "economy": "variable == 'gdp'",
    "emissions_inventory": "sector == 'total'",
    "electricity_demand": "year == 2020",
    "power_capacity": None,
    "power_capacity_factors": None,
    "renewable_potential": None,
    "power_build_limits": None,
}


@pytest.fixture(scope="module")
def default():
    return dc.load_scenario("default")


def _raw(name: str) -> pd.DataFrame:
    with (
        resources.files("dualcarbon.inputs.data")
        .joinpath(f"{name}.csv")
        .open(encoding="utf-8") as f
    ):
        return pd.read_csv(f)


def _csv_tables() -> list[str]:
    return sorted(
        p.name.removesuffix(".csv")
        for p in resources.files("dualcarbon.inputs.data").iterdir()
        if p.name.endswith(".csv")
    )


@pytest.mark.parametrize("name", _csv_tables())
def test_every_numeric_row_names_its_source(name):
    table = _raw(name)
    assert "source" in table.columns, f"{name}.csv has no source column"
    numeric = table.select_dtypes("number").columns
    has_number = (
        table[numeric].notna().any(axis=1) if len(numeric) else pd.Series(False, table.index)
    )
    missing = table[has_number & table["source"].fillna("").str.strip().eq("")]
    assert missing.empty, f"{name}.csv rows without a source: {list(missing.index + 2)}"


@pytest.mark.parametrize("name", sorted(PROVINCE_TABLES))
def test_province_tables_cover_all_31_provinces(name, default):
    table = _raw(name)
    selection = PROVINCE_TABLES[name]
    if selection:
        table = table.query(selection)
    planned = set(default.table("regions")["region"])
    assert len(planned) == 31
    assert planned <= set(table["region"]), (
        f"{name}: missing {sorted(planned - set(table['region']))}"
    )


def test_base_year_emissions_match_the_inventory_within_half_a_percent(default):
    """The calibration (E_other) makes the model reproduce each province's inventory."""
    modelled = base_year_emissions(default)
    inventory = (
        default.table("emissions_inventory")
        .query("sector == 'total'")
        .set_index("region")["emissions_mtco2"]
    )
    relative = (modelled - inventory.reindex(modelled.index)).abs() / inventory.reindex(
        modelled.index
    )
    assert len(modelled) == 31
    assert (relative <= 0.005).all(), relative[relative > 0.005]


def test_calibration_report_splits_every_province(default):
    report = calibration_report(default)
    assert len(report) == 31
    parts = (
        report["modelled_industry_mtco2"] + report["modelled_power_mtco2"] + report["other_mtco2"]
    )
    assert parts.to_numpy() == pytest.approx(report["inventory_mtco2"].to_numpy(), rel=1e-9)
    # the modelled sectors (industry + power) are the bulk of China's CO2, as in the inventories
    national_share = (
        report["modelled_industry_mtco2"].sum() + report["modelled_power_mtco2"].sum()
    ) / report["inventory_mtco2"].sum()
    assert 0.5 < national_share < 1.0


def test_national_base_year_total_against_an_independent_figure(default):
    """Σ provinces (CEADs 2019, apparent consumption, + the Tibet assumption) against the Global
    Carbon Budget 2020 (Friedlingstein et al., ESSD 12, 3269–3340) national figure for China 2019,
    fossil fuels and cement: about 10.2 GtCO2. CEADs' provincial sums run above national
    inventories (apparent consumption, inter-provincial double counting), so the tolerance is 10 %."""
    total = default.table("emissions_inventory").query("sector == 'total'")["emissions_mtco2"].sum()
    assert total == pytest.approx(10_200, rel=0.10)
