"""Value added per t of product of the industry technologies.

Each value is a sector's value-added rate from the national input-output table (NBS, 2005) times a
price or revenue per t that was read (steel output value, aluminium ingot, cement revenue,
float-glass price); recycled aluminium uses the direct-material share of its cost instead.
"""

from __future__ import annotations

from common import NAT_CLINKER_OUTPUT_2020_MT, T_PER_WEIGHT_CASE, Shared, series
from industry_materials import AL_INGOT_CNY_PER_T
from industry_tech_intensities import Param

# Value-added rate = 1 - intermediate-input coefficient (total input = 1) of the 17-sector input-output
# table 2005 (the most recent national table whose coefficients were read): 'Metal Products' (smelting
# and pressing of metals plus metal products) 0.7882958, 'Building Materials and Non-metal Mineral
# Products' 0.7203303
NBS_IO_2005 = (
    "National Bureau of Statistics, China Statistical Yearbook 2008, table 2-28 'Direct Input Coefficient of "
    "Input-Output Table (2005)' (stats.gov.cn/sj/ndsj/2008/html/C0228e.htm; read)"
)
IO_INTERMEDIATE_2005 = {"metal": 0.7882958, "nonmetal": 0.7203303}
STEEL_VA_RATE = 1 - IO_INTERMEDIATE_2005["metal"]
NONMETAL_VA_RATE = 1 - IO_INTERMEDIATE_2005["nonmetal"]
# cement industry revenue and output, January-July 2020 (MIIT via International Cement Review, "China's
# cement production up 4% in July", 14 Sep 2020; read): CNY 510.9 bn, 1.22 bn t of cement
CEMENT_REVENUE_JAN_JUL_2020_BN = 510.9
CEMENT_OUTPUT_JAN_JUL_2020_MT = 1220.0
# NBS 2020 cement output 2.377 bn t (International Cement Review, 26 Jan 2021; read)
NAT_CEMENT_OUTPUT_2020_MT = 2377.0
# China Architectural and Industrial Glass Association, monthly float-glass reports (glass.org.cn; read):
# weighted average price of the monitored float-glass makers 69.26 CNY per weight case in March 2020 (report
# of 28 Apr 2020) and 87.59 in December 2020 (report of 15 Jan 2021); the other months were not read
GLASS_PRICES_2020_CNY_PER_CASE = (69.26, 87.59)
GLASS_PRICE_CNY_PER_T = sum(GLASS_PRICES_2020_CNY_PER_CASE) / 2 / T_PER_WEIGHT_CASE
# recycled aluminium is "material-heavy": direct materials (mostly scrap) are over 90 % of its cost (Guosen
# Securities metals team, "一文看懂再生鋁行業", via longbridge.com; read)
REMELT_DIRECT_MATERIAL_SHARE = 0.9


def cited_value_added() -> dict[str, Param]:
    """Value added per t: the sector's input-output value-added rate x a read price or revenue per t.

    Returns
    -------
    dict
        ``{technology: (value, source, source_detail)}`` of ``value_added_cny_per_t`` for the
        cement, aluminium and flat-glass technologies (steel: :func:`steel_value_added`).
    """
    out: dict[str, Param] = {}
    al = AL_INGOT_CNY_PER_T * STEEL_VA_RATE
    for tech in ("smelter_backward", "smelter", "smelter_inert_anode"):
        out[tech] = (
            al,
            f"derived: value-added rate of 'Metal Products' ({NBS_IO_2005}) x A00 aluminium ingot price "
            f"{AL_INGOT_CNY_PER_T:.0f} CNY/t (SMM, 31 Dec 2019; read, as in materials_cny_per_t)",
            f"{AL_INGOT_CNY_PER_T:.0f} x (1 - {IO_INTERMEDIATE_2005['metal']}) = {al:.0f} CNY/t; the 2005 sector "
            "joins ferrous and non-ferrous smelting with metal products",
        )
    per_t_cement = CEMENT_REVENUE_JAN_JUL_2020_BN * 1e3 / CEMENT_OUTPUT_JAN_JUL_2020_MT
    cement_per_clinker = NAT_CEMENT_OUTPUT_2020_MT / NAT_CLINKER_OUTPUT_2020_MT
    clinker = NONMETAL_VA_RATE * per_t_cement * cement_per_clinker
    for tech in ("clinker_backward", "clinker_dry", "clinker_ccs", "clinker_waste_raw_meal"):
        out[tech] = (
            clinker,
            f"derived: value-added rate of 'Building Materials and Non-metal Mineral Products' ({NBS_IO_2005}) x "
            "cement-industry revenue per t of cement, Jan-Jul 2020 (MIIT via International Cement Review, 14 Sep "
            "2020; read) x t of cement per t of clinker 2020 (NBS cement 2,377 Mt, International Cement Review 26 "
            "Jan 2021, read; clinker 1,579 Mt)",
            f"(1 - {IO_INTERMEDIATE_2005['nonmetal']}) x {CEMENT_REVENUE_JAN_JUL_2020_BN} bn CNY / "
            f"{CEMENT_OUTPUT_JAN_JUL_2020_MT:.0f} Mt = {per_t_cement:.0f} CNY/t cement x {cement_per_clinker:.3f} = "
            f"{clinker:.0f} CNY per t clinker: the value added of cement making (grinding included) is carried by "
            "the clinker the model plans",
        )
    remelt_va = AL_INGOT_CNY_PER_T * (1 - REMELT_DIRECT_MATERIAL_SHARE)
    out["secondary_aluminium"] = (
        remelt_va,
        f"derived: A00 aluminium ingot price {AL_INGOT_CNY_PER_T:.0f} CNY/t (SMM, 31 Dec 2019; read) x (1 - direct-"
        "material share of recycled-aluminium cost, 'over 90 %', Guosen Securities metals team via longbridge.com; "
        "read)",
        f"{AL_INGOT_CNY_PER_T:.0f} x (1 - {REMELT_DIRECT_MATERIAL_SHARE}) = {remelt_va:.0f} CNY/t; an upper bound, as "
        "energy and services are further intermediate inputs",
    )
    glass = GLASS_PRICE_CNY_PER_T * NONMETAL_VA_RATE
    for tech in ("float_backward", "float", "float_electric_boost"):
        out[tech] = (
            glass,
            "derived: 2020 float-glass price (China Architectural and Industrial Glass Association monthly reports, "
            "glass.org.cn: weighted average 69.26 CNY per weight case in March and 87.59 in December 2020; read) x "
            f"value-added rate of 'Building Materials and Non-metal Mineral Products' ({NBS_IO_2005})",
            f"mean of the two months read {sum(GLASS_PRICES_2020_CNY_PER_CASE) / 2:.2f} CNY per 50 kg weight case = "
            f"{GLASS_PRICE_CNY_PER_T:.0f} CNY/t x (1 - {IO_INTERMEDIATE_2005['nonmetal']}) = {glass:.0f} CNY/t; the "
            "other months of 2020 not read (the price rose through the year)",
        )
    return out


def steel_value_added(sh: Shared) -> Param:
    """Value added per t of crude steel, the same for every steel technology.

    Parameters
    ----------
    sh : Shared
        Reader of the shared extracts; ``province_industry_output.csv`` (crude steel output 2022)
        and ``from-open-models/province_steel_value_added.csv`` are read.

    Returns
    -------
    Param
        ``value_added_cny_per_t`` as (value, source, source_detail).
    """
    output = sh.read("province_industry_output.csv")
    va = sh.read("from-open-models/province_steel_value_added.csv")
    steel22 = series(output, year=2022, variable="crude_steel_output")["value"]
    per_t = va["steel_value_added_2022_100m_cny"].sum() * 1e8 / (steel22.sum() * 1e6)
    # The source's "value added" is about the 2022 steel price per tonne (Hebei's figure is 27 % of
    # its GDP), i.e. gross output value, so a value-added rate is applied.
    return (
        per_t * STEEL_VA_RATE,
        f"derived: value-added rate of 'Metal Products' ({NBS_IO_2005}) x output value per t from "
        "zzzzty29/China-s-Iron-and-Steel-Industry-Decarbonization-Model@2d93e01892:data_capacity.xlsx "
        "('steel value added' 2022) / NBS crude steel output 2022",
        f"source sum {va['steel_value_added_2022_100m_cny'].sum():.0f} x 1e8 CNY / {steel22.sum():.1f} Mt = "
        f"{per_t:.0f} CNY/t, about the 2022 steel price, hence read as gross output value; rate 1 - "
        f"{IO_INTERMEDIATE_2005['metal']} intermediate input = {STEEL_VA_RATE:.4f} (2005 table; the sector "
        "includes metal products)",
    )
