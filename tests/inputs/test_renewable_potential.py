"""Provenance of the solar PV and hydro rows of ``renewable_potential`` (issue 11).

Rows that rest on a share of a national figure must say ``assumption``; rows that cite a
provincial figure must reproduce it. Each check reads the shipped CSV only.
"""

from __future__ import annotations

from importlib import resources

import pandas as pd
import pytest

#: national rooftop PV potential shared among provinces, TWh/yr (Sustainability 15(4):3380, 2023)
ROOFTOP_NATIONAL_TWH = 6500.0
#: provinces whose hydro potential cites a provincial figure (read survey or the 2023 report's
#: provincial degree of exploitation); every other province rests on the national average degree
HYDRO_CITED = {"Tibet", "Qinghai", "Sichuan", "Yunnan"}
HYDRO_DEGREE_OTHER = 0.881


def _potential(technology: str) -> pd.DataFrame:
    with (
        resources.files("dualcarbon.inputs.data")
        .joinpath("renewable_potential.csv")
        .open(encoding="utf-8") as f
    ):
        table = pd.read_csv(f)
    return table[table["technology"] == technology].set_index("region")


def test_rooftop_shares_add_up_to_the_national_rooftop_potential():
    """The population shares written in each solar_pv row sum to the national 6.5 PWh/yr, and
    each row's potential is its utility part plus its rooftop part."""
    solar = _potential("solar_pv")
    assert len(solar) == 31
    parts = (
        solar["source_detail"]
        .str.extract(
            r"utility (?P<utility_gw>[\d.]+) GW .*?rooftop (?P<twh>\d+) TWh/yr / (?P<hours>\d+) h "
            r"= (?P<rooftop_gw>[\d.]+) GW"
        )
        .astype(float)
    )
    assert parts.notna().all().all(), parts[parts.isna().any(axis=1)]
    # each share is printed rounded to 1 TWh
    assert parts["twh"].sum() == pytest.approx(ROOFTOP_NATIONAL_TWH, abs=len(parts))
    assert (parts["twh"] / parts["hours"] * 1000).to_numpy() == pytest.approx(
        parts["rooftop_gw"].to_numpy(), abs=0.06 + 0.5 / parts["hours"].min() * 1000
    )
    assert solar["potential_gw"].to_numpy() == pytest.approx(
        (parts["utility_gw"] + parts["rooftop_gw"]).to_numpy(), abs=0.1
    )


def test_hydro_rows_without_a_provincial_figure_say_assumption():
    """Only the provinces with a cited provincial figure may drop the word assumption; the
    others divide their capacity by the national average degree of exploitation."""
    hydro = _potential("hydro")
    assert len(hydro) == 31
    cited = set(hydro.index[~hydro["source"].str.contains("assumption")])
    assert cited <= HYDRO_CITED, cited - HYDRO_CITED
    averaged = hydro[hydro["source"].str.contains("average degree of exploitation")]
    assert averaged["source"].str.startswith("assumption:").all()
    capacity_gw = averaged["source_detail"].str.extract(r"^([\d.]+) GW /", expand=False)
    assert capacity_gw.notna().all()
    assert averaged["potential_gw"].to_numpy() == pytest.approx(
        capacity_gw.astype(float).to_numpy() / HYDRO_DEGREE_OTHER, abs=0.01
    )


@pytest.mark.parametrize(
    ("region", "gw_read"),
    [("Tibet", 176.0), ("Qinghai", 24.0)],
)
def test_hydro_read_provincial_figures_are_reproduced(region: str, gw_read: float):
    hydro = _potential("hydro")
    row = hydro.loc[region]
    assert row["potential_gw"] == pytest.approx(gw_read)
