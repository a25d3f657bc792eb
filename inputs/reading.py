"""Input files read as text, strictly: bytes to text, YAML, CSV cells as text by line.

Every failure is an :class:`~dualcarbon.inputs.errors.InputError` naming the file (and the line
where there is one); nothing is parsed into numbers here (that is the schemas' job,
:mod:`dualcarbon.inputs.schemas`). Used by :mod:`dualcarbon.inputs.load` (scenario YAML and
tables) and by readers of other YAML documents (sweep grids).
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from dualcarbon.inputs.errors import InputError

# one logger for loading, whichever of its modules speaks (as before the split)
logger = logging.getLogger("dualcarbon.inputs.load")

__all__ = ["decode_text", "read_table_text", "read_yaml_file"]

#: YAML aliases (``*name``) allowed in one scenario file. A few are handy for repeated blocks;
#: a "billion laughs" file nests hundreds to grow exponentially, so the loader stops at this
#: count while composing, before anything is expanded.
MAX_YAML_ALIASES = 16
#: Encodings tried, in order, for a file that is not UTF-8 (Excel on Chinese Windows saves CSV
#: as GBK, "Unicode text" as UTF-16 with a byte-order mark).
ENCODINGS = ("utf-8 (with or without BOM)", "utf-16 (with BOM)", "gbk")

PathLike = str | Path
Location = Path | Traversable


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
