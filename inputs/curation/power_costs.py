"""Price basis of the power capex, capacity credits and hydro/nuclear fleet ages (power_technologies).

The PyPSA-China-PIK cost file states no currency year on most rows; the model's documentation does
(EUR2015), a few rows state their own (2020). Capexes are brought to 2020 prices with the euro-area
HICP before the EUR->CNY conversion at the ECB 2020 rate, one rule for all seven technologies.
"""

from __future__ import annotations

from common import BASE_YEAR, CNY_PER_EUR_2020, FX_SOURCE

PIK_REPO = "pik-piam/PyPSA-China-PIK@25c83bfb37"
TECHDATA_V062 = "PyPSA/technology-data@f7b4022e18 (v0.6.2)"
TECHDATA_HEAD = "PyPSA/technology-data@634cdc1a56"

# ---------------------------------------------------------------------------------------------
# capex price basis
# ---------------------------------------------------------------------------------------------

# euro-area all-items HICP, annual average rate of change in %, Eurostat prc_hicp_aind (read)
EA_HICP_RATE_PCT: dict[int, float] = {2016: 0.2, 2017: 1.5, 2018: 1.8, 2019: 1.2, 2020: 0.3}
HICP_SOURCE = (
    "Eurostat, HICP annual data prc_hicp_aind, euro area, all-items annual average rate of change "
    f"(extract of 13 Feb 2026 shipped in {TECHDATA_HEAD}:inputs/prc_hicp_aind__custom_20097956_"
    "spreadsheet.xlsx; read)"
)
PIK_DOC_EUR2015 = (
    f"{PIK_REPO}:docs/configuration.md ('tech costs are now in Euro2015 from DK EA') and "
    "workflow/scripts/constants.py (CURRENCY = 'Eur'  # 2015)"
)
# the PIK rows taken from technology-data carry that project's v0.6.2 values (CCGT 880, hydro 2208.16,
# offshore wind 1804.77 are identical), whose config.yaml sets eur_year: 2015 and leaves DEA rows at
# DEA's own 2015 basis
TECHDATA_EUR2015 = f"{TECHDATA_V062}:config.yaml eur_year: 2015 (DEA rows left at DEA's 2015 basis)"

# price year of each PIK investment figure and the reading that gives it
PIK_PRICE_YEAR: dict[str, tuple[int, str]] = {
    "coal": (2015, f"no year on the row; the model's currency is EUR2015 ({PIK_DOC_EUR2015})"),
    "CCGT": (2015, f"Danish Energy Agency row; {TECHDATA_EUR2015}; {PIK_DOC_EUR2015}"),
    "hydro": (2015, f"DIW row: 2000 EUR2010/kW x 1.02^5 = 2208.16 EUR2015/kW, {TECHDATA_EUR2015}"),
    "nuclear": (
        2015,
        "no year on the row; the model's currency is EUR2015 "
        f"({PIK_DOC_EUR2015}). The unit column says USD/kW_e but the figure is EUR: 2800 USD/kW "
        f"(Columbia CGEP 2023, row 'PyPSA-China_new' of {PIK_REPO}:resources/data/costs/reference_costs/"
        "tech_costs_subset_litreview.csv) x USD_TO_EUR = 0.90 (workflow/notebooks/update_cost_data.ipynb); "
        "read as EUR here",
    ),
    "solar": (
        2020,
        "row states '[2020-MEUR/MW_e]'; the figure is 3600 CNY/kW (Sun et al. 2020 baseline, "
        f"row 'PyPSA-China_new' of {PIK_REPO}:resources/data/costs/reference_costs/"
        "tech_costs_subset_litreview.csv) x CNY_TO_EUR = 0.12 (workflow/notebooks/update_cost_data.ipynb)",
    ),
    "onwind": (2015, f"no year on the row; the model's currency is EUR2015 ({PIK_DOC_EUR2015})"),
    "offwind": (
        2020,
        f"unit states 'EUR/kW_e, 2020' (Danish Energy Agency); {TECHDATA_HEAD}:outputs/costs_2020.csv "
        "gives this row currency_year 2020",
    ),
}


def hicp_factor(from_year: int, to_year: int = BASE_YEAR) -> float:
    """Euro-area HICP ratio to_year / from_year, chained from the annual average rates."""
    factor = 1.0
    for year in range(from_year + 1, to_year + 1):
        factor *= 1.0 + EA_HICP_RATE_PCT[year] / 100.0
    return factor


def capex_cny_2020(pik_tech: str, value: float, unit: str) -> tuple[float, str]:
    """PIK investment figure in CNY/kW at 2020 prices.

    Parameters
    ----------
    pik_tech : str
        Technology name in the PIK cost file.
    value : float
        The file's investment value, per kW.
    unit : str
        The file's unit (EUR..., or USD/kW_e for nuclear, which is EUR, see ``PIK_PRICE_YEAR``).

    Returns
    -------
    tuple[float, str]
        CNY per kW at 2020 prices and the calculation for ``source_detail``.
    """
    year, basis = PIK_PRICE_YEAR[pik_tech]
    factor = hicp_factor(year)
    eur_2020 = value * factor
    rates = ", ".join(f"{y} {r} %" for y, r in EA_HICP_RATE_PCT.items() if year < y <= BASE_YEAR)
    deflate = (
        f"x {factor:.4f} (euro-area HICP {year}->{BASE_YEAR}: {rates}; {HICP_SOURCE})"
        if year < BASE_YEAR
        else "already 2020 prices"
    )
    detail = (
        f"{value} {unit} at {year} prices ({basis}); {deflate} = {eur_2020:.2f} EUR2020/kW x "
        f"{CNY_PER_EUR_2020} CNY per EUR ({FX_SOURCE})"
    )
    return eur_2020 * CNY_PER_EUR_2020, detail


# ---------------------------------------------------------------------------------------------
# capacity credits (C13: sum_g cc_g gcap >= (1 + margin) peak load)
# ---------------------------------------------------------------------------------------------

SWITCH_CHINA = "switch-model/switch-china-open-model@a93a4b9a9f"
SWITCH_209 = "switch-model/switch@6c81834ecc (tag 2.0.9)"
_FIRM_SOURCE = (
    f"SWITCH-China (He et al. 2020, Nat. Commun. 11:2486): {SWITCH_CHINA}:inputs/modules.txt "
    "(switch_model.balancing.planning_reserves on), inputs/planning_reserve_requirements.csv; "
    f"{SWITCH_209}:switch_model/balancing/planning_reserves.py (gen_capacity_value_default)"
)
_FIRM_DETAIL = (
    "read: each province holds sum(capacity x capacity value) >= (1 + 0.15) x demand in its peak-load "
    "timepoint, the form of C13; non-variable generators count at capacity value 1.0 (module default, "
    "SWITCH-China supplies no reserve_capacity_value.csv), forced outages being covered by the margin"
)
_VRE_BASIS = (
    "SWITCH-China credits wind and solar with their capacity factor in the provincial peak-load "
    "timepoint, but that profile file (inputs/variable_capacity_factors.csv) is not in the stored "
    f"snapshot of {SWITCH_CHINA}; no China figure with the C13 meaning was read"
)
CAPACITY_CREDIT: dict[str, tuple[float, str, str]] = {
    "coal": (1.0, _FIRM_SOURCE, _FIRM_DETAIL),
    "gas": (1.0, _FIRM_SOURCE, _FIRM_DETAIL),
    "nuclear": (1.0, _FIRM_SOURCE, _FIRM_DETAIL),
    "hydro": (
        1.0,
        _FIRM_SOURCE,
        _FIRM_DETAIL + "; hydro is non-variable there, so dry-season water limits (which Chinese "
        "capacity balances deduct as restricted capacity) are not in this credit",
    ),
    "solar_pv": (
        0.05,
        "assumption: capacity credit 0.05 (evening peaks after sunset; low end of values used in "
        "planning studies)",
        _VRE_BASIS,
    ),
    "onshore_wind": (
        0.1,
        "assumption: capacity credit 0.1 (low end of values used in planning studies)",
        _VRE_BASIS,
    ),
    "offshore_wind": (
        0.15,
        "assumption: capacity credit 0.15 (steadier offshore wind; low end of planning values)",
        _VRE_BASIS,
    ),
}

# ---------------------------------------------------------------------------------------------
# fleet ages of hydro and nuclear (the PIK vintages cover neither)
# ---------------------------------------------------------------------------------------------

# MW (design net) entering commercial operation per year, Chinese mainland reactors operating by
# end-2020: 48 reactors, sums of the rows of cristianst85/GeoNuclearData@1bc8b4ac10 (IAEA PRIS / WNA
# based, ODbL) data/csv/denormalized/nuclear_power_plants.csv; CEFR (20 MW, no date) left out
NUCLEAR_MW_BY_COD_YEAR: dict[int, float] = {
    1994: 2149, 2002: 2237, 2003: 1627, 2004: 610, 2007: 1980, 2010: 1626, 2011: 1626, 2013: 2079,
    2014: 5100, 2015: 5680, 2016: 6680, 2017: 2000, 2018: 8241, 2019: 3786, 2020: 1000,
}  # fmt: skip
# conventional hydro MW by start year, sum over provinces of Hydro_NonPumped rows with start year
# <= 2020 in switch-model/switch-china-open-model@a93a4b9a9f:database/existing_plants.csv
HYDRO_MW_BY_START_YEAR: dict[int, float] = {
    1981: 1581.8, 1982: 1012.0, 1983: 1179.0, 1984: 1414.8, 1985: 805.6, 1986: 1100.4, 1987: 2603.6,
    1988: 2466.0, 1989: 1847.0, 1990: 1444.2, 1991: 1797.9, 1992: 2750.9, 1993: 3841.5, 1994: 4391.7,
    1995: 3065.3, 1996: 3340.4, 1997: 4077.3, 1998: 5236.6, 1999: 6485.0, 2000: 6485.0, 2001: 4073.7,
    2002: 6344.5, 2003: 5321.8, 2004: 12930.0, 2005: 16410.0, 2006: 8720.0, 2007: 18320.0,
    2008: 24540.0, 2009: 23740.0, 2010: 19760.0, 2011: 14466.3, 2012: 18543.0, 2013: 31346.1,
    2014: 22486.0, 2015: 18005.0, 2016: 14966.6, 2017: 11717.6, 2020: 12290.0,
}  # fmt: skip


def mean_age_years(mw_by_year: dict[int, float]) -> float:
    """Capacity-weighted mean of BASE_YEAR - commissioning year (the convention of ``_fleet_age``)."""
    total = sum(mw_by_year.values())
    return sum((BASE_YEAR - y) * mw for y, mw in mw_by_year.items()) / total


def fleet_ages() -> dict[str, tuple[float, str, str]]:
    """Hydro and nuclear fleet age at 2020 with source and detail.

    Returns
    -------
    dict[str, tuple[float, str, str]]
        technology -> (age in years, source, source_detail).
    """
    nuc_gw = sum(NUCLEAR_MW_BY_COD_YEAR.values()) / 1000.0
    hyd_gw = sum(HYDRO_MW_BY_START_YEAR.values()) / 1000.0
    return {
        "nuclear": (
            mean_age_years(NUCLEAR_MW_BY_COD_YEAR),
            "cristianst85/GeoNuclearData@1bc8b4ac10:data/csv/denormalized/nuclear_power_plants.csv "
            "(commercial operation dates and design net capacity per reactor, from IAEA PRIS / WNA; ODbL)",
            f"read: capacity-weighted mean of {BASE_YEAR} - commercial-operation year over the 48 mainland "
            f"reactors operating by end-{BASE_YEAR}, {nuc_gw:.1f} GW net (power_capacity: 50.1 GW); same "
            "year convention as the coal/gas ages; counted in days to 31 Dec 2020 it is 7.3 years",
        ),
        "hydro": (
            mean_age_years(HYDRO_MW_BY_START_YEAR),
            f"{SWITCH_CHINA}:database/existing_plants.csv (SWITCH-China existing plants, "
            "Hydro_NonPumped, CC BY-NC-SA 4.0)",
            f"read: capacity-weighted mean of {BASE_YEAR} - start year, {hyd_gw:.0f} GW with start year "
            f"<= {BASE_YEAR} (power_capacity: 334 GW); caveat: the 1981-1998 rows "
            "spread each province's older stock over those years by one national profile and nothing "
            "predates 1981, so the age of the oldest plants is understated",
        ),
    }
