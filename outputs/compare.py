"""``dualcarbon.compare``: differences between results, by region and period."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import pandas as pd

from dualcarbon.outputs.units import unit_of


class Result(Protocol):
    """What a comparison reads of a result (structural, so ``outputs`` imports nothing of
    ``solvers``): :class:`dualcarbon.solvers.result.Result` fits."""

    scenario: str
    objective_bn_cny: float | None
    tables: dict[str, pd.DataFrame]

    def _require_plan(self, action: str) -> None: ...


#: (table, value column, detail column or None) compared by default.
COMPARED: tuple[tuple[str, str, str | None], ...] = (
    ("emissions", "production_mtco2", None),
    ("emissions", "consumption_mtco2", None),
    ("economy", "gdp_bn_cny", None),
    ("economy", "va_industry_bn_cny", None),
    ("economy", "carbon_intensity_t_per_10k_cny", None),
    ("leakage", "leakage_mtco2", None),
    ("industry", "capacity_mt", "sector"),
    ("industry", "production_mt", "sector"),
    ("power", "capacity_gw", "technology"),
    ("power", "generation_twh", "technology"),
)

_KEYS = ["region", "period", "variable", "detail"]


def _long(result: Result) -> pd.DataFrame:
    """The compared columns of one result as one long frame (keys + ``value``)."""
    frames = []
    for table, column, detail in COMPARED:
        frame = result.tables.get(table)
        if frame is None or column not in frame.columns:
            continue
        keys = ["region", "period"] + ([detail] if detail else [])
        summed = frame.groupby(keys, as_index=False)[column].sum()
        summed = summed.rename(columns={column: "value", **({detail: "detail"} if detail else {})})
        if not detail:
            summed["detail"] = ""
        summed["variable"] = column
        frames.append(summed[_KEYS + ["value"]])
    return pd.concat(frames, ignore_index=True)


@dataclass
class Comparison:
    """Differences of one or more results against a reference.

    Attributes
    ----------
    table : pandas.DataFrame
        Columns ``scenario``, ``reference``, ``region``, ``period``, ``variable`` (a result column,
        units in its name), ``detail`` (sector or technology, ``""`` for totals), ``value``,
        ``reference_value``, ``difference`` (value − reference_value).
    objectives : pandas.DataFrame
        ``scenario``, ``objective_bn_cny`` and the difference to the reference.
    """

    table: pd.DataFrame
    objectives: pd.DataFrame

    def summary(self) -> str:
        """National totals of the differences, one line per scenario and variable of interest."""
        lines = []
        for row in self.objectives.itertuples():
            lines.append(
                f"{row.scenario} vs {row.reference}: cost {row.objective_bn_cny:,.1f} bn CNY "
                f"({row.difference_bn_cny:+,.1f})"
            )
        totals = (
            self.table[self.table["detail"] == ""]
            .query("variable in ['production_mtco2', 'consumption_mtco2', 'leakage_mtco2']")
            .groupby(["scenario", "variable", "period"], as_index=False)["difference"]
            .sum()
        )
        for (scenario, variable), group in totals.groupby(["scenario", "variable"]):
            values = ", ".join(
                f"{int(p)}: {d:+,.1f}"
                for p, d in zip(group["period"], group["difference"], strict=True)
            )
            lines.append(f"  {scenario} {variable} difference by year: {values}")
        return "\n".join(lines)

    def regional(
        self,
        variable: str,
        period: int | None = None,
        detail: str = "",
        scenario: str | None = None,
    ) -> pd.DataFrame:
        """Differences of one variable by region (``region``, ``period``, ``difference``)."""
        frame = self.table[(self.table["variable"] == variable) & (self.table["detail"] == detail)]
        if frame.empty:
            raise KeyError(
                f"no compared variable {variable!r} (detail {detail!r}); variables: "
                f"{sorted(self.table['variable'].unique())}"
            )
        scenario = scenario or frame["scenario"].iloc[0]
        frame = frame[frame["scenario"] == scenario]
        period = int(frame["period"].max()) if period is None else period
        return frame[frame["period"] == period][
            ["region", "period", "value", "reference_value", "difference"]
        ]

    def plot_map(
        self,
        variable: str = "production_mtco2",
        period: int | None = None,
        *,
        detail: str = "",
        scenario: str | None = None,
        **kwargs: Any,
    ):
        """A difference map (diverging colours centred on zero) of one variable and year.

        Returns
        -------
        matplotlib.figure.Figure
        """
        from dualcarbon.outputs.maps import plot_difference_map

        data = self.regional(variable, period, detail, scenario)
        shown = int(data["period"].iloc[0]) if len(data) else period
        title = kwargs.pop("title", f"Δ {variable}{f' ({detail})' if detail else ''} {shown}")
        return plot_difference_map(
            data, None, "difference", title=title, unit=unit_of(variable), **kwargs
        )


def compare(reference: Result, *others: Result) -> Comparison:
    """Compare results against a reference, by region, period and variable.

    Parameters
    ----------
    reference : Result
        The baseline plan.
    *others : Result
        One or more plans to compare with it.

    Returns
    -------
    Comparison
        ``.table`` (tidy differences), ``.summary()``, ``.plot_map(variable, period)``.

    Examples
    --------
    >>> comparison = dc.compare(strict, leaky)  # doctest: +SKIP
    >>> comparison.plot_map("production_mtco2", 2030)  # doctest: +SKIP
    """
    if not others:
        raise ValueError("compare needs a reference and at least one other result")
    for result in (reference, *others):
        result._require_plan("compare")
    base = _long(reference).rename(columns={"value": "reference_value"})
    frames, objectives = [], []
    for index, other in enumerate(others):
        name = (
            other.scenario
            if other.scenario != reference.scenario
            else f"{other.scenario}#{index + 1}"
        )
        merged = (
            _long(other)
            .merge(base, on=_KEYS, how="outer")
            .fillna({"value": 0.0, "reference_value": 0.0})
        )
        merged["difference"] = merged["value"] - merged["reference_value"]
        merged.insert(0, "reference", reference.scenario)
        merged.insert(0, "scenario", name)
        frames.append(merged)
        objectives.append(
            {
                "scenario": name,
                "reference": reference.scenario,
                "objective_bn_cny": other.objective_bn_cny,
                "difference_bn_cny": other.objective_bn_cny - reference.objective_bn_cny,
            }
        )
    table = pd.concat(frames, ignore_index=True)[
        ["scenario", "reference", *_KEYS, "value", "reference_value", "difference"]
    ]
    return Comparison(table=table, objectives=pd.DataFrame(objectives))
