"""Observed national power generation by technology and its largest observed yearly fall, for
the first-period floor of C24-C25 (``power_generation_inertia``).

The model's first period must start from what statistics show (MODEL.md C25) and may fall only as
fast as C24 allows. The lead's row reads: national generation of technology g in the first period
>= (1 - delta_g) ** (first_period - observed_year) * observed national generation of g. This table
gives the observed generation and delta_g for the dispatchable technologies (wind and solar follow
their anchored capacity and need no row).

All figures come from one China Electricity Council (CEC) basis, the national December
year-to-date series exported from Wind and stored in energyandcleanair/china_co2 (read; series ids
named row by row). The series has no generation by fuel, so generation is derived as CEC defines its
utilisation hours (generation over the year's average capacity): mean of year-start and year-end
installed capacity x the year's utilisation hours, the rule ``national_statistics`` already uses
for coal. The model's coal is all non-gas thermal (thermal minus gas), so its row is CEC thermal
generation minus CEC gas generation, both derived the same way.

delta_g is the largest year-on-year fall of the derived national generation over the years the
series covers; a technology that never fell gets 100 (no floor). No other rule is applied.
"""

from __future__ import annotations

import pandas as pd
from common import frame

CREA_COMMIT = "4043449a84"
CEC_FILE = f"energyandcleanair/china_co2@{CREA_COMMIT}:inst/csv/generation-consumption-utilization-capacity.csv"
#: the series ids in that file: (capacity, utilisation hours) per CEC category
SERIES = {
    "thermal": ("S5151659", "S0048329"),
    "gas": ("S5151689", "S5151694"),
    "hydro": ("S5151658", "S0048328"),
    "nuclear": ("S5151660", "S5120200"),
}

# December year-to-date values as read in CEC_FILE; capacity in 10 MW (as exported) / 100 = GW.
# Capacity starts one year before the hours used, because the mean capacity needs the year start.
CAPACITY_10MW: dict[str, dict[int, float]] = {
    "thermal": {2012: 81554, 2013: 86496, 2014: 91819, 2015: 100050, 2016: 106094, 2017: 110604,
                2018: 114408, 2019: 118957, 2020: 124517, 2021: 129678, 2022: 133239, 2023: 139032,
                2024: 144445.3},
    "gas": {2017: 7570, 2018: 8375, 2019: 9024, 2020: 9802, 2021: 10859, 2022: 11485, 2023: 12562,
            2024: 14367.12},
    "hydro": {2012: 24945, 2013: 27975, 2014: 30444, 2015: 31937, 2016: 33207, 2017: 34119,
              2018: 35259, 2019: 35804, 2020: 37016, 2021: 39092, 2022: 41350, 2023: 42154,
              2024: 43594.6},
    "nuclear": {2012: 1257, 2013: 1461, 2014: 2008, 2015: 2717, 2016: 3364, 2017: 3582, 2018: 4466,
                2019: 4874, 2020: 4989, 2021: 5326, 2022: 5553, 2023: 5691, 2024: 6082.52},
}  # fmt: skip
HOURS: dict[str, dict[int, float]] = {
    "thermal": {2013: 5012, 2014: 4739.02, 2015: 4364, 2016: 4165, 2017: 4208.9, 2018: 4361,
                2019: 4307, 2020: 4216, 2021: 4448, 2022: 4379, 2023: 4466, 2024: 4400.37},
    "gas": {2018: 2767, 2019: 2646, 2020: 2618, 2021: 2814, 2022: 2429, 2023: 2436, 2024: 2363.18},
    "hydro": {2013: 3318, 2014: 3669.08, 2015: 3590, 2016: 3621, 2017: 3578.93, 2018: 3613,
              2019: 3697, 2020: 3827, 2021: 3622, 2022: 3412, 2023: 3133, 2024: 3349.42},
    "nuclear": {2013: 7893.49, 2014: 7787.01, 2015: 7403, 2016: 7042, 2017: 7107.94, 2018: 7184,
                2019: 7394, 2020: 7453, 2021: 7802, 2022: 7616, 2023: 7670, 2024: 7683.49},
}  # fmt: skip

#: caveats that a reader of the row needs (basis differences against the model's technology)
CAVEAT = {
    "coal": "all non-gas thermal (coal, biomass, oil, waste heat ...), as the model's coal; NBS thermal above "
    "designated size (S0027018) is 6,343.8 TWh in 2024 against CEC-derived thermal {thermal:,.1f} TWh",
    "gas": "CEC gas-fired plants (>= 6 MW); the model's provincial gas capacity is the Global Gas Plant "
    "Tracker's (units >= 50 MW): 124.2 GW in 2023-2024 against CEC's 125.6 GW at end-2023, 143.7 GW at "
    "end-2024",
    "hydro": "CEC hydropower includes pumped storage (capacity and generation; conventional hydro "
    "S5151687 is 375.2 of 432.1 GW in Nov 2024); the model's hydro excludes pumped storage, so this figure "
    "overstates the model basis by the pumped-storage generation (not in the series)",
    "nuclear": "CEC nuclear",
}


def derived_generation_twh(category: str) -> dict[int, float]:
    """National generation of a CEC category, TWh per year, from capacity and utilisation hours.

    Parameters
    ----------
    category : str
        ``thermal``, ``gas``, ``hydro`` or ``nuclear`` (a key of :data:`SERIES`).

    Returns
    -------
    dict[int, float]
        year -> (capacity at year start + at year end) / 2 [GW] x hours [h] / 1000, for every year
        with hours and both capacities.
    """
    cap_gw = {y: v / 100.0 for y, v in CAPACITY_10MW[category].items()}
    return {
        y: (cap_gw[y - 1] + cap_gw[y]) / 2.0 * h / 1000.0
        for y, h in sorted(HOURS[category].items())
        if y - 1 in cap_gw and y in cap_gw
    }


def model_generation_twh() -> dict[str, dict[int, float]]:
    """Derived national generation per model technology (coal = thermal minus gas), TWh per year.

    Returns
    -------
    dict[str, dict[int, float]]
        technology -> year -> TWh; coal only for the years where gas is also derived.
    """
    thermal, gas = derived_generation_twh("thermal"), derived_generation_twh("gas")
    return {
        "coal": {y: thermal[y] - gas[y] for y in gas if y in thermal},
        "gas": gas,
        "hydro": derived_generation_twh("hydro"),
        "nuclear": derived_generation_twh("nuclear"),
    }


def largest_fall(series: dict[int, float]) -> tuple[float, int] | None:
    """Largest year-on-year fall of a yearly series, in per cent.

    Parameters
    ----------
    series : dict[int, float]
        year -> value, consecutive years.

    Returns
    -------
    tuple[float, int] or None
        (fall in %, positive; the year in which it happened) or None if the series never fell.
    """
    years = sorted(series)
    falls = [
        (100.0 * (1.0 - series[y] / series[y - 1]), y)
        for y in years[1:]
        if y - 1 in series and series[y] < series[y - 1]
    ]
    return max(falls) if falls else None


def build_power_generation_inertia() -> pd.DataFrame:
    """``power_generation_inertia``: observed national generation and largest observed fall.

    Returns
    -------
    pandas.DataFrame
        One row per technology (coal, gas, hydro, nuclear) with ``technology``,
        ``observed_year``, ``observed_generation_twh``, ``max_decline_pct_per_yr``, ``source``,
        ``source_detail``.
    """
    gen = model_generation_twh()
    thermal = derived_generation_twh("thermal")
    rows = []
    for tech, series in gen.items():
        year = max(series)
        categories = ("thermal", "gas") if tech == "coal" else (tech,)
        ids = "; ".join(
            f"{c} capacity {SERIES[c][0]}, {c} utilisation hours {SERIES[c][1]}" for c in categories
        )
        parts = []
        for c in categories:
            cap = CAPACITY_10MW[c]
            parts.append(f"{c}: ({cap[year - 1] / 100:.2f} + {cap[year] / 100:.2f}) / 2 GW x "
                         f"{HOURS[c][year]:,.2f} h = {derived_generation_twh(c)[year]:,.1f} TWh")  # fmt: skip
        arithmetic = "; ".join(parts)
        if tech == "coal":
            arithmetic += f"; coal = thermal - gas = {series[year]:,.1f} TWh"
        record = ", ".join(f"{y} {v:,.1f}" for y, v in sorted(series.items()))
        fall = largest_fall(series)
        if fall is None:
            decline = 100.0
            basis = f"no fall observed {min(series)}-{max(series)}: no floor"
        else:
            decline = round(fall[0], 2)
            y = fall[1]
            basis = (
                f"largest fall {decline:.2f} %/yr, {y - 1}->{y} ({series[y - 1]:,.1f} -> {series[y]:,.1f} TWh): "
                f"generation of {tech} has not fallen faster than this in the observed record "
                f"{min(series)}-{max(series)}"
            )
        rows.append(
            dict(
                technology=tech,
                observed_year=year,
                observed_generation_twh=round(series[year], 1),
                max_decline_pct_per_yr=decline,
                source=f"{CEC_FILE}, CEC national series (Wind export), December year-to-date: {ids} (read)",
                source_detail=(
                    "derived: mean of year-start and year-end capacity x utilisation hours (CEC defines "
                    "utilisation hours as generation over the year's average capacity; transcribed, verify "
                    f"against the CEC statistical manual); {arithmetic}; {basis}; derived series, TWh: "
                    f"{record}; {CAVEAT[tech].format(thermal=thermal[year])}"
                ),
            )
        )
    return frame(rows)
