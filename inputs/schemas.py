"""Shape and type schemas of the input tables of ``docs/tables.md`` (one pandera schema per table).

A schema checks one table on its own: the columns exist, every cell has the right type, numbers lie
in their range (capacities >= 0, shares in [0, 1], years plausible), key columns are unique, closed
identifier sets hold (fuels, carriers, inventory sectors, replacement cases), every row names its
``source``, and long tables (``technology, parameter, value``) use only known parameter names, each
within its own range. Checks *between* tables (regions known to the registry, technologies declared,
capacity >= production, ...) live in :mod:`dualcarbon.inputs.checks`.

The contracts are declared by table family (:mod:`~dualcarbon.inputs.schemas_power`,
:mod:`~dualcarbon.inputs.schemas_industry`, :mod:`~dualcarbon.inputs.schemas_economy`) with the
column builders of :mod:`~dualcarbon.inputs.schemas_columns`; this module is their registry
(:data:`TABLES`, in the order of ``docs/tables.md``) and the one place that validates a table.

:func:`validate_table` turns the first failure into an :class:`~dualcarbon.inputs.errors.InputError`
naming file, CSV line and column, and counts the rest.
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pandera.pandas as pa

from dualcarbon.inputs.errors import InputError, format_value
from dualcarbon.inputs.plausible import Plausible

# the identifier sets, parameter ranges and spec types are imported from here by the rest of the
# package (checks, catalog, load, config): this module re-exports them
from dualcarbon.inputs.schemas_columns import (  # noqa: F401
    _NONEMPTY,
    CARRIERS,
    CIRCULAR_RESOURCES,
    ECONOMY_VARIABLES,
    FUELS,
    IDENTIFIER_PATTERN,
    INVENTORY_SECTORS,
    NATIONAL,
    OTHER_EMISSION_COMPONENTS,
    REPLACEMENT_CASES,
    YEAR_MAX,
    YEAR_MIN,
    ColumnSpec,
    Kind,
    ParameterSpec,
    TableSpec,
)
from dualcarbon.inputs.schemas_economy import ECONOMY_SPECS
from dualcarbon.inputs.schemas_industry import (  # noqa: F401
    INDUSTRY_PARAMETERS,
    INDUSTRY_SPECS,
    SECTOR_PARAMETERS,
)
from dualcarbon.inputs.schemas_power import POWER_PARAMETERS, POWER_SPECS  # noqa: F401

logger = logging.getLogger(__name__)

__all__ = [
    "CARRIERS",
    "FUELS",
    "INVENTORY_SECTORS",
    "REGISTRY",
    "TABLES",
    "ColumnSpec",
    "ParameterSpec",
    "TableSpec",
    "validate_table",
]


#: Table names in the order of ``docs/tables.md`` (the catalogue and the loader list them so).
_ORDER = (
    "economy",
    "emissions_inventory",
    "electricity_demand",
    "fuels",
    "power_technologies",
    "power_capacity",
    "power_generation",
    "power_capacity_factors",
    "renewable_potential",
    "power_build_limits",
    "transmission_corridors",
    "industry_technologies",
    "industry_sectors",
    "industry_capacity",
    "industry_production",
    "industry_demand",
    "replacement_ratios",
    "retrofit_measures",
    "targets",
    "supply_security",
    "circular_resources",
    "carbon_border",
    "carbon_prices",
    "power_capacity_history",
    "power_national_build_limits",
    "power_generation_inertia",
    "climbing_peak_allowances",
    "other_emissions_path",
    "national_statistics",
    "published_pathways",
    "industry_route_shares",
    "technology_diffusion",
)
_DECLARED = {**ECONOMY_SPECS, **POWER_SPECS, **INDUSTRY_SPECS}
if sorted(_DECLARED) != sorted(_ORDER):  # a table added to a family must be placed here too
    raise RuntimeError(
        f"schemas: tables declared and ordered differ: {set(_DECLARED) ^ set(_ORDER)}"
    )

#: The contract of every input table, by name (order of ``docs/tables.md``).
TABLES: dict[str, TableSpec] = {name: _DECLARED[name] for name in _ORDER}

#: The region registry ``regions/data/provinces.csv`` (owned by ``dualcarbon.regions``); only the
#: columns the loader relies on are required, the registry may carry more.
REGISTRY = TableSpec(
    "provinces",
    (
        ColumnSpec("adcode", "int", "a GB/T 2260 code", (pa.Check.in_range(100000, 999999),)),
        ColumnSpec("region", "str", "an English province name", (_NONEMPTY,)),
        ColumnSpec("region_zh", "str", "a Chinese province name", nullable=True, required=False),
        ColumnSpec("planned", "bool", "true or false"),
        ColumnSpec("macro_region", "str", "a macro-region name", nullable=True, required=False),
        ColumnSpec("grid_region", "str", "a grid-region name", nullable=True, required=False),
        ColumnSpec("key_region", "bool", "true or false"),
    ),
    ("region",),
)


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------

_TRUE = {"true", "1", "1.0", "yes"}
_FALSE = {"false", "0", "0.0", "no"}


@dataclass(frozen=True, order=True)
class _Failure:
    line: int
    position: int  # column position, so that the leftmost failure of a line comes first
    column: str
    expected: str
    got: str
    hint: str | None = None


def validate_table(spec: TableSpec | str, raw: pd.DataFrame, file: str) -> pd.DataFrame:
    """Parse and validate one table read as text.

    Parameters
    ----------
    spec : TableSpec or str
        The contract, or a table name of :data:`TABLES`.
    raw : pandas.DataFrame
        The CSV read with every cell as text (empty cells as missing), indexed by the 1-based CSV
        line number of each row (the header is line 1).
    file : str
        The file name used in error messages.

    Returns
    -------
    pandas.DataFrame
        The typed table (``int64`` years, ``float64`` numbers, ``bool`` flags), same index.

    Raises
    ------
    InputError
        At the first problem in line order, with the count of the others.
    """
    spec = TABLES[spec] if isinstance(spec, str) else spec
    missing = [c.name for c in spec.columns if c.required and c.name not in raw.columns]
    if missing:
        extra = [c for c in raw.columns if c not in spec.column_names]
        guess = difflib.get_close_matches(missing[0], extra, n=1, cutoff=0.5)
        hint = (
            f"found column {guess[0]!r}: rename it, converting units if they differ"
            if guess
            else None
        )
        raise InputError(
            file,
            row=1,
            column=missing[0],
            expected=f"a column named {missing[0]}",
            got="no such column in the header",
            more=len(missing) - 1,
            hint=hint,
        )
    unknown = [c for c in raw.columns if c not in spec.column_names]
    if unknown:
        logger.debug("%s: columns outside the contract kept as they are: %s", file, unknown)
    if raw.empty:
        raise InputError(file, row=2, expected="at least one data row", got="none")

    failures: list[_Failure] = []
    parsed = raw.copy()
    position = {name: i for i, name in enumerate(raw.columns)}
    for col in spec.columns:
        if col.name not in raw.columns:
            continue
        parsed[col.name], bad = _parse(raw[col.name], col.kind)
        failures += [
            _Failure(
                line,
                position[col.name],
                col.name,
                col.expected,
                format_value(raw.at[line, col.name]),
            )
            for line in bad
        ]

    try:
        spec.schema.validate(parsed, lazy=True)
    except pa.errors.SchemaErrors as err:
        failures += _translate(err.failure_cases, spec, raw, position, already=failures)

    failures += _duplicates(parsed, spec, position)
    if spec.parameters:
        failures += _parameter_ranges(parsed, spec, raw, position)

    if failures:
        failures.sort()
        first = failures[0]
        raise InputError(
            file,
            row=first.line,
            column=first.column,
            expected=first.expected,
            got=first.got,
            more=len(failures) - 1,
            hint=first.hint,
        )
    for col in spec.columns:
        if col.name in parsed.columns and col.kind in ("int", "bool"):
            kind = "int64" if col.kind == "int" else bool
            parsed[col.name] = parsed[col.name].astype(kind)
    _warn_unusual(spec, parsed, file)
    return parsed


def _parse(text: pd.Series, kind: Kind) -> tuple[pd.Series, list[int]]:
    """Cells of one column as ``kind``, plus the lines whose non-empty cell did not parse."""
    if kind == "str":
        return text.str.strip().astype("object").where(text.notna(), None), []
    if kind == "bool":
        lowered = text.str.strip().str.lower()
        value = lowered.map(lambda v: True if v in _TRUE else False if v in _FALSE else None)
        bad = value.isna() & text.notna()
        return value.astype("object"), list(text.index[bad])
    value = pd.to_numeric(text.str.strip(), errors="coerce").astype("float64")
    bad = value.isna() & text.notna() & (text.str.strip() != "")
    return value, list(text.index[bad])


def _translate(
    cases: pd.DataFrame,
    spec: TableSpec,
    raw: pd.DataFrame,
    position: Mapping[str, int],
    already: list[_Failure],
) -> list[_Failure]:
    """pandera failure cases as :class:`_Failure` rows (one per cell, first check only)."""
    expected = {c.name: c.expected for c in spec.columns}
    plausible = {c.name: c.plausible for c in spec.columns}
    seen = {(f.line, f.column) for f in already}
    out = []
    for case in cases.itertuples(index=False):
        column, line = case.column, case.index
        if not isinstance(column, str) or line is None or pd.isna(line):
            continue  # table-level failures (missing columns) are caught before pandera runs
        line = int(line)
        if (line, column) in seen:
            continue
        seen.add((line, column))
        got = format_value(raw.at[line, column]) if column in raw.columns else "nothing"
        out.append(
            _Failure(
                line,
                position.get(column, 0),
                column,
                expected[column],
                got,
                _slip_hint(plausible.get(column), raw.at[line, column]),
            )
        )
    return out


def _slip_hint(plausible: Plausible | None, text: object) -> str | None:
    """The unit slip that explains a refused cell, if its text is a finite number."""
    try:
        value = float(str(text).strip())
    except ValueError:
        return None
    if plausible is None or not np.isfinite(value):
        return None
    return plausible.refusal_hint(value)


def _warn_unusual(spec: TableSpec, parsed: pd.DataFrame, file: str) -> None:
    """One warning per column whose accepted values are outside the usual interval."""
    for col in spec.columns:
        if col.plausible is None or col.name not in parsed.columns:
            continue
        values = parsed[col.name].dropna()
        reasons = {line: col.plausible.warning(float(v)) for line, v in values.items()}
        flagged = [(line, why) for line, why in reasons.items() if why]
        if flagged:
            line, why = flagged[0]
            more = f" (and {len(flagged) - 1} more rows)" if len(flagged) > 1 else ""
            logger.warning("%s, row %d, column %s: %s%s", file, line, col.name, why, more)


def _duplicates(
    parsed: pd.DataFrame, spec: TableSpec, position: Mapping[str, int]
) -> list[_Failure]:
    keys = list(spec.keys)
    dup = parsed.duplicated(keys, keep=False) & parsed[keys].notna().all(axis=1)
    if not dup.any():
        return []
    rows = parsed.loc[dup, keys]
    first_line = rows.assign(_line=rows.index).groupby(keys, sort=False)["_line"].transform("min")
    out = []
    for line in parsed.index[dup & parsed.duplicated(keys, keep="first")]:
        key = ", ".join(f"{k}={parsed.at[line, k]!r}" for k in keys)
        out.append(
            _Failure(
                line,
                position[keys[-1]],
                keys[-1],
                f"a unique key ({', '.join(keys)})",
                f"a repeat of row {int(first_line[line])} ({key})",
            )
        )
    return out


def _parameter_ranges(
    parsed: pd.DataFrame, spec: TableSpec, raw: pd.DataFrame, position: Mapping[str, int]
) -> list[_Failure]:
    out = []
    for name, param in spec.parameters.items():
        rows = parsed["parameter"] == name
        if not rows.any():
            continue
        values = parsed.loc[rows, "value"]
        bad = values.index[~param.ok(values) & values.notna()]
        out += [
            _Failure(
                line,
                position["value"],
                "value",
                param.expected(name),
                format_value(raw.at[line, "value"]),
            )
            for line in bad
        ]
    return out
