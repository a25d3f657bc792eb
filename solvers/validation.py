"""Validation of a plan against observed statistics and published pathways (the ``validation`` table).

A planner judges a plan first by its first period and by whether it sits among published
pathways. This module reads the plan's tidy result tables and the shipped reference tables
``national_statistics`` and ``published_pathways`` and says, indicator by indicator, where the plan
stands:

* ``first_period``: the first period against the latest statistic published for a year up to it
  (the first period's own year where it exists, at most three years older), within ±8 %;
* ``pathway``: a milestone year against the envelope of the published pathways for that indicator
  and year (the lowest low to the highest high across studies).

It is pure pandas on result tables: it never touches the solver.
"""

from __future__ import annotations

import pandas as pd

#: Relative band around a statistic that the first period should fall in.
FIRST_PERIOD_BAND = 0.08
#: A statistic older than this before the first period says little about it (clinker output was
#: last published for 2020 while cement fell by a quarter): such indicators are left unchecked.
MAX_STATISTIC_AGE_YEARS = 3

#: Technologies counted as electric-arc steel and as recycled aluminium (shipped identifiers).
EAF_TECHNOLOGIES = ("scrap_eaf", "h2_dri_eaf")
RECYCLED_ALUMINIUM = ("secondary_aluminium",)

#: plan indicator -> statistics that measure it, in order of preference on equal years
STATISTICS: dict[str, tuple[str, ...]] = {
    "co2_mt": ("co2_total_mt", "co2_total_crea_mt"),
    "coal_generation_twh": ("coal_generation_twh", "coal_generation_cec_derived_twh"),
    "gas_generation_twh": ("gas_generation_cec_derived_twh",),
    "thermal_generation_twh": ("thermal_generation_cec_derived_twh", "thermal_generation_twh"),
    "nuclear_gw": ("nuclear_gw",),
    "wind_gw": ("wind_gw",),
    "solar_gw": ("solar_gw",),
    "wind_solar_gw": ("wind_solar_gw",),
    "wind_solar_share_generation": ("wind_solar_share_generation",),
    "crude_steel_mt": ("crude_steel_mt",),
    "eaf_share": ("eaf_share",),
    "primary_aluminium_mt": ("primary_aluminium_mt",),
    "recycled_aluminium_mt": ("recycled_aluminium_mt",),
    "clinker_mt": ("clinker_mt",),
    "flat_glass_mt": ("flat_glass_mt",),
    "electricity_consumption_twh": ("electricity_consumption_twh",),
    "net_interprovincial_exports_twh": ("net_interprovincial_exports_twh",),
}
#: pathway indicator names that mean a plan indicator (studies write CO2 both ways)
PATHWAY_ALIASES = {"co2_total_mt": "co2_mt"}

UNITS = {
    "co2_mt": "MtCO2",
    "co2_peak_mt": "MtCO2",
    "co2_peak_year": "year",
    "co2_vs_2020_share": "share of base year",
    "coal_generation_twh": "TWh",
    "coal_share_generation": "share",
    "gas_generation_twh": "TWh",
    "thermal_generation_twh": "TWh",
    "nuclear_gw": "GW",
    "wind_gw": "GW",
    "solar_gw": "GW",
    "wind_solar_gw": "GW",
    "wind_solar_share_generation": "share",
    "crude_steel_mt": "Mt",
    "eaf_share": "share",
    "primary_aluminium_mt": "Mt",
    "recycled_aluminium_mt": "Mt",
    "clinker_mt": "Mt",
    "flat_glass_mt": "Mt",
    "electricity_consumption_twh": "TWh",
    "net_interprovincial_exports_twh": "TWh",
}

COLUMNS = [
    "check",
    "indicator",
    "period",
    "plan_value",
    "reference_low",
    "reference_high",
    "unit",
    "within",
    "deviation_pct",
    "reference",
    "source",
]


def plan_indicators(tables: dict[str, pd.DataFrame], base_emissions_mt: float) -> pd.DataFrame:
    """National indicators of a plan per period (long: ``indicator``, ``period``, ``value``).

    Parameters
    ----------
    tables : dict of DataFrame
        Result tables (``national``, ``power``, ``industry``, ``electricity``).
    base_emissions_mt : float
        Base-year national emissions of the model (for ``co2_vs_2020_share``).
    """
    national = tables["national"].set_index("period")
    power = tables["power"]
    industry = tables["industry"]
    cap = power.pivot_table(
        index="period", columns="technology", values="capacity_gw", aggfunc="sum"
    )
    gen = power.pivot_table(
        index="period", columns="technology", values="generation_twh", aggfunc="sum"
    )
    out = pd.DataFrame(index=national.index)
    out["co2_mt"] = national["emissions_mtco2"]
    out["co2_vs_2020_share"] = national["emissions_mtco2"] / base_emissions_mt
    out["coal_generation_twh"] = gen.get("coal", 0.0)
    out["coal_share_generation"] = gen.get("coal", 0.0) / gen.sum(axis=1)
    out["gas_generation_twh"] = gen.get("gas", 0.0)
    # the plan's coal is all non-gas thermal (CEC thermal − gas): thermal compares like for like
    out["thermal_generation_twh"] = out["coal_generation_twh"] + out["gas_generation_twh"]
    out["nuclear_gw"] = cap.get("nuclear", 0.0)
    out["wind_gw"] = cap.get("onshore_wind", 0.0) + cap.get("offshore_wind", 0.0)
    out["solar_gw"] = cap.get("solar_pv", 0.0)
    out["wind_solar_gw"] = out["wind_gw"] + out["solar_gw"]
    variable = sum(gen.get(g, 0.0) for g in ("onshore_wind", "offshore_wind", "solar_pv"))
    out["wind_solar_share_generation"] = variable / gen.sum(axis=1)
    made = industry.groupby(["period", "sector", "technology"])["production_mt"].sum()

    def sector(s: str, techs: tuple[str, ...] | None = None, exclude: bool = False) -> pd.Series:
        rows = made.xs(s, level="sector") if s in made.index.get_level_values("sector") else None
        if rows is None:
            return pd.Series(0.0, index=out.index)
        if techs is not None:
            keep = rows.index.get_level_values("technology").isin(techs)
            rows = rows[~keep] if exclude else rows[keep]
        return rows.groupby(level="period").sum().reindex(out.index).fillna(0.0)

    out["crude_steel_mt"] = sector("steel")
    out["eaf_share"] = sector("steel", EAF_TECHNOLOGIES) / out["crude_steel_mt"]
    out["primary_aluminium_mt"] = sector("aluminium", RECYCLED_ALUMINIUM, exclude=True)
    out["recycled_aluminium_mt"] = sector("aluminium", RECYCLED_ALUMINIUM)
    out["clinker_mt"] = sector("cement")
    out["flat_glass_mt"] = sector("flat_glass")
    if "electricity" in tables:
        electricity = tables["electricity"]
        out["electricity_consumption_twh"] = electricity.groupby("period")["demand_twh"].sum()
        # as the statistic: what exporting provinces generate beyond their own consumption
        surplus = (electricity["generation_twh"] - electricity["demand_twh"]).clip(lower=0.0)
        out["net_interprovincial_exports_twh"] = surplus.groupby(electricity["period"]).sum()
    long = out.rename_axis("period").reset_index().melt("period", var_name="indicator")
    peak_period = int(national["emissions_mtco2"].idxmax())
    peaks = pd.DataFrame(
        {
            "period": [peak_period, peak_period],
            "indicator": ["co2_peak_year", "co2_peak_mt"],
            "value": [float(peak_period), float(national["emissions_mtco2"].max())],
        }
    )
    return pd.concat([long, peaks], ignore_index=True)[["indicator", "period", "value"]]


def validation_table(
    tables: dict[str, pd.DataFrame],
    statistics: pd.DataFrame | None,
    pathways: pd.DataFrame | None,
    base_emissions_mt: float,
    inventory_year: int | None = None,
) -> pd.DataFrame:
    """The ``validation`` result table (see the module docstring).

    Returns
    -------
    pandas.DataFrame
        Columns ``check`` (``first_period`` | ``pathway``), ``indicator``, ``period``,
        ``plan_value``, ``reference_low``, ``reference_high``, ``unit``, ``within`` (bool),
        ``deviation_pct`` (plan vs the statistic, or vs the nearer edge of the envelope; 0 inside),
        ``reference`` (statistic and year, or the pathways) and ``source``.

    National CO2 statistics are put on the model's inventory boundary (the sum of the provincial
    inventories, whose national total differs from national estimates by a few per cent) by the
    ratio of the two in the inventory year, when the statistic has that year: comparing a
    provincial-sum plan with a national estimate unharmonised would measure the boundary, not
    the plan. The factor is written in ``reference``.
    """
    plan = plan_indicators(tables, base_emissions_mt)
    value = plan.set_index(["indicator", "period"])["value"]
    periods = sorted(plan["period"].unique())
    first = int(periods[0])
    rows: list[dict] = []
    if statistics is not None and not statistics.empty:
        for indicator, names in STATISTICS.items():
            if (indicator, first) not in value.index:
                continue
            found = statistics[
                statistics["indicator"].isin(names)
                & (statistics["year"] <= first)
                & (statistics["year"] >= first - MAX_STATISTIC_AGE_YEARS)
            ]
            if found.empty:
                continue
            rank = found["indicator"].map({n: i for i, n in enumerate(names)})
            best = found.assign(rank=rank).sort_values(["year", "rank"], ascending=[False, True])
            stat = best.iloc[0]
            plan_value = float(value[indicator, first])
            reference = f"{stat['indicator']} {int(stat['year'])}: {stat['value']:,.4g}"
            target = float(stat["value"])
            overlap = statistics[
                (statistics["indicator"] == stat["indicator"])
                & (statistics["year"] == inventory_year)
            ]
            if indicator == "co2_mt" and not overlap.empty:
                factor = base_emissions_mt / float(overlap["value"].iloc[0])
                target *= factor
                reference += (
                    f", x {factor:.3f} to the provincial-inventory boundary "
                    f"({inventory_year}: {base_emissions_mt:,.0f} vs {overlap['value'].iloc[0]:,.0f})"
                )
            low = target * (1 - FIRST_PERIOD_BAND)
            high = target * (1 + FIRST_PERIOD_BAND)
            rows.append(
                {
                    "check": "first_period",
                    "indicator": indicator,
                    "period": first,
                    "plan_value": plan_value,
                    "reference_low": low,
                    "reference_high": high,
                    "unit": UNITS.get(indicator, ""),
                    "within": bool(low <= plan_value <= high),
                    "deviation_pct": 100 * (plan_value / target - 1),
                    "reference": reference,
                    "source": str(stat.get("source", "")),
                }
            )
    if pathways is not None and not pathways.empty:
        refs = pathways.assign(indicator=pathways["indicator"].replace(PATHWAY_ALIASES))
        for (indicator, year), group in refs.groupby(["indicator", "year"]):
            period = year if indicator != "co2_peak_year" else None
            if indicator in ("co2_peak_year", "co2_peak_mt"):
                key = plan[plan["indicator"] == indicator]
                if key.empty:
                    continue
                plan_value, period = float(key["value"].iloc[0]), int(key["period"].iloc[0])
            elif (indicator, int(year)) in value.index:
                plan_value = float(value[indicator, int(year)])
            else:
                continue
            low, high = float(group["low"].min()), float(group["high"].max())
            inside = low <= plan_value <= high
            edge = low if plan_value < low else high
            rows.append(
                {
                    "check": "pathway",
                    "indicator": indicator,
                    "period": int(period),
                    "plan_value": plan_value,
                    "reference_low": low,
                    "reference_high": high,
                    "unit": UNITS.get(indicator, str(group["unit"].iloc[0])),
                    "within": bool(inside),
                    "deviation_pct": 0.0 if inside or edge == 0 else 100 * (plan_value / edge - 1),
                    "reference": "; ".join(sorted(set(group["pathway"]))) + f" ({int(year)})",
                    "source": " | ".join(sorted(set(group["source"].astype(str)))),
                }
            )
    return pd.DataFrame(rows, columns=COLUMNS)
