"""Calibration: base-year emissions reproduce the inventory; negative remainders are reported."""

from __future__ import annotations

import logging

import pandas as pd
import pytest
from toys import BASE_YEAR, Toy, steel_toy

from dualcarbon.models import base_year_emissions, build_model, calibration_report, model_data

A, B = "A", "B"
P = 2025


def calibrated_toy() -> Toy:
    """A: 9 Mt of ``old`` steel (18 Mt) and 10 TWh of coal power (10 Mt), inventory 40 → 12
    rest of economy. B: no industry output, inventory 5."""
    toy = steel_toy({A: False, B: False})
    toy.rows["industry_production"] = [
        r for r in toy.rows["industry_production"] if r["region"] == A
    ]
    toy.power("coal", emission_factor_tco2_per_mwh=1.0).plant(A, "coal", 5.0)
    toy.add("power_generation", region=A, technology="coal", year=BASE_YEAR, generation_twh=10.0)
    toy.demand_twh(A, 10.0)
    toy.inventory = {A: 40.0, B: 5.0}
    return toy


def test_calibration_report_splits_the_inventory():
    report = calibration_report(calibrated_toy().scenario()).set_index("region")
    assert list(report.columns) == [
        "inventory_mtco2",
        "modelled_industry_mtco2",
        "modelled_power_mtco2",
        "other_mtco2",
        "modelled_share",
        "negative_remainder",
    ]
    assert report.loc[A, "modelled_industry_mtco2"] == pytest.approx(18.0)
    assert report.loc[A, "modelled_power_mtco2"] == pytest.approx(10.0)
    assert report.loc[A, "other_mtco2"] == pytest.approx(12.0)
    assert report.loc[B, "other_mtco2"] == pytest.approx(5.0)
    assert not report["negative_remainder"].any()


def test_base_year_emissions_equal_inventory():
    emissions = base_year_emissions(calibrated_toy().scenario())
    expected = pd.Series({A: 40.0, B: 5.0})
    assert (emissions - expected).abs().max() <= 0.005 * expected.max()


def test_model_expressions_at_base_values_reproduce_inventory():
    """Fix q and gen at base values (w = sav = f = 0) in a model whose E_other trend is 0:
    the Expression emis_prod must give each region's inventory."""
    scenario = calibrated_toy().scenario()
    model = build_model(scenario)
    data = model_data(model)
    for (r, s, k), q0 in data.rsk["q0_mt"].items():
        model.q[r, s, k, P].fix(q0)
    for (r, g), gen0 in data.rg["gen0_twh"].items():
        model.gen[r, g, P].fix(gen0)
    for r in model.R:
        model.w[r, P].fix(0)
    from pyomo.environ import value

    assert value(model.emis_prod[A, P]) == pytest.approx(40.0, rel=0.005)
    assert value(model.emis_prod[B, P]) == pytest.approx(5.0, rel=0.005)


def test_negative_remainder_is_reported(caplog):
    toy = calibrated_toy()
    toy.inventory = {A: 20.0, B: 5.0}  # below modelled 28
    with caplog.at_level(logging.WARNING, logger="dualcarbon.models.calibration"):
        report = calibration_report(toy.scenario()).set_index("region")
    assert report.loc[A, "other_mtco2"] == pytest.approx(-8.0)
    assert bool(report.loc[A, "negative_remainder"])
    assert "negative" in caplog.text and "A" in caplog.text


def test_c17_base_is_own_base_emissions_scaled_by_demand():
    """E0 = base output × 2 tCO2/t: A 18, B 6. Base national output 12 and demand 6 in 2025:
    each ceiling is half its own base (9 and 3), whatever the other province does."""
    toy = steel_toy({A: False, B: False}, demand=6.0)
    toy.rows["industry_production"] = []
    toy.add("industry_production", region=A, sector="steel", year=BASE_YEAR, output_mt=9.0)
    toy.add("industry_production", region=B, sector="steel", year=BASE_YEAR, output_mt=3.0)
    model = build_model(toy.scenario())
    assert float(model.sector_base_ceiling_mtco2[A, "steel", 2025]) == pytest.approx(9.0)
    assert float(model.sector_base_ceiling_mtco2[B, "steel", 2025]) == pytest.approx(3.0)


def test_other_electricity_is_the_projection_less_the_modelled_industries_on_their_path():
    """A consumes 100 TWh in 2025; its steel used 20 TWh in the base year and steel demand falls
    to half: the modelled industry is expected to use 10 TWh, so everything else uses 90 (not
    80 × 100/base-total growth). Where the projection is below the industry's own use, the rest
    is 0 and a note says so."""
    from dualcarbon.models.calibration import _other_electricity

    index = pd.MultiIndex.from_tuples([("A", 2025), ("B", 2025)], names=["region", "period"])
    total = pd.Series([100.0, 5.0], index=index)
    base = pd.Series(
        [20.0, 20.0],
        index=pd.MultiIndex.from_tuples(
            [("A", "steel"), ("B", "steel")], names=["region", "sector"]
        ),
    )
    demand_index = pd.Series(
        [0.5], index=pd.MultiIndex.from_tuples([("steel", 2025)], names=["sector", "period"])
    )
    notes: list[str] = []
    other = _other_electricity(total, base, demand_index, notes)
    assert other.to_dict() == {("A", 2025): 90.0, ("B", 2025): 0.0}
    assert len(notes) == 1 and "['B']" in notes[0]
