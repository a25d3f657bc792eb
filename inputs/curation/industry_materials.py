"""Non-energy material and operating cost of each industrial technology, CNY per t of product.

``materials_cny_per_t`` is everything a plant buys per tonne besides the fuels and electricity the
model prices itself: iron ore, scrap, coke's premium over steam coal, fluxes, alumina, anodes,
aluminium scrap, raw meal, soda ash ... plus the non-fuel variable operating cost. Without it the
model saw scrap as free and scrap-EAF steel as the cheapest route by far. Each component is listed
in ``source_detail`` with its quantity and price. Money: CNY at 2020 prices (prices of 2019-2020
read in market reports; where only a range was read, the value taken inside it is stated).
"""

from __future__ import annotations

from common import CNY_PER_EUR_2020, USD_PER_EUR_2020
from fuel_prices import market_prices

A = "assumption: "
CURRENCY = "CNY at 2020 prices"
ZZ = (
    "zzzzty29/China-s-Iron-and-Steel-Industry-Decarbonization-Model@2d93e01892:data_cost.xlsx "
    "(sheet 'Industrial Parameters')"
)
WORLDSTEEL_RAW = (
    "worldsteel, fact sheet 'Steel and raw materials' (edition with 2017 trade data, read in a copy on docslib.org): "
    "BF-BOF uses 1,370 kg iron ore, 780 kg metallurgical coal, 270 kg limestone and 125 kg "
    "recycled steel per t crude steel"
)

# --- prices (2020) --------------------------------------------------------------------------------
CNY_PER_USD_2020 = CNY_PER_EUR_2020 / USD_PER_EUR_2020
IRON_ORE_USD_PER_T = 101.7  # customs average of imported iron ore, 2020 (+7.3 % on 2019)
IRON_ORE_CNY_PER_T = IRON_ORE_USD_PER_T * CNY_PER_USD_2020
IRON_ORE_SRC = (
    "General Administration of Customs: average price of imported iron ore 2020 101.7 USD/t "
    "(Hellenic Shipping News via maritime-network.com, 23 Feb 2021; read) x 2020 CNY/USD from the "
    "ECB annual averages 7.8747 CNY/EUR / 1.1422 USD/EUR (transcribed, verify)"
)
SCRAP_CNY_PER_T = 2600.0
SCRAP_SRC = (
    "assumption: 2020 heavy steel scrap delivered to mills about 2,600 CNY/t incl. VAT (basis, read: "
    "Fastmarkets assessments 2,690-2,800 CNY/t in January 2020 and 2,200-2,360 CNY/t on 10 April 2020, "
    "the 20-month low; SteelOrbis national HMS average 3,225 CNY/t in Feb 2021; CAMU 2022 annual "
    "average 3,310 CNY/t)"
)
LIMESTONE_CNY_PER_T = 840.0  # zzzzty29 'Limestone price' (flux as burnt lime/limestone)
COKE_CNY_PER_T = 1816.0  # MIIT: average price of >40 mm metallurgical coke, H1 2020
COKE_SRC = (
    "MIIT: average price of metallurgical coke (>40 mm) 1,816 CNY/t in H1 2020 (SteelOrbis, "
    "21 Aug 2020; read)"
)
TCE_PER_T_COKE = 0.9714  # GB/T 2589-2020 reference coefficient (transcribed, verify)
COKE_T_PER_T_STEEL = 0.32  # ~350 kg coke per t hot metal x ~0.92 t hot metal per t BOF steel
ZZ_OPERATING_CNY_PER_T = 700.0  # zzzzty29 'Operating Cost', the same for every route
ALUMINA_CNY_PER_T = 2300.0
ALUMINA_SRC = (
    "assumption: 2020 average alumina price about 2,300 CNY/t (basis, read: SMM spot 2,437 CNY/t on "
    "31 Dec 2019; Shanxi 2,070 CNY/t on 20 Apr 2020 and about 2,500 CNY/t in Aug 2020 (SMM via CM "
    "Group); SMM weighted full cost 2,188 CNY/t in Q1-Q3 2020)"
)
ANODE_CNY_PER_T = 2900.0
ANODE_SRC = (
    "assumption: prebaked anode about 2,900 CNY/t in 2020 (basis, read: East China 2,780 CNY/t on "
    "31 Dec 2019 (SMM), 2,830 CNY/t on 20 Apr 2020, 3,100-3,500 CNY/t in Aug 2020 (SMM via CM Group))"
)
AL_INGOT_CNY_PER_T = 14540.0  # SMM A00 ingot, 31 Dec 2019 (read)
AL_SCRAP_SHARE_OF_INGOT = 0.80


def _steel(coal_cny_per_tce: float) -> dict[str, tuple[float, str, str]]:
    coke_premium = COKE_T_PER_T_STEEL * (COKE_CNY_PER_T - TCE_PER_T_COKE * coal_cny_per_tce)
    ore = 1.37 * IRON_ORE_CNY_PER_T
    bof_scrap = 0.125 * SCRAP_CNY_PER_T
    bf_flux = 0.300 * LIMESTONE_CNY_PER_T
    bf_total = ore + bof_scrap + bf_flux + coke_premium + ZZ_OPERATING_CNY_PER_T
    bf_detail = (
        f"{CURRENCY}: iron ore 1.37 t x {IRON_ORE_CNY_PER_T:.0f} = {ore:.0f} ({IRON_ORE_SRC}); scrap "
        f"0.125 t x {SCRAP_CNY_PER_T:.0f} = {bof_scrap:.0f} ({SCRAP_SRC}); flux 0.30 t x "
        f"{LIMESTONE_CNY_PER_T:.0f} = {bf_flux:.0f} (zzzzty29 'Limestone consumption' and 'Limestone "
        f"price'); coke premium over steam coal {COKE_T_PER_T_STEEL} t coke x ({COKE_CNY_PER_T:.0f} - "
        f"{TCE_PER_T_COKE} tce/t x {coal_cny_per_tce:.0f} CNY/tce) = {coke_premium:.0f} ({COKE_SRC}; coke "
        "energy is already priced as coal in coal_tce_per_t; 0.32 t coke/t steel is an assumption: "
        "about 350 kg coke per t hot metal x 0.92 t hot metal per t steel); non-fuel operating cost "
        f"{ZZ_OPERATING_CNY_PER_T:.0f} (zzzzty29 'Operating Cost', route-independent)"
    )
    eaf_scrap = 1.09 * SCRAP_CNY_PER_T
    eaf_flux = 0.064 * LIMESTONE_CNY_PER_T
    eaf_total = eaf_scrap + eaf_flux + ZZ_OPERATING_CNY_PER_T
    pellets = 1.45 * IRON_ORE_CNY_PER_T * 1.3
    h2_flux = 0.050 * LIMESTONE_CNY_PER_T
    h2_total = pellets + h2_flux + ZZ_OPERATING_CNY_PER_T
    src = f"{WORLDSTEEL_RAW}; {ZZ}; prices as in source_detail"
    return {
        "bf_bof_backward": (bf_total, src, bf_detail + "; as bf_bof"),
        "bf_bof": (bf_total, src, bf_detail),
        "bf_bof_ccs": (
            bf_total,
            src,
            bf_detail + "; capture and storage are costed in fom_cny_per_t",
        ),
        "scrap_eaf": (
            eaf_total,
            f"{ZZ}; {SCRAP_SRC}",
            f"{CURRENCY}: scrap 1.09 t x {SCRAP_CNY_PER_T:.0f} = {eaf_scrap:.0f} (100 % scrap charge, "
            f"metallic yield ~0.92, see scrap_t_per_t); lime 0.064 t x {LIMESTONE_CNY_PER_T:.0f} = "
            f"{eaf_flux:.0f} (zzzzty29); non-fuel operating cost {ZZ_OPERATING_CNY_PER_T:.0f} incl. "
            "electrodes and refractories (zzzzty29 'Operating Cost'); no iron ore: the source's 750 kg "
            "of ore stood for the hot metal that Chinese EAFs also charge, which this pure-scrap route "
            "does not",
        ),
        "h2_dri_eaf": (
            h2_total,
            f"{ZZ}; {IRON_ORE_SRC}; assumption: DR-grade pellets (~67 % Fe) 1.45 t per t steel at "
            "1.3 x the 2020 ore price (basis: 0.99 t Fe per t steel / 0.67 / ~0.98 yield; pellet premium)",
            f"{CURRENCY}: pellets 1.45 t x {IRON_ORE_CNY_PER_T * 1.3:.0f} = {pellets:.0f}; lime 0.05 t x "
            f"{LIMESTONE_CNY_PER_T:.0f} = {h2_flux:.0f}; non-fuel operating cost "
            f"{ZZ_OPERATING_CNY_PER_T:.0f} (zzzzty29); hydrogen is made from electricity_mwh_per_t",
        ),
    }


def _cement() -> dict[str, tuple[float, str, str]]:
    raw = 1.55 * 30.0
    other = 15.0
    waste = 1.55 * (0.6 * 30.0 + 0.4 * 20.0)
    src = (
        A + "raw meal about 1.55 t per t clinker (loss on ignition of a limestone raw meal ~35 %) "
        "at about 30 CNY/t from the plant's own quarry, plus about 15 CNY/t of non-fuel variable "
        "operating cost (refractories, grinding media, explosives); labour and maintenance are in "
        "fom_cny_per_t"
    )
    detail = f"{CURRENCY}: raw meal 1.55 t x 30 = {raw:.1f}; other {other:.0f}"
    return {
        "clinker_backward": (raw + other, src, detail),
        "clinker_dry": (raw + other, src, detail),
        "clinker_ccs": (raw + other, src, detail + "; capture and storage are in fom_cny_per_t"),
        "clinker_waste_raw_meal": (
            waste + other,
            src
            + "; 40 % of the limestone replaced by carbide/steel slag at about 20 CNY/t handling",
            f"{CURRENCY}: raw meal 1.55 t x (0.6 x 30 + 0.4 x 20) = {waste:.1f}; other {other:.0f}",
        ),
    }


def _aluminium() -> dict[str, tuple[float, str, str]]:
    alumina = 1.92 * ALUMINA_CNY_PER_T
    anode = 0.42 * ANODE_CNY_PER_T
    fluoride = 0.02 * 9000.0
    other = 700.0
    primary = alumina + anode + fluoride + other
    inert = alumina + 300.0 + fluoride + other
    scrap_price = AL_SCRAP_SHARE_OF_INGOT * AL_INGOT_CNY_PER_T
    scrap = 1.05 * scrap_price
    secondary = scrap + 500.0
    detail = (
        f"{CURRENCY}: alumina 1.92 t x {ALUMINA_CNY_PER_T:.0f} = {alumina:.0f} ({ALUMINA_SRC}); "
        f"prebaked anode, net 0.42 t x {ANODE_CNY_PER_T:.0f} = {anode:.0f} ({ANODE_SRC}; 0.42 t is "
        "consistent with the IPCC Tier 1 1.6 tCO2/t); aluminium fluoride 0.02 t x 9,000 = "
        f"{fluoride:.0f} (assumption); other non-fuel operating cost {other:.0f} (assumption: the "
        "residual of SMM's April 2020 average full cost of 11,700 CNY/t (read, via CM Group) after "
        "alumina, anode and power is ~1,800 CNY/t, of which fluoride, depreciation and the fixed cost "
        "in fom_cny_per_t are taken out)"
    )
    src = "assumption: smelter material balance 1.92 t alumina and 0.42 t net anode per t Al; prices read in market reports (source_detail)"
    return {
        "smelter_backward": (primary, src, detail),
        "smelter": (primary, src, detail),
        "smelter_inert_anode": (
            inert,
            src + "; inert anode wear about 300 CNY/t (assumption: no carbon anode is consumed)",
            detail.replace(
                f"prebaked anode, net 0.42 t x {ANODE_CNY_PER_T:.0f} = {anode:.0f}",
                "inert anode wear 300",
            ),
        ),
        "secondary_aluminium": (
            secondary,
            A + f"aluminium scrap priced at {AL_SCRAP_SHARE_OF_INGOT:.0%} of the A00 ingot price "
            f"{AL_INGOT_CNY_PER_T:.0f} CNY/t (SMM, 31 Dec 2019; read), 1.05 t per t (melt loss ~5 %), "
            "plus ~500 CNY/t of fluxes, labour and other operating cost (basis: direct materials are "
            "over 90 % of recycled-aluminium cost, Guosen Securities sector report via Longbridge; read)",
            f"{CURRENCY}: scrap 1.05 t x {scrap_price:.0f} = {scrap:.0f}; other 500",
        ),
    }


def _glass() -> dict[str, tuple[float, str, str]]:
    soda = 0.20 * 1500.0
    sand = 0.72 * 150.0
    carbonates = 0.22 * 80.0
    other = 100.0
    total = soda + sand + carbonates + other
    src = (
        A
        + "float-glass batch per t of glass: soda ash ~0.20 t at ~1,500 CNY/t (2020 light soda ash "
        "traded around 1,300-1,700 CNY/t; transcribed, verify), silica sand ~0.72 t at ~150 CNY/t, "
        "dolomite and limestone ~0.22 t at ~80 CNY/t, plus ~100 CNY/t of tin-bath gases, refractories "
        "and packaging"
    )
    detail = (
        f"{CURRENCY}: soda ash {soda:.0f}; sand {sand:.0f}; dolomite/limestone {carbonates:.1f}; other "
        f"{other:.0f}; cullet (~20 % of the batch) is the plant's own"
    )
    return {
        tech: (total, src, detail) for tech in ("float_backward", "float", "float_electric_boost")
    }


def materials() -> dict[str, dict[str, tuple[float, str, str]]]:
    """``materials_cny_per_t`` per sector and technology: (value, source, source_detail)."""
    coal = market_prices()["coal"][0]
    return {
        "steel": _steel(coal),
        "cement": _cement(),
        "aluminium": _aluminium(),
        "flat_glass": _glass(),
    }
