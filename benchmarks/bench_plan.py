"""Cost of a credible plan: the EFX fixed point and the realism families, as same-run ratios.

Run from the repository root (a few minutes on 2 shared CPUs)::

    python benchmarks/bench_plan.py
    python benchmarks/bench_plan.py --baseline-python /tmp/old-venv/bin/python

1. **Fixed point vs one solve** (issue 12): the default scenario solved to the EFX fixed point of
   consumption accounting, against one solve of the same built model (the first solve of the
   iteration, interior point with crossover). Printed: both times, the ratio and the solves made.
2. **Build + solve vs an earlier dualcarbon** (issue 11), optional: ``--baseline-python`` names a
   Python in which another dualcarbon version is installed (e.g. the commit before the credible-plan
   work, installed with ``pip install --no-deps`` into a venv that sees this one's packages); both
   build and solve ``default`` in subprocesses in the same run, ``--repeats`` times each.

Nothing is asserted; the machine's load average is printed before and after.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

SNIPPET = """
import time, dualcarbon as dc
started = time.perf_counter()
result = dc.solve(dc.load_scenario("default"))
print(result.status, round(time.perf_counter() - started, 3))
"""


def fixed_point_vs_single() -> dict[str, float]:
    """Seconds of the first solve and of the whole fixed point, on one built model."""
    import dualcarbon as dc
    from dualcarbon.models import build_model
    from dualcarbon.solvers.fixed_point import solve_fixed_point
    from dualcarbon.solvers.persistent import PersistentPlan

    plan = PersistentPlan(build_model(dc.load_scenario("default")), {"method": "ipm"})
    seconds: list[float] = []
    solve = plan.solve

    def timed(**options):
        outcome = solve(**options)
        seconds.append(outcome.solve_seconds)
        return outcome

    plan.solve = timed
    started = time.perf_counter()
    outcome, report = solve_fixed_point(plan)
    total = time.perf_counter() - started
    return {
        "status": str(outcome.status),
        "first_solve_s": seconds[0],
        "fixed_point_s": total,
        "ratio": total / seconds[0],
        "solves": report.iterations,
    }


def build_and_solve(python: str, repeats: int) -> float:
    """Median wall seconds of build + solve of ``default`` in a subprocess of ``python``."""
    times = []
    for _ in range(repeats):
        done = subprocess.run(
            [python, "-c", SNIPPET], capture_output=True, text=True, check=True, cwd="/"
        )
        times.append(float(done.stdout.split()[-1]))
    return statistics.median(times)


def main() -> None:
    """Print the measurements and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline-python", help="a Python with another dualcarbon installed")
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()}")
    fp = fixed_point_vs_single()
    print(
        f"1. EFX fixed point: {fp['fixed_point_s']:.1f} s over {fp['solves']} solves vs first "
        f"solve {fp['first_solve_s']:.1f} s: {fp['ratio']:.2f}x ({fp['status']})"
    )
    if args.baseline_python:
        now = build_and_solve(sys.executable, args.repeats)
        before = build_and_solve(args.baseline_python, args.repeats)
        print(
            f"2. build + solve of default: this version {now:.1f} s, baseline {before:.1f} s: "
            f"{now / before:.2f}x"
        )
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
