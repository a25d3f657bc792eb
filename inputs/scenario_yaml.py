"""The scenario YAML: its ``extends`` chain, merged and validated into a
:class:`~dualcarbon.inputs.config.ScenarioConfig`.

A validation failure becomes one :class:`~dualcarbon.inputs.errors.InputError` naming the file of
the chain that set the key, the key path (``replacement.ratio_overrides.steel``) and what was
expected, with a did-you-mean for an unknown key. :func:`load_config` is re-exported by
:mod:`dualcarbon.inputs.load`, which goes on to read the tables.
"""

from __future__ import annotations

import difflib
import logging
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pydantic
import yaml

from dualcarbon.inputs.config import ScenarioConfig
from dualcarbon.inputs.errors import InputError, format_value
from dualcarbon.inputs.plausible import unusual_values
from dualcarbon.inputs.reading import Location, PathLike, _read_bytes, _StrictLoader, decode_text

# one logger for loading, whichever of its modules speaks (as before the split)
logger = logging.getLogger("dualcarbon.inputs.load")

__all__ = ["load_config", "shipped_scenarios"]

SCENARIO_PACKAGE = "dualcarbon.inputs.scenarios"


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
