"""What a sweep records per case: built-in metrics of a :class:`~dualcarbon.solvers.result.Result`.

A metric is a function of a case's ``Result`` returning a number, a Series by period, or None (not
available in this result); a metric family returns several named metrics as rows. Metrics read the
result's tables, which a sweep case extracts on demand (only what its metrics read).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd

logger = logging.getLogger(__name__)

MetricFunction = Callable[[Any], "float | pd.Series | None"]


def _frame(metric: str, values: pd.Series | float | None) -> pd.DataFrame:
    """A metric as rows (metric, period, value); a scalar gets period ``<NA>``."""
    if values is None:
        return pd.DataFrame(
            {"metric": [metric], "period": pd.array([None], dtype="Int64"), "value": [math.nan]}
        )
    if isinstance(values, pd.Series):
        return pd.DataFrame(
            {
                "metric": metric,
                "period": pd.array(values.index.to_numpy(), dtype="Int64"),
                "value": values.to_numpy(dtype=float),
            }
        )
    return pd.DataFrame(
        {"metric": [metric], "period": pd.array([None], dtype="Int64"), "value": [float(values)]}
    )


def _national(result: Any, column: str) -> pd.Series | None:
    national = result.tables.get("national")
    if national is None or column not in national.columns:
        return None
    return national.groupby("period")[column].sum(min_count=1)


def metric_objective(result: Any) -> float | None:
    """Total discounted system cost, bn CNY (present value)."""
    return result.objective_bn_cny


def metric_national_emissions(result: Any) -> pd.Series | None:
    """National production-based emissions per period, MtCO2/yr (table ``national``)."""
    return _national(result, "emissions_mtco2")


def metric_cap_price(result: Any) -> pd.Series | None:
    """Shadow price of the national cap (C16) per period, CNY/tCO2 (table ``national``)."""
    return _national(result, "cap_shadow_price_cny_per_t")


def metric_leakage(result: Any) -> pd.Series | None:
    """Carbon transfer (sum of leak[r,s,p] over regions and sectors) per period, MtCO2/yr."""
    leakage = result.tables.get("leakage")
    if leakage is None or "leakage_mtco2" not in leakage.columns:
        return None
    return leakage.groupby("period")["leakage_mtco2"].sum()


def metric_total_leakage(result: Any) -> float | None:
    """Carbon transfer summed over regions, sectors and periods, MtCO2 (MtCO2/yr summed over milestones)."""
    leakage = result.tables.get("leakage")
    if leakage is None or "leakage_mtco2" not in leakage.columns:
        return None
    return float(leakage["leakage_mtco2"].sum())


def cost_frame(result: Any) -> pd.DataFrame | None:
    """Present-value cost by kind and period, as metric rows ``cost_<kind>_bn_cny``.

    The ``costs`` table holds one cost kind and period per row; its kind column is the one text
    column and its value the one ``*_bn_cny`` column.
    """
    costs = result.tables.get("costs")
    if costs is None or costs.empty:
        return None
    value_columns = [c for c in costs.columns if c.endswith("_bn_cny")]
    kind_columns = [
        c
        for c in costs.columns
        if c not in value_columns and c != "period" and not pd.api.types.is_numeric_dtype(costs[c])
    ]
    if len(value_columns) != 1 or len(kind_columns) != 1:
        logger.warning(
            "costs table has unexpected columns %s; cost metrics skipped", list(costs.columns)
        )
        return None
    kind, value = kind_columns[0], value_columns[0]
    has_period = "period" in costs.columns
    grouped = costs.groupby([kind, "period"] if has_period else [kind], as_index=False)[value].sum()
    return pd.DataFrame(
        {
            "metric": "cost_" + grouped[kind].astype(str) + "_bn_cny",
            "period": pd.array(
                grouped["period"] if has_period else [None] * len(grouped), dtype="Int64"
            ),
            "value": grouped[value].to_numpy(dtype=float),
        }
    )


#: Built-in metrics: name -> function of a :class:`~dualcarbon.solvers.result.Result`. A function
#: returns a number (one row, no period), a Series indexed by period, or None (not available).
METRICS: dict[str, MetricFunction] = {
    "objective_bn_cny": metric_objective,
    "national_emissions_mtco2": metric_national_emissions,
    "cap_price_cny_per_t": metric_cap_price,
    "leakage_mtco2": metric_leakage,
    "total_leakage_mtco2": metric_total_leakage,
}

#: Metric families that yield several metric names (one per kind); part of the default set.
METRIC_FAMILIES: dict[str, Callable[[Any], pd.DataFrame | None]] = {"cost_by_kind": cost_frame}

DEFAULT_METRICS: tuple[str, ...] = (*METRICS, *METRIC_FAMILIES)


def resolve_metrics(
    metrics: Sequence[str | MetricFunction] | Mapping[str, MetricFunction] | None,
) -> dict[str, MetricFunction | str]:
    """Normalise the ``metrics`` argument of :func:`dualcarbon.sweep` to ``{name: spec}``.

    A spec is a built-in name (resolved where the case runs) or a callable taking a ``Result``.
    ``objective_bn_cny`` is always included: every case needs one row, even a failed one.
    """
    if metrics is None:
        resolved: dict[str, MetricFunction | str] = {name: name for name in DEFAULT_METRICS}
    elif isinstance(metrics, Mapping):
        resolved = dict(metrics)
    else:
        resolved = {}
        for item in metrics:
            if isinstance(item, str):
                resolved[item] = item
            elif callable(item):
                resolved[getattr(item, "__name__", repr(item))] = item
            else:
                raise TypeError(f"metrics: expected names or callables, got {item!r}")
    for name, spec in resolved.items():
        if isinstance(spec, str) and spec not in METRICS and spec not in METRIC_FAMILIES:
            import difflib

            close = difflib.get_close_matches(spec, DEFAULT_METRICS, n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise ValueError(
                f"unknown metric {name!r}.{hint} Built-in metrics: {', '.join(DEFAULT_METRICS)}"
            )
    return {"objective_bn_cny": "objective_bn_cny", **resolved}


def compute_metrics(result: Any, metrics: Mapping[str, MetricFunction | str]) -> pd.DataFrame:
    """Evaluate the metrics of one case on its ``Result`` as rows (metric, period, value).

    A non-optimal result has no tables: it yields one ``objective_bn_cny`` row with value NaN so
    the case stays visible in every table.
    """
    if not result.is_optimal:
        return _frame("objective_bn_cny", None)
    frames = []
    for name, spec in metrics.items():
        if isinstance(spec, str) and spec in METRIC_FAMILIES:
            frame = METRIC_FAMILIES[spec](result)
            if frame is not None:
                frames.append(frame)
            continue
        function = METRICS[spec] if isinstance(spec, str) else spec
        value = function(result)
        if value is None:
            logger.debug("metric %s not available in this result", name)
            continue
        frames.append(_frame(name, value))
    return pd.concat(frames, ignore_index=True)
