"""Provincial targets, C18 allowances and the inventory boundary of E_other (pure functions)."""

from __future__ import annotations

import pandas as pd
import pytest

from dualcarbon.models.targets import boundary_factors, intensity_targets, other_emissions

REGIONS = ["A", "B"]


def _targets(rows):
    return pd.DataFrame(rows, columns=["scope", "region", "year", "target", "value"])


def test_provincial_cut_and_chained_national_cut():
    """A's own 20 % cut 2020→2025 leaves 0.8 of its base intensity. B has no row: the national
    cut 2005→2030 of 65 % chained from 2005→2020 (48.4 % achieved) leaves 0.35/0.516 = 0.678 of
    2020 in 2030, for A and B alike.
    Provincial cuts are written in % (plans), national ones as shares (the targets table)."""
    targets = _targets(
        [
            ("provincial", "A", 2025, "carbon_intensity_cut_pct_2020_2025", 20.0),
            ("national", "China", 2030, "co2_intensity_reduction_vs_2005", 0.65),
            ("national", "China", 2020, "co2_intensity_reduction_vs_2005_achieved", 0.484),
        ]
    )
    caps, notes = intensity_targets(
        targets,
        2020,
        pd.Series({"A": 18.0, "B": 9.0}),
        pd.Series({"A": 1000.0, "B": 1000.0}),
        [2025, 2030],
    )
    assert caps["A", 2025] == pytest.approx(0.8)
    assert ("B", 2025) not in caps.index
    assert caps["B", 2030] == pytest.approx(0.35 / 0.516)
    assert caps["A", 2030] == pytest.approx(0.35 / 0.516)
    assert notes and "2030" in notes[0]


def test_boundary_factor_scales_down_only():
    """Steel's inventory row (9) is half its engineering emissions (18): κ = 0.5. Aluminium's row
    (the whole non-ferrous sector, 30) exceeds its modelled 10: κ stays 1, the excess is E_other."""
    inventory = pd.DataFrame(
        {
            "region": ["A", "A"],
            "year": [2019, 2019],
            "sector": ["steel", "aluminium"],
            "emissions_mtco2": [9.0, 30.0],
        }
    )
    modelled = pd.Series(
        [18.0, 10.0],
        index=pd.MultiIndex.from_tuples(
            [("A", "steel"), ("A", "aluminium")], names=["region", "sector"]
        ),
    )
    kappa = boundary_factors(inventory, modelled, ["A"], 2019)
    assert kappa["steel"] == pytest.approx(0.5)
    assert kappa["aluminium"] == pytest.approx(1.0)


def test_other_emissions_follow_their_components():
    """A's remainder 100 = other industry 30 + transport 20 + buildings 10 + agriculture 5 +
    heat (power_heat 60 − modelled power 40 = 20) + rest 15. In 2030 transport doubles, heat
    halves, the rest of the indices stay at 1: 30 + 40 + 10 + 5 + 10 + 15 = 110."""
    inventory = pd.DataFrame(
        {
            "region": "A",
            "year": 2019,
            "sector": [
                "other_industry",
                "transport",
                "buildings",
                "agriculture_construction",
                "power_heat",
            ],
            "emissions_mtco2": [30.0, 20.0, 10.0, 5.0, 60.0],
        }
    )
    path = pd.DataFrame(
        {
            "component": [
                "transport",
                "heat",
                "other_industry",
                "buildings",
                "agriculture_construction",
            ],
            "year": 2030,
            "index_vs_base": [2.0, 0.5, 1.0, 1.0, 1.0],
        }
    )
    e_other, split = other_emissions(
        inventory, 2019, pd.Series({"A": 100.0}), pd.Series({"A": 40.0}), path, [2030]
    )
    assert split.loc["A", "heat"] == pytest.approx(20.0)
    assert split.loc["A", "rest"] == pytest.approx(15.0)
    assert e_other["A", 2030] == pytest.approx(110.0)
