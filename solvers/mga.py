"""``dualcarbon.mga``: near-optimal alternatives of the provincial split (modelling to generate
alternatives, MGA).

A least-cost plan gives each province one burden. MGA asks how differently the burden could be
split for almost the same national cost: solve the optimum (cost C*), add the row
``cost ≤ (1 + slack)·C*`` and re-solve the *same* built model with objectives that push the
provincial metrics apart (DeCarolis 2011; DeCarolis et al. 2016):

* ``min`` / ``max`` of one region's (or macro-region's) cumulative metric: the extreme splits
  of that region's burden, the spatial reading of MGA (Pedersen et al. 2021; Lau, Patankar &
  Jenkins 2024);
* ``random``: minimise Σ_r u_r·m_r/|m_r*| with u_r drawn uniformly from [−1, 1] (the random-
  vector method of Berntsen & Trutnevyte 2017), m_r* the optimum's value: a random direction
  of *relative* change, so that small provinces move as much as large ones. Reproducible with
  ``seed``.

Every objective also carries the system cost with a tiny weight (1e-3 of the optimum's, the
metric weights being relative to each region's optimum value): among the plans equally good
for the pushed regions the cheapest is taken, a lexicographic tie-break that keeps the rest of
the plan least-cost and lets the exporter-intensity fixed point settle.

References
----------
DeCarolis, J. F. (2011). Using modeling to generate alternatives (MGA) to expand our thinking on
energy futures. Energy Economics 33(2), 145-152.
DeCarolis, J. F., Babaee, S., Li, B., Kanungo, S. (2016). Modelling to generate alternatives
with an energy system optimization model. Environmental Modelling & Software 79, 300-310.
Berntsen, P. B., Trutnevyte, E. (2017). Ensuring diversity of national energy scenarios:
bottom-up energy system model with Modeling to Generate Alternatives. Energy 126, 886-898.
Pedersen, T. T., Victoria, M., Rasmussen, M. G., Andresen, G. B. (2021). Modeling all
alternative solutions for highly renewable energy systems. Energy 234, 121294.
Lau, M., Patankar, N., Jenkins, J. D. (2024). Measuring exploration: review and systematic
evaluation of modelling to generate alternatives methods in macro-energy systems planning
models. arXiv:2405.17342.

Every alternative is re-solved through the exporter-intensity fixed point of consumption
accounting (:mod:`dualcarbon.solvers.fixed_point`), starting from the previous alternative's
EFX, so each alternative's plan charges its own electricity intensities (``efx="hold"`` solves
once at the optimum's intensities instead and reports the gap). The cost bound
holds at every step of that iteration.

Runs are serial in one process (one built model, warm re-solves) or spread over Dask workers,
each of which builds the model once (:mod:`dualcarbon.solvers.mga_parallel`); alternatives are
written one by one to ``out`` and a rerun into the same folder solves only the missing ones
(:mod:`dualcarbon.solvers.mga_result`).
"""

from __future__ import annotations

import logging
import math
import os
import socket
import time
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd

from dualcarbon.inputs.scenario import Scenario
from dualcarbon.solvers.mga_alternative import _record, alternative_rows, solve_alternative
from dualcarbon.solvers.mga_result import (
    FOLDER_FORMAT,
    MGAFolderError,
    MGAResult,
    MGAStore,
    assemble,
)

logger = logging.getLogger(__name__)

__all__ = ["MGAFolderError", "MGAResult", "mga", "plan_directions"]

#: Macro-regions and provinces whose optimum value is below this share of the largest one's
#: are normalised by this floor in random directions (a province emitting ~0 would otherwise
#: dominate every random vector).
_SCALE_FLOOR_SHARE = 0.01


def region_groups(scenario: Scenario, by: str) -> dict[str, str]:
    """Province -> group: itself (``by="province"``) or its macro-region (``regions`` table).

    Raises
    ------
    ValueError
        For another ``by``, or provinces without a macro-region.
    """
    regions = scenario.table("regions")
    names = regions["region"].astype(str).tolist()
    if by == "province":
        return {r: r for r in names}
    if by != "macro_region":
        raise ValueError(f"by: expected 'province' or 'macro_region', got {by!r}")
    if "macro_region" not in regions.columns or regions["macro_region"].isna().any():
        missing = (
            names
            if "macro_region" not in regions.columns
            else regions.loc[regions["macro_region"].isna(), "region"].tolist()
        )
        raise ValueError(
            f"by='macro_region': the regions table (regions/data/provinces.csv) gives no "
            f"macro_region for {missing}"
        )
    return dict(zip(names, regions["macro_region"].astype(str), strict=True))


def plan_directions(
    optimum: Mapping[str, float],
    groups: Mapping[str, str],
    *,
    n: int = 8,
    extremes: int | str | Sequence[str] = 4,
    seed: int = 0,
) -> list[dict[str, Any]]:
    """The MGA directions: min and max of chosen groups, then ``n`` random vectors.

    Parameters
    ----------
    optimum : mapping
        Province -> cumulative metric at the least-cost optimum.
    groups : mapping
        Province -> group (itself, or its macro-region).
    n : int, default 8
        Random directions.
    extremes : int, "all" or list of str, default 4
        Groups whose metric is minimised and maximised: the ``k`` largest at the optimum, all of
        them, or the named ones.
    seed : int, default 0
        Seed of the random vectors.

    Returns
    -------
    list of dict
        ``{"direction", "target", "weights": {province: weight}}`` in solve order; alternative
        ids are their positions + 1 (0 is the optimum).
    """
    totals: dict[str, float] = {}
    for province, group in groups.items():
        totals[group] = totals.get(group, 0.0) + float(optimum.get(province, 0.0))
    ordered = sorted(totals, key=lambda g: -abs(totals[g]))
    if isinstance(extremes, str) and extremes == "all":
        chosen = ordered
    elif isinstance(extremes, int | np.integer):
        if extremes < 0:
            raise ValueError(f"extremes: expected a count >= 0, 'all' or names, got {extremes}")
        chosen = ordered[: int(extremes)]
    else:
        chosen = [str(g) for g in extremes]
        unknown = sorted(set(chosen) - set(totals))
        if unknown:
            raise ValueError(f"extremes: unknown regions {unknown}; known: {sorted(totals)}")
    directions: list[dict[str, Any]] = []
    largest = max((abs(v) for v in totals.values()), default=1.0) or 1.0

    def scale(group: str) -> float:
        return max(abs(totals[group]), _SCALE_FLOOR_SHARE * largest)

    for group in chosen:
        members = [p for p, g in groups.items() if g == group]
        for sense, sign in (("min", 1.0), ("max", -1.0)):
            weight = sign / scale(group)
            directions.append(
                {"direction": sense, "target": group, "weights": dict.fromkeys(members, weight)}
            )
    if n:
        rng = np.random.default_rng(seed)
        names = sorted(totals)
        for i in range(int(n)):
            draw = dict(zip(names, rng.uniform(-1.0, 1.0, len(names)), strict=True))
            weights = {p: float(draw[g]) / scale(g) for p, g in groups.items()}
            directions.append(
                {"direction": "random", "target": f"random-{i + 1}", "weights": weights}
            )
    return directions


def _settings(
    scenario: Scenario, slack: float, metric: str, by: str, n: int, extremes: Any, seed: int
) -> dict[str, Any]:
    from dualcarbon import __version__

    return {
        "format": FOLDER_FORMAT,
        "scenario": scenario.name,
        "scenario_origin": scenario.origin,
        "scenario_fingerprint": scenario.fingerprint(),
        "slack": float(slack),
        "metric": metric,
        "by": by,
        "n": int(n),
        "extremes": extremes if isinstance(extremes, int | str) else list(extremes),
        "seed": int(seed),
        "created_utc": datetime.now(UTC).isoformat(timespec="seconds"),
        "dualcarbon_version": __version__,
    }


def mga(
    scenario: Scenario,
    slack: float = 0.05,
    n: int = 8,
    *,
    metric: str = "emissions",
    by: str = "province",
    extremes: int | str | Sequence[str] = 4,
    seed: int = 0,
    efx: str = "iterate",
    out: str | os.PathLike | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: bool = True,
    solver_options: Mapping[str, Any] | None = None,
) -> MGAResult:
    """Near-optimal alternatives: how differently can the provincial burden be split for a cost
    within ``slack`` of the optimum?

    Solves the least-cost plan, bounds the cost at ``(1 + slack)`` times it and re-solves the
    same model warm, once per direction: min and max of the ``extremes`` largest regions'
    cumulative metric, then ``n`` random directions (random-vector MGA). Methods and references:
    :mod:`dualcarbon.solvers.mga` and ``docs/mga.md``.

    Parameters
    ----------
    scenario : Scenario
        From :func:`dualcarbon.load_scenario`.
    slack : float, default 0.05
        Cost slack: every alternative costs at most ``(1 + slack)`` × the optimum (≥ 0).
    n : int, default 8
        Random directions.
    metric : {"emissions", "investment"}, default "emissions"
        What the directions push: cumulative production-based emissions (MtCO2) or the present
        value of the investment located in a region (bn CNY). Both are reported either way.
    by : {"province", "macro_region"}, default "province"
        Push provinces, or macro-regions (all provinces of a macro-region with one weight).
    extremes : int, "all" or list of str, default 4
        Regions (of ``by``) minimised and maximised: the ``k`` largest at the optimum, all, or
        the named ones. The default keeps a 31-province run at 8 + ``n`` solves.
    seed : int, default 0
        Seed of the random directions.
    efx : {"iterate", "hold"}, default "iterate"
        ``iterate``: every alternative goes through the exporter-intensity fixed point of
        consumption accounting, so its plan charges its own intensities (about as many warm
        re-solves as the optimum needed). ``hold``: one solve per alternative with EFX held at
        the optimum's values; faster, and the gap between an alternative's own intensities
        and the charged ones is reported (``efx_residual_tco2_per_mwh``): its consumption-based
        caps are then met at the optimum's intensities, not its own.
    out : path-like, optional
        Folder for ``mga.json``, one Parquet file per finished alternative and each
        alternative's full tables (:mod:`dualcarbon.solvers.mga_result`). A rerun with the same
        settings solves only the missing alternatives; other settings are refused.
    workers : int, optional
        Solve the alternatives on a local Dask cluster of this many processes: the optimum is
        solved here, then each worker builds the model once, adds the cost bound and the
        optimum's exporter intensities, and solves its share of the alternatives (each
        alternative's first solve is cold anyway, see ``solver_options``). Serial by default.
    scheduler : str, optional
        Address of a running Dask scheduler (``tcp://host:port``) instead of ``workers``.
    progress : bool, default True
        Show a progress bar.
    solver_options : mapping, optional
        HiGHS options, as for :func:`dualcarbon.solve`. Unless ``method`` is given, an
        alternative's first solve uses interior point with crossover (after an objective change
        simplex from the old basis is far slower) and its EFX corrections warm simplex.

    Returns
    -------
    MGAResult
        ``.alternatives`` (one row per alternative, 0 the optimum, with ``cost_bn_cny`` and
        ``cost_ratio``), ``.metrics`` (per alternative, region, metric, period), ``.spread()``,
        ``.table(name, alternative)``, ``.plot(kind)``.

    Raises
    ------
    ValueError
        For a negative slack or ``n``, an unknown metric or grouping.
    MGAFolderError
        If ``out`` holds another MGA run or files that are not one.
    RuntimeError
        If the least-cost optimum itself is not optimal (nothing to be near to).

    Examples
    --------
    >>> import dualcarbon as dc
    >>> alts = dc.mga(dc.load_scenario("default"), slack=0.05, n=8, out="mga/default")  # doctest: +SKIP
    >>> alts.alternatives[["alternative", "direction", "target", "cost_ratio"]]  # doctest: +SKIP
    >>> alts.spread("emissions_mtco2", 2030)  # doctest: +SKIP
    >>> alts.plot("strip")  # doctest: +SKIP
    """
    from dualcarbon.models.mga import metric_component

    if not (isinstance(slack, int | float) and math.isfinite(slack) and slack >= 0):
        raise ValueError(f"slack: expected a finite number >= 0 (0.05 = 5 %), got {slack!r}")
    if int(n) != n or n < 0:
        raise ValueError(f"n: expected a whole number of random directions >= 0, got {n!r}")
    metric_component(metric)
    if efx not in ("iterate", "hold"):
        raise ValueError(f"efx: expected 'iterate' or 'hold', got {efx!r}")
    if workers is not None and scheduler is not None:
        raise ValueError(
            "give workers= (a local cluster) or scheduler= (an existing one), not both"
        )
    if workers is not None and (int(workers) != workers or workers < 1):
        raise ValueError(f"workers: expected a whole number >= 1, got {workers!r}")
    groups = region_groups(scenario, by)
    settings = _settings(scenario, slack, metric, by, int(n), extremes, seed)
    settings["efx"] = efx
    store = MGAStore(out) if out is not None else None
    manifest = store.check(settings) if store is not None else None
    done = store.finished() if store is not None and manifest is not None else set()
    if manifest is not None and len(done) == len(manifest["directions"]) + 1:
        logger.info("MGA %s: all alternatives already in %s", scenario.name, out)
        frames, records = store.cases.load()
        return assemble(frames, records, manifest, store.root)
    return _run(
        scenario,
        settings,
        manifest,
        store,
        done,
        groups,
        progress,
        solver_options,
        workers=workers,
        scheduler=scheduler,
    )


def _run(
    scenario: Scenario,
    settings: dict[str, Any],
    manifest: dict[str, Any] | None,
    store: MGAStore | None,
    done: set[int],
    groups: Mapping[str, str],
    progress: bool,
    solver_options: Mapping[str, Any] | None,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
) -> MGAResult:
    from tqdm import tqdm

    from dualcarbon.models import build_model
    from dualcarbon.models.mga import add_mga, metric_values, set_cost_bound
    from dualcarbon.solvers.fixed_point import solve_fixed_point
    from dualcarbon.solvers.persistent import PersistentPlan
    from dualcarbon.solvers.solve import collect

    options = {"method": "ipm", **dict(solver_options or {})}
    efx = scenario.config.efx
    started = time.perf_counter()
    model = build_model(scenario)
    build_seconds = time.perf_counter() - started
    plan = PersistentPlan(model, options)
    outcome, report = solve_fixed_point(
        plan,
        tolerance=efx.tolerance_tco2_per_mwh,
        max_iterations=efx.max_iterations,
        damping=efx.damping,
    )
    if not outcome.status.is_optimal:
        raise RuntimeError(
            f"MGA of {scenario.name!r}: the least-cost plan is {outcome.status.value}, so there "
            f"is no optimum to stay near: {outcome.message}"
        )
    optimum_cost = float(outcome.objective_bn_cny)
    # the MGA components come in now (a bound that cannot bind, the objective switched off):
    # the optimum's metrics are read through them
    add_mga(model, settings["metric"])
    if manifest is None:
        manifest = {
            **settings,
            "optimum_cost_bn_cny": optimum_cost,
            "cost_bound_bn_cny": (1.0 + settings["slack"]) * optimum_cost,
            "directions": plan_directions(
                metric_values(model, settings["metric"]),
                groups,
                n=settings["n"],
                extremes=settings["extremes"],
                seed=settings["seed"],
            ),
        }
        if store is not None:
            store.start(manifest)
    else:
        # a resumed run keeps the first run's bound and directions: the alternatives already
        # written were found with them
        drift = abs(optimum_cost - manifest["optimum_cost_bn_cny"]) / max(1.0, abs(optimum_cost))
        if drift > 1e-6:
            logger.warning(
                "optimum cost %.6g differs from the stored %.6g by %.1e (relative); the stored "
                "bound is kept",
                optimum_cost,
                manifest["optimum_cost_bn_cny"],
                drift,
            )
    directions = manifest["directions"]
    bound = float(manifest["cost_bound_bn_cny"])
    frames: list[pd.DataFrame] = []
    records: list[dict[str, Any]] = []
    results = {}
    bar = tqdm(
        total=len(directions) + 1,
        initial=len(done),
        desc=f"mga {scenario.name}",
        unit="alt",
        disable=not progress,
        dynamic_ncols=True,
    )

    def finish(
        alternative: int, result: Any, record: dict[str, Any], rows: pd.DataFrame | None = None
    ) -> None:
        if rows is None:
            rows = alternative_rows(alternative, model, groups, record)
        record["finished_utc"] = datetime.now(UTC).isoformat(timespec="seconds")
        if store is not None:
            store.write(result, rows, record)
        elif result is not None:
            results[alternative] = result
        frames.append(rows)
        records.append(record)
        bar.update(1)

    try:
        if 0 not in done:
            result = collect(
                plan, scenario, outcome, build_seconds=build_seconds, fixed_point=report
            )
            record = _record(0, "optimum", "least cost", outcome, report, optimum_cost)
            record["worker"] = f"{socket.gethostname()}:{os.getpid()}"
            record.update(cost_bn_cny=optimum_cost, objective_value=optimum_cost)
            record["alternative_seconds"] = time.perf_counter() - started
            finish(0, result, record)
        set_cost_bound(model, bound)
        # interior point for an alternative's first solve: after the objective changes, simplex
        # from the previous basis took over 4 minutes on the default scenario (loaded machine)
        # where interior point with crossover takes seconds; the EFX corrections that follow
        # re-solve warm with simplex (solve_fixed_point)
        method = {} if "method" in dict(solver_options or {}) else {"method": "ipm"}
        todo = [
            (position, direction)
            for position, direction in enumerate(directions, start=1)
            if position not in done
        ]
        if workers is not None or scheduler is not None:
            from dualcarbon.solvers.mga_parallel import run_on_dask

            # the workers build their own models; this process only records what they return

            run_on_dask(
                scenario,
                settings,
                todo,
                bound=bound,
                optimum_cost=optimum_cost,
                efx=[(k, float(model.EFX[k].value)) for k in model.EFX],
                groups=groups,
                solver_options={**dict(solver_options or {}), **method},
                on_done=finish,
                workers=workers,
                scheduler=scheduler,
            )
        else:
            for position, direction in todo:
                result, rows, record = solve_alternative(
                    plan,
                    scenario,
                    settings,
                    position,
                    direction,
                    bound,
                    optimum_cost,
                    groups,
                    method,
                )
                finish(position, result, record, rows)
    finally:
        bar.close()
    if store is not None:
        frames, records = store.cases.load()
        return assemble(frames, records, manifest, store.root)
    return assemble(frames, records, manifest, None, results)
