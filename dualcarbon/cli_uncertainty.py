"""``dualcarbon uncertainty``: Monte Carlo over uncertain inputs from the command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dualcarbon.cli_options import exit_resumable, resumable_out, workers_option


@click.command(name="uncertainty")
@click.argument("scenario")
@click.option(
    "-n",
    "n",
    type=click.IntRange(min=2),
    default=200,
    show_default=True,
    help="Number of samples (Latin hypercube).",
)
@click.option(
    "--distributions",
    "distributions",
    default="default",
    show_default=True,
    help="Distributions YAML file, or the name of a shipped one (inputs/scenarios/uncertainty/).",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the sampling.")
@resumable_out("sample")
@workers_option
@click.option(
    "--output",
    "output",
    default="objective_bn_cny",
    show_default=True,
    help="Output whose sensitivity ranking is printed.",
)
@click.option("--progress/--no-progress", default=True, show_default=True)
def uncertainty(
    scenario: str,
    n: int,
    distributions: str,
    seed: int,
    out: Path,
    workers: int | None,
    output: str,
    progress: bool,
) -> None:
    """Solve SCENARIO for N draws of its uncertain inputs; print quantiles and the ranking.

    Writes OUT/summary.csv (quantiles), OUT/samples.csv and OUT/sensitivity.csv next to the
    sweep's own files. An infeasible draw is reported (with the inputs that drive
    infeasibility); the exit status is 2 only when a sample failed otherwise (time limit,
    numerical trouble).
    """
    import dualcarbon as dc
    from dualcarbon.cli import EXIT_NOT_OPTIMAL, _watch_interrupt

    if out.exists() and not out.is_dir():
        raise click.BadParameter(f"expected a folder, got the file {out}", param_hint="--out")
    with _watch_interrupt() as seen:
        try:
            result = dc.uncertainty(
                dc.load_scenario(scenario),
                n=n,
                distributions=distributions,
                seed=seed,
                out=out,
                workers=workers,
                progress=progress,
            )
        except KeyboardInterrupt:
            seen["interrupted"] = True
    if seen["interrupted"]:
        exit_resumable("samples", out)
    summary = result.summary()
    ranking = result.sensitivity(output) if len(result.solved) >= 8 else None
    outputs = result.outputs()
    feasibility = (
        result.sensitivity("optimal")
        if len(outputs) >= 8 and outputs["optimal"].nunique() > 1
        else None
    )
    result.samples.to_csv(out / "samples.csv")
    summary.to_csv(out / "summary.csv")
    with _pandas_wide():
        click.echo(repr(result))
        click.echo(summary.round(2).to_string())
        if ranking is not None:
            ranking.to_csv(out / "sensitivity.csv", index=False)
            click.echo(f"\nsensitivity of {output} (RBD-FAST first-order S1):")
            click.echo(ranking.round(3).to_string(index=False))
        if feasibility is not None:
            click.echo("\nwhat makes draws infeasible (RBD-FAST S1 of 'optimal', 1 or 0):")
            click.echo(feasibility.round(3).to_string(index=False))
    statuses = result.sweep.cases["status"]
    infeasible = int((statuses == "infeasible").sum())
    if infeasible:
        # a draw whose targets cannot all be met is a finding of the run, not a failure
        click.echo(f"{infeasible} of {result.n} samples are infeasible ('optimal' = 0)")
    failed = int((~statuses.isin(["optimal", "infeasible"])).sum())
    if failed:
        click.echo(
            f"error: {failed} of {result.n} samples failed (neither optimal nor infeasible); "
            "see the sweep's cases in --out",
            err=True,
        )
        sys.exit(EXIT_NOT_OPTIMAL)


def _pandas_wide():
    import pandas as pd

    return pd.option_context("display.width", 160, "display.max_columns", 20)
