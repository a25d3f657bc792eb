"""`dc.compare` and the output commands (`map`, `compare`, `report`) on small solved plans."""

from __future__ import annotations

import pytest
from toys import steel_toy

import dualcarbon as dc
from dualcarbon.cli import main

P = 2025
REGIONS = {"Hebei": True, "Shanxi": False}


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    """Two provinces with 9 Mt/yr of coal-based steel each (18 MtCO2 each in the base year).

    ``free``: no cap, both keep producing 4.5 Mt each... any split of the 9 Mt demand costs the
    same, so the reference is capped instead: ``capped`` (national cap 50 % → 18 MtCO2 in all)
    against ``tight`` (25 % → 9 MtCO2): 4.5 Mt more of clean steel must replace coal steel, so
    national production emissions fall by exactly 9 MtCO2."""
    folder = tmp_path_factory.mktemp("plans")
    toy = steel_toy(REGIONS, demand=9.0)
    capped = dc.solve(toy.scenario(name="capped", national_cap={"share_of_base": {P: 0.5}}))
    tight = dc.solve(toy.scenario(name="tight", national_cap={"share_of_base": {P: 0.25}}))
    return capped, tight, capped.to_folder(folder / "capped"), tight.to_folder(folder / "tight")


def test_compare_table_national_difference_is_hand_checked(plans):
    capped, tight, *_ = plans
    comparison = dc.compare(capped, tight)
    table = comparison.table
    emissions = table[(table["variable"] == "production_mtco2") & (table["detail"] == "")]
    assert set(emissions["region"]) == set(REGIONS)
    assert emissions["difference"].sum() == pytest.approx(-9.0)
    assert (emissions["scenario"] == "tight").all() and (emissions["reference"] == "capped").all()
    objective = comparison.objectives.iloc[0]
    assert objective["difference_bn_cny"] == pytest.approx(
        tight.objective_bn_cny - capped.objective_bn_cny
    )
    assert "tight vs capped" in comparison.summary()


def test_compare_difference_map_is_centred_on_zero(plans):
    capped, tight, *_ = plans
    figure = dc.compare(capped, tight).plot_map("production_mtco2", P)
    (colourbar,) = [ax for ax in figure.axes if ax.get_ylabel() == "MtCO2/yr"]
    low, high = colourbar.get_ylim()
    assert low < 0 < high and low == pytest.approx(-high)


def test_compare_needs_two_results(plans):
    with pytest.raises(ValueError, match="at least one other"):
        dc.compare(plans[0])


def test_cli_map_compare_and_report(plans, tmp_path, capsys):
    *_, capped_dir, tight_dir = plans
    png = tmp_path / "map.png"
    assert (
        main(["map", str(capped_dir), "production_mtco2", "--period", str(P), "--out", str(png)])
        == 0
    )
    assert png.stat().st_size > 10_000
    svg = tmp_path / "diff.svg"
    table = tmp_path / "diff.csv"
    assert (
        main(["compare", str(capped_dir), str(tight_dir), "--out", str(svg), "--table", str(table)])
        == 0
    )
    assert "<svg" in svg.read_text()[:500] and table.read_text().startswith(
        "scenario,reference,region"
    )
    html = tmp_path / "report.html"
    assert main(["report", str(capped_dir), "--out", str(html)]) == 0
    text = html.read_text()
    assert text.count("data:image/png;base64,") >= 3 and "capped" in text


def test_cli_map_of_unknown_variable_is_one_clear_line(plans, tmp_path, capsys):
    *_, capped_dir, _ = plans
    assert main(["map", str(capped_dir), "no_such_mt", "--out", str(tmp_path / "x.png")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no_such_mt" in err[0]
