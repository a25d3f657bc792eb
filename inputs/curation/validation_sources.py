"""Sources of the validation references read in fetched public repositories (CREA, IEA WEO,
OpenClimate: CEADs, Global Carbon Budget, Energy Institute), shared by the C18 allowances, the
path of the non-modelled emissions and the national statistics.

Figures read in a fetched public repository are named ``owner/repo@commit:path``.
"""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------
# Sources read in fetched repositories
# ---------------------------------------------------------------------------------------------

#: CREA's monthly CO2 estimate for China ("adjusted to NBS numbers"), summed over the 12 months.
CREA_CO2 = "energyandcleanair/china_co2@4043449a84:outputs/CO2.csv"
CREA_CO2_DETAIL = (
    "CREA (Centre for Research on Energy and Clean Air) estimate from NBS fuel output/consumption "
    "and cement output, basis 'adjusted to NBS numbers', 12 monthly values summed"
)
#: CREA categories, MtCO2 per year (product / sector columns of the file), 2019-2024.
CREA_MT: dict[str, dict[int, float]] = {
    "total": {
        2019: 11028.4,
        2020: 11225.0,
        2021: 11675.2,
        2022: 11370.2,
        2023: 12084.8,
        2024: 12177.4,
    },
    "oil_products": {2019: 2177.8, 2022: 2152.1, 2023: 2388.0, 2024: 2415.3},
    "natural_gas": {2019: 600.0, 2022: 732.5, 2023: 785.7, 2024: 847.8},
    "steam_coal_power": {2019: 3736.6, 2022: 4001.9, 2023: 4260.0, 2024: 4317.3},
    "steam_coal_heating": {2019: 503.9, 2022: 522.4, 2023: 587.6, 2024: 607.7},
    "steam_coal_other_sectors": {2019: 641.3, 2022: 667.8, 2023: 727.2, 2024: 743.5},
    "steam_coal_chemicals": {2019: 349.2, 2022: 401.2, 2023: 442.7, 2024: 493.6},
    "steam_coal_building_materials": {2019: 541.0, 2023: 505.9, 2024: 475.6},
    "steam_coal_metallurgy": {2019: 286.5, 2023: 309.3, 2024: 297.4},
    "coking_coal_metallurgy": {2019: 1333.8, 2023: 1333.4, 2024: 1306.9},
    "cement_process": {2019: 858.2, 2023: 745.0, 2024: 672.2},
}

#: Wind (vendor) exports of NBS / CEC / NEA national series stored by CREA (series id in detail).
CREA_WIND = "energyandcleanair/china_co2@4043449a84:inst/csv/{file}.csv"

WEO2023 = (
    "IEA World Energy Outlook 2023, free dataset (Annex A, regions), China via "
    "davide-f/pypsa-earth-status@5ae1f18edb:data/WEO2023_AnnexA_Free_Dataset_Regions.csv"
)
#: IEA WEO 2023, China, MtCO2 (2022 historical; 2030/2050 Announced Pledges Scenario, APS).
WEO_END_USE_MT = {
    2022: 5663.55,
    2030: 5023.42,
    2050: 1208.30,
}  # 'Total final consumption', CO2 comb.+process
WEO_POWER_MT = {2022: 6141.16, 2030: 4643.46, 2050: 760.59}  # 'Power sector inputs', CO2 combustion

OPENCLIMATE = "Open-Earth-Foundation/OpenClimate@822037b737:harmonize/data/raw"
CEADS_NATIONAL = (
    "CEADs national CO2 inventory 1997-2019, IPCC sectoral emissions (Shan et al. 2018, 2020; Guan et "
    f"al. 2021) via {OPENCLIMATE}/CEADS_china/China_CO2_Inventory_1997-2019_(IPCC_Sectoral_Emissions).xlsx"
)
GCB2022 = (
    "Global Carbon Budget 2022, national fossil CO2 (Friedlingstein et al. 2022, ESSD 14; Andrew & "
    f"Peters 2021) via {OPENCLIMATE}/global_carbon_budget_2022/National_Fossil_Carbon_Emissions_2022v1.0.xlsx"
)
EI2023 = (
    "Energy Institute, Statistical Review of World Energy 2023 (data to 2022) via "
    f"{OPENCLIMATE}/energy_institute_review/Statistical Review of World Energy Data.xlsx"
)

#: National CO2 2020/2019 from the Global Carbon Budget 2022 (10,956.2 / 10,741.0 MtCO2).
GCB_CHINA_MT = {2019: 10741.0, 2020: 10956.2, 2021: 11472.4}
