"""Options and parameter types the CLI commands share (``run``, ``sweep``, ``mga``,
``uncertainty``)."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click


class PositiveSeconds(click.ParamType):
    """A finite number > 0 (``--time-limit``): ``-5``, ``0``, ``nan`` and ``inf`` are refused."""

    name = "seconds"

    def convert(self, value: Any, param: Any, ctx: Any) -> float:
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.fail(f"expected a number of seconds > 0, got {value!r}", param, ctx)
        if not math.isfinite(number) or number <= 0:
            self.fail(f"expected a finite number of seconds > 0, got {value!r}", param, ctx)
        return number


def resumable_out(what: str) -> Callable[[Any], Any]:
    """``--out FOLDER`` of a command that writes one file per finished ``what`` and resumes."""
    return click.option(
        "--out",
        type=click.Path(path_type=Path),
        required=True,
        help=f"Folder of per-{what} files; a rerun of the same command resumes where it stopped.",
    )


#: ``--workers N``: N solving processes on this machine (serial without it).
workers_option = click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processes solving at once on this machine (local Dask workers), >= 1 (default: serial).",
)


def exit_resumable(what: str, out: Path) -> None:
    """After Ctrl-C in a resumable command: say what is kept and how to resume; exit 130."""
    click.echo(
        f"interrupted: finished {what} are kept in {out}; rerun the same command to resume",
        err=True,
    )
    raise SystemExit(130)  # 128 + SIGINT, as shells report it
