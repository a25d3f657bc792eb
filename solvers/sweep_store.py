"""The ``out`` folder of a sweep: ``grid.json``, one Parquet file per finished case, the tables."""

from __future__ import annotations

import json
import logging
import os
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from dualcarbon.inputs.scenario import Scenario
from dualcarbon.solvers._sweep_worker import CaseOutput, MetricFunction
from dualcarbon.solvers.sweep_grid import CaseGrid, decode, encode, jsonable, key_text

logger = logging.getLogger(__name__)

#: Format tag of ``grid.json``; a folder written by another format is refused.
FOLDER_FORMAT = "dualcarbon-sweep/1"
_CASE_METADATA_KEY = b"dualcarbon.case"


class SweepFolderError(ValueError):
    """The ``out`` folder holds a different sweep (other cases, scenario, metrics or options)."""


# -- the out folder -------------------------------------------------------------------------------
def _case_file(cases_dir: Path, case_id: int) -> Path:
    return cases_dir / f"case={case_id:04d}.parquet"


def _case_id_of(path: Path) -> int | None:
    stem = path.name.removesuffix(".parquet")
    if not stem.startswith("case=") or not path.name.endswith(".parquet"):
        return None
    try:
        return int(stem.removeprefix("case="))
    except ValueError:
        return None


def metric_names(metrics: Mapping[str, MetricFunction | str]) -> list[str]:
    return [
        spec
        if isinstance(spec, str)
        else f"{name}={getattr(spec, '__module__', '?')}.{getattr(spec, '__qualname__', spec)}"
        for name, spec in metrics.items()
    ]


class SweepStore:
    """The ``out`` folder of a sweep: ``grid.json`` plus one Parquet file per finished case."""

    def __init__(self, out: str | os.PathLike) -> None:
        self.root = Path(out)
        self.cases_dir = self.root / "cases"
        #: full result folders of the cases of a sweep run with ``keep_tables``
        self.results_dir = self.root / "results"
        self.manifest_file = self.root / "grid.json"

    def prepare(self, manifest: dict[str, Any]) -> None:
        """Create the folder, or check that it holds this very sweep (refuse another one)."""
        self.cases_dir.mkdir(parents=True, exist_ok=True)
        # temporary files of a writer that was killed mid-write are never a finished case
        for stale in self.cases_dir.glob(".case=*.tmp*"):
            stale.unlink(missing_ok=True)
        if self.manifest_file.exists():
            old = json.loads(self.manifest_file.read_text(encoding="utf-8"))
            new = json.loads(json.dumps(manifest))  # compare as stored
            differing = [
                key
                for key in ("format", "scenario_fingerprint", "cases", "metrics", "solver_options")
                if old.get(key) != new.get(key)
            ]
            if differing:
                what = {
                    "format": "folder format",
                    "scenario_fingerprint": f"scenario (folder: {old.get('scenario')!r}, "
                    f"fingerprint {str(old.get('scenario_fingerprint'))[:12]}; now {manifest['scenario']!r}, "
                    f"{manifest['scenario_fingerprint'][:12]})",
                    "cases": f"grid ({len(old.get('cases', []))} cases over {old.get('names')}; now "
                    f"{len(manifest['cases'])} cases over {manifest['names']})",
                    "metrics": "metrics",
                    "solver_options": "solver options",
                }
                raise SweepFolderError(
                    f"{self.root} holds another sweep: its {', '.join(what[k] for k in differing)} "
                    "differ. Resume only reruns the same sweep; write to a new folder or delete this one."
                )
            return
        _write_atomic(
            self.manifest_file, json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8")
        )

    def finished(self, *, include_failed: bool = True) -> set[int]:
        """Ids of the cases with a file (optionally only those that ended optimal)."""
        done = set()
        for path in self.cases_dir.glob("case=*.parquet"):
            case_id = _case_id_of(path)
            if case_id is None:
                continue
            if not include_failed and _read_record(path).get("status") != "optimal":
                continue
            done.add(case_id)
        return done

    def write(self, frame: pd.DataFrame, record: Mapping[str, Any]) -> Path:
        """Write one case's rows and record: a temporary file renamed into place."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pandas(frame, preserve_index=False)
        metadata = dict(table.schema.metadata or {})
        metadata[_CASE_METADATA_KEY] = json.dumps(jsonable(record), default=str).encode("utf-8")
        table = table.replace_schema_metadata(metadata)
        target = _case_file(self.cases_dir, int(record["case_id"]))
        temporary = target.with_name(f".{target.name}.tmp{os.getpid()}-{uuid.uuid4().hex[:6]}")
        try:
            pq.write_table(table, temporary)
            os.replace(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)
        return target

    def load(
        self, ids: Iterable[int] | None = None
    ) -> tuple[list[pd.DataFrame], list[dict[str, Any]]]:
        """Rows and records of the finished cases (all, or those in ``ids``)."""
        wanted = None if ids is None else set(ids)
        frames, records = [], []
        for path in sorted(self.cases_dir.glob("case=*.parquet")):
            case_id = _case_id_of(path)
            if case_id is None or (wanted is not None and case_id not in wanted):
                continue
            frame, record = _read_case(path)
            frames.append(frame)
            records.append(record)
        return frames, records


def _write_atomic(path: Path, payload: bytes) -> None:
    temporary = path.with_name(f".{path.name}.tmp{os.getpid()}")
    temporary.write_bytes(payload)
    os.replace(temporary, path)


def _read_record(path: Path) -> dict[str, Any]:
    import pyarrow.parquet as pq

    metadata = pq.read_schema(path).metadata or {}
    return json.loads(metadata.get(_CASE_METADATA_KEY, b"{}"))


def _read_case(path: Path) -> tuple[pd.DataFrame, dict[str, Any]]:
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    record = json.loads((table.schema.metadata or {}).get(_CASE_METADATA_KEY, b"{}"))
    return table.to_pandas(), record


# -- tables ---------------------------------------------------------------------------------------
def _cell(value: Any) -> Any:
    """A case value as a table cell: per-period maps as compact JSON text."""
    if isinstance(value, Mapping):
        return json.dumps({key_text(k): v for k, v in value.items()}, sort_keys=True)
    return value


def case_rows(output: CaseOutput, params: Mapping[str, Any], names: Sequence[str]) -> pd.DataFrame:
    """The long rows of one case: case_id, the case columns, status, metric, period, value."""
    metrics = output.metrics
    frame = pd.DataFrame({"case_id": np.full(len(metrics), output.case_id, dtype="int64")})
    for name in names:
        frame[name] = [_cell(params[name])] * len(metrics)
    frame["status"] = output.record["status"]
    frame["metric"] = metrics["metric"].to_numpy()
    frame["period"] = pd.array(metrics["period"], dtype="Int64")
    frame["value"] = metrics["value"].to_numpy(dtype=float)
    return frame


_RECORD_COLUMNS = (
    "status",
    "message",
    "objective_bn_cny",
    "solve_seconds",
    "case_seconds",
    "build_seconds",
    "iterations",
    "warm",
    "worker",
    "finished_utc",
)


def assemble(
    frames: list[pd.DataFrame], records: list[dict[str, Any]], case_grid: CaseGrid
) -> tuple[pd.DataFrame, pd.DataFrame]:
    names = case_grid.names
    if frames:
        table = pd.concat(frames, ignore_index=True)
        table["period"] = table["period"].astype("Int64")
        table = table.sort_values(
            ["case_id", "metric", "period"], na_position="first", kind="stable"
        )
        table = table.reset_index(drop=True)
    else:
        table = pd.DataFrame(columns=["case_id", *names, "status", "metric", "period", "value"])
    by_id = {int(r["case_id"]): r for r in records}
    rows = []
    for case_id in sorted(by_id):
        record = by_id[case_id]
        row = {"case_id": case_id}
        row.update({n: _cell(case_grid.cases[case_id][n]) for n in names})
        row.update({k: record.get(k) for k in _RECORD_COLUMNS})
        rows.append(row)
    cases = pd.DataFrame(rows, columns=["case_id", *names, *_RECORD_COLUMNS])
    numbers = ["objective_bn_cny", "solve_seconds", "case_seconds", "build_seconds", "iterations"]
    cases[numbers] = cases[numbers].apply(pd.to_numeric, errors="coerce")  # None -> NaN
    return table, cases


def sweep_manifest(
    scenario: Scenario,
    fingerprint: str,
    case_grid: CaseGrid,
    metrics: Mapping[str, Any],
    solver_options: Mapping[str, Any],
) -> dict[str, Any]:
    from dualcarbon import __version__

    return {
        "format": FOLDER_FORMAT,
        "scenario": scenario.name,
        "scenario_origin": scenario.origin,
        "scenario_fingerprint": fingerprint,
        "names": case_grid.names,
        "axes": (
            {n: [encode(v) for v in vs] for n, vs in case_grid.axes.items()}
            if case_grid.axes is not None
            else None
        ),
        "cases": [
            {"case_id": i, "params": {n: encode(v) for n, v in c.items()}}
            for i, c in enumerate(case_grid.cases)
        ],
        "metrics": metric_names(metrics),
        "solver_options": jsonable({k: v for k, v in solver_options.items() if v is not None}),
        "created_utc": datetime.now(UTC).isoformat(timespec="seconds"),
        "dualcarbon_version": __version__,
    }


def grid_from_manifest(manifest: Mapping[str, Any]) -> CaseGrid:
    names = list(manifest["names"])
    cases = [{n: decode(c["params"][n]) for n in names} for c in manifest["cases"]]
    axes = manifest.get("axes")
    if axes is not None:
        axes = {n: [decode(v) for v in axes[n]] for n in names}
    return CaseGrid(names, cases, axes)
