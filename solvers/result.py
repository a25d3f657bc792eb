"""The :class:`Result` of a planning run: tidy tables, metadata, and ways to save and plot them."""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from dualcarbon.outputs.units import unit_of
from dualcarbon.solvers.folders import (
    MARKER,
    clean_beside,
    make_staging,
    replace_folder,
)
from dualcarbon.solvers.status import ADVICE, SolveStatus

logger = logging.getLogger(__name__)

#: Tables every optimal result carries (name -> what one row is). Units are in the column names.
TABLES: dict[str, str] = {
    "national": "one milestone year: national emissions, cap, carbon price, cost",
    "emissions": "one region and year: production- and consumption-based emissions",
    "industry": "one region, sector, technology and year: capacity, builds, early retirements, output",
    "quota_transfers": "replacement quota sent from one region to another (sector, year)",
    "power": "one region, power technology and year: capacity, builds, retirements, generation",
    "flows": "one corridor and year: electricity sent, the exporter's intensity EFX, embodied CO2",
    "retrofits": "one region, retrofit measure and year: energy saved and investment",
    "leakage": "one region, sector and year: direct and electricity-indirect emissions taken in "
    "above the province's demand-scaled base (MODEL.md leak)",
    "transfer": "one region and year: production vs consumption emissions, CO2 embodied in "
    "electricity imports/exports, net transfer, relocation leakage",
    "economy": "one region and year: GDP, industrial value added, emerging industries, intensity",
    "costs": "one cost kind and year: present value, bn CNY",
    "cbam": "one region and year: carbon border cost exposure on exports",
    "duals": "one binding-capable row: family, index, shadow price in the period's money",
    "calibration": "one region: base-year inventory vs modelled share vs calibrated remainder",
    "electricity": "one region and year: electricity demand, generation, imports and exports",
    "validation": "one indicator: the first period against statistics, milestones against "
    "published pathways (band, within, deviation)",
}


class ResultNotOptimalError(RuntimeError):
    """Raised when a non-optimal result is asked for a plan (tables, maps, folders)."""


@dataclass
class Result:
    """The outcome of :func:`dualcarbon.solve`.

    Attributes
    ----------
    scenario : str
        Scenario name.
    status : SolveStatus
        How the solve ended; only ``optimal`` results carry tables.
    message : str
        One line for the user (what happened, what to do).
    objective_bn_cny : float or None
        Total discounted system cost, bn CNY (present value at base-year prices).
    tables : dict of str to pandas.DataFrame
        Tidy result tables (see :data:`TABLES`).
    metadata : dict
        Scenario fingerprint, package versions, solver status, model size and timings.
    """

    scenario: str
    status: SolveStatus
    message: str
    objective_bn_cny: float | None = None
    tables: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)

    # -- access -----------------------------------------------------------------------------
    @property
    def is_optimal(self) -> bool:
        """Whether this result is a proven optimal plan."""
        return self.status is SolveStatus.OPTIMAL

    def _require_plan(self, what: str) -> None:
        if not self.is_optimal:
            raise ResultNotOptimalError(
                f"scenario {self.scenario!r} is {self.status.value}, so it has no plan to {what}: "
                f"{self.message}"
            )

    def table(self, name: str) -> pd.DataFrame:
        """One result table by name (a copy).

        Parameters
        ----------
        name : str
            One of :data:`TABLES` (``"emissions"``, ``"industry"``, ``"duals"``, ...).
        """
        self._require_plan(f"read table {name!r} from")
        try:
            return self.tables[name].copy()
        except KeyError:
            raise KeyError(f"no result table {name!r}; tables: {sorted(self.tables)}") from None

    def summary(self) -> str:
        """The headline figures as a few lines of text."""
        lines = [f"scenario {self.scenario}: {self.status.value} ({self.message})"]
        if not self.is_optimal:
            return lines[0]
        lines.append(f"total discounted cost: {self.objective_bn_cny:,.1f} bn CNY")
        national = self.tables.get("national")
        if national is not None and not national.empty:
            peak = national.loc[national["emissions_mtco2"].idxmax()]
            lines.append(
                f"national emissions peak: {peak['emissions_mtco2']:,.0f} MtCO2 in {int(peak['period'])}; "
                f"{int(national['period'].iloc[-1])}: {national['emissions_mtco2'].iloc[-1]:,.0f} MtCO2"
            )
            if "cap_shadow_price_cny_per_t" in national:
                prices = ", ".join(
                    f"{int(p)}: {v:,.0f}"
                    for p, v in zip(
                        national["period"], national["cap_shadow_price_cny_per_t"], strict=True
                    )
                    if pd.notna(v)
                )
                lines.append(f"carbon shadow price of the national cap, CNY/tCO2: {prices}")
        leakage = self.tables.get("leakage")
        if leakage is not None and not leakage.empty:
            lines.append(
                f"carbon transfer (sum of leakage): {leakage['leakage_mtco2'].sum():,.2f} MtCO2"
            )
        transfer = self.tables.get("transfer")
        if transfer is not None and not transfer.empty:
            embodied = transfer.groupby("period")["embodied_exports_mtco2"].sum()
            lines.append(
                "CO2 embodied in inter-provincial electricity, MtCO2/yr: "
                + ", ".join(f"{int(p)}: {v:,.0f}" for p, v in embodied.items())
            )
        fixed_point = self.metadata.get("efx_fixed_point")
        if fixed_point and fixed_point.get("needed"):
            lines.append(
                "exporter intensities (EFX): "
                + ("converged" if fixed_point["converged"] else "NOT converged")
                + f" after {fixed_point['iterations']} solves, last change "
                f"{fixed_point['max_change_tco2_per_mwh']:.1e} tCO2/MWh"
            )
        timings = self.metadata.get("timings_s", {})
        if timings:
            lines.append("timings: " + ", ".join(f"{k} {v:.2f} s" for k, v in timings.items()))
        return "\n".join(lines)

    def __repr__(self) -> str:
        cost = (
            ""
            if self.objective_bn_cny is None
            else f", objective_bn_cny={self.objective_bn_cny:,.1f}"
        )
        return (
            f"<Result {self.scenario!r}: {self.status.value}{cost}, tables={sorted(self.tables)}>"
        )

    # -- plotting (delegates to dualcarbon.outputs; never solves) ---------------------------
    def _locate(self, variable: str) -> tuple[str, pd.DataFrame]:
        for name, frame in self.tables.items():
            if variable in frame.columns and "region" in frame.columns:
                return name, frame
        columns = sorted(
            {c for f in self.tables.values() if "region" in f.columns for c in f.columns}
            - {"region", "period", "sector", "technology", "measure", "carrier"}
        )
        raise KeyError(f"no regional result column {variable!r}; columns: {columns}")

    def regional(self, variable: str, period: int | None = None, **filters: Any) -> pd.DataFrame:
        """Values of one result column by region (summed over other dimensions).

        Parameters
        ----------
        variable : str
            A result column with a unit, e.g. ``"production_mtco2"``, ``"capacity_gw"``.
        period : int, optional
            Milestone year; all years if omitted.
        **filters
            Equality filters on other columns, e.g. ``technology="solar_pv"``.

        Returns
        -------
        pandas.DataFrame
            Columns ``region``, ``period`` and ``variable``.
        """
        self._require_plan("show")
        _, frame = self._locate(variable)
        for column, value in filters.items():
            if column not in frame.columns:
                raise KeyError(
                    f"cannot filter on {column!r}: not a column of the table of {variable!r}"
                )
            frame = frame[frame[column] == value]
        if period is not None:
            if period not in set(frame["period"]):
                raise ValueError(
                    f"period {period} not in the result; periods: {sorted(set(frame['period']))}"
                )
            frame = frame[frame["period"] == period]
        return frame.groupby(["region", "period"], as_index=False)[variable].sum()

    def plot_map(self, variable: str, period: int | None = None, **kwargs: Any):
        """A province choropleth of one result column in one milestone year.

        Parameters
        ----------
        variable : str
            Result column, e.g. ``"production_mtco2"`` (table ``emissions``) or ``"capacity_gw"``.
        period : int, optional
            Milestone year; defaults to the last one.
        **kwargs
            Filters on other columns (``technology="solar_pv"``, ``sector="steel"``) and options of
            :func:`dualcarbon.outputs.maps.plot_map` (``scheme``, ``k``, ``bins``, ``cmap``, ``lang``).

        Returns
        -------
        matplotlib.figure.Figure
        """
        from dualcarbon.outputs.maps import plot_map

        _, frame = self._locate(variable)
        filter_keys = [k for k in kwargs if k in frame.columns]
        filters = {k: kwargs.pop(k) for k in filter_keys}
        period = int(frame["period"].max()) if period is None else period
        data = self.regional(variable, period, **filters)
        label = ", ".join(f"{k}={v}" for k, v in filters.items())
        title = kwargs.pop("title", f"{variable} {period}" + (f" ({label})" if label else ""))
        return plot_map(data, variable, title=title, unit=unit_of(variable), **kwargs)

    def plot_periods(self, variable: str, periods: Iterable[int] | None = None, **kwargs: Any):
        """Small multiples: one province map of ``variable`` per milestone year, on one scale.

        Parameters
        ----------
        variable : str
            Result column, e.g. ``"production_mtco2"``.
        periods : iterable of int, optional
            Years to show (default: all).
        **kwargs
            Filters on other columns and options of
            :func:`dualcarbon.outputs.maps.plot_small_multiples`.
        """
        from dualcarbon.outputs.maps import plot_small_multiples

        _, frame = self._locate(variable)
        filters = {k: kwargs.pop(k) for k in list(kwargs) if k in frame.columns}
        data = self.regional(variable, **filters)
        if periods is not None:
            data = data[data["period"].isin(list(periods))]
        kwargs.setdefault("title", variable)
        return plot_small_multiples(
            data, variable, facet="period", unit=unit_of(variable), **kwargs
        )

    #: flow kinds -> (table, value column)
    FLOWS = {
        "electricity": ("flows", "electricity_twh"),
        "embodied_co2": ("flows", "embodied_co2_mt"),
        "quota": ("quota_transfers", "quota_mt"),
    }

    def plot_flows(self, kind: str = "electricity", period: int | None = None, **kwargs: Any):
        """Arrows between province centroids: corridor electricity, its embodied CO2, or
        replacement quota sent between provinces.

        Parameters
        ----------
        kind : {"electricity", "embodied_co2", "quota"}
        period : int, optional
            Milestone year (default: the last one).
        **kwargs
            Options of :func:`dualcarbon.outputs.maps.plot_flow_map`.
        """
        from dualcarbon.outputs.maps import plot_flow_map

        self._require_plan("draw")
        if kind not in self.FLOWS:
            raise ValueError(f"unknown flow kind {kind!r}; expected one of {sorted(self.FLOWS)}")
        table, column = self.FLOWS[kind]
        frame = self.tables[table]
        period = int(frame["period"].max()) if period is None and len(frame) else period
        chosen = frame[frame["period"] == period]
        data = chosen.groupby(["from_region", "to_region"], as_index=False)[column].sum()
        kwargs.setdefault("title", f"{kind.replace('_', ' ')} flows {period}")
        return plot_flow_map(data, column, unit=unit_of(column).replace("Mt/yr", "Mt"), **kwargs)

    # -- persistence -----------------------------------------------------------------------
    def to_folder(
        self, path: str | os.PathLike, *, maps: Iterable[tuple[str, int | None]] = ()
    ) -> Path:
        """Write the result folder completely or not at all.

        Tables go to ``tables/<name>.parquet`` (exact round trip) and ``tables/<name>.csv``
        (for people), metadata to ``metadata.json`` and maps to ``maps/<variable>_<period>.png``.
        Everything is written into a hidden staging folder beside ``path`` that takes its place
        only when complete; an old result there is kept until the new one is in place, and
        leftovers of interrupted writes beside it are tidied first
        (:mod:`dualcarbon.solvers.folders`).

        Parameters
        ----------
        path : path-like
            Destination folder: absent, empty, or a previous dualcarbon result (replaced). A
            folder holding anything else is refused, never deleted.
        maps : iterable of (variable, period)
            Province maps to render into the folder.

        Returns
        -------
        pathlib.Path
            The folder written.

        Raises
        ------
        ResultNotOptimalError
            If the result is not optimal: a non-optimal plan is never written as if it were.
        dualcarbon.solvers.folders.OutputFolderError
            If ``path`` holds files that are not a dualcarbon result.
        """
        from dualcarbon.solvers.folders import check_target

        self._require_plan("write")
        target = check_target(path, replace=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        clean_beside(target)
        staging = make_staging(target)
        try:
            tables_dir = staging / "tables"
            tables_dir.mkdir()
            for name, frame in self.tables.items():
                frame.to_parquet(tables_dir / f"{name}.parquet", index=False)
                frame.to_csv(tables_dir / f"{name}.csv", index=False)
            metadata = {
                **self.metadata,
                "scenario": self.scenario,
                "status": self.status.value,
                "message": self.message,
                "objective_bn_cny": self.objective_bn_cny,
                "tables": sorted(self.tables),
            }
            maps = list(maps)
            if maps:
                from dualcarbon.outputs.maps import save_figure

                (staging / "maps").mkdir()
                written = []
                for variable, period in maps:
                    figure = self.plot_map(variable, period)
                    shown = (
                        period
                        if period is not None
                        else int(self.tables[self._locate(variable)[0]]["period"].max())
                    )
                    file = staging / "maps" / f"{variable}_{shown}.png"
                    save_figure(figure, file)
                    written.append(f"maps/{file.name}")
                metadata["maps"] = written
            (staging / "metadata.json").write_text(
                json.dumps(metadata, indent=2, ensure_ascii=False, default=str), encoding="utf-8"
            )
            (staging / MARKER).write_text(
                json.dumps({"written_by": "dualcarbon", "scenario": self.scenario}) + "\n",
                encoding="utf-8",
            )
            replace_folder(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        logger.info("wrote %s", target)
        return target

    @classmethod
    def load(cls, path: str | os.PathLike) -> Result:
        """Read a folder written by :meth:`to_folder`.

        Parameters
        ----------
        path : path-like
            A result folder.
        """
        folder = Path(path)
        meta_file = folder / "metadata.json"
        if not meta_file.is_file():
            raise FileNotFoundError(f"{folder}: not a dualcarbon result folder (no metadata.json)")
        metadata = json.loads(meta_file.read_text(encoding="utf-8"))
        tables = {
            name: pd.read_parquet(folder / "tables" / f"{name}.parquet")
            for name in metadata.pop("tables")
        }
        return cls(
            scenario=metadata.pop("scenario"),
            status=SolveStatus(metadata.pop("status")),
            message=metadata.pop("message"),
            objective_bn_cny=metadata.pop("objective_bn_cny"),
            tables=tables,
            metadata=metadata,
        )

    @classmethod
    def not_optimal(cls, scenario: str, status: SolveStatus, metadata: Mapping[str, Any]) -> Result:
        """A result that records a failed solve (no tables)."""
        return cls(
            scenario=scenario, status=status, message=ADVICE[status], metadata=dict(metadata)
        )
