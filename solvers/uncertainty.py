"""``dualcarbon.uncertainty``: Monte Carlo over uncertain inputs, with a sensitivity ranking.

Inputs (capex, fuel prices, demand, potentials, growth floors) are drawn from the distributions
of a YAML file (:mod:`dualcarbon.inputs.uncertainty`) as values of the model's multipliers
(:mod:`dualcarbon.models.uncertainty`, all 1.0 in the plan itself). Each draw is one explicit
case of :func:`dualcarbon.sweep`, so the model is built once per process, every case changes
mutable parameters and re-solves warm, Dask workers come for free, and ``out=`` makes a run
resumable: the same seed gives the same draws and so the same cases, and a rerun into the same
folder solves only those that are missing.

Examples
--------
>>> import dualcarbon as dc
>>> scenario = dc.load_scenario("default")  # doctest: +SKIP
>>> result = dc.uncertainty(scenario, n=32, seed=1, out="mc/default")  # doctest: +SKIP
>>> result.summary()  # doctest: +SKIP
>>> result.sensitivity("objective_bn_cny")  # doctest: +SKIP
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from dualcarbon.inputs.scenario import Scenario
from dualcarbon.inputs.uncertainty import Distributions, load_distributions
from dualcarbon.solvers.sweep_result import SweepResult

logger = logging.getLogger(__name__)

__all__ = ["UncertaintyResult", "cases_from_samples", "draw_samples", "uncertainty"]

#: Samples are rounded to this many decimals, so that they survive the JSON of the out folder
#: exactly and a rerun recognises its own cases.
DECIMALS = 6
SAMPLING_METHODS = ("latin",)


def draw_samples(distributions: Distributions, n: int, seed: int = 0) -> pd.DataFrame:
    """Draw ``n`` Latin-hypercube samples of the uncertain inputs (SALib ``latin.sample``).

    Parameters
    ----------
    distributions : Distributions
        From :func:`dualcarbon.inputs.uncertainty.load_distributions`.
    n : int
        Number of samples (at least 2).
    seed : int, default 0
        Random seed; the same seed gives the same samples.

    Returns
    -------
    pandas.DataFrame
        Index ``sample`` (0..n-1), one column per input label, values of the multiplier.
    """
    from SALib.sample import latin

    if n < 2:
        raise ValueError(f"uncertainty: n must be at least 2, got {n}")
    values = latin.sample(distributions.problem(), int(n), seed=int(seed))
    frame = pd.DataFrame(np.round(values, DECIMALS), columns=distributions.names)
    frame.index.name = "sample"
    return frame


def cases_from_samples(samples: pd.DataFrame, distributions: Distributions) -> list[dict[str, Any]]:
    """Turn sample rows into explicit sweep cases ``{multiplier: value or {entry: value}}``.

    Inputs that draw different entries of one multiplier are merged into one mapping; an input
    without ``entry`` sets every entry (a plain number).
    """
    cases: list[dict[str, Any]] = []
    for _, row in samples.iterrows():
        case: dict[str, Any] = {}
        for label, spec in distributions.inputs.items():
            value = float(row[label])
            entries = spec.entries
            if entries is None:
                case[spec.multiplier] = value
            else:
                case.setdefault(spec.multiplier, {}).update(dict.fromkeys(entries, value))
        cases.append(case)
    return cases


def province_emissions(result: Any, region: str) -> pd.Series | None:
    """Production-based emissions of one province per period, MtCO2/yr (table ``emissions``)."""
    emissions = result.tables.get("emissions")
    if emissions is None or "production_mtco2" not in emissions.columns:
        return None
    rows = emissions[emissions["region"] == region]
    return rows.groupby("period")["production_mtco2"].sum()


def _province_metrics(regions: Sequence[str]) -> dict[str, Any]:
    """One picklable metric per province, named ``emissions_mtco2:<region>``.

    The sweep folder records a metric by module and qualified name: a stable name per province
    keeps a rerun recognisable as the same run.
    """
    metrics: dict[str, Any] = {}
    for region in regions:
        function = partial(province_emissions, region=region)
        function.__module__ = __name__  # type: ignore[attr-defined]
        function.__qualname__ = f"province_emissions[{region}]"  # type: ignore[attr-defined]
        metrics[f"emissions_mtco2:{region}"] = function
    return metrics


def _check_entries(scenario: Scenario, distributions: Distributions) -> None:
    """Refuse entries the multipliers do not have, before any case runs."""
    from dualcarbon.inputs.errors import InputError
    from dualcarbon.models.calibration import prepare
    from dualcarbon.models.uncertainty import CAPEX_GROUPS, DEFAULT_CAPEX_GROUP

    wanted = {spec.multiplier for spec in distributions.inputs.values() if spec.entries is not None}
    if not wanted:
        return
    data = prepare(scenario)
    entries = {
        "power_capex_scale": set(data.power_tech.index),
        "industry_capex_scale": {*CAPEX_GROUPS.values(), DEFAULT_CAPEX_GROUP},
        "fuel_price_scale": set(data.fuels.index),
        "product_demand_scale": set(data.sectors),
        "renewable_potential_scale": set(
            data.rg["potential_gw"].dropna().index.get_level_values("technology")
        ),
    }
    for label, spec in distributions.inputs.items():
        known = entries.get(spec.multiplier)
        if spec.entries is None or known is None:
            continue
        for entry in spec.entries:
            if entry not in known:
                raise InputError(
                    distributions.source,
                    row=f"inputs.{label}.entry",
                    expected=f"an entry of {spec.multiplier} ({', '.join(sorted(known))})",
                    got=repr(entry),
                )


def uncertainty(
    scenario: Scenario,
    n: int = 200,
    distributions: str | os.PathLike | Mapping[str, Any] | Distributions | None = None,
    seed: int = 0,
    *,
    method: str = "latin",
    out: str | os.PathLike | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: bool = True,
    solver_options: Mapping[str, Any] | None = None,
    provinces: bool = True,
) -> UncertaintyResult:
    """Solve a scenario for ``n`` draws of its uncertain inputs.

    Parameters
    ----------
    scenario : Scenario
        From :func:`dualcarbon.load_scenario`; inputs not drawn keep its values.
    n : int, default 200
        Number of samples.
    distributions : str, path-like, mapping or Distributions, optional
        A shipped name (default ``"default"``: ``inputs/scenarios/uncertainty/default.yaml``),
        a YAML path or a mapping in that format (``docs/uncertainty.md``).
    seed : int, default 0
        Seed of the Latin-hypercube design: the same seed, ``n`` and distributions give the same
        samples, cases and results.
    method : {"latin"}
        Sampling design (SALib ``latin.sample``, Latin hypercube with the declared marginals).
    out : path-like, optional
        Folder of the underlying sweep (``grid.json`` + one Parquet file per finished sample).
        Rerunning the same call into it solves only the samples that are missing.
    workers, scheduler
        Dask execution, as for :func:`dualcarbon.sweep`.
    progress : bool, default True
        Show a progress bar.
    solver_options : mapping, optional
        HiGHS options, as for :func:`dualcarbon.solve`.
    provinces : bool, default True
        Record production emissions of every province per period (metrics
        ``emissions_mtco2:<region>``).

    Returns
    -------
    UncertaintyResult
        ``.samples``, ``.table``, ``.outputs()``, ``.summary()``, ``.sensitivity()``, ``.plot()``.

    Raises
    ------
    InputError
        For a bad distributions file or an entry the model does not have.
    ValueError
        For ``n < 2`` or an unknown ``method``.
    """
    from dualcarbon.solvers.sweep import sweep

    if method not in SAMPLING_METHODS:
        raise ValueError(f"uncertainty: method {method!r} not in {SAMPLING_METHODS}")
    dists = load_distributions(distributions)
    _check_entries(scenario, dists)
    samples = draw_samples(dists, n, seed)
    cases = cases_from_samples(samples, dists)
    metrics: dict[str, Any] = {
        name: name
        for name in ("objective_bn_cny", "national_emissions_mtco2", "cap_price_cny_per_t")
    }
    if provinces:
        metrics.update(_province_metrics(list(scenario.tables["regions"]["region"])))
    logger.info("uncertainty %s: %d samples of %d inputs", scenario.name, n, len(dists.inputs))
    swept = sweep(
        scenario,
        cases,
        workers=workers,
        scheduler=scheduler,
        out=out,
        metrics=metrics,
        progress=progress,
        solver_options=solver_options,
    )
    return UncertaintyResult(samples=samples, sweep=swept, distributions=dists, seed=seed)


# -- the result -----------------------------------------------------------------------------------
OBJECTIVE = "objective_bn_cny"
PEAK_YEAR = "peak_year"
PEAK_LEVEL = "peak_level_mtco2"
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)


class UncertaintyResult:
    """The outcome of :func:`uncertainty`: samples, solved metrics, quantiles and sensitivity.

    Attributes
    ----------
    samples : pandas.DataFrame
        One row per sample (index ``sample``), one column per uncertain input (multiplier value).
    table : pandas.DataFrame
        Long and tidy: ``sample``, ``status``, ``metric``, ``period``, ``value`` (the sweep's
        table, one case per sample). Provincial emissions are ``emissions_mtco2:<region>``.
    sweep : SweepResult
        The underlying sweep (cases, timings, the out folder).
    distributions : Distributions
        The distributions drawn from (with each input's ``basis``).
    seed : int
    """

    def __init__(
        self,
        samples: pd.DataFrame,
        sweep: SweepResult,
        distributions: Distributions,
        seed: int,
    ) -> None:
        self.samples = samples
        self.sweep = sweep
        self.distributions = distributions
        self.seed = seed
        table = sweep.table.rename(columns={"case_id": "sample"})
        keep = ["sample", "status", "metric", "period", "value"]
        self.table = (
            table[[c for c in keep if c in table.columns]]
            .sort_values(["sample", "metric", "period"], kind="stable")
            .reset_index(drop=True)
        )

    @property
    def n(self) -> int:
        """Number of samples drawn."""
        return len(self.samples)

    @property
    def solved(self) -> pd.Index:
        """The samples that were solved to optimality."""
        cases = self.sweep.cases
        return pd.Index(cases.loc[cases["status"] == "optimal", "case_id"], name="sample")

    def _metric(self, name: str) -> pd.DataFrame:
        """One metric as sample x period (NaN where missing)."""
        rows = self.table[self.table["metric"] == name]
        return rows.pivot_table(index="sample", columns="period", values="value", aggfunc="first")

    def outputs(self) -> pd.DataFrame:
        """Scalar outputs per solved sample, the quantities :meth:`summary` and
        :meth:`sensitivity` work on.

        One row per sample. Columns: ``optimal`` (1 if the sample solved to optimality, 0 if
        not: an infeasible draw is a result, the share of feasible draws is its mean; the other
        columns are NaN there); ``objective_bn_cny``; ``peak_year`` and ``peak_level_mtco2`` (the milestone of
        highest national production emissions and that level); ``national_emissions_mtco2:<year>``
        and ``cap_price_cny_per_t:<year>`` (the shadow price of the national cap, a carbon
        price) for every milestone.
        """
        solved = self.solved
        rows = self.table[self.table["sample"].isin(solved)]
        objective = rows[rows["metric"] == OBJECTIVE].set_index("sample")["value"]
        # samples of an interrupted run that were never solved are left out
        done = pd.Index(self.sweep.cases["case_id"], name="sample")
        frame = pd.DataFrame(
            {
                "optimal": pd.Series(done.isin(solved).astype(float), index=done),
                OBJECTIVE: objective.reindex(done),
            }
        )
        emissions = self._metric("national_emissions_mtco2").reindex(frame.index)
        if not emissions.empty:
            known = emissions.dropna(how="all")  # an infeasible sample has no pathway
            frame[PEAK_YEAR] = known.idxmax(axis=1).astype(float).reindex(frame.index)
            frame[PEAK_LEVEL] = emissions.max(axis=1)
            for period in emissions.columns:
                frame[f"national_emissions_mtco2:{period}"] = emissions[period]
        prices = self._metric("cap_price_cny_per_t").reindex(frame.index)
        for period in prices.columns:
            frame[f"cap_price_cny_per_t:{period}"] = prices[period]
        return frame.sort_index()

    def province_emissions(self, period: int = 2030) -> pd.DataFrame:
        """Provincial production emissions in ``period``: sample x region, MtCO2/yr."""
        prefix = "emissions_mtco2:"
        rows = self.table[
            self.table["metric"].str.startswith(prefix)
            & (self.table["period"] == period)
            & self.table["sample"].isin(self.solved)
        ]
        if rows.empty:
            raise KeyError(f"no provincial emissions for {period} in this result")
        wide = rows.pivot_table(index="sample", columns="metric", values="value", aggfunc="first")
        wide.columns = [c[len(prefix) :] for c in wide.columns]
        wide.columns.name = "region"
        return wide

    def summary(self, quantiles: Sequence[float] = QUANTILES) -> pd.DataFrame:
        """Quantiles, mean and count of every scalar output (rows) over the solved samples.

        Parameters
        ----------
        quantiles : sequence of float
            Probabilities, e.g. ``(0.05, 0.5, 0.95)``.

        Returns
        -------
        pandas.DataFrame
            Index: output name; columns ``n``, ``mean``, ``q05`` ... ``q95``.
        """
        outputs = self.outputs()
        table = outputs.quantile(list(quantiles)).T
        table.columns = [f"q{round(q * 100):02d}" for q in quantiles]
        table.insert(0, "mean", outputs.mean())
        table.insert(0, "n", outputs.count())
        table.index.name = "output"
        return table

    def sensitivity(self, output: str = OBJECTIVE, method: str = "rbd_fast") -> pd.DataFrame:
        """Rank the uncertain inputs by their influence on one output.

        ``rbd_fast`` (SALib ``analyze.rbd_fast``; Tarantola et al. 2006, Plischke 2010, with the
        bias correction of Tissot & Prieur 2012) estimates first-order variance-based indices
        S1 from the given sample, so it works on the Latin hypercube the run already solved: no
        design of its own as Sobol' or Morris would need, which would cost several times the
        solves. Its number of harmonics M grows with n (``max(1, min(10, n // 8))``); with few
        samples S1 is noisy and may be slightly negative for uninfluential inputs, so the
        ranking also shows Spearman's rank correlation as a check.

        Parameters
        ----------
        output : str
            A column of :meth:`outputs`, e.g. ``"objective_bn_cny"``, ``"peak_level_mtco2"``,
            ``"cap_price_cny_per_t:2030"``.
        method : {"rbd_fast"}

        Returns
        -------
        pandas.DataFrame
            One row per input, most influential first: ``input``, ``multiplier``, ``entry``,
            ``S1``, ``S1_conf``, ``spearman``, ``rank``.
        """
        from SALib.analyze import rbd_fast

        if method != "rbd_fast":
            raise ValueError(f"sensitivity: method {method!r} not supported; use 'rbd_fast'")
        outputs = self.outputs()
        if output not in outputs.columns:
            import difflib

            close = difflib.get_close_matches(output, list(outputs.columns), n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise KeyError(f"no output {output!r}.{hint} Outputs: {', '.join(outputs.columns)}")
        y = outputs[output].dropna()
        x = self.samples.loc[y.index]
        if len(y) < 8:
            raise ValueError(f"sensitivity needs at least 8 solved samples, got {len(y)}")
        problem = self.distributions.problem()
        harmonics = max(1, min(10, len(y) // 8))
        if float(np.ptp(y.to_numpy())) == 0.0:
            s1 = np.zeros(len(x.columns))
            conf = np.zeros(len(x.columns))
        else:
            # a bootstrap resample with a constant output divides 0 by 0 (its S1_conf ignores it)
            with np.errstate(invalid="ignore", divide="ignore"):
                indices = rbd_fast.analyze(
                    problem,
                    x.to_numpy(float),
                    y.to_numpy(float),
                    M=harmonics,
                    seed=self.seed,
                    num_resamples=100,
                )
            s1, conf = np.asarray(indices["S1"]), np.asarray(indices["S1_conf"])
        spearman = [
            float(x[c].corr(y, method="spearman")) if x[c].nunique() > 1 else np.nan
            for c in x.columns
        ]
        specs = self.distributions.inputs
        table = pd.DataFrame(
            {
                "input": list(x.columns),
                "multiplier": [specs[c].multiplier for c in x.columns],
                "entry": [",".join(specs[c].entries or ["all"]) for c in x.columns],
                "S1": s1,
                "S1_conf": conf,
                "spearman": spearman,
            }
        ).sort_values("S1", ascending=False, kind="stable")
        table["rank"] = np.arange(1, len(table) + 1)
        return table.reset_index(drop=True)

    def plot(self, kind: str = "cost", **kwargs: Any) -> Any:
        """A figure of the run; see :func:`dualcarbon.outputs.uncertainty_plots.plot_uncertainty`
        for the kinds (``cost``, ``peak``, ``provinces``, ``sensitivity``)."""
        from dualcarbon.outputs.uncertainty_plots import plot_uncertainty

        return plot_uncertainty(self, kind, **kwargs)

    def __repr__(self) -> str:
        return (
            f"UncertaintyResult({self.sweep.scenario!r}, n={self.n}, solved={len(self.solved)}, "
            f"inputs={len(self.samples.columns)}, seed={self.seed})"
        )
