"""Observed industry after the base year: output 2021-2023 by province and national route shares.

``industry_production`` gains the observed years 2021-2023 (C25 history; the calibration keeps
reading the base year). ``industry_route_shares`` holds the published share of a sector's national
output made by one technology (EAF steel, recycled aluminium) for 2020-2023; technologies without a
row share the remainder in proportion to their base capacity (the model's rule).

Aluminium output here is primary (electrolytic) plus recycled aluminium, the two routes that meet
the sector's demand. Neither is published by province in the shared data: the national NBS primary
figure is shared out by provincial smelter capacity, the national recycled figure (China Nonferrous
Metals Industry Association) by provincial output of aluminium products (铝材), where remelters sit.
"""

from __future__ import annotations

import pandas as pd
from common import (
    BASE_YEAR,
    NAT_CLINKER_OUTPUT_2020_MT,
    NAT_PRIMARY_AL_OUTPUT_2020_MT,
    PROVINCES,
    T_PER_WEIGHT_CASE,
    Shared,
    frame,
    series,
)

OBSERVED_YEARS: tuple[int, ...] = (2021, 2022, 2023)
NBS_OUTPUT = "National Bureau of Statistics, industrial output (enterprises above designated size)"

# --- national primary (electrolytic) aluminium, Mt: NBS annual output ---------------------------
PRIMARY_AL_MT = {2020: NAT_PRIMARY_AL_OUTPUT_2020_MT, 2021: 38.50, 2022: 40.21, 2023: 41.59}
PRIMARY_AL_SRC = {
    2020: "NBS 2020 原铝(电解铝) 3,708万吨 (transcribed, verify)",
    2021: "NBS: 2021 primary aluminium 38.5 Mt, +4.8 % (alcircle, Jan 2022; 3,850万吨 in cnal.com; read)",
    2022: "NBS: 2022 primary aluminium 40.21 Mt, +4.5 % (European Aluminium via metalpackager.com, Jan 2023; read)",
    2023: "NBS: 2023 primary aluminium 41.59 Mt, +3.7 % (Reuters, 17 Jan 2024; read)",
}
# --- national recycled (secondary) aluminium, Mt: CNIA recycled-metal branch ---------------------
# 2024 is national only (validation): no provincial split and no primary row of industry_history
RECYCLED_AL_MT = {2020: 7.40, 2021: 8.00, 2022: 8.65, 2023: 9.45, 2024: round(0.24 * 44.0, 2)}
RECYCLED_AL_SRC = {
    2020: "China Nonferrous Metals Industry Association: recycled aluminium 2020 7.40 Mt (+2.1 %) (中商产业研究院 "
    "report citing CNIA; read)",
    2021: "CNIA recycled-metal branch: recycled aluminium 2021 about 8.0 Mt (transcribed, verify)",
    2022: "CNIA recycled-metal branch: recycled aluminium 2022 about 8.65 Mt (transcribed, verify)",
    2023: "CNIA recycled-metal branch: recycled aluminium 2023 about 9.45 Mt (transcribed, verify; consistent with "
    "the branch's H1 2023 estimate of >4.5 Mt, +9 % y/y, BIR non-ferrous World Mirror 2023, read)",
    2024: "derived: CNIA press conference (Workers' Daily, reporter Jiang Han, mid-2025; copy read at gdmsci.cn): "
    "recycled aluminium in 2024 'about 24 % of electrolytic aluminium output' x NBS 2024 primary aluminium 44.0 Mt "
    "(Bloomberg via energyconnects.com, read) = 10.56 Mt (the rounded ratio leaves about +-0.2 Mt); the same report: "
    "H1 2025 recycled aluminium 5.60 Mt, +10.89 % y/y",
}
# --- EAF share of crude steel (national) ---------------------------------------------------------
EAF_SHARE = {2020: 0.090, 2021: 0.106, 2022: 0.097, 2023: 0.099}
EAF_SRC = {
    2020: "China EAF steel 2020 96 Mt, 9.0 % of crude steel, -1.4 points on 2019 (Japan Metal Daily, 7 Apr 2021, "
    "citing Chinese industry statistics; read)",
    2021: "worldsteel, World Steel in Figures 2022: China electric-furnace share of crude steel 2021 10.6 % "
    "(transcribed, verify)",
    2022: "worldsteel, World Steel in Figures 2023: China electric-furnace share 2022 9.7 % (transcribed, verify; "
    "SteelMint put it at 12 % (read), CISRI at 'less than 10 %' in 2025 (Mysteel, read))",
    2023: "worldsteel, World Steel in Figures 2024: China electric-furnace share 2023 9.9 % (transcribed, verify)",
}
EAF_CAVEAT = (
    "Chinese EAFs also charge hot metal: the statistical EAF share is an upper bound on pure scrap-EAF "
    "output; the model's scrap_eaf route is pure scrap"
)

# clinker-to-cement ratio: only the 2020 NBS clinker total was available (1,579 Mt); later years
# keep the 2020 ratio (assumption), the ratio moves by about a point a year at most.
CLINKER_RATIO_BASIS = (
    "assumption: NBS cement output x the 2020 national clinker/cement ratio {ratio:.4f} (NBS 2020 clinker "
    "1,579 Mt / cement sum; transcribed, verify); NBS clinker totals for 2021-2023 were not found, so the "
    "2020 ratio is kept"
)

# --- scrap used by the routes vs what China consumed and had ---------------------------------------
SCRAP_OBSERVED = {
    2020: (
        230.0,
        260.0,
        "MPI (Li Xinchuang, Nov 2021; read): consumption ~230 Mt, statistical supply ~260 Mt",
    ),
    2021: (
        226.21,
        270.0,
        "CAMU (SteelOrbis, Apr 2023; read): consumption 226.21 Mt, supply 270 Mt",
    ),
    2022: (
        215.31,
        260.0,
        "CAMU (SteelOrbis, Apr 2023; read): consumption 215.31 Mt, supply 260 Mt",
    ),
}


def _shares(values: pd.Series) -> pd.Series:
    """Provincial shares of a national total (all 31 provinces, zero where no series)."""
    s = values.reindex(list(PROVINCES)).fillna(0.0)
    return s / s.sum()


def smelter_shares(sh: Shared) -> pd.Series:
    """Provincial shares of electrolytic smelter capacity (Rick10119 list, 2024)."""
    out = sh.read("province_industry_output.csv")
    return _shares(series(out, variable="electrolytic_aluminium_capacity")["value"])


def remelter_shares(sh: Shared, year: int) -> pd.Series:
    """Provincial shares of NBS aluminium-products (铝材) output of ``year``, where remelters sit."""
    out = sh.read("province_industry_output.csv")
    return _shares(series(out, year=year, variable="aluminium_products_output")["value"])


def aluminium_output(sh: Shared, year: int) -> dict[str, tuple[float, float, str, str]]:
    """Primary and recycled aluminium by province, Mt: region -> (primary, recycled, source, detail)."""
    smelter, remelter = smelter_shares(sh), remelter_shares(sh, year)
    al_src = "Rick10119/PyPSA-China data/p_nom/al_smelter_p_max.csv via shared province_industry_output.csv"
    semis_src = (
        "energyandcleanair/china_co2@4043449a84:inst/csv/Output_of_electricity_intensive_products_by_province.csv "
        f"('Refined Aluminous Materials' = 铝材, {year}) via shared province_industry_output.csv"
    )
    rows = {}
    for r in PROVINCES:
        p = PRIMARY_AL_MT[year] * smelter[r]
        c = RECYCLED_AL_MT[year] * remelter[r]
        src = (
            f"assumption: primary = {PRIMARY_AL_SRC[year]} x province share of smelter capacity ({al_src}); "
            f"recycled = {RECYCLED_AL_SRC[year]} x province share of aluminium-products output ({semis_src})"
        )
        detail = (
            f"primary {p:.3f} Mt (share {smelter[r]:.4f}) + recycled {c:.3f} Mt (share {remelter[r]:.4f}); "
            "provincial primary and recycled output are not in a citable table; smelter shares are from "
            "2024 capacity"
        )
        rows[r] = (p, c, src, detail)
    return rows


def build_observed_production(sh: Shared) -> pd.DataFrame:
    """``industry_production`` rows for 2021-2023 (same columns as the base-year rows)."""
    out = sh.read("province_industry_output.csv")
    cement20 = series(out, year=BASE_YEAR, variable="cement_output")["value"]
    ratio = NAT_CLINKER_OUTPUT_2020_MT / cement20.sum()
    rows = []
    for year in OBSERVED_YEARS:
        steel = series(out, year=year, variable="crude_steel_output")
        cement = series(out, year=year, variable="cement_output")
        glass = series(out, year=year, variable="flat_glass_output")
        al = aluminium_output(sh, year)
        for r in PROVINCES:
            if r in steel.index:
                rows.append(dict(region=r, sector="steel", year=year, output_mt=steel.loc[r, "value"],
                                 source=f"{NBS_OUTPUT}, {year}, crude steel, via {steel.loc[r, 'source']}",
                                 source_detail=""))  # fmt: skip
            else:
                rows.append(dict(region=r, sector="steel", year=year, output_mt=0.0,
                                 source=f"{NBS_OUTPUT}: no crude-steel output reported for {year} (zero in the export)",
                                 source_detail=""))  # fmt: skip
            rows.append(dict(region=r, sector="cement", year=year, output_mt=cement.loc[r, "value"] * ratio,
                             source=CLINKER_RATIO_BASIS.format(ratio=ratio),
                             source_detail=f"cement {cement.loc[r, 'value']} Mt ({year}) via {cement.loc[r, 'source']}"))  # fmt: skip
            p, c, src, detail = al[r]
            rows.append(dict(region=r, sector="aluminium", year=year, output_mt=p + c, source=src,
                             source_detail=detail))  # fmt: skip
            if r in glass.index:
                rows.append(dict(region=r, sector="flat_glass", year=year,
                                 output_mt=glass.loc[r, "value"] * T_PER_WEIGHT_CASE,
                                 source=f"{NBS_OUTPUT}, {year}, flat glass, via {glass.loc[r, 'source']}",
                                 source_detail=f"{glass.loc[r, 'value']} million weight cases x 0.05 t"))  # fmt: skip
            else:
                rows.append(dict(region=r, sector="flat_glass", year=year, output_mt=0.0,
                                 source="assumption: zero, NBS publishes no flat-glass series for this province",
                                 source_detail="Shanghai and Tibet have no series in the export"))  # fmt: skip
    return frame(rows)


def with_observed_years(sh: Shared, production: pd.DataFrame) -> pd.DataFrame:
    """The base-year ``industry_production`` followed by the observed years 2021-2023."""
    return pd.concat([production, build_observed_production(sh)], ignore_index=True)


def build_route_shares() -> pd.DataFrame:
    """``industry_route_shares``: published national output shares by technology, 2020-2023."""
    rows = []
    for year in (BASE_YEAR, *OBSERVED_YEARS):
        rows.append(dict(region="China", sector="steel", technology="scrap_eaf", year=year,
                         share=EAF_SHARE[year], source=EAF_SRC[year], source_detail=EAF_CAVEAT))  # fmt: skip
        total = PRIMARY_AL_MT[year] + RECYCLED_AL_MT[year]
        rows.append(dict(region="China", sector="aluminium", technology="secondary_aluminium", year=year,
                         share=RECYCLED_AL_MT[year] / total,
                         source=f"recycled / (primary + recycled): {RECYCLED_AL_SRC[year]}; {PRIMARY_AL_SRC[year]}",
                         source_detail=f"{RECYCLED_AL_MT[year]} / ({PRIMARY_AL_MT[year]} + {RECYCLED_AL_MT[year]}) Mt"))  # fmt: skip
    return frame(rows)


def scrap_balance(
    technologies: pd.DataFrame, production: pd.DataFrame, route_shares: pd.DataFrame
) -> list[str]:
    """Scrap the routes would have used in the observed years against what China used and had."""
    tech = technologies[technologies["parameter"] == "scrap_t_per_t"].set_index(
        ["sector", "technology"]
    )["value"]
    steel = production[production["sector"] == "steel"].groupby("year")["output_mt"].sum()
    eaf = route_shares[route_shares["technology"] == "scrap_eaf"].set_index("year")["share"]
    lines = []
    for year, (used, supply, src) in SCRAP_OBSERVED.items():
        q = steel[year]
        need = (
            q * eaf[year] * tech[("steel", "scrap_eaf")]
            + q * (1 - eaf[year]) * tech[("steel", "bf_bof")]
        )
        lines.append(
            f"scrap {year}: routes x observed shares {need:6.1f} Mt; consumed {used:6.1f}, supply {supply:6.1f} "
            f"({src}); within supply: {need <= supply}"
        )
    return lines


def industry_report(t: dict[str, pd.DataFrame]) -> list[str]:
    """Report lines: observed national output by sector, route shares, scrap balance, materials cost."""
    prod = t["industry_production"]
    lines = ["industry output by year (sum over provinces), Mt:"]
    wide = prod.pivot_table(index="sector", columns="year", values="output_mt", aggfunc="sum")
    for sector, row in wide.iterrows():
        cells = "  ".join(f"{y} {v:8.1f}" for y, v in row.items())
        lines.append(f"  {sector:<11} {cells}")
    lines.append(
        "  references: crude steel NBS 1,035 (2021, CISA/NBS), 1,018 (2022), 1,019 (2023) Mt (transcribed, "
        "verify; 2022 1,017.95 Mt read in CAMU/SteelOrbis); aluminium = NBS primary + CNIA recycled"
    )
    if "industry_route_shares" in t:
        rs = t["industry_route_shares"]
        for (sector, tech), g in rs.groupby(["sector", "technology"]):
            cells = ", ".join(f"{int(y)} {s:.1%}" for y, s in zip(g.year, g.share, strict=True))
            lines.append(f"route share {sector}/{tech}: {cells}")
        lines.extend(scrap_balance(t["industry_technologies"], prod, rs))
    tech = t["industry_technologies"]
    mat = tech[tech.parameter == "materials_cny_per_t"]
    lines.append(
        "materials_cny_per_t (CNY 2020/t): "
        + ", ".join(f"{r.technology} {r.value:,.0f}" for r in mat.itertuples())
    )
    return lines
