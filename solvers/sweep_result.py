"""``SweepResult``: the tables of a finished (or interrupted) sweep, its summary and plots."""

from __future__ import annotations

import difflib
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from dualcarbon.solvers.sweep_store import SweepStore, assemble, grid_from_manifest

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

logger = logging.getLogger(__name__)


# -- the result -----------------------------------------------------------------------------------
@dataclass
class SweepResult:
    """The outcome of :func:`dualcarbon.sweep`.

    Attributes
    ----------
    table : pandas.DataFrame
        Long and tidy: one row per case, metric and period (``period`` is ``<NA>`` for a metric
        without one), columns ``case_id``, the swept names, ``status``, ``metric``, ``period``,
        ``value``. Units are in the metric names. A failed case keeps one ``objective_bn_cny``
        row with value NaN and its status.
    cases : pandas.DataFrame
        One row per case: ``case_id``, the swept names, ``status``, ``message``,
        ``objective_bn_cny``, timings (seconds), whether the solve was warm-started, worker.
    names : list of str
        The swept policy names.
    scenario : str
        Scenario name.
    n_cases : int
        Number of cases in the grid (``len(cases)`` is smaller if a sweep was interrupted).
    out : pathlib.Path or None
        The folder the cases were written to.
    """

    table: pd.DataFrame
    cases: pd.DataFrame
    names: list[str]
    scenario: str
    n_cases: int
    out: Path | None = None
    metadata: dict[str, Any] = field(default_factory=dict, repr=False)

    # -- access -----------------------------------------------------------------------------
    def case_result(self, case_id: int):
        """The full result of one case of a sweep run with ``keep_tables=True``.

        Parameters
        ----------
        case_id : int

        Returns
        -------
        dualcarbon.solvers.result.Result
            Read from ``out/results/case=<id>``: every table, as :func:`dualcarbon.solve` gives.

        Raises
        ------
        FileNotFoundError
            If the case kept no tables (the sweep ran without ``keep_tables``, or the case did
            not end optimal).
        """
        from dualcarbon.solvers._sweep_worker import case_folder
        from dualcarbon.solvers.result import Result

        folder = (
            None if self.out is None else case_folder(SweepStore(self.out).results_dir, case_id)
        )
        if folder is None or not folder.is_dir():
            raise FileNotFoundError(
                f"case {case_id} kept no tables: run the sweep with keep_tables=True and out= "
                "(only optimal cases keep theirs)"
            )
        return Result.load(folder)

    @property
    def failed(self) -> pd.DataFrame:
        """The cases that did not end optimal, with their status and message."""
        return self.cases[self.cases["status"] != "optimal"]

    def metric(self, name: str, period: int | None = None) -> pd.DataFrame:
        """One metric as a wide frame: one row per case, the case columns and ``value``.

        Parameters
        ----------
        name : str
            Metric name, e.g. ``"objective_bn_cny"`` or ``"national_emissions_mtco2"``.
        period : int, optional
            Milestone year, for metrics per period (all periods as rows if omitted).
        """
        available = sorted(self.table["metric"].unique())
        if name not in available:
            close = difflib.get_close_matches(name, available, n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise KeyError(
                f"no metric {name!r} in this sweep.{hint} Metrics: {', '.join(available)}"
            )
        rows = self.table[self.table["metric"] == name]
        if period is not None:
            periods = sorted(int(p) for p in rows["period"].dropna().unique())
            if period not in periods:
                raise ValueError(f"metric {name!r} has no period {period}; periods: {periods}")
            rows = rows[rows["period"] == period]
        # failed cases have no row for this metric: keep them, with NaN, so they stay visible
        keys = self.cases[["case_id", *self.names, "status"]]
        merged = keys.merge(rows[["case_id", "period", "value"]], on="case_id", how="left")
        return merged.sort_values(["case_id", "period"], na_position="first").reset_index(drop=True)

    def summary(self, max_rows: int = 40) -> str:
        """Status counts and headline figures per case, as text."""
        axes = self.metadata.get("axes")
        over = (
            " × ".join(f"{n} ({len(v)})" for n, v in axes.items())
            if axes
            else f"{', '.join(self.names)} (explicit cases)"
        )
        lines = [f"sweep of scenario {self.scenario!r}: {self.n_cases} cases over {over}"]
        counts = self.cases["status"].value_counts()
        finished = len(self.cases)
        status_text = ", ".join(f"{count} {status}" for status, count in counts.items())
        missing = f"; {self.n_cases - finished} not run yet" if finished < self.n_cases else ""
        lines.append(f"status: {status_text or 'none finished'}{missing}")
        if self.out is not None:
            lines.append(f"folder: {self.out}")
        if not finished:
            return "\n".join(lines)
        headline = self.cases[["case_id", *self.names, "status", "objective_bn_cny"]].copy()
        emissions = self.table[self.table["metric"] == "national_emissions_mtco2"]
        if not emissions.empty:
            peaks = emissions.loc[
                emissions.groupby("case_id")["value"].idxmax(), ["case_id", "period", "value"]
            ]
            peaks = peaks.rename(columns={"period": "peak_year", "value": "peak_mtco2"})
            headline = headline.merge(peaks, on="case_id", how="left")
        leakage = self.table[self.table["metric"] == "total_leakage_mtco2"]
        if not leakage.empty:
            headline = headline.merge(
                leakage[["case_id", "value"]].rename(columns={"value": "leakage_mtco2"}),
                on="case_id",
                how="left",
            )
        solve = self.cases["solve_seconds"].dropna()
        if not solve.empty:
            lines.append(
                f"solve time per case: median {solve.median():.2f} s, max {solve.max():.2f} s"
            )
        with pd.option_context(
            "display.width",
            160,
            "display.max_columns",
            None,
            "display.float_format",
            "{:,.2f}".format,
        ):
            shown = headline.head(max_rows).to_string(index=False)
        lines.append(shown)
        if len(headline) > max_rows:
            lines.append(f"... {len(headline) - max_rows} more cases (see .cases)")
        failed = self.failed
        for _, row in failed.head(5).iterrows():
            lines.append(f"case {row['case_id']} {row['status']}: {row['message']}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        counts = ", ".join(f"{c} {s}" for s, c in self.cases["status"].value_counts().items())
        return f"<SweepResult {self.scenario!r}: {len(self.cases)}/{self.n_cases} cases ({counts}) over {self.names}>"

    # -- plots ------------------------------------------------------------------------------
    def plot(self, kind: str = "cost_vs_cap", **kwargs: Any) -> Figure:
        """A figure of the sweep: ``kind`` is one of ``cost_vs_cap``, ``price_vs_cap``,
        ``leakage_by_policy``, ``pathways``; the kinds and options are documented once, in
        :func:`dualcarbon.outputs.sweep_plots.plot_sweep`, which draws it.

        Returns
        -------
        matplotlib.figure.Figure
        """
        # imported here: plotting (matplotlib) is loaded only when a figure is asked for
        from dualcarbon.outputs.sweep_plots import plot_sweep

        return plot_sweep(self, kind, **kwargs)

    # -- persistence ------------------------------------------------------------------------
    @classmethod
    def load(cls, out: str | os.PathLike) -> SweepResult:
        """Read the finished cases of a sweep folder (also of a sweep still running or stopped)."""
        store = SweepStore(out)
        if not store.manifest_file.is_file():
            raise FileNotFoundError(f"{out}: not a sweep folder (no grid.json)")
        manifest = json.loads(store.manifest_file.read_text(encoding="utf-8"))
        case_grid = grid_from_manifest(manifest)
        frames, records = store.load()
        table, cases = assemble(frames, records, case_grid)
        return cls(
            table,
            cases,
            case_grid.names,
            manifest["scenario"],
            len(case_grid),
            store.root,
            {"axes": case_grid.axes, "scenario_fingerprint": manifest["scenario_fingerprint"]},
        )
