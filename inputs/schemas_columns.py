"""The contract types of the input tables and the builders of their columns.

:class:`TableSpec` holds one table's contract (columns, keys, parameters of long tables), made of
:class:`ColumnSpec` and :class:`ParameterSpec`. The builders below (``_region``, ``_number``,
``_share`` ...) are the one place for each kind of cell, so that error messages read the same in
every table; the tables themselves are declared by family in :mod:`dualcarbon.inputs.schemas_power`,
:mod:`~dualcarbon.inputs.schemas_industry` and :mod:`~dualcarbon.inputs.schemas_economy`, and
gathered in :data:`dualcarbon.inputs.schemas.TABLES`.

Range bounds marked *plausibility* are not data: they are wide limits chosen to catch unit mistakes
(CNY/MW for CNY/kW, kt for Mt, percent for share) without judging any value (assumption: an input
outside them is far more likely a unit error than a real figure).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

import numpy as np
import pandas as pd
import pandera.pandas as pa

from dualcarbon.inputs.plausible import INF, Plausible, Slip

__all__ = [
    "CARRIERS",
    "FUELS",
    "INVENTORY_SECTORS",
    "ColumnSpec",
    "ParameterSpec",
    "TableSpec",
]

#: Plausible data years (inventories from 1990, projections to 2100).
YEAR_MIN, YEAR_MAX = 1990, 2100
#: Region key of national rows in tables that mix national and provincial rows.
NATIONAL = "China"

FUELS = ("coal", "oil", "gas")
CARRIERS = ("coal", "oil", "gas", "electricity")
INVENTORY_SECTORS = (
    "total",
    "power_heat",
    "steel",
    "cement",
    "aluminium",
    "flat_glass",
    "other_industry",
    # the inventory's non-industrial remainder, split so each part can follow its own path
    # (other_emissions_path); "rest" stays valid for a user's inventory that does not split it
    "transport",
    "buildings",
    "agriculture_construction",
    "rest",
)
#: Components of E_other that ``other_emissions_path`` projects (``heat`` is the heat supply
#: inside the inventory's ``power_heat``).
OTHER_EMISSION_COMPONENTS = (
    "transport",
    "buildings",
    "agriculture_construction",
    "other_industry",
    "heat",
)
ECONOMY_VARIABLES = ("gdp", "va_industry")
REPLACEMENT_CASES = ("key_region", "other", "cross_province")
CIRCULAR_RESOURCES = ("steel_scrap", "recycled_aluminium", "solid_waste")
#: Open identifier sets (technologies, industrial sectors) must look like this; the table that
#: declares them (``power_technologies``, ``industry_technologies``) is checked in ``checks``.
IDENTIFIER_PATTERN = r"^[a-z][a-z0-9_]*$"

Kind = Literal["str", "int", "float", "bool"]


@dataclass(frozen=True)
class ColumnSpec:
    """One column: its kind, the range or set of its values, and what a user should write.

    Parameters
    ----------
    name : str
        Column name (units in the name, e.g. ``capacity_gw``).
    kind : {"str", "int", "float", "bool"}
        Cell type after parsing; ``bool`` accepts ``true``/``false`` (any case) and ``1``/``0``.
    expected : str
        What a valid cell looks like, used verbatim in error messages.
    checks : tuple of pandera.Check
        Value checks run by pandera.
    nullable : bool, default False
        Whether empty cells are allowed.
    required : bool, default True
        Whether the column must be present.
    role : {"region", "region_or_national", "year"}, optional
        Marks columns that cross-table checks look at.
    plausible : Plausible, optional
        The documented range of a number column, with its basis, usual interval (a warning
        outside it) and likely unit slips (named in the refusal); see
        :mod:`dualcarbon.inputs.plausible`.
    """

    name: str
    kind: Kind
    expected: str
    checks: tuple[pa.Check, ...] = ()
    nullable: bool = False
    required: bool = True
    role: Literal["region", "region_or_national", "year"] | None = None
    plausible: Plausible | None = None


@dataclass(frozen=True)
class ParameterSpec:
    """Range of one named parameter of a long table (``parameter``, ``value`` columns).

    ``binary`` parameters are 0/1 flags; ``integer`` ones are whole numbers (years).
    """

    lo: float
    hi: float
    binary: bool = False
    integer: bool = False
    zero_means_none: bool = False

    def expected(self, name: str) -> str:
        """What ``value`` must be for parameter ``name``, for error messages."""
        if self.binary:
            return f"0 or 1 for {name}"
        what = "an integer" if self.integer else "a number"
        none = " or 0 for none" if self.zero_means_none else ""
        return f"{what} in [{self.lo:g}, {self.hi:g}]{none} for {name}"

    def ok(self, values: pd.Series) -> pd.Series:
        """Boolean mask of the values within range (NaN fails)."""
        inside = values.between(self.lo, self.hi)
        if self.binary:
            inside &= values.isin([0.0, 1.0])
        if self.integer:
            inside &= np.isclose(values, np.round(values))
        if self.zero_means_none:
            inside |= values == 0
        return inside.fillna(False).astype(bool)


@dataclass(frozen=True)
class TableSpec:
    """The contract of one input table (``docs/tables.md``).

    Parameters
    ----------
    name : str
        Table name = CSV file stem.
    columns : tuple of ColumnSpec
    keys : tuple of str
        Columns whose combination is unique.
    parameters : Mapping[str, ParameterSpec]
        Allowed ``parameter`` names and ranges of ``value`` (long tables only).
    required : bool, default True
        Whether the shipped data must contain the table (optional-family tables need not).
    """

    name: str
    columns: tuple[ColumnSpec, ...]
    keys: tuple[str, ...]
    parameters: Mapping[str, ParameterSpec] = field(default_factory=dict)
    required: bool = True

    @cached_property
    def schema(self) -> pa.DataFrameSchema:
        """The pandera schema of the parsed table (types, nullability, value checks)."""
        dtypes = {"str": str, "int": "int64", "float": "float64", "bool": bool}
        columns = {}
        for col in self.columns:
            # int columns are checked as floats (an empty cell is NaN) and cast after validation
            dtype = "float64" if col.kind == "int" else dtypes[col.kind]
            columns[col.name] = pa.Column(
                dtype, list(col.checks), nullable=col.nullable, required=col.required
            )
        return pa.DataFrameSchema(columns, name=self.name, strict=False, coerce=False)

    @property
    def column_names(self) -> list[str]:
        """Names of every column of the contract, required or not."""
        return [c.name for c in self.columns]

    def columns_with_role(self, *roles: str) -> list[str]:
        """Names of the columns marked with one of ``roles``."""
        return [c.name for c in self.columns if c.role in roles]


# --------------------------------------------------------------------------------------------
# Column builders: one place for each kind of cell, so that messages read the same everywhere.
# --------------------------------------------------------------------------------------------

_NONEMPTY = pa.Check(lambda s: s.str.strip().str.len() > 0, name="non_empty")


def _region(name: str = "region", *, national: bool = False) -> ColumnSpec:
    expected = "a region of the registry" + (f" or {NATIONAL!r}" if national else "")
    role = "region_or_national" if national else "region"
    return ColumnSpec(name, "str", expected, (_NONEMPTY,), role=role)


def _year(name: str = "year") -> ColumnSpec:
    return ColumnSpec(
        name,
        "int",
        f"an integer year in [{YEAR_MIN}, {YEAR_MAX}]",
        (pa.Check.in_range(YEAR_MIN, YEAR_MAX), _integral()),
        role="year",
    )


def _integral() -> pa.Check:
    return pa.Check(lambda s: np.isclose(s, np.round(s)), name="integral")


def _one_of(name: str, values: tuple[str, ...]) -> ColumnSpec:
    return ColumnSpec(name, "str", f"one of {', '.join(values)}", (pa.Check.isin(values),))


def _identifier(name: str, example: str) -> ColumnSpec:
    return ColumnSpec(
        name,
        "str",
        f"an identifier in lower case like {example!r}",
        (pa.Check.str_matches(IDENTIFIER_PATTERN),),
    )


def _number(
    name: str,
    unit: str,
    *,
    ge: float | None = 0.0,
    gt: float | None = None,
    le: float | None = None,
    nullable: bool = False,
    required: bool = True,
    basis: str = "",
    usual: tuple[float, float] | None = None,
    slips: tuple[Slip, ...] = (),
) -> ColumnSpec:
    """A finite number column; with ``basis`` its range is documented (docs/tables.md) and
    refusals name the likely unit slip, values outside ``usual`` give a warning."""
    checks = [pa.Check(lambda s: np.isfinite(s), name="finite")]
    parts = []
    if gt is not None:
        checks.append(pa.Check.gt(gt))
        parts.append(f"> {gt:g}")
    elif ge is not None:
        checks.append(pa.Check.ge(ge))
        parts.append(f">= {ge:g}")
    if le is not None:
        checks.append(pa.Check.le(le))
        parts.append(f"<= {le:g}")
    expected = "a number " + " and ".join(parts) if parts else "a number"
    if unit:
        expected += f" ({unit})"
    plausible = None
    if basis:
        lo = gt if gt is not None else ge if ge is not None else -INF
        hi = le if le is not None else INF
        plausible = Plausible(lo, hi, unit, basis, usual, slips, lo_open=gt is not None)
        expected = plausible.describe()
    return ColumnSpec(
        name,
        "float",
        expected,
        tuple(checks),
        nullable=nullable,
        required=required,
        plausible=plausible,
    )


def _slip_pct(hi: float) -> Slip:
    """A percent written in a share column whose values go up to ``hi``."""
    return Slip(100.0, "{value} looks like a percent: shares are written {fixed}", (hi, 100 * hi))


#: A percent written in a share column (35 for 0.35).
_PCT_IN_SHARE = Slip(100.0, "{value} looks like a percent: shares are written {fixed}", (1, 100))
_SHARE = Plausible(0, 1, "share", "a share of a whole", slips=(_PCT_IN_SHARE,))


def _share(name: str, *, nullable: bool = False, required: bool = True) -> ColumnSpec:
    return ColumnSpec(
        name,
        "float",
        "a share in [0, 1]",
        (pa.Check.in_range(0.0, 1.0),),
        nullable=nullable,
        required=required,
        plausible=_SHARE,
    )


# Unit slips of the physical columns (issue 13): the same header read in another unit.
def _slip(factor: float, unit: str, column_unit: str, lowest: float, *, top: float = INF) -> Slip:
    hint = f"{{value}} looks like {unit}: the column is {column_unit}, {{fixed}}"
    return Slip(factor, hint, (lowest, top))


_GW = dict(slips=(_slip(1e3, "MW", "GW", 1), _slip(1e2, "万kW (10 MW)", "GW", 1, top=1e6)))
_TWH = dict(slips=(_slip(1e3, "GWh", "TWh", 1), _slip(10, "亿kWh (0.1 TWh)", "TWh", 1, top=1e6)))
_MT = dict(slips=(_slip(1e3, "kt", "Mt", 1), _slip(1e2, "万t (0.01 Mt)", "Mt", 1, top=1e7)))
_MTCO2 = dict(slips=(_slip(1e3, "ktCO2", "MtCO2", 1), _slip(1e6, "tCO2", "MtCO2", 1e6)))
_BN_CNY = dict(
    slips=(
        _slip(1e9, "CNY", "bn CNY", 1e6),
        _slip(1e5, "10k CNY (万元)", "bn CNY", 1e4, top=1e12),
        _slip(10, "亿元 (0.1 bn CNY)", "bn CNY", 1e4, top=2e6),
    )
)


def _text(name: str, what: str) -> ColumnSpec:
    return ColumnSpec(name, "str", what, (_NONEMPTY,))


_SOURCE = ColumnSpec(
    "source",
    "str",
    "a source (publication with table and year, owner/name@commit:path, or 'assumption: ...')",
    (_NONEMPTY,),
)
_SOURCE_DETAIL = ColumnSpec("source_detail", "str", "free text", nullable=True, required=False)


def _table(
    name: str,
    columns: list[ColumnSpec],
    keys: tuple[str, ...],
    parameters: Mapping[str, ParameterSpec] | None = None,
    *,
    required: bool = True,
) -> TableSpec:
    return TableSpec(
        name, (*columns, _SOURCE, _SOURCE_DETAIL), keys, dict(parameters or {}), required
    )


# --------------------------------------------------------------------------------------------
# Parameter ranges of the long tables (plausibility bounds; see the module docstring).
# --------------------------------------------------------------------------------------------

_FLAG = ParameterSpec(0, 1, binary=True)
_LIFETIME = ParameterSpec(1, 100)
_AGE = ParameterSpec(0, 100)
# the data mark "no phase-out" and "available today" by 0 (inputs/data/industry_technologies.csv)
_YEAR = ParameterSpec(1900, YEAR_MAX, integer=True, zero_means_none=True)

_VALUE = _number("value", "", ge=None)
