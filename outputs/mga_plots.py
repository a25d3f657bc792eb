"""Figures of near-optimal alternatives (``MGAResult.plot``): each province's burden across the
alternatives (strip chart), a map of that spread, and the objectives in parallel coordinates.
Built without pyplot so they work on headless machines."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

PLOT_KINDS = ("strip", "map", "parallel")
_UNITS = {
    "emissions_mtco2": "MtCO2/yr",
    "investment_bn_cny": "bn CNY (present value)",
    "cumulative_emissions_mtco2": "MtCO2 (cumulative)",
    "cumulative_investment_bn_cny": "bn CNY (present value)",
}


class MGALike(Protocol):
    """What the plots read of an MGA result: structural, so ``outputs`` imports nothing of
    ``solvers`` (:class:`dualcarbon.solvers.mga_result.MGAResult` fits)."""

    alternatives: pd.DataFrame
    metrics: pd.DataFrame
    settings: dict[str, Any]

    def spread(
        self, metric: str = ..., period: int | None = ..., level: str = ...
    ) -> pd.DataFrame: ...

    def metric(self, metric: str = ..., period: int | None = ...) -> pd.DataFrame: ...


def plot_mga(result: MGALike, kind: str = "strip", **kwargs: Any) -> Figure:
    """A figure of near-optimal alternatives.

    Parameters
    ----------
    kind : {"strip", "map", "parallel"}
        ``strip``: every alternative's value of each province (dots; the optimum a black bar,
        the min–max range a grey line), provinces sorted by the optimum's value. ``map``: a
        choropleth of each province's spread across alternatives, (max − min) as % of the
        optimum's value. ``parallel``: one line per alternative across the pushed regions'
        cumulative metric and the cost ratio, each axis scaled to its min–max.
    **kwargs
        ``metric`` (default ``emissions_mtco2``; ``investment_bn_cny`` and the
        ``cumulative_*`` metrics also work for ``strip`` and ``map``), ``period`` (default
        2030 if it is a milestone, else the first; ignored by cumulative metrics), ``level``
        (``province`` or ``macro_region``, strip only), ``figsize``; ``map`` passes other
        keywords to :func:`dualcarbon.outputs.maps.plot_map`.

    Returns
    -------
    matplotlib.figure.Figure
        Save with ``figure.savefig(path)``.
    """
    if kind not in PLOT_KINDS:
        close = difflib.get_close_matches(kind, PLOT_KINDS, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"unknown plot kind {kind!r}.{hint} Kinds: {', '.join(PLOT_KINDS)}")
    if kind == "parallel":
        return _parallel(result, **kwargs)
    metric = kwargs.pop("metric", "emissions_mtco2")
    period = None if metric.startswith("cumulative_") else kwargs.pop("period", _period(result))
    kwargs.pop("period", None)
    if kind == "strip":
        return _strip(result, metric, period, **kwargs)
    return _map(result, metric, period, **kwargs)


def _period(result: MGALike) -> int | None:
    periods = result.metrics["period"].dropna()
    if periods.empty:
        return None
    return 2030 if (periods == 2030).any() else int(periods.min())


def _optimal(result: MGALike) -> list[int]:
    alts = result.alternatives
    return alts.loc[alts["status"] == "optimal", "alternative"].astype(int).tolist()


def _label(metric: str, period: int | None) -> str:
    text = f"{metric} ({_UNITS.get(metric, '')})"
    return f"{text}, {period}" if period is not None else text


def _strip(
    result: MGALike,
    metric: str,
    period: int | None,
    *,
    level: str = "province",
    figsize: tuple[float, float] | None = None,
) -> Figure:
    from matplotlib.figure import Figure

    rows = result.metrics[
        (result.metrics["metric"] == metric)
        & (result.metrics["level"] == level)
        & result.metrics["alternative"].isin(_optimal(result))
    ]
    rows = rows[rows["period"].isna()] if period is None else rows[rows["period"] == period]
    if rows.empty:
        raise ValueError(f"no {level} values of {metric!r} for period {period!r} to plot")
    wide = rows.pivot_table(index="alternative", columns="region", values="value")
    order = (
        wide.loc[0].sort_values().index if 0 in wide.index else wide.median().sort_values().index
    )
    wide = wide[order]
    height = max(4.0, 0.22 * len(order) + 1.5)
    figure = Figure(figsize=figsize or (7.0, height), layout="constrained")
    ax = figure.add_subplot()
    y = np.arange(len(order))
    ax.hlines(y, wide.min(), wide.max(), color="0.75", linewidth=3, zorder=1)
    directions = result.alternatives.set_index("alternative")["direction"]
    colours = {"min": "tab:blue", "max": "tab:red", "random": "tab:green"}
    jitter = np.random.default_rng(0).uniform(-0.18, 0.18, size=len(wide))
    for offset, (alternative, values) in zip(jitter, wide.iterrows(), strict=True):
        if alternative == 0:
            continue
        kind = directions.get(alternative, "random")
        ax.scatter(
            values.to_numpy(), y + offset, s=12, color=colours.get(kind, "tab:gray"), zorder=2
        )
    if 0 in wide.index:
        ax.scatter(wide.loc[0].to_numpy(), y, marker="|", s=140, color="black", zorder=3)
    for kind, colour in colours.items():
        ax.scatter([], [], s=12, color=colour, label=f"{kind} direction")
    ax.scatter([], [], marker="|", s=80, color="black", label="least-cost optimum")
    ax.set_yticks(y, list(order), fontsize=8)
    ax.set_xlabel(_label(metric, period))
    slack = 100 * float(result.settings.get("slack", float("nan")))
    ax.set_title(
        f"{result.settings.get('scenario', '')}: {len(wide)} plans within {slack:g} % of least cost"
    )
    ax.grid(axis="x", alpha=0.3)
    ax.legend(fontsize=8, loc="lower right")
    return figure


def _map(result: MGALike, metric: str, period: int | None, **kwargs: Any) -> Figure:
    from dualcarbon.outputs.maps import plot_map

    spread = result.spread(metric, period, "province").reset_index()
    slack = 100 * float(result.settings.get("slack", float("nan")))
    when = f" {period}" if period is not None else ""
    kwargs.setdefault(
        "title", f"Spread of {metric}{when} across plans within {slack:g} % of least cost"
    )
    kwargs.setdefault("unit", "(max − min) / optimum, %")
    kwargs.setdefault("cmap", "magma_r")
    return plot_map(spread, "range_pct", **kwargs)


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3f}"


def _parallel(result: MGALike, *, figsize: tuple[float, float] | None = None) -> Figure:
    from matplotlib.figure import Figure

    settings = result.settings
    metric = f"cumulative_{settings.get('metric', 'emissions')}_"
    metric += "mtco2" if settings.get("metric", "emissions") == "emissions" else "bn_cny"
    level = "macro_region" if settings.get("by") == "macro_region" else "province"
    targets = [
        d["target"] for d in settings.get("directions", []) if d["direction"] in ("min", "max")
    ]
    targets = list(dict.fromkeys(targets))
    rows = result.metrics[
        (result.metrics["metric"] == metric)
        & (result.metrics["level"] == level)
        & result.metrics["alternative"].isin(_optimal(result))
    ]
    wide = rows.pivot_table(index="alternative", columns="region", values="value")
    if not targets:  # random directions only: the largest regions at the optimum
        targets = list(wide.loc[0].abs().sort_values(ascending=False).index[:6])
    wide = wide[[t for t in targets if t in wide.columns]]
    costs = result.alternatives.set_index("alternative")["cost_ratio"]
    wide["cost ratio"] = costs.reindex(wide.index)
    low, high = wide.min(), wide.max()
    scaled = (wide - low) / (high - low).where(high - low > 0, 1.0)
    figure = Figure(
        figsize=figsize or (max(6.0, 1.1 * wide.shape[1] + 2), 4.5), layout="constrained"
    )
    ax = figure.add_subplot()
    x = np.arange(wide.shape[1])
    directions = result.alternatives.set_index("alternative")["direction"]
    colours = {"optimum": "black", "min": "tab:blue", "max": "tab:red", "random": "tab:green"}
    for alternative, values in scaled.iterrows():
        kind = directions.get(alternative, "random")
        ax.plot(
            x,
            values.to_numpy(),
            color=colours.get(kind, "tab:gray"),
            linewidth=2.5 if alternative == 0 else 1.0,
            alpha=1.0 if alternative == 0 else 0.7,
            zorder=3 if alternative == 0 else 2,
        )
    for xi, column in enumerate(wide.columns):
        ax.axvline(xi, color="0.6", linewidth=0.8, zorder=1)
        ax.annotate(
            _number(high[column]),
            (xi, 1.0),
            xytext=(0, 4),
            textcoords="offset points",
            ha="center",
            fontsize=7,
        )
        ax.annotate(
            _number(low[column]),
            (xi, 0.0),
            xytext=(0, -10),
            textcoords="offset points",
            ha="center",
            fontsize=7,
        )
    for kind, colour in colours.items():
        ax.plot([], [], color=colour, label=kind)
    ax.set_xticks(x, list(wide.columns), rotation=30, ha="right", fontsize=8)
    ax.set_yticks([])
    ax.set_ylim(-0.12, 1.12)
    ax.set_title(f"Alternatives: {metric} and cost ratio (each axis min–max)", fontsize=10)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return figure
