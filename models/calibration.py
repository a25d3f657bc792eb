"""Numeric parameters of the planning LP, derived in bulk from the tidy input tables.

Everything the model needs that is not a decision is computed here with pandas, once, before a
single Pyomo component exists: survival shares α/β, the base-year production split by technology,
the sector emission shares θ[r,s] (C17), the exogenous remainders (E_other, D_el_other, VA_other,
GDP_nonind) and the discount factors DF_p / AF_p (MODEL.md, "Sets" and "Derived expressions").

The calibration identity (checked by :func:`base_year_emissions`): at base-year values
(q = base production split by technology, gen = base generation, w = sav = f = 0) the model's
emission expression of every region equals its inventory ``total``, because
``E_other[r, y0] = inventory − modelled industry − modelled power``.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dualcarbon.inputs.scenario import Scenario
from dualcarbon.models.history import (
    History,
    national_observations,
    national_route_output,
    power_history,
    shares_at,
    split_by_route,
)
from dualcarbon.models.targets import (
    OTHER_COMPONENTS,
    boundary_factors,
    climbing_allowances,
    intensity_targets,
    other_emissions,
)

logger = logging.getLogger(__name__)

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
    sector_base_mtco2: pd.Series  # (region, sector): E0[r,s], base-year modelled emissions (C17)
    demand_index: pd.Series  # (sector, period): D[s,p] / D[s,y0] (C17)
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


def _survival(
    keys: pd.DataFrame, life: pd.Series, age: pd.Series, base_year: int, periods: list[int]
) -> pd.Series:
    """Linear survival share of base-year stock: the fleet retires in a straight line over its
    mean remaining life (lifetime − mean age). assumption: uniform retirement over the remaining
    life, as no vintage data exist for every province."""
    remaining = (life - age).clip(lower=1.0).to_numpy()
    delta = np.asarray(periods, dtype=float) - base_year
    share = np.clip(1.0 - delta[None, :] / remaining[:, None], 0.0, 1.0)
    frame = pd.DataFrame(share, index=keys.index, columns=periods)
    out = frame.stack()
    out.index = out.index.set_names([*keys.index.names, "period"])
    return out


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


def prepare(scenario: Scenario) -> ModelData:
    """Derive every numeric parameter of the LP from ``scenario`` (pure pandas, no Pyomo).

    Parameters
    ----------
    scenario : Scenario
        Configuration plus tidy tables (``docs/tables.md``) and ``regions``.

    Returns
    -------
    ModelData
    """
    cfg = scenario.config
    notes: list[str] = []
    y0, periods = cfg.base_year, list(cfg.periods)
    prev, delta, df, af = _discounting(y0, periods, cfg.discount_rate)

    # ---- regions and sectors in scope
    registry = scenario.table("regions")
    regions = list(registry["region"])
    if cfg.regions is not None:
        unknown = sorted(set(cfg.regions) - set(regions))
        if unknown:
            raise ValueError(f"config.regions: {unknown} not in the regions table")
        regions = [r for r in regions if r in set(cfg.regions)]
    if cfg.replacement.key_regions is not None:
        key_regions = [r for r in regions if r in set(cfg.replacement.key_regions)]
    else:
        flags = registry.set_index("region")["key_region"].astype(bool)
        key_regions = [r for r in regions if flags.get(r, False)]

    sector_table = scenario.table("industry_sectors")
    sectors = sorted(sector_table["sector"].unique())
    if cfg.sectors is not None:
        sectors = [s for s in sectors if s in set(cfg.sectors)]
    in_r = set(regions)
    in_s = set(sectors)

    # ---- fuels
    fuels = scenario.table("fuels").set_index("fuel")[
        ["emission_factor_tco2_per_tce", "price_cny_per_tce"]
    ]
    ef = fuels["emission_factor_tco2_per_tce"].reindex(list(FUELS)).fillna(0.0)

    # ---- industry technologies: ei_k = (Σ_c fuel·ef_c + process)·(1 − capture)
    tech_long = scenario.table("industry_technologies")
    tech = _wide(
        tech_long[tech_long["sector"].isin(in_s)], ["sector", "technology"], INDUSTRY_PARAMETERS
    )
    if tech["lifetime_years"].isna().any():
        missing = list(tech.index[tech["lifetime_years"].isna()])
        raise ValueError(f"industry_technologies: lifetime_years missing for {missing}")
    fuel_co2 = sum(tech[f"{c}_tce_per_t"] * ef[c] for c in FUELS)
    tech["ei_tco2_per_t"] = (fuel_co2 + tech["process_co2_t_per_t"]) * (1 - tech["capture_share"])
    tech["is_backward"] = tech["is_backward"].astype(bool)

    # ---- sparse (r, s, k): existing rows, plus every non-backward technology of a sector in a
    # region that already hosts the sector (assumption: no greenfield sector entry into a province).
    cap = scenario.table("industry_capacity")
    cap = cap[cap["region"].isin(in_r) & cap["sector"].isin(in_s)]
    cap = cap.groupby(["region", "sector", "technology"], as_index=True)["capacity_mt"].sum()
    unknown_tech = cap.index.droplevel("region").difference(tech.index)
    if len(unknown_tech):
        raise ValueError(f"industry_capacity: technologies without parameters {list(unknown_tech)}")
    rs = cap.index.droplevel("technology").unique().to_frame(index=False)
    new_tech = tech.index[~tech["is_backward"]].to_frame(index=False)
    rsk_new = rs.merge(new_tech, on="sector")
    rsk_index = pd.MultiIndex.from_frame(
        pd.concat([cap.index.to_frame(index=False), rsk_new]).drop_duplicates()
    ).sort_values()
    rsk = pd.DataFrame(index=rsk_index)
    rsk["x0_mt"] = cap.reindex(rsk_index).fillna(0.0)
    rsk["is_existing"] = rsk["x0_mt"] > 0
    backward = tech["is_backward"].reindex(rsk_index.droplevel("region")).to_numpy()
    rsk["is_new"] = ~backward

    # base production split over existing technologies in proportion to capacity
    prod = scenario.table("industry_production")
    prod = prod[prod["region"].isin(in_r) & prod["sector"].isin(in_s)]
    prod0 = (
        _year_nearest(prod, y0, "industry_production", notes)
        .groupby(["region", "sector"])["output_mt"]
        .sum()
    )
    # base production by technology: the observed output of each province split so that the
    # national route mix matches the published shares (industry_route_shares: e.g. the EAF share
    # of crude steel), the rest in proportion to capacity (MODEL.md C25)
    routes = _optional(
        scenario, "industry_route_shares", ["region", "sector", "technology", "year", "share"]
    )
    routes = routes[routes["sector"].isin(in_s)]
    existing_x0 = rsk["x0_mt"][rsk["x0_mt"] > 0]
    national_cap = existing_x0.groupby(level=["sector", "technology"]).sum()
    national0 = national_route_output(
        prod0.groupby(level="sector").sum(), national_cap, shares_at(routes, y0)
    )
    rsk["q0_mt"] = split_by_route(prod0, rsk["x0_mt"], national0).to_numpy()
    no_cap = prod0[prod0 > 0].index.difference(rsk.index.droplevel("technology").unique())
    if len(no_cap):
        _warn(notes, f"industry_production without capacity (ignored): {list(no_cap)}")

    per_rsk_tech = rsk.index.droplevel("region")
    life_k = pd.Series(tech["lifetime_years"].reindex(per_rsk_tech).to_numpy(), index=rsk.index)
    age_k = pd.Series(tech["fleet_age_years"].reindex(per_rsk_tech).to_numpy(), index=rsk.index)
    alpha = _survival(rsk, life_k, age_k, y0, periods)
    # ---- sectors
    sec = _wide(
        sector_table[sector_table["sector"].isin(in_s)],
        ["sector"],
        {
            "max_utilisation": 1.0,
            "national_capacity_ceiling_mt": np.nan,
            "no_increase_in_key_regions": 0.0,
        },
    ).reindex(sectors)
    max_util = sec["max_utilisation"].fillna(1.0)
    if cfg.optional_families.history:
        alpha = _anchor_survival(
            alpha,
            rsk,
            tech,
            prod,
            routes,
            national_cap,
            max_util,
            life_k,
            age_k,
            y0,
            periods,
            notes,
        )
    ceiling = sec["national_capacity_ceiling_mt"].dropna()
    no_increase = list(sec.index[sec["no_increase_in_key_regions"].fillna(0) > 0])

    demand = scenario.table("industry_demand")
    demand_mt = _project(demand[demand["sector"].isin(in_s)], ["sector"], "demand_mt", periods)

    # ---- replacement ratios (C5): ρ_in by region type, ρ_x = max(ρ_in, cross-province)
    ratios = _optional(scenario, "replacement_ratios", ["sector", "case", "ratio"])
    ratio = ratios.pivot_table(index="sector", columns="case", values="ratio", aggfunc="first")
    for case in ("key_region", "other", "cross_province"):
        if case not in ratio.columns:
            ratio[case] = np.nan
    for s, cases in cfg.replacement.ratio_overrides.items():
        for case, value in cases.items():
            ratio.loc[s, case] = value
    ratio = ratio.reindex(sectors)
    # a sector with no ratio row has no replacement rule (ρ = 0: C5 rows are not built)
    ratio["other"] = ratio["other"].fillna(ratio["key_region"]).fillna(0.0)
    ratio["key_region"] = ratio["key_region"].fillna(ratio["other"])
    rs_index = rsk.index.droplevel("technology").unique()
    rs_frame = rs_index.to_frame(index=False)
    is_key = rs_frame["region"].isin(set(key_regions)).to_numpy()
    by_sector = ratio.reindex(rs_frame["sector"])
    rho_in = np.where(is_key, by_sector["key_region"], by_sector["other"])
    rho_x = np.fmax(rho_in, by_sector["cross_province"].fillna(0.0).to_numpy())
    replacement_ratio = pd.DataFrame({"rho_in": rho_in, "rho_x": rho_x}, index=rs_index)

    # quota transfers: between regions hosting the sector; never into key or barred regions
    barred = set(key_regions) | set(cfg.replacement.barred_receivers)
    pairs = rs_frame.merge(rs_frame, on="sector", suffixes=("_from", "_to"))
    pairs = pairs[(pairs["region_from"] != pairs["region_to"]) & ~pairs["region_to"].isin(barred)]
    transfers = list(
        pairs[["region_from", "region_to", "sector"]].itertuples(index=False, name=None)
    )

    # C17: E0[r,s], the region's base-year emissions of the sector on the model's boundary, and
    # D[s,p]/D[s,y0] with D[s,y0] the base-year national output (what the sector then served)
    # inventory boundary: scale each sector's engineering intensities by κ_s so that the modelled
    # sector equals its inventory rows nationally (MODEL.md: E_other is what the inventory leaves)
    inventory_all = scenario.table("emissions_inventory")
    inventory_year = int(
        _year_nearest(inventory_all, y0, "emissions_inventory", []).iloc[0]["year"]
    )
    ei_engineering = tech["ei_tco2_per_t"].reindex(per_rsk_tech).to_numpy()
    modelled0 = (
        pd.Series(ei_engineering * rsk["q0_mt"].to_numpy(), index=rsk.index)
        .groupby(level=["region", "sector"])
        .sum()
    )
    kappa = boundary_factors(inventory_all, modelled0, regions, inventory_year)
    tech["boundary_factor"] = (
        kappa.reindex(tech.index.get_level_values("sector")).fillna(1.0).to_numpy()
    )
    tech["ei_tco2_per_t"] = tech["ei_tco2_per_t"] * tech["boundary_factor"]
    for s_name, k_value in kappa.items():
        notes.append(f"inventory boundary: {s_name} intensities × {k_value:.3f}")
    ei = tech["ei_tco2_per_t"].reindex(per_rsk_tech).to_numpy()
    emis0_rsk = pd.Series(ei * rsk["q0_mt"].to_numpy(), index=rsk.index)
    emis0_rs = emis0_rsk.groupby(level=["region", "sector"]).sum()
    el_rsk = tech["electricity_mwh_per_t"].reindex(per_rsk_tech).to_numpy() * rsk["q0_mt"]
    el0_rs = el_rsk.groupby(level=["region", "sector"]).sum()
    output0_s = rsk["q0_mt"].groupby(level="sector").sum()
    served0 = output0_s.reindex(demand_mt.index.get_level_values("sector")).to_numpy(float)
    demand_index = pd.Series(
        np.divide(
            demand_mt.to_numpy(float), served0, out=np.full(len(served0), np.nan), where=served0 > 0
        ),
        index=demand_mt.index,
    )
    if demand_index.isna().any():
        _warn(notes, "C17: sectors without base-year output keep a flat ceiling (index 1)")
        demand_index = demand_index.fillna(1.0)

    # ---- power
    ptech = _wide(scenario.table("power_technologies"), ["technology"], POWER_PARAMETERS)
    if ptech["lifetime_years"].isna().any():
        raise ValueError(
            f"power_technologies: lifetime_years missing for {list(ptech.index[ptech['lifetime_years'].isna()])}"
        )
    ptech["is_renewable"] = ptech["is_renewable"].astype(bool)
    pcap = scenario.table("power_capacity")
    pcap = pcap[pcap["region"].isin(in_r)].groupby(["region", "technology"])["capacity_gw"].sum()
    pot = _optional(scenario, "renewable_potential", ["region", "technology", "potential_gw"])
    pot = pot[pot["region"].isin(in_r)].groupby(["region", "technology"])["potential_gw"].sum()
    build = _optional(
        scenario, "power_build_limits", ["region", "technology", "max_build_gw_per_yr"]
    )
    build = (
        build[build["region"].isin(in_r)]
        .groupby(["region", "technology"])["max_build_gw_per_yr"]
        .sum()
    )
    seen = _optional(scenario, "power_capacity_history", ["region", "technology", "capacity_gw"])
    seen = seen[seen["region"].isin(in_r) & (seen["capacity_gw"] > 0)]
    seen_index = pd.MultiIndex.from_frame(seen[["region", "technology"]].drop_duplicates())
    rg_index = (
        pcap.index.union(pot[pot > 0].index)
        .union(build[build > 0].index)
        .union(seen_index)
        .sort_values()
    )
    rg_index = rg_index[rg_index.get_level_values("technology").isin(ptech.index)]
    rg = pd.DataFrame(index=rg_index)
    rg["g0_gw"] = pcap.reindex(rg_index).fillna(0.0)
    gen = scenario.table("power_generation")
    gen = gen[gen["region"].isin(in_r)]
    gen0 = (
        _year_nearest(gen, y0, "power_generation", notes)
        .groupby(["region", "technology"])["generation_twh"]
        .sum()
        if not gen.empty
        else pd.Series(dtype=float)
    )
    rg["gen0_twh"] = gen0.reindex(rg_index).fillna(0.0)
    cfs = scenario.table("power_capacity_factors")
    cf = cfs.groupby(["region", "technology"])["capacity_factor"].mean()
    cf_tech = cfs.groupby("technology")["capacity_factor"].mean()
    rg["cf"] = cf.reindex(rg_index)
    fallback = rg["cf"].isna()
    if fallback.any():
        rg.loc[fallback, "cf"] = cf_tech.reindex(
            rg_index[fallback].get_level_values("technology")
        ).to_numpy()
        logger.info(
            "power_capacity_factors: %d (region, technology) use the national mean", fallback.sum()
        )
    if rg["cf"].isna().any():
        raise ValueError(
            f"power_capacity_factors: no capacity factor for {list(rg_index[rg['cf'].isna()])}"
        )
    renewable = ptech["is_renewable"].reindex(rg_index.get_level_values("technology")).to_numpy()
    potential = pot.reindex(rg_index).to_numpy(dtype=float)
    missing_pot = renewable & np.isnan(potential)
    if missing_pot.any():
        _warn(
            notes,
            f"renewable_potential missing for {int(missing_pot.sum())} rows: capped at base capacity",
        )
    potential = np.where(np.isnan(potential), rg["g0_gw"], potential)
    below = renewable & (potential < rg["g0_gw"].to_numpy())
    if below.any():
        _warn(
            notes,
            f"renewable potential below base capacity in {list(rg_index[below])}: raised to it",
        )
    rg["potential_gw"] = np.where(renewable, np.fmax(potential, rg["g0_gw"]), np.nan)
    rg["build_gw_per_yr"] = build.reindex(rg_index).astype(float)
    g_tech = rg_index.get_level_values("technology")
    beta = _survival(
        rg,
        pd.Series(ptech["lifetime_years"].reindex(g_tech).to_numpy(), index=rg_index),
        pd.Series(ptech["fleet_age_years"].reindex(g_tech).to_numpy(), index=rg_index),
        y0,
        periods,
    )

    corr = scenario.table("transmission_corridors")
    corr = corr[corr["from_region"].isin(in_r) & corr["to_region"].isin(in_r)]
    corridors = corr.groupby(["from_region", "to_region"]).agg(
        t0_gw=("capacity_gw", "sum"),
        loss_share=("loss_share", "mean"),
        max_utilisation=("max_utilisation", "mean"),
        capex_cny_per_kw=("capex_cny_per_kw", "mean"),
    )

    # ---- retrofit measures (C14): one row per (region, measure) where the sector exists
    measures = _optional(
        scenario,
        "retrofit_measures",
        [
            "measure",
            "sector",
            "carrier",
            "tranche",
            "max_share",
            "cost_cny_per_unit_saved",
            "lifetime_years",
        ],
    )
    measures = measures[measures["sector"].isin(in_s)].set_index("measure")
    rm_frame = rs_frame.merge(measures.reset_index()[["measure", "sector"]], on="sector")
    rm = list(rm_frame[["region", "measure"]].itertuples(index=False, name=None))

    # ---- electricity demand outside the modelled industry
    el_k = tech["electricity_mwh_per_t"].reindex(per_rsk_tech).to_numpy()
    el_ind0 = (
        pd.Series(el_k * rsk["q0_mt"].to_numpy(), index=rsk.index).groupby(level="region").sum()
    )
    eld = scenario.table("electricity_demand")
    eld = eld[eld["region"].isin(in_r)]
    eld0 = _year_nearest(eld, y0, "electricity_demand", notes).groupby("region")["demand_twh"].sum()
    eld0 = eld0.reindex(regions)
    if eld0.isna().any():
        raise ValueError(
            f"electricity_demand: no base-year row for {list(eld0.index[eld0.isna()])}"
        )
    el_other0 = eld0 - el_ind0.reindex(regions).fillna(0.0)
    if (el_other0 < 0).any():
        _warn(
            notes,
            f"electricity demand below modelled industrial use in {list(el_other0.index[el_other0 < 0])}: "
            "non-modelled demand set to 0",
        )
        el_other0 = el_other0.clip(lower=0.0)
    years_since = pd.Series({p: p - y0 for p in periods})
    if cfg.other_electricity_change_pct_per_yr is None:
        proj = _project(eld, ["region"], "demand_twh", periods)
        growth = (proj / eld0.reindex(proj.index.get_level_values("region")).to_numpy()).fillna(1.0)
    else:
        factor = (1 + cfg.other_electricity_change_pct_per_yr / 100) ** years_since
        growth = _outer(regions, factor)
    el_other = growth * el_other0.reindex(growth.index.get_level_values("region")).to_numpy()

    # ---- economy
    eco = scenario.table("economy")
    eco = eco[eco["region"].isin(in_r)]
    eco0 = _year_nearest(eco, y0, "economy", notes).pivot_table(
        index="region", columns="variable", values="value_bn_cny", aggfunc="first"
    )
    gdp0 = eco0["gdp"].reindex(regions) if "gdp" in eco0 else pd.Series(np.nan, index=regions)
    va0 = eco0["va_industry"].reindex(regions) if "va_industry" in eco0 else gdp0 * np.nan
    if gdp0.isna().any() or va0.isna().any():
        raise ValueError(
            "economy: base-year gdp and va_industry needed for every region; missing "
            f"{sorted(set(gdp0.index[gdp0.isna()]) | set(va0.index[va0.isna()]))}"
        )
    va_k = tech["value_added_cny_per_t"].reindex(per_rsk_tech).to_numpy()
    va_mod0 = (
        pd.Series(va_k * rsk["q0_mt"].to_numpy() * BN_CNY_PER_CNY_X_MEGA, index=rsk.index)
        .groupby(level="region")
        .sum()
        .reindex(regions)
        .fillna(0.0)
    )
    va_other0 = va0 - va_mod0
    if (va_other0 < 0).any():
        _warn(
            notes,
            f"modelled value added exceeds industrial VA in {list(va_other0.index[va_other0 < 0])}",
        )
    va_other = _outer(regions, (1 + cfg.va_other_growth_pct_per_yr / 100) ** years_since)
    va_other = va_other * va_other0.reindex(va_other.index.get_level_values("region")).to_numpy()
    gdp_nonind = _outer(regions, (1 + cfg.gdp_nonindustry_growth_pct_per_yr / 100) ** years_since)
    gdp_nonind = (
        gdp_nonind * (gdp0 - va0).reindex(gdp_nonind.index.get_level_values("region")).to_numpy()
    )

    # ---- emissions calibration: E_other[r, y0] = inventory − modelled industry − modelled power
    inv = scenario.table("emissions_inventory")
    inv = inv[inv["region"].isin(in_r) & (inv["sector"] == "total")]
    inv0 = (
        _year_nearest(inv, y0, "emissions_inventory", notes)
        .groupby("region")["emissions_mtco2"]
        .sum()
    )
    inv0 = inv0.reindex(regions)
    if inv0.isna().any():
        raise ValueError(f"emissions_inventory: no 'total' row for {list(inv0.index[inv0.isna()])}")
    ind0 = emis0_rs.groupby(level="region").sum().reindex(regions).fillna(0.0)
    ef_g = ptech["emission_factor_tco2_per_mwh"].reindex(g_tech).to_numpy()
    pow0 = (
        pd.Series(ef_g * rg["gen0_twh"].to_numpy(), index=rg_index)
        .groupby(level="region")
        .sum()
        .reindex(regions)
        .fillna(0.0)
    )
    other0 = inv0 - ind0 - pow0
    # rounding noise (−3e-14) is no negative remainder
    negative = other0 < -1e-9 * inv0.abs().clip(lower=1.0)
    if negative.any():
        _warn(
            notes,
            "calibrated rest-of-economy emissions are negative (modelled industry + power exceed the "
            f"inventory) in {list(other0.index[negative])}; kept so that the base year matches",
        )
    if cfg.other_emissions_change_pct_per_yr is not None:
        trend = (1 + cfg.other_emissions_change_pct_per_yr / 100) ** years_since
        e_other = _outer(regions, trend)
        e_other = e_other * other0.reindex(e_other.index.get_level_values("region")).to_numpy()
        other_split = None
    else:
        path = _optional(scenario, "other_emissions_path", ["component", "year", "index_vs_base"])
        projected = other_emissions(
            inventory_all[inventory_all["region"].isin(in_r)],
            inventory_year,
            other0,
            pow0,
            path,
            periods,
        )
        if projected is None:
            raise ValueError(
                "other_emissions_change_pct_per_yr is null, so E_other follows "
                "other_emissions_path component by component; that needs the table and inventory "
                f"rows {', '.join([*OTHER_COMPONENTS, 'power_heat'])} for every region"
            )
        e_other, other_split = projected

    # base consumption emissions: assumption: net imports (demand − generation) carry the in-scope
    # average carbon intensity of generation, as base-year inter-provincial flows are not in the data.
    gen_r = rg["gen0_twh"].groupby(level="region").sum().reindex(regions).fillna(0.0)
    ef_avg = float(pow0.sum() / gen_r.sum()) if gen_r.sum() > 0 else 0.0
    # EFX starts at each region's base-year intensity (MODEL.md "Base-year EFX from data")
    efx0 = (pow0 / gen_r.where(gen_r > 0)).fillna(ef_avg)
    emis0_cons = inv0 + (eld0 - gen_r) * ef_avg

    calibration = pd.DataFrame(
        {
            "inventory_mtco2": inv0,
            "modelled_industry_mtco2": ind0,
            "modelled_power_mtco2": pow0,
            "other_mtco2": other0,
        }
    )
    if other_split is not None:
        calibration = calibration.join(other_split.add_suffix("_mtco2"))
    calibration["modelled_share"] = (ind0 + pow0) / inv0.where(inv0 != 0, np.nan)
    calibration["negative_remainder"] = negative
    calibration.index.name = "region"

    # ---- prices and optional families
    carbon_price = _series_at(cfg.carbon_price_cny_per_t, periods, fill=0.0)
    border = _optional(
        scenario,
        "carbon_border",
        ["sector", "year", "export_share", "free_allocation_share", "cbam_price_cny_per_t"],
    )
    border = border[border["sector"].isin(in_s)]
    if border.empty:
        exposed = pd.Series(
            dtype=float, index=pd.MultiIndex.from_tuples([], names=["sector", "period"])
        )
        cbam_table: dict[int, float] = {}
    else:
        border = border.assign(
            exposed_share=border["export_share"] * (1 - border["free_allocation_share"])
        )
        exposed = _project(border, ["sector"], "exposed_share", periods, fill=0.0)
        price = border.groupby("year")["cbam_price_cny_per_t"].mean().dropna()
        cbam_table = {int(k): float(v) for k, v in price.items()}
    cbam_price = _series_at(cfg.cbam_price_cny_per_t or cbam_table, periods, fill=0.0)
    if not cfg.optional_families.carbon_border:
        cbam_price = dict.fromkeys(periods, 0.0)

    security = _optional(
        scenario, "supply_security", ["sector", "year", "domestic_output_floor_share"]
    )
    floor = _project(
        security[security["sector"].isin(in_s)], ["sector"], "domestic_output_floor_share", periods
    )
    share_rows = security[security["sector"] == "all_industry"]
    share_col = (
        "industry_va_share_floor"
        if "industry_va_share_floor" in share_rows.columns
        else "domestic_output_floor_share"
    )
    psi = _project(share_rows, ["sector"], share_col, periods) if not share_rows.empty else None
    industry_va_share_floor = (
        {int(p): float(v) for (_, p), v in psi.items()} if psi is not None else {}
    )

    circ = _optional(scenario, "circular_resources", ["resource", "region", "year", "available_mt"])
    sec_rows = circ[circ["resource"].isin(list(SECONDARY_RESOURCES))].assign(
        sector=lambda t: t["resource"].map(SECONDARY_RESOURCES)
    )
    sec_rows = sec_rows[sec_rows["sector"].isin(in_s) & sec_rows["region"].isin(in_r | {NATIONAL})]
    secondary = _project(sec_rows, ["region", "sector"], "available_mt", periods)
    waste = circ[(circ["resource"] == "solid_waste") & circ["region"].isin(in_r)]
    solid_waste = _project(waste, ["region"], "available_mt", periods)

    history = _history(scenario, cfg, prod, routes, national_cap, rg, ptech, periods, notes)
    targets_table = _optional(scenario, "targets", ["scope", "region", "year", "target", "value"])
    caps, target_notes = (
        intensity_targets(targets_table, y0, inv0, gdp0, periods)
        if cfg.provincial_targets
        else (None, [])
    )
    if caps is not None and isinstance(cfg.provincial_targets, list):
        caps = caps[caps.index.get_level_values("period").isin(cfg.provincial_targets)]
    notes.extend(target_notes)
    allowance = climbing_allowances(scenario.tables.get("climbing_peak_allowances"), regions)
    emerging = dict(cfg.emerging_industry)

    for note in notes:
        logger.debug("calibration note: %s", note)
    return ModelData(
        base_year=y0,
        periods=periods,
        prev=prev,
        delta_years=delta,
        df=df,
        af=af,
        regions=regions,
        key_regions=key_regions,
        sectors=sectors,
        fuels=fuels,
        industry_tech=tech,
        rsk=rsk,
        alpha=alpha,
        max_utilisation=max_util,
        national_ceiling_mt=ceiling,
        no_increase_in_key_regions=no_increase,
        demand_mt=demand_mt,
        replacement_ratio=replacement_ratio,
        transfers=transfers,
        sector_base_mtco2=emis0_rs,
        demand_index=demand_index,
        sector_base_electricity_twh=el0_rs,
        efx0_tco2_per_mwh=efx0,
        power_tech=ptech,
        rg=rg,
        beta=beta,
        corridors=corridors,
        measures=measures,
        rm=rm,
        el_other_twh=el_other,
        va_other_bn_cny=va_other,
        gdp_nonind_bn_cny=gdp_nonind,
        va_ind0_bn_cny=va0,
        gdp0_bn_cny=gdp0,
        e_other_mtco2=e_other,
        calibration=calibration,
        emis0_prod_mtco2=inv0,
        emis0_cons_mtco2=emis0_cons,
        carbon_price=carbon_price,
        cbam_price=cbam_price,
        cbam_exposed_share=exposed,
        domestic_floor_share=floor,
        industry_va_share_floor=industry_va_share_floor,
        secondary_resource_mt=secondary,
        solid_waste_mt=solid_waste,
        reserve_margin=cfg.power_reserve_margin,
        load_factor=cfg.load_factor,
        count_scheduled_retirements=cfg.replacement.count_scheduled_retirements,
        history=history,
        inventory_year=inventory_year,
        intensity_targets=caps,
        climbing_allowance=allowance,
        emerging=emerging,
        notes=notes,
    )


def _anchor_survival(
    alpha: pd.Series,
    rsk: pd.DataFrame,
    tech: pd.DataFrame,
    prod: pd.DataFrame,
    routes: pd.DataFrame,
    national_cap: pd.Series,
    max_util: pd.Series,
    life_k: pd.Series,
    age_k: pd.Series,
    y0: int,
    periods: list[int],
    notes: list[str],
) -> pd.Series:
    """Base-fleet survival anchored on observed output (MODEL.md C25, industry).

    The straight-line survival α retires the base fleet over its assumed remaining life. Where
    the output observed in the last observed year (national, by technology: observed output ×
    published route shares) needs more capacity than α leaves standing in that year, the fleet
    evidently lived longer than assumed: α of that technology is scaled up to what the observation
    needs (at most 1), so capacity that was producing stands, and ages on from there. Backward
    technologies are left to their phase-out.
    """
    first = periods[0]
    years = sorted(int(y) for y in prod["year"].unique() if y0 < y < first)
    if not years:
        return alpha
    y_obs = years[-1]
    output = prod[prod["year"] == y_obs].groupby("sector")["output_mt"].sum()
    observed = national_route_output(output, national_cap, shares_at(routes, y_obs))
    remaining = (life_k - age_k).clip(lower=1.0)
    alpha_obs = (1.0 - (y_obs - y0) / remaining).clip(0.0, 1.0)
    standing = (rsk["x0_mt"] * alpha_obs).groupby(level=["sector", "technology"]).sum()
    backward = tech["is_backward"]
    needed = observed / max_util.reindex(observed.index.get_level_values("sector")).to_numpy()
    factor = (needed / standing.reindex(needed.index)).replace([np.inf, -np.inf], np.nan)
    factor = factor[(factor > 1.0) & ~backward.reindex(factor.index).fillna(False).astype(bool)]
    if factor.empty:
        return alpha
    scale = pd.Series(
        factor.reindex(alpha.index.droplevel(["region", "period"])).fillna(1.0).to_numpy(),
        index=alpha.index,
    )
    for (s_name, k_name), f in factor.items():
        notes.append(
            f"C25: {s_name}/{k_name} output in {y_obs} needs {f:.2f}x the capacity the assumed "
            "fleet age leaves standing; its survival is scaled up to the observation"
        )
    return (alpha * scale).clip(upper=1.0)


def _history(
    scenario: Scenario,
    cfg,
    prod: pd.DataFrame,
    routes: pd.DataFrame,
    national_cap: pd.Series,
    rg: pd.DataFrame,
    ptech: pd.DataFrame,
    periods: list[int],
    notes: list[str],
) -> History:
    """C24/C25 numbers: last observed output by route, diffusion limits, power history."""
    y0, first = cfg.base_year, periods[0]
    observed_years = sorted(int(y) for y in prod["year"].unique() if y0 <= y < first)
    industry_year = observed_years[-1] if observed_years else y0
    output = prod[prod["year"] == industry_year].groupby("sector")["output_mt"].sum()
    industry_output = national_route_output(output, national_cap, shares_at(routes, industry_year))
    diffusion = _optional(
        scenario,
        "technology_diffusion",
        [
            "sector",
            "technology",
            "max_growth_pct_per_yr",
            "seed_mt_per_yr",
            "max_decline_pct_per_yr",
        ],
    ).set_index(["sector", "technology"])
    diffusion = diffusion[
        ["max_growth_pct_per_yr", "seed_mt_per_yr", "max_decline_pct_per_yr"]
    ].astype(float)
    observed_power = _optional(
        scenario, "power_capacity_history", ["region", "technology", "year", "capacity_gw"]
    )
    national_observed = national_observations(
        observed_power, first, set(rg.index.get_level_values("technology"))
    )
    observed_power = observed_power[
        observed_power["region"].isin(set(rg.index.get_level_values("region")))
        & (observed_power["year"] > y0)
        & (observed_power["year"] < first)
    ]
    power_year, floor, built = power_history(
        observed_power,
        rg["g0_gw"],
        ptech["lifetime_years"],
        ptech["fleet_age_years"],
        y0,
        first,
    )
    limits = _optional(
        scenario, "power_national_build_limits", ["technology", "max_build_gw_per_yr"]
    )
    national_build = limits.groupby("technology")["max_build_gw_per_yr"].min().astype(float)
    unknown = sorted(set(floor.index) - set(rg.index))
    if unknown:
        _warn(notes, f"power_capacity_history rows outside the planned plants ignored: {unknown}")
        floor = floor.drop(unknown)
        built = built.drop(unknown)
    return History(
        industry_year=industry_year,
        industry_output_mt=industry_output,
        diffusion=diffusion,
        power_year=power_year,
        power_floor_gw=floor,
        power_built_gw=built,
        national_build_gw_per_yr=national_build,
        national_observed_gw=national_observed,
    )


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


# --------------------------------------------------------------------------- public reports


def calibration_report(scenario: Scenario) -> pd.DataFrame:
    """Base-year emissions split by the calibration, one row per region.

    Parameters
    ----------
    scenario : Scenario

    Returns
    -------
    pandas.DataFrame
        Columns ``region``, ``inventory_mtco2``, ``modelled_industry_mtco2``,
        ``modelled_power_mtco2``, ``other_mtco2`` (E_other at y0, the calibrated remainder),
        ``modelled_share`` (modelled industry + power over the inventory) and
        ``negative_remainder`` (True where modelled emissions exceed the inventory; a warning is
        logged for those regions).
    """
    return prepare(scenario).calibration.reset_index()


def base_year_emissions(scenario: Scenario) -> pd.Series:
    """What the model's production-emission expression gives at base-year values, MtCO2/yr.

    Evaluates ``emis_prod`` (MODEL.md) with the same coefficients the model uses, at
    q = base production split by technology, gen = base generation, w = sav = 0 and E_other at
    y0. By calibration it equals each region's inventory ``total``.

    Parameters
    ----------
    scenario : Scenario

    Returns
    -------
    pandas.Series
        Indexed by region, named ``emissions_mtco2``.
    """
    data = prepare(scenario)
    ei = data.industry_tech["ei_tco2_per_t"].reindex(data.rsk.index.droplevel("region")).to_numpy()
    industry = (
        pd.Series(ei * data.rsk["q0_mt"].to_numpy(), index=data.rsk.index)
        .groupby(level="region")
        .sum()
    )
    ef_g = (
        data.power_tech["emission_factor_tco2_per_mwh"]
        .reindex(data.rg.index.get_level_values("technology"))
        .to_numpy()
    )
    power = (
        pd.Series(ef_g * data.rg["gen0_twh"].to_numpy(), index=data.rg.index)
        .groupby(level="region")
        .sum()
    )
    total = (
        industry.reindex(data.regions).fillna(0.0)
        + power.reindex(data.regions).fillna(0.0)
        + data.calibration["other_mtco2"].reindex(data.regions)
    )
    total.index.name = "region"
    return total.rename("emissions_mtco2")
