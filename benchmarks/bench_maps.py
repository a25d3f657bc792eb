"""Map rendering times, as ratios to a baseline measured in the same run.

The baseline is saving an empty figure of the same size and dpi: it carries the fixed cost of
matplotlib's PNG writer on this machine, so the ratios say how much the maps themselves cost
and compare across shared, noisy machines. The acceptance target is an absolute one (each map
under 5 s), printed alongside. Run: ``python benchmarks/bench_maps.py``.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from dualcarbon.outputs import maps
from dualcarbon.regions import province_table, provinces

REPEATS = 3


def _best(action) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    started = time.perf_counter()
    provinces()
    boundary_load = time.perf_counter() - started
    planned = province_table(planned_only=True)["region"].tolist()
    rng = np.random.default_rng(0)
    values = pd.DataFrame(
        {"region": planned, "emissions_mtco2": rng.uniform(10, 900, len(planned))}
    )
    long = pd.concat([values.assign(period=p) for p in (2025, 2030, 2040, 2050, 2060)])
    flows = pd.DataFrame({"from_region": planned[:-1], "to_region": planned[1:], "v": 1.0})
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)

        def baseline():
            figure = Figure(figsize=(8, 6.5))
            figure.add_subplot()
            figure.savefig(out / "baseline.png", dpi=150)

        cases = {
            "choropleth (quantiles)": lambda: maps.save_figure(
                maps.plot_map(values, "emissions_mtco2", scheme="quantiles"), out / "a.png", dpi=150
            ),
            "small multiples (5 years)": lambda: maps.save_figure(
                maps.plot_small_multiples(long, "emissions_mtco2"), out / "b.png", dpi=150
            ),
            "difference map": lambda: maps.save_figure(
                maps.plot_difference_map(
                    values,
                    values.assign(emissions_mtco2=values.emissions_mtco2 * 0.9),
                    "emissions_mtco2",
                ),
                out / "c.png",
                dpi=150,
            ),
            "flow map (30 arrows)": lambda: maps.save_figure(
                maps.plot_flow_map(flows, "v"), out / "d.png", dpi=150
            ),
        }
        for action in cases.values():  # warm caches (boundaries, mapclassify import)
            action()
        base = _best(baseline)
        print(f"boundary load (first call, incl. simplification): {boundary_load:.2f} s")
        print(f"baseline (empty figure to PNG): {base:.3f} s")
        print(f"{'map':<28}{'seconds':>9}{'× baseline':>12}  target < 5 s")
        results = {}
        for name, action in cases.items():
            seconds = _best(action)
            results[name] = seconds
            print(
                f"{name:<28}{seconds:>9.2f}{seconds / base:>12.1f}  {'ok' if seconds < 5 else 'SLOW'}"
            )
        print(f"median ratio: {statistics.median(s / base for s in results.values()):.1f}")


if __name__ == "__main__":
    main()
