"""Containers and shared helpers of the calibration (:mod:`dualcarbon.models.calibration`).

:class:`ModelData` holds every number of one model instance; the constants are the unit
conversions and parameter defaults the calibration and the model's constraint families share.
The helpers reshape the tidy input tables (long to wide, nearest base year, interpolation to the
periods) the same way for every family.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dualcarbon.inputs.scenario import Scenario
from dualcarbon.models.history import History

# one logger for the whole calibration, whichever of its modules speaks (as before the split)
logger = logging.getLogger("dualcarbon.models.calibration")

Region = str
Sector = str
Technology = str
Period = int

#: 1 GW running all year gives 8.76 TWh.
TWH_PER_GW_YEAR = 8.76
#: Money per unit (CNY/t, CNY/kW, CNY/MWh, CNY/tce) times a quantity in Mt, GW, TWh or Mtce gives
#: 1e6 CNY = 1e-3 bn CNY (MODEL.md, "Units").
BN_CNY_PER_CNY_X_MEGA = 1e-3
#: bn CNY -> 10k CNY (1 bn = 1e5 × 10k); tCO2 (or MWh) per 10k CNY × bn CNY = 1e5 t = 0.1 Mt (TWh).
MT_PER_T_PER_10K_CNY_X_BN_CNY = 0.1
#: Lifetime of inter-provincial transmission built by the model, years (salvage only).
#: Source: PyPSA/technology-data@634cdc1a56 outputs/costs_2020.csv, "HVDC overhead" lifetime 40 a
#: (Danish Energy Agency, Technology Data for Energy Transport, datasheet 1.6).
TRANSMISSION_LIFETIME_YEARS = 40.0

INDUSTRY_PARAMETERS: dict[str, float] = {
    # parameter -> default when a row is absent (NaN = "not applicable")
    "is_backward": 0.0,
    "phase_out_year": np.nan,
    "available_from_year": np.nan,
    "lifetime_years": np.nan,
    "fleet_age_years": 0.0,
    "capex_cny_per_t": 0.0,
    "fom_cny_per_t": 0.0,
    "materials_cny_per_t": 0.0,
    "stranded_cost_cny_per_t": 0.0,
    "coal_tce_per_t": 0.0,
    "oil_tce_per_t": 0.0,
    "gas_tce_per_t": 0.0,
    "electricity_mwh_per_t": 0.0,
    "process_co2_t_per_t": 0.0,
    "capture_share": 0.0,
    "value_added_cny_per_t": 0.0,
    "replacement_exempt": 0.0,
    "scrap_t_per_t": 0.0,
    "solid_waste_t_per_t": 0.0,
}
POWER_PARAMETERS: dict[str, float] = {
    "capex_cny_per_kw": 0.0,
    "fom_cny_per_kw_yr": 0.0,
    "vom_cny_per_mwh": 0.0,
    "heat_rate_tce_per_mwh": 0.0,
    "emission_factor_tco2_per_mwh": 0.0,
    "lifetime_years": np.nan,
    "fleet_age_years": 0.0,
    "capacity_credit": 0.0,
    "is_renewable": 0.0,
}
FUELS = ("coal", "oil", "gas")
#: circular resource -> the sector whose secondary route uses it (C21)
SECONDARY_RESOURCES = {"steel_scrap": "steel", "recycled_aluminium": "aluminium"}
NATIONAL = "China"


@dataclass
class ModelData:
    """All numbers of one model instance, as pandas objects keyed by the model's index tuples.

    Series are indexed by MultiIndexes whose level names are the model's index names
    (``region``, ``sector``, ``technology``, ``period`` ...); the builder turns them into
    Pyomo parameter dictionaries with ``Series.to_dict()``.
    """

    base_year: int
    periods: list[int]
    prev: dict[int, int]
    delta_years: dict[int, int]
    df: dict[int, float]
    af: dict[int, float]
    regions: list[str]
    key_regions: list[str]
    sectors: list[str]
    fuels: pd.DataFrame  # index fuel: emission_factor_tco2_per_tce, price_cny_per_tce
    industry_tech: pd.DataFrame  # index (sector, technology): parameters + ei_tco2_per_t
    rsk: pd.DataFrame  # index (region, sector, technology): x0_mt, q0_mt, is_new, is_existing
    alpha: pd.Series  # (region, sector, technology, period)
    max_utilisation: pd.Series  # sector
    national_ceiling_mt: pd.Series  # sector (only sectors with a ceiling)
    no_increase_in_key_regions: list[str]
    demand_mt: pd.Series  # (sector, period)
    replacement_ratio: pd.DataFrame  # index (region, sector): rho_in, rho_x
    transfers: list[tuple[str, str, str]]  # (from_region, to_region, sector) allowed
    sector_base_mtco2: pd.Series  # (region, sector): E0[r,s], base-year modelled emissions
    transfer_base_mtco2: pd.Series  # (region, sector): C17 base, E0 on the last observed geography
    demand_index: pd.Series  # (sector, period): D[s,p] / D[s,y0] (C17), over G[s] with history
    sector_base_electricity_twh: pd.Series  # (region, sector): base-year electricity use (leakage)
    efx0_tco2_per_mwh: pd.Series  # region: base-year average generation intensity (EFX start)
    power_tech: pd.DataFrame  # index technology
    rg: (
        pd.DataFrame
    )  # index (region, technology): g0_gw, gen0_twh, cf, potential_gw, build_gw_per_yr
    beta: pd.Series  # (region, technology, period)
    corridors: (
        pd.DataFrame
    )  # index (from_region, to_region): t0_gw, loss_share, max_utilisation, capex
    measures: pd.DataFrame  # index measure: sector, carrier, max_share, cost, lifetime_years
    rm: list[tuple[str, str]]  # (region, measure)
    el_other_twh: pd.Series  # (region, period)
    va_other_bn_cny: pd.Series  # (region, period)
    gdp_nonind_bn_cny: pd.Series  # (region, period)
    va_ind0_bn_cny: pd.Series  # region
    gdp0_bn_cny: pd.Series  # region
    e_other_mtco2: pd.Series  # (region, period)
    calibration: pd.DataFrame  # index region (see calibration_report)
    emis0_prod_mtco2: pd.Series  # region (inventory)
    emis0_cons_mtco2: pd.Series  # region
    carbon_price: dict[int, float]
    cbam_price: dict[int, float]
    cbam_exposed_share: pd.Series  # (sector, period): export_share · (1 − free allocation)
    domestic_floor_share: pd.Series  # (sector, period)
    industry_va_share_floor: dict[int, float]
    secondary_resource_mt: pd.Series  # (region|China, sector, period)
    solid_waste_mt: pd.Series  # (region, period)
    reserve_margin: float
    load_factor: float
    count_scheduled_retirements: bool
    history: History | None = None
    inventory_year: int | None = None  # year of the base inventory (CEADs: 2019 for a 2020 base)
    intensity_targets: pd.Series | None = None  # (region, period): C16 caps, tCO2 per 10k CNY
    climbing_allowance: pd.Series | None = None  # region: C18 a_r from the data
    emerging: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- helpers


def _wide(table: pd.DataFrame, keys: list[str], defaults: dict[str, float]) -> pd.DataFrame:
    """Pivot a long ``(keys..., parameter, value)`` table to one column per parameter."""
    wide = table.pivot_table(index=keys, columns="parameter", values="value", aggfunc="first")
    wide.columns.name = None
    for name, default in defaults.items():
        if name not in wide.columns:
            wide[name] = default
        elif not math.isnan(default):
            wide[name] = wide[name].fillna(default)
    return wide


def _year_nearest(table: pd.DataFrame, year: int, what: str, notes: list[str]) -> pd.DataFrame:
    """Rows of the latest year ≤ ``year`` (else the earliest after it); the choice is logged."""
    years = sorted(table["year"].dropna().unique())
    if not years:
        return table
    earlier = [y for y in years if y <= year]
    chosen = int(earlier[-1] if earlier else years[0])
    if chosen != year:
        message = f"{what}: no {year} rows, using {chosen} as base-year values"
        logger.info(message)
        notes.append(message)
    return table[table["year"] == chosen]


def _project(
    table: pd.DataFrame, keys: list[str], value: str, years: list[int], fill: float | None = None
) -> pd.Series:
    """Values per key at ``years``: linear between table years, flat (or ``fill``) outside."""
    if table.empty:
        index = pd.MultiIndex.from_tuples([], names=[*keys, "period"])
        return pd.Series([], index=index, dtype=float)
    wide = table.pivot_table(index=keys, columns="year", values=value, aggfunc="first")
    all_years = sorted(set(wide.columns) | set(years))
    wide = wide.reindex(columns=all_years).astype(float)
    inside = wide.T.interpolate(method="index", limit_area="inside").T
    if fill is None:
        inside = inside.T.ffill().bfill().T
    else:
        inside = inside.fillna(fill)
    out = inside[years].stack()
    out.index = out.index.set_names([*keys, "period"])
    return out.astype(float)


def _discounting(base_year: int, periods: list[int], rate: float) -> tuple[dict, dict, dict, dict]:
    prev = dict(zip(periods, [base_year, *periods[:-1]], strict=True))
    delta = {p: p - prev[p] for p in periods}
    df = {p: (1 + rate) ** -(p - base_year) for p in periods}
    af = {
        p: float(sum((1 + rate) ** -(t - base_year) for t in range(prev[p] + 1, p + 1)))
        for p in periods
    }
    return prev, delta, df, af


def _warn(notes: list[str], message: str) -> None:
    logger.warning(message)
    notes.append(message)


def _optional(scenario: Scenario, name: str, columns: list[str]) -> pd.DataFrame:
    table = scenario.tables.get(name)
    return pd.DataFrame(columns=columns) if table is None else table


# --------------------------------------------------------------------------- main entry


def _outer(regions: list[str], by_period: pd.Series) -> pd.Series:
    """A (region, period) Series repeating one per-period factor for every region."""
    index = pd.MultiIndex.from_product([regions, list(by_period.index)], names=["region", "period"])
    return pd.Series(np.tile(by_period.to_numpy(dtype=float), len(regions)), index=index)


def _series_at(values: dict[int, float], periods: list[int], fill: float) -> dict[int, float]:
    """Per-period values of a ``{year: value}`` path: linear between years, flat outside."""
    if not values:
        return dict.fromkeys(periods, fill)
    years = sorted(values)
    return {p: float(np.interp(p, years, [values[y] for y in years])) for p in periods}
