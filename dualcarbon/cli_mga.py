"""``dualcarbon mga``: near-optimal alternatives of a scenario from the command line."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import click

from dualcarbon.cli_options import exit_resumable, resumable_out, workers_option


class _Slack(click.ParamType):
    """A finite number >= 0 (a share of the optimum's cost: 0.05 = 5 %)."""

    name = "share"

    def convert(self, value, param, ctx) -> float:
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.fail(f"expected a number >= 0 such as 0.05, got {value!r}", param, ctx)
        if not math.isfinite(number) or number < 0:
            self.fail(f"expected a finite number >= 0 such as 0.05, got {value!r}", param, ctx)
        if number >= 1:
            self.fail(
                f"expected a share of the optimum's cost (0.05 = 5 %), got {value!r}", param, ctx
            )
        return number


@click.command(name="mga")
@click.argument("scenario")
@click.option(
    "--slack",
    type=_Slack(),
    default=0.05,
    show_default=True,
    help="Cost slack: alternatives cost at most (1 + slack) x the optimum.",
)
@click.option(
    "-n",
    "n",
    type=click.IntRange(min=0),
    default=8,
    show_default=True,
    help="Random directions (random-vector MGA).",
)
@click.option(
    "--extremes",
    default="4",
    show_default=True,
    help="Regions minimised and maximised: a count of the largest, 'all', or names A,B.",
)
@click.option(
    "--by",
    type=click.Choice(["province", "macro_region"]),
    default="province",
    show_default=True,
)
@click.option(
    "--metric",
    type=click.Choice(["emissions", "investment"]),
    default="emissions",
    show_default=True,
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of random directions.")
@click.option(
    "--efx",
    type=click.Choice(["iterate", "hold"]),
    default="iterate",
    show_default=True,
    help="Iterate each alternative's exporter intensities to their fixed point, or hold the "
    "optimum's (one solve per alternative).",
)
@resumable_out("alternative")
@workers_option
@click.option("--progress/--no-progress", default=True, show_default=True)
def mga(
    scenario: str,
    slack: float,
    n: int,
    extremes: str,
    by: str,
    metric: str,
    seed: int,
    efx: str,
    out: Path,
    workers: int | None,
    progress: bool,
) -> None:
    """Near-optimal alternatives of SCENARIO: how differently can the provincial burden be
    split for a cost within --slack of the least-cost plan?

    Exits with status 2 when any alternative did not end optimal.
    """
    import dualcarbon as dc

    if out.exists() and not out.is_dir():
        raise click.BadParameter(f"expected a folder, got the file {out}", param_hint="--out")
    chosen: int | str | list[str]
    if extremes.strip().isdigit():
        chosen = int(extremes)
    elif extremes.strip() == "all":
        chosen = "all"
    else:
        chosen = [name.strip() for name in extremes.split(",") if name.strip()]
    try:
        result = dc.mga(
            dc.load_scenario(scenario),
            slack=slack,
            n=n,
            metric=metric,
            by=by,
            extremes=chosen,
            seed=seed,
            efx=efx,
            out=out,
            workers=workers,
            progress=progress,
        )
    except KeyboardInterrupt:
        exit_resumable("alternatives", out)
    click.echo(result.summary())
    click.echo(f"wrote {out}")
    failed = result.alternatives[result.alternatives["status"] != "optimal"]
    if len(failed):
        click.echo(
            f"error: {len(failed)} of {len(result.alternatives)} alternatives did not end optimal "
            f"(alternatives {', '.join(map(str, failed['alternative'].head(10)))})",
            err=True,
        )
        sys.exit(2)
