"""Power fleet tables: capacity, generation, capacity factors, renewable potential, build limits.

The 2020 sources and readers are in ``power_sources``, the renewable potential in
``power_potential``; both are re-exported here, where ``curate`` and ``power_history`` import them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import power_pipeline as pp
from common import BASE_YEAR, HOURS_PER_YEAR, PROVINCES, Shared, frame, series
from power_potential import build_renewable_potential

# power_history imports the 2020 sources and readers from here too
from power_sources import (
    CEC,
    CEC_GAS_GW,
    CEC_GAS_SOURCE,
    CEC_HOURS_SOURCE,
    COASTAL,
    GAS_HOURS_2020,
    GEM_OFFSHORE_2020_MW,
    GGPT,
    GGPT_GAS_2020_MW,
    GWPT_2023,
    INLAND_NO_NUCLEAR,
    NUCLEAR_HOURS_2020,
    OFFSHORE_CF,
    ZHOU,
    _cap2020,
    _hours,
)


def build_power_capacity(sh: Shared) -> pd.DataFrame:
    """Year-end 2020 installed capacity by province and technology, GW."""
    c = _cap2020(sh)
    rows = []

    def add(r: str, tech: str, gw: float, source: str, detail: str) -> None:
        if gw < 0:
            raise ValueError(f"negative capacity {r} {tech}")
        rows.append(
            dict(region=r, technology=tech, capacity_gw=gw, source=source, source_detail=detail)
        )

    ggpt_total_gw = sum(GGPT_GAS_2020_MW.values()) / 1000.0
    for r in PROVINCES:
        th = c["thermal"].loc[r]
        # a tracker unit cannot exceed the province's thermal fleet: the cap only guards the split
        gas = min(GGPT_GAS_2020_MW.get(r, 0.0) / 1000.0, float(th["value"]))
        add(r, "coal", th["value"] - gas, f"{CEC} via {th['source']} minus the gas row ({GGPT})",
            f"thermal {th['value']} GW (all fuels, incl. biomass/oil/CHP) - gas {gas:.3f} GW; gas-fired units "
            "below 50 MW (outside the tracker) remain in this row")  # fmt: skip
        add(r, "gas", gas, f"{GGPT}: gas-fired units operating with start year <= {BASE_YEAR}, summed by province",
            f"{GGPT_GAS_2020_MW.get(r, 0.0):,.1f} MW (fuels NG/LNG and their mixes; coalbed-methane units left out); "
            f"capped at CEC thermal {th['value']} GW; national {ggpt_total_gw:.1f} GW against CEC "
            f"{CEC_GAS_GW[BASE_YEAR]} GW ({CEC_GAS_SOURCE}; plants >= 6 MW, the tracker >= 50 MW)")  # fmt: skip
        if r in c["hydro_all"].index:
            h, p = c["hydro_all"].loc[r], c["phs"].loc[r]
            add(r, "hydro", max(h["value"] - p["value"], 0.0), f"{CEC} via {h['source']} minus pumped storage "
                f"({ZHOU} via {p['source']})", f"all hydro {h['value']} GW - pumped storage {p['value']} GW "
                "(storage is not a net generator; not modelled)")  # fmt: skip
        else:
            h = c["hydro_conv"].loc[r]
            add(r, "hydro", h["value"], f"{ZHOU} via {h['source']}", "no CEC hydro series for this province; "
                "conventional hydro as used by PyPSA-China")  # fmt: skip
        if r in c["nuc_cec"].index:
            n = c["nuc_cec"].loc[r]
            add(r, "nuclear", n["value"], f"{CEC} via {n['source']}", n["source_detail"][:200])
        else:
            n = c["nuc_zhou"].loc[r]
            note = "no plant in operation (zero in source)" if n["value"] == 0 else (
                "absent from the CEC series; Zhou et al. value, which may include units commissioned in 2021 "
                "(Shandong: Haiyang 1-2 plus Shidaowan HTR-PM)")  # fmt: skip
            add(r, "nuclear", n["value"], f"{ZHOU} via {n['source']}", note)
        s = c["solar"].loc[r]
        add(
            r,
            "solar_pv",
            s["value"],
            f"{CEC} via {s['source']}",
            "all solar power (incl. a few 0.1 GW of CSP)",
        )
        w = c["wind"].loc[r]
        off = min(GEM_OFFSHORE_2020_MW.get(r, 0.0) / 1000.0, float(w["value"]))
        add(r, "onshore_wind", w["value"] - off, f"{CEC} via {w['source']}, minus the offshore_wind row",
            f"all wind {w['value']} GW - offshore {off:.3f} GW")  # fmt: skip
        add(r, "offshore_wind", off, f"{GWPT_2023}: offshore farms operating by end-2020" if off > 0 else
            f"definition: no offshore farm operating by end-2020 in {GWPT_2023}", "the tracker lists 7.75 GW "
            "nationally (NEA/CEC about 9 GW grid-connected); Zhou et al.'s offshore column is an allocation by "
            "wind capacity, not data")  # fmt: skip
    return frame(rows)


def build_power_generation(sh: Shared, capacity: pd.DataFrame) -> pd.DataFrame:
    """2020 generation by technology, TWh; thermal split and wind/solar derived as stated."""
    d = sh.read("province_power_demand.csv")
    gen = {
        t: series(d, year=BASE_YEAR, variable="electricity_generation", technology=t)
        for t in ("thermal (all fuels)", "hydro", "nuclear")
    }
    capw = capacity.pivot_table(index="region", columns="technology", values="capacity_gw")
    allcap = sh.read("province_power_capacity.csv")
    prev = {
        t: series(allcap, year=BASE_YEAR - 1, variable="installed_capacity", technology=name)[
            "value"
        ]
        for t, name in (
            ("solar_pv", "solar (all solar power)"),
            ("onshore_wind", "wind (onshore+offshore)"),
        )
    }
    hours = {
        "solar_pv": _hours(sh, "solar", [BASE_YEAR]),
        "onshore_wind": _hours(sh, "wind", [BASE_YEAR]),
    }
    rows = []

    def add(r: str, tech: str, twh: float, source: str, detail: str) -> None:
        rows.append(dict(region=r, technology=tech, year=BASE_YEAR, generation_twh=twh, source=source,
                         source_detail=detail))  # fmt: skip

    nbs = "National Bureau of Statistics, industrial output of electricity (enterprises above designated size)"
    for r in PROVINCES:
        th = gen["thermal (all fuels)"].loc[r]
        gas = min(capw.loc[r, "gas"] * GAS_HOURS_2020 / 1000.0, th["value"])
        add(
            r,
            "gas",
            gas,
            f"assumption: gas capacity x national gas utilisation hours 2020 ({GAS_HOURS_2020:.0f} h, "
            f"{CEC_HOURS_SOURCE}; transcribed, verify)",
            "no provincial gas generation series; capped at thermal",
        )
        add(
            r,
            "coal",
            th["value"] - gas,
            f"{nbs} via {th['source']}, minus the gas estimate",
            f"NBS thermal generation {th['value']} TWh (all thermal fuels, above designated size) - gas {gas:.3f} TWh",
        )
        if r in gen["hydro"].index:
            h = gen["hydro"].loc[r]
            add(r, "hydro", h["value"], f"{nbs} via {h['source']}", "above designated size; may include pumped "
                "storage output")  # fmt: skip
        else:
            add(r, "hydro", 0.0, f"{nbs}: no hydro generation series (zero or gap)", "hydro capacity here is "
                f"{capw.loc[r, 'hydro']:.3f} GW; treated as zero generation")  # fmt: skip
        if r in gen["nuclear"].index:
            n = gen["nuclear"].loc[r]
            add(r, "nuclear", n["value"], f"{nbs} via {n['source']}", "")
        else:
            g = capw.loc[r, "nuclear"] * NUCLEAR_HOURS_2020 / 1000.0
            add(
                r,
                "nuclear",
                g,
                f"assumption: nuclear capacity x national nuclear utilisation hours 2020 "
                f"({NUCLEAR_HOURS_2020:.0f} h, {CEC_HOURS_SOURCE}; transcribed, verify)",
                "no NBS nuclear series",
            )
        wind_now = capw.loc[r, "onshore_wind"] + capw.loc[r, "offshore_wind"]
        off_share = capw.loc[r, "offshore_wind"] / wind_now if wind_now > 0 else 0.0
        for tech in ("solar_pv", "onshore_wind"):
            now = wind_now if tech == "onshore_wind" else capw.loc[r, tech]
            mean_cap = (now + prev[tech].get(r, now)) / 2.0
            h = hours[tech].loc[r, str(BASE_YEAR)] if r in hours[tech].index else np.nan
            if np.isnan(h):
                h = hours[tech][str(BASE_YEAR)].median()
            twh = mean_cap * h / 1000.0
            share = (1.0 - off_share) if tech == "onshore_wind" else 1.0
            src = (f"derived: mean of year-end 2019 and 2020 capacity ({CEC}) x observed utilisation hours 2020 "
                   f"({CEC}, via energyandcleanair/china_co2@4043449a84:inst/csv/"
                   "wind_solar_utilization_capacity_by_province.csv)")  # fmt: skip
            add(r, tech, twh * share, src + (", split on+offshore by year-end capacity share" if tech ==
                "onshore_wind" else ""), f"{mean_cap:.3f} GW x {h:.0f} h x {share:.3f}; NBS solar series covers only "
                "enterprises above designated size; no 2020 provincial wind generation series in the shared "
                "extract")  # fmt: skip
            if tech == "onshore_wind":
                add(r, "offshore_wind", twh * off_share, src + ", split on+offshore by year-end capacity share "
                    "(the CEC hours are for all wind)", f"{mean_cap:.3f} GW x {h:.0f} h x {off_share:.3f}")  # fmt: skip
    return frame(rows)


THERMAL_AVAILABILITY = 0.8
NUCLEAR_AVAILABILITY = 0.85


def build_capacity_factors(
    sh: Shared, capacity: pd.DataFrame, generation: pd.DataFrame
) -> pd.DataFrame:
    """Annual mean capacity factor (share) by province and technology."""
    hw = _hours(sh, "wind", range(2018, 2021))
    hs = _hours(sh, "solar", range(2018, 2021))
    capw = capacity.pivot_table(index="region", columns="technology", values="capacity_gw")
    genw = generation.pivot_table(index="region", columns="technology", values="generation_twh")
    hydro_cf = (genw["hydro"] / (capw["hydro"] * HOURS_PER_YEAR / 1000.0)).where(capw["hydro"] > 0)
    hydro_median = float(hydro_cf[(hydro_cf > 0) & (hydro_cf < 1)].median())
    rows = []

    def add(r: str, tech: str, cf: float, source: str, detail: str = "") -> None:
        rows.append(dict(region=r, technology=tech, capacity_factor=float(min(max(cf, 0.0), 1.0)), source=source,
                         source_detail=detail))  # fmt: skip

    hsrc = f"observed utilisation hours 2018-2020 mean / 8760 ({CEC}) via energyandcleanair/china_co2@4043449a84:" \
        "inst/csv/wind_solar_utilization_capacity_by_province.csv"  # fmt: skip
    for r in PROVINCES:
        add(
            r,
            "coal",
            THERMAL_AVAILABILITY,
            f"assumption: maximum annual availability {THERMAL_AVAILABILITY} of "
            "thermal units (about 7,000 h/yr); the 2020 average was 4,340 h (CEC), dispatch is decided by the model",
        )
        add(
            r,
            "gas",
            THERMAL_AVAILABILITY,
            f"assumption: maximum annual availability {THERMAL_AVAILABILITY}",
            "",
        )
        add(
            r,
            "nuclear",
            NUCLEAR_AVAILABILITY,
            f"assumption: {NUCLEAR_AVAILABILITY}, close to the 2020 national "
            f"average of {NUCLEAR_HOURS_2020:.0f} h ({CEC_HOURS_SOURCE}; transcribed, verify)",
        )
        cf = hydro_cf.get(r, np.nan)
        if np.isfinite(cf) and 0 < cf < 1:
            add(
                r,
                "hydro",
                cf,
                "derived: NBS 2020 hydro generation / (hydro capacity x 8760 h), this dataset",
                f"{genw.loc[r, 'hydro']:.2f} TWh / {capw.loc[r, 'hydro']:.3f} GW; water-limited",
            )
        else:
            add(
                r,
                "hydro",
                hydro_median,
                "assumption: median of the provinces' observed 2020 hydro capacity factors",
                "no usable provincial hydro generation/capacity pair",
            )
        for tech, h in (("onshore_wind", hw), ("solar_pv", hs)):
            if r in h.index and h.loc[r].notna().any():
                add(
                    r,
                    tech,
                    float(h.loc[r].mean()) / HOURS_PER_YEAR,
                    hsrc,
                    f"hours {', '.join(f'{y}: {v:.0f}' for y, v in h.loc[r].dropna().items())}; includes curtailment",
                )
            else:
                add(r, tech, float(h.mean(axis=1).median()) / HOURS_PER_YEAR, "assumption: median of provinces' "
                    "observed utilisation hours 2018-2020", "no observed hours for this province")  # fmt: skip
        add(
            r,
            "offshore_wind",
            OFFSHORE_CF if r in COASTAL else 0.0,
            f"assumption: offshore capacity factor {OFFSHORE_CF} in coastal provinces (about 2,800 h/yr, typical of "
            "Chinese offshore farms); zero inland"
            if r in COASTAL
            else "definition: inland province, no offshore wind",
        )
    return frame(rows)


BUILD_MULTIPLIER = 2.0
BUILD_FLOOR_GW = 0.5
OFFSHORE_BUILD_GW = 2.0
HISTORY_TERM = (
    "largest annual addition of power_capacity_history (the years after 2020 the model must rebuild, MODEL.md C25; "
    "each of its rows names its source)"
)
FLOOR_BASIS = (
    "about one large thermal unit a year, so that a province with neither a pipeline nor a record keeps "
    "the technology open to the plan"
)


def build_power_build_limits(
    sh: Shared,
    offshore_added_gw: dict[str, float] | None = None,
    potential: pd.DataFrame | None = None,
    national: pd.DataFrame | None = None,
    history: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Build-rate ceilings, GW/yr.

    Coal, gas and nuclear (no resource potential) take the largest of their cited terms: the
    pipeline under construction and approved (``power_pipeline``: GEM trackers, State Council
    nuclear approvals) as a rate, and the largest annual addition observed in the province. The
    pipeline is what the province's developers and supply chain are committed to deliver; the
    record is what they delivered in one year; either is buildable, so the larger is the ceiling,
    and no observed year exceeds it. Coal and gas fall back to 0.5 GW/yr (assumption) where both
    are smaller; nuclear is zero where nothing is approved or built, and inland.

    The resource technologies (hydro, solar_pv, onshore_wind, offshore_wind) keep a rule: the larger
    of (a) twice the largest observed provincial annual net addition and (b) the province's share
    of the national technical potential (``renewable_potential``) times the largest observed
    national annual addition NB_g (``power_national_build_limits``), at least 0.5 GW/yr (offshore:
    2 GW/yr in coastal provinces, and the GEM offshore pipeline as a cited term). (a) keeps every
    observed addition buildable; (b) lets a province with a small history but a large resource
    build its share of a record national year; a pipeline of 2023 is not a ceiling for 2060.

    Parameters
    ----------
    sh : Shared
        The shared extracts.
    offshore_added_gw : dict, optional
        Largest observed annual offshore addition 2021-2023 by province, GW/yr (from
        ``power_history``); offshore wind (no CEC series) then takes it into account, so that the
        observed history fits under the limit.
    potential, national : pandas.DataFrame, optional
        ``renewable_potential`` and ``power_national_build_limits``; built here when omitted.
    history : pandas.DataFrame, optional
        ``power_capacity_history``: its largest annual addition by province and technology (from
        ``power_capacity`` 2020 on) is a term of every limit, so that the model can rebuild the
        history it must reproduce (MODEL.md C25) whatever years the table holds.
    """
    if potential is None or national is None:
        from power_history import (
            build_power_capacity_history,
            build_power_national_build_limits,
        )

        if national is None:
            national = build_power_national_build_limits(sh)
        if potential is None:
            cap20 = build_power_capacity(sh)
            hist = build_power_capacity_history(sh, cap20)
            potential = build_renewable_potential(
                sh, cap20, hist[hist["year"] == hist["year"].max()]
            )
    pot = potential.pivot_table(index="region", columns="technology", values="potential_gw")
    nb = national.set_index("technology")["max_build_gw_per_yr"]

    def share_term(r: str, tech: str) -> tuple[float, str]:
        """NB_g x the province's share of the national potential, with its arithmetic."""
        total = float(pot[tech].sum())
        share = float(pot.loc[r, tech]) / total if total > 0 else 0.0
        gw = float(nb[tech]) * share
        return gw, (f"potential share {pot.loc[r, tech]:.1f} of {total:.0f} GW = {100 * share:.2f} % x national "
                    f"largest annual addition {nb[tech]:.1f} GW/yr = {gw:.2f} GW/yr")  # fmt: skip

    share_basis = (
        "the province's share of the national technical potential (renewable_potential) x the largest observed "
        "national annual addition (power_national_build_limits) (basis: at the record national build pace spread "
        "over the resource, each province builds its resource share)"
    )
    cap = sh.read("province_power_capacity.csv")
    src = "energyandcleanair/china_co2@4043449a84:inst/csv/power_capacity_by_province&type.csv"
    cec = cap[cap["source"] == src]

    def record(name: str) -> pd.Series:
        """Largest observed annual net addition 2015-2023 of a CEC series by province, GW/yr."""
        w = cec[cec["technology"] == name].pivot_table(
            index="province", columns="year", values="value"
        )
        return w.diff(axis=1).max(axis=1).clip(lower=0.0).reindex(list(PROVINCES)).fillna(0.0)

    hist_rec = _history_record(sh, history)

    def seen(r: str, tech: str) -> tuple[float, str]:
        """Largest annual addition of power_capacity_history, GW/yr, and its year."""
        gw, year = hist_rec.get((r, tech), (0.0, 0))
        return gw, f"largest addition in power_capacity_history {gw:.2f} GW" + (
            f" ({year})" if year else ""
        )

    def add(r: str, tech: str, row: dict) -> None:
        rows.append(dict(region=r, technology=tech, **row))

    rows: list[dict] = []
    resources = {"hydro": "hydro (all hydropower as reported)", "solar_pv": "solar (all solar power)",
                 "onshore_wind": "wind (onshore+offshore)"}  # fmt: skip
    for tech, name in resources.items():
        inc = record(name)
        observed = (f"{BUILD_MULTIPLIER:g} x the largest observed annual net addition of '{name}' 2015-2023 "
                    f"({CEC} via {src})")  # fmt: skip
        for r in PROVINCES:
            m = float(inc[r])
            s_gw, s_detail = share_term(r, tech)
            h_gw, h_detail = seen(r, tech)
            add(r, tech, dict(
                max_build_gw_per_yr=max(BUILD_MULTIPLIER * m, s_gw, h_gw, BUILD_FLOOR_GW),
                source=f"assumption: the larger of {observed} and {share_basis}, at least {BUILD_FLOOR_GW} GW/yr "
                "and the largest addition of power_capacity_history",
                source_detail=f"largest observed addition {m:.2f} GW/yr; {s_detail}; {h_detail}"))  # fmt: skip

    thermal = record("thermal (all fuels)")
    thermal_src = (f"largest observed annual net addition of 'thermal (all fuels)' 2015-2023, an upper bound for "
                   f"coal ({CEC} via {src})")  # fmt: skip
    coal_floor = (BUILD_FLOOR_GW, f"assumption: {BUILD_FLOOR_GW} GW/yr ({FLOOR_BASIS}): the GCPT pipeline and the "
                  "CEC thermal record of the province are both smaller")  # fmt: skip
    gas_floor = (BUILD_FLOOR_GW, f"assumption: {BUILD_FLOOR_GW} GW/yr ({FLOOR_BASIS}): the GGPT pipeline and the "
                 "province's gas-fired records are all smaller")  # fmt: skip
    pipe_src = "the pipeline under construction and {what} spread over {n:g} years (their planned start years run " \
        "2023-2026) ({source})"  # fmt: skip
    for r in PROVINCES:
        built, permitted = pp.GCPT_PIPELINE_MW.get(r, (0.0, 0.0))
        pipe_gw = (built + permitted) / 1000.0 / pp.PIPELINE_YEARS
        add(r, "coal", pp.decide([
            (pipe_gw, pipe_src.format(what="permitted", n=pp.PIPELINE_YEARS, source=pp.GCPT),
             f"GCPT pipeline {built:,.0f} MW under construction + {permitted:,.0f} MW permitted = {pipe_gw:.2f} GW/yr"),
            (float(thermal[r]), thermal_src, f"largest observed thermal addition {thermal[r]:.2f} GW/yr"),
            (*seen(r, "coal")[:1], HISTORY_TERM, seen(r, "coal")[1]),
        ], coal_floor))  # fmt: skip

        built, pre = pp.GGPT_PIPELINE_MW.get(r, (0.0, 0.0))
        pipe_gw = (built + pre) / 1000.0 / pp.PIPELINE_YEARS
        rec_mw, rec_year = pp.GGPT_RECORD_MW.get(r, (0.0, 0))
        add(r, "gas", pp.decide([
            (pipe_gw, pipe_src.format(what="in pre-construction", n=pp.PIPELINE_YEARS, source=pp.GGPT),
             f"GGPT pipeline {built:,.0f} MW under construction + {pre:,.0f} MW pre-construction = {pipe_gw:.2f} GW/yr"),
            (rec_mw / 1000.0, f"largest annual gas-fired capacity commissioned 2015-2022 ({pp.GGPT})",
             f"largest commissioned in a year 2015-2022 {rec_mw / 1000.0:.2f} GW" + (f" ({rec_year})" if rec_year else "")),
            (*seen(r, "gas")[:1], HISTORY_TERM, seen(r, "gas")[1]),
        ], gas_floor))  # fmt: skip

    nuc_rec = record("nuclear")
    approved = pp.nuclear_approved_units()
    off_inc = pd.Series(offshore_added_gw or {}, dtype=float).reindex(list(PROVINCES)).fillna(0.0)
    for r in PROVINCES:
        if r not in COASTAL:
            add(r, "offshore_wind", dict(max_build_gw_per_yr=0.0,
                source="definition: inland province, no offshore wind", source_detail=""))  # fmt: skip
            add(r, "nuclear", dict(max_build_gw_per_yr=0.0,
                source=f"zero inland: each of the {sum(approved.values())} units approved 2022-2025 is in a coastal "
                f"province (State Council approvals, power_pipeline.NUCLEAR_APPROVALS); {INLAND_NO_NUCLEAR}",
                source_detail=""))  # fmt: skip
            continue
        m = float(off_inc[r])
        s_gw, s_detail = share_term(r, "offshore_wind")
        built, pre = pp.GWPT_OFFSHORE_PIPELINE_MW.get(r, (0.0, 0.0))
        pipe_gw = (built + pre) / 1000.0 / pp.PIPELINE_YEARS
        rule = max(OFFSHORE_BUILD_GW, BUILD_MULTIPLIER * m, s_gw, seen(r, "offshore_wind")[0])
        add(r, "offshore_wind", pp.decide([
            (pipe_gw, pipe_src.format(what="in pre-construction", n=pp.PIPELINE_YEARS, source=pp.GWPT),
             f"GWPT offshore pipeline {built:,.0f} MW under construction + {pre:,.0f} MW pre-construction = "
             f"{pipe_gw:.2f} GW/yr"),
        ], (rule, f"assumption: the largest of {OFFSHORE_BUILD_GW} GW/yr per coastal province, {BUILD_MULTIPLIER:g} x "
            f"the largest observed provincial addition 2021-2023 (power_capacity_history) and {share_basis}, at least the "
            f"largest addition of power_capacity_history; the GEM "
            f"offshore pipeline ({pp.GWPT}) is smaller")))  # fmt: skip
        rows[-1]["source_detail"] += (f"; largest observed addition 2021-2023 {m:.2f} GW/yr (power_history: GEM 2020 "
                                      f"operating farms, then the history table); {s_detail}; {seen(r, 'offshore_wind')[1]}")  # fmt: skip

        units = approved.get(r, 0)
        appr_gw = units * pp.NUCLEAR_UNIT_GW / pp.NUCLEAR_APPROVAL_YEARS
        uc_mw, uc_detail = pp.NUCLEAR_UNDER_CONSTRUCTION_MW.get(r, (0.0, "none"))
        uc_gw = uc_mw / 1000.0 / pp.PIPELINE_YEARS
        add(r, "nuclear", pp.decide([
            (appr_gw, f"State Council nuclear approvals 2022-2025 in the province x {pp.NUCLEAR_UNIT_GW} GW per unit / "
             f"{pp.NUCLEAR_APPROVAL_YEARS:g} years (power_pipeline.NUCLEAR_APPROVALS; basis: an approval pace sustained "
             "for years is the grid-connection pace about 5 years later)",
             f"approved 2022-2025: {units} units = {appr_gw:.2f} GW/yr ({pp.nuclear_approval_detail(r)})"),
            (uc_gw, f"units under construction spread over {pp.PIPELINE_YEARS:g} years ({pp.GEONUCLEAR})",
             f"under construction {uc_mw:,.0f} MW ({uc_detail}) = {uc_gw:.2f} GW/yr"),
            (float(nuc_rec[r]), f"largest observed annual net addition of nuclear 2015-2023 ({CEC} via {src})",
             f"largest observed nuclear addition {nuc_rec[r]:.2f} GW/yr" + ("" if nuc_rec[r] > 0 else
             " (no CEC nuclear row, or no addition)")),
            (*seen(r, "nuclear")[:1], HISTORY_TERM, seen(r, "nuclear")[1]),
        ]))  # fmt: skip
        if rows[-1]["max_build_gw_per_yr"] == 0.0:
            rows[-1]["source"] = (f"zero: no unit approved 2022-2025 (power_pipeline.NUCLEAR_APPROVALS), none under "
                                  f"construction ({pp.GEONUCLEAR}) and none added 2015-2023 ({CEC})")  # fmt: skip
    return frame(rows)


def _history_record(
    sh: Shared, history: pd.DataFrame | None
) -> dict[tuple[str, str], tuple[float, int]]:
    """Largest annual addition by (province, technology) in ``power_capacity_history``, GW, and its year.

    The year before the first history year is ``power_capacity`` (2020); national rows (region
    ``China``) are left out, as no province's limit holds them alone. Offshore wind skips the step
    2020-2021: 2020 books it as onshore (``offshore_added_gw`` of the caller starts from GEM instead).
    """
    if history is None or history.empty:
        return {}
    base = build_power_capacity(sh).assign(year=BASE_YEAR)
    both = pd.concat([base[["region", "technology", "year", "capacity_gw"]],
                      history[["region", "technology", "year", "capacity_gw"]]], ignore_index=True)  # fmt: skip
    w = both[both["region"].isin(PROVINCES)].pivot_table(
        index=["region", "technology"], columns="year", values="capacity_gw", aggfunc="sum"
    )
    inc = w.sort_index(axis=1).diff(axis=1).iloc[:, 1:].clip(lower=0.0).fillna(0.0)
    # 2020 books offshore wind as onshore: its first step would count the whole 2021 stock
    offshore = inc.index.get_level_values("technology") == "offshore_wind"
    inc.loc[offshore, BASE_YEAR + 1] = 0.0
    out = {}
    for key, row in inc.iterrows():
        if row.max() > 0:
            out[key] = (float(row.max()), int(row.idxmax()))
    return out
