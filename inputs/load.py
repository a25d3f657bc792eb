"""Read a scenario: its YAML (with ``extends``), the tables it runs on, the region registry.

Loading is all-or-nothing: :func:`load_scenario` returns a :class:`Scenario` only when the YAML,
every table (schema, :mod:`~dualcarbon.inputs.schemas`) and the tables together
(:mod:`~dualcarbon.inputs.checks`) are valid; otherwise it raises one
:class:`~dualcarbon.inputs.errors.InputError` naming the file, row (CSV line or YAML key path) and
column of the first problem. Nothing is cached.

Shipped files are read with :mod:`importlib.resources` (``dualcarbon.inputs.scenarios``,
``dualcarbon.inputs.data``, ``dualcarbon.regions.data``), so an installed wheel works the same as
the source tree.

The scenario YAML is read by :mod:`~dualcarbon.inputs.scenario_yaml` and the files as text by
:mod:`~dualcarbon.inputs.reading`; this module assembles the :class:`Scenario` and re-exports
their public functions.
"""

from __future__ import annotations

import difflib
import logging
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import pandas as pd

from dualcarbon.inputs.checks import ALL_INDUSTRY, check_config, check_tables
from dualcarbon.inputs.config import ScenarioConfig, TableOverride
from dualcarbon.inputs.errors import InputError, format_value

# the readers keep their public import path here (catalog, cli, tests import them from load)
from dualcarbon.inputs.reading import (  # noqa: F401
    ENCODINGS,
    MAX_YAML_ALIASES,
    Location,
    PathLike,
    decode_text,
    read_table_text,
    read_yaml_file,
)
from dualcarbon.inputs.scenario import Scenario
from dualcarbon.inputs.scenario_yaml import (  # noqa: F401
    SCENARIO_PACKAGE,
    load_config,
    shipped_scenarios,
)
from dualcarbon.inputs.schemas import NATIONAL, REGISTRY, TABLES, validate_table

logger = logging.getLogger(__name__)

__all__ = [
    "load_config",
    "load_scenario",
    "load_tables",
    "read_registry",
    "read_yaml_file",
    "read_table_text",
    "shipped_scenarios",
    "validate_scenario",
]

DATA_PACKAGE = "dualcarbon.inputs.data"
REGISTRY_PACKAGE = "dualcarbon.regions.data"
REGISTRY_FILE = "provinces.csv"
#: Optional tables of a switchable constraint family. They are always read and validated (a
#: sweep may switch the family on in a built model), but while the family is off their rows of
#: sectors the plan does not have are dropped instead of refused, so replacing the industry
#: tables does not require replacing tables the plan does not use.
FAMILY_TABLES: dict[str, tuple[str, ...]] = {
    "supply_security": ("supply_security",),
    "circular_resources": ("circular_resources",),
    "carbon_border": ("carbon_border",),
}


# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------


def read_registry(path: PathLike | None = None) -> pd.DataFrame:
    """The region registry (``regions/data/provinces.csv``), validated, every row.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        Another registry file (tests); default the shipped one.
    """
    if path is None:
        source: Location = resources.files(REGISTRY_PACKAGE).joinpath(REGISTRY_FILE)
        label = f"regions/data/{REGISTRY_FILE}"
    else:
        source, label = Path(path), str(path)
    raw = read_table_text(source, label)
    return validate_table(REGISTRY, raw, label)


def _table_sources(
    config: ScenarioConfig,
    base_dir: Location | None,
    data_dir: Location,
    shipped_label: str,
    config_file: str,
) -> dict[str, tuple[str, Location]]:
    """(label, file) of every table to read: the user's CSV or the shipped one."""
    for name in config.tables:
        if name not in TABLES:
            guess = difflib.get_close_matches(name, TABLES, n=1)
            raise InputError(
                config_file,
                row=f"tables.{name}",
                expected="a table of docs/tables.md",
                got=format_value(name),
                hint=f"did you mean {guess[0]!r}?" if guess else None,
            )
    needed = {
        t for f, ts in FAMILY_TABLES.items() if getattr(config.optional_families, f) for t in ts
    }
    sources: dict[str, tuple[str, Location]] = {}
    for name, spec in TABLES.items():
        if name in config.tables:
            given = config.tables[name]
            path: Location = Path(given)
            if not Path(given).is_absolute() and base_dir is not None:
                path = base_dir / given if isinstance(base_dir, Path) else base_dir.joinpath(given)
            if not path.is_file():
                raise InputError(
                    config_file,
                    row=f"tables.{name}",
                    expected="an existing CSV file",
                    got=f"no such file {given!r}",
                )
            sources[name] = (given, path)
            continue
        file = data_dir.joinpath(f"{name}.csv")
        label = f"{shipped_label}/{name}.csv"
        if file.is_file():
            sources[name] = (label, file)
        elif spec.required or name in needed:
            raise InputError(label, expected="the table file (docs/tables.md)", got="no such file")
    return sources


def _cell_text(value: str | int | float | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _apply_overrides(
    raw: dict[str, pd.DataFrame], overrides: list[TableOverride], config_file: str
) -> None:
    for i, override in enumerate(overrides):
        key = f"overrides[{i}]"
        df = raw.get(override.table)
        if df is None:
            guess = difflib.get_close_matches(override.table, TABLES, n=1)
            raise InputError(
                config_file,
                row=f"{key}.table",
                expected="a table of docs/tables.md that is loaded",
                got=format_value(override.table),
                hint=f"did you mean {guess[0]!r}?" if guess else None,
            )
        for part in ("where", "set", "scale"):
            for column in getattr(override, part):
                if column not in df.columns:
                    guess = difflib.get_close_matches(column, list(df.columns), n=1)
                    raise InputError(
                        config_file,
                        row=f"{key}.{part}.{column}",
                        expected=f"a column of {override.table} ({', '.join(df.columns)})",
                        got=format_value(column),
                        hint=f"did you mean {guess[0]!r}?" if guess else None,
                    )
        match = pd.Series(True, index=df.index)
        for column, value in override.where.items():
            cells = df[column].str.strip()
            if isinstance(value, bool):
                match &= cells.str.lower().isin(["true", "1"] if value else ["false", "0"])
            elif isinstance(value, int | float):
                match &= pd.to_numeric(cells, errors="coerce") == value
            else:
                match &= cells == value
        if not match.any():
            where = ", ".join(f"{c}={v!r}" for c, v in override.where.items())
            raise InputError(
                config_file,
                row=f"{key}.where",
                expected=f"at least one matching row in {override.table}",
                got=f"no row with {where}",
            )
        for column, value in override.set.items():
            df.loc[match, column] = _cell_text(value)
        for column, factor in override.scale.items():
            numbers = pd.to_numeric(df.loc[match, column], errors="coerce")
            if numbers.isna().any():
                line = int(numbers.index[numbers.isna()][0])
                raise InputError(
                    config_file,
                    row=f"{key}.scale.{column}",
                    expected=f"numbers in column {column} of the matching rows",
                    got=f"{format_value(df.at[line, column])} on line {line} of {override.table}",
                )
            df.loc[match, column] = (numbers * factor).map(repr)
        logger.debug(
            "%s: %s changed %d row(s) of %s", config_file, key, int(match.sum()), override.table
        )


def _drop_unplanned_sectors(
    tables: dict[str, pd.DataFrame], config: ScenarioConfig, files: dict[str, str]
) -> None:
    """Rows of switched-off family tables whose sector the plan does not have, dropped."""
    techs = tables.get("industry_technologies")
    if techs is None:
        return
    planned = set(techs["sector"]) if config.sectors is None else set(config.sectors)
    for family, names in FAMILY_TABLES.items():
        if getattr(config.optional_families, family):
            continue  # on: every row must name a known sector (inputs/checks.py)
        for name in names:
            df = tables.get(name)
            if df is None or "sector" not in df.columns:
                continue
            keep = df["sector"].isin(planned | {ALL_INDUSTRY})
            if not keep.all():
                logger.info(
                    "%s: %d row(s) of sectors outside the plan ignored (%s is off)",
                    files[name],
                    int((~keep).sum()),
                    family,
                )
                tables[name] = df[keep]


def _restrict(df: pd.DataFrame, name: str, scope: set[str]) -> pd.DataFrame:
    """Rows of the regions in scope (national rows kept), with a fresh RangeIndex."""
    spec = TABLES[name]
    keep = pd.Series(True, index=df.index)
    for column in spec.columns_with_role("region", "region_or_national"):
        keep &= df[column].isin(scope | {NATIONAL})
    return df[keep].reset_index(drop=True)


def load_tables(
    config: ScenarioConfig,
    base_dir: PathLike | Traversable | None = None,
    *,
    data_dir: PathLike | Traversable | None = None,
    registry: PathLike | None = None,
    config_file: str | None = None,
) -> dict[str, pd.DataFrame]:
    """Read, override, validate and check every table a scenario runs on.

    Parameters
    ----------
    config : ScenarioConfig
        The scenario (``tables``, ``overrides``, ``regions``, ``base_year``, optional families).
    base_dir : path-like, optional
        Folder against which relative ``config.tables`` paths resolve (the YAML's folder).
    data_dir : path-like, optional
        Folder replacing the shipped tables as a whole (tests, alternative data sets).
    registry : path-like, optional
        Region registry replacing the shipped ``regions/data/provinces.csv``.
    config_file : str, optional
        The scenario file as named in messages (default: the scenario name).

    Returns
    -------
    dict[str, pandas.DataFrame]
        Every table found (optional-family tables only when shipped or switched on), restricted
        to the regions in scope, plus ``regions``: the registry rows of the planned regions in scope.

    Raises
    ------
    InputError
        At the first problem; nothing is returned unless every table and check passes.
    """
    config_file = config_file or config.name
    base = Path(base_dir) if isinstance(base_dir, str) else base_dir
    if data_dir is None:
        data: Location = resources.files(DATA_PACKAGE)
        shipped_label = "inputs/data"
    else:
        data = Path(data_dir) if isinstance(data_dir, str) else data_dir
        shipped_label = str(data_dir)
    regions = read_registry(registry)
    check_config(config, regions, config_file)

    sources = _table_sources(config, base, data, shipped_label, config_file)
    raw = {name: read_table_text(file, label) for name, (label, file) in sources.items()}
    _apply_overrides(raw, config.overrides, config_file)
    files = {name: label for name, (label, _) in sources.items()}
    tables = {name: validate_table(name, raw[name], files[name]) for name in raw}
    _drop_unplanned_sectors(tables, config, files)
    check_tables(tables, regions, config, files, config_file)

    planned = regions[regions["planned"]]
    scope = set(planned["region"]) if config.regions is None else set(config.regions)
    out = {name: _restrict(df, name, scope) for name, df in tables.items()}
    out["regions"] = planned[planned["region"].isin(scope)].reset_index(drop=True)
    logger.info("%s: %d tables, %d regions in scope", config.name, len(tables), len(out["regions"]))
    return out


def load_scenario(
    name_or_path: PathLike,
    *,
    data_dir: PathLike | Traversable | None = None,
    registry: PathLike | None = None,
) -> Scenario:
    """Load a scenario: YAML, tables and registry, all validated.

    Parameters
    ----------
    name_or_path : str or pathlib.Path
        A shipped scenario (``"default"``, see :func:`shipped_scenarios`) or a YAML path.
    data_dir : path-like, optional
        Folder replacing the shipped tables as a whole.
    registry : path-like, optional
        Region registry replacing the shipped one.

    Returns
    -------
    Scenario

    Raises
    ------
    InputError
        Naming file, row (CSV line or YAML key path) and column of the first problem.

    Examples
    --------
    >>> import dualcarbon as dc
    >>> scenario = dc.load_scenario("default")  # doctest: +SKIP
    """
    config, label, directory = load_config(name_or_path)
    tables = load_tables(config, directory, data_dir=data_dir, registry=registry, config_file=label)
    return Scenario(config, tables, origin=label)


def validate_scenario(
    name_or_path: PathLike,
    *,
    data_dir: PathLike | Traversable | None = None,
    registry: PathLike | None = None,
) -> Scenario:
    """Validate a scenario for ``dualcarbon validate``: same as :func:`load_scenario`, logging a summary.

    Returns
    -------
    Scenario
        The validated scenario.

    Raises
    ------
    InputError
        At the first problem.
    """
    scenario = load_scenario(name_or_path, data_dir=data_dir, registry=registry)
    rows = sum(len(df) for df in scenario.tables.values())
    logger.info(
        "%s is valid: %d tables, %d rows, %d regions",
        scenario.origin,
        len(scenario.tables),
        rows,
        len(scenario.tables["regions"]),
    )
    return scenario
