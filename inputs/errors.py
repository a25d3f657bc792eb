"""The one exception of input loading: :class:`InputError`, pointing at a file, a row and a column.

Every problem found in a scenario YAML or an input CSV is raised as an :class:`InputError` whose
``str()`` is one line a user can act on::

    inputs/data/power_capacity.csv, row 14, column capacity_gw: expected a number >= 0, got -3.2

``row`` is the 1-based line number in the CSV (the header is line 1), or, for YAML, the key path
(``national_cap.share_of_base``); ``column`` is the CSV column (``None`` for YAML errors and for
problems of a whole table).
"""

from __future__ import annotations

from typing import Any

__all__ = ["InputError", "format_value"]


def format_value(value: Any, max_chars: int = 60) -> str:
    """Render an offending value for a one-line message (``repr`` for strings, shortened).

    Parameters
    ----------
    value : Any
        The value found in the input.
    max_chars : int, default 60
        Longer renderings are cut with an ellipsis so that the message stays on one line.
    """
    if value is None:
        text = "nothing"
    elif isinstance(value, float) and value != value:  # NaN
        text = "an empty cell"
    elif isinstance(value, str):
        text = repr(value) if value.strip() else "an empty cell"
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= max_chars else text[: max_chars - 1] + "…"


class InputError(ValueError):
    """A problem in a scenario file or an input table, located precisely.

    Parameters
    ----------
    file : str
        The file as the user knows it (``inputs/data/power_capacity.csv``, ``my_scenario.yaml``).
    row : int or str, optional
        1-based CSV line number including the header, or the YAML key path.
    column : str, optional
        CSV column name.
    expected : str
        What a valid input looks like (``"a number >= 0"``).
    got : str
        What was found, already rendered for the message (see :func:`format_value`).
    more : int, default 0
        How many further problems were found in the same file (reported as a count).
    hint : str, optional
        A suggestion appended to the message (``"did you mean 'scale'?"``).

    Attributes
    ----------
    file, row, column, expected, got, more, hint
        As given, for programs that handle the error.
    """

    def __init__(
        self,
        file: str,
        *,
        row: int | str | None = None,
        column: str | None = None,
        expected: str,
        got: str,
        more: int = 0,
        hint: str | None = None,
    ) -> None:
        self.file = str(file)
        self.row = row
        self.column = column
        self.expected = expected
        self.got = got
        self.more = more
        self.hint = hint
        super().__init__(self._message())

    def _message(self) -> str:
        where = [self.file]
        if isinstance(self.row, int):
            where.append(f"row {self.row}")
        elif isinstance(self.row, str) and self.row.startswith("line "):
            where.append(self.row)  # a YAML syntax error has a line, not a key
        elif self.row:
            where.append(f"key {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        text = f"{', '.join(where)}: expected {self.expected}, got {self.got}"
        if self.hint:
            text += f" ({self.hint})"
        if self.more:
            text += f" [and {self.more} more problem{'s' if self.more > 1 else ''} in this file]"
        return text

    def __str__(self) -> str:
        return self._message()

    def __reduce__(self) -> tuple[Any, ...]:
        # keyword-only constructor: pickle (dask workers) needs the fields, not the message
        return (_rebuild, (self.__dict__.copy(),))


def _rebuild(state: dict[str, Any]) -> InputError:
    fields = ("file", "row", "column", "expected", "got", "more", "hint")
    return InputError(**{k: state[k] for k in fields})
