"""Base-year calibration of the power fleet: technologies, plants by region, output, capacity
factors, renewable potentials, build limits, survival β and the transmission corridors.

Called by :func:`dualcarbon.models.calibration.prepare`; every number lands in
:class:`~dualcarbon.models.calibration_data.ModelData`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dualcarbon.inputs.scenario import Scenario
from dualcarbon.models.calibration_data import (
    POWER_PARAMETERS,
    _optional,
    _warn,
    _wide,
    _year_nearest,
)
from dualcarbon.models.calibration_history import _power_survival

# one logger for the whole calibration, whichever of its modules speaks (as before the split)
logger = logging.getLogger("dualcarbon.models.calibration")


@dataclass
class PowerCalibration:
    """The power numbers of :class:`ModelData`."""

    power_tech: pd.DataFrame  # index technology
    rg: pd.DataFrame  # index (region, technology): g0_gw, gen0_twh, cf, potential_gw, build
    beta: pd.Series  # (region, technology, period)
    corridors: pd.DataFrame  # index (from_region, to_region): t0_gw, loss_share, ...


def calibrate_power(scenario: Scenario, regions: list[str], notes: list[str]) -> PowerCalibration:
    """Power part of :func:`~dualcarbon.models.calibration.prepare`.

    Parameters
    ----------
    scenario : Scenario
    regions : list of str
        Regions in scope.
    notes : list of str
        Calibration notes, appended to.

    Returns
    -------
    PowerCalibration
    """
    cfg = scenario.config
    y0, periods = cfg.base_year, list(cfg.periods)
    in_r = set(regions)
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
    beta = _power_survival(
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
    return PowerCalibration(power_tech=ptech, rg=rg, beta=beta, corridors=corridors)
