"""Benchmark of near-optimal alternatives (``dualcarbon.mga``): time per alternative as a ratio
to one warm re-solve of the same model.

Run from the repository root (several minutes on the default scenario)::

    python benchmarks/bench_mga.py
    python benchmarks/bench_mga.py --scenario default --slack 0.05 -n 2 --extremes 1

Measured in one run on the same machine, printed as a small table; nothing is asserted.

1. **Warm re-solve (the unit).** The scenario is built and solved (EFX fixed point, as
   ``dc.solve``); then the national cap is tightened by 1 % (``national_cap_scale`` 0.99) and the
   same model re-solved warm through the fixed point, as a sweep case is. Its wall time, fixed
   point included, is the unit.
2. **Alternatives.** ``dc.mga`` on the same scenario: each alternative's wall time (objective
   change, warm simplex re-solves through the fixed point, table extraction) and its HiGHS time,
   each as a ratio to the unit.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import statistics
import time

import dualcarbon as dc
from dualcarbon.models import build_model
from dualcarbon.solvers.fixed_point import solve_fixed_point
from dualcarbon.solvers.persistent import PersistentPlan


def warm_resolve_seconds(scenario: dc.Scenario) -> tuple[float, float]:
    """(seconds of a warm re-solve after a 1 % cap change, seconds of the first solve)."""
    efx = scenario.config.efx
    settings = {
        "tolerance": efx.tolerance_tco2_per_mwh,
        "max_iterations": efx.max_iterations,
        "damping": efx.damping,
    }
    model = build_model(scenario)
    plan = PersistentPlan(model, {"method": "ipm"})
    started = time.perf_counter()
    outcome, _ = solve_fixed_point(plan, **settings)
    first = time.perf_counter() - started
    if not outcome.status.is_optimal:
        raise RuntimeError(f"the first solve ended {outcome.status.value}")
    plan.set_policy("national_cap_scale", 0.99)
    started = time.perf_counter()
    outcome, _ = solve_fixed_point(plan, **settings, method="simplex")
    warm = time.perf_counter() - started
    if not outcome.status.is_optimal:
        raise RuntimeError(f"the warm re-solve ended {outcome.status.value}")
    return warm, first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="default")
    parser.add_argument("--slack", type=float, default=0.05)
    parser.add_argument("-n", type=int, default=2, help="random directions")
    parser.add_argument("--extremes", type=int, default=1, help="regions minimised and maximised")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--efx", choices=["iterate", "hold"], default="iterate")
    parser.add_argument("--out", default=None, help="keep the MGA folder here (resumable)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    scenario = dc.load_scenario(args.scenario)

    warm, first = warm_resolve_seconds(scenario)
    result = dc.mga(
        scenario,
        slack=args.slack,
        n=args.n,
        extremes=args.extremes,
        seed=args.seed,
        efx=args.efx,
        out=args.out,
        progress=False,
    )
    alts = result.alternatives[result.alternatives["alternative"] > 0]
    print(f"# bench_mga  {platform.node()}  {os.cpu_count()} cores  scenario {args.scenario}")
    print(f"first solve (cold, fixed point): {first:8.1f} s")
    print(f"warm re-solve (cap x 0.99):      {warm:8.1f} s  = 1.00 (unit)")
    print(
        "alternative  direction  target           status    cost_ratio  efx_solves  seconds  ratio"
    )
    for row in alts.itertuples():
        print(
            f"{row.alternative:>11}  {row.direction:<9}  {str(row.target):<15}  {row.status:<8}  "
            f"{row.cost_ratio:10.4f}  {row.efx_iterations:>10.0f}  {row.alternative_seconds:7.1f}"
            f"  {row.alternative_seconds / warm:5.2f}"
        )
    seconds = alts["alternative_seconds"].tolist()
    if seconds:
        print(
            f"median time per alternative: {statistics.median(seconds):.1f} s = "
            f"{statistics.median(seconds) / warm:.2f} x one warm re-solve "
            f"(HiGHS alone: {statistics.median(alts['solve_seconds']) / warm:.2f} x)"
        )


if __name__ == "__main__":
    main()
