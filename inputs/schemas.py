"""Shape and type schemas of the input tables of ``docs/tables.md`` (one pandera schema per table).

A schema checks one table on its own: the columns exist, every cell has the right type, numbers lie
in their range (capacities >= 0, shares in [0, 1], years plausible), key columns are unique, closed
identifier sets hold (fuels, carriers, inventory sectors, replacement cases), every row names its
``source``, and long tables (``technology, parameter, value``) use only known parameter names, each
within its own range. Checks *between* tables (regions known to the registry, technologies declared,
capacity >= production, ...) live in :mod:`dualcarbon.inputs.checks`.

Range bounds marked *plausibility* are not data: they are wide limits chosen to catch unit mistakes
(CNY/MW for CNY/kW, kt for Mt, percent for share) without judging any value (assumption: an input
outside them is far more likely a unit error than a real figure).

:func:`validate_table` turns the first failure into an :class:`~dualcarbon.inputs.errors.InputError`
naming file, CSV line and column, and counts the rest.
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

import numpy as np
import pandas as pd
import pandera.pandas as pa

from dualcarbon.inputs.errors import InputError, format_value
from dualcarbon.inputs.plausible import INF, PCT_AS_SHARE, Plausible, Slip

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

POWER_PARAMETERS: dict[str, ParameterSpec] = {
    "capex_cny_per_kw": ParameterSpec(0, 100_000),
    "fom_cny_per_kw_yr": ParameterSpec(0, 5_000),
    "vom_cny_per_mwh": ParameterSpec(0, 2_000),
    # coal plants burn about 0.3 tce/MWh; 1 tce/MWh is far below any real plant's efficiency
    "heat_rate_tce_per_mwh": ParameterSpec(0, 1),
    "emission_factor_tco2_per_mwh": ParameterSpec(0, 2),
    "lifetime_years": _LIFETIME,
    "fleet_age_years": _AGE,
    "capacity_credit": ParameterSpec(0, 1),
    "is_renewable": _FLAG,
}

INDUSTRY_PARAMETERS: dict[str, ParameterSpec] = {
    "is_backward": _FLAG,
    "phase_out_year": _YEAR,
    "available_from_year": _YEAR,
    "lifetime_years": _LIFETIME,
    "fleet_age_years": _AGE,
    "capex_cny_per_t": ParameterSpec(0, 100_000),
    "fom_cny_per_t": ParameterSpec(0, 20_000),
    "stranded_cost_cny_per_t": ParameterSpec(0, 100_000),
    "coal_tce_per_t": ParameterSpec(0, 10),
    "oil_tce_per_t": ParameterSpec(0, 10),
    "gas_tce_per_t": ParameterSpec(0, 10),
    # electrolytic aluminium needs about 13.5 MWh/t, the most electricity-intensive product here
    "electricity_mwh_per_t": ParameterSpec(0, 30),
    "process_co2_t_per_t": ParameterSpec(0, 5),
    "capture_share": ParameterSpec(0, 1),
    "value_added_cny_per_t": ParameterSpec(0, 200_000),
    "replacement_exempt": _FLAG,
    "scrap_t_per_t": ParameterSpec(0, 2),
    "solid_waste_t_per_t": ParameterSpec(0, 10),
    # iron ore, scrap, alumina, anodes, raw meal, soda ash ... plus non-fuel operating cost; recycled
    # aluminium (scrap at ~80 % of the ingot price) is the dearest at ~13,000 CNY/t
    "materials_cny_per_t": ParameterSpec(0, 50_000),
}

SECTOR_PARAMETERS: dict[str, ParameterSpec] = {
    "max_utilisation": ParameterSpec(0, 1),
    "national_capacity_ceiling_mt": ParameterSpec(0, 10_000),
    "no_increase_in_key_regions": _FLAG,
}

_VALUE = _number("value", "", ge=None)

#: The contract of every input table, by name (order of ``docs/tables.md``).
TABLES: dict[str, TableSpec] = {
    t.name: t
    for t in [
        _table(
            "economy",
            [
                _region(),
                _year(),
                _one_of("variable", ECONOMY_VARIABLES),
                _number(
                    "value_bn_cny",
                    "bn CNY",
                    le=100_000,
                    basis="Guangdong, the largest economy, had a GDP of about 11,100 bn CNY in "
                    "2020 (NBS); 100,000 allows any province's growth to 2060",
                    usual=(0, 15_000),
                    **_BN_CNY,
                ),
            ],
            ("region", "year", "variable"),
        ),
        _table(
            "emissions_inventory",
            [
                _region(),
                _year(),
                _one_of("sector", INVENTORY_SECTORS),
                _number(
                    "emissions_mtco2",
                    "MtCO2/yr",
                    le=5_000,
                    basis="Shandong, the largest emitter, had about 940 MtCO2 in 2019 (CEADs)",
                    usual=(0, 1_500),
                    **_MTCO2,
                ),
            ],
            ("region", "year", "sector"),
        ),
        _table(
            "electricity_demand",
            [
                _region(),
                _year(),
                _number(
                    "demand_twh",
                    "TWh/yr",
                    le=5_000,
                    basis="Guangdong used about 690 TWh in 2020; the shipped 2060 projection "
                    "peaks near 1,450 TWh",
                    usual=(0, 2_500),
                    **_TWH,
                ),
            ],
            ("region", "year"),
        ),
        _table(
            "fuels",
            [
                _one_of("fuel", FUELS),
                _number(
                    "emission_factor_tco2_per_tce",
                    "tCO2/tce",
                    le=4,
                    basis="coal is about 2.66, gas about 1.64 tCO2/tce (IPCC 2006 defaults)",
                    usual=(1.0, 3.0),
                ),
                _number(
                    "price_cny_per_tce",
                    "CNY/tce",
                    le=20_000,
                    basis="coal costs about 500-1,500 and gas about 3,000 CNY/tce (fuels table)",
                    usual=(100, 8_000),
                ),
            ],
            ("fuel",),
        ),
        _table(
            "power_technologies",
            [
                _identifier("technology", "solar_pv"),
                _one_of("parameter", tuple(POWER_PARAMETERS)),
                _VALUE,
            ],
            ("technology", "parameter"),
            POWER_PARAMETERS,
        ),
        _table(
            "power_capacity",
            [
                _region(),
                _identifier("technology", "solar_pv"),
                _number(
                    "capacity_gw",
                    "GW",
                    le=2_000,
                    basis="the largest provincial fleet of one technology is about 110 GW "
                    "(Inner Mongolia coal, CEC 2020); China's whole fleet is about 2,200 GW",
                    usual=(0, 500),
                    **_GW,
                ),
            ],
            ("region", "technology"),
        ),
        _table(
            "power_generation",
            [
                _region(),
                _identifier("technology", "solar_pv"),
                _year(),
                _number(
                    "generation_twh",
                    "TWh/yr",
                    le=5_000,
                    basis="the largest provincial output of one technology is about 510 TWh "
                    "(2020); China generated about 7,600 TWh in all",
                    usual=(0, 1_500),
                    **_TWH,
                ),
            ],
            ("region", "technology", "year"),
        ),
        _table(
            "power_capacity_factors",
            [_region(), _identifier("technology", "solar_pv"), _share("capacity_factor")],
            ("region", "technology"),
        ),
        _table(
            "renewable_potential",
            [
                _region(),
                _identifier("technology", "solar_pv"),
                _number(
                    "potential_gw",
                    "GW",
                    le=50_000,
                    basis="He & Kammen potentials reach about 1,400 GW in one province",
                    usual=(0, 10_000),
                    **_GW,
                ),
            ],
            ("region", "technology"),
        ),
        _table(
            "power_build_limits",
            [
                _region(),
                _identifier("technology", "solar_pv"),
                _number(
                    "max_build_gw_per_yr",
                    "GW/yr",
                    le=500,
                    basis="China as a whole added about 300 GW of solar and wind in 2023; the "
                    "largest shipped provincial limit is about 48 GW/yr",
                    usual=(0, 150),
                    **_GW,
                ),
            ],
            ("region", "technology"),
        ),
        _table(
            "transmission_corridors",
            [
                _region("from_region"),
                _region("to_region"),
                _number(
                    "capacity_gw",
                    "GW",
                    le=500,
                    basis="a UHV line carries 8-12 GW; the largest shipped corridor about 42 GW",
                    usual=(0, 150),
                    **_GW,
                ),
                _share("loss_share"),
                _share("max_utilisation"),
                _number(
                    "capex_cny_per_kw",
                    "CNY/kW",
                    le=50_000,
                    basis="shipped corridors cost about 200-6,300 CNY/kW",
                    usual=(0, 15_000),
                ),
            ],
            ("from_region", "to_region"),
        ),
        _table(
            "industry_technologies",
            [
                _identifier("sector", "steel"),
                _identifier("technology", "bf_bof"),
                _one_of("parameter", tuple(INDUSTRY_PARAMETERS)),
                _VALUE,
            ],
            ("sector", "technology", "parameter"),
            INDUSTRY_PARAMETERS,
        ),
        _table(
            "industry_sectors",
            [
                _identifier("sector", "steel"),
                _one_of("parameter", tuple(SECTOR_PARAMETERS)),
                _VALUE,
            ],
            ("sector", "parameter"),
            SECTOR_PARAMETERS,
        ),
        _table(
            "industry_capacity",
            [
                _region(),
                _identifier("sector", "steel"),
                _identifier("technology", "bf_bof"),
                _number(
                    "capacity_mt",
                    "Mt/yr",
                    le=2_000,
                    basis="the largest provincial capacity of one route is about 240 Mt/yr "
                    "(Hebei steel); China's cement capacity is about 2,000 Mt/yr in all",
                    usual=(0, 500),
                    **_MT,
                ),
            ],
            ("region", "sector", "technology"),
        ),
        _table(
            "industry_production",
            [
                _region(),
                _identifier("sector", "steel"),
                _year(),
                _number(
                    "output_mt",
                    "Mt/yr",
                    le=2_000,
                    basis="the largest provincial output of one sector is about 250 Mt/yr "
                    "(Hebei steel, 2020)",
                    usual=(0, 500),
                    **_MT,
                ),
            ],
            ("region", "sector", "year"),
        ),
        _table(
            "industry_demand",
            [
                _identifier("sector", "steel"),
                _year(),
                _number(
                    "demand_mt",
                    "Mt/yr",
                    le=10_000,
                    basis="China's largest demand, cement, was about 2,400 Mt in 2020 (NBS)",
                    usual=(0, 3_000),
                    **_MT,
                ),
            ],
            ("sector", "year"),
        ),
        _table(
            "replacement_ratios",
            [
                _identifier("sector", "steel"),
                _one_of("case", REPLACEMENT_CASES),
                # MIIT ratios are 1:1 to 2:1; 10 is a plausibility bound
                _number(
                    "ratio",
                    "t retired per t built",
                    ge=None,
                    gt=0,
                    le=10,
                    basis="MIIT ratios are 1:1 to 2:1",
                    usual=(1, 3),
                ),
            ],
            ("sector", "case"),
        ),
        _table(
            "retrofit_measures",
            [
                _identifier("measure", "steel_coal_1"),
                _identifier("sector", "steel"),
                _one_of("carrier", CARRIERS),
                ColumnSpec(
                    "tranche",
                    "int",
                    "an integer >= 1",
                    (pa.Check.ge(1), _integral()),
                ),
                _share("max_share"),
                _number(
                    "cost_cny_per_unit_saved",
                    "CNY per tce/yr or per MWh/yr saved",
                    le=100_000,
                    basis="shipped tranches cost 500-3,000 CNY per unit saved a year",
                    usual=(0, 20_000),
                ),
                _number(
                    "lifetime_years",
                    "years",
                    ge=None,
                    gt=0,
                    le=100,
                    basis="retrofits last about 10-30 years",
                    usual=(5, 40),
                ),
            ],
            ("measure",),
        ),
        _table(
            "targets",
            [
                _identifier("scope", "national"),
                _region(national=True),
                _year(),
                _identifier("target", "peak_year"),
                _number("value", "", ge=None),
                _text("unit", "a unit"),
            ],
            ("scope", "region", "year", "target"),
            required=False,
        ),
        _table(
            "supply_security",
            [
                _identifier("sector", "steel"),
                _year(),
                _share("domestic_output_floor_share", nullable=True),
                _share("industry_va_share_floor", nullable=True, required=False),
            ],
            ("sector", "year"),
            required=False,
        ),
        _table(
            "circular_resources",
            [
                _one_of("resource", CIRCULAR_RESOURCES),
                _region(national=True),
                _year(),
                _number(
                    "available_mt",
                    "Mt/yr",
                    le=5_000,
                    basis="China collects about 260 Mt of steel scrap a year (2020); the largest "
                    "shipped availability is about 510 Mt/yr",
                    usual=(0, 1_500),
                    **_MT,
                ),
            ],
            ("resource", "region", "year"),
            required=False,
        ),
        _table(
            "carbon_border",
            [
                _identifier("sector", "steel"),
                _year(),
                _share("export_share"),
                _share("free_allocation_share"),
                _number(
                    "cbam_price_cny_per_t",
                    "CNY/tCO2",
                    le=10_000,
                    basis="EU ETS prices were about 600-800 CNY/tCO2 in 2023; 10,000 is above "
                    "any projection",
                    usual=(0, 3_000),
                ),
            ],
            ("sector", "year"),
            required=False,
        ),
        _table(
            "carbon_prices",
            [
                _identifier("scenario", "reference"),
                _year(),
                _number(
                    "carbon_price_cny_per_t",
                    "CNY/tCO2",
                    le=10_000,
                    basis="published 2060 paths reach about 2,000-3,000 CNY/tCO2",
                    usual=(0, 3_000),
                ),
            ],
            ("scenario", "year"),
            required=False,
        ),
    ]
}

# --------------------------------------------------------------------------------------------
# Power history and national build limits (issue 11: C25 history, C24 inertia). Optional: a
# user's dataset without them plans from the base year alone.
# --------------------------------------------------------------------------------------------

TABLES.update(
    {
        t.name: t
        for t in [
            _table(
                "power_capacity_history",
                [
                    _region(national=True),
                    _identifier("technology", "solar_pv"),
                    _year(),
                    _number(
                        "capacity_gw",
                        "GW",
                        le=5_000,
                        basis="a provincial fleet of one technology is a few hundred GW at most; "
                        "national rows (region China) reach about 1,200 GW of solar in 2025",
                        usual=(0, 1_500),
                        **_GW,
                    ),
                ],
                ("region", "technology", "year"),
                required=False,
            ),
            _table(
                "power_national_build_limits",
                [
                    _identifier("technology", "nuclear"),
                    _number(
                        "max_build_gw_per_yr",
                        "GW/yr",
                        le=1_000,
                        basis="China added about 300 GW of solar and wind in 2023 and builds "
                        "about 10 GW/yr of nuclear",
                        usual=(0, 400),
                        **_GW,
                    ),
                ],
                ("technology",),
                required=False,
            ),
        ]
    }
)

# --------------------------------------------------------------------------------------------
# Policy and validation references (issue 11 items 6-7, issue 12 item 4): C18 allowances, the
# path of the non-modelled emissions, and statistics / published pathways the plan is checked
# against. Optional: the model runs without them.
# --------------------------------------------------------------------------------------------

TABLES.update(
    {
        t.name: t
        for t in [
            _table(
                "climbing_peak_allowances",
                [
                    _region(),
                    _number(
                        "allowance_share",
                        "share of the base inventory",
                        le=2.0,
                        basis="a province may plan growth to its peak; +200 % is beyond any plan",
                        usual=(0, 0.6),
                        slips=(_slip_pct(2.0),),
                    ),
                ],
                ("region",),
                required=False,
            ),
            _table(
                "other_emissions_path",
                [
                    _one_of("component", OTHER_EMISSION_COMPONENTS),
                    _year(),
                    _number(
                        "index_vs_base",
                        "index, base year = 1",
                        le=3.0,
                        basis="1.0 in the base year; no sector's emissions treble by 2060",
                        usual=(0, 2),
                        slips=(
                            Slip(
                                100,
                                "{value} looks like an index with base 100: this one has "
                                "base 1, {fixed}",
                                (3, 300),
                            ),
                        ),
                    ),
                ],
                ("component", "year"),
                required=False,
            ),
            _table(
                "national_statistics",
                [
                    _identifier("indicator", "co2_total_mt"),
                    _year(),
                    _number("value", ""),
                    _text("unit", "a unit"),
                ],
                ("indicator", "year"),
                required=False,
            ),
            _table(
                "published_pathways",
                [
                    _identifier("pathway", "caep_cp_1_1"),
                    _identifier("indicator", "co2_mt"),
                    _year(),
                    _number("low", ""),
                    _number("high", ""),
                    _text("unit", "a unit"),
                ],
                ("pathway", "indicator", "year"),
                required=False,
            ),
        ]
    }
)

# --------------------------------------------------------------------------------------------
# Industry history and diffusion (issue 11 items 1-2: C25 route shares, C24 diffusion limits).
# Optional: without them the first period splits output by capacity and growth is unbounded.
# --------------------------------------------------------------------------------------------

TABLES.update(
    {
        t.name: t
        for t in [
            _table(
                "industry_route_shares",
                [
                    _region(national=True),
                    _identifier("sector", "steel"),
                    _identifier("technology", "scrap_eaf"),
                    _year(),
                    _share("share"),
                ],
                ("region", "sector", "technology", "year"),
                required=False,
            ),
            _table(
                "technology_diffusion",
                [
                    _identifier("sector", "steel"),
                    _identifier("technology", "scrap_eaf"),
                    _number(
                        "max_growth_pct_per_yr",
                        "%/yr",
                        le=100,
                        basis="MESSAGE-style growth bounds are a few to about 25 %/yr",
                        usual=(0, 50),
                        slips=(PCT_AS_SHARE,),
                    ),
                    _number(
                        "seed_mt_per_yr",
                        "Mt/yr added per year",
                        le=1_000,
                        basis="start-up amounts are a few Mt/yr; China's whole steel output is "
                        "about 1,000 Mt/yr",
                        usual=(0, 100),
                        **_MT,
                    ),
                    # 100 %/yr = no decline limit (backward stock phased out by policy)
                    _number(
                        "max_decline_pct_per_yr",
                        "%/yr",
                        le=100,
                        basis="100 %/yr means no decline limit",
                        slips=(PCT_AS_SHARE,),
                    ),
                ],
                ("sector", "technology"),
                required=False,
            ),
        ]
    }
)

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
