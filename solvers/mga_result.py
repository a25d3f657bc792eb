"""The result of :func:`dualcarbon.mga` and its out folder.

An MGA out folder holds

* ``mga.json``: the settings (scenario fingerprint, slack, metric, grouping, seed, ...), the
  optimum's cost and every alternative's direction (weights per province);
* ``cases/case=<id>.parquet``: one file per finished alternative (written atomically, through
  :class:`dualcarbon.solvers.sweep_store.SweepStore`): its metric rows, with its record (status,
  cost, timings) in the file's metadata. Alternative 0 is the least-cost optimum itself;
* ``tables/alt=<id>/``: the full result tables of each alternative, a result folder written
  completely or not at all (:meth:`dualcarbon.solvers.result.Result.to_folder`), before its
  ``cases`` file: an alternative counts as finished only once both are there.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from dualcarbon.solvers.result import Result
from dualcarbon.solvers.sweep_store import SweepStore

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

#: Format tag of ``mga.json``; a folder of another format is refused.
FOLDER_FORMAT = "dualcarbon-mga/1"
#: Settings that must match for a rerun to resume a folder.
SETTINGS = (
    "format",
    "scenario_fingerprint",
    "slack",
    "metric",
    "by",
    "n",
    "extremes",
    "seed",
    "efx",
)
#: Columns of :attr:`MGAResult.alternatives`.
#: The numeric columns of :attr:`MGAResult.alternatives`.
NUMERIC_COLUMNS = (
    "cost_bn_cny",
    "cost_ratio",
    "objective_value",
    "solve_seconds",
    "alternative_seconds",
    "efx_iterations",
    "efx_residual_tco2_per_mwh",
)
ALTERNATIVE_COLUMNS = (
    "alternative",
    "direction",
    "target",
    "status",
    *NUMERIC_COLUMNS,
    "worker",
    "message",
)


class MGAFolderError(ValueError):
    """The ``out`` folder holds other alternatives (another scenario, slack or setting)."""


def alternative_folder(root: Path, alternative: int) -> Path:
    """Where the full tables of one alternative are written."""
    return root / "tables" / f"alt={alternative:04d}"


class MGAStore:
    """The out folder of an MGA run (see the module text)."""

    def __init__(self, out: str | os.PathLike) -> None:
        self.root = Path(out)
        self.manifest_file = self.root / "mga.json"
        self.cases = SweepStore(self.root)  # its cases/ layout and atomic writes

    def read_manifest(self) -> dict[str, Any] | None:
        """The stored manifest, or None for a new folder."""
        if not self.manifest_file.exists():
            return None
        return json.loads(self.manifest_file.read_text(encoding="utf-8"))

    def check(self, settings: dict[str, Any]) -> dict[str, Any] | None:
        """The stored manifest if it holds these settings; None for a new folder.

        Raises
        ------
        MGAFolderError
            If the folder holds a run with other settings, or is not an MGA folder.
        """
        if self.root.exists() and not self.root.is_dir():
            raise MGAFolderError(f"out {self.root}: expected a folder, got a file")
        old = self.read_manifest()
        if old is None:
            if self.root.is_dir() and any(self.root.iterdir()):
                raise MGAFolderError(
                    f"out {self.root}: expected an absent or empty folder or an earlier MGA run "
                    "(mga.json), got other files; nothing was written"
                )
            return None
        new = json.loads(json.dumps(settings))  # compare as stored
        differing = [k for k in SETTINGS if old.get(k) != new.get(k)]
        if differing:
            details = ", ".join(
                f"{k} (folder {old.get(k)!r}, now {new.get(k)!r})" for k in differing
            )
            raise MGAFolderError(
                f"{self.root} holds another MGA run: its {details} differ. Resume only reruns "
                "the same MGA; write to a new folder or delete this one."
            )
        return old

    def start(self, manifest: dict[str, Any]) -> None:
        """Write the manifest of a new run (atomically)."""
        self.cases.cases_dir.mkdir(parents=True, exist_ok=True)
        temporary = self.manifest_file.with_name(f".mga.json.tmp{os.getpid()}")
        temporary.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, self.manifest_file)

    def finished(self) -> set[int]:
        """Alternatives with their metric file and their tables (failed ones: the file alone)."""
        done = set()
        frames, records = self.cases.load()
        for record in records:
            alternative = int(record["case_id"])
            if (
                record.get("status") != "optimal"
                or (alternative_folder(self.root, alternative) / "metadata.json").is_file()
            ):
                done.add(alternative)
        return done

    def write(self, result: Result | None, rows: pd.DataFrame, record: dict[str, Any]) -> None:
        """Write one alternative: its tables first, then its metric rows (the finished mark)."""
        if result is not None and result.is_optimal:
            result.to_folder(alternative_folder(self.root, int(record["case_id"])))
        self.cases.write(rows, record)


@dataclass
class MGAResult:
    """Near-optimal alternatives of a scenario (see :func:`dualcarbon.mga`).

    Attributes
    ----------
    alternatives : pandas.DataFrame
        One row per alternative (0 is the least-cost optimum): ``direction`` (``optimum``,
        ``min``, ``max``, ``random``), ``target`` (the region or macro-region pushed, or the
        random vector's number), ``status``, ``cost_bn_cny`` (total discounted system cost),
        ``cost_ratio`` (cost / optimum's cost), ``objective_value`` (the MGA objective),
        timings, EFX fixed-point solves, the largest gap between the plan's own exporter
        intensities and those it was charged (``efx_residual_tco2_per_mwh``) and the process
        that solved it (``worker``, ``host:pid``).
    metrics : pandas.DataFrame
        Of every alternative with a plan (optimal, or ``not_converged``: an EFX fixed point cut
        short; :meth:`spread` and the figures use optimal ones only). Long: ``alternative``, ``level`` (``province`` or ``macro_region``), ``region``,
        ``metric`` (``emissions_mtco2`` per milestone, MtCO2/yr; ``investment_bn_cny`` per
        milestone, present value; ``cumulative_emissions_mtco2``; ``cumulative_investment_bn_cny``),
        ``period`` (``<NA>`` for cumulative metrics), ``value``.
    settings : dict
        The manifest: slack, metric, grouping, seed, optimum cost, directions.
    out : pathlib.Path or None
        The out folder, if the run wrote one.
    """

    alternatives: pd.DataFrame
    metrics: pd.DataFrame
    settings: dict[str, Any]
    out: Path | None = None
    results: dict[int, Result] = field(default_factory=dict, repr=False)

    @property
    def scenario(self) -> str:
        """The scenario's name."""
        return str(self.settings.get("scenario", ""))

    @property
    def slack(self) -> float:
        """The cost slack: alternatives cost at most ``(1 + slack) ×`` the optimum."""
        return float(self.settings["slack"])

    def result(self, alternative: int) -> Result:
        """The full :class:`Result` of one alternative (from memory or the out folder)."""
        if alternative in self.results:
            return self.results[alternative]
        if self.out is not None:
            folder = alternative_folder(self.out, alternative)
            if (folder / "metadata.json").is_file():
                return Result.load(folder)
        known = sorted(self.alternatives["alternative"].tolist())
        raise KeyError(f"no tables for alternative {alternative!r}; alternatives: {known}")

    def table(self, name: str, alternative: int = 0) -> pd.DataFrame:
        """One full result table (as :meth:`Result.table`) of one alternative.

        The ``duals`` table is absent from alternatives other than 0: the shadow prices of a
        solve that minimised a region's metric are not prices of cost.
        """
        return self.result(alternative).table(name)

    def metric(self, metric: str = "emissions_mtco2", period: int | None = None) -> pd.DataFrame:
        """One metric wide: one row per alternative, one column per region.

        Parameters
        ----------
        metric : str
            A ``metric`` of :attr:`metrics`.
        period : int, optional
            Milestone year (per-period metrics); None for cumulative ones.
        """
        rows = self.metrics[self.metrics["metric"] == metric]
        if rows.empty:
            raise KeyError(
                f"no metric {metric!r}; metrics: {sorted(self.metrics['metric'].unique())}"
            )
        if period is None:
            rows = rows[rows["period"].isna()]
        else:
            rows = rows[rows["period"] == period]
        if rows.empty:
            periods = sorted(self.metrics.loc[self.metrics["metric"] == metric, "period"].dropna())
            raise KeyError(f"metric {metric!r} has no period {period!r}; periods: {periods}")
        return rows.pivot_table(index="alternative", columns="region", values="value")

    def spread(
        self, metric: str = "emissions_mtco2", period: int | None = 2030, level: str = "province"
    ) -> pd.DataFrame:
        """Range of each region's metric across the optimal alternatives.

        Returns
        -------
        pandas.DataFrame
            One row per region: ``optimum``, ``min``, ``max``, ``range`` (max − min) and
            ``range_pct`` (range as % of the optimum's value; NaN where that is ~0), sorted by
            ``range_pct`` descending.
        """
        optimal = self.alternatives.loc[self.alternatives["status"] == "optimal", "alternative"]
        rows = self.metrics[
            (self.metrics["level"] == level) & self.metrics["alternative"].isin(optimal)
        ]
        wide = MGAResult(self.alternatives, rows, self.settings).metric(metric, period)
        out = pd.DataFrame(
            {
                "optimum": wide.loc[0] if 0 in wide.index else float("nan"),
                "min": wide.min(),
                "max": wide.max(),
            }
        )
        out["range"] = out["max"] - out["min"]
        scale = out["optimum"].abs().where(out["optimum"].abs() > 1e-9)
        out["range_pct"] = 100.0 * out["range"] / scale
        out.index.name = "region"
        return out.sort_values("range_pct", ascending=False, na_position="last")

    def summary(self) -> str:
        """The alternatives, their costs and the regions that move most, as text."""
        alts = self.alternatives
        optimal = alts[alts["status"] == "optimal"]
        lines = [
            f"MGA of {self.scenario!r}: {len(alts)} alternatives ({len(optimal)} optimal), slack "
            f"{100 * self.slack:g} %, metric {self.settings.get('metric')} by "
            f"{self.settings.get('by')}; optimum {self.settings.get('optimum_cost_bn_cny', 0):,.1f} "
            "bn CNY",
            f"cost ratio to optimum: max {optimal['cost_ratio'].max():.4f}",
        ]
        periods = self.metrics["period"].dropna()
        if not periods.empty:
            period = 2030 if (periods == 2030).any() else int(periods.min())
            top = self.spread("emissions_mtco2", period).head(5)
            moved = ", ".join(f"{r} {v:.0f} %" for r, v in top["range_pct"].items())
            lines.append(f"largest spread of {period} emissions: {moved}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"MGAResult({self.scenario!r}, {len(self.alternatives)} alternatives)"

    def plot(self, kind: str = "strip", **kwargs: Any) -> Figure:
        """A figure of the alternatives (see :func:`dualcarbon.outputs.mga_plots.plot_mga`)."""
        from dualcarbon.outputs.mga_plots import plot_mga

        return plot_mga(self, kind, **kwargs)

    @classmethod
    def load(cls, out: str | os.PathLike) -> MGAResult:
        """Read the finished alternatives of an MGA out folder."""
        store = MGAStore(out)
        manifest = store.read_manifest()
        if manifest is None:
            raise FileNotFoundError(f"{out}: not an MGA folder (no mga.json)")
        frames, records = store.cases.load()
        return assemble(frames, records, manifest, Path(out))


def assemble(
    frames: list[pd.DataFrame],
    records: list[dict[str, Any]],
    manifest: dict[str, Any],
    out: Path | None,
    results: dict[int, Result] | None = None,
) -> MGAResult:
    """An :class:`MGAResult` from the alternatives' rows and records."""
    columns = ["alternative", "level", "region", "metric", "period", "value"]
    if frames:
        metrics = pd.concat(frames, ignore_index=True)
        metrics["period"] = metrics["period"].astype("Int64")
        metrics = metrics.sort_values(
            ["alternative", "level", "metric", "region", "period"], kind="stable", ignore_index=True
        )
    else:
        metrics = pd.DataFrame(columns=columns)
    rows = []
    for record in sorted(records, key=lambda r: int(r["case_id"])):
        row = {"alternative": int(record["case_id"])}
        row.update({k: record.get(k) for k in ALTERNATIVE_COLUMNS[1:]})
        rows.append(row)
    alternatives = pd.DataFrame(rows, columns=list(ALTERNATIVE_COLUMNS))
    numbers = list(NUMERIC_COLUMNS)
    alternatives[numbers] = alternatives[numbers].apply(pd.to_numeric, errors="coerce")
    return MGAResult(alternatives, metrics[columns], manifest, out, dict(results or {}))
