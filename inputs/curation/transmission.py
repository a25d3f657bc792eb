"""Transmission corridors between provinces."""

from __future__ import annotations

import math

import pandas as pd
from common import CNY_PER_EUR_2020, PIK, Shared, frame, pik_cost

# ---------------------------------------------------------------------------------------------
# transmission
# ---------------------------------------------------------------------------------------------

CAPITALS = {
    # provincial capital, approximate latitude/longitude (degrees)
    "Anhui": (31.86, 117.28), "Beijing": (39.90, 116.40), "Chongqing": (29.56, 106.55),
    "Fujian": (26.07, 119.30), "Gansu": (36.06, 103.83), "Guangdong": (23.13, 113.26),
    "Guangxi": (22.82, 108.32), "Guizhou": (26.65, 106.63), "Hainan": (20.04, 110.34),
    "Hebei": (38.04, 114.51), "Heilongjiang": (45.80, 126.53), "Henan": (34.75, 113.62),
    "Hubei": (30.59, 114.31), "Hunan": (28.23, 112.94), "Inner Mongolia": (40.84, 111.75),
    "Jiangsu": (32.06, 118.80), "Jiangxi": (28.68, 115.86), "Jilin": (43.82, 125.32),
    "Liaoning": (41.81, 123.43), "Ningxia": (38.49, 106.23), "Qinghai": (36.62, 101.78),
    "Shaanxi": (34.34, 108.94), "Shandong": (36.65, 117.12), "Shanghai": (31.23, 121.47),
    "Shanxi": (37.87, 112.55), "Sichuan": (30.57, 104.07), "Tianjin": (39.13, 117.20),
    "Tibet": (29.65, 91.14), "Xinjiang": (43.83, 87.62), "Yunnan": (25.04, 102.71),
    "Zhejiang": (30.27, 120.16),
}  # fmt: skip
ROUTE_FACTOR = 1.2
HVDC_MIN_KM = 800.0
CORRIDOR_LOSS_SHARE_PER_1000KM = 0.03
CORRIDOR_MAX_UTILISATION = 0.6


def _great_circle_km(a: str, b: str) -> float:
    (la1, lo1), (la2, lo2) = CAPITALS[a], CAPITALS[b]
    p1, p2, dl = math.radians(la1), math.radians(la2), math.radians(lo2 - lo1)
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 6371.0 * math.acos(min(1.0, max(-1.0, c)))


def build_transmission(sh: Shared) -> pd.DataFrame:
    """Directed corridors: existing pairs (edges_current) + zero-capacity adjacent pairs, both ways."""
    t = sh.read("transmission_corridors.csv")
    costs = sh.read("from-open-models/tech_power_costs.csv")
    line, lunit = pik_cost(costs, "HVDC overhead", "investment")
    conv, cunit = pik_cost(costs, "HVDC inverter pair", "investment")
    ac, _ = pik_cost(costs, "HVAC overhead", "investment")
    t["pair"] = [tuple(sorted(p)) for p in zip(t["from_province"], t["to_province"], strict=True)]
    fcg = t["source"].str.contains("FCG")
    current = t[~fcg].drop_duplicates("pair")
    extra = t[
        fcg & ~t["pair"].isin(set(current["pair"])) & (t["capacity_gw"] == 0)
    ].drop_duplicates("pair")
    rows = []
    for _, e in pd.concat([current, extra]).iterrows():
        a, b = e["pair"]
        km = _great_circle_km(a, b) * ROUTE_FACTOR
        if km >= HVDC_MIN_KM:
            capex = (line * km / 1000.0 + conv / 1000.0) * CNY_PER_EUR_2020
            kind = (f"HVDC: {line} {lunit} x {km:.0f} km + inverter pair {conv} {cunit}, per kW, x {CNY_PER_EUR_2020} "
                    "CNY/EUR")  # fmt: skip
        else:
            capex = ac * km / 1000.0 * CNY_PER_EUR_2020
            kind = f"HVAC: {ac} {lunit} x {km:.0f} km, per kW, x {CNY_PER_EUR_2020} CNY/EUR"
        loss = CORRIDOR_LOSS_SHARE_PER_1000KM * km / 1000.0
        for o, d in ((a, b), (b, a)):
            rows.append(
                dict(
                    from_region=o, to_region=d, capacity_gw=float(e["capacity_gw"]), loss_share=round(loss, 4),
                    max_utilisation=CORRIDOR_MAX_UTILISATION, capex_cny_per_kw=capex,
                    source=f"capacity: {e['source']} (undirected pair, expanded to both directions); loss_share "
                    f"and max_utilisation: assumption; capex: {PIK} (HVDC/HVAC overhead, HVDC inverter pair)",
                    source_detail=f"capacity original {e['capacity_gw']} GW ({'existing' if e['capacity_gw'] else 'zero-capacity candidate adjacent pair'}); "
                    f"distance = great-circle between provincial capitals x {ROUTE_FACTOR} route factor = {km:.0f} km "
                    f"(assumption); loss {CORRIDOR_LOSS_SHARE_PER_1000KM:.0%} per 1000 km (assumption, order of UHV "
                    f"line + converter losses); max_utilisation {CORRIDOR_MAX_UTILISATION} (assumption: annual energy "
                    f"over rated capacity, UHV lines run well below full load); capex {kind}",
                )
            )  # fmt: skip
    return frame(rows)


# ---------------------------------------------------------------------------------------------
