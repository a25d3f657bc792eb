"""Province maps: choropleths, small multiples, difference and flow maps, saving (headless)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import BoundaryNorm, to_rgba
from matplotlib.patches import FancyArrowPatch, PathPatch

from dualcarbon.outputs import maps
from dualcarbon.regions import province_table

PLANNED = province_table(planned_only=True)["region"].tolist()
GREY = to_rgba(maps.NO_DATA_COLOUR)


@pytest.fixture(autouse=True)
def _no_pyplot_leaks():
    """Maps are built without pyplot: none may be left registered; close any a test opened."""
    yield
    leaked = plt.get_fignums()
    plt.close("all")
    assert leaked == [], "a map function registered a figure with pyplot"


@pytest.fixture
def values() -> pd.DataFrame:
    """One value per planned province: 1, 2, ..., 31 in registry order."""
    return pd.DataFrame({"region": PLANNED, "emissions_mtco2": np.arange(1.0, 32.0)})


def _map_axes(fig):
    return [ax for ax in fig.axes if ax.get_gid() == maps.MAP_GID]


def _province_colours(ax) -> dict[str, tuple]:
    return {
        p.get_gid(): tuple(p.get_facecolor())
        for p in ax.patches
        if isinstance(p, PathPatch) and p.get_gid()
    }


def _colourbar_axes(fig):
    return [ax for ax in fig.axes if ax.get_label() == "<colorbar>"]


# --- choropleth -----------------------------------------------------------------------------


def test_plot_map_colours_31_provinces_and_greys_the_rest(values):
    fig = maps.plot_map(values, "emissions_mtco2", unit="MtCO2/yr", title="Emissions")
    (ax,) = _map_axes(fig)
    colours = _province_colours(ax)
    assert len(colours) == 34
    assert all(colours[r] != GREY for r in PLANNED)
    assert all(colours[r] == GREY for r in ("Hong Kong", "Macau", "Taiwan"))
    # continuous viridis: the smallest value is the colormap's bottom, the largest its top
    cmap = matplotlib.colormaps["viridis"]
    assert colours[PLANNED[0]] == pytest.approx(cmap(0.0))
    assert colours[PLANNED[-1]] == pytest.approx(cmap(1.0))
    assert ax.get_title() == "Emissions"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["No data"]


def test_plot_map_has_south_china_sea_inset_bottom_right(values):
    fig = maps.plot_map(values, "emissions_mtco2")
    (ax,) = _map_axes(fig)
    (inset,) = [child for child in ax.child_axes if child.get_gid() == maps.INSET_GID]
    x0, y0, width, height = inset.get_position().bounds
    main = ax.get_position()
    assert x0 > main.x0 + 0.5 * main.width and y0 < main.y0 + 0.5 * main.height
    # the inset shows the provinces (same colours) and the dashed maritime line
    assert _province_colours(inset) == _province_colours(ax)
    lines = [p for p in inset.patches if isinstance(p, PathPatch) and not p.get_fill()]
    assert len(lines) >= 9
    assert any(t.get_text() == "South China Sea Islands" for t in inset.texts)
    # the main map stops north of the Sansha islands, which the inset covers
    assert inset.get_ylim()[0] < ax.get_ylim()[0]


def test_colourbar_label_shows_the_unit(values):
    fig = maps.plot_map(values, "emissions_mtco2", unit="MtCO2/yr")
    (bar,) = _colourbar_axes(fig)
    assert bar.get_ylabel() == "MtCO2/yr"
    fig = maps.plot_map(values, "emissions_mtco2")
    assert _colourbar_axes(fig)[0].get_ylabel() == "emissions_mtco2"


@pytest.mark.parametrize("scheme", ["quantiles", "natural_breaks", "equal_interval"])
def test_classified_map_uses_k_classes(values, scheme):
    fig = maps.plot_map(values, "emissions_mtco2", scheme=scheme, k=4)
    colours = _province_colours(_map_axes(fig)[0])
    assert len({colours[r] for r in PLANNED}) == 4
    ticks = _colourbar_axes(fig)[0].get_yticks()
    assert len(ticks) == 5 and ticks[0] == 1.0 and ticks[-1] == 31.0


def test_user_bins_put_equal_classes_in_equal_colours(values):
    fig = maps.plot_map(values, "emissions_mtco2", bins=[10, 20])
    colours = _province_colours(_map_axes(fig)[0])
    classes = [colours[r] for r in PLANNED]
    # values 1..10 | 11..20 | 21..31 (the top class is added up to the maximum)
    assert len(set(classes[:10])) == len(set(classes[10:20])) == len(set(classes[20:])) == 1
    assert len(set(classes)) == 3


def test_plot_map_rejects_unknown_and_duplicated_regions(values):
    with pytest.raises(ValueError, match="unknown regions"):
        maps.plot_map(pd.DataFrame({"region": ["Atlantis"], "x": [1.0]}), "x")
    with pytest.raises(ValueError, match="filter to one period"):
        maps.plot_map(pd.concat([values, values]), "emissions_mtco2")
    with pytest.raises(KeyError, match="not in data"):
        maps.plot_map(values, "missing_column")


def test_chinese_labels_fall_back_to_english_without_cjk_font(values, monkeypatch):
    monkeypatch.setattr(maps, "cjk_font_family", lambda: None)
    with pytest.warns(UserWarning, match="Chinese glyphs"):
        fig = maps.plot_map(values, "emissions_mtco2", lang="zh")
    inset = _map_axes(fig)[0].child_axes[0]
    assert inset.texts[0].get_text() == "South China Sea Islands"


def test_chinese_labels_with_a_cjk_font(values, monkeypatch):
    # pretend DejaVu Sans is a CJK font: only the labelling logic is under test, not glyphs
    monkeypatch.setattr(maps, "cjk_font_family", lambda: "DejaVu Sans")
    fig = maps.plot_map(values, "emissions_mtco2", lang="zh", annotate=True)
    ax = _map_axes(fig)[0]
    assert ax.child_axes[0].texts[0].get_text() == "南海诸岛"
    labels = {t.get_text() for t in ax.texts}
    assert {"北京", "新疆", "台湾"} <= labels
    assert ax.child_axes[0].texts[0].get_fontfamily() == ["DejaVu Sans"]


# --- small multiples and differences --------------------------------------------------------


def test_small_multiples_one_panel_per_period_on_one_scale(values):
    later = values.assign(emissions_mtco2=values["emissions_mtco2"] * 2)
    later.loc[0, "emissions_mtco2"] = 1.0  # the first province keeps its value
    data = pd.concat([values.assign(period=2020), later.assign(period=2030)])
    fig = maps.plot_small_multiples(data, "emissions_mtco2", scheme="equal_interval", k=5)
    panels = _map_axes(fig)
    assert [ax.get_title() for ax in panels] == ["2020", "2030"]
    assert len(_colourbar_axes(fig)) == 1
    assert panels[0].get_legend() is not None and panels[1].get_legend() is None  # one key
    first, second = (_province_colours(ax) for ax in panels)
    # the same value has the same colour in both panels ...
    assert first[PLANNED[0]] == second[PLANNED[0]]
    # ... and bins come from both periods: 2020's maximum (31) is not the top class
    assert first[PLANNED[-1]] != second[PLANNED[-1]]
    ticks = _colourbar_axes(fig)[0].get_yticks()
    assert ticks[0] == 1.0 and ticks[-1] == 62.0


def test_difference_map_is_centred_on_zero(values):
    b = values.assign(emissions_mtco2=values["emissions_mtco2"] + np.linspace(-10, 30, 31))
    b.loc[b["region"] == "Hebei", "emissions_mtco2"] = values.loc[
        values["region"] == "Hebei", "emissions_mtco2"
    ]
    fig = maps.plot_difference_map(values, b, "emissions_mtco2", unit="MtCO2/yr")
    (ax,) = _map_axes(fig)
    (bar,) = _colourbar_axes(fig)
    low, high = bar.get_ylim()
    assert low == pytest.approx(-high) and high == pytest.approx(30.0)
    colours = _province_colours(ax)
    assert colours["Hebei"] == pytest.approx(matplotlib.colormaps["RdBu_r"](0.5))
    assert bar.get_ylabel() == "MtCO2/yr"


def test_difference_map_takes_a_difference_frame_and_facets(values):
    diff = pd.concat(
        [
            values.assign(period=2030, emissions_mtco2=values["emissions_mtco2"] - 5),
            values.assign(period=2060, emissions_mtco2=-values["emissions_mtco2"]),
        ]
    )
    fig = maps.plot_difference_map(diff, None, "emissions_mtco2", facet="period")
    assert [ax.get_title() for ax in _map_axes(fig)] == ["2030", "2060"]
    low, high = _colourbar_axes(fig)[0].get_ylim()
    assert low == pytest.approx(-31.0) and high == pytest.approx(31.0)


def test_diverging_classes_are_symmetric():
    scale = maps.colour_scale(
        np.array([-40.0, -5.0, 0.0, 3.0, 10.0, 80.0]), scheme="quantiles", k=3, diverging=True
    )
    assert isinstance(scale.norm, BoundaryNorm)
    assert np.allclose(scale.bins, -scale.bins[::-1]) and 0.0 in scale.bins
    assert scale.bins[-1] == 80.0
    colours = scale.colours(np.array([-40.0, 0.0, 80.0, np.nan]))
    cmap = matplotlib.colormaps["viridis"]
    assert tuple(colours[1]) == pytest.approx(cmap(0.5))  # zero is neutral, not negative
    assert tuple(colours[0]) == pytest.approx(cmap(0.0)) and tuple(colours[2]) == pytest.approx(
        cmap(1.0)
    )
    assert tuple(colours[3]) == GREY


def test_difference_frame_keeps_unmatched_regions_missing(values):
    b = values[values["region"] != "Tibet"]
    diff = maps.difference_frame(values, b, "emissions_mtco2")
    assert diff.set_index("region").loc["Tibet", "emissions_mtco2"] != 0
    assert np.isnan(diff.set_index("region").loc["Tibet", "emissions_mtco2"])


# --- flows ----------------------------------------------------------------------------------


def test_flow_map_draws_one_arrow_per_flow_with_width_by_value():
    flows = pd.DataFrame(
        {
            "from_region": ["Inner Mongolia", "Sichuan", "Yunnan", "Xinjiang", "Beijing"],
            "to_region": ["Beijing", "Jiangsu", "Guangdong", "Henan", "Hebei"],
            "electricity_twh": [100.0, 200.0, 50.0, -80.0, 0.0],
        }
    )
    fig = maps.plot_flow_map(flows, "electricity_twh", unit="TWh/yr", max_width_pt=8)
    (ax,) = _map_axes(fig)
    arrows = {p.get_gid(): p for p in ax.patches if isinstance(p, FancyArrowPatch)}
    # the zero flow is not drawn; the negative one is drawn the other way round
    assert set(arrows) == {
        "flow:Inner Mongolia->Beijing",
        "flow:Sichuan->Jiangsu",
        "flow:Yunnan->Guangdong",
        "flow:Henan->Xinjiang",
    }
    assert arrows["flow:Sichuan->Jiangsu"].get_linewidth() == pytest.approx(8.0)
    assert arrows["flow:Yunnan->Guangdong"].get_linewidth() == pytest.approx(2.0)
    assert ax.get_legend().get_title().get_text() == "TWh/yr"
    # provinces are a plain background, not "no data"
    assert len(set(_province_colours(ax).values())) == 1


def test_flow_map_rejects_unknown_regions_and_duplicates():
    with pytest.raises(ValueError, match="unknown regions"):
        maps.plot_flow_map(
            pd.DataFrame({"from_region": ["Atlantis"], "to_region": ["Beijing"], "v": [1.0]}), "v"
        )
    twice = pd.DataFrame(
        {"from_region": ["Hebei"] * 2, "to_region": ["Beijing"] * 2, "v": [1.0, 2.0]}
    )
    with pytest.raises(ValueError, match="several rows"):
        maps.plot_flow_map(twice, "v")


# --- saving ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "magic"), [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")]
)
def test_save_figure_writes_the_format_of_the_suffix(values, tmp_path, suffix, magic):
    fig = maps.plot_map(values, "emissions_mtco2")
    path = maps.save_figure(fig, tmp_path / "out" / f"map{suffix}")
    assert path.read_bytes().startswith(magic)
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left
    if suffix == ".svg":
        text = path.read_text()
        assert 'id="Beijing"' in text and 'id="Taiwan"' in text


def test_save_figure_rejects_unknown_suffix_and_leaves_nothing(values, tmp_path):
    fig = maps.plot_map(values, "emissions_mtco2")
    with pytest.raises(ValueError, match="unsupported suffix"):
        maps.save_figure(fig, tmp_path / "map.jpeg")
    assert list(tmp_path.iterdir()) == []
