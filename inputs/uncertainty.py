"""Distributions of uncertain inputs for Monte Carlo runs: the YAML format and its loader.

A distributions file names each uncertain input once, says which model multiplier it draws
(a name of ``dualcarbon.models.policy.SWEEPABLE`` whose value is a number, e.g.
``power_capex_scale``), which entries of it (``entry``; all when omitted), the distribution and,
always, the ``basis`` of its range::

    description: ranges of the default scenario's uncertain inputs
    inputs:
      solar_capex:
        multiplier: power_capex_scale
        entry: solar_pv
        distribution: triangular
        low: 0.7
        mode: 1.0
        high: 1.2
        basis: NREL ATB 2024 moderate/advanced vs conservative utility PV capex, 2030

Distributions: ``uniform`` (low, high), ``triangular`` (low, mode, high) and ``truncnormal``
(low, high, mean, sd). Several entries listed in ``entry`` share one draw (they move together).
:func:`load_distributions` returns a :class:`Distributions`; every problem is an
:class:`~dualcarbon.inputs.errors.InputError` naming the file, the key and what was expected.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from dualcarbon.inputs.errors import InputError, format_value

#: The shipped distributions, ``inputs/scenarios/uncertainty/<name>.yaml``.
SHIPPED_FOLDER = "uncertainty"


class InputDistribution(BaseModel):
    """One uncertain input: a multiplier (and entries) and the distribution of its value."""

    model_config = ConfigDict(extra="forbid")

    multiplier: str
    entry: str | list[str] | None = None
    distribution: Literal["uniform", "triangular", "truncnormal"]
    low: float
    high: float
    mode: float | None = None
    mean: float | None = None
    sd: float | None = Field(default=None, gt=0)
    basis: str = Field(min_length=10)

    @model_validator(mode="after")
    def _shape(self) -> InputDistribution:
        if not self.low < self.high:
            raise ValueError(f"low ({self.low}) must be below high ({self.high})")
        if self.low < 0:
            raise ValueError(f"low must be >= 0 for a multiplier, got {self.low}")
        if self.distribution == "triangular":
            if self.mode is None or not self.low <= self.mode <= self.high:
                raise ValueError("a triangular distribution needs low <= mode <= high")
        if self.distribution == "truncnormal" and (self.mean is None or self.sd is None):
            raise ValueError("a truncnormal distribution needs mean and sd")
        return self

    @property
    def entries(self) -> list[str] | None:
        """The entries drawn together (None: every entry of the multiplier)."""
        if self.entry is None:
            return None
        return [self.entry] if isinstance(self.entry, str) else list(self.entry)

    def salib(self) -> tuple[str, list[float]]:
        """SALib's ``dists`` name and ``bounds`` row for this distribution."""
        if self.distribution == "uniform":
            return "unif", [self.low, self.high]
        if self.distribution == "triangular":
            assert self.mode is not None
            peak = (self.mode - self.low) / (self.high - self.low)
            return "triang", [self.low, self.high, peak]
        assert self.mean is not None and self.sd is not None
        return "truncnorm", [self.low, self.high, self.mean, self.sd]


class Distributions(BaseModel):
    """A distributions file: a description and the uncertain inputs by label."""

    model_config = ConfigDict(extra="forbid")

    description: str = ""
    inputs: dict[str, InputDistribution] = Field(min_length=1)
    source: str = Field(default="<mapping>", exclude=True)

    @property
    def names(self) -> list[str]:
        """Input labels in file order (the order of sample columns)."""
        return list(self.inputs)

    def problem(self) -> dict[str, Any]:
        """The SALib problem: ``num_vars``, ``names``, ``bounds``, ``dists``."""
        pairs = [spec.salib() for spec in self.inputs.values()]
        return {
            "num_vars": len(self.inputs),
            "names": self.names,
            "bounds": [bounds for _, bounds in pairs],
            "dists": [dist for dist, _ in pairs],
        }


def shipped_distributions() -> list[str]:
    """Names of the shipped distributions files (``inputs/scenarios/uncertainty/*.yaml``)."""
    folder = resources.files("dualcarbon.inputs.scenarios") / SHIPPED_FOLDER
    return sorted(p.name[: -len(".yaml")] for p in folder.iterdir() if p.name.endswith(".yaml"))


def _read(ref: str | os.PathLike) -> tuple[str, Any]:
    """(file name for messages, parsed YAML) of a shipped name or a path."""
    text_ref = str(ref)
    if not text_ref.endswith((".yaml", ".yml")) and os.sep not in text_ref:
        names = shipped_distributions()
        if text_ref not in names:
            guess = difflib.get_close_matches(text_ref, names, n=1)
            raise InputError(
                f"inputs/scenarios/{SHIPPED_FOLDER}/{text_ref}.yaml",
                expected=f"a shipped distributions file ({', '.join(names)}) or a YAML path",
                got=format_value(text_ref),
                hint=f"did you mean {guess[0]!r}?" if guess else None,
            )
        file = resources.files("dualcarbon.inputs.scenarios") / SHIPPED_FOLDER / f"{ref}.yaml"
        label = f"inputs/scenarios/{SHIPPED_FOLDER}/{ref}.yaml"
        text = file.read_text(encoding="utf-8")
    else:
        path = Path(ref)
        label = str(path)
        if not path.is_file():
            raise InputError(label, expected="an existing YAML file", got="no such file")
        text = path.read_text(encoding="utf-8")
    try:
        return label, yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        row = f"line {mark.line + 1}" if mark is not None else None
        raise InputError(label, row=row, expected="valid YAML", got=str(error)) from None


def validate_distributions(
    raw: Any, source: str = "<mapping>", known: Mapping[str, Any] | None = None
) -> Distributions:
    """Check a parsed distributions mapping and return it as :class:`Distributions`.

    Parameters
    ----------
    raw : mapping
        As read from YAML.
    source : str
        The file, for messages.
    known : mapping, optional
        Multiplier names and their ``SWEEPABLE`` entries (default: the model's); a multiplier
        must take a number (``value`` starting with ``float``).

    Raises
    ------
    InputError
        Naming ``source``, the key path and what was expected.
    """
    if known is None:
        from dualcarbon.models.policy import SWEEPABLE

        known = SWEEPABLE
    if not isinstance(raw, Mapping):
        raise InputError(source, expected="a mapping with an 'inputs' key", got=format_value(raw))
    try:
        result = Distributions.model_validate({**raw, "source": source})
    except ValidationError as error:
        first = error.errors()[0]
        path = ".".join(str(part) for part in first["loc"])
        got = format_value(first.get("input")) if first["type"] != "missing" else "nothing"
        raise InputError(
            source,
            row=path or None,
            expected=first["msg"].removeprefix("Value error, "),
            got=got,
            more=len(error.errors()) - 1,
        ) from None
    numeric = sorted(
        name for name, spec in known.items() if str(spec.get("value", "")).startswith("float")
    )
    claimed: dict[tuple[str, str | None], str] = {}
    for label, spec in result.inputs.items():
        if spec.multiplier not in numeric:
            guess = difflib.get_close_matches(spec.multiplier, numeric, n=1)
            raise InputError(
                source,
                row=f"inputs.{label}.multiplier",
                expected=f"a numeric sweepable name ({', '.join(numeric)})",
                got=format_value(spec.multiplier),
                hint=f"did you mean {guess[0]!r}?" if guess else None,
            )
        for entry in spec.entries or [None]:
            key = (spec.multiplier, entry)
            clash = claimed.get(key) or claimed.get((spec.multiplier, None))
            if clash is None and entry is None:
                clash = next((v for (m, _), v in claimed.items() if m == spec.multiplier), None)
            if clash is not None:
                raise InputError(
                    source,
                    row=f"inputs.{label}",
                    expected="each multiplier entry drawn by one input only",
                    got=f"{spec.multiplier}[{entry or 'all'}] also drawn by {clash!r}",
                )
            claimed[key] = label
    return result


def load_distributions(
    ref: str | os.PathLike | Mapping[str, Any] | Distributions | None = None,
) -> Distributions:
    """Load a distributions file: a shipped name (``"default"``), a YAML path or a mapping.

    Parameters
    ----------
    ref : str, path-like, mapping or Distributions, optional
        None reads the shipped ``default``.

    Returns
    -------
    Distributions

    Raises
    ------
    InputError
        For a missing file, bad YAML or a bad entry (file, key, expected, got).
    """
    if isinstance(ref, Distributions):
        return ref
    if isinstance(ref, Mapping):
        return validate_distributions(ref)
    source, raw = _read("default" if ref is None else ref)
    return validate_distributions(raw, source)
