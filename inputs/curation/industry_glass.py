"""Curated flat-glass figures: energy per weight case, electric boosting, and the demand outlook's basis.

The float-line intensities of ``industry_tech_intensities`` are built here from published figures
per weight case (重量箱, 50 kg of 2 mm glass): the comprehensive energy of a line (fuel plus
electricity at its calorific value, the basis of the NDRC benchmark/baseline and of the national
statistics), the measured electricity use per weight case, the heat share and efficiency of electric
boosting, and the split of furnace fuel by the fuel of national float capacity.
Each figure says whether it was read, transcribed (verify against the original) or assumed.
"""

from __future__ import annotations

from common import MWH_TH_PER_TCE, NDRC_1609, T_PER_WEIGHT_CASE, transcribed

Param = tuple[float, str, str]

# --- cited figures per weight case ---------------------------------------------------------------------
# NDRC 1609 (flat glass, lines > 800 t/d): benchmark 8, baseline 12 kgce per weight case (500-800 t/d lines:
# 9.5 and 13.5); capacity below the baseline is to be retrofitted or retired by 2025
BASELINE_KGCE_PER_CASE = 12.0
BENCHMARK_KGCE_PER_CASE = 8.0
# the 2019 average of China's float-glass industry, 12.01 kgce per weight case (Liu Zhihai, as cited by Gao,
# Wang & Lu 2024, who also cite Yan Yuting et al.'s split of flat-glass CO2: fuel 61-67 %, process 20-24 %,
# purchased power 12-15 %, and CBMF's 27.4 Mt CO2 of the building-glass industry in 2020)
FLOAT_2019_KGCE_PER_CASE = 12.01
GAO_2024 = (
    "Gao Xiangyu, Wang Xinchun & Lu Yilin (2024; 建筑材料工业技术情报研究所 and Qinhuangdao Xingjian Special "
    "Glass; republished at victorzhang.cn, 29 Feb 2024, read): China's float-glass industry averaged 12.01 kgce "
    "per weight case in 2019 (Liu Zhihai's figure as they cite it, transcribed, verify against Liu's paper); "
    "flat-glass CO2 is 61-67 % fuel, 20-24 % process and 12-15 % purchased power (Yan Yuting et al., as cited)"
)
NDRC_GLASS = transcribed(
    NDRC_1609,
    f"flat glass, lines > 800 t/d: baseline {BASELINE_KGCE_PER_CASE:g}, benchmark {BENCHMARK_KGCE_PER_CASE:g} kgce "
    "per weight case (500-800 t/d: 13.5 and 9.5); the 2023 edition (发改产业〔2023〕723号) was not read",
)
PILOT_9_45 = (
    "China Building Materials Federation review of the year (ip1689.com, read): a 600 t/d float line retrofitted "
    "as a carbon-peak pilot reached 9.45 kgce per weight case, 'better than the benchmark', and was reported as "
    "breaking the technical bottleneck of such retrofits; China Building Materials Daily titled its survey of the "
    "sector '9.5 is hard, 8 is hard' (as quoted by sdsjglass.com, read)"
)
# national averages of 2007 ("据初步统计", an annual industry review reposted at 52mqw.com, 5 Jan 2008; read):
# flat glass 17 kgce and 6.8 kWh per weight case; float glass 15.8 kgce, ordinary (non-float) glass 24.7 kgce
STATS_2007 = (
    "2007 national averages (annual industry review, 52mqw.com, 5 Jan 2008, read): flat glass 17 kgce and "
    "6.8 kWh of comprehensive power per weight case, float glass 15.8 kgce, ordinary (drawn) glass 24.7 kgce"
)
ELEC_KWH_PER_CASE = 6.8
FLOAT_2007_KGCE_PER_CASE = 15.8
# CO2 of the 2020 fleet (landglass.net, 24 May 2021, analyst note, read): 360 t per 10,000 weight cases, of which
# fuel combustion over 60 %, carbonate decomposition 25-27 %, purchased electricity about 13 %
CO2_T_PER_10K_CASES = 360.0
LANDGLASS = (
    f"landglass.net (24 May 2021, read): China's flat glass emitted {CO2_T_PER_10K_CASES:.0f} t CO2 per 10,000 "
    f"weight cases in 2020 ({CO2_T_PER_10K_CASES / 1e4 / T_PER_WEIGHT_CASE:.2f} t/t), fuel over 60 %, "
    "raw-material decomposition 25-27 %, electricity about 13 %"
)
# electric boosting: joule heat inside the melt is 'twice as efficient as with fossil fuels' (AGC Glass Europe,
# electro-boosting page, read; retrofitted on float lines in Moustier 2022, Seingbouse and Osterweddingen 2023);
# boosting supplies '5-20 % of total energy input' (Mo-Sci, 'Electric furnaces: the future of glass
# manufacturing', read)
BOOST_HEAT_SHARE = 0.20
BOOST_FUEL_PER_ELEC = 2.0
BOOST_SRC = (
    "AGC Glass Europe, electro-boosting (agc-glass.eu, read): heat released by current in the melt is twice as "
    "efficient as fossil-fuel firing, boosting retrofitted on float lines in 2022-2023; Mo-Sci (mo-sci.com, read): "
    "electric boosting provides 5-20 % of a furnace's total energy input"
)
# fuel of float lines by share of national float capacity, mid-2025 (reportify.ai news digest, 2025, read):
# natural gas 59.38 %, petroleum coke 20.77 % (booked as oil), coal gasification 18.00 % (booked as coal); the
# remaining 1.85 % is not named there, so the three shares are scaled to sum to one
FUEL_CAPACITY_SHARE = {"gas": 59.38, "oil": 20.77, "coal": 18.00}
FUEL_MIX = (
    "fuel split by the mid-2025 shares of national float capacity: natural gas 59.38 %, petroleum coke 20.77 % "
    "(booked as oil), coal gasification 18.00 % (booked as coal; gasifier losses not added), the unnamed 1.85 % "
    "spread pro rata (reportify.ai news digest on the glass industry's fuel structure, 2025, read; it also gives "
    "fuel as 30-40 % of production cost); capacity shares taken as fuel shares; backward lines given the same mix"
)


def _tce_per_t(kgce_per_case: float) -> float:
    return kgce_per_case / 1000.0 / T_PER_WEIGHT_CASE


def _fuel_split(fuel_tce: float, basis: str, detail: str) -> dict[str, Param]:
    total = sum(FUEL_CAPACITY_SHARE.values())
    return {
        f"{c}_tce_per_t": (fuel_tce * share / total, f"{basis}; {FUEL_MIX}", detail)
        for c, share in FUEL_CAPACITY_SHARE.items()
    }


def float_intensities() -> dict[str, dict[str, Param]]:
    """Fuel and electricity per t of glass of the three flat-glass technologies.

    Returns
    -------
    dict
        ``{technology: {parameter: (value, source, source_detail)}}`` with ``coal_tce_per_t``,
        ``oil_tce_per_t``, ``gas_tce_per_t`` and ``electricity_mwh_per_t`` for ``float_backward``, ``float`` and
        ``float_electric_boost`` (process CO2 stays in ``industry_tech_intensities``).

    Notes
    -----
    Comprehensive energy counts electricity at its calorific value (1 kWh = 0.1229 kgce), so the
    furnace fuel is the comprehensive energy minus the electricity; electric boosting supplies a
    share of the heat input and replaces twice its energy in fuel.
    """
    elec_mwh = ELEC_KWH_PER_CASE / 1000.0 / T_PER_WEIGHT_CASE
    elec_tce = elec_mwh / MWH_TH_PER_TCE
    elec: Param = (
        elec_mwh,
        f"{ELEC_KWH_PER_CASE} kWh per weight case = {elec_mwh:.3f} MWh/t: {STATS_2007}",
        f"cross-check: {LANDGLASS}; 13 % of 0.72 t at ~0.58 tCO2/MWh is ~0.16 MWh/t; purchased power is 12-15 % "
        "of flat-glass CO2 in Yan Yuting et al. (as cited by Gao, Wang & Lu 2024, read)",
    )
    out: dict[str, dict[str, Param]] = {}
    for tech, kgce, basis in (
        ("float_backward", FLOAT_2007_KGCE_PER_CASE, STATS_2007),
        ("float", FLOAT_2019_KGCE_PER_CASE, GAO_2024),
    ):
        fuel = _tce_per_t(kgce) - elec_tce
        detail = (
            f"comprehensive {kgce} kgce per weight case = {_tce_per_t(kgce):.3f} tce/t minus electricity "
            f"{elec_mwh:.3f} MWh/t x 0.1229 tce/MWh = fuel {fuel:.4f} tce/t"
        )
        if tech == "float":
            basis = (
                f"the 2019 float-glass average: {basis}; it sits at the NDRC baseline that every line must meet "
                f"after the 2025 phase-out of lines below it ({NDRC_GLASS}); lines at the benchmark are rare: "
                f"{PILOT_9_45}"
            )
            detail += f"; cross-check: {LANDGLASS}"
        else:
            basis = f"lines below the baseline, at the 2007 float-glass average: {basis}"
        out[tech] = {**_fuel_split(fuel, basis, detail), "electricity_mwh_per_t": elec}
    # electric boost: share s of the heat input from electricity, each MWh replacing k MWh of fuel:
    # E / (E + F - kE) = s  =>  E = s F / (1 + s (k - 1))
    fuel_mwh = sum(out["float"][f"{c}_tce_per_t"][0] for c in FUEL_CAPACITY_SHARE) * MWH_TH_PER_TCE
    s, k = BOOST_HEAT_SHARE, BOOST_FUEL_PER_ELEC
    boost_mwh = s * fuel_mwh / (1 + s * (k - 1))
    fuel_left = (fuel_mwh - k * boost_mwh) / MWH_TH_PER_TCE
    boost_detail = (
        f"float fuel {fuel_mwh:.3f} MWh/t; boost E = s F / (1 + s (k - 1)) with s = {s} (the top of the cited "
        f"range: this technology stands for a line rebuilt for deep boosting at its cold repair; 5 % would make it "
        f"nearly float) and k = {k}: E = {boost_mwh:.3f} MWh/t, fuel left {fuel_left:.4f} tce/t "
        f"({1 - fuel_left * MWH_TH_PER_TCE / fuel_mwh:.0%} less)"
    )
    out["float_electric_boost"] = {
        **_fuel_split(fuel_left, f"derived from float's fuel and {BOOST_SRC}", boost_detail),
        "electricity_mwh_per_t": (
            elec_mwh + boost_mwh,
            f"derived: float's {elec_mwh:.3f} MWh/t ({STATS_2007}) + boost {boost_mwh:.3f} MWh/t ({BOOST_SRC})",
            boost_detail,
        ),
    }
    return out


# --- demand outlook: what the studies read say (used by industry_outlook) --------------------------------
NBS_2021_MT = 50.832
LIU_2023 = (
    "Liu Zhihai (review of the world glass industry, jizihe.com, 13 Feb 2023, read): China produced 50.832 Mt (1,016.647 M weight "
    "cases) of flat glass in 2021, +7.5 %, half of the world's 101.6 Mt; 36 kg per person against the EU's 27 kg, "
    "the US 13.5 kg and Japan 7.9 kg"
)
CBMF_2024 = (
    "China Building Materials Federation (Yan Xiaofeng, People's Daily, 21 Nov 2024, read): photovoltaic glass and "
    "new-energy vehicles diversify flat glass, building glass fell below 50 % of output for the first time in 2023"
)
