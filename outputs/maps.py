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
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

# The building blocks live in map_drawing; its constants and colour scale belong to this
# module's interface too, so they are imported here by name.
from dualcarbon.outputs.map_drawing import (  # noqa: F401 - re-exported
    BACKGROUND_COLOUR,
    BORDER_COLOUR,
    INSET_EXTENT_LONLAT,
    INSET_GID,
    INSET_MARGIN,
    MAIN_MAP_MIN_LAT,
    MAP_GID,
    MARITIME_LINE_COLOUR,
    NO_DATA_COLOUR,
    ColourScale,
    Language,
    Scheme,
    colour_scale,
    draw_colourbar,
    draw_map,
    map_layers,
    new_figure,
    resolve_crs,
    values_by_region,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.colors import Colormap
    from matplotlib.figure import Figure

logger = logging.getLogger(__name__)

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
    values = values_by_region(data, column, region_col)
    scale = colour_scale(values.to_numpy(), scheme=scheme, k=k, bins=bins, cmap=cmap)
    layers = map_layers(resolve_crs(projection))
    fig = new_figure((7.5, 6.0)) if ax is None else ax.figure
    if ax is None:
        ax = fig.add_subplot()
    draw_map(ax, layers, values, scale, lang=language, font=font, annotate=annotate, inset=inset)
    draw_colourbar(fig, scale, ax, unit or column, font)
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
        (key, values_by_region(group, column, region_col))
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
    layers = map_layers(resolve_crs(projection))
    nrows, ncols = _grid(len(panels), ncols)
    width, height = panel_size
    fig = new_figure((width * ncols + 1.0, height * nrows + (0.4 if title else 0.0)))
    axes = fig.subplots(nrows, ncols, squeeze=False).ravel()
    for i, (ax, (key, values)) in enumerate(zip(axes, panels, strict=False)):
        draw_map(
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
    draw_colourbar(fig, scale, list(axes[: len(panels)]), label, font)
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
        panels = [(title or "", values_by_region(diff, column, region_col))]
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

    layers = map_layers(resolve_crs(projection))
    fig = new_figure((7.5, 6.0)) if ax is None else ax.figure
    if ax is None:
        ax = fig.add_subplot()
    background = ColourScale(ListedColormap([BACKGROUND_COLOUR]), Normalize(0.0, 1.0), None)
    zeros = pd.Series(0.0, index=list(layers.regions))  # every province drawn as background
    draw_map(ax, layers, zeros, background, lang=language, font=font, annotate=False, inset=inset)
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
