"""Every speed ratio of issue 14, each against a baseline measured in the same run.

Run from the repository root (about 10-20 minutes on the default scenario on 2 shared CPUs)::

    python benchmarks/bench_ratios.py
    python benchmarks/bench_ratios.py --skip-workers --skip-run     # the quick ones only

Nothing is asserted: this prints measurements and ratios (see ``benchmarks/README.md``). The
machine's load average is printed at the start and the end, because on a shared machine every
number moves with it.

1. **A single run vs HiGHS alone.** ``dualcarbon run SCENARIO`` in a subprocess, against a
   subprocess in which ``highspy`` reads the same LP from an MPS file and solves it (interior
   point with crossover, as ``dualcarbon run``); CPU seconds and peak memory of each, mean of
   ``--repeats`` runs. ``dualcarbon run`` may solve several times (the EFX fixed point of
   consumption accounting): the count is printed.
2. **Hand-over to HiGHS.** Pyomo's persistent ``set_instance`` of the built model, against
   ``passModel`` of the same standard-form LP and against writing it as an LP file and reading it.
3. **Sweep case vs HiGHS' own re-solve.** Cap-scale steps through a sweep runner (apply, update,
   solve, metrics), against a bare ``highspy.Highs`` copy of the same LP to which exactly the
   changes HiGHS received (bounds, costs, coefficients; each fixed-point iteration too) are applied
   and which is re-run from its own basis.
4. **Transfer-policy switch vs rebuild.** The runner's switch (cold re-solve of the built model)
   against a rebuild with that policy.
5. **2 workers vs serial** on a ``--cases``-case cap sweep (cluster start-up included), and the
   most any number of workers could give on it: the serial run's time outside its warm cases (load,
   build, the cold base case the driver solves before workers take cases) does not divide.
6. **Diagnosis vs run** of ``tests/scenarios/infeasible.yaml`` (both subprocesses, wall seconds).
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

import dualcarbon as dc
from dualcarbon.models import build_model
from dualcarbon.solvers._sweep_worker import CaseRunner, resolve_metrics
from dualcarbon.solvers.persistent import PersistentPlan

ROOT = Path(__file__).resolve().parents[1]
INFEASIBLE = ROOT / "tests" / "scenarios" / "infeasible.yaml"

# A child process that runs one Python snippet and reports its own CPU seconds and peak memory.
_MEASURED = """
import json, resource, sys, time
started = time.perf_counter()
exec(compile(sys.argv[1], "<bench>", "exec"))
usage = resource.getrusage(resource.RUSAGE_SELF)
print("BENCH" + json.dumps({"cpu_s": usage.ru_utime + usage.ru_stime,
      "peak_mib": usage.ru_maxrss / 1024, "wall_s": time.perf_counter() - started,
      **globals().get("extra", {})}))
"""


def _measured(snippet: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, snippet], capture_output=True, text=True, cwd=ROOT
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("BENCH")]
    if not lines:
        raise RuntimeError(f"benchmark child failed:\n{done.stderr[-2000:]}")
    return json.loads(lines[-1][5:])


def _write_mps(scenario_name: str, path: Path) -> None:
    """The LP ``dualcarbon run`` hands HiGHS first (before any fixed-point update), as MPS."""
    plan = PersistentPlan(build_model(dc.load_scenario(scenario_name)))
    plan.attach()
    plan.highs.writeModel(str(path))


def bench_run_vs_highs(scenario_name: str, repeats: int) -> dict:
    """CPU seconds and peak memory: ``dualcarbon run`` against HiGHS reading and solving the MPS."""
    with tempfile.TemporaryDirectory() as folder:
        mps = Path(folder) / "model.mps"
        _write_mps(scenario_name, mps)
        # each run writes a folder of its own: a second run into the first one's folder is
        # refused (a previous result needs --force) and would average a refusal into the CPU
        run_snippet = (
            "import uuid\n"
            "from pathlib import Path\n"
            "from dualcarbon.cli import main\n"
            f"out = Path({folder!r}) / ('run-' + uuid.uuid4().hex)\n"
            f"code = main(['run', {scenario_name!r}, '--out', str(out), '--map', ''])\n"
            "meta = out / 'metadata.json'\n"
            "written = json.loads(meta.read_text()) if meta.exists() else {}\n"
            "fixed_point = written.get('efx_fixed_point', {})\n"
            "extra = {'exit_code': code, 'solves': fixed_point.get('iterations'),\n"
            "         'solve_s': written.get('timings_s', {}).get('solve')}\n"
        )
        highs_snippet = (
            "import highspy\n"
            "h = highspy.Highs(); h.setOptionValue('output_flag', False)\n"
            "h.setOptionValue('solver', 'ipm')\n"
            f"h.readModel({str(mps)!r}); h.run()\n"
            "extra = {'status': h.modelStatusToString(h.getModelStatus())}\n"
        )
        runs = [_measured(run_snippet) for _ in range(repeats)]
        failed = [r.get("exit_code") for r in runs if r.get("exit_code") not in (0, None)]
        if failed:
            raise RuntimeError(f"dualcarbon run exited with {failed}: the CPU time would be wrong")
        highs = [_measured(highs_snippet) for _ in range(repeats)]
    run_cpu = statistics.mean(r["cpu_s"] for r in runs)
    highs_cpu = statistics.mean(r["cpu_s"] for r in highs)
    run_mem = statistics.mean(r["peak_mib"] for r in runs)
    highs_mem = statistics.mean(r["peak_mib"] for r in highs)
    return {
        "run_cpu_s": run_cpu,
        "run_wall_s": statistics.mean(r["wall_s"] for r in runs),
        "run_exit_code": runs[-1].get("exit_code"),
        "run_solves_fixed_point": runs[-1].get("solves"),
        # wall seconds of the fixed point's solves (HiGHS plus the updates between them): what
        # the run would cost if everything else (imports, build, hand-over, tables) were free
        "run_solving_s": statistics.mean(r.get("solve_s") or math.nan for r in runs),
        "ratio_run_solving_over_highs": statistics.mean(r.get("solve_s") or math.nan for r in runs)
        / highs_cpu,
        "highs_mps_cpu_s": highs_cpu,
        "highs_status": highs[-1].get("status"),
        "ratio_cpu_run_over_highs": run_cpu / highs_cpu,
        "run_peak_mib": run_mem,
        "highs_peak_mib": highs_mem,
        "ratio_memory_run_over_highs": run_mem / highs_mem,
    }


def bench_hand_over(scenario: dc.Scenario) -> dict:
    """Seconds to give the built model to HiGHS: Pyomo's set_instance vs passModel vs LP file."""
    import highspy

    model = build_model(scenario)
    plan = PersistentPlan(model)
    started = time.perf_counter()
    plan.attach()
    set_instance = time.perf_counter() - started
    lp = plan.highs.getLp()
    started = time.perf_counter()
    other = highspy.Highs()
    other.setOptionValue("output_flag", False)
    other.passModel(lp)
    pass_model = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        plan.highs.writeModel(str(Path(folder) / "m.lp"))
        reader = highspy.Highs()
        reader.setOptionValue("output_flag", False)
        reader.readModel(str(Path(folder) / "m.lp"))
        lp_file = time.perf_counter() - started
    return {
        "rows": plan.highs.getNumRow(),
        "columns": plan.highs.getNumCol(),
        "pyomo_set_instance_s": set_instance,
        "passModel_s": pass_model,
        "write_and_read_lp_s": lp_file,
        "ratio_set_instance_over_passModel": set_instance / pass_model,
        "ratio_set_instance_over_lp_file": set_instance / lp_file,
    }


def _apply_lp_changes(raw, old, new) -> None:
    """Give ``raw`` (holding LP ``old``) every change that turns it into ``new`` (same shape)."""
    cost_old, cost_new = np.asarray(old.col_cost_), np.asarray(new.col_cost_)
    idx = np.flatnonzero(cost_old != cost_new)
    if len(idx):
        raw.changeColsCost(len(idx), idx.astype(np.int32), cost_new[idx])
    lo_o, up_o = np.asarray(old.col_lower_), np.asarray(old.col_upper_)
    lo_n, up_n = np.asarray(new.col_lower_), np.asarray(new.col_upper_)
    idx = np.flatnonzero((lo_o != lo_n) | (up_o != up_n))
    if len(idx):
        raw.changeColsBounds(len(idx), idx.astype(np.int32), lo_n[idx], up_n[idx])
    lo_o, up_o = np.asarray(old.row_lower_), np.asarray(old.row_upper_)
    lo_n, up_n = np.asarray(new.row_lower_), np.asarray(new.row_upper_)
    idx = np.flatnonzero((lo_o != lo_n) | (up_o != up_n))
    if len(idx):
        raw.changeRowsBounds(len(idx), idx.astype(np.int32), lo_n[idx], up_n[idx])
    a_old, a_new = old.a_matrix_, new.a_matrix_
    starts_equal = np.array_equal(np.asarray(a_old.start_), np.asarray(a_new.start_))
    if not starts_equal or not np.array_equal(np.asarray(a_old.index_), np.asarray(a_new.index_)):
        raw.passModel(new)  # another sparsity pattern: hand over the new LP (keeps no basis)
        return
    values_old, values_new = np.asarray(a_old.value_), np.asarray(a_new.value_)
    changed = np.flatnonzero(values_old != values_new)
    if len(changed):
        starts = np.asarray(a_new.start_)
        columns = np.searchsorted(starts, changed, side="right") - 1
        rows = np.asarray(a_new.index_)[changed]
        for row, col, value in zip(rows, columns, values_new[changed], strict=True):
            raw.changeCoeff(int(row), int(col), float(value))


def bench_case_vs_highs(scenario: dc.Scenario, scales: list[float]) -> dict:
    """Per-case seconds of a sweep runner against HiGHS' own re-solve of the same changes."""
    import highspy

    runner = CaseRunner(scenario, metrics=resolve_metrics(None), names=["national_cap_scale"])
    captured: list = []
    pyomo_solve = runner.plan._highs._solve

    def capture():  # the LP exactly as HiGHS is about to solve it
        captured.append(runner.plan.highs.getLp())
        return pyomo_solve()

    runner.plan._highs._solve = capture
    first = runner.run(0, {"national_cap_scale": scales[0]})
    raw = highspy.Highs()
    raw.setOptionValue("output_flag", False)
    raw.passModel(captured[-1])
    raw.setBasis(runner.plan.highs.getBasis())
    raw.setOptionValue("solver", "simplex")
    current = captured[-1]
    case_s, highs_s, solves, statuses = [], [], [], [first.record["status"]]
    for i, scale in enumerate(scales[1:], start=1):
        captured.clear()
        output = runner.run(i, {"national_cap_scale": scale})
        statuses.append(output.record["status"])
        seconds = 0.0
        for lp in captured:
            _apply_lp_changes(raw, current, lp)
            current = lp
            started = time.perf_counter()
            raw.run()
            seconds += time.perf_counter() - started
        case_s.append(output.record["case_seconds"])
        highs_s.append(seconds)
        solves.append(len(captured))
    return {
        "statuses": ", ".join(statuses),
        "solves_per_case": ", ".join(map(str, solves)),
        "case_mean_s": statistics.mean(case_s),
        "highs_own_resolve_mean_s": statistics.mean(highs_s),
        "ratio_case_over_highs_own": statistics.mean(case_s) / statistics.mean(highs_s),
    }


def bench_switch_vs_rebuild(scenario: dc.Scenario, scale: float, policy: str) -> dict:
    """A transfer-policy switch in a built model (as a sweep does it) against a rebuild."""
    metrics = resolve_metrics(None)
    names = ["national_cap_scale", "transfer_policy"]
    runner = CaseRunner(scenario, metrics=metrics, names=names)
    runner.run(0, {"national_cap_scale": scale, "transfer_policy": scenario.config.transfer_policy})
    switched = runner.run(1, {"national_cap_scale": scale, "transfer_policy": policy})
    started = time.perf_counter()
    fresh = CaseRunner(scenario, metrics=metrics, names=names)
    rebuilt = fresh.run(0, {"national_cap_scale": scale, "transfer_policy": policy})
    rebuild_s = time.perf_counter() - started
    return {
        "switch": f"{scenario.config.transfer_policy} -> {policy}",
        "statuses": f"{switched.record['status']}, {rebuilt.record['status']}",
        "switch_case_s": switched.record["case_seconds"],
        "switch_warm": switched.record["warm"],
        "rebuild_case_s": rebuild_s,
        "ratio_rebuild_over_switch": rebuild_s / switched.record["case_seconds"],
    }


def bench_workers(
    scenario: dc.Scenario, n_cases: int, workers: int, cap_range: tuple[float, float] = (0.97, 1.12)
) -> dict:
    """Wall seconds of one cap sweep, serial and on a local Dask cluster."""
    low, high = cap_range
    grid = {"national_cap_scale": [round(float(s), 4) for s in np.linspace(low, high, n_cases)]}
    timings: dict = {}
    for label, n in (("serial", None), (f"{workers}_workers", workers)):
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            result = dc.sweep(scenario, grid, workers=n, out=Path(folder) / "s", progress=False)
            timings[f"{label}_wall_s"] = time.perf_counter() - started
            timings[f"{label}_optimal"] = int((result.cases["status"] == "optimal").sum())
            if n is None:
                serial_cases = result.cases
    timings["cases"] = n_cases
    # Amdahl: the driver's cold base case (and loading, building) runs before any worker can
    # take a case; only the warm cases after it divide among the workers
    warm = serial_cases.loc[serial_cases["warm"].fillna(False).astype(bool), "case_seconds"]
    alone = timings["serial_wall_s"] - float(warm.sum())
    ideal = alone + float(warm.sum()) / workers
    timings["serial_part_s"] = alone
    timings["warm_cases_s"] = float(warm.sum())
    timings["ideal_ratio"] = timings["serial_wall_s"] / ideal
    timings["ratio_serial_over_workers"] = (
        timings["serial_wall_s"] / timings[f"{workers}_workers_wall_s"]
    )
    return timings


def bench_diagnose_vs_run() -> dict:
    """Wall seconds of ``dualcarbon diagnose`` and ``dualcarbon run`` of the infeasible scenario."""
    with tempfile.TemporaryDirectory() as folder:
        out = str(Path(folder) / "run")
        run = _measured(
            f"from dualcarbon.cli import main\nmain(['run', {str(INFEASIBLE)!r}, '--out', {out!r}, '--map', ''])"
        )
        diagnose = _measured(
            "import dualcarbon as dc\n"
            f"report = dc.diagnose(dc.load_scenario({str(INFEASIBLE)!r}))\n"
            "extra = {'families': report.families}\n"
        )
    return {
        "run_wall_s": run["wall_s"],
        "diagnose_wall_s": diagnose["wall_s"],
        "diagnose_families": ", ".join(diagnose["families"]),
        "ratio_diagnose_over_run": diagnose["wall_s"] / run["wall_s"],
    }


def _print(rows: dict) -> None:
    for key, value in rows.items():
        if value is None:
            continue
        shown = f"{value:.4g}" if isinstance(value, float) else value
        print(f"   {key:>34}: {shown}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenario", default="default")
    parser.add_argument("--repeats", type=int, default=2, help="runs of 1. (each side)")
    parser.add_argument(
        "--scales",
        default="1.0,0.99,0.98,1.02",
        help="cap scales of 3. (feasible ones: below 0.97 the default is infeasible, and a bare "
        "warm simplex takes minutes to prove it)",
    )
    parser.add_argument("--switch-to", default="off", help="transfer policy of 4.")
    parser.add_argument("--cases", type=int, default=16, help="cases of 5.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--cap-range",
        default="0.97,1.12",
        help="national_cap_scale range of 5. (tighter caps may be infeasible and slow to prove)",
    )
    parser.add_argument("--skip-run", action="store_true", help="skip 1. (the slowest)")
    parser.add_argument("--skip-workers", action="store_true", help="skip 5.")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    scenario = dc.load_scenario(args.scenario)
    print(
        f"scenario {scenario.name!r}; {platform.machine()}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.2f}; dualcarbon {dc.__version__}",
        flush=True,
    )
    if not args.skip_run:
        print(f"\n1. dualcarbon run vs HiGHS reading the MPS ({args.repeats} runs each)")
        _print(bench_run_vs_highs(args.scenario, args.repeats))
    print("\n2. hand-over to HiGHS")
    _print(bench_hand_over(scenario))
    scales = [float(v) for v in args.scales.split(",")]
    print(f"\n3. sweep case vs HiGHS' own re-solve, national_cap_scale = {scales}")
    _print(bench_case_vs_highs(scenario, scales))
    print(f"\n4. transfer-policy switch vs rebuild at national_cap_scale = {scales[0]}")
    _print(bench_switch_vs_rebuild(scenario, scales[0], args.switch_to))
    if not args.skip_workers:
        print(f"\n5. serial vs {args.workers} workers, {args.cases} cap-scale cases")
        low, high = (float(v) for v in args.cap_range.split(","))
        _print(bench_workers(scenario, args.cases, args.workers, (low, high)))
    print("\n6. diagnose vs run, tests/scenarios/infeasible.yaml")
    _print(bench_diagnose_vs_run())
    print(f"\nload average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
