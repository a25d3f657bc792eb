"""The ``dualcarbon`` command line: a thin mirror of the Python API.

Every command prints one clear line and exits non-zero on failure; ``--debug`` shows tracebacks.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from dualcarbon.cli_options import PositiveSeconds
from dualcarbon.solvers.interrupt import watch_interrupt as _watch_interrupt

EXIT_ERROR = 1
EXIT_NOT_OPTIMAL = 2
#: Exit status after Ctrl-C (128 + SIGINT), as shells report it.
EXIT_INTERRUPTED = 130

logger = logging.getLogger("dualcarbon")


class _Context:
    debug = False


class _Progress:
    """Stage lines (``load``, ``build + solve``, ``write``) on a terminal's stderr.

    Quiet when stderr is not a terminal (piped, redirected, in CI) or with ``--quiet``, so that
    scripts see only the summary on stdout and errors on stderr.
    """

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.detail = ""  # shown after the elapsed seconds of a ticking stage
        self.solves = 0

    @contextmanager
    def stage(self, label: str, *, tick: bool = False) -> Iterator[None]:
        """Show ``label …`` while the block runs (with elapsed seconds if ``tick``), then the time."""
        if not self.enabled:
            yield
            return
        started = time.perf_counter()
        click.echo(f"{label} …", err=True, nl=not tick)
        stop = threading.Event()
        ticker = None
        if tick:

            def run() -> None:
                while not stop.wait(1.0):
                    elapsed = time.perf_counter() - started
                    line = f"{label} … {elapsed:.0f} s {self.detail}"[:100]
                    click.echo(f"\r{line:<100}", err=True, nl=False)

            ticker = threading.Thread(target=run, daemon=True)
            ticker.start()
        try:
            yield
        finally:
            stop.set()
            if ticker is not None:
                ticker.join()
                click.echo("\r" + " " * 100 + "\r", err=True, nl=False)
            click.echo(f"{label}: {time.perf_counter() - started:.1f} s", err=True)

    @contextmanager
    def listen(self) -> Iterator[None]:
        """Summarise the build and HiGHS' solves from dualcarbon's INFO log while a stage runs.

        The model build and every HiGHS solve log one INFO line; they become the stage's detail
        ("built …", "HiGHS solve 3: kOptimal in 4.1 s"). Records the user asked to see (at the
        level of ``-v``) still reach the usual handlers.
        """
        if not self.enabled:
            yield
            return
        log = logging.getLogger("dualcarbon")
        threshold = log.getEffectiveLevel()
        level, propagate = log.level, log.propagate
        progress = self

        class Relay(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                if record.levelno >= threshold:
                    logging.getLogger().handle(record)
                message = record.getMessage()
                if record.name.endswith("models.build") and message.startswith("built"):
                    progress.detail = "(" + message.split(" in ")[0] + ")"
                elif message.startswith("HiGHS:"):
                    progress.solves += 1
                    progress.detail = f"(HiGHS solve {progress.solves}: {message[7:]})"

        relay = Relay()
        log.addHandler(relay)
        log.setLevel(min(threshold, logging.INFO))
        log.propagate = False
        try:
            yield
        finally:
            log.removeHandler(relay)
            log.setLevel(level)
            log.propagate = propagate

    def note(self, text: str) -> None:
        """One line of detail under the current stage."""
        if self.enabled:
            click.echo(f"  {text}", err=True)


def _interrupted_exit(what: str) -> None:
    click.echo(f"interrupted: {what} was stopped by Ctrl-C; nothing was written", err=True)
    sys.exit(EXIT_INTERRUPTED)


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
@click.option(
    "--force",
    is_flag=True,
    help="Replace a previous dualcarbon result in the out folder (never a folder of other files).",
)
@click.option(
    "--time-limit", type=PositiveSeconds(), default=None, help="Solver time limit, seconds > 0."
)
@click.option("--threads", type=click.IntRange(min=1), default=None, help="Solver threads (>= 1).")
@click.option(
    "-q", "--quiet", is_flag=True, help="No stage lines (shown only on a terminal anyway)."
)
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
    force: bool,
    time_limit: float | None,
    threads: int | None,
    quiet: bool,
    method: str | None,
    map_variable: str,
    period: int,
) -> None:
    """Solve SCENARIO (a shipped name or a YAML file) and write a result folder.

    The folder holds tidy tables (Parquet and CSV), metadata.json and a province map; it is
    written completely or not at all. The out folder must be absent, empty, or a previous
    result (replaced only with --force); a folder of other files is never touched. Every
    option is checked before the solve. A scenario that is not solved to optimality writes
    nothing and exits with status 2; Ctrl-C exits with status 130.
    """
    import dualcarbon as dc
    from dualcarbon.outputs.units import SUFFIX_UNITS, unit_of
    from dualcarbon.solvers.folders import OutputFolderError, check_target, default_folder

    if map_variable and not (
        re.fullmatch(r"[a-z][a-z0-9_]*", map_variable) and unit_of(map_variable)
    ):
        # the result's columns exist only after the solve; their names always end in a unit
        raise click.BadParameter(
            f"expected a result column whose name ends in a unit ({', '.join(SUFFIX_UNITS)}), "
            f"e.g. production_mtco2, got {map_variable!r}",
            param_hint="--map",
        )
    progress = _Progress(not quiet and sys.stderr.isatty())
    with progress.stage(f"load {scenario}"):
        loaded = dc.load_scenario(scenario)
    if map_variable and period not in loaded.config.periods:
        raise click.BadParameter(
            f"expected a milestone year of scenario {loaded.name!r} "
            f"({', '.join(map(str, loaded.config.periods))}), got {period}",
            param_hint="--period",
        )
    try:
        folder = check_target(out or default_folder(loaded.name), replace=force)
    except OutputFolderError as problem:
        raise click.UsageError(str(problem)) from None
    given = {"time_limit": time_limit, "threads": threads, "method": method}
    with (
        _watch_interrupt() as seen,
        progress.stage("build and solve (HiGHS)", tick=True),
        progress.listen(),
    ):
        try:
            result = dc.solve(loaded, **{k: v for k, v in given.items() if v is not None})
        except KeyboardInterrupt:
            seen["interrupted"] = True
    if seen["interrupted"]:
        _interrupted_exit(f"the solve of {loaded.name!r}")
    timings = result.metadata.get("timings_s", {})
    solver = result.metadata.get("solver", {})
    progress.note(
        ", ".join(f"{k} {v:.1f} s" for k, v in timings.items())
        + f"; {progress.solves} HiGHS solve(s), last {solver.get('highs_status', '?')}"
        + (f", {solver['iterations']} iterations" if solver.get("iterations") else "")
    )
    if not result.is_optimal:
        hint = (
            f" Try: dualcarbon diagnose {scenario}" if "infeasible" in result.status.value else ""
        )
        click.echo(
            f"error: scenario {loaded.name!r} is {result.status.value}: {result.message}.{hint}",
            err=True,
        )
        sys.exit(EXIT_NOT_OPTIMAL)
    maps = [(map_variable, period)] if map_variable else []
    if map_variable:
        try:
            result.regional(map_variable, period)
        except (KeyError, ValueError) as problem:  # checked before anything is written
            raise click.BadParameter(str(problem).strip("'\""), param_hint="--map") from None
    with _watch_interrupt() as seen, progress.stage(f"write {folder}"):
        try:
            written = result.to_folder(folder, maps=maps)
        except KeyboardInterrupt:
            seen["interrupted"] = True
    if seen["interrupted"]:
        # the staging folder was removed; a kill here instead is tidied by the next write
        _interrupted_exit("writing the result")
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


from dualcarbon.cli_mga import mga as _mga  # noqa: E402  (the command lives in its own module)

cli.add_command(_mga)

from dualcarbon.cli_uncertainty import uncertainty as _uncertainty  # noqa: E402

cli.add_command(_uncertainty)

from dualcarbon.cli_sweep import sweep as _sweep  # noqa: E402

cli.add_command(_sweep)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``dualcarbon`` console script.

    Returns the exit status: 0 on success, 1 on an error (2 for a wrong option), 2 when a plan
    is not optimal or a sweep has failed cases, 130 after Ctrl-C.
    """
    try:
        cli.main(args=argv, prog_name="dualcarbon", standalone_mode=False)
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as problem:
        # one line, like every other failure (click's own form adds usage lines above it)
        message = " ".join(problem.format_message().split())
        context = getattr(problem, "ctx", None)
        hint = ""
        if isinstance(problem, click.UsageError) and context is not None:
            hint = f" (see {context.command_path} --help)"
        click.echo(f"error: {message}{hint}", err=True)
        return problem.exit_code
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return EXIT_ERROR
    except KeyboardInterrupt:
        click.echo("interrupted: stopped by Ctrl-C; nothing was written", err=True)
        return EXIT_INTERRUPTED
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
