"""Fuel prices from Chinese market data (coal, gas, oil), in CNY per tce at 2020 prices.

``build_fuels`` (power module) keeps the IPCC emission factors; :func:`with_market_prices` replaces
its PyPSA-China-PIK prices, which were European/IEA values, by the Chinese price that a plant or
furnace in China pays. Each price is converted to tce with the national standard calorific values
and deflated to 2020 money with the consumer price index, so that it matches the project's
currency year.
"""

from __future__ import annotations

import pandas as pd

# --- conversion factors ------------------------------------------------------------------------
# 1 tce = 7,000 kcal (GB/T 2589-2020), so a tonne of 5,500 kcal/kg thermal coal is 5500/7000 tce.
KCAL_PER_KG_TCE = 7000.0
COAL_KCAL_PER_KG = 5500.0
# GB/T 2589-2020 reference coefficients (transcribed, verify): crude oil 1.4286 kgce/kg,
# natural gas 1.2143 kgce/m3 (1.1000-1.3300 for different gas fields)
TCE_PER_T_CRUDE = 1.4286
KGCE_PER_M3_GAS = 1.2143
GBT2589 = (
    "GB/T 2589-2020 综合能耗计算通则, appendix reference coefficients (crude oil 1.4286 kgce/kg, "
    "natural gas 1.2143 kgce/m3, 1 kgce = 7,000 kcal); transcribed, verify against the original"
)

# NBS consumer price index, change on the previous year (statistical communiqués 2021-2023;
# transcribed, verify): used only to bring 2021-2023 money back to the 2020 currency year.
CPI_CHANGE = {2021: 0.009, 2022: 0.020, 2023: 0.002}
CPI_SOURCE = (
    "NBS statistical communiqués 2021-2023: CPI +0.9 % (2021), +2.0 % (2022), +0.2 % (2023); "
    "transcribed, verify"
)


def cpi_factor(year: int) -> float:
    """Price level of ``year`` relative to 2020 (1.0 for 2020 and earlier)."""
    f = 1.0
    for y, g in CPI_CHANGE.items():
        if y <= year:
            f *= 1.0 + g
    return f


# --- coal: the NDRC medium/long-term contract band that has governed thermal-coal prices since
# May 2022. The 2017-2021 contract benchmark (535 CNY/t) was abolished; spot prices in 2021-2022
# were far above the band and fell back into it, so the band's midpoint is the price a planner
# can defend for coal bought over the horizon.
COAL_BAND_CNY_PER_T = (570.0, 770.0)
COAL_BAND_YEAR = 2022
COAL_SOURCE = (
    "NDRC, 关于进一步完善煤炭市场价格形成机制的通知 (发改价格〔2022〕303号, 24 Feb 2022, in force "
    "1 May 2022): reasonable range of medium/long-term contract prices for 5,500 kcal thermal coal "
    "at Qinhuangdao port 570-770 CNY/t (read in Reuters/CNA, 24 Feb 2022, and Zhongxin Finance, "
    "27 Apr 2022); midpoint taken"
)
COAL_CROSSCHECK = (
    "cross-checks (read): 2017-2021 long-term contract benchmark 535 CNY/t and the 2022 draft "
    "benchmark 700 CNY/t (S&P Global Platts, 3 Dec 2021); Bohai-Rim Steam-Coal Price Index "
    "574 CNY/t on 9 Dec 2020 (Xinhua via cctdcoal.com); 535 CNY/t = "
    f"{535 * KCAL_PER_KG_TCE / COAL_KCAL_PER_KG:.0f} CNY/tce"
)

# --- gas: NDRC benchmark city-gate price for non-residential users, built from the announced
# adjustments: 2.35 CNY/m3 after the Sep 2013 increase, -0.70 in Nov 2015, -0.10 in Sep 2017.
GAS_CITY_GATE_CNY_PER_M3 = 2.35 - 0.70 - 0.10
GAS_SOURCE = (
    "NDRC non-residential city-gate benchmark prices: 2.35 CNY/m3 after the 2013 adjustment "
    "(Xinhua, 2013), cut by 0.70 CNY/m3 from 20 Nov 2015 and by 0.10 CNY/m3 from 1 Sep 2017 "
    "(NDRC announcements as reported by China Daily/Xinhua; read) = 1.55 CNY/m3; "
    "assumption: + 0.35 CNY/m3 provincial pipeline and distribution to industrial users "
    "(basis: provincial distribution tariffs of a few tenths of a CNY per m3; the city-gate "
    "price may also float up to +20 % in winter)"
)
GAS_DELIVERY_CNY_PER_M3 = 0.35

# --- oil: average customs price of imported crude, January-July 2023 (the latest period read).
OIL_CNY_PER_T = 3977.2
OIL_YEAR = 2023
OIL_SOURCE = (
    "General Administration of Customs: average price of imported crude oil January-July 2023 "
    "3,977.2 CNY/t (Xinhua, 14 Aug 2023; read)"
)


def market_prices() -> dict[str, tuple[float, str, str]]:
    """Price in CNY/tce at 2020 prices, source and detail, per fuel."""
    coal_t = sum(COAL_BAND_CNY_PER_T) / 2
    coal_tce_nominal = coal_t * KCAL_PER_KG_TCE / COAL_KCAL_PER_KG
    coal = coal_tce_nominal / cpi_factor(COAL_BAND_YEAR)
    gas_m3 = GAS_CITY_GATE_CNY_PER_M3 + GAS_DELIVERY_CNY_PER_M3
    gas = gas_m3 / KGCE_PER_M3_GAS * 1000.0
    oil_nominal = OIL_CNY_PER_T / TCE_PER_T_CRUDE
    oil = oil_nominal / cpi_factor(OIL_YEAR)
    return {
        "coal": (
            coal,
            COAL_SOURCE,
            f"{coal_t:.0f} CNY/t x {KCAL_PER_KG_TCE:.0f}/{COAL_KCAL_PER_KG:.0f} = "
            f"{coal_tce_nominal:.1f} CNY/tce ({COAL_BAND_YEAR} money) / CPI factor "
            f"{cpi_factor(COAL_BAND_YEAR):.4f} = {coal:.1f} CNY/tce at 2020 prices ({CPI_SOURCE}; "
            f"{GBT2589}); {COAL_CROSSCHECK}; port price incl. VAT, before rail/sea freight to the plant",
        ),
        "gas": (
            gas,
            GAS_SOURCE,
            f"{gas_m3:.2f} CNY/m3 / {KGCE_PER_M3_GAS} kgce/m3 = {gas:.1f} CNY/tce ({GBT2589}); "
            "benchmarks set in 2015-2017 money, not deflated (CPI 2017-2020 +7 %, within the "
            "price's spread between provinces)",
        ),
        "oil": (
            oil,
            OIL_SOURCE,
            f"{OIL_CNY_PER_T} CNY/t / {TCE_PER_T_CRUDE} tce/t = {oil_nominal:.1f} CNY/tce "
            f"({OIL_YEAR} money) / CPI factor {cpi_factor(OIL_YEAR):.4f} = {oil:.1f} CNY/tce at "
            f"2020 prices ({CPI_SOURCE}; {GBT2589}); crude at the border, before refining: heavy "
            "fuel oil and petroleum coke burnt in glass furnaces trade near this level",
        ),
    }


def with_market_prices(fuels: pd.DataFrame) -> pd.DataFrame:
    """``fuels`` with Chinese market prices; the IPCC emission factors and their source are kept.

    Parameters
    ----------
    fuels : pandas.DataFrame
        The table of :func:`power.build_fuels` (fuel, emission factor, price, source, detail).

    Returns
    -------
    pandas.DataFrame
        Same rows and columns; ``price_cny_per_tce`` and the price parts of ``source`` and
        ``source_detail`` replaced.
    """
    out = fuels.copy()
    prices = market_prices()
    for i, row in out.iterrows():
        price, source, detail = prices[row["fuel"]]
        # keep the emission-factor half of the original source text, replace the price half
        ef_source = str(row["source"]).split("; price:")[0]
        ef_detail = str(row["source_detail"]).split("; price")[0]
        out.at[i, "price_cny_per_tce"] = price
        out.at[i, "source"] = f"{ef_source}; price: {source}"
        out.at[i, "source_detail"] = f"{ef_detail}; price: {detail}"
    return out
