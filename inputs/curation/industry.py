"""Industry tables: sectors, 2020 production and capacity, demand paths, replacement ratios, retrofits."""

from __future__ import annotations

import pandas as pd
from common import (
    AL_CAPACITY_CEILING_MT,
    BASE_YEAR,
    NAT_CLINKER_CAPACITY_2020_MT,
    NAT_CLINKER_OUTPUT_2020_MT,
    NAT_PRIMARY_AL_OUTPUT_2020_MT,
    NDRC_1609,
    NDRC_2022_200,
    PROVINCES,
    T_PER_WEIGHT_CASE,
    Shared,
    frame,
    series,
    transcribed,
)
from industry_fleet import BACKWARD_BF_DETAIL
from industry_history import aluminium_output

# demand paths live in industry_outlook (cited per period); re-exported for curate.py and for
# the builders that scale with steel demand (policy.build_circular_resources)
from industry_outlook import DEMAND_PATH, build_industry_demand  # noqa: F401
from industry_technologies import LIFE

MAX_UTILISATION = {"steel": 0.90, "cement": 0.90, "aluminium": 0.95, "flat_glass": 0.90}
BACKWARD_SHARE = {"steel": 0.05, "cement": 0.05, "aluminium": 0.03, "flat_glass": 0.05}
GLASS_UTILISATION_2020 = 0.75
SMELTER_UTILISATION_2020 = NAT_PRIMARY_AL_OUTPUT_2020_MT / AL_CAPACITY_CEILING_MT


def build_industry_sectors() -> pd.DataFrame:
    """Sector-level parameters."""
    rows = []
    for s, u in MAX_UTILISATION.items():
        rows.append(dict(sector=s, parameter="max_utilisation", value=u,
                         source=f"assumption: maximum sustained utilisation {u} of installed capacity (smelters run "
                         "continuously, hence higher)", source_detail=""))  # fmt: skip
        rows.append(dict(sector=s, parameter="no_increase_in_key_regions", value=1.0 if s == "steel" else 0.0,
                         source="MIIT, 钢铁行业产能置换实施办法 (in force 2021-06-01): key air-pollution-control regions "
                         "may not increase steel capacity" if s == "steel" else "MIIT replacement rules: no such clause "
                         "for this sector (assumption)", source_detail=""))  # fmt: skip
    rows.append(
        dict(
            sector="aluminium",
            parameter="national_capacity_ceiling_mt",
            value=AL_CAPACITY_CEILING_MT,
            source="State Council, 关于化解产能严重过剩矛盾的指导意见 (国发〔2013〕41号) and MIIT capacity-"
            "replacement rules: electrolytic aluminium capacity capped at about 45 Mt/yr",
            source_detail="applies to electrolytic (primary) capacity; secondary_aluminium should be excluded by the model",
        )
    )
    return frame(rows)


def build_industry_base(sh: Shared) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Base-year production (Mt) and capacity (Mt/yr) by region/sector/technology, with sources."""
    out = sh.read("province_industry_output.csv")
    o20 = out[out["year"] == BASE_YEAR]
    steel = series(o20, variable="crude_steel_output")
    cement = series(o20, variable="cement_output")
    glass = series(o20, variable="flat_glass_output")
    alcap = series(out, variable="electrolytic_aluminium_capacity")
    al_out = aluminium_output(sh, BASE_YEAR)
    al_share = alcap["value"] / alcap["value"].sum()
    routes = sh.read("from-open-models/province_steel_capacity.csv")
    rcap = routes.pivot_table(index="province", columns="route", values="capacity_mt")
    rsrc = routes["source"].iloc[0].split(" (")[0]
    clinker_ratio = NAT_CLINKER_OUTPUT_2020_MT / cement["value"].sum()
    clinker_util = NAT_CLINKER_OUTPUT_2020_MT / NAT_CLINKER_CAPACITY_2020_MT
    nbs = (
        "National Bureau of Statistics, industrial output (enterprises above designated size), 2020"
    )
    prod, cap = [], []
    for r in PROVINCES:
        # steel ---------------------------------------------------------------------------
        if r in steel.index:
            q = steel.loc[r, "value"]
            prod.append(
                dict(
                    region=r,
                    sector="steel",
                    year=BASE_YEAR,
                    output_mt=q,
                    source=f"{nbs}, crude steel, via {steel.loc[r, 'source']}",
                    source_detail="",
                )
            )
        else:
            q = 0.0
            prod.append(
                dict(
                    region=r,
                    sector="steel",
                    year=BASE_YEAR,
                    output_mt=0.0,
                    source=f"{nbs}: no crude-steel output reported (zero in the export)",
                    source_detail="",
                )
            )
        bf = rcap["BF-BOF"].get(r, 0.0) if r in rcap.index else 0.0
        eaf = rcap["EAF"].get(r, 0.0) if r in rcap.index else 0.0
        total = bf + eaf
        need = q / MAX_UTILISATION["steel"]
        scale, note = 1.0, ""
        if total > 0 and total < need:
            scale = need / total
            note = (
                f"; listed capacity {total:.2f} Mt/yr is below 2020 output/max_utilisation ({need:.2f}): both "
                f"routes scaled by {scale:.3f} (assumption: the source's capacity vintage differs from 2020)"
            )
        src = (
            f"{rsrc} (capacity by route)"
            if total > 0
            else f"{rsrc}: no capacity listed (assumption: none)"
        )
        b = BACKWARD_SHARE["steel"]
        for tech, v, d in (("bf_bof_backward", bf * b * scale, f"{b:.0%} of BF-BOF {bf} Mt/yr (assumption: backward share; {BACKWARD_BF_DETAIL})"),
                           ("bf_bof", bf * (1 - b) * scale, f"{1 - b:.0%} of BF-BOF {bf} Mt/yr"),
                           ("scrap_eaf", eaf * scale, f"EAF {eaf} Mt/yr")):  # fmt: skip
            cap.append(
                dict(
                    region=r,
                    sector="steel",
                    technology=tech,
                    capacity_mt=v,
                    source=src,
                    source_detail=d + note,
                )
            )
        # cement (clinker) -----------------------------------------------------------------
        qc = cement.loc[r, "value"] * clinker_ratio
        prod.append(dict(region=r, sector="cement", year=BASE_YEAR, output_mt=qc,
                         source=f"assumption: NBS 2020 cement output x national clinker/cement ratio {clinker_ratio:.4f} "
                         f"(NBS 2020 clinker {NAT_CLINKER_OUTPUT_2020_MT:.0f} Mt / cement sum; transcribed, verify)",
                         source_detail=f"cement {cement.loc[r, 'value']} Mt via {cement.loc[r, 'source']}; provincial "
                         "clinker output not in a citable table here"))  # fmt: skip
        cc = qc / clinker_util
        b = BACKWARD_SHARE["cement"]
        csrc = (
            f"assumption: clinker output / national clinker utilisation {clinker_util:.3f} (clinker capacity about "
            f"{NAT_CLINKER_CAPACITY_2020_MT:.0f} Mt/yr at end-2020, China Cement Association; transcribed, verify)"
        )
        cap.append(
            dict(
                region=r,
                sector="cement",
                technology="clinker_backward",
                capacity_mt=cc * b,
                source=csrc,
                source_detail=f"{b:.0%} backward share (assumption)",
            )
        )
        cap.append(
            dict(
                region=r,
                sector="cement",
                technology="clinker_dry",
                capacity_mt=cc * (1 - b),
                source=csrc,
                source_detail="",
            )
        )
        # aluminium ------------------------------------------------------------------------
        share = float(al_share.get(r, 0.0))
        has = r in alcap.index and share > 0
        al_src = "Rick10119/PyPSA-China data/p_nom/al_smelter_p_max.csv via shared province_industry_output.csv"
        # sector output = primary + recycled aluminium (both meet the sector's demand)
        primary, recycled, al_prod_src, al_prod_detail = al_out[r]
        prod.append(
            dict(
                region=r,
                sector="aluminium",
                year=BASE_YEAR,
                output_mt=primary + recycled,
                source=al_prod_src,
                source_detail=al_prod_detail,
            )
        )
        # recycled-aluminium plants: capacity such that splitting the province's output by
        # capacity (the calibration's rule) reproduces its primary/recycled split
        cap.append(
            dict(
                region=r,
                sector="aluminium",
                technology="secondary_aluminium",
                capacity_mt=recycled / SMELTER_UTILISATION_2020,
                source="assumption: 2020 recycled output (industry_production source) / the smelters' 2020 "
                f"national utilisation {SMELTER_UTILISATION_2020:.3f} (NBS primary {NAT_PRIMARY_AL_OUTPUT_2020_MT} Mt "
                f"/ {AL_CAPACITY_CEILING_MT:.0f} Mt capacity), so that capacity shares equal output shares",
                source_detail="real remelters ran at lower utilisation (SMM: about 50 % of ~23 Mt capacity in "
                "2024, read), so idle recycled capacity is under-stated",
            )
        )
        b = BACKWARD_SHARE["aluminium"]
        asrc = (
            f"{al_src}, scaled to the 45 Mt/yr national cap (assumption: the 2024 list describes the 2020 fleet)"
            if has
            else "assumption: no smelter listed in this province"
        )
        cap.append(
            dict(
                region=r,
                sector="aluminium",
                technology="smelter_backward",
                capacity_mt=AL_CAPACITY_CEILING_MT * share * b,
                source=asrc,
                source_detail=f"{b:.0%} backward share (assumption)",
            )
        )
        cap.append(
            dict(
                region=r,
                sector="aluminium",
                technology="smelter",
                capacity_mt=AL_CAPACITY_CEILING_MT * share * (1 - b),
                source=asrc,
                source_detail="",
            )
        )
        # flat glass -----------------------------------------------------------------------
        if r in glass.index:
            qg = glass.loc[r, "value"] * T_PER_WEIGHT_CASE
            prod.append(
                dict(
                    region=r,
                    sector="flat_glass",
                    year=BASE_YEAR,
                    output_mt=qg,
                    source=f"{nbs}, flat glass, via {glass.loc[r, 'source']}",
                    source_detail=f"{glass.loc[r, 'value']} million weight cases x 0.05 t",
                )
            )
        else:
            qg = 0.0
            prod.append(
                dict(
                    region=r,
                    sector="flat_glass",
                    year=BASE_YEAR,
                    output_mt=0.0,
                    source="assumption: zero, NBS publishes no flat-glass series for this province",
                    source_detail="Shanghai and Tibet have no series in the export",
                )
            )
        gsrc = (
            f"assumption: output / utilisation {GLASS_UTILISATION_2020} (float lines in operation were roughly "
            "three quarters of listed capacity around 2020, idle lines included; no provincial float-line capacity "
            "table in the shared data; replace with China Architectural and Industrial Glass Association line data)"
        )
        b = BACKWARD_SHARE["flat_glass"]
        gc = qg / GLASS_UTILISATION_2020
        cap.append(
            dict(
                region=r,
                sector="flat_glass",
                technology="float_backward",
                capacity_mt=gc * b,
                source=gsrc,
                source_detail=f"{b:.0%} backward share (assumption)",
            )
        )
        cap.append(
            dict(
                region=r,
                sector="flat_glass",
                technology="float",
                capacity_mt=gc * (1 - b),
                source=gsrc,
                source_detail="",
            )
        )
    # every other technology: explicit zero base capacity so the grid is complete
    have = {(c["region"], c["sector"], c["technology"]) for c in cap}
    for sector, techs in LIFE.items():
        for tech in techs:
            for r in PROVINCES:
                if (r, sector, tech) not in have:
                    cap.append(dict(region=r, sector=sector, technology=tech, capacity_mt=0.0,
                                    source="definition: new technology, no base-year capacity",
                                    source_detail=""))  # fmt: skip
    return frame(prod), frame(cap)


def build_replacement_ratios() -> pd.DataFrame:
    """MIIT capacity-replacement ratios per sector and case."""
    steel = "MIIT, 钢铁行业产能置换实施办法 (工信部原〔2021〕46号, in force 2021-06-01)"
    cg = "MIIT, 水泥玻璃行业产能置换实施办法 (工信部原〔2021〕80号, in force 2021-08-01)"
    al = "MIIT, 关于电解铝企业通过兼并重组等方式实施产能置换有关事项的通知 (工信部原〔2018〕12号): equal (1:1) replacement"
    data = [
        ("steel", "key_region", 1.5, steel, ""),
        ("steel", "other", 1.25, steel, ""),
        (
            "steel",
            "cross_province",
            1.25,
            f"assumption: the steel rules set no separate cross-province ratio; the "
            f"receiving region's ordinary ratio applies ({steel})",
            "",
        ),
        ("cement", "key_region", 2.0, cg, ""),
        ("cement", "other", 1.5, cg, ""),
        ("cement", "cross_province", 2.0, cg, "cross-province clinker replacement at least 2:1"),
        ("flat_glass", "key_region", 1.25, cg, ""),
        (
            "flat_glass",
            "other",
            1.0,
            cg,
            "photovoltaic rolled glass needs no replacement (not modelled here)",
        ),
        (
            "flat_glass",
            "cross_province",
            1.25,
            f"assumption: cross-province flat glass at the key-region ratio ({cg})",
            "",
        ),
        ("aluminium", "key_region", 1.0, al, ""),
        ("aluminium", "other", 1.0, al, ""),
        ("aluminium", "cross_province", 1.0, al, ""),
    ]
    return frame(
        dict(sector=s, case=c, ratio=v, source=src, source_detail=d) for s, c, v, src, d in data
    )


# retrofit tranches: (sector, carrier, tranche, max_share, cost, detail)
RETROFITS = [
    (
        "steel",
        "coal",
        1,
        0.30 * 25 / 800,
        1500,
        "30 % of BF capacity below the baseline (NDRC 2022 guide) raised by ~25 kgce/t to the baseline 435 kgce/t; "
        "as a share of the route's 800 kgce/t",
    ),
    (
        "steel",
        "coal",
        2,
        (385 - 361) / 800,
        3000,
        "BF average ~385 kgce/t (CISA members, 2020) to the benchmark 361 kgce/t; as a share of 800 kgce/t",
    ),
    (
        "cement",
        "coal",
        1,
        0.24 * (125 - 117) / 108,
        1500,
        "24 % of clinker capacity below the baseline (NDRC 2022 guide) at ~125 to the baseline 117 kgce/t; average ~108",
    ),
    (
        "cement",
        "coal",
        2,
        (108 - 100) / 108 - 0.24 * (125 - 117) / 108,
        3000,
        "average ~108 kgce/t to the benchmark 100 kgce/t, less tranche 1",
    ),
    (
        "aluminium",
        "electricity",
        1,
        0.24 * (13.7 - 13.35) / 13.54,
        500,
        "24 % of smelter capacity below the baseline (NDRC 2022 guide) at ~13.7 to the baseline 13.35 MWh/t; average 13.54",
    ),
    (
        "aluminium",
        "electricity",
        2,
        (13.54 - 13.0) / 13.54 - 0.24 * (13.7 - 13.35) / 13.54,
        1000,
        "average 13.54 MWh/t to the benchmark 13.0 MWh/t, less tranche 1",
    ),
    (
        "flat_glass",
        "gas",
        1,
        0.08 * (13.5 - 12) / 11,
        1500,
        "8 % of capacity below the baseline (NDRC 2022 guide) at ~13.5 to the baseline 12 kgce/case; average ~11",
    ),
    (
        "flat_glass",
        "gas",
        2,
        (11 - 8) / 11 - 0.08 * (13.5 - 12) / 11,
        3000,
        "average ~11 kgce/case to the benchmark 8 kgce/case, less tranche 1",
    ),
    ("flat_glass", "oil", 1, 0.08 * (13.5 - 12) / 11, 1500, "as flat_glass gas tranche 1"),
    (
        "flat_glass",
        "oil",
        2,
        (11 - 8) / 11 - 0.08 * (13.5 - 12) / 11,
        3000,
        "as flat_glass gas tranche 2",
    ),
]


def build_retrofit_measures() -> pd.DataFrame:
    """Efficiency tranches per sector and carrier (C14)."""
    rows = []
    for sector, carrier, tranche, share, cost, detail in RETROFITS:
        unit = "MWh/yr" if carrier == "electricity" else "tce/yr"
        rows.append(
            dict(
                measure=f"{sector}_{carrier}_t{tranche}", sector=sector, carrier=carrier, tranche=tranche,
                max_share=round(share, 4), cost_cny_per_unit_saved=float(cost), lifetime_years=15.0,
                source=f"max_share: {transcribed(NDRC_1609)} and shares of capacity below the baseline from "
                f"{NDRC_2022_200}; cost and 15-year lifetime: assumption (simple payback of 2-4 years at 2020 "
                f"energy prices, tranche 2 dearer); unit saved {unit}",
                source_detail=f"tranche {tranche}: {'today to baseline (基准)' if tranche == 1 else 'baseline to benchmark (标杆)'}; "
                f"{detail}; fleet averages are assumptions",
            )
        )  # fmt: skip
    return frame(rows)


# ---------------------------------------------------------------------------------------------
