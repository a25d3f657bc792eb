"""Consistency report: national sums against independent totals and base-year feasibility checks."""

from __future__ import annotations

import pandas as pd
from industry_history import industry_report
from power_sources import GGPT_GAS_2020_MW

# ---------------------------------------------------------------------------------------------
# checks
# ---------------------------------------------------------------------------------------------


def consistency_report(t: dict[str, pd.DataFrame]) -> list[str]:
    """National sums against independent totals and base-year feasibility checks."""
    lines = []

    def line(text: str) -> None:
        lines.append(text)

    def cmp(label: str, ours: float, ref: float, ref_label: str) -> None:
        line(
            f"{label:<46} {ours:>10.1f}   reference {ref:>9.1f}  ({ref_label}; {100 * (ours / ref - 1):+.1f} %)"
        )

    ed = t["electricity_demand"]
    cmp(
        "electricity demand 2020, TWh",
        ed[ed.year == 2020].demand_twh.sum(),
        7511,
        "NBS/CEC 7,511 TWh",
    )
    ip_all = t["industry_production"]
    prod = ip_all[ip_all.year == 2020].groupby("sector").output_mt.sum()
    cmp("crude steel 2020, Mt", prod["steel"], 1065, "NBS national 1,065 Mt")
    cmp("clinker 2020, Mt", prod["cement"], 1579, "NBS clinker 1,579 Mt (cement 2,377 Mt)")
    cmp("primary + recycled aluminium 2020, Mt", prod["aluminium"], 37.08 + 7.40,
        "NBS primary 37.08 + CNIA recycled 7.40 Mt")  # fmt: skip
    cmp(
        "flat glass 2020, Mt",
        prod["flat_glass"],
        946 * 0.05,
        "946 M weight cases summed over provinces",
    )
    em = t["emissions_inventory"]
    em30 = em[em.region != "Tibet"].groupby("sector").emissions_mtco2.sum()
    cmp("CEADs 2019 total (30 prov.), MtCO2", em30["total"], 10864, "shared README")
    cmp("CEADs 2019 power_heat, MtCO2", em30["power_heat"], 5626, "shared README")
    cmp("CEADs 2019 steel, MtCO2", em30["steel"], 1598, "shared README")
    cmp(
        "CEADs 2019 cement + flat_glass, MtCO2",
        em30["cement"] + em30["flat_glass"],
        949,
        "non-metal minerals",
    )
    cmp("CEADs 2019 aluminium (non-ferrous), MtCO2", em30["aluminium"], 146, "shared README")
    line(
        f"Tibet total (assumption), MtCO2: {em[(em.region == 'Tibet') & (em.sector == 'total')].emissions_mtco2.sum():.2f}"
    )
    pc = t["power_capacity"].groupby("technology").capacity_gw.sum()
    cmp(
        "coal (thermal - gas) capacity 2020, GW",
        pc["coal"],
        1245.18 - sum(GGPT_GAS_2020_MW.values()) / 1000,
        "CEC thermal 1,245 - GGPT gas 92.6",
    )
    cmp(
        "hydro (excl. pumped storage) 2020, GW",
        pc["hydro"],
        368.05 - 36.39,
        "CEC hydro 368 - PHS 36",
    )
    cmp("nuclear 2020, GW", pc["nuclear"], 49.9, "national ~49.9 GW (from-open-models README)")
    cmp("wind 2020, GW", pc["onshore_wind"] + pc["offshore_wind"], 281.6, "CEC 281.6 GW")
    cmp("solar 2020, GW", pc["solar_pv"], 253.5, "CEC 253.5 GW")
    if "power_capacity_history" in t:
        # CEC 2023 national statistics (中电联 2023 统计快报; transcribed, verify) against the
        # provincial sums of the history table
        h = t["power_capacity_history"]
        h23 = h[h.year == 2023].groupby("technology").capacity_gw.sum()
        cmp(
            "history 2023 thermal (coal + gas), GW",
            h23["coal"] + h23["gas"],
            1390.3,
            "CEC 1,390 GW",
        )
        cmp("history 2023 nuclear, GW", h23["nuclear"], 56.91, "CEC 56.91 GW")
        cmp("history 2023 wind (on + off), GW", h23["onshore_wind"] + h23["offshore_wind"], 441.3,
            "CEC 441 GW")  # fmt: skip
        cmp("history 2023 offshore wind, GW", h23["offshore_wind"], 37.29, "NEA 37.29 GW")
        cmp("history 2023 solar, GW", h23["solar_pv"], 609.5, "CEC 609 GW")
        cmp("electricity demand 2023, TWh", ed[ed.year == 2023].demand_twh.sum(), 9224,
            "CEC/NBS 9,224 TWh")  # fmt: skip
    pg20 = t["power_generation"][t["power_generation"].year == 2020]
    pg = pg20.groupby("technology").generation_twh.sum()
    line("generation 2020 by technology, TWh: " + ", ".join(f"{k} {v:.0f}" for k, v in pg.items()))
    cmp(
        "generation 2020 total, TWh",
        pg.sum(),
        7511,
        "consumption 7,511 TWh (generation ~7,779 incl. losses)",
    )
    cf = t["power_capacity_factors"].set_index(["region", "technology"]).capacity_factor
    capi = t["power_capacity"].set_index(["region", "technology"]).capacity_gw
    gen = pg20.set_index(["region", "technology"]).generation_twh
    for tech in ("hydro", "nuclear", "onshore_wind", "solar_pv", "coal"):
        ix = [i for i in capi.index if i[1] == tech]
        pot = (capi[ix] * cf[ix] * 8.76).sum()
        line(
            f"  {tech:<13} capacity x cf x 8.76 = {pot:8.0f} TWh vs generation {gen[ix].sum():8.0f} TWh"
        )
    # feasibility
    ic = t["industry_capacity"].groupby(["region", "sector"]).capacity_mt.sum()
    ip = ip_all[ip_all.year == 2020].set_index(["region", "sector"]).output_mt
    bad = (ic.reindex(ip.index) + 1e-9 < ip).sum()
    line(f"regions/sectors with capacity < 2020 output: {bad}")
    techs = t["industry_technologies"]
    back = techs[(techs.parameter == "is_backward") & (techs.value == 1)][["sector", "technology"]]
    capk = t["industry_capacity"].merge(back, how="left", indicator=True)
    nonback = capk[capk["_merge"] == "left_only"].groupby("sector").capacity_mt.sum()
    d25 = t["industry_demand"][t["industry_demand"].year == 2025].set_index("sector").demand_mt
    sec = t["industry_sectors"].pivot_table(index="sector", columns="parameter", values="value")
    for s in d25.index:
        avail = nonback[s] * sec.loc[s, "max_utilisation"]
        line(
            f"{s:<11} 2025 demand {d25[s]:7.1f} Mt <= non-backward capacity x u_max {avail:7.1f}: {d25[s] <= avail}"
        )
    rp = t["renewable_potential"].set_index(["region", "technology"]).potential_gw
    common = capi.index.intersection(rp.index)
    line(
        f"renewable potential below base capacity: {(rp[common] + 1e-9 < capi[common]).sum()} rows"
    )
    lines.extend(industry_report(t))
    return lines


# ---------------------------------------------------------------------------------------------
