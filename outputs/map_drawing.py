"""Building blocks of the province maps: layers, colour scales and drawing helpers.

The geometry layers (provinces, maritime line, South China Sea inset; cached per projection),
the colour scales shared by the panels of a figure, and the functions that draw them on axes.
The public plotting functions are in :mod:`dualcarbon.outputs.maps`, which re-exports the
names of this module that belong to its interface.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass
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


# --- geometry layers (cached per projection) ------------------------------------------------


def resolve_crs(projection: str) -> str:
    """The CRS of a projection name (``"albers"``: the registry's China Albers; ``"lonlat"``)."""
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
class Layers:
    """Province, maritime-line and inset geometry as matplotlib paths, in one CRS."""

    crs: str
    regions: tuple[str, ...]
    regions_zh: tuple[str, ...]
    paths: tuple[MplPath, ...]
    points: np.ndarray  # (n, 2) anchor points in map coordinates
    maritime: tuple[MplPath, ...]
    main_extent: tuple[float, float, float, float]  # xmin, xmax, ymin, ymax
    inset_extent: tuple[float, float, float, float]


@functools.lru_cache(maxsize=4)
def map_layers(crs: str) -> Layers:
    """The geometry layers in ``crs``, built once per process and projection."""
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
    return Layers(
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


def values_by_region(data: pd.DataFrame, column: str, region_col: str) -> pd.Series:
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


def draw_provinces(
    ax: Axes,
    layers: Layers,
    rgba: np.ndarray,
    *,
    linewidth: float,
    edgecolor: str = BORDER_COLOUR,
    zorder: float = 1.0,
) -> None:
    """Draw every province as one patch (gid = region name) filled with its RGBA."""
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


def draw_maritime(ax: Axes, layers: Layers, *, linewidth: float) -> None:
    """Draw the dashed maritime boundary line."""
    from matplotlib.patches import PathPatch

    for path in layers.maritime:
        ax.add_artist(
            PathPatch(
                path, fill=False, edgecolor=MARITIME_LINE_COLOUR, linewidth=linewidth, zorder=3
            )
        )


def draw_inset(
    ax: Axes, layers: Layers, rgba: np.ndarray, lang: Language, font: str | None
) -> Axes:
    """Add the South China Sea inset at the bottom right of ``ax``."""
    inset = ax.inset_axes((0.85, 0.0, 0.15, 0.27))
    inset.set_gid(INSET_GID)
    # dark edges: white ones would hide islands a few pixels wide
    draw_provinces(inset, layers, rgba, linewidth=0.15, edgecolor=MARITIME_LINE_COLOUR)
    draw_maritime(inset, layers, linewidth=0.6)
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


def draw_map(
    ax: Axes,
    layers: Layers,
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
    draw_provinces(ax, layers, rgba, linewidth=0.3)
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
        draw_inset(ax, layers, rgba, lang, font)
    return rgba


def draw_colourbar(fig: Figure, scale: ColourScale, axes, label: str, font: str | None) -> None:
    """Add the colour bar of ``scale`` beside ``axes``, labelled ``label``."""
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


def new_figure(figsize: tuple[float, float]) -> Figure:
    """A bare matplotlib Figure of ``figsize`` inches (no pyplot)."""
    from matplotlib.figure import Figure

    # a bare Figure (no pyplot): nothing to close, no backend state shared between calls
    return Figure(figsize=figsize, layout="constrained")
