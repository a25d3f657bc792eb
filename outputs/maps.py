"""Publishable maps of provinces: choropleths, small multiples, differences and flows.

Every function takes tidy pandas DataFrames keyed by the registry's English ``region`` names
(never a solver object) and returns a :class:`matplotlib.figure.Figure`. Figures are created
without pyplot, so nothing is registered in pyplot's global state and no figure needs closing;
Jupyter still displays them inline.

Maps follow the conventions of official maps of China: Albers equal-area projection, Taiwan,
Hong Kong and Macau always drawn (grey where they carry no data), and the South China Sea
islands with the dashed maritime line in an inset at the bottom right.

Each province is one :class:`~matplotlib.patches.PathPatch` whose ``gid`` is its region name,
so SVG output carries one element per province (``id="Beijing"``) for later editing.
"""

from __future__ import annotations

import functools
import logging
import os
import tempfile
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.colors import Colormap, Normalize
    from matplotlib.figure import Figure
    from matplotlib.path import Path as MplPath

logger = logging.getLogger(__name__)

Scheme = Literal["quantiles", "natural_breaks", "equal_interval"]
Language = Literal["en", "zh"]

#: Fill of provinces without data (Taiwan, Hong Kong, Macau unless given data).
NO_DATA_COLOUR = "#d9d9d9"
BORDER_COLOUR = "#ffffff"
#: Fill of provinces under flow arrows.
BACKGROUND_COLOUR = "#ececec"
MARITIME_LINE_COLOUR = "#404040"
#: gid of the South China Sea inset axes and of the main map axes (for tests and SVG editing).
INSET_GID = "south_china_sea_inset"
MAP_GID = "map"
#: Extent of the South China Sea inset, lon/lat degrees (west, south, east, north).
INSET_EXTENT_LONLAT = (107.0, 3.0, 122.5, 23.0)
#: Room added right of the mainland for the inset, as a share of the map's width.
INSET_MARGIN = 0.14
#: The main map stops here, °N: what lies further south is shown in the inset.
MAIN_MAP_MIN_LAT = 17.5

_SCHEMES = {
    "quantiles": "Quantiles",
    "natural_breaks": "NaturalBreaks",
    "equal_interval": "EqualInterval",
}
_PROJECTIONS = {"albers": None, "lonlat": "EPSG:4326"}
_TEXT = {
    "no_data": {"en": "No data", "zh": "无数据"},
    "inset": {"en": "South China Sea Islands", "zh": "南海诸岛"},
}
#: Families tried first when looking for a font with Chinese glyphs.
_CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Sarasa Gothic SC",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
    "Droid Sans Fallback",
    "AR PL UMing CN",
)


# --- fonts and languages -------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def cjk_font_family() -> str | None:
    """Name of an installed font family with Chinese glyphs, or ``None``.

    Known families are looked up by name first; otherwise each installed font is checked for
    the glyph 中 (done once per process).
    """
    from matplotlib import font_manager, ft2font

    installed = {
        font.name: font.fname
        for font in font_manager.fontManager.ttflist
        # "Last Resort" maps every code point to placeholder boxes: not a real CJK font
        if "last resort" not in font.name.lower()
    }
    for family in _CJK_FAMILIES:
        if family in installed:
            return family
    for name, fname in installed.items():
        try:
            if ord("中") in ft2font.FT2Font(fname).get_charmap():
                return name
        except (OSError, RuntimeError, ValueError):  # unreadable font files are skipped
            continue
    return None


def _resolve_language(lang: str) -> tuple[Language, str | None]:
    """Effective language and font family; Chinese falls back to English without a CJK font."""
    if lang not in ("en", "zh"):
        raise ValueError(f"lang must be 'en' or 'zh', got {lang!r}")
    if lang == "en":
        return "en", None
    family = cjk_font_family()
    if family is None:
        warnings.warn(
            "lang='zh' needs a font with Chinese glyphs (e.g. apt-get install fonts-noto-cjk); "
            "none is installed, so the map is labelled in English",
            UserWarning,
            stacklevel=3,
        )
        return "en", None
    return "zh", family


# --- geometry layers (cached per projection) ------------------------------------------------


def _resolve_crs(projection: str) -> str:
    from dualcarbon.regions import CHINA_ALBERS

    crs = _PROJECTIONS.get(projection, projection)
    return CHINA_ALBERS if crs is None else crs


def _paths(geometry: np.ndarray) -> list[MplPath]:
    """One compound matplotlib Path per (multi)polygon, holes included, built without loops
    over vertices."""
    import shapely
    from matplotlib.path import Path as MplPath

    polygons, owner = shapely.get_parts(geometry, return_index=True)
    # exterior counter-clockwise, holes clockwise: the non-zero fill rule then cuts the holes
    polygons = shapely.orient_polygons(polygons)
    rings, ring_polygon = shapely.get_rings(polygons, return_index=True)
    coords, coord_ring = shapely.get_coordinates(rings, return_index=True)
    codes = np.full(len(coords), MplPath.LINETO, dtype=MplPath.code_type)
    starts = np.r_[True, coord_ring[1:] != coord_ring[:-1]]
    ends = np.r_[starts[1:], True]
    codes[starts] = MplPath.MOVETO
    codes[ends] = MplPath.CLOSEPOLY
    coord_owner = owner[ring_polygon[coord_ring]]
    cuts = np.searchsorted(coord_owner, np.arange(1, len(geometry)))
    return [
        MplPath(xy, c) for xy, c in zip(np.split(coords, cuts), np.split(codes, cuts), strict=True)
    ]


@dataclass(frozen=True)
class _Layers:
    crs: str
    regions: tuple[str, ...]
    regions_zh: tuple[str, ...]
    paths: tuple[MplPath, ...]
    points: np.ndarray  # (n, 2) anchor points in map coordinates
    maritime: tuple[MplPath, ...]
    main_extent: tuple[float, float, float, float]  # xmin, xmax, ymin, ymax
    inset_extent: tuple[float, float, float, float]


@functools.lru_cache(maxsize=4)
def _layers(crs: str) -> _Layers:
    import geopandas as gpd
    import shapely
    from matplotlib.path import Path as MplPath

    from dualcarbon.regions import provinces, representative_points, south_china_sea

    frame = provinces(crs=crs)
    geometry = frame.geometry.to_numpy()
    points = representative_points(crs=crs).geometry
    scs = south_china_sea(crs=crs).set_index("feature").geometry
    lines = shapely.get_parts(scs.loc["maritime_boundary"])
    maritime = tuple(MplPath(shapely.get_coordinates(line)) for line in lines)

    # main extent: the parts north of MAIN_MAP_MIN_LAT; the islands further south are the inset's
    north = shapely.get_y(shapely.centroid(shapely.get_parts(provinces().geometry.to_numpy())))
    projected_parts = shapely.get_parts(geometry)  # reprojection keeps the order of parts
    xmin, ymin, xmax, ymax = shapely.total_bounds(projected_parts[north >= MAIN_MAP_MIN_LAT])
    pad = 0.02 * (xmax - xmin)
    box = gpd.GeoSeries(
        [shapely.segmentize(shapely.box(*INSET_EXTENT_LONLAT), 0.5)], crs="EPSG:4326"
    )
    ixmin, iymin, ixmax, iymax = box.to_crs(crs).total_bounds
    return _Layers(
        crs=crs,
        regions=tuple(frame["region"]),
        regions_zh=tuple(frame["region_zh"]),
        paths=tuple(_paths(geometry)),
        points=shapely.get_coordinates(points.to_numpy()),
        maritime=maritime,
        main_extent=(xmin - pad, xmax + pad + INSET_MARGIN * (xmax - xmin), ymin - pad, ymax + pad),
        inset_extent=(ixmin, ixmax, iymin, iymax),
    )


# --- colour scales --------------------------------------------------------------------------


@dataclass(frozen=True)
class ColourScale:
    """A colormap with its normalisation; shared by every panel of one figure.

    Attributes
    ----------
    cmap : matplotlib.colors.Colormap
    norm : matplotlib.colors.Normalize
        ``BoundaryNorm`` for classified maps, ``TwoSlopeNorm`` centred on zero for continuous
        difference maps, ``Normalize`` otherwise.
    bins : numpy.ndarray or None
        Class edges (lowest value first) of a classified scale.
    """

    cmap: Colormap
    norm: Normalize
    bins: np.ndarray | None
    diverging: bool = False

    def colours(self, values: np.ndarray) -> np.ndarray:
        """RGBA rows for values; NaN gets :data:`NO_DATA_COLOUR`."""
        from matplotlib.colors import to_rgba

        filled = np.nan_to_num(np.asarray(values, dtype=float), nan=0.0)
        if self.bins is not None:
            # mapclassify's classes are closed above (x <= upper bound) but BoundaryNorm's are
            # closed below: colour each value by the midpoint of its mapclassify class
            upper = self.bins[1:]
            k = np.clip(np.searchsorted(upper, filled, side="left"), 0, len(upper) - 1)
            filled = 0.5 * (self.bins[k] + self.bins[k + 1])
        rgba = np.asarray(self.cmap(self.norm(filled)), dtype=float)
        if self.diverging and self.bins is not None:
            # zero is a class edge of a classified diverging scale: show it neutral, not negative
            rgba[np.asarray(values) == 0] = self.cmap(0.5)
        rgba[np.isnan(values)] = to_rgba(NO_DATA_COLOUR)
        return rgba


def _class_edges(values: np.ndarray, scheme: Scheme | None, k: int, bins: Sequence[float] | None):
    """Class edges from a mapclassify scheme or user bins, lowest value first."""
    import mapclassify

    if bins is not None:
        upper = np.asarray(sorted(bins), dtype=float)
        if values.max() > upper[-1]:
            upper = np.r_[upper, values.max()]
        lowest = min(values.min(), upper[0])
    else:
        if scheme not in _SCHEMES:
            raise ValueError(f"scheme must be None or one of {sorted(_SCHEMES)}, got {scheme!r}")
        k_eff = min(k, len(np.unique(values)))
        upper = getattr(mapclassify, _SCHEMES[scheme])(values, k=k_eff).bins
        lowest = values.min()
    edges = np.unique(np.r_[lowest, upper])
    if len(edges) < 2:  # one distinct value: one class around it
        edges = np.array([edges[0] - 0.5, edges[0] + 0.5])
    return edges


def colour_scale(
    values: np.ndarray | pd.Series,
    *,
    scheme: Scheme | None = None,
    k: int = 5,
    bins: Sequence[float] | None = None,
    cmap: str | Colormap = "viridis",
    diverging: bool = False,
) -> ColourScale:
    """Build the colour scale of a map from all the values it will show.

    Parameters
    ----------
    values : array-like
        Every value of every panel (NaN ignored), so that panels share one scale.
    scheme : {None, "quantiles", "natural_breaks", "equal_interval"}
        mapclassify scheme; ``None`` gives a continuous scale.
    k : int, default 5
        Number of classes of a scheme (per side of zero for a diverging scale).
    bins : sequence of float, optional
        User class upper bounds; take precedence over ``scheme``.
    cmap : str or Colormap
    diverging : bool, default False
        Centre the scale on zero with symmetric limits (and mirrored classes).
    """
    from matplotlib import colormaps
    from matplotlib.colors import BoundaryNorm, Normalize, TwoSlopeNorm

    colormap = colormaps[cmap] if isinstance(cmap, str) else cmap
    finite = np.asarray(values, dtype=float)
    finite = finite[np.isfinite(finite)]
    if finite.size == 0:
        raise ValueError("no finite values to colour: check the column and the filter")
    if not diverging:
        if scheme is None and bins is None:
            lo, hi = finite.min(), finite.max()
            if lo == hi:  # a constant field still needs a non-empty range
                lo, hi = lo - 0.5, hi + 0.5
            return ColourScale(colormap, Normalize(vmin=lo, vmax=hi), None)
        edges = _class_edges(finite, scheme, k, bins)
        return ColourScale(colormap, BoundaryNorm(edges, colormap.N), edges)

    magnitude = float(np.abs(finite).max()) or 1.0
    if scheme is None and bins is None:
        return ColourScale(colormap, TwoSlopeNorm(0.0, -magnitude, magnitude), None, diverging=True)
    # classes of |value| mirrored around zero, so that zero is always a class edge
    if bins is not None:
        positive = np.asarray([b for b in bins if b > 0], dtype=float)
    else:
        nonzero = np.abs(finite[finite != 0])
        positive = _class_edges(nonzero, scheme, k, None)[1:] if nonzero.size else np.empty(0)
    positive = np.unique(np.r_[positive, magnitude])
    edges = np.r_[-positive[::-1], 0.0, positive]
    return ColourScale(colormap, BoundaryNorm(edges, colormap.N), edges, diverging=True)


# --- drawing --------------------------------------------------------------------------------


def _values_by_region(data: pd.DataFrame, column: str, region_col: str) -> pd.Series:
    """Values indexed by region; unknown regions and duplicates are errors that say what to do."""
    from dualcarbon.regions import province_table

    missing = [c for c in (region_col, column) if c not in data.columns]
    if missing:
        raise KeyError(f"columns {missing} not in data; columns are {list(data.columns)}")
    known = set(province_table()["region"])
    unknown = sorted(set(data[region_col].astype(str)) - known)
    if unknown:
        raise ValueError(f"unknown regions {unknown}: use the English names of provinces.csv")
    duplicated = data[region_col][data[region_col].duplicated()].unique().tolist()
    if duplicated:
        raise ValueError(
            f"several rows for regions {duplicated[:5]}: filter to one period/sector first, "
            "or use plot_small_multiples(..., facet=...)"
        )
    return pd.to_numeric(data.set_index(region_col)[column], errors="raise").astype(float)


def _draw_provinces(
    ax: Axes,
    layers: _Layers,
    rgba: np.ndarray,
    *,
    linewidth: float,
    edgecolor: str = BORDER_COLOUR,
    zorder: float = 1.0,
) -> None:
    from matplotlib.patches import PathPatch

    for region, path, colour in zip(layers.regions, layers.paths, rgba, strict=True):
        # add_artist, not add_patch: data limits are set explicitly, and updating them
        # walks every vertex in Python (over a second per map)
        ax.add_artist(
            PathPatch(
                path,
                facecolor=colour,
                edgecolor=edgecolor,
                linewidth=linewidth,
                gid=region,
                zorder=zorder,
            )
        )


def _draw_maritime(ax: Axes, layers: _Layers, *, linewidth: float) -> None:
    from matplotlib.patches import PathPatch

    for path in layers.maritime:
        ax.add_artist(
            PathPatch(
                path, fill=False, edgecolor=MARITIME_LINE_COLOUR, linewidth=linewidth, zorder=3
            )
        )


def _draw_inset(
    ax: Axes, layers: _Layers, rgba: np.ndarray, lang: Language, font: str | None
) -> Axes:
    inset = ax.inset_axes((0.85, 0.0, 0.15, 0.27))
    inset.set_gid(INSET_GID)
    # dark edges: white ones would hide islands a few pixels wide
    _draw_provinces(inset, layers, rgba, linewidth=0.15, edgecolor=MARITIME_LINE_COLOUR)
    _draw_maritime(inset, layers, linewidth=0.6)
    xmin, xmax, ymin, ymax = layers.inset_extent
    inset.set_xlim(xmin, xmax)
    inset.set_ylim(ymin, ymax)
    inset.set_aspect("equal")
    inset.set_xticks([])
    inset.set_yticks([])
    for spine in inset.spines.values():
        spine.set_linewidth(0.6)
    inset.text(
        0.5,
        0.02,
        _TEXT["inset"][lang],
        transform=inset.transAxes,
        ha="center",
        va="bottom",
        fontsize=5,
        fontfamily=font,
    )
    return inset


def _draw_map(
    ax: Axes,
    layers: _Layers,
    values: pd.Series,
    scale: ColourScale,
    *,
    lang: Language,
    font: str | None,
    annotate: bool,
    inset: bool,
    no_data_legend: bool = True,
) -> np.ndarray:
    """Draw one choropleth panel into ``ax``; returns the RGBA of each province."""
    from matplotlib.patches import Patch

    aligned = values.reindex(list(layers.regions)).to_numpy(dtype=float)
    rgba = scale.colours(aligned)
    _draw_provinces(ax, layers, rgba, linewidth=0.3)
    xmin, xmax, ymin, ymax = layers.main_extent
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_gid(MAP_GID)
    if annotate:
        names = layers.regions_zh if lang == "zh" else layers.regions
        for name, (x, y) in zip(names, layers.points, strict=True):
            ax.annotate(name, (x, y), ha="center", va="center", fontsize=4, fontfamily=font)
    if no_data_legend and np.isnan(aligned).any():
        ax.legend(
            handles=[
                Patch(facecolor=NO_DATA_COLOUR, edgecolor="none", label=_TEXT["no_data"][lang])
            ],
            loc="lower left",
            frameon=False,
            fontsize=6,
            prop={"family": font, "size": 6} if font else None,
        )
    if inset:
        _draw_inset(ax, layers, rgba, lang, font)
    return rgba


def _colourbar(fig: Figure, scale: ColourScale, axes, label: str, font: str | None) -> None:
    from matplotlib.cm import ScalarMappable

    mappable = ScalarMappable(norm=scale.norm, cmap=scale.cmap)
    bar = fig.colorbar(
        mappable,
        ax=axes,
        shrink=0.6,
        pad=0.02,
        spacing="uniform" if scale.bins is not None else "proportional",
        ticks=scale.bins if scale.bins is not None else None,
        format="{x:.4g}",
    )
    bar.set_label(label, fontfamily=font)


def _new_figure(figsize: tuple[float, float]) -> Figure:
    from matplotlib.figure import Figure

    # a bare Figure (no pyplot): nothing to close, no backend state shared between calls
    return Figure(figsize=figsize, layout="constrained")


def plot_map(
    data: pd.DataFrame,
    column: str,
    *,
    region_col: str = "region",
    title: str | None = None,
    unit: str | None = None,
    scheme: Scheme | None = None,
    k: int = 5,
    bins: Sequence[float] | None = None,
    cmap: str | Colormap = "viridis",
    ax: Axes | None = None,
    lang: str = "en",
    projection: str = "albers",
    annotate: bool = False,
    inset: bool = True,
) -> Figure:
    """Choropleth of one value per province.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per region (filter periods/sectors first); regions absent or NaN are grey.
    column : str
        Column to map.
    region_col : str, default "region"
        Column with the English registry names.
    title : str, optional
    unit : str, optional
        Shown as the colourbar label (e.g. ``"MtCO2/yr"``); default the column name.
    scheme : {None, "quantiles", "natural_breaks", "equal_interval"}
        mapclassify classification; ``None`` for a continuous scale.
    k : int, default 5
        Number of classes of ``scheme``.
    bins : sequence of float, optional
        User class upper bounds (override ``scheme``).
    cmap : str or Colormap, default "viridis"
    ax : matplotlib.axes.Axes, optional
        Draw into this axes (its figure is returned); default a new figure.
    lang : {"en", "zh"}, default "en"
        Chinese labels need an installed CJK font; without one a warning is issued and
        English is used.
    projection : str, default "albers"
        ``"albers"`` (equal-area, :data:`dualcarbon.regions.CHINA_ALBERS`), ``"lonlat"`` or
        any CRS string pyproj accepts.
    annotate : bool, default False
        Write the province names at their anchor points.
    inset : bool, default True
        Draw the South China Sea islands inset (bottom right).

    Returns
    -------
    matplotlib.figure.Figure
    """
    language, font = _resolve_language(lang)
    values = _values_by_region(data, column, region_col)
    scale = colour_scale(values.to_numpy(), scheme=scheme, k=k, bins=bins, cmap=cmap)
    layers = _layers(_resolve_crs(projection))
    fig = _new_figure((7.5, 6.0)) if ax is None else ax.figure
    if ax is None:
        ax = fig.add_subplot()
    _draw_map(ax, layers, values, scale, lang=language, font=font, annotate=annotate, inset=inset)
    _colourbar(fig, scale, ax, unit or column, font)
    if title:
        ax.set_title(title, fontfamily=font)
    return fig


def _grid(n: int, ncols: int | None) -> tuple[int, int]:
    ncols = min(n, 3) if ncols is None else max(1, ncols)
    return -(-n // ncols), ncols


def _facets(
    data: pd.DataFrame, facet: str, column: str, region_col: str
) -> list[tuple[object, pd.Series]]:
    if facet not in data.columns:
        raise KeyError(f"facet column {facet!r} not in data; columns are {list(data.columns)}")
    return [
        (key, _values_by_region(group, column, region_col))
        for key, group in data.groupby(facet, sort=True)
    ]


def _panels(
    panels: list[tuple[object, pd.Series]],
    scale: ColourScale,
    *,
    title: str | None,
    label: str,
    lang: str,
    projection: str,
    ncols: int | None,
    annotate: bool,
    inset: bool,
    panel_size: tuple[float, float] = (3.6, 3.0),
) -> Figure:
    language, font = _resolve_language(lang)
    layers = _layers(_resolve_crs(projection))
    nrows, ncols = _grid(len(panels), ncols)
    width, height = panel_size
    fig = _new_figure((width * ncols + 1.0, height * nrows + (0.4 if title else 0.0)))
    axes = fig.subplots(nrows, ncols, squeeze=False).ravel()
    for i, (ax, (key, values)) in enumerate(zip(axes, panels, strict=False)):
        _draw_map(
            ax,
            layers,
            values,
            scale,
            lang=language,
            font=font,
            annotate=annotate,
            inset=inset,
            no_data_legend=i == 0,  # one "No data" key per figure is enough
        )
        ax.set_title(str(key), fontsize=9, fontfamily=font)
    for ax in axes[len(panels) :]:
        fig.delaxes(ax)
    _colourbar(fig, scale, list(axes[: len(panels)]), label, font)
    if title:
        fig.suptitle(title, fontfamily=font)
    return fig


def plot_small_multiples(
    data: pd.DataFrame,
    column: str,
    *,
    facet: str = "period",
    region_col: str = "region",
    title: str | None = None,
    unit: str | None = None,
    scheme: Scheme | None = None,
    k: int = 5,
    bins: Sequence[float] | None = None,
    cmap: str | Colormap = "viridis",
    ncols: int | None = None,
    lang: str = "en",
    projection: str = "albers",
    annotate: bool = False,
    inset: bool = True,
) -> Figure:
    """One choropleth per value of ``facet`` (e.g. period), all on the same colour scale.

    Classes (or the continuous range) are computed once from the values of every panel, so a
    colour means the same number in each panel. Parameters as :func:`plot_map`, plus

    Parameters
    ----------
    facet : str, default "period"
        Column whose sorted values give the panels.
    ncols : int, optional
        Panels per row (default up to 3).

    Returns
    -------
    matplotlib.figure.Figure
        One map axes per facet value (gid ``"map"``) and one shared colourbar.
    """
    panels = _facets(data, facet, column, region_col)
    if not panels:
        raise ValueError("no rows to plot")
    scale = colour_scale(
        data[column].to_numpy(dtype=float), scheme=scheme, k=k, bins=bins, cmap=cmap
    )
    return _panels(
        panels,
        scale,
        title=title,
        label=unit or column,
        lang=lang,
        projection=projection,
        ncols=ncols,
        annotate=annotate,
        inset=inset,
    )


def difference_frame(
    data_a: pd.DataFrame,
    data_b: pd.DataFrame,
    column: str,
    *,
    region_col: str = "region",
    facet: str | None = None,
) -> pd.DataFrame:
    """``data_b[column] − data_a[column]`` matched on region (and facet).

    Regions present in only one frame get NaN (drawn as no data), never a silent zero.
    """
    keys = [region_col] + ([facet] if facet else [])
    a = data_a[[*keys, column]].set_index(keys)[column]
    b = data_b[[*keys, column]].set_index(keys)[column]
    for name, frame in (("data_a", a), ("data_b", b)):
        if frame.index.duplicated().any():
            raise ValueError(f"{name} has several rows per {keys}: filter or aggregate first")
    return (b - a).rename(column).reset_index()


def plot_difference_map(
    data_a: pd.DataFrame,
    data_b: pd.DataFrame | None,
    column: str,
    *,
    region_col: str = "region",
    facet: str | None = None,
    title: str | None = None,
    unit: str | None = None,
    scheme: Scheme | None = None,
    k: int = 3,
    bins: Sequence[float] | None = None,
    cmap: str | Colormap = "RdBu_r",
    ncols: int | None = None,
    lang: str = "en",
    projection: str = "albers",
    annotate: bool = False,
    inset: bool = True,
) -> Figure:
    """Map of ``data_b − data_a`` on a diverging scale centred on zero.

    Parameters
    ----------
    data_a, data_b : pandas.DataFrame
        Reference and comparison (e.g. two scenarios). With ``data_b=None``, ``data_a``
        already holds the differences.
    column : str
        Column to difference and map.
    facet : str, optional
        One panel per value (e.g. ``"period"``), all on the same symmetric scale.
    scheme, k, bins
        As :func:`plot_map`; classes are mirrored around zero (``k`` per side).
    cmap : default "RdBu_r"
        Diverging colormap: blue below zero, red above.

    Returns
    -------
    matplotlib.figure.Figure
        Continuous scales use ``TwoSlopeNorm(vcenter=0)`` with limits ±max|difference|.
    """
    diff = (
        data_a
        if data_b is None
        else difference_frame(data_a, data_b, column, region_col=region_col, facet=facet)
    )
    scale = colour_scale(
        diff[column].to_numpy(dtype=float), scheme=scheme, k=k, bins=bins, cmap=cmap, diverging=True
    )
    label = unit or column
    if facet is None:
        panels = [(title or "", _values_by_region(diff, column, region_col))]
        fig = _panels(
            panels,
            scale,
            title=None,
            label=label,
            lang=lang,
            projection=projection,
            ncols=1,
            annotate=annotate,
            inset=inset,
            panel_size=(6.5, 5.2),  # a single map gets the size of plot_map's
        )
        return fig
    return _panels(
        _facets(diff, facet, column, region_col),
        scale,
        title=title,
        label=label,
        lang=lang,
        projection=projection,
        ncols=ncols,
        annotate=annotate,
        inset=inset,
    )


def plot_flow_map(
    flows: pd.DataFrame,
    value_col: str,
    *,
    from_col: str = "from_region",
    to_col: str = "to_region",
    title: str | None = None,
    unit: str | None = None,
    colour: str = "#c0392b",
    max_width_pt: float = 6.0,
    min_value: float = 0.0,
    ax: Axes | None = None,
    lang: str = "en",
    projection: str = "albers",
    inset: bool = True,
) -> Figure:
    """Arrows between province anchor points, line width proportional to the value.

    For inter-provincial electricity (TWh), embodied CO2 (MtCO2) or quota transfers (Mt).
    Negative values are drawn in the opposite direction; arrows curve so that the two
    directions of a pair stay apart.

    Parameters
    ----------
    flows : pandas.DataFrame
        One row per directed pair (filter periods first).
    value_col : str
    from_col, to_col : str
        English registry names.
    max_width_pt : float, default 6
        Line width of the largest flow, points.
    min_value : float, default 0
        Flows with ``|value| <= min_value`` are not drawn.

    Returns
    -------
    matplotlib.figure.Figure
        Each arrow is a ``FancyArrowPatch`` with gid ``"flow:<from>-><to>"``.
    """
    from matplotlib.colors import ListedColormap, Normalize
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    from dualcarbon.regions import province_table

    language, font = _resolve_language(lang)
    missing = [c for c in (from_col, to_col, value_col) if c not in flows.columns]
    if missing:
        raise KeyError(f"columns {missing} not in flows; columns are {list(flows.columns)}")
    known = set(province_table()["region"])
    unknown = sorted((set(flows[from_col]) | set(flows[to_col])) - known)
    if unknown:
        raise ValueError(f"unknown regions {unknown}: use the English names of provinces.csv")
    frame = flows[[from_col, to_col, value_col]].copy()
    if frame.duplicated([from_col, to_col]).any():
        raise ValueError(f"several rows per ({from_col}, {to_col}): filter the period or sum first")
    negative = frame[value_col] < 0
    frame.loc[negative, [from_col, to_col]] = frame.loc[negative, [to_col, from_col]].to_numpy()
    frame[value_col] = frame[value_col].abs()
    # a flipped negative row may now share its direction with a positive one: draw their sum
    frame = frame.groupby([from_col, to_col], as_index=False, sort=True)[value_col].sum()
    frame = frame[(frame[value_col] > min_value) & (frame[from_col] != frame[to_col])]

    layers = _layers(_resolve_crs(projection))
    fig = _new_figure((7.5, 6.0)) if ax is None else ax.figure
    if ax is None:
        ax = fig.add_subplot()
    background = ColourScale(ListedColormap([BACKGROUND_COLOUR]), Normalize(0.0, 1.0), None)
    zeros = pd.Series(0.0, index=list(layers.regions))  # every province drawn as background
    _draw_map(ax, layers, zeros, background, lang=language, font=font, annotate=False, inset=inset)
    position = dict(zip(layers.regions, map(tuple, layers.points), strict=True))
    largest = float(frame[value_col].max()) if len(frame) else 1.0
    for source, target, value in frame.itertuples(index=False):
        width = max_width_pt * value / largest
        ax.add_patch(
            FancyArrowPatch(
                position[source],
                position[target],
                arrowstyle="-|>",
                mutation_scale=6 + 2 * width,
                linewidth=width,
                color=colour,
                alpha=0.8,
                connectionstyle="arc3,rad=0.15",
                shrinkA=2,
                shrinkB=2,
                zorder=4,
                gid=f"flow:{source}->{target}",
            )
        )
    if len(frame):
        references = np.array([1.0, 0.5, 0.25]) * largest
        handles = [
            Line2D([], [], color=colour, linewidth=max_width_pt * r / largest, label=f"{r:.3g}")
            for r in references
        ]
        ax.legend(
            handles=handles,
            title=unit or value_col,
            loc="lower left",
            frameon=False,
            fontsize=7,
            title_fontsize=7,
        )
    if title:
        ax.set_title(title, fontfamily=font)
    return fig


def save_figure(fig: Figure, path: str | os.PathLike[str], *, dpi: int = 200, **kwargs) -> Path:
    """Write a figure to PNG, SVG or PDF (by suffix), atomically.

    The figure is rendered to a temporary file in the target folder and moved into place with
    :func:`os.replace`, so a crash never leaves a half-written file behind.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    path : path-like
        Target; the suffix (``.png``, ``.svg``, ``.pdf``) picks the format.
    dpi : int, default 200
        Resolution of raster output.
    **kwargs
        Passed to :meth:`matplotlib.figure.Figure.savefig`.

    Returns
    -------
    pathlib.Path
        The written path.
    """
    target = Path(path)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg", "pdf"):
        raise ValueError(f"unsupported suffix {target.suffix!r}: use .png, .svg or .pdf")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    try:
        fig.savefig(tmp, format=fmt, dpi=dpi, **{"bbox_inches": "tight", **kwargs})
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    logger.info("wrote %s", target)
    return target
