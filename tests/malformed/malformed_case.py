"""The malformed-input cases' type and set-up: :class:`Case`, the scenario every case starts
from, the edits a case makes to its folder, and the snapshot that proves nothing was written.

A plain module: ``conftest.py`` puts this folder on ``sys.path``.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parents[1] / "data"
BASE_YAML = """\
name: broken
periods: [2025, 2030]
national_cap:
  share_of_base: {2030: 1.0}
"""
ALIAS_BOMB = "\n".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *[
            f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]"
            for p, n in zip("abcdefgh", "bcdefghi", strict=True)
        ],
    ]
)


@dataclass(frozen=True)
class Case:
    """One malformed input and the words its one-line error must contain."""

    id: str
    category: str
    expect: tuple[str, ...]
    yaml: str | None = None  # appended to BASE_YAML
    full_yaml: str | None = None  # replaces it
    cells: tuple[tuple[str, int, str, str], ...] = ()  # (table, CSV line, column, text)
    edit: Callable[[Path], None] | None = None
    argv: tuple[str, ...] = ()  # a CLI case: ``{dir}`` is the case's folder


def raw_table(table: str, data: bytes) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        (folder / "tables" / f"{table}.csv").write_bytes(data)

    return edit


def raw_yaml(data: bytes) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        (folder / "scenario.yaml").write_bytes(data)

    return edit


def text_file(name: str, text: str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        (folder / name).write_text(text, encoding="utf-8")

    return edit


def foreign_folder(folder: Path) -> None:
    (folder / "w").mkdir()
    (folder / "w" / "notes.txt").write_text("k")


Y = "scenario.yaml"


def snapshot(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*")}


def prepare_case(tmp_path: Path, case: Case) -> Path:
    shutil.copytree(DATA / "tables", tmp_path / "tables")
    shutil.copy(DATA / "provinces.csv", tmp_path / "provinces.csv")
    text = case.full_yaml if case.full_yaml is not None else BASE_YAML + (case.yaml or "")
    (tmp_path / "scenario.yaml").write_text(text, encoding="utf-8")
    for table, line, column, value in case.cells:
        path = tmp_path / "tables" / f"{table}.csv"
        rows = [r.split(",") for r in path.read_text(encoding="utf-8").splitlines()]
        header = rows[0]
        row = rows[line - 1]
        row[header.index(column)] = value
        path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    if case.edit is not None:
        case.edit(tmp_path)
    return tmp_path
