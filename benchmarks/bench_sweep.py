"""Benchmark of policy sweeps: re-solve vs rebuild per case, and 2 Dask workers vs serial.

Run from the repository root (it takes a few minutes on the default scenario)::

    python benchmarks/bench_sweep.py
    python benchmarks/bench_sweep.py --scenario default --scales 1.0,0.95,0.9,1.05 --workers 2

Everything is measured in one run on the same machine and printed as a small table with ratios;
nothing is asserted (this is a measurement, not a test). See ``benchmarks/README.md``.

1. **Re-solve vs rebuild.** The same cases (``national_cap_scale`` steps under the scenario's own
   transfer policy) are solved twice: by a sweep runner that builds the model once and re-solves
   it with a HiGHS warm start after each ``set_policy``, and from scratch (``build_model`` and a
   new HiGHS instance for every case). Both paths include collecting the result tables and the
   sweep metrics, so the per-case times compare like with like; the objectives must agree.
2. **A transfer-policy switch.** The constraint blocks of another transfer policy are switched
   in the built model and re-solved, against a rebuild with that policy.
3. **Workers.** A small factorial grid (3 cap steps x 2 transfer policies) runs serially and then
   on a local Dask cluster of ``--workers`` processes (cluster start-up included in the wall time).
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

import dualcarbon as dc
from dualcarbon.models import build_model
from dualcarbon.solvers._sweep_worker import CaseRunner, compute_metrics, resolve_metrics
from dualcarbon.solvers.persistent import PersistentPlan
from dualcarbon.solvers.solve import collect

logger = logging.getLogger("bench_sweep")


def _rebuild_case(scenario: dc.Scenario, params: dict, metrics: dict) -> tuple[float, float | None]:
    """Solve one case from scratch: build, new solver, apply, solve, collect. (seconds, objective)"""
    started = time.perf_counter()
    model = build_model(scenario)
    plan = PersistentPlan(model)
    for name, value in params.items():
        plan.set_policy(name, value)
    outcome = plan.solve()
    compute_metrics(collect(plan, scenario, outcome), metrics)
    return time.perf_counter() - started, outcome.objective_bn_cny


def bench_resolve_vs_rebuild(scenario: dc.Scenario, scales: list[float]) -> dict[str, float | str]:
    """Per-case seconds of warm re-solves and of rebuilds for the same cap steps."""
    metrics = resolve_metrics(None)
    cases = [{"national_cap_scale": s} for s in scales]

    started = time.perf_counter()
    runner = CaseRunner(scenario, metrics=metrics, names=["national_cap_scale"])
    build_seconds = time.perf_counter() - started
    outputs = [runner.run(i, case) for i, case in enumerate(cases)]
    warm = [o.record["case_seconds"] for o in outputs[1:]]
    warm_solve = [o.record["solve_seconds"] or math.nan for o in outputs[1:]]

    rebuilt = [_rebuild_case(scenario, case, metrics) for case in cases]
    rebuild = [seconds for seconds, _ in rebuilt]
    return {
        "cases": len(cases),
        "statuses": ", ".join(o.record["status"] for o in outputs),
        "build_once_s": build_seconds,
        "first_case_cold_s": outputs[0].record["case_seconds"],
        "warm_case_mean_s": statistics.mean(warm),
        "warm_case_max_s": max(warm),
        "warm_solve_mean_s": statistics.mean(warm_solve),
        "rebuild_case_mean_s": statistics.mean(rebuild),
        "ratio_rebuild_over_warm": statistics.mean(rebuild) / statistics.mean(warm),
        "max_rel_objective_difference": _worst_difference(outputs, rebuilt),
    }


def bench_policy_switch(scenario: dc.Scenario, scale: float, policy: str) -> dict[str, float | str]:
    """One transfer-policy switch: warm (blocks switched in the built model) vs rebuild."""
    metrics = resolve_metrics(None)
    runner = CaseRunner(scenario, metrics=metrics, names=["national_cap_scale", "transfer_policy"])
    first = runner.run(
        0, {"national_cap_scale": scale, "transfer_policy": scenario.config.transfer_policy}
    )
    switched = runner.run(1, {"national_cap_scale": scale, "transfer_policy": policy})
    rebuilt = _rebuild_case(
        scenario, {"national_cap_scale": scale, "transfer_policy": policy}, metrics
    )
    return {
        "switch": f"{scenario.config.transfer_policy} -> {policy}",
        "statuses": f"{first.record['status']}, {switched.record['status']}",
        "warm_switch_case_s": switched.record["case_seconds"],
        "rebuild_case_s": rebuilt[0],
        "ratio_rebuild_over_warm": rebuilt[0] / switched.record["case_seconds"],
        "max_rel_objective_difference": _worst_difference([switched], [rebuilt]),
    }


def _worst_difference(outputs: list, rebuilt: list[tuple[float, float | None]]) -> float:
    pairs = [
        (o.record["objective_bn_cny"], b)
        for o, (_, b) in zip(outputs, rebuilt, strict=True)
        if o.record["objective_bn_cny"] is not None and b is not None
    ]
    return max((abs(a - b) / max(abs(b), 1e-9) for a, b in pairs), default=math.nan)


def bench_workers(scenario: dc.Scenario, grid: dict, workers: int) -> dict[str, float]:
    """Wall seconds of the same sweep, serial and on a local Dask cluster."""
    timings = {}
    for label, n in (("serial", None), (f"{workers}_workers", workers)):
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            result = dc.sweep(scenario, grid, workers=n, out=Path(folder) / "sweep", progress=False)
            timings[f"{label}_wall_s"] = time.perf_counter() - started
            timings[f"{label}_optimal"] = int((result.cases["status"] == "optimal").sum())
    timings["cases"] = len(result.cases)
    timings["speedup_workers_over_serial"] = (
        timings["serial_wall_s"] / timings[f"{workers}_workers_wall_s"]
    )
    return timings


def _print(rows: dict) -> None:
    for key, value in rows.items():
        shown = f"{value:.4g}" if isinstance(value, float) else value
        print(f"   {key:>30}: {shown}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenario", default="default")
    parser.add_argument(
        "--scales",
        default="1.0,0.95,0.9,1.05",
        help="national_cap_scale values of the re-solve/rebuild comparison (first one cold)",
    )
    parser.add_argument("--switch-to", default="off", help="transfer policy of the switch test")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-workers", action="store_true", help="only re-solve vs rebuild")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    scenario = dc.load_scenario(args.scenario)
    scales = [float(v) for v in args.scales.split(",")]
    print(
        f"scenario {scenario.name!r}; {platform.machine()}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.2f}; dualcarbon {dc.__version__}"
    )
    print(f"\n1. re-solve vs rebuild per case, national_cap_scale = {scales}")
    _print(bench_resolve_vs_rebuild(scenario, scales))
    print(f"\n2. a transfer-policy switch at national_cap_scale = {scales[0]}")
    _print(bench_policy_switch(scenario, scales[0], args.switch_to))
    if not args.skip_workers:
        policies = [scenario.config.transfer_policy, args.switch_to]
        grid = {"national_cap_scale": scales[:3], "transfer_policy": policies}
        print(f"\n3. serial vs {args.workers} workers, grid {grid}")
        _print(bench_workers(scenario, grid, args.workers))
    print(f"\nload average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
