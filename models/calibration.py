"""Numeric parameters of the planning LP, derived in bulk from the tidy input tables.

Everything the model needs that is not a decision is computed here with pandas, once, before a
single Pyomo component exists: survival shares α/β, the base-year production split by technology,
the sector emission shares θ[r,s] (C17), the exogenous remainders (E_other, D_el_other, VA_other,
GDP_nonind) and the discount factors DF_p / AF_p (MODEL.md, "Sets" and "Derived expressions").

The calibration identity (checked by :func:`base_year_emissions`): at base-year values
(q = base production split by technology, gen = base generation, w = sav = f = 0) the model's
emission expression of every region equals its inventory ``total``, because
``E_other[r, y0] = inventory − modelled industry − modelled power``.

:func:`prepare` is the entry; it calls the parts, one module each: containers and table helpers
(:mod:`~dualcarbon.models.calibration_data`), the industry
(:mod:`~dualcarbon.models.calibration_industry`), the power fleet
(:mod:`~dualcarbon.models.calibration_power`), survival and observed history
(:mod:`~dualcarbon.models.calibration_history`). The rest of the package imports the containers
and constants from here.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from dualcarbon.inputs.scenario import Scenario

# the containers and constants stay importable from here, where the model's families look for them
from dualcarbon.models.calibration_data import (  # noqa: F401
    BN_CNY_PER_CNY_X_MEGA,
    FUELS,
    INDUSTRY_PARAMETERS,
    MT_PER_T_PER_10K_CNY_X_BN_CNY,
    NATIONAL,
    POWER_PARAMETERS,
    SECONDARY_RESOURCES,
    TRANSMISSION_LIFETIME_YEARS,
    TWH_PER_GW_YEAR,
    ModelData,
    Period,
    Region,
    Sector,
    Technology,
    _discounting,
    _optional,
    _outer,
    _project,
    _series_at,
    _warn,
    _year_nearest,
)
from dualcarbon.models.calibration_history import _history
from dualcarbon.models.calibration_industry import calibrate_industry
from dualcarbon.models.calibration_power import calibrate_power
from dualcarbon.models.history import History  # noqa: F401
from dualcarbon.models.targets import (
    OTHER_COMPONENTS,
    climbing_allowances,
    intensity_targets,
    other_emissions,
)

logger = logging.getLogger(__name__)


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

    # ---- industry (calibration_industry) and power (calibration_power)
    industry = calibrate_industry(scenario, regions, key_regions, sectors, ef, notes)
    tech, rsk = industry.tech, industry.rsk
    per_rsk_tech = rsk.index.droplevel("region")
    power = calibrate_power(scenario, regions, notes)
    ptech, rg = power.power_tech, power.rg
    rg_index = rg.index
    g_tech = rg_index.get_level_values("technology")

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
    rm_frame = industry.rs_frame.merge(measures.reset_index()[["measure", "sector"]], on="sector")
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
        el_other = _other_electricity(
            _project(eld, ["region"], "demand_twh", periods),
            industry.sector_base_electricity_twh,
            industry.demand_index,
            notes,
        )
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
    inventory_all = scenario.table("emissions_inventory")
    inv = inventory_all
    inv = inv[inv["region"].isin(in_r) & (inv["sector"] == "total")]
    inv0 = (
        _year_nearest(inv, y0, "emissions_inventory", notes)
        .groupby("region")["emissions_mtco2"]
        .sum()
    )
    inv0 = inv0.reindex(regions)
    if inv0.isna().any():
        raise ValueError(f"emissions_inventory: no 'total' row for {list(inv0.index[inv0.isna()])}")
    ind0 = industry.sector_base_mtco2.groupby(level="region").sum().reindex(regions).fillna(0.0)
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
            industry.inventory_year,
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

    history = _history(
        scenario,
        cfg,
        industry.production,
        industry.routes,
        industry.national_capacity_mt,
        rg,
        ptech,
        periods,
        notes,
    )
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
        alpha=industry.alpha,
        max_utilisation=industry.max_utilisation,
        national_ceiling_mt=industry.national_ceiling_mt,
        no_increase_in_key_regions=industry.no_increase_in_key_regions,
        demand_mt=industry.demand_mt,
        replacement_ratio=industry.replacement_ratio,
        transfers=industry.transfers,
        sector_base_mtco2=industry.sector_base_mtco2,
        transfer_base_mtco2=industry.transfer_base_mtco2,
        demand_index=industry.demand_index,
        sector_base_electricity_twh=industry.sector_base_electricity_twh,
        efx0_tco2_per_mwh=efx0,
        power_tech=ptech,
        rg=rg,
        beta=power.beta,
        corridors=power.corridors,
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
        inventory_year=industry.inventory_year,
        intensity_targets=caps,
        climbing_allowance=allowance,
        emerging=emerging,
        notes=notes,
    )


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


def _other_electricity(
    total_twh: pd.Series,
    industry_base_twh: pd.Series,
    demand_index: pd.Series,
    notes: list[str],
) -> pd.Series:
    """D_el_other[r,p]: projected consumption less the modelled industries' own use, TWh/yr.

    The projection (``electricity_demand``) is whole-society consumption, the modelled
    industries included. What they would use on the national demand path with base-year routes
    (their base electricity on the C17 geography × the sector's demand index) is taken out; the
    rest is everything else's. Scaling the base-year remainder by the growth of the total instead
    would assume that steel, cement, aluminium and glass grow with consumption: they fell in
    2020-2025 while consumption grew by 38 %, and the first period fell 297 TWh (2.9 %) short of
    the observed 2025 consumption. A plan that electrifies its routes adds to the total.
    """
    reference = (
        industry_base_twh.rename("twh")
        .reset_index()
        .merge(demand_index.rename("index").reset_index(), on="sector")
        .assign(twh=lambda d: d["twh"] * d["index"])
        .groupby(["region", "period"])["twh"]
        .sum()
    )
    other = total_twh - reference.reindex(total_twh.index).fillna(0.0).to_numpy()
    short = other[other < 0]
    if not short.empty:
        _warn(
            notes,
            "electricity demand below the modelled industries' use on their demand path in "
            f"{sorted(set(short.index.get_level_values('region')))}: non-modelled demand set to 0",
        )
    return other.clip(lower=0.0)
