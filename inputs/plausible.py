"""Plausible ranges of input numbers, declared next to the field or column they guard.

A :class:`Plausible` says what a number may be (a hard range: outside it the input is refused),
what it usually is (outside that, a warning), its unit, the basis of the bounds, and the unit
slips that explain a value outside them ("108 looks like a percent: shares are written 1.08").
Scenario fields carry one through :func:`ranged` (pydantic), table columns through
``ColumnSpec.plausible`` (:mod:`dualcarbon.inputs.schemas`); both refuse NaN and infinity.

The bounds are not data. They are wide limits chosen to catch unit mistakes and typing slips
(assumption: an input outside them is far more likely a slip than a real figure); each states
its basis so that a user who really means such a value knows why it is refused.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, get_args, get_origin

from pydantic import AfterValidator, BaseModel
from pydantic_core import PydanticCustomError

__all__ = [
    "PCT_AS_SHARE",
    "SHARE_AS_PCT",
    "Plausible",
    "Slip",
    "plausible_of",
    "ranged",
    "unusual_values",
]

INF = math.inf


@dataclass(frozen=True)
class Slip:
    """A likely unit slip: the value written is ``factor`` times the value meant.

    Parameters
    ----------
    factor : float
        Written value ÷ meant value (100 for a percent written where a share is expected).
    hint : str
        Message with ``{value}`` and ``{fixed}`` (the value divided by ``factor``) placeholders.
    within : tuple of float, default (-inf, inf)
        Only values in this closed interval are suspected of this slip.
    warn_inside : bool, default False
        Also warn about values inside the usual interval (a share written in a percent field
        is small, so it never leaves the usual interval).
    """

    factor: float
    hint: str
    within: tuple[float, float] = (-INF, INF)
    warn_inside: bool = False

    def applies(self, value: float) -> bool:
        """Whether ``value`` lies where this slip is suspected."""
        return self.within[0] <= value <= self.within[1]

    def text(self, value: float) -> str:
        """The hint for ``value``."""
        return self.hint.format(value=_g(value), fixed=_g(value / self.factor))


#: A percent written where a share is expected (108 for 1.08).
SHARE_AS_PCT = Slip(100.0, "{value} looks like a percent: shares are written {fixed}", (1.5, 1000))
#: A share written where a percent per year is expected (0.02 for 2.0 %/yr).
PCT_AS_SHARE = Slip(
    0.01,
    "{value} looks like a share: this field is in percent, {fixed} for {value}",
    (-0.3, 0.3),
    warn_inside=True,
)


def _g(value: float) -> str:
    return f"{value:g}"


@dataclass(frozen=True)
class Plausible:
    """The range a number may take, the range it usually takes, its unit and their basis.

    Parameters
    ----------
    lo, hi : float
        Hard bounds (inclusive unless ``lo_open``); ``-inf``/``inf`` for none.
    unit : str
        Unit of the number as written (``"CNY/tCO2"``, ``"share"``, ``"% per year"``).
    basis : str
        Why these bounds (a source or the reasoning), written in ``docs/scenarios.md``.
    usual : tuple of float, optional
        Values outside this interval (but inside the hard range) give a warning.
    slips : tuple of Slip
        Unit slips to suggest when a value is refused (and, for values inside the range that a
        slip's ``within`` covers, to warn about).
    lo_open : bool, default False
        ``lo`` itself is refused (a scale that must be > 0).
    integer : bool, default False
        Whole numbers only (years).
    """

    lo: float
    hi: float
    unit: str
    basis: str
    usual: tuple[float, float] | None = None
    slips: tuple[Slip, ...] = ()
    lo_open: bool = False
    integer: bool = False

    def describe(self) -> str:
        """``"a number in [0, 10000] (CNY/tCO2)"``: the hard range, for messages."""
        what = "an integer" if self.integer else "a number"
        left = "(" if self.lo_open else "["
        if self.hi == INF:
            text = f"{what} {'>' if self.lo_open else '>='} {_g(self.lo)}"
        else:
            text = f"{what} in {left}{_g(self.lo)}, {_g(self.hi)}]"
        return f"{text} ({self.unit})" if self.unit else text

    def inside(self, value: float) -> bool:
        """Whether a finite ``value`` lies in the hard range."""
        above = value > self.lo if self.lo_open else value >= self.lo
        return above and value <= self.hi and (not self.integer or value == round(value))

    def refusal_hint(self, value: float, *, inside_usual: bool = False) -> str | None:
        """The unit slips that could explain a refused ``value`` (joined by "or"), if any.

        With ``inside_usual``, only the slips suspected even of usual values.
        """
        hints = [
            slip.text(value)
            for slip in self.slips
            if slip.applies(value)
            and self.inside(value / slip.factor)
            and (slip.warn_inside or not inside_usual)
        ]
        return " or ".join(hints) if hints else None

    def warning(self, value: float) -> str | None:
        """Why an accepted ``value`` is unusual (outside ``usual``, or a suspected slip)."""
        usual = self.usual is None or self.usual[0] <= value <= self.usual[1]
        hint = self.refusal_hint(value, inside_usual=usual) if value != 0 else None
        if usual:
            return f"{_g(value)} is unusual: {hint}" if hint else None
        text = f"{_g(value)} is legal but unusual: usually in [{_g(self.usual[0])}, "
        text += f"{_g(self.usual[1])}] {self.unit} ({self.basis})"
        return f"{text}; {hint}" if hint else text

    def check(self, value: Any) -> Any:
        """Pydantic after-validator: refuse non-finite and out-of-range values with a hint."""
        if value is None:
            return value
        number = float(value)
        if not math.isfinite(number):
            raise PydanticCustomError(
                "implausible",
                "{expected}, got {got}",
                {"expected": "a finite number", "got": str(value), "hint": None},
            )
        if not self.inside(number):
            raise PydanticCustomError(
                "implausible",
                "{expected}, got {got}",
                {
                    "expected": f"{self.describe()}; basis: {self.basis}",
                    "got": _g(number),
                    "hint": self.refusal_hint(number),
                },
            )
        return value


def ranged(kind: type, plausible: Plausible) -> Any:
    """The annotation of a field (or mapping value) of ``kind`` guarded by ``plausible``.

    Examples
    --------
    >>> price: dict[int, ranged(float, CARBON_PRICE)] = {}  # doctest: +SKIP
    """
    return Annotated[kind, AfterValidator(plausible.check), plausible]


def plausible_of(annotation: Any) -> Plausible | None:
    """The :class:`Plausible` inside an annotation (a field, a mapping's value, an optional)."""
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, Plausible):
            return meta
    if get_origin(annotation) is dict:
        return plausible_of(get_args(annotation)[1])
    for inner in get_args(annotation):
        found = plausible_of(inner)
        if found is not None:
            return found
    return None


def _field_plausible(model: type[BaseModel], name: str) -> Plausible | None:
    field = model.model_fields[name]
    for meta in field.metadata:
        if isinstance(meta, Plausible):
            return meta
    return plausible_of(field.annotation)


def _numbers(value: Any, path: str) -> Iterator[tuple[str, float]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _numbers(inner, f"{path}.{key}")
    elif isinstance(value, int | float) and not isinstance(value, bool):
        yield path, float(value)


def unusual_values(model: BaseModel, prefix: str = "") -> list[tuple[str, str]]:
    """``(key path, why)`` of every accepted but unusual number of a validated model.

    Parameters
    ----------
    model : pydantic.BaseModel
        A validated scenario (or block of one).
    prefix : str
        Key path of ``model`` itself (``"national_cap"``).
    """
    out: list[tuple[str, str]] = []
    for name in type(model).model_fields:
        value = getattr(model, name)
        path = f"{prefix}.{name}" if prefix else name
        if isinstance(value, BaseModel):
            out += unusual_values(value, path)
            continue
        plausible = _field_plausible(type(model), name)
        if plausible is None:
            continue
        for where, number in _numbers(value, path):
            why = plausible.warning(number)
            if why:
                out.append((where, why))
    return out


def plausible_fields(model: type[BaseModel], prefix: str = "") -> list[tuple[str, Plausible]]:
    """``(key path, range)`` of every guarded field of a model class, nested blocks included."""
    out: list[tuple[str, Plausible]] = []
    for name, field in model.model_fields.items():
        path = f"{prefix}.{name}" if prefix else name
        inner = field.annotation
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            out += plausible_fields(inner, path)
            continue
        plausible = _field_plausible(model, name)
        if plausible is not None:
            out.append((path, plausible))
    return out
