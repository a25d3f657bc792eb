"""Base-year calibration of the modelled industry: technologies, plants, output, survival,
sector limits, replacement ratios, quota transfers and the C17 sector baselines.

Called by :func:`dualcarbon.models.calibration.prepare` once the regions and sectors in scope are
known; every number lands in :class:`~dualcarbon.models.calibration_data.ModelData`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dualcarbon.inputs.scenario import Scenario
from dualcarbon.models.calibration_data import (
    FUELS,
    INDUSTRY_PARAMETERS,
    _optional,
    _project,
    _warn,
    _wide,
    _year_nearest,
)
from dualcarbon.models.calibration_history import _anchor_survival, _survival
from dualcarbon.models.history import national_route_output, shares_at, split_by_route
from dualcarbon.models.targets import boundary_factors


@dataclass
class IndustryCalibration:
    """The industry numbers of :class:`ModelData`, plus the intermediate tables the rest of the
    calibration (electricity, value added, emissions, history) reads."""

    tech: pd.DataFrame  # index (sector, technology): parameters + ei_tco2_per_t, boundary_factor
    rsk: pd.DataFrame  # index (region, sector, technology): x0_mt, q0_mt, is_new, is_existing
    alpha: pd.Series  # (region, sector, technology, period)
    max_utilisation: pd.Series  # sector
    national_ceiling_mt: pd.Series  # sector
    no_increase_in_key_regions: list[str]
    demand_mt: pd.Series  # (sector, period)
    replacement_ratio: pd.DataFrame  # index (region, sector): rho_in, rho_x
    transfers: list[tuple[str, str, str]]
    sector_base_mtco2: pd.Series  # (region, sector)
    transfer_base_mtco2: pd.Series  # (region, sector): C17 base (see _observed_geography)
    sector_base_electricity_twh: pd.Series  # (region, sector), on the C17 geography
    demand_index: pd.Series  # (sector, period), relative to the C17 base's national output
    production: pd.DataFrame  # industry_production rows in scope, every year
    routes: pd.DataFrame  # industry_route_shares rows in scope
    national_capacity_mt: pd.Series  # (sector, technology): base capacity of existing routes
    rs_frame: pd.DataFrame  # (region, sector) pairs hosting a sector, as columns
    inventory_year: int  # year of the base inventory


def _observed_geography(
    prod: pd.DataFrame, keys: pd.MultiIndex, y0: int, periods: list[int]
) -> tuple[pd.Series, pd.Series]:
    """Growth of each province's output from the base year to the last observed year.

    C17's base for (r, s) becomes E0[r,s]·g[r,s] with g the province's output ratio
    q[r,s,y_obs] / q[r,s,y0] in ``industry_production``, and the demand index is taken relative
    to the national ratio G[s] = Σ_r q[r,s,y_obs] / Σ_r q[r,s,y0], so that the ceilings still sum
    to the base-year emissions scaled by national demand. Without an observed year after the
    base year (before the first period) both are 1: the base year's geography.

    Returns
    -------
    (g, G)
        (region, sector) -> g and sector -> G.
    """
    years = sorted(int(y) for y in prod["year"].unique() if y0 < y < periods[0])
    ones = pd.Series(1.0, index=keys)
    if not years:
        return ones, pd.Series(dtype=float)
    by_year = prod.groupby(["year", "region", "sector"])["output_mt"].sum()
    base = by_year.xs(y0, level="year") if y0 in by_year.index.get_level_values("year") else None
    if base is None:
        return ones, pd.Series(dtype=float)
    observed = by_year.xs(years[-1], level="year")
    growth = (observed / base).replace([np.inf, -np.inf], np.nan).reindex(keys)
    # a province observed only in one of the two years keeps its base-year share
    growth = growth.fillna(1.0)
    national = observed.groupby(level="sector").sum() / base.groupby(level="sector").sum()
    return growth, national.replace([np.inf, -np.inf], np.nan).dropna()


def calibrate_industry(
    scenario: Scenario,
    regions: list[str],
    key_regions: list[str],
    sectors: list[str],
    ef: pd.Series,
    notes: list[str],
) -> IndustryCalibration:
    """Industry part of :func:`~dualcarbon.models.calibration.prepare`.

    Parameters
    ----------
    scenario : Scenario
    regions, key_regions, sectors : list of str
        In scope (config ``regions``, ``replacement.key_regions``, ``sectors`` applied).
    ef : pandas.Series
        Emission factor of each fuel, tCO2/tce.
    notes : list of str
        Calibration notes, appended to.

    Returns
    -------
    IndustryCalibration
    """
    cfg = scenario.config
    y0, periods = cfg.base_year, list(cfg.periods)
    sector_table = scenario.table("industry_sectors")
    in_r = set(regions)
    in_s = set(sectors)

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
    # C17 guards against relocation from now on: with history on, its base geography is that of
    # the last observed year, not the base year's (capacity replacement moved steel from Hebei
    # and Tianjin to Guangxi and Fujian in 2020-2023; a 2020 base would undo that in 2025)
    transfer_growth = pd.Series(1.0, index=emis0_rs.index)
    if cfg.optional_families.history:
        transfer_growth, national_growth = _observed_geography(prod, emis0_rs.index, y0, periods)
        demand_index = (
            demand_index
            / national_growth.reindex(demand_index.index.get_level_values("sector"))
            .fillna(1.0)
            .to_numpy()
        )

    return IndustryCalibration(
        tech=tech,
        rsk=rsk,
        alpha=alpha,
        max_utilisation=max_util,
        national_ceiling_mt=ceiling,
        no_increase_in_key_regions=no_increase,
        demand_mt=demand_mt,
        replacement_ratio=replacement_ratio,
        transfers=transfers,
        sector_base_mtco2=emis0_rs,
        transfer_base_mtco2=emis0_rs * transfer_growth,
        sector_base_electricity_twh=el0_rs * transfer_growth.reindex(el0_rs.index).fillna(1.0),
        demand_index=demand_index,
        production=prod,
        routes=routes,
        national_capacity_mt=national_cap,
        rs_frame=rs_frame,
        inventory_year=inventory_year,
    )
