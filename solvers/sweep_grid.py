"""Sweep grids: validating policy names and values, listing cases, and the warm-start order."""

from __future__ import annotations

import difflib
import itertools
import json
import logging
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from dualcarbon.inputs.scenario import Scenario
from dualcarbon.solvers._sweep_worker import BLOCK_SWITCHES, SCENARIO_VALUE, TRANSFER_RULES

logger = logging.getLogger(__name__)

Grid = Mapping[str, Any] | Sequence[Mapping[str, Any]]
"""A sweep grid: ``{name: [values]}`` (full factorial) or ``[{name: value, ...}, ...]`` (cases)."""


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
            if len({value_text(v) for v in listed}) != len(listed):
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
            codes = pd.factorize(pd.Series([value_text(v) for v in values]))[0]
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


# -- canonical encoding of case values ---------------------------------------------------------
def jsonable(value: Any) -> Any:
    """Plain JSON for records and options (mapping keys as text; display only)."""
    if isinstance(value, Mapping):
        return {key_text(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


def key_text(key: Any) -> str:
    return "|".join(map(str, key)) if isinstance(key, tuple) else str(key)


def encode(value: Any) -> Any:
    """A case value as JSON that decodes to the same value (tuple and int keys survive)."""
    if isinstance(value, Mapping):
        pairs = [[list(k) if isinstance(k, tuple) else k, v] for k, v in value.items()]
        return {"__map__": sorted(pairs, key=lambda kv: json.dumps(kv[0]))}
    return value


def value_text(value: Any) -> str:
    """A case value as canonical text, to compare values of any shape."""
    return json.dumps(encode(value), sort_keys=True)


def decode(value: Any) -> Any:
    if isinstance(value, Mapping) and "__map__" in value:
        return {_key(k): v for k, v in value["__map__"]}
    return value
