"""Shipped policy and validation references: the inventory split, C18 allowances, the E_other path,
national statistics and published pathways hold together."""

from __future__ import annotations

from importlib import resources

import pandas as pd
import pytest

from dualcarbon.inputs.schemas import OTHER_EMISSION_COMPONENTS

PROVINCE_COUNT = 31
#: inventory rows that add up to ``total`` in the shipped table (``rest`` is for unsplit user data)
PARTS = (
    "power_heat", "steel", "cement", "flat_glass", "aluminium", "other_industry",
    "transport", "buildings", "agriculture_construction",
)  # fmt: skip


def _table(name: str) -> pd.DataFrame:
    with (
        resources.files("dualcarbon.inputs.data")
        .joinpath(f"{name}.csv")
        .open(encoding="utf-8") as f
    ):
        return pd.read_csv(f)


def test_inventory_components_add_up_to_the_total_in_every_province():
    inv = _table("emissions_inventory").pivot(
        index="region", columns="sector", values="emissions_mtco2"
    )
    assert len(inv) == PROVINCE_COUNT
    assert "rest" not in inv.columns, "the shipped inventory splits the remainder"
    assert inv[list(PARTS)].sum(axis=1).to_numpy() == pytest.approx(
        inv["total"].to_numpy(),
        rel=1e-5,  # CSV keeps 6 significant digits
    )


def test_every_province_has_a_non_negative_allowance():
    allowances = _table("climbing_peak_allowances")
    assert allowances["region"].nunique() == PROVINCE_COUNT
    assert (allowances["allowance_share"] >= 0).all()


def test_other_emissions_path_starts_at_one_for_every_component():
    path = _table("other_emissions_path")
    assert set(path["component"]) == set(OTHER_EMISSION_COMPONENTS)
    base = path[path["year"] == path["year"].min()]
    assert base["index_vs_base"].to_numpy() == pytest.approx(1.0)
    assert path.groupby("component")["year"].max().eq(2060).all()


def test_wind_plus_solar_statistic_is_the_sum_of_its_parts():
    stats = _table("national_statistics").pivot(index="year", columns="indicator", values="value")
    both = stats[["wind_gw", "solar_gw", "wind_solar_gw"]].dropna()
    assert len(both) >= 6
    assert (both["wind_gw"] + both["solar_gw"]).to_numpy() == pytest.approx(
        both["wind_solar_gw"].to_numpy()
    )


def test_pathway_bands_are_ordered_and_provincial_targets_cover_all_provinces():
    pathways = _table("published_pathways")
    assert (pathways["low"] <= pathways["high"]).all()
    targets = _table("targets")
    provincial = targets[targets["target"] == "energy_intensity_cut_pct_2020_2025"]
    assert provincial["region"].nunique() == PROVINCE_COUNT
