"""Figures of a Monte Carlo run (:class:`dualcarbon.solvers.uncertainty.UncertaintyResult`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure


def plot_uncertainty(result: Any, kind: str = "cost", **kwargs: Any) -> Figure:
    """Draw one figure of an uncertainty run.

    Parameters
    ----------
    result : UncertaintyResult
        From :func:`dualcarbon.uncertainty`.
    kind : {"cost", "peak", "provinces", "sensitivity"}
        ``cost``: histogram of the total discounted cost (bn CNY) with its 5/50/95 % quantiles;
        ``peak``: peak year against peak level of national emissions, one dot per sample;
        ``provinces``: 5-95 % range and median of provincial emissions in ``period`` (default
        2030); ``sensitivity``: the first-order index S1 of every input for ``output`` (default
        the cost), most influential on top.
    **kwargs
        ``period`` (provinces), ``output`` (sensitivity).

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    kinds = {"cost": _cost, "peak": _peak, "provinces": _provinces, "sensitivity": _sensitivity}
    if kind not in kinds:
        raise ValueError(f"plot kind {kind!r} not in {sorted(kinds)}")
    figure, ax = plt.subplots(figsize=(7.5, 4.5) if kind != "provinces" else (10, 4.5))
    kinds[kind](result, ax, **kwargs)
    figure.tight_layout()
    return figure


def _cost(result: Any, ax: Any) -> None:
    cost = result.outputs()["objective_bn_cny"].dropna()
    ax.hist(cost, bins=max(5, min(30, len(cost) // 3)), color="#4c72b0", alpha=0.8)
    for q, style in ((0.05, ":"), (0.5, "-"), (0.95, ":")):
        ax.axvline(cost.quantile(q), color="k", linestyle=style, linewidth=1)
    ax.set_xlabel("total discounted system cost, bn CNY (lines: 5, 50, 95 %)")
    ax.set_ylabel("samples")
    ax.set_title(f"{result.sweep.scenario}: cost over {len(cost)} samples")


def _peak(result: Any, ax: Any) -> None:
    outputs = result.outputs()
    jitter = np.random.default_rng(0).uniform(-0.6, 0.6, len(outputs))  # years tie at milestones
    ax.scatter(outputs["peak_year"] + jitter, outputs["peak_level_mtco2"], s=14, alpha=0.7)
    ax.set_xlabel("peak year of national emissions (milestone, jittered)")
    ax.set_ylabel("peak level, MtCO2/yr")
    ax.set_title(f"{result.sweep.scenario}: national emission peak per sample")


def _provinces(result: Any, ax: Any, period: int = 2030) -> None:
    wide = result.province_emissions(period)
    q = wide.quantile([0.05, 0.5, 0.95]).T.sort_values(0.5, ascending=False)
    x = np.arange(len(q))
    ax.vlines(x, q[0.05], q[0.95], color="#4c72b0", linewidth=4, alpha=0.6, label="5-95 %")
    ax.plot(x, q[0.5], "o", color="k", markersize=3, label="median")
    ax.set_xticks(x, q.index, rotation=90, fontsize=7)
    ax.set_ylabel(f"production emissions {period}, MtCO2/yr")
    ax.legend(frameon=False)
    ax.set_title(f"{result.sweep.scenario}: provincial emissions in {period}")


def _sensitivity(result: Any, ax: Any, output: str = "objective_bn_cny") -> None:
    ranking = result.sensitivity(output).iloc[::-1]
    ax.barh(ranking["input"], ranking["S1"], xerr=ranking["S1_conf"], color="#dd8452")
    ax.axvline(0, color="k", linewidth=0.8)
    ax.set_xlabel(f"first-order index S1 (RBD-FAST) of {output}")
    ax.set_title(f"{result.sweep.scenario}: what drives {output}")
