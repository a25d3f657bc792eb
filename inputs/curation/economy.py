"""Economy table: provincial GDP and industrial value added, 2020."""

from __future__ import annotations

import pandas as pd
from common import (
    BASE_YEAR,
    NAT_GDP_2020_100M,
    NAT_INDUSTRY_2020_100M,
    NAT_SECONDARY_2020_100M,
    NBS_COMMUNIQUE_2020,
    PROVINCES,
    Shared,
    frame,
    series,
)

# ---------------------------------------------------------------------------------------------
# economy
# ---------------------------------------------------------------------------------------------


def build_economy(sh: Shared) -> pd.DataFrame:
    """GDP (NBS latest vintage) and industrial value added, 2020, bn CNY current prices."""
    eco = sh.read("province_economy.csv")
    nbs = eco["source"].str.startswith("pik-piam/PyPSA-China-PIK")
    gdp = series(eco[nbs], year=BASE_YEAR, variable="gdp")
    wind = eco[~nbs]
    va_ind = series(wind, year=BASE_YEAR, variable="va_industry")
    va_sec = series(wind, year=BASE_YEAR, variable="va_secondary_industry")
    ratio_ind_sec = NAT_INDUSTRY_2020_100M / NAT_SECONDARY_2020_100M
    ratio_ind_gdp = NAT_INDUSTRY_2020_100M / NAT_GDP_2020_100M
    rows = []
    for r in PROVINCES:
        g = gdp.loc[r]
        rows.append(
            dict(
                region=r, year=BASE_YEAR, variable="gdp", value_bn_cny=g["value"] / 10.0,
                source=f"National Bureau of Statistics, regional GDP (data.stats.gov.cn E0103, latest "
                f"revised vintage) via {g['source']}",
                source_detail=f"original {g['value']} 100 million CNY, current prices",
            )
        )  # fmt: skip
        if r in va_ind.index:
            v = va_ind.loc[r]
            rows.append(
                dict(
                    region=r, year=BASE_YEAR, variable="va_industry", value_bn_cny=v["value"] / 10.0,
                    source=f"provincial statistics bureau quarterly accounts (Wind export) via {v['source']}",
                    source_detail=f"original {v['value']} 100 million CNY, current prices; "
                    "first-published vintage (GDP row uses the NBS latest vintage)",
                )
            )  # fmt: skip
        elif r in va_sec.index:
            v = va_sec.loc[r]
            rows.append(
                dict(
                    region=r, year=BASE_YEAR, variable="va_industry",
                    value_bn_cny=v["value"] * ratio_ind_sec / 10.0,
                    source="assumption: provincial secondary-industry value added x national ratio "
                    f"industry/secondary = {ratio_ind_sec:.4f} ({NBS_COMMUNIQUE_2020}: industry "
                    f"{NAT_INDUSTRY_2020_100M:,.0f}, secondary {NAT_SECONDARY_2020_100M:,.0f} (100 million CNY))",
                    source_detail=f"provincial industrial VA not in the shared extract; secondary VA "
                    f"{v['value']} 100 million CNY from {v['source']}; national figures transcribed, verify",
                )
            )  # fmt: skip
        else:
            rows.append(
                dict(
                    region=r, year=BASE_YEAR, variable="va_industry",
                    value_bn_cny=g["value"] * ratio_ind_gdp / 10.0,
                    source="assumption: provincial GDP x national ratio industry/GDP = "
                    f"{ratio_ind_gdp:.4f} ({NBS_COMMUNIQUE_2020})",
                    source_detail="no usable secondary-industry series for this province in the shared "
                    "extract (Xinjiang's series are mislabelled there); replace with the China "
                    "Statistical Yearbook 2021 'Gross Regional Product by industry'",
                )
            )  # fmt: skip
    return frame(rows)
