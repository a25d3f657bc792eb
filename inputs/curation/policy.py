"""Policy tables: targets, supply security, circular resources, carbon border, carbon prices."""

from __future__ import annotations

import numpy as np
import pandas as pd
from common import (
    CNY_PER_EUR_2020,
    FX_SOURCE,
    NAT_GDP_2020_100M,
    NAT_INDUSTRY_2020_100M,
    NBS_COMMUNIQUE_2020,
    PERIODS,
    PROVINCES,
    Shared,
    frame,
)
from industry import DEMAND_PATH
from targets_validation import build_provincial_targets, national_target_rows

# targets, supply security, circular resources, carbon border, carbon prices
# ---------------------------------------------------------------------------------------------

XI_UNGA = "Xi Jinping, statement at the general debate of the 75th UN General Assembly, 22 Sep 2020"
NDC_2021 = "China's Achievements, New Goals and New Measures for Nationally Determined Contributions (UNFCCC, 28 Oct 2021)"
FYP14 = "Outline of the 14th Five-Year Plan (2021-2025) for National Economic and Social Development, March 2021"


def build_targets() -> pd.DataFrame:
    """National targets with their documents (2060 residual emissions as a stated assumption), the
    2030 intensity arithmetic, and each province's 14th-FYP intensity target."""
    data = [
        (
            "national",
            "China",
            2030,
            "co2_peak_year",
            2030,
            "year",
            XI_UNGA,
            "peak CO2 emissions before 2030",
        ),
        (
            "national",
            "China",
            2060,
            "carbon_neutrality_year",
            2060,
            "year",
            XI_UNGA,
            "carbon neutrality before 2060",
        ),
        (
            "national",
            "China",
            2030,
            "co2_intensity_reduction_vs_2005",
            0.65,
            "share",
            NDC_2021,
            "CO2 per unit GDP down by over 65 % from 2005",
        ),
        (
            "national",
            "China",
            2030,
            "non_fossil_share_primary_energy",
            0.25,
            "share",
            NDC_2021,
            "around 25 %",
        ),
        (
            "national",
            "China",
            2030,
            "wind_solar_capacity_min",
            1200.0,
            "GW",
            NDC_2021,
            "over 1,200 GW",
        ),
        (
            "national",
            "China",
            2025,
            "co2_intensity_reduction_vs_2020",
            0.18,
            "share",
            FYP14,
            "binding target, 2021-2025",
        ),
        (
            "national",
            "China",
            2025,
            "energy_intensity_reduction_vs_2020",
            0.135,
            "share",
            FYP14,
            "binding target, 2021-2025",
        ),
        (
            "national",
            "China",
            2060,
            "residual_emissions_balanced_by_sinks",
            1100.0,
            "MtCO2/yr",
            "assumption: residual CO2 in 2060 balanced by sinks equal to the net LULUCF sink reported for 2014 "
            "(about 1.1 GtCO2e, China's Second Biennial Update Report on Climate Change, 2018; transcribed, verify)",
            "no official residual-emission figure; sensitivity advised",
        ),
    ]
    national = frame(dict(scope=s, region=r, year=y, target=t, value=float(v), unit=u, source=src, source_detail=d)
                     for s, r, y, t, v, u, src, d in data)  # fmt: skip
    return pd.concat(
        [national, frame(national_target_rows()), build_provincial_targets()], ignore_index=True
    )


def build_supply_security() -> pd.DataFrame:
    """C20: domestic output floors (neutral 1.0) and an industry VA share floor."""
    rows = []
    for s in DEMAND_PATH:
        for y in PERIODS:
            rows.append(dict(sector=s, year=y, domestic_output_floor_share=1.0, industry_va_share_floor=np.nan,
                             source="assumption: neutral floor (domestic output at least national demand D, which "
                             "already includes net exports)", source_detail=""))  # fmt: skip
    floor = {2025: 0.28, 2030: 0.27, 2035: 0.26}
    for y in PERIODS:
        v = floor.get(y, 0.25)
        rows.append(dict(sector="all_industry", year=y, domestic_output_floor_share=np.nan, industry_va_share_floor=v,
                         source=f"assumption: {FYP14} asks to keep manufacturing's share 'basically stable'; industry "
                         f"was {NAT_INDUSTRY_2020_100M / NAT_GDP_2020_100M:.1%} of GDP in 2020 ({NBS_COMMUNIQUE_2020}); "
                         "floor eased slowly", source_detail=""))  # fmt: skip
    return frame(rows)


CIRCULAR_PLAN = "NDRC, 十四五循环经济发展规划 (发改环资〔2021〕969号)"


def build_circular_resources(production: pd.DataFrame) -> pd.DataFrame:
    """C21: national scrap and recycled aluminium; provincial steel slag for waste raw meal."""
    rows = []
    scrap = dict(zip(PERIODS, (320, 360, 400, 430, 460, 480, 500, 510), strict=True))
    ral = dict(zip(PERIODS, (11.5, 14, 17, 20, 22, 24, 26, 28), strict=True))
    for y in PERIODS:
        rows.append(dict(resource="steel_scrap", region="China", year=y, available_mt=float(scrap[y]),
                         source=(f"{CIRCULAR_PLAN}: scrap steel utilisation 320 Mt by 2025 (transcribed, verify)" if y == 2025
                                 else "assumption: growing obsolete scrap as the steel stock ages (2025 plan value, then "
                                 "+8 %..+2 % per 5 years)"), source_detail=""))  # fmt: skip
        rows.append(dict(resource="recycled_aluminium", region="China", year=y, available_mt=float(ral[y]),
                         source=(f"{CIRCULAR_PLAN}: recycled aluminium output 11.5 Mt by 2025 (transcribed, verify)" if y == 2025
                                 else "assumption: recycled aluminium grows with end-of-life scrap after the 2025 plan value"),
                         source_detail=""))  # fmt: skip
    st = production[production["sector"] == "steel"].set_index("region")["output_mt"]
    base = st.sum()
    for r in PROVINCES:
        for y, d in zip(PERIODS, DEMAND_PATH["steel"], strict=True):
            rows.append(dict(resource="solid_waste", region=r, year=y, available_mt=0.12 * st[r] * d / base,
                             source="assumption: steel slag about 0.12 t per t crude steel, 2020 provincial output scaled "
                             "with national steel demand; carbide slag not included",
                             source_detail=f"2020 crude steel {st[r]:.2f} Mt"))  # fmt: skip
    return frame(rows)


CBAM_FREE = {2025: 1.0, 2030: 0.515}  # 2035+: 0
EU_ETS_EUR = {2025: 80, 2030: 100, 2035: 120, 2040: 140, 2045: 150, 2050: 160, 2055: 170, 2060: 180}
EXPORT_SHARE = {
    "steel": (
        0.05,
        "steel products exports 2020 about 54 Mt (General Administration of Customs; transcribed, verify) "
        "/ crude steel 1,065 Mt; all exports, an upper bound on EU (CBAM) exposure",
    ),
    "aluminium": (
        0.11,
        "unwrought aluminium and products exports 2020 about 4.9 Mt (GACC; transcribed, verify) / "
        "primary + recycled output ~44 Mt; upper bound on EU exposure",
    ),
    "cement": (0.001, "cement and clinker exports are negligible (< 0.1 % of output)"),
    "flat_glass": (
        0.05,
        "flat glass exports small; not covered by CBAM (assumption: share kept for reporting)",
    ),
}


def build_carbon_border() -> pd.DataFrame:
    """C23 export exposure, CBAM free-allocation phase-out and an EU ETS price path."""
    rows = []
    for s, (share, basis) in EXPORT_SHARE.items():
        covered = s != "flat_glass"
        for y in PERIODS:
            fa = CBAM_FREE.get(y, 0.0) if covered else 1.0
            rows.append(
                dict(
                    sector=s, year=y, export_share=share, free_allocation_share=fa,
                    cbam_price_cny_per_t=EU_ETS_EUR[y] * CNY_PER_EUR_2020 if covered else 0.0,
                    source=f"export_share: assumption, {basis}; free_allocation_share: Regulation (EU) 2023/956 "
                    "(CBAM) Art. 31 with Directive 2003/87/EC Art. 10a(1a) as amended by Directive (EU) 2023/959 "
                    "(free allocation factor 2026 97.5 %, 2030 51.5 %, 2034 0 %; 2025 before CBAM payment: 100 %); "
                    "price: assumption EU ETS path in EUR/t x 2020 exchange rate",
                    source_detail=f"EU ETS price assumption {EU_ETS_EUR[y]} EUR/tCO2 ({FX_SOURCE})"
                    + ("" if covered else "; flat glass is not a CBAM good"),
                )
            )  # fmt: skip
    return frame(rows)


def build_carbon_prices(sh: Shared) -> pd.DataFrame:
    """Carbon price paths (CNY/tCO2) of the steel decarbonisation model, three scenarios."""
    cp = sh.read("from-open-models/carbon_price_scenarios.csv")
    return pd.DataFrame(
        dict(scenario=cp["scenario"], year=cp["Year"], carbon_price_cny_per_t=cp["carbon_price_cny_per_t"].astype(float),
             source=cp["source"], source_detail="scenario paths of that study; not an official forecast")
    )  # fmt: skip
