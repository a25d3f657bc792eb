"""Regenerate the validation figure and table of ``docs/validation.md`` from the default plan.

Run from the repository root (solves the default scenario, about a minute)::

    python docs/validation_figure.py

It writes ``docs/validation.png`` and replaces the table between the markers
``<!-- validation:start -->`` and ``<!-- validation:end -->`` in ``docs/validation.md``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd

import dualcarbon as dc

HERE = Path(__file__).resolve().parent
START, END = "<!-- validation:start -->", "<!-- validation:end -->"


def figure(validation: pd.DataFrame, national: pd.DataFrame, out: Path) -> None:
    """Left: first-period deviation from statistics (band ±8 %). Right: national CO2 path
    against the published pathway envelopes."""
    fig, (left, right) = plt.subplots(
        1, 2, figsize=(13, 5.2), gridspec_kw={"width_ratios": [1, 1.2]}
    )
    first = validation[validation["check"] == "first_period"].sort_values("deviation_pct")
    colours = ["tab:green" if w else "tab:red" for w in first["within"]]
    left.barh(first["indicator"], first["deviation_pct"], color=colours)
    left.axvspan(-8, 8, color="0.9", zorder=0)
    left.axvline(0, color="0.3", lw=0.8)
    period = int(first["period"].iloc[0]) if not first.empty else ""
    left.set_xlabel(f"plan {period} vs latest statistic, %  (grey: ±8 % band)")
    left.set_title("First period against statistics")
    right.plot(national["period"], national["emissions_mtco2"], "o-", color="k", label="plan")
    co2 = validation[(validation["check"] == "pathway") & (validation["indicator"] == "co2_mt")]
    for _, row in co2.iterrows():
        right.errorbar(
            row["period"],
            (row["reference_low"] + row["reference_high"]) / 2,
            yerr=(row["reference_high"] - row["reference_low"]) / 2 or 150,
            fmt="s",
            color="tab:blue",
            capsize=4,
        )
    right.plot([], [], "s", color="tab:blue", label="published pathways (envelope)")
    right.set_ylabel("national CO2, Mt/yr")
    right.set_title("National CO2 against published pathways")
    right.legend()
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)


def markdown(validation: pd.DataFrame) -> str:
    """The validation table as Markdown (numbers rounded for reading)."""
    rows = [
        "| check | indicator | year | plan | reference band | within | deviation | reference |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for _, r in validation.iterrows():
        rows.append(
            f"| {r['check']} | {r['indicator']} | {int(r['period'])} | {r['plan_value']:,.4g} "
            f"{r['unit']} | {r['reference_low']:,.4g} – {r['reference_high']:,.4g} | "
            f"{'yes' if r['within'] else '**no**'} | {r['deviation_pct']:+.1f} % | {r['reference']} |"
        )
    return "\n".join(rows)


def main() -> None:
    """Solve the default scenario and write the figure and the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="default")
    args = parser.parse_args()
    result = dc.solve(dc.load_scenario(args.scenario))
    if not result.is_optimal:
        raise SystemExit(f"{args.scenario}: {result.status}: {result.message}")
    validation = result.table("validation")
    figure(validation, result.table("national"), HERE / "validation.png")
    doc = HERE / "validation.md"
    text = doc.read_text(encoding="utf-8")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    doc.write_text(f"{head}{START}\n{markdown(validation)}\n{END}{tail}", encoding="utf-8")
    print(markdown(validation))


if __name__ == "__main__":
    main()
