"""Industry technology parameters: the ``industry_technologies`` table (steel from the shared
routes, the other sectors transcribed).

This module assembles the long table; the figures live beside it, one module per kind of parameter:

* ``industry_tech_intensities``: fuel, power, process CO2, scrap and waste per t and capture
  shares (``INDUSTRY_TECH``; steel also its routes' fixed cost) and the emissions they cover;
* ``industry_tech_costs``: lifecycle, capex, lifetime and fleet age (``LIFE``, the cited
  replacements) and the stranded cost derived from them;
* ``industry_tech_value_added``: value added per t;
* ``industry_materials``: materials and non-fuel operating cost per t.

``INDUSTRY_TECH`` and ``LIFE`` are re-exported here, as the other builders import them from this
module.
"""

from __future__ import annotations

import pandas as pd
from common import BASE_YEAR, Shared, frame
from industry_materials import materials
from industry_tech_costs import FLEET_AGE_DETAIL, LIFE, LIFE_SOURCE, cited_life, stranded
from industry_tech_intensities import (
    EMISSION_COVERAGE,
    EMISSION_PARAMS,
    INDUSTRY_TECH,
    Param,
    steel_intensities,
)
from industry_tech_value_added import cited_value_added, steel_value_added

__all__ = ["INDUSTRY_TECH", "LIFE", "build_industry_technologies"]


def build_industry_technologies(sh: Shared) -> pd.DataFrame:
    """Long table sector/technology/parameter/value with every parameter of docs/tables.md.

    Parameters
    ----------
    sh : Shared
        Reader of the shared extracts (steel routes, PyPSA-China-PIK costs, steel output and value
        added).

    Returns
    -------
    pandas.DataFrame
        Columns sector, technology, parameter, value, source, source_detail: every parameter for
        every technology of ``LIFE`` (0 with source "definition: not used by this technology"
        where it does not apply), ``phase_out_year`` for backward technologies only.

    Notes
    -----
    Fills ``INDUSTRY_TECH["steel"]`` (empty until then) from the routes extract: the steel rows of
    the module-level table exist only once this has run.
    """
    INDUSTRY_TECH["steel"] = steel_intensities(sh)
    va_steel = steel_value_added(sh)
    va_other = cited_value_added()

    params = ["is_backward", "phase_out_year", "available_from_year", "lifetime_years", "fleet_age_years",
              "capex_cny_per_t", "fom_cny_per_t", "stranded_cost_cny_per_t", "coal_tce_per_t", "oil_tce_per_t",
              "gas_tce_per_t", "electricity_mwh_per_t", "process_co2_t_per_t", "capture_share",
              "value_added_cny_per_t", "replacement_exempt", "scrap_t_per_t", "solid_waste_t_per_t",
              "materials_cny_per_t"]  # fmt: skip
    mat = materials()
    cited = cited_life(sh)
    rows = []
    for sector, techs in LIFE.items():
        for tech, (back, phase, avail, life, age, capex, fom, va_cny, exempt) in techs.items():
            given = INDUSTRY_TECH[sector].get(tech, {})
            capex_p = cited.get(tech, {}).get(
                "capex_cny_per_t", (capex, LIFE_SOURCE["capex_cny_per_t"], "")
            )
            life_p = cited.get(tech, {}).get(
                "lifetime_years", (life, LIFE_SOURCE["lifetime_years"], "")
            )
            age_p: Param = (
                (age, LIFE_SOURCE["fleet_age_years"], FLEET_AGE_DETAIL.get(sector, ""))
                if (age or not avail)
                else (0.0, f"definition: not in the 2020 stock (first built {avail})", "")
            )
            age_p = cited.get(tech, {}).get("fleet_age_years", age_p)
            life_vals: dict[str, Param] = {
                "is_backward": (back, LIFE_SOURCE["is_backward"], ""),
                "available_from_year": (avail, LIFE_SOURCE["available_from_year"], "") if avail else (
                    BASE_YEAR, "definition: existing technology, available from the base year", ""),
                "lifetime_years": life_p,
                "fleet_age_years": age_p,
                "capex_cny_per_t": capex_p,
                "stranded_cost_cny_per_t": stranded(capex_p, life_p, age_p),
                "replacement_exempt": (exempt, LIFE_SOURCE["replacement_exempt"], ""),
            }  # fmt: skip
            if back:
                # only backward technologies have a phase-out year; the row is absent otherwise
                # (the loader reads an absent row as "not applicable")
                life_vals["phase_out_year"] = (phase, LIFE_SOURCE["phase_out_year"], "")
            if fom is not None:
                life_vals["fom_cny_per_t"] = (fom, LIFE_SOURCE["fom_cny_per_t"], "")
            life_vals["value_added_cny_per_t"] = va_steel if sector == "steel" else va_other.get(tech, (
                va_cny, LIFE_SOURCE["value_added_cny_per_t"], ""))  # fmt: skip
            for param in params:
                if param == "phase_out_year" and not back:
                    continue
                if param == "materials_cny_per_t":
                    v, s, d = mat[sector][tech]
                elif param in given:
                    v, s, d = given[param]
                elif param in life_vals:
                    v, s, d = life_vals[param]
                else:
                    v, s, d = 0.0, "definition: not used by this technology", ""
                if param in EMISSION_PARAMS and float(v) > 0:
                    # say which emissions the intensity covers: the model compares them with the
                    # CEADs sector rows (C17 and the base-year calibration)
                    d = f"{d}; {EMISSION_COVERAGE[sector]}" if d else EMISSION_COVERAGE[sector]
                rows.append(dict(sector=sector, technology=tech, parameter=param, value=float(v), source=s,
                                 source_detail=d))  # fmt: skip
    return frame(rows)
