"""Energy, process-CO2 and material intensities per t of product of the industry technologies.

Fuel, power, process CO2, scrap and solid waste per t and capture shares (``INDUSTRY_TECH``). Steel
comes from the shared routes extract (zzzzty29's 'Industrial Parameters', read by
:func:`steel_intensities`, which also takes the routes' fixed cost); cement and aluminium are
transcribed below and flat glass is built from the figures of ``industry_glass``, each figure with
its source or its basis as an assumption. ``EMISSION_COVERAGE`` says which emissions the fuel and
process intensities cover, so that the model's intensities can be compared with the CEADs sector rows.
"""

from __future__ import annotations

from common import NDRC_1609, PIK, Shared, fuel_ef, transcribed
from industry_glass import float_intensities

STEEL_SRC = "zzzzty29/China-s-Iron-and-Steel-Industry-Decarbonization-Model@2d93e01892:data_cost.xlsx (sheet 'Industrial Parameters')"
A = "assumption: "

# Each parameter: (value, source, source_detail). Built as plain data so every number is auditable.
Param = tuple[float, str, str]

INDUSTRY_TECH: dict[str, dict[str, dict[str, Param]]] = {
    "steel": {},  # filled from tech_steel_routes.csv in build_industry_technologies
    "cement": {
        "clinker_backward": {
            "coal_tce_per_t": (
                0.125,
                A + "above the NDRC baseline (基准) of 117 kgce/t clinker; backward lines "
                "(small or old kilns listed for elimination)",
                transcribed(NDRC_1609, "clinker baseline 117, benchmark 100 kgce/t"),
            ),
            "electricity_mwh_per_t": (
                0.065,
                A + "backward kilns use more power than the average line",
                "",
            ),
            "process_co2_t_per_t": (
                0.52,
                "IPCC 2006 Guidelines vol. 3 ch. 2, eq. 2.4 Tier 1: 0.51 tCO2/t clinker x "
                "1.02 CKD correction",
                transcribed("IPCC 2006 vol. 3 ch. 2"),
            ),
        },
        "clinker_dry": {
            "coal_tce_per_t": (
                0.105,
                A + "average new-suspension-preheater kiln between the NDRC benchmark (100) "
                "and baseline (117 kgce/t clinker), net of the electricity share",
                transcribed(NDRC_1609),
            ),
            "electricity_mwh_per_t": (
                0.055,
                A + "clinker-making power use of a modern dry-process line",
                "",
            ),
            "process_co2_t_per_t": (
                0.52,
                "IPCC 2006 Guidelines vol. 3 ch. 2, eq. 2.4 Tier 1",
                transcribed("IPCC 2006 vol. 3 ch. 2"),
            ),
        },
        "clinker_ccs": {
            "coal_tce_per_t": (
                0.105,
                "as clinker_dry",
                "capture heat assumed supplied by the kiln's waste heat",
            ),
            "electricity_mwh_per_t": (
                0.055 + 0.12 * 0.86,
                f"derived: clinker_dry 0.055 + (0.10 compression + 0.02 "
                f"capture) MWh/tCO2 x 0.86 tCO2/t captured, {PIK} (cement capture)",
                "",
            ),
            "process_co2_t_per_t": (0.52, "IPCC 2006 Guidelines vol. 3 ch. 2, eq. 2.4 Tier 1", ""),
            "capture_share": (
                0.9,
                f"{PIK} (cement capture, capture_rate 0.9)",
                "Danish Energy Agency, post-combustion, cement kiln",
            ),
        },
        "clinker_waste_raw_meal": {
            "coal_tce_per_t": (
                0.100,
                A + "decarbonated calcium (carbide slag, steel slag) lowers the calcination "
                "heat demand a little",
                "",
            ),
            "electricity_mwh_per_t": (0.055, "as clinker_dry", ""),
            "process_co2_t_per_t": (
                0.52 * 0.6,
                A + "40 % of the limestone replaced by carbide/steel slag, so 60 % "
                "of the IPCC process CO2 remains",
                "",
            ),
            "solid_waste_t_per_t": (
                0.5,
                A + "about 0.5 t of slag per t clinker for a 40 % substitution of a "
                "~1.2 t limestone raw-meal share",
                "",
            ),
        },
    },
    "aluminium": {
        "smelter_backward": {
            "electricity_mwh_per_t": (
                14.0,
                A + "above the NDRC baseline of 13,350 kWh/t (AC power of aluminium "
                "liquid); small/old cell lines",
                transcribed(NDRC_1609, "baseline 13,350, benchmark 13,000 kWh/t"),
            ),
            "process_co2_t_per_t": (
                1.6,
                "IPCC 2006 Guidelines vol. 3 ch. 4, table 4.10, Tier 1 prebake anode "
                "consumption 1.6 tCO2/t Al",
                transcribed("IPCC 2006 vol. 3 ch. 4", "PFCs not included (CO2 only)"),
            ),
        },
        "smelter": {
            "electricity_mwh_per_t": (
                13.54,
                "China Nonferrous Metals Industry Association: 2020 average AC power "
                "consumption of aluminium ingot about 13,543 kWh/t",
                transcribed("CNIA 2020 statistics"),
            ),
            "process_co2_t_per_t": (
                1.6,
                "IPCC 2006 Guidelines vol. 3 ch. 4, table 4.10, Tier 1 prebake",
                "",
            ),
        },
        "smelter_inert_anode": {
            "electricity_mwh_per_t": (
                13.0,
                A + "inert-anode cells at the NDRC benchmark of 13,000 kWh/t",
                transcribed(NDRC_1609),
            ),
            "process_co2_t_per_t": (0.0, "definition: inert anodes release oxygen, not CO2", ""),
        },
        "secondary_aluminium": {
            "gas_tce_per_t": (
                0.1,
                A + "remelting about 0.1 tce of gas per t (secondary aluminium uses roughly 5 % "
                "of the energy of primary)",
                "",
            ),
            "electricity_mwh_per_t": (0.3, A + "auxiliary power of remelting plants", ""),
            "scrap_t_per_t": (
                1.05,
                A + "aluminium scrap per t of recycled aluminium, ~5 % melt loss",
                "",
            ),
        },
    },
    "flat_glass": {
        tech: {
            **given,
            "process_co2_t_per_t": (
                0.16,
                "IPCC 2006 Guidelines vol. 3 ch. 2, Tier 1 glass: 0.2 tCO2/t x (1 - cullet ratio 0.2)",
                transcribed(
                    "IPCC 2006 vol. 3 ch. 2, eq. 2.10 and table 2.6",
                    "cross-check: carbonate decomposition is 25-27 % of 0.72 tCO2/t = 0.18-0.19 t/t "
                    "(landglass.net, May 2021, read)",
                ),
            ),
        }
        for tech, given in float_intensities().items()
    },
}

# Scrap per t of crude steel. The source's 170 kg (BF-BOF) with 600 kg plus 750 kg of ore (its
# "Scrap-EAF" charges hot metal, as many Chinese EAFs do) over-used scrap: with observed 2020 route
# shares it implies ~270 Mt against the ~230 Mt China consumed. A pure-scrap EAF and worldsteel's
# BF-BOF average reproduce the observed total (see industry_history.scrap_balance).
STEEL_SCRAP: dict[str, Param] = {
    tech: (
        0.125,
        "worldsteel, fact sheet 'Steel and raw materials' (edition with 2017 trade data, read in a copy on docslib.org): "
        "BF-BOF uses 125 kg of recycled steel per t crude steel",
        "replaces zzzzty29's 170 kg/t, which with the observed 2020 EAF share over-states China's "
        "2020 scrap use (about 230 Mt, MPI/Li Xinchuang, read)",
    )
    for tech in ("bf_bof_backward", "bf_bof", "bf_bof_ccs")
}
STEEL_SCRAP["scrap_eaf"] = (
    1.09,
    "assumption: 100 % scrap charge at a metallic yield of about 0.92 t steel per t scrap (basis: "
    "worldsteel fact sheet 'Steel and raw materials': the recycled-steel EAF route uses 880 kg of "
    "scrap together with DRI/hot metal; a pure-scrap furnace needs ~1.05-1.1 t)",
    "the route is pure scrap-EAF; Chinese EAFs that charge hot metal are a blend of this route "
    "and bf_bof",
)

EMISSION_PARAMS = ("coal_tce_per_t", "oil_tce_per_t", "gas_tce_per_t", "process_co2_t_per_t")
EMISSION_COVERAGE = {
    "steel": "emissions covered: fuel x IPCC factor = combustion and reducing-agent CO2 of coal, coke "
    "and injected coal in sintering, ironmaking and steelmaking (CEADs 'Smelting and Pressing of Ferrous "
    "Metals' books coke by its carbon where it is burnt; coke-oven losses sit in CEADs 'Petroleum "
    "Processing and Coking'); flux calcination (~0.13 t/t) and electrode carbon of BF-BOF are not "
    "included, as CEADs has no steel process emissions; EAF process_co2 is electrode and lime carbon",
    "cement": "emissions covered: kiln fuel combustion (coal_tce_per_t) and calcination "
    "(process_co2_t_per_t), both booked by CEADs in 'Nonmetal Mineral Products' (its only process CO2); "
    "grinding power and cement-mill drying are not included",
    "aluminium": "emissions covered: fuel combustion and anode-carbon (process) CO2 of the smelter; CEADs "
    "'Smelting and Pressing of Nonferrous Metals' has energy CO2 only (no anode process CO2) and covers all "
    "non-ferrous metals; PFCs are excluded; smelter power is counted in power_heat",
    "flat_glass": "emissions covered: furnace fuel combustion and carbonate (soda ash, dolomite, "
    "limestone) process CO2 (coal is the coal gasified for coal-gas-fired lines); CEADs books no glass "
    "process CO2 and no flat-glass sector: the inventory's flat_glass row is NBS output x this intensity, "
    "carved out of 'Nonmetal Mineral Products'",
}

# the parameters of a steel technology read from the routes extract, by route name of the source
STEEL_ROUTES = {"bf_bof_backward": "BF-BOF", "bf_bof": "BF-BOF", "bf_bof_ccs": "BF-BOF-CCS",
                "scrap_eaf": "Scrap-EAF", "h2_dri_eaf": "H2-DRI-EAF"}  # fmt: skip


def steel_intensities(sh: Shared) -> dict[str, dict[str, Param]]:
    """Fuel, power, process-CO2, scrap, capture and fixed-cost parameters of the steel technologies.

    Parameters
    ----------
    sh : Shared
        Reader of the shared extracts; ``from-open-models/tech_steel_routes.csv`` is read.

    Returns
    -------
    dict
        ``{technology: {parameter: (value, source, source_detail)}}`` for the five steel
        technologies; the backward BF-BOF is the route's average plus 10 % fuel and power
        (an assumption stated in its rows).
    """
    routes = sh.read("from-open-models/tech_steel_routes.csv")
    rv = routes.set_index(["route", "parameter"])["value"]
    steel: dict[str, dict[str, Param]] = {}
    for tech, route in STEEL_ROUTES.items():
        fuel = rv[(route, "Fuel intensity")] / 1000.0
        co2 = rv[(route, "CO2 intensity")]
        elec = rv[(route, "Electricity intensity")] / 1000.0
        scrap = rv[(route, "Scrap consumption")] / 1000.0
        p: dict[str, Param] = {
            "coal_tce_per_t": (fuel, STEEL_SRC, f"'Fuel intensity' {fuel * 1000:.0f} kgce/t, booked as coal"),
            "electricity_mwh_per_t": (elec, STEEL_SRC, f"'Electricity intensity' {elec * 1000:.0f} kWh/t"),
            "scrap_t_per_t": STEEL_SCRAP.get(tech, (scrap, STEEL_SRC, f"'Scrap consumption' {scrap * 1000:.0f} kg/t")),
            "fom_cny_per_t": (rv[(route, "Fixed Cost")], STEEL_SRC, "'Fixed Cost' CNY/t; the route-independent "
                              "'Operating Cost' (700 CNY/t) is in materials_cny_per_t"),
        }  # fmt: skip
        if fuel == 0:
            p["process_co2_t_per_t"] = (
                co2,
                STEEL_SRC,
                f"'CO2 intensity' {co2} t/t (no fuel input: electrodes, lime)",
            )
        else:
            p["process_co2_t_per_t"] = (
                0.0,
                STEEL_SRC,
                f"source 'CO2 intensity' {co2} t/t is all fuel-related; "
                f"fuel x coal factor gives {fuel * fuel_ef('coal'):.2f} t/t",
            )
        if route == "BF-BOF-CCS":
            captured = rv[(route, "Carbon Captured")]
            base = rv[("BF-BOF", "CO2 intensity")]
            cap_cost = (
                rv[(route, "Carbon Capture Cost")] + rv[(route, "Carbon Storage Cost")]
            ) * captured
            p["capture_share"] = (
                captured / base,
                STEEL_SRC,
                f"'Carbon Captured' {captured} t of {base} t/t",
            )
            p["fom_cny_per_t"] = (
                rv[(route, "Fixed Cost")] + cap_cost,
                STEEL_SRC,
                f"'Fixed Cost' + (capture + storage cost) x captured = {cap_cost:.1f} CNY/t",
            )
        if tech == "bf_bof_backward":
            p["coal_tce_per_t"] = (
                fuel * 1.1,
                A + "10 % more fuel than the BF-BOF average (blast furnaces below "
                "400 m3 / converters below 30 t; NDRC BF baseline 435 vs benchmark 361 kgce/t)",
                transcribed(NDRC_1609, "blast furnace process"),
            )
            p["electricity_mwh_per_t"] = (elec * 1.1, A + "10 % above the BF-BOF average", "")
        steel[tech] = p
    return steel
