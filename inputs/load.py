"""Read a scenario: its YAML (with ``extends``), the tables it runs on, the region registry.

Loading is all-or-nothing: :func:`load_scenario` returns a :class:`Scenario` only when the YAML,
every table (schema, :mod:`~dualcarbon.inputs.schemas`) and the tables together
(:mod:`~dualcarbon.inputs.checks`) are valid; otherwise it raises one
:class:`~dualcarbon.inputs.errors.InputError` naming the file, row (CSV line or YAML key path) and
column of the first problem. Nothing is cached.

Shipped files are read with :mod:`importlib.resources` (``dualcarbon.inputs.scenarios``,
``dualcarbon.inputs.data``, ``dualcarbon.regions.data``), so an installed wheel works the same as
the source tree.
"""

from __future__ import annotations

import difflib
import io
import logging
import re
import warnings
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import pandas as pd
import pydantic
import yaml

from dualcarbon.inputs.checks import ALL_INDUSTRY, check_config, check_tables
from dualcarbon.inputs.config import ScenarioConfig, TableOverride
from dualcarbon.inputs.errors import InputError, format_value
from dualcarbon.inputs.plausible import unusual_values
from dualcarbon.inputs.scenario import Scenario
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

SCENARIO_PACKAGE = "dualcarbon.inputs.scenarios"
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
#: YAML aliases (``*name``) allowed in one scenario file. A few are handy for repeated blocks;
#: a "billion laughs" file nests hundreds to grow exponentially, so the loader stops at this
#: count while composing, before anything is expanded.
MAX_YAML_ALIASES = 16
#: Encodings tried, in order, for a file that is not UTF-8 (Excel on Chinese Windows saves CSV
#: as GBK, "Unicode text" as UTF-16 with a byte-order mark).
ENCODINGS = ("utf-8 (with or without BOM)", "utf-16 (with BOM)", "gbk")

PathLike = str | Path
Location = Path | Traversable


# --------------------------------------------------------------------------------------------
# Scenario YAML
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Layer:
    """One YAML file of an ``extends`` chain."""

    label: str  # as shown to the user
    raw: dict[str, Any]
    directory: Location  # where relative paths of this file point


def shipped_scenarios() -> list[str]:
    """Names of the scenarios shipped in ``inputs/scenarios/`` (file stems), sorted."""
    folder = resources.files(SCENARIO_PACKAGE)
    return sorted(p.name[: -len(".yaml")] for p in folder.iterdir() if p.name.endswith(".yaml"))


def _looks_like_path(ref: str) -> bool:
    return ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref


def _resolve(
    ref: PathLike, directory: Location | None, referrer: str | None
) -> tuple[str, Location, Location]:
    """(label, file, directory) of a scenario reference; raise if it does not exist."""
    where = {"row": "extends"} if referrer else {}
    if isinstance(ref, Path) or _looks_like_path(str(ref)):
        path = Path(ref)
        if not path.is_absolute() and directory is not None:
            path = (
                Path(str(directory.joinpath(str(ref))))
                if not isinstance(directory, Path)
                else directory / path
            )
        if not path.is_file():
            raise InputError(
                referrer or str(ref),
                **where,
                expected="an existing scenario YAML file",
                got=f"no such file {str(path)!r}",
            )
        # resolved once, here: relative ``tables:`` and ``extends`` of this file then join an
        # absolute folder, never the relative one a second time
        return str(ref) if referrer is None else str(path), path, path.resolve().parent
    folder = resources.files(SCENARIO_PACKAGE)
    file = folder.joinpath(f"{ref}.yaml")
    if not file.is_file():
        names = shipped_scenarios()
        guess = difflib.get_close_matches(str(ref), names, n=1)
        raise InputError(
            referrer or f"inputs/scenarios/{ref}.yaml",
            **where,
            expected=f"a shipped scenario ({', '.join(names) or 'none shipped'}) or a YAML path",
            got=format_value(str(ref)),
            hint=f"did you mean {guess[0]!r}?" if guess else None,
        )
    return f"inputs/scenarios/{ref}.yaml", file, folder


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys and more than :data:`MAX_YAML_ALIASES` aliases."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_YAML_ALIASES:
                event = self.peek_event()
                raise yaml.composer.ComposerError(
                    None,
                    None,
                    f"more than {MAX_YAML_ALIASES} aliases (*name); expand them in the file",
                    event.start_mark,
                )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.get(key)
            except TypeError:  # an unhashable key: let SafeLoader report it
                break
            if first is not None:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"key {key!r} given twice (first on line {first}); the second would "
                    "silently win",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


def decode_text(data: bytes, label: str) -> str:
    """Text of a file's bytes: UTF-8 (BOM or not), UTF-16 with a BOM, else GBK.

    Parameters
    ----------
    data : bytes
        The file's content.
    label : str
        The file as named in messages.

    Raises
    ------
    InputError
        Naming the file and the encodings tried when none decodes it unambiguously.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _refuse_nul(data.decode("utf-16"), label)
        except UnicodeDecodeError:
            pass
    else:
        try:
            text = _refuse_nul(data.decode("utf-8-sig"), label)
        except UnicodeDecodeError as exc:
            utf8_error = exc.start
        else:
            return text
        # UTF-16 without a BOM has NUL bytes everywhere: GBK would decode it as nonsense
        if b"\x00" not in data and utf8_error is not None:  # a NUL byte is never GBK text
            try:
                text = data.decode("gbk")
            except UnicodeDecodeError:
                pass
            else:
                logger.info("%s: read as GBK (not UTF-8)", label)
                return text
    raise InputError(
        label,
        expected=f"text in one of {', '.join(ENCODINGS)}",
        got="bytes none of them decodes (save the file as UTF-8)",
    )


def _refuse_nul(text: str, label: str) -> str:
    """Text files never hold NUL characters; UTF-16 without its byte-order mark is full of them
    (and is valid UTF-8 when the text is ASCII)."""
    if "\x00" in text:
        raise InputError(
            label,
            expected=f"text in one of {', '.join(ENCODINGS)}",
            got="NUL bytes, as in UTF-16 without a byte-order mark (save the file as UTF-8)",
        )
    return text


def _read_bytes(label: str, file: Location, what: str) -> bytes:
    try:
        return file.read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise InputError(label, expected=f"an existing {what}", got="no such file") from None


def read_yaml_file(path: PathLike) -> Any:
    """Any YAML document (a sweep grid, ...) read as strictly as a scenario.

    Parameters
    ----------
    path : str or pathlib.Path

    Raises
    ------
    InputError
        For a missing or undecodable file, invalid YAML, a duplicate key or too many aliases.
    """
    label = str(path)
    text = decode_text(_read_bytes(label, Path(path), "YAML file"), label)
    try:
        return yaml.load(text, Loader=_StrictLoader)  # a SafeLoader subclass: no Python tags
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(
            label, row=f"line {mark.line + 1}" if mark else None, expected="valid YAML", got=problem
        ) from None


def _read_yaml(label: str, file: Location) -> dict[str, Any]:
    text = decode_text(_read_bytes(label, file, "scenario YAML file"), label)
    try:
        data = yaml.load(text, Loader=_StrictLoader)  # a SafeLoader subclass: no Python tags
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(
            label,
            row=f"line {mark.line + 1}" if mark else None,
            expected="valid YAML",
            got=problem,
        ) from None
    if not isinstance(data, dict):
        got = "an empty file" if data is None else f"a {type(data).__name__}"
        raise InputError(label, expected="a mapping of scenario keys (key: value lines)", got=got)
    return data


def _chain(ref: PathLike) -> list[_Layer]:
    """The layers of a scenario, the most basic first, following ``extends``."""
    label, file, directory = _resolve(ref, None, None)
    layers = [_Layer(label, _read_yaml(label, file), directory)]
    seen = [str(file)]
    while (parent := layers[0].raw.get("extends")) is not None:
        child = layers[0]
        if not isinstance(parent, str) or not parent.strip():
            raise InputError(
                child.label,
                row="extends",
                expected="a shipped scenario name or a YAML path",
                got=format_value(parent),
            )
        p_label, p_file, p_dir = _resolve(parent, child.directory, child.label)
        if str(p_file) in seen:
            cycle = " -> ".join([*reversed([layer.label for layer in layers]), p_label])
            raise InputError(child.label, row="extends", expected="no cycle of extends", got=cycle)
        seen.append(str(p_file))
        layers.insert(0, _Layer(p_label, _read_yaml(p_label, p_file), p_dir))
    return layers


def _absolute_tables(layer: _Layer) -> dict[str, Any]:
    """The layer's keys with ``tables:`` paths made absolute against the layer's own folder."""
    raw = dict(layer.raw)
    tables = raw.get("tables")
    if isinstance(tables, dict):
        raw["tables"] = {
            k: v
            if not isinstance(v, str) or Path(v).is_absolute()
            else str(layer.directory.joinpath(v))
            for k, v in tables.items()
        }
    return raw


def _merge(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in top.items():
        if key == "overrides" and isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = [*out[key], *value]
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _key_path(loc: tuple[Any, ...], data: Any) -> str:
    """``a.b[2].c`` from a pydantic location, reading list positions from the data itself."""
    text = ""
    for part in loc:
        if isinstance(data, list) and isinstance(part, int):
            text += f"[{part}]"
            data = data[part] if part < len(data) else None
        elif isinstance(data, dict) and part != "[key]":
            text += f".{part}" if text else str(part)
            data = data.get(part, data.get(str(part)))
            if data is None:  # a missing key: it ends the path
                break
        else:  # pydantic's own steps (union members, "[key]") below the user's value
            break
    return text


def _has_key(data: Any, loc: tuple[Any, ...]) -> bool:
    for part in loc:
        if isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        elif isinstance(data, dict) and (part in data or str(part) in data):
            data = data[part] if part in data else data[str(part)]
        else:
            return False
    return True


def _fields_at(loc: tuple[Any, ...]) -> list[str]:
    """Field names of the pydantic model that holds the last element of ``loc``."""
    model: Any = ScenarioConfig
    for part in loc[:-1]:
        if isinstance(model, type) and issubclass(model, pydantic.BaseModel):
            field = model.model_fields.get(str(part))
            if field is None:
                return []
            model = field.annotation
        else:  # a list or dict of models: the index/key step keeps the item model
            continue
        for inner in getattr(model, "__args__", ()):  # list[Model], Model | None
            if isinstance(inner, type) and issubclass(inner, pydantic.BaseModel):
                model = inner
    if isinstance(model, type) and issubclass(model, pydantic.BaseModel):
        return list(model.model_fields)
    return []


def _config_error(
    exc: pydantic.ValidationError, layers: list[_Layer], data: dict[str, Any]
) -> InputError:
    errors = exc.errors()
    first = errors[0]
    loc = tuple(first["loc"])
    path = _key_path(loc, data) or "(top level)"
    file = next(
        (layer.label for layer in reversed(layers) if _has_key(layer.raw, loc)), layers[-1].label
    )
    if first["type"] == "extra_forbidden":
        known = _fields_at(loc)
        guess = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        return InputError(
            file,
            row=path,
            expected="a known key" + (f" ({', '.join(known)})" if len(known) <= 8 else ""),
            got=f"unknown key {str(loc[-1])!r}",
            more=len(errors) - 1,
            hint=f"did you mean {guess[0]!r}?" if guess else "see docs/scenarios.md",
        )
    if first["type"] == "implausible":
        ctx = first.get("ctx", {})
        return InputError(
            file,
            row=path,
            expected=ctx.get("expected", "a plausible value"),
            got=ctx.get("got", format_value(first.get("input"))),
            more=len(errors) - 1,
            hint=ctx.get("hint"),
        )
    if first["type"] == "missing":
        return InputError(
            file, row=path, expected="this key to be set", got="nothing", more=len(errors) - 1
        )
    message = re.sub(r"^(Value error|Input should be|Assertion failed),?\s*", "", first["msg"])
    expected, _, got = message.partition(", got ")
    return InputError(
        file,
        row=path,
        expected=expected.split(", unable")[0],
        got=got or format_value(first.get("input")),
        more=len(errors) - 1,
    )


def load_config(name_or_path: PathLike) -> tuple[ScenarioConfig, str, Location]:
    """Read and validate a scenario YAML, following ``extends``.

    Parameters
    ----------
    name_or_path : str or pathlib.Path
        A shipped scenario name (``"default"``) or a path to a YAML file.

    Returns
    -------
    config : ScenarioConfig
    label : str
        The file as named in messages.
    directory : pathlib.Path or importlib.resources.abc.Traversable
        The YAML's folder, against which relative ``tables:`` paths resolve.

    Raises
    ------
    InputError
        For a missing file, invalid YAML, an unknown key (with a did-you-mean), a wrong type or
        value, or a bad ``extends``.
    """
    layers = _chain(name_or_path)
    data: dict[str, Any] = {}
    for layer in layers:
        data = _merge(data, _absolute_tables(layer))
    leaf = layers[-1]
    if "name" not in leaf.raw:
        data["name"] = Path(leaf.label).stem
    try:
        config = ScenarioConfig.model_validate(data)
    except pydantic.ValidationError as exc:
        raise _config_error(exc, layers, data) from None
    for path, why in unusual_values(config):
        loc = tuple(int(p) if p.isdigit() else p for p in path.split("."))
        file = next((la.label for la in reversed(layers) if _has_key(la.raw, loc)), leaf.label)
        logger.warning("%s, key %s: %s", file, path, why)
    return config, leaf.label, leaf.directory


# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------


def read_table_text(source: Location, label: str) -> pd.DataFrame:
    """Read a CSV with every cell as text, indexed by its 1-based line number (header = 1).

    Parameters
    ----------
    source : pathlib.Path or Traversable
        The CSV file.
    label : str
        The file as named in messages.

    Raises
    ------
    InputError
        For a missing or empty file, or a line with the wrong number of fields.

    Notes
    -----
    Blank lines are skipped but counted; a quoted cell spanning several lines shifts the line
    numbers of the rows after it.
    """
    text = decode_text(_read_bytes(label, source, "CSV file"), label)
    if not text.strip():
        raise InputError(label, row=1, expected="a header line and data rows", got="an empty file")
    try:
        with warnings.catch_warnings():
            # index_col=False: pandas would otherwise silently turn the first column into the
            # index when every row has one field more than the header (an unquoted comma)
            warnings.simplefilter("error", pd.errors.ParserWarning)
            df = pd.read_csv(
                io.StringIO(text),
                dtype=str,
                keep_default_na=False,
                na_values=[""],
                skip_blank_lines=False,
                index_col=False,
            )
    except pd.errors.ParserWarning:
        raise InputError(
            label,
            row=2,
            expected="the same number of fields as the header",
            got="more fields on every row (a comma inside an unquoted cell?)",
        ) from None
    except pd.errors.ParserError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise InputError(
            label,
            row=int(match.group(1)) if match else None,
            expected="the same number of fields as the header",
            got=str(exc).split(":")[-1].strip(),
        ) from None
    df.columns = [str(c).strip() for c in df.columns]
    df.index = pd.RangeIndex(2, len(df) + 2, name="line")
    return df.dropna(how="all")


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
