"""``dualcarbon.sweep``: re-solve one scenario over a grid of policy numbers.

A sweep builds the planning LP once per process and then only changes mutable parameters and
switches constraint blocks (``dualcarbon.models.policy.set_policy``) between cases, so HiGHS
re-solves from the previous basis. Cases are ordered so that neighbours differ in one value by one
step, which keeps those warm starts short. Serial sweeps run in this process; ``workers=N`` or
``scheduler="tcp://..."`` spreads cases over Dask workers, each of which builds the model once.

With ``out=`` every finished case is written at once to ``out/cases/case=<id>.parquet`` (atomically)
and ``out/grid.json`` records the cases and the scenario fingerprint: rerunning the same sweep
into the same folder solves only the cases that are missing, so an interrupted sweep resumes.

Examples
--------
>>> import dualcarbon as dc
>>> scenario = dc.load_scenario("default")  # doctest: +SKIP
>>> result = dc.sweep(scenario, {"national_cap_scale": [0.9, 1.0, 1.1],
...                              "transfer_policy": ["off", "strict"]}, out="sweeps/cap")  # doctest: +SKIP
>>> result.table.query("metric == 'objective_bn_cny'")  # doctest: +SKIP
>>> result.plot("cost_vs_cap")  # doctest: +SKIP
"""

from __future__ import annotations

import difflib
import hashlib
import itertools
import json
import logging
import math
import os
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from dualcarbon.inputs.scenario import Scenario
from dualcarbon.solvers._sweep_worker import (
    BLOCK_SWITCHES,
    SCENARIO_VALUE,
    TRANSFER_RULES,
    CaseOutput,
    CaseRunner,
    MetricFunction,
    ScenarioPayload,
    resolve_metrics,
    run_case,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

logger = logging.getLogger(__name__)

Grid = Mapping[str, Any] | Sequence[Mapping[str, Any]]
"""A sweep grid: ``{name: [values]}`` (full factorial) or ``[{name: value, ...}, ...]`` (cases)."""

#: Format tag of ``grid.json``; a folder written by another format is refused.
FOLDER_FORMAT = "dualcarbon-sweep/1"
_CASE_METADATA_KEY = b"dualcarbon.case"
#: Seconds to wait for a Dask cluster's first workers before giving up.
_WORKER_WAIT_S = 120
_PLOT_KINDS = ("cost_vs_cap", "price_vs_cap", "leakage_by_policy", "pathways")


class SweepFolderError(ValueError):
    """The ``out`` folder holds a different sweep (other cases, scenario, metrics or options)."""


# -- grid -----------------------------------------------------------------------------------------
def sweepable() -> Mapping[str, Any]:
    """The model's sweepable policy names (``dualcarbon.models.policy.SWEEPABLE``)."""
    from dualcarbon.models.policy import SWEEPABLE

    return SWEEPABLE


def _check_name(name: str, known: Iterable[str]) -> None:
    known = list(known)
    if name in known:
        return
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise ValueError(
        f"{name!r} is not a sweepable policy name.{hint} Sweepable: {', '.join(sorted(known))}"
    )


def _key(key: Any) -> Any:
    """A mapping key in canonical form: years as int, row keys as tuples."""
    if isinstance(key, np.generic):
        key = key.item()
    if isinstance(key, list | tuple):
        return tuple(_key(k) for k in key)
    if isinstance(key, str) and key.lstrip("-").isdigit():
        return int(key)
    return key


def _shape_error(name: str, value: Any, shape: str) -> ValueError:
    return ValueError(f"{name}: value {value!r} does not fit the expected shape: {shape}")


def _shape(known: Iterable[str] | Mapping[str, Any], name: str) -> str | None:
    """The documented value shape of a sweepable name (``SWEEPABLE[name]["value"]``), if any."""
    spec = known.get(name) if isinstance(known, Mapping) else None
    return spec.get("value") if isinstance(spec, Mapping) else None


def _normalise(name: str, value: Any, shape: str | None = None) -> Any:
    """One policy value in canonical form, so that grids compare and hash reliably.

    Numbers become floats (``1`` and ``1.0`` are the same case); mapping keys become years
    (int), names (str) or row tuples, mapping values floats or None. ``transfer_policy`` values
    that YAML 1.1 read as booleans (``off``) become the words they were written as. ``shape`` is
    the ``SWEEPABLE[name]["value"]`` text; a plain number or flag is checked against it.
    """
    if isinstance(value, np.generic):
        value = value.item()
    if name == "transfer_policy":
        if isinstance(value, bool):  # YAML 1.1 reads an unquoted `off` as False
            value = "on" if value else "off"
        from dualcarbon.inputs.config import TRANSFER_POLICY_RULES

        if value not in TRANSFER_POLICY_RULES:
            close = difflib.get_close_matches(str(value), list(TRANSFER_POLICY_RULES), n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise ValueError(
                f"transfer_policy {value!r} is not a policy.{hint} "
                f"Choose from {', '.join(TRANSFER_POLICY_RULES)}"
            )
        return value
    if value == SCENARIO_VALUE:
        return value
    if isinstance(value, bool):
        if shape is not None and shape != "bool":
            raise _shape_error(name, value, shape)
        return value
    if isinstance(value, int | float):
        if shape == "bool" or (shape is not None and not shape.startswith("float")):
            raise _shape_error(name, value, shape)
        return float(value)
    if isinstance(value, Mapping):
        if shape is not None and "{" not in shape:
            raise _shape_error(name, value, shape)
        return {_key(k): (None if v is None else float(v)) for k, v in value.items()}
    if value is None and shape is not None and "None" in shape:
        return None
    raise _shape_error(name, value, shape or "a number, a flag or a {key: number} mapping")


def _baseline(scenario: Scenario, name: str, case: Mapping[str, Any]) -> Any:
    """The scenario's own value of a policy name, for an explicit case that leaves it out.

    Scalars and switches come from the configuration (so the tables show them); a rule switch
    follows the case's own ``transfer_policy`` unless the scenario sets the rule explicitly.
    Anything else is :data:`SCENARIO_VALUE`, which the worker replaces by the value the built
    model had before the sweep changed it.
    """
    config = scenario.config
    scalars = {
        "national_cap_scale": config.national_cap.scale,
        "growth_floor_scale": config.growth_floor.scale,
        "tau": config.tau,
        "transfer_policy": config.transfer_policy,
        "replacement_ratio_scale": config.replacement.ratio_scale,
        "phase_out": config.replacement.phase_out,
        **config.optional_families.model_dump(),
    }
    if name in scalars:
        return scalars[name]
    if name in TRANSFER_RULES:
        explicit = getattr(config.transfer_rules, name)
        if explicit is not None:
            return explicit
        from dualcarbon.inputs.config import TRANSFER_POLICY_RULES

        policy = case.get("transfer_policy", config.transfer_policy)
        return TRANSFER_POLICY_RULES[_normalise("transfer_policy", policy)][name]
    if name == "climbing_peak_allowance" and not config.climbing_peak_allowance_by_region:
        return config.climbing_peak_allowance
    return SCENARIO_VALUE


@dataclass(frozen=True)
class CaseGrid:
    """The cases of a sweep, validated and in canonical form.

    Attributes
    ----------
    names : list of str
        Swept policy names, in the grid's order (the case columns of every table).
    cases : list of dict
        One ``{name: value}`` per case, every name present; the case id is the list position.
    axes : dict or None
        ``{name: values}`` for a full-factorial grid, None for explicit cases.
    """

    names: list[str]
    cases: list[dict[str, Any]]
    axes: dict[str, list[Any]] | None = None

    def __len__(self) -> int:
        return len(self.cases)


def expand_grid(
    grid: Grid,
    scenario: Scenario | None = None,
    *,
    known: Mapping[str, Any] | Iterable[str] | None = None,
) -> CaseGrid:
    """Validate a grid and list its cases.

    Parameters
    ----------
    grid : mapping or sequence of mappings
        ``{name: [values]}``: the full factorial product, case ids in ``itertools.product``
        order (the last name varies fastest); a single value counts as a one-value axis.
        ``[{name: value}, ...]``: explicit cases; a name missing from a case takes the
        scenario's own value.
    scenario : Scenario, optional
        Supplies the values of names that explicit cases leave out.
    known : mapping or iterable of str, optional
        Valid names (a mapping like ``SWEEPABLE`` also gives each value's shape); default the
        model's ``SWEEPABLE``.

    Returns
    -------
    CaseGrid

    Raises
    ------
    ValueError
        For an unknown name (with a did-you-mean), an empty axis or an empty grid.
    """
    known = sweepable() if known is None else known
    if isinstance(grid, Mapping):
        if not grid:
            raise ValueError("the grid is empty: give at least one policy name and its values")
        axes: dict[str, list[Any]] = {}
        for name, values in grid.items():
            _check_name(name, known)
            if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
                values = [values]
            listed = [_normalise(name, v, _shape(known, name)) for v in values]
            if not listed:
                raise ValueError(f"{name!r}: no values to sweep")
            if len({_value_text(v) for v in listed}) != len(listed):
                raise ValueError(f"{name!r}: repeated values {listed}")
            axes[name] = listed
        names = list(axes)
        cases = [
            dict(zip(names, combo, strict=True)) for combo in itertools.product(*axes.values())
        ]
        return CaseGrid(names, cases, axes)
    if isinstance(grid, str | bytes) or not isinstance(grid, Sequence):
        raise TypeError(
            f"grid: expected a mapping of names to values or a list of cases, got {type(grid).__name__}"
        )
    if not grid:
        raise ValueError("the grid is empty: give at least one case")
    names = []
    for case in grid:
        if not isinstance(case, Mapping):
            raise TypeError(f"grid: every case must be a mapping of names to values, got {case!r}")
        for name in case:
            _check_name(name, known)
            if name not in names:
                names.append(name)
    cases = []
    for case in grid:
        filled = {}
        for name in names:
            if name in case:
                filled[name] = _normalise(name, case[name], _shape(known, name))
            elif scenario is None:
                filled[name] = SCENARIO_VALUE
            else:
                filled[name] = _normalise(name, _baseline(scenario, name, case))
        cases.append(filled)
    return CaseGrid(names, cases, None)


def _snake(sizes: Sequence[int]) -> list[tuple[int, ...]]:
    """Boustrophedon order of a mixed-radix grid: neighbours differ in one axis by one step."""
    order: list[tuple[int, ...]] = [()]
    for size in sizes:
        # each new (inner) axis runs forward, then backward, alternately
        order = [
            (*outer, step if i % 2 == 0 else size - 1 - step)
            for i, outer in enumerate(order)
            for step in range(size)
        ]
    return order


def _sort_key(value: Any) -> tuple[int, Any]:
    if isinstance(value, bool):
        return (0, value)
    if isinstance(value, float):
        return (1, value)
    if isinstance(value, Mapping):
        numbers = [v for v in value.values() if v is not None]
        return (2, float(np.mean(numbers)) if numbers else 0.0)
    return (3, str(value))


def execution_order(case_grid: CaseGrid) -> list[int]:
    """Case ids in the order to solve them, so that consecutive cases differ little.

    A factorial grid is walked as a snake: block switches (``transfer_policy`` ...) on the outer
    axes, because switching constraint blocks disturbs the basis most; numbers on the inner axes,
    in increasing order. Each step then changes one value by one grid step. Explicit cases are
    chained greedily by nearest neighbour (switch differences weigh 2, a number's difference its
    share of the number's range).
    """
    n_cases = len(case_grid)
    if case_grid.axes is not None:
        names = case_grid.names
        outer = [n for n in names if n in BLOCK_SWITCHES]
        nesting = outer + [n for n in names if n not in BLOCK_SWITCHES]
        sizes = {n: len(case_grid.axes[n]) for n in names}
        # for each axis, grid positions in the order the snake visits them (values sorted)
        visit = {
            n: sorted(range(sizes[n]), key=lambda i, n=n: _sort_key(case_grid.axes[n][i]))
            for n in names
        }
        strides = {n: math.prod(sizes[m] for m in names[names.index(n) + 1 :]) for n in names}
        return [
            sum(visit[n][step] * strides[n] for n, step in zip(nesting, steps, strict=True))
            for steps in _snake([sizes[n] for n in nesting])
        ]
    # explicit cases: a distance matrix over the encoded cases, then a greedy chain
    distance = np.zeros((n_cases, n_cases))
    for name in case_grid.names:
        values = [case[name] for case in case_grid.cases]
        if all(isinstance(v, float) for v in values):
            column = np.asarray(values)
            spread = float(np.ptp(column)) or 1.0
            distance += np.abs(column[:, None] - column[None, :]) / spread
        else:
            codes = pd.factorize(pd.Series([_value_text(v) for v in values]))[0]
            weight = 2.0 if name in BLOCK_SWITCHES else 1.0
            distance += weight * (codes[:, None] != codes[None, :])
    order = [0]
    remaining = np.ones(n_cases, dtype=bool)
    remaining[0] = False
    for _ in range(n_cases - 1):
        candidates = np.where(remaining, distance[order[-1]], np.inf)
        nearest = int(np.argmin(candidates))  # ties go to the lowest id: the user's order
        order.append(nearest)
        remaining[nearest] = False
    return order


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


def _jsonable(value: Any) -> Any:
    """Plain JSON for records and options (mapping keys as text; display only)."""
    if isinstance(value, Mapping):
        return {_key_text(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


def _key_text(key: Any) -> str:
    return "|".join(map(str, key)) if isinstance(key, tuple) else str(key)


def _encode(value: Any) -> Any:
    """A case value as JSON that decodes to the same value (tuple and int keys survive)."""
    if isinstance(value, Mapping):
        pairs = [[list(k) if isinstance(k, tuple) else k, v] for k, v in value.items()]
        return {"__map__": sorted(pairs, key=lambda kv: json.dumps(kv[0]))}
    return value


def _value_text(value: Any) -> str:
    """A case value as canonical text, to compare values of any shape."""
    return json.dumps(_encode(value), sort_keys=True)


def _decode(value: Any) -> Any:
    if isinstance(value, Mapping) and "__map__" in value:
        return {_key(k): v for k, v in value["__map__"]}
    return value


def _metric_names(metrics: Mapping[str, MetricFunction | str]) -> list[str]:
    return [
        spec
        if isinstance(spec, str)
        else f"{name}={getattr(spec, '__module__', '?')}.{getattr(spec, '__qualname__', spec)}"
        for name, spec in metrics.items()
    ]


class _Store:
    """The ``out`` folder of a sweep: ``grid.json`` plus one Parquet file per finished case."""

    def __init__(self, out: str | os.PathLike) -> None:
        self.root = Path(out)
        self.cases_dir = self.root / "cases"
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
        metadata[_CASE_METADATA_KEY] = json.dumps(_jsonable(record), default=str).encode("utf-8")
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
        return json.dumps({_key_text(k): v for k, v in value.items()}, sort_keys=True)
    return value


def _case_rows(output: CaseOutput, params: Mapping[str, Any], names: Sequence[str]) -> pd.DataFrame:
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


def _assemble(
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
        if kind not in _PLOT_KINDS:
            close = difflib.get_close_matches(kind, _PLOT_KINDS, n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise ValueError(f"unknown plot kind {kind!r}.{hint} Kinds: {', '.join(_PLOT_KINDS)}")
        from matplotlib.figure import Figure

        figure = Figure(figsize=kwargs.pop("figsize", (7.0, 4.5)), layout="constrained")
        ax = figure.add_subplot()
        getattr(self, f"_plot_{kind}")(ax, **kwargs)
        return figure

    def _groups(
        self, frame: pd.DataFrame, exclude: Sequence[str]
    ) -> list[tuple[str, pd.DataFrame]]:
        """Split rows by the swept names other than ``exclude`` (transfer policy alone if that is all)."""
        others = [n for n in self.names if n not in exclude]
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

    def _lines_against(self, ax: Any, metric: str, period: int | None, x: str, ylabel: str) -> None:
        if x not in self.names:
            raise ValueError(
                f"this plot needs {x!r} among the swept names {self.names}; pass x=<a swept name>"
            )
        data = self.metric(metric, period)
        if not data[x].map(lambda v: isinstance(v, float)).all():
            raise ValueError(f"{x!r} is not numeric; choose a numeric swept name as x")
        for label, rows in self._groups(data, exclude=[x]):
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
                if "transfer_policy" in self.names and len(self.names) == 2
                else None,
                fontsize=8,
            )

    def _plot_cost_vs_cap(self, ax: Any, x: str = "national_cap_scale") -> None:
        self._lines_against(ax, "objective_bn_cny", None, x, "total discounted cost, bn CNY")
        ax.set_title(f"{self.scenario}: cost vs {x}")

    def _plot_price_vs_cap(
        self, ax: Any, x: str = "national_cap_scale", period: int | None = None
    ) -> None:
        prices = self.table[self.table["metric"] == "cap_price_cny_per_t"]
        periods = sorted(int(p) for p in prices["period"].dropna().unique())
        if not periods:
            raise ValueError(
                "this sweep has no cap_price_cny_per_t metric (no national cap, or no optimal case)"
            )
        if period is None:
            # the milestone where the cap binds hardest across cases: the most telling year
            by_period = prices.assign(period=prices["period"].astype(int)).groupby("period")[
                "value"
            ]
            period = int(by_period.max().fillna(0.0).idxmax())
        self._lines_against(
            ax,
            "cap_price_cny_per_t",
            period,
            x,
            f"carbon price of the national cap {period}, CNY/tCO2",
        )
        ax.set_title(f"{self.scenario}: shadow carbon price vs {x}")

    def _plot_leakage_by_policy(self, ax: Any) -> None:
        data = self.metric("total_leakage_mtco2")
        category = "transfer_policy" if "transfer_policy" in self.names else None
        if category is None:
            labels = data["case_id"].astype(str)
            ax.bar(labels, data["value"].fillna(0.0))
            ax.set_xlabel("case")
        else:
            categories = list(dict.fromkeys(data[category]))
            groups = self._groups(data, exclude=[category])
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
        ax.set_title(f"{self.scenario}: carbon transfer by policy")
        ax.grid(alpha=0.3, axis="y")

    def _plot_pathways(self, ax: Any) -> None:
        data = self.metric("national_emissions_mtco2").dropna(subset=["period", "value"])
        if data.empty:
            raise ValueError("no optimal case has national emissions to draw")
        data = data.assign(period=data["period"].astype(int))
        groups = (
            [(str(k), rows) for k, rows in data.groupby("transfer_policy", sort=False)]
            if "transfer_policy" in self.names
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
        ax.set_title(f"{self.scenario}: emission pathways across cases")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)

    # -- persistence ------------------------------------------------------------------------
    @classmethod
    def load(cls, out: str | os.PathLike) -> SweepResult:
        """Read the finished cases of a sweep folder (also of a sweep still running or stopped)."""
        store = _Store(out)
        if not store.manifest_file.is_file():
            raise FileNotFoundError(f"{out}: not a sweep folder (no grid.json)")
        manifest = json.loads(store.manifest_file.read_text(encoding="utf-8"))
        case_grid = _grid_from_manifest(manifest)
        frames, records = store.load()
        table, cases = _assemble(frames, records, case_grid)
        return cls(
            table,
            cases,
            case_grid.names,
            manifest["scenario"],
            len(case_grid),
            store.root,
            {"axes": case_grid.axes, "scenario_fingerprint": manifest["scenario_fingerprint"]},
        )


def _colours(n: int) -> list[Any]:
    from matplotlib import colormaps

    palette = colormaps["tab10"]
    return [palette(i % 10) for i in range(n)]


def _manifest(
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
            {n: [_encode(v) for v in vs] for n, vs in case_grid.axes.items()}
            if case_grid.axes is not None
            else None
        ),
        "cases": [
            {"case_id": i, "params": {n: _encode(v) for n, v in c.items()}}
            for i, c in enumerate(case_grid.cases)
        ],
        "metrics": _metric_names(metrics),
        "solver_options": _jsonable({k: v for k, v in solver_options.items() if v is not None}),
        "created_utc": datetime.now(UTC).isoformat(timespec="seconds"),
        "dualcarbon_version": __version__,
    }


def _grid_from_manifest(manifest: Mapping[str, Any]) -> CaseGrid:
    names = list(manifest["names"])
    cases = [{n: _decode(c["params"][n]) for n in names} for c in manifest["cases"]]
    axes = manifest.get("axes")
    if axes is not None:
        axes = {n: [_decode(v) for v in axes[n]] for n in names}
    return CaseGrid(names, cases, axes)


# -- running --------------------------------------------------------------------------------------
def _runner_key(
    fingerprint: str,
    names: Sequence[str],
    solver_options: Mapping[str, Any],
    metrics: Mapping[str, Any],
) -> str:
    """Key of a worker's cached model: same scenario, same swept names, same options and metrics.

    Every case sets every swept name, so a model reused across cases of sweeps with the same
    names never carries a value over from an earlier case.
    """
    text = json.dumps(
        [fingerprint, sorted(names), _jsonable(dict(solver_options)), _metric_names(metrics)],
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(text.encode()).hexdigest()


def _failed_output(case_id: int, status: str, message: str) -> CaseOutput:
    from dualcarbon.solvers._sweep_worker import _frame

    return CaseOutput(
        case_id,
        _frame("objective_bn_cny", None),
        {"case_id": case_id, "status": status, "message": message, "objective_bn_cny": None},
    )


def _run_serial(
    scenario: Scenario,
    case_grid: CaseGrid,
    todo: list[int],
    solver_options: Mapping[str, Any],
    metrics: Mapping[str, Any],
    on_done: Callable[[CaseOutput], None],
) -> None:
    runner: CaseRunner | None = None
    for case_id in todo:
        if runner is None:
            runner = CaseRunner(scenario, solver_options, metrics, case_grid.names)
        output = runner.run(case_id, case_grid.cases[case_id])
        if output.record["status"] == "error":
            runner = None  # the model may be half-changed: build afresh for the next case
        on_done(output)


def _run_dask(
    scenario: Scenario,
    case_grid: CaseGrid,
    todo: list[int],
    solver_options: Mapping[str, Any],
    metrics: Mapping[str, Any],
    key: str,
    on_done: Callable[[CaseOutput], None],
    *,
    workers: int | None,
    scheduler: str | None,
) -> None:
    from distributed import Client, LocalCluster, as_completed

    with _quiet_dask():
        cluster = None
        if scheduler is not None:
            client = Client(scheduler)
        else:
            # one thread per process: a Pyomo model is solved by one thread at a time anyway
            cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
            client = Client(cluster)
        futures = {}
        try:
            logger.info("sweep on Dask: %s", client)
            client.wait_for_workers(workers or 1, timeout=_WORKER_WAIT_S)
            addresses = sorted(client.scheduler_info()["workers"])
            payload = client.scatter(
                ScenarioPayload(scenario.config, dict(scenario.tables), scenario.origin),
                broadcast=True,
                hash=False,
            )
            token = uuid.uuid4().hex[:8]
            # Each worker gets one contiguous stretch of the warm-start order, so that its cases stay
            # neighbours (a worker switches transfer policy rarely); a stretch may still move to another
            # worker when its own dies or idles (allow_other_workers), and priorities keep the order.
            stretches = np.array_split(np.arange(len(todo)), len(addresses))
            for address, stretch in zip(addresses, stretches, strict=True):
                for position in stretch:
                    case_id = todo[position]
                    future = client.submit(
                        run_case,
                        key,
                        payload,
                        dict(solver_options),
                        dict(metrics),
                        case_id,
                        case_grid.cases[case_id],
                        key=f"dualcarbon-case-{case_id}-{token}",
                        pure=False,
                        retries=2,
                        workers=[address],
                        allow_other_workers=True,
                        priority=len(todo) - int(position),
                    )
                    futures[future] = case_id
            for future in as_completed(futures):
                case_id = futures[future]
                try:
                    output = future.result()
                except Exception as problem:
                    # e.g. KilledWorker after the retries: recorded, never dropped
                    output = _failed_output(
                        case_id, "error", f"{type(problem).__name__}: {problem}"
                    )
                on_done(output)
        finally:
            for future in futures:
                if not future.done():  # interrupted: the cluster should not go on with the rest
                    future.cancel()
            client.close()
            if cluster is not None:
                cluster.close()


@contextmanager
def _quiet_dask() -> Iterator[None]:
    """Keep Dask's INFO chatter (cluster start, connections, shutdown) off the user's console.

    Dask sets its ``distributed`` logger to INFO; with a root handler installed (the CLI's) every
    connection and shutdown message would be printed. Raised to WARNING while a sweep runs,
    unless dualcarbon itself logs at DEBUG; restored afterwards.
    """
    dask_logger = logging.getLogger("distributed")
    previous = dask_logger.level
    if not logger.isEnabledFor(logging.DEBUG):
        dask_logger.setLevel(max(previous, logging.WARNING))
    try:
        yield
    finally:
        dask_logger.setLevel(previous)


def sweep(
    scenario: Scenario,
    grid: Grid,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    out: str | os.PathLike | None = None,
    metrics: Sequence[str | MetricFunction] | Mapping[str, MetricFunction] | None = None,
    progress: bool = True,
    solver_options: Mapping[str, Any] | None = None,
    rerun_failed: bool = False,
) -> SweepResult:
    """Re-solve a scenario over a grid of policy numbers.

    The model is built once per process; each case changes mutable parameters and switches
    constraint blocks (``dualcarbon.models.policy.set_policy``) and re-solves with a HiGHS warm
    start. Cases run in an order in which neighbours differ little.

    Parameters
    ----------
    scenario : Scenario
        From :func:`dualcarbon.load_scenario`; its own values apply to everything not swept.
    grid : mapping or list of mappings
        ``{name: [values], ...}`` for the full factorial product, or ``[{name: value, ...}, ...]``
        for explicit cases (a name a case leaves out keeps the scenario's value). Names are those of
        ``dualcarbon.models.policy.SWEEPABLE``, e.g. ``national_cap_scale``,
        ``growth_floor_scale``, ``carbon_price_cny_per_t`` (a number for every period, or
        ``{year: price}``), ``tau``, ``transfer_policy`` (``off``, ``accounting``, ``share``,
        ``strict``).
    workers : int, optional
        Start a local Dask cluster of this many processes (one thread each). Serial in this
        process when neither ``workers`` nor ``scheduler`` is given.
    scheduler : str, optional
        Address of a running Dask scheduler (``tcp://host:port``); its workers must have
        dualcarbon installed. Workers build the model once and keep it for later cases.
    out : path-like, optional
        Folder for ``grid.json`` and ``cases/case=<id>.parquet`` (one per finished case, written
        atomically). Rerunning the same sweep into it solves only the missing cases; a different
        grid, scenario, metric set or solver options is refused.
    metrics : list or mapping, optional
        Built-in metric names (default all: ``objective_bn_cny``, ``national_emissions_mtco2``,
        ``cap_price_cny_per_t``, ``leakage_mtco2``, ``total_leakage_mtco2``, ``cost_by_kind``)
        and/or functions of a :class:`~dualcarbon.solvers.result.Result` returning a number or a
        Series by period (``{name: function}`` to name them). Functions must be importable or
        picklable to run on Dask workers.
    progress : bool, default True
        Show a progress bar (cases done, failures, ETA).
    solver_options : mapping, optional
        HiGHS options, as for :func:`dualcarbon.solve` (``time_limit``, ``method``, ...).
    rerun_failed : bool, default False
        On resume, solve again the cases recorded as failed (e.g. after raising a time limit).

    Returns
    -------
    SweepResult
        ``.table`` (long: case, metric, period, value), ``.cases``, ``.summary()``, ``.plot()``.
        Failed cases (not optimal, or an exception) are kept with their status and message.

    Raises
    ------
    ValueError
        For an unknown policy name (with a did-you-mean) or value.
    SweepFolderError
        If ``out`` holds a different sweep.
    """
    if workers is not None and scheduler is not None:
        raise ValueError(
            "give workers= (a local cluster) or scheduler= (an existing one), not both"
        )
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    case_grid = expand_grid(grid, scenario)
    resolved_metrics = resolve_metrics(metrics)
    options = {k: v for k, v in dict(solver_options or {}).items() if v is not None}
    fingerprint = scenario.fingerprint()
    order = execution_order(case_grid)

    store = _Store(out) if out is not None else None
    done: set[int] = set()
    if store is not None:
        store.prepare(_manifest(scenario, fingerprint, case_grid, resolved_metrics, options))
        done = store.finished(include_failed=not rerun_failed)
    todo = [case_id for case_id in order if case_id not in done]
    logger.info(
        "sweep %s: %d cases, %d finished before, %d to solve",
        scenario.name,
        len(case_grid),
        len(done),
        len(todo),
    )

    from tqdm import tqdm

    frames: list[pd.DataFrame] = []
    records: list[dict[str, Any]] = []
    failures = 0
    bar = tqdm(
        total=len(case_grid),
        initial=len(done),
        desc=f"sweep {scenario.name}",
        unit="case",
        disable=not progress,
        dynamic_ncols=True,
    )

    def on_done(output: CaseOutput) -> None:
        nonlocal failures
        output.record["finished_utc"] = datetime.now(UTC).isoformat(timespec="seconds")
        output.record["params"] = _jsonable(case_grid.cases[output.case_id])
        rows = _case_rows(output, case_grid.cases[output.case_id], case_grid.names)
        if store is not None:
            store.write(rows, output.record)
        frames.append(rows)
        records.append(output.record)
        if output.record["status"] != "optimal":
            failures += 1
            logger.info(
                "case %d %s: %s",
                output.case_id,
                output.record["status"],
                output.record.get("message"),
            )
        bar.set_postfix(failed=failures, refresh=False)
        bar.update(1)

    try:
        if not todo:
            pass
        elif workers is None and scheduler is None:
            _run_serial(scenario, case_grid, todo, options, resolved_metrics, on_done)
        else:
            key = _runner_key(fingerprint, case_grid.names, options, resolved_metrics)
            _run_dask(
                scenario,
                case_grid,
                todo,
                options,
                resolved_metrics,
                key,
                on_done,
                workers=workers,
                scheduler=scheduler,
            )
    finally:
        bar.close()

    if store is not None:
        # the folder is the record: earlier runs' cases plus this run's, as written
        frames, records = store.load()
    table, cases = _assemble(frames, records, case_grid)
    return SweepResult(
        table,
        cases,
        case_grid.names,
        scenario.name,
        len(case_grid),
        store.root if store is not None else None,
        {"axes": case_grid.axes, "scenario_fingerprint": fingerprint},
    )
