"""Figures of a sweep (``SweepResult.plot``): cost and carbon price against the cap, carbon
transfer by policy, emission pathways. Built without pyplot so they work on headless machines."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

PLOT_KINDS = ("cost_vs_cap", "price_vs_cap", "leakage_by_policy", "pathways")


class SweepLike(Protocol):
    """What the plots read of a sweep result: structural, so ``outputs`` imports nothing of
    ``solvers`` (:class:`dualcarbon.solvers.sweep_result.SweepResult` fits)."""

    table: pd.DataFrame
    names: list[str]
    scenario: str

    def metric(self, name: str, period: int | None = None) -> pd.DataFrame:
        """One metric as a wide frame (see ``SweepResult.metric``)."""


def plot_sweep(result: SweepLike, kind: str = "cost_vs_cap", **kwargs: Any) -> Figure:
    """A figure of the sweep.

    Parameters
    ----------
    kind : {"cost_vs_cap", "price_vs_cap", "leakage_by_policy", "pathways"}
        ``cost_vs_cap``: total cost against ``national_cap_scale``, one line per transfer
        policy (per combination of the other swept names). ``price_vs_cap``: the carbon
        shadow price of the national cap in one period (``period=``; default the milestone
        with the highest price across cases, where the cap binds hardest) against the cap
        scale. ``leakage_by_policy``: total carbon transfer per
        transfer policy as bars. ``pathways``: national emission pathways, a min–max fan and
        median per transfer policy, each case a thin line.
    **kwargs
        ``x`` (the swept name on the horizontal axis, default ``national_cap_scale``),
        ``period`` (price_vs_cap), ``figsize``.

    Returns
    -------
    matplotlib.figure.Figure
        Built without pyplot, so it works on headless machines; save with
        ``figure.savefig(path)``.
    """
    if kind not in PLOT_KINDS:
        close = difflib.get_close_matches(kind, PLOT_KINDS, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"unknown plot kind {kind!r}.{hint} Kinds: {', '.join(PLOT_KINDS)}")
    from matplotlib.figure import Figure

    figure = Figure(figsize=kwargs.pop("figsize", (7.0, 4.5)), layout="constrained")
    ax = figure.add_subplot()
    _KINDS[kind](result, ax, **kwargs)
    return figure


def _groups(
    result: SweepLike, frame: pd.DataFrame, exclude: Sequence[str]
) -> list[tuple[str, pd.DataFrame]]:
    """Split rows by the swept names other than ``exclude`` (transfer policy alone if that is all)."""
    others = [n for n in result.names if n not in exclude]
    if not others:
        return [("all cases", frame)]
    groups = []
    for key, rows in frame.groupby(others, sort=False, dropna=False):
        key = key if isinstance(key, tuple) else (key,)
        label = (
            str(key[0])
            if others == ["transfer_policy"]
            else ", ".join(f"{n}={v}" for n, v in zip(others, key, strict=True))
        )
        groups.append((label, rows))
    return groups


def _lines_against(
    result: SweepLike, ax: Any, metric: str, period: int | None, x: str, ylabel: str
) -> None:
    if x not in result.names:
        raise ValueError(
            f"this plot needs {x!r} among the swept names {result.names}; pass x=<a swept name>"
        )
    data = result.metric(metric, period)
    if not data[x].map(lambda v: isinstance(v, float)).all():
        raise ValueError(f"{x!r} is not numeric; choose a numeric swept name as x")
    for label, rows in _groups(result, data, exclude=[x]):
        rows = rows.sort_values(x)
        ax.plot(rows[x].astype(float), rows["value"], marker="o", label=label)
    hidden = int(data["value"].isna().sum())
    if hidden:
        ax.annotate(
            f"{hidden} case(s) without an optimal plan not shown",
            (0.01, 0.01),
            xycoords="axes fraction",
            fontsize=8,
            color="0.4",
        )
    ax.set_xlabel(x)
    ax.set_ylabel(ylabel)
    ax.grid(alpha=0.3)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(
            title="transfer policy"
            if "transfer_policy" in result.names and len(result.names) == 2
            else None,
            fontsize=8,
        )


def _plot_cost_vs_cap(result: SweepLike, ax: Any, x: str = "national_cap_scale") -> None:
    _lines_against(result, ax, "objective_bn_cny", None, x, "total discounted cost, bn CNY")
    ax.set_title(f"{result.scenario}: cost vs {x}")


def _plot_price_vs_cap(
    result: SweepLike, ax: Any, x: str = "national_cap_scale", period: int | None = None
) -> None:
    prices = result.table[result.table["metric"] == "cap_price_cny_per_t"]
    periods = sorted(int(p) for p in prices["period"].dropna().unique())
    if not periods:
        raise ValueError(
            "this sweep has no cap_price_cny_per_t metric (no national cap, or no optimal case)"
        )
    if period is None:
        # the milestone where the cap binds hardest across cases: the most telling year
        by_period = prices.assign(period=prices["period"].astype(int)).groupby("period")["value"]
        period = int(by_period.max().fillna(0.0).idxmax())
    _lines_against(
        result,
        ax,
        "cap_price_cny_per_t",
        period,
        x,
        f"carbon price of the national cap {period}, CNY/tCO2",
    )
    ax.set_title(f"{result.scenario}: shadow carbon price vs {x}")


def _plot_leakage_by_policy(result: SweepLike, ax: Any) -> None:
    data = result.metric("total_leakage_mtco2")
    category = "transfer_policy" if "transfer_policy" in result.names else None
    if category is None:
        labels = data["case_id"].astype(str)
        ax.bar(labels, data["value"].fillna(0.0))
        ax.set_xlabel("case")
    else:
        categories = list(dict.fromkeys(data[category]))
        groups = _groups(result, data, exclude=[category])
        width = 0.8 / len(groups)
        positions = np.arange(len(categories))
        for i, (label, rows) in enumerate(groups):
            values = rows.set_index(category)["value"].reindex(categories)
            ax.bar(
                positions + (i - (len(groups) - 1) / 2) * width,
                values.fillna(0.0),
                width,
                label=label if len(groups) > 1 else None,
            )
        ax.set_xticks(positions, categories)
        ax.set_xlabel("transfer policy")
        if len(groups) > 1:
            ax.legend(fontsize=8)
    ax.set_ylabel("carbon transfer (leakage), MtCO2 summed over milestones")
    ax.set_title(f"{result.scenario}: carbon transfer by policy")
    ax.grid(alpha=0.3, axis="y")


def _plot_pathways(result: SweepLike, ax: Any) -> None:
    data = result.metric("national_emissions_mtco2").dropna(subset=["period", "value"])
    if data.empty:
        raise ValueError("no optimal case has national emissions to draw")
    data = data.assign(period=data["period"].astype(int))
    groups = (
        [(str(k), rows) for k, rows in data.groupby("transfer_policy", sort=False)]
        if "transfer_policy" in result.names
        else [("all cases", data)]
    )
    for (label, rows), color in zip(groups, _colours(len(groups)), strict=True):
        wide = rows.pivot_table(index="period", columns="case_id", values="value")
        ax.plot(wide.index, wide.to_numpy(), color=color, alpha=0.25, linewidth=0.8)
        ax.fill_between(wide.index, wide.min(axis=1), wide.max(axis=1), color=color, alpha=0.15)
        ax.plot(
            wide.index,
            wide.median(axis=1),
            color=color,
            linewidth=2,
            label=f"{label} (median of {wide.shape[1]})",
        )
    ax.set_xticks(sorted(data["period"].unique()))
    ax.set_xlabel("year")
    ax.set_ylabel("national emissions, MtCO2/yr")
    ax.set_title(f"{result.scenario}: emission pathways across cases")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)


def _colours(n: int) -> list[Any]:
    from matplotlib import colormaps

    palette = colormaps["tab10"]
    return [palette(i % 10) for i in range(n)]


_KINDS = {
    "cost_vs_cap": _plot_cost_vs_cap,
    "price_vs_cap": _plot_price_vs_cap,
    "leakage_by_policy": _plot_leakage_by_policy,
    "pathways": _plot_pathways,
}
