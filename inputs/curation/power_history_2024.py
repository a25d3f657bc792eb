"""Provincial power capacity at the end of 2024, the year the shared CEC extract stops short of.

The shared extract (``province_power_capacity.csv``) keeps the December values 2015-2023 of the CEC
provincial series (plants >= 6 MW, Wind export) stored in energyandcleanair/china_co2. The same
file, at the same commit, also holds the monthly values of 2024. Without them the first period
(2025) knew its provinces only as they stood at the end of 2023, and a national 2025 total to
fill: the plan put 2024's additions wherever they were cheapest (Inner Mongolia 162 GW of solar in
2025 against 48 GW standing at the end of 2024), which no analyst would accept on a map of 2025.

The figures below were read from that file (``cec_2024_from_export`` recomputes them; the 127 series
were matched by their Wind ID against the 2023 values of the shared extract, which they equal to
the last digit):

* thermal, hydro, solar and nuclear: December 2024 (year-end, as the earlier years);
* wind: November 2024. The export (updated 2 Jan 2025) has 0.00 in December for every wind series,
  i.e. not yet released; farms standing in November stand at year-end, so the value is a floor for
  year-end 2024 (national sum 491.6 GW against 520.7 GW at year-end, CEC).

The splits the series do not report follow the 2021-2023 rules of ``power_history`` where their
inputs reach 2024, and are held at 2023 where they do not; each row says which.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from common import PROVINCES, frame
from power_fleet import CEC, CEC_GAS_GW, CEC_GAS_SOURCE, ZHOU, _cap2020

YEAR = 2024
CEC_SRC = "energyandcleanair/china_co2@4043449a84:inst/csv/power_capacity_by_province&type.csv"
MONTH = {"thermal": "2024-12", "hydro": "2024-12", "solar": "2024-12", "nuclear": "2024-12",
         "wind": "2024-11"}  # fmt: skip

#: GW, read in the CEC export named above (10^4 kW / 100); no nuclear key: no series (no plant, or
#: Shandong and Hainan, which the series omit); no hydro key: no hydro series (Shanghai, Tianjin, Tibet)
CEC_2024_GW: dict[str, dict[str, float]] = {
    "Anhui": {"thermal": 63.1341, "hydro": 6.1901, "solar": 43.1127, "wind": 8.68},
    "Beijing": {"thermal": 11.5277, "hydro": 1.011, "solar": 1.3033, "wind": 0.23},
    "Chongqing": {"thermal": 17.9385, "hydro": 9.1757, "solar": 3.0975, "wind": 2.33},
    "Fujian": {"thermal": 38.6062, "hydro": 17.2003, "solar": 12.5832, "wind": 7.93, "nuclear": 12.224},
    "Gansu": {"thermal": 26.1607, "hydro": 9.7141, "solar": 31.9083, "wind": 30.8},
    "Guangdong": {"thermal": 127.4032, "hydro": 19.047, "solar": 41.1554, "wind": 16.78, "nuclear": 16.136},
    "Guangxi": {"thermal": 30.2878, "hydro": 19.0387, "solar": 20.5235, "wind": 16.87, "nuclear": 4.532},
    "Guizhou": {"thermal": 40.0029, "hydro": 22.9845, "solar": 19.8561, "wind": 7.37},
    "Hainan": {"thermal": 8.5442, "hydro": 1.5142, "solar": 7.4083, "wind": 0.27},
    "Hebei": {"thermal": 55.8498, "hydro": 5.4389, "solar": 72.0241, "wind": 33.85},
    "Heilongjiang": {"thermal": 25.7693, "hydro": 2.3537, "solar": 7.1705, "wind": 13.67},
    "Henan": {"thermal": 74.2056, "hydro": 5.6307, "solar": 43.4908, "wind": 22.73},
    "Hubei": {"thermal": 40.8674, "hydro": 38.1205, "solar": 35.0996, "wind": 9.43},
    "Hunan": {"thermal": 30.1652, "hydro": 16.3725, "solar": 18.7337, "wind": 10.42},
    "Inner Mongolia": {"thermal": 121.0737, "hydro": 2.4469, "solar": 48.2087, "wind": 79.12},
    "Jiangsu": {"thermal": 109.5219, "hydro": 3.101, "solar": 61.6471, "wind": 23.16, "nuclear": 6.608},
    "Jiangxi": {"thermal": 31.6097, "hydro": 6.8001, "solar": 25.639, "wind": 6.15},
    "Jilin": {"thermal": 18.9107, "hydro": 6.4902, "solar": 5.8302, "wind": 15.6},
    "Liaoning": {"thermal": 40.1074, "hydro": 4.5551, "solar": 12.1394, "wind": 16.48, "nuclear": 6.6752},
    "Ningxia": {"thermal": 33.3483, "hydro": 0.4263, "solar": 26.2402, "wind": 15.03},
    "Qinghai": {"thermal": 4.1244, "hydro": 16.3959, "solar": 36.6305, "wind": 12.1},
    "Shaanxi": {"thermal": 62.6203, "hydro": 5.0734, "solar": 34.3297, "wind": 13.77},
    "Shandong": {"thermal": 121.2195, "hydro": 4.0686, "solar": 76.1344, "wind": 26.69},
    "Shanghai": {"thermal": 25.4209, "solar": 4.1144, "wind": 1.07},
    "Shanxi": {"thermal": 81.9774, "hydro": 2.2558, "solar": 34.7685, "wind": 26.01},
    "Sichuan": {"thermal": 21.6387, "hydro": 97.7003, "solar": 10.8231, "wind": 8.9},
    "Tianjin": {"thermal": 18.9371, "solar": 7.2413, "wind": 1.99},
    "Tibet": {"thermal": 0.4276, "solar": 4.1388, "wind": 0.53},
    "Xinjiang": {"thermal": 77.0758, "hydro": 11.1192, "solar": 56.7978, "wind": 40.88},
    "Yunnan": {"thermal": 14.3305, "hydro": 83.6036, "solar": 37.2302, "wind": 16.3},
    "Zhejiang": {"thermal": 71.6463, "hydro": 14.979, "solar": 47.2748, "wind": 6.45, "nuclear": 9.166},
}  # fmt: skip

_SHARED_SERIES = {
    "thermal (all fuels)": "thermal", "hydro (all hydropower as reported)": "hydro",
    "solar (all solar power)": "solar", "wind (onshore+offshore)": "wind", "nuclear": "nuclear",
}  # fmt: skip


def cec_2024_from_export(
    export_csv: Path, shared_capacity: pd.DataFrame
) -> dict[str, dict[str, float]]:
    """Recompute :data:`CEC_2024_GW` from the Wind export.

    Parameters
    ----------
    export_csv : Path
        ``inst/csv/power_capacity_by_province&type.csv`` of energyandcleanair/china_co2 at commit
        4043449a84 (eight header rows: ..., Name, ..., Unit, ID, ...; then one row per month).
    shared_capacity : pandas.DataFrame
        The shared ``province_power_capacity.csv``: its 2023 CEC rows name each series' Wind ID,
        and the export's December 2023 value must equal theirs.

    Returns
    -------
    dict
        province -> series -> GW, at the months of :data:`MONTH`.
    """
    raw = pd.read_csv(export_csv, header=None, dtype=str, encoding="utf-8-sig")
    column_of = {sid: col for col, sid in raw.iloc[:8].set_index(0).loc["ID"].items()}
    values = raw.iloc[8:].set_index(0)
    rows = shared_capacity[
        (shared_capacity["source"] == CEC_SRC) & (shared_capacity["year"] == 2023)
    ]
    out: dict[str, dict[str, float]] = {}
    for row in rows.itertuples(index=False):
        sid = str(row.source_detail).split("(S", 1)[1].split(")", 1)[0]
        col = column_of["S" + sid]
        if abs(float(values.loc["2023-12", col].replace(",", "")) / 100 - row.value) > 1e-6:
            raise ValueError(
                f"series S{sid} ({row.province}, {row.technology}): December 2023 differs"
            )
        series = _SHARED_SERIES[row.technology]
        gw = float(values.loc[MONTH[series], col].replace(",", "")) / 100
        out.setdefault(row.province, {})[series] = round(gw, 4)
    return out


def capacity_history_2024(sh, history: pd.DataFrame) -> pd.DataFrame:
    """Rows of year 2024 for ``power_capacity_history``, from :data:`CEC_2024_GW`.

    Parameters
    ----------
    sh : Shared
        The shared extracts (pumped storage of 2020, as in the 2021-2023 hydro rows).
    history : pandas.DataFrame
        The 2021-2023 rows of ``power_capacity_history``; 2023's gas and offshore rows are held.

    Returns
    -------
    pandas.DataFrame
        Columns region, technology, year, capacity_gw, source, source_detail.
    """
    h23 = history[history["year"] == YEAR - 1].set_index(["region", "technology"])
    h23_gw = h23["capacity_gw"]
    phs = _cap2020(sh)["phs"]
    src = f"{CEC} via {CEC_SRC}"
    rows = []

    def add(r: str, tech: str, gw: float, source: str, detail: str) -> None:
        rows.append(dict(region=r, technology=tech, year=YEAR, capacity_gw=max(gw, 0.0), source=source,
                         source_detail=detail))  # fmt: skip

    gas_2023_gw = float(h23_gw.xs("gas", level="technology").sum())
    for r in PROVINCES:
        cec = CEC_2024_GW[r]
        th = cec["thermal"]
        gas = min(float(h23_gw[r, "gas"]), th)
        add(r, "gas", gas, f"assumption: held at its 2023 row ({h23.loc[(r, 'gas'), 'source']})",
            "the GEM gas tracker (Feb 2023 release) does not cover 2024 commissioning; a gas unit standing in "
            "2023 stands in 2024, so the row is a floor; 2024 gas additions (if any) are counted in the coal "
            f"row; national {gas_2023_gw:.1f} GW against CEC {CEC_GAS_GW[YEAR]} GW ({CEC_GAS_SOURCE})")  # fmt: skip
        add(r, "coal", th - gas, f"{src}, thermal minus the gas row",
            f"thermal {th:.2f} GW ({MONTH['thermal']}; all fuels, incl. biomass/oil/CHP) - gas {gas:.3f} GW")  # fmt: skip
        if "hydro" in cec:
            p = float(phs.loc[r, "value"])
            add(r, "hydro", cec["hydro"] - p, f"{src} minus pumped storage ({ZHOU} via {phs.loc[r, 'source']})",
                f"all hydro {cec['hydro']:.2f} GW ({MONTH['hydro']}) - pumped storage {p:.2f} GW; pumped "
                "storage added after 2021 remains in this row, as in 2021-2023")  # fmt: skip
        else:
            add(r, "hydro", float(h23_gw[r, "hydro"]), h23.loc[(r, "hydro"), "source"],
                "no CEC hydro series for this province; held at its 2023 row")  # fmt: skip
        if "nuclear" in cec:
            add(r, "nuclear", cec["nuclear"], src, f"nuclear, plants >= 6 MW ({MONTH['nuclear']})")
        else:
            n = float(h23_gw[r, "nuclear"])
            add(r, "nuclear", n, h23.loc[(r, "nuclear"), "source"], "absent from the CEC series; held at its "
                "2023 row (a floor: the plants standing in 2023 stand in 2024)" if n > 0 else "")  # fmt: skip
        add(
            r,
            "solar_pv",
            cec["solar"],
            src,
            f"all solar power (utility and distributed), {MONTH['solar']}",
        )
        off = min(float(h23_gw[r, "offshore_wind"]), cec["wind"])
        add(r, "offshore_wind", off, f"assumption: held at its 2023 row ({h23.loc[(r, 'offshore_wind'), 'source']})",
            "no provincial offshore split for 2024 read; the farms of 2023 stand in 2024, so the row is a floor "
            "and 2024 offshore additions (if any) are counted in the onshore row" if off > 0 else "")  # fmt: skip
        add(r, "onshore_wind", cec["wind"] - off, f"{src}, minus the offshore_wind row",
            f"all wind {cec['wind']:.2f} GW at {MONTH['wind']} (December not yet in the export: a floor for "
            f"year-end 2024) - offshore {off:.3f} GW")  # fmt: skip
    return frame(rows)
