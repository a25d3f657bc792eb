"""The ``dualcarbon`` command line: a thin mirror of the Python API.

Every command prints one clear line and exits non-zero on failure; ``--debug`` shows tracebacks.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

EXIT_ERROR = 1
EXIT_NOT_OPTIMAL = 2

logger = logging.getLogger("dualcarbon")


class _Context:
    debug = False


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


def _parse_filters(values: tuple[str, ...]) -> dict[str, object]:
    import yaml

    filters = {}
    for item in values:
        if "=" not in item:
            raise click.BadParameter(f"expected COLUMN=VALUE, got {item!r}", param_hint="--where")
        column, raw = item.split("=", 1)
        filters[column] = yaml.safe_load(raw)
    return filters


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dualcarbon")
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
def cli(debug: bool, verbose: int) -> None:
    """dualcarbon: least-cost provincial plans for China's carbon peak and neutrality.

    Typical use: `dualcarbon run default --out results/default`, then
    `dualcarbon map results/default production_mtco2 --period 2030 --out map.png`.
    """
    _Context.debug = debug
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


@cli.command()
@click.argument("scenario", default="default")
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path),
    default=None,
    help="Result folder [default: results/<scenario>].",
)
@click.option("--time-limit", type=float, default=None, help="Solver time limit, seconds.")
@click.option("--threads", type=int, default=None, help="Solver threads.")
@click.option(
    "--method",
    type=click.Choice(["ipm", "simplex", "choose", "pdlp"]),
    default=None,
    help="HiGHS LP method [default: ipm, interior point with crossover].",
)
@click.option(
    "--map",
    "map_variable",
    default="production_mtco2",
    show_default=True,
    help="Result column drawn as a province map in the folder ('' for none).",
)
@click.option("--period", type=int, default=2030, show_default=True, help="Year of the map.")
def run(
    scenario: str,
    out: Path | None,
    time_limit: float | None,
    threads: int | None,
    method: str | None,
    map_variable: str,
    period: int,
) -> None:
    """Solve SCENARIO (a shipped name or a YAML file) and write a result folder.

    The folder holds tidy tables (Parquet and CSV), metadata.json and a province map; it is
    written completely or not at all. A scenario that is not solved to optimality writes
    nothing and exits with status 2.
    """
    import dualcarbon as dc

    loaded = dc.load_scenario(scenario)
    given = {"time_limit": time_limit, "threads": threads, "method": method}
    result = dc.solve(loaded, **{k: v for k, v in given.items() if v is not None})
    if not result.is_optimal:
        hint = (
            f" Try: dualcarbon diagnose {scenario}" if "infeasible" in result.status.value else ""
        )
        click.echo(
            f"error: scenario {loaded.name!r} is {result.status.value}: {result.message}.{hint}",
            err=True,
        )
        sys.exit(EXIT_NOT_OPTIMAL)
    folder = out or Path("results") / loaded.name
    maps = [(map_variable, period)] if map_variable else []
    written = result.to_folder(folder, maps=maps)
    click.echo(result.summary())
    click.echo(f"wrote {written}")


@cli.command()
@click.argument("scenario")
def validate(scenario: str) -> None:
    """Load and validate SCENARIO and all its tables without solving."""
    import dualcarbon as dc

    loaded = dc.load_scenario(scenario)
    rows = sum(len(t) for t in loaded.tables.values())
    click.echo(f"ok: scenario {loaded.name!r} is valid ({len(loaded.tables)} tables, {rows} rows)")


@cli.command()
@click.option(
    "--sources", is_flag=True, help="List every source with the tables and rows it supports."
)
def data(sources: bool) -> None:
    """Show the shipped dataset: coverage per table, and its sources."""
    import pandas as pd

    from dualcarbon.inputs.catalog import data_catalog, data_sources

    with pd.option_context(
        "display.max_rows", None, "display.width", 160, "display.max_colwidth", 110
    ):
        click.echo(data_catalog().to_string(index=False))
        if sources:
            click.echo()
            click.echo(data_sources().to_string(index=False))


@cli.command(name="map")
@click.argument("result_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("variable")
@click.option("--period", type=int, default=None, help="Milestone year [default: last].")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="PNG, SVG or PDF file.")
@click.option(
    "--where", multiple=True, help="Filter, e.g. --where technology=solar_pv (repeatable)."
)
@click.option(
    "--scheme", type=click.Choice(["quantiles", "natural_breaks", "equal_interval"]), default=None
)
@click.option("--k", type=int, default=5, show_default=True, help="Number of classes for --scheme.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True)
def map_command(
    result_dir: Path,
    variable: str,
    period: int | None,
    out: Path,
    where: tuple[str, ...],
    scheme: str | None,
    k: int,
    lang: str,
) -> None:
    """Draw VARIABLE of the result in RESULT_DIR as a province map."""
    import dualcarbon as dc
    from dualcarbon.outputs.maps import save_figure

    result = dc.Result.load(result_dir)
    figure = result.plot_map(
        variable, period, scheme=scheme, k=k, lang=lang, **_parse_filters(where)
    )
    save_figure(figure, out)
    click.echo(f"wrote {out}")


@cli.command()
@click.argument(
    "result_dirs",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)
@click.option("--variable", default="production_mtco2", show_default=True)
@click.option("--period", type=int, default=None, help="Milestone year of the map [default: last].")
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Write a difference map (PNG/SVG/PDF) of the first two results.",
)
@click.option(
    "--table",
    "table_out",
    type=click.Path(path_type=Path),
    default=None,
    help="Write the difference table as CSV.",
)
def compare(
    result_dirs: tuple[Path, ...],
    variable: str,
    period: int | None,
    out: Path | None,
    table_out: Path | None,
) -> None:
    """Compare two or more result folders (the first is the reference)."""
    import dualcarbon as dc
    from dualcarbon.outputs.maps import save_figure

    if len(result_dirs) < 2:
        raise click.UsageError("compare needs at least two result folders")
    results = [dc.Result.load(d) for d in result_dirs]
    comparison = dc.compare(*results)
    click.echo(comparison.summary())
    if table_out:
        comparison.table.to_csv(table_out, index=False)
        click.echo(f"wrote {table_out}")
    if out:
        save_figure(comparison.plot_map(variable, period), out)
        click.echo(f"wrote {out}")


@cli.command()
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
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder of per-case Parquet files; a rerun resumes where it stopped.",
)
@click.option("--workers", type=int, default=None, help="Local Dask workers (default: serial).")
@click.option(
    "--scheduler", default=None, help="Address of a running Dask scheduler, tcp://host:port."
)
def sweep(
    scenario: str,
    assignments: tuple[str, ...],
    grid_file: Path | None,
    out: Path,
    workers: int | None,
    scheduler: str | None,
) -> None:
    """Re-solve SCENARIO over a grid of policy numbers and write one row set per case."""
    import yaml

    import dualcarbon as dc

    grid: object = _parse_assignments(assignments)
    if grid_file is not None:
        grid = yaml.safe_load(grid_file.read_text(encoding="utf-8"))
    if not grid:
        raise click.UsageError("give the grid with --set NAME=V1,V2 or --grid FILE")
    result = dc.sweep(
        dc.load_scenario(scenario), grid, workers=workers, scheduler=scheduler, out=out
    )
    click.echo(result.summary())


@cli.command()
@click.argument("scenario")
@click.option(
    "--iis/--no-iis",
    default=False,
    show_default=True,
    help="Also ask HiGHS for an infeasible subset of the rows (slow on the full model).",
)
@click.option(
    "--iis-time-limit",
    type=float,
    default=120.0,
    show_default=True,
    help="Seconds HiGHS may spend on the IIS before it is reported as cut short.",
)
def diagnose(scenario: str, iis: bool, iis_time_limit: float) -> None:
    """Explain why SCENARIO is infeasible: the smallest set of targets that collide."""
    import dualcarbon as dc

    report = dc.diagnose(dc.load_scenario(scenario), iis=iis, iis_time_limit=iis_time_limit)
    click.echo(report.summary())
    if not report.feasible:
        sys.exit(EXIT_NOT_OPTIMAL)


@cli.command()
@click.argument("result_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="HTML file [default: RESULT_DIR/report.html].",
)
def report(result_dir: Path, out: Path | None) -> None:
    """Write a self-contained HTML report of a result folder."""
    import dualcarbon as dc
    from dualcarbon.outputs.report import write_report

    target = out or result_dir / "report.html"
    write_report(dc.Result.load(result_dir), target)
    click.echo(f"wrote {target}")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``dualcarbon`` console script.

    Returns the exit status: 0 on success, 1 on an error, 2 when a plan is not optimal.
    """
    try:
        cli.main(args=argv, prog_name="dualcarbon", standalone_mode=False)
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as problem:
        problem.show()
        return problem.exit_code
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return EXIT_ERROR
    except SystemExit as done:
        return int(done.code or 0)
    except Exception as problem:  # one clear line for the user; the traceback only with --debug
        if _Context.debug:
            raise
        message = (
            str(problem).strip().splitlines()[0] if str(problem).strip() else type(problem).__name__
        )
        click.echo(f"error: {message}", err=True)
        return EXIT_ERROR
    return 0
