"""``dualcarbon sweep``: re-solve a scenario over a grid of policy numbers from the command line."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import click

from dualcarbon.cli_options import PositiveSeconds, exit_resumable, resumable_out, workers_option

_SCHEDULER = re.compile(r"^(tcp|tls|ucx|inproc)://[^\s/]+(:\d+)?/?$")


def _check_scheduler(ctx: Any, param: Any, value: str | None) -> str | None:
    if value is not None and not _SCHEDULER.match(value):
        raise click.BadParameter(f"expected tcp://host:port, got {value!r}")
    return value


def _parse_assignments(values: tuple[str, ...]) -> dict[str, list]:
    """``("national_cap_scale=0.8,0.9", "transfer_policy=off,strict")`` -> grid dict."""
    import yaml

    grid: dict[str, list] = {}
    for item in values:
        if "=" not in item:
            raise click.BadParameter(f"expected NAME=V1,V2,... got {item!r}", param_hint="--set")
        name, raw = item.split("=", 1)
        grid[name.strip()] = [yaml.safe_load(v) for v in raw.split(",") if v.strip()]
    return grid


@click.command(name="sweep")
@click.argument("scenario")
@click.option(
    "--set",
    "assignments",
    multiple=True,
    required=False,
    help="Grid axis NAME=V1,V2,... (repeatable; full factorial).",
)
@click.option(
    "--grid",
    "grid_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="YAML file: a mapping of axes, or a list of cases.",
)
@resumable_out("case")
@workers_option
@click.option(
    "--scheduler",
    default=None,
    callback=_check_scheduler,
    help="Address of a running Dask scheduler, tcp://host:port.",
)
@click.option(
    "--retry-failed",
    is_flag=True,
    help="Solve again the cases recorded as failed in --out (e.g. after raising --time-limit).",
)
@click.option(
    "--time-limit", type=PositiveSeconds(), default=None, help="Time limit per case, seconds."
)
@click.option(
    "--keep-tables",
    is_flag=True,
    help="Also write every optimal case's full result to OUT/results/case=<id> (all tables).",
)
def sweep(
    scenario: str,
    assignments: tuple[str, ...],
    grid_file: Path | None,
    out: Path,
    workers: int | None,
    scheduler: str | None,
    retry_failed: bool,
    time_limit: float | None,
    keep_tables: bool,
) -> None:
    """Re-solve SCENARIO over a grid of policy numbers and write one row set per case.

    Exits with status 2 when any case failed (not optimal); rerun with --retry-failed to solve
    only those again.
    """
    import dualcarbon as dc
    from dualcarbon.cli import EXIT_NOT_OPTIMAL, _watch_interrupt
    from dualcarbon.inputs.load import read_yaml_file

    if workers is not None and scheduler is not None:
        raise click.UsageError("give --workers or --scheduler, not both")
    grid: object = _parse_assignments(assignments)
    if grid_file is not None:
        grid = read_yaml_file(grid_file)
    if not grid:
        raise click.UsageError("give the grid with --set NAME=V1,V2 or --grid FILE")
    if out.exists() and not out.is_dir():
        raise click.BadParameter(f"expected a folder, got the file {out}", param_hint="--out")
    options = {"time_limit": time_limit} if time_limit is not None else None
    with _watch_interrupt() as seen:
        try:
            result = dc.sweep(
                dc.load_scenario(scenario),
                grid,
                workers=workers,
                scheduler=scheduler,
                out=out,
                rerun_failed=retry_failed,
                solver_options=options,
                keep_tables=keep_tables,
            )
        except KeyboardInterrupt:
            seen["interrupted"] = True
    if seen["interrupted"]:
        exit_resumable("cases", out)
    click.echo(result.summary())
    failed = result.failed
    if len(failed):
        click.echo(
            f"error: {len(failed)} of {len(result.cases)} cases did not end optimal "
            f"(cases {', '.join(map(str, failed['case_id'].head(10)))}); "
            f"rerun with --retry-failed to solve only those again",
            err=True,
        )
        sys.exit(EXIT_NOT_OPTIMAL)
