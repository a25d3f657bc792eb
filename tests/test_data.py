"""The shipped dataset: coverage, provenance and base-year consistency with the inventories."""

from __future__ import annotations

from importlib import resources

import pandas as pd
import pytest

import dualcarbon as dc
from dualcarbon.models.calibration import base_year_emissions, calibration_report

PROVINCE_TABLES = {
    # table -> filter selecting the rows that must cover all 31 provinces
    "economy": "variable == 'gdp'",
    "emissions_inventory": "sector == 'total'",
    "electricity_demand": "year == 2020",
    "power_capacity": None,
    "power_capacity_factors": None,
    "renewable_potential": None,
    "power_build_limits": None,
}


@pytest.fixture(scope="module")
def default():
    return dc.load_scenario("default")


def _raw(name: str) -> pd.DataFrame:
    with (
        resources.files("dualcarbon.inputs.data")
        .joinpath(f"{name}.csv")
        .open(encoding="utf-8") as f
    ):
        return pd.read_csv(f)


def _csv_tables() -> list[str]:
    return sorted(
        p.name.removesuffix(".csv")
        for p in resources.files("dualcarbon.inputs.data").iterdir()
        if p.name.endswith(".csv")
    )


@pytest.mark.parametrize("name", _csv_tables())
def test_every_numeric_row_names_its_source(name):
    table = _raw(name)
    assert "source" in table.columns, f"{name}.csv has no source column"
    numeric = table.select_dtypes("number").columns
    has_number = (
        table[numeric].notna().any(axis=1) if len(numeric) else pd.Series(False, table.index)
    )
    missing = table[has_number & table["source"].fillna("").str.strip().eq("")]
    assert missing.empty, f"{name}.csv rows without a source: {list(missing.index + 2)}"


@pytest.mark.parametrize("name", sorted(PROVINCE_TABLES))
def test_province_tables_cover_all_31_provinces(name, default):
    table = _raw(name)
    selection = PROVINCE_TABLES[name]
    if selection:
        table = table.query(selection)
    planned = set(default.table("regions")["region"])
    assert len(planned) == 31
    assert planned <= set(table["region"]), (
        f"{name}: missing {sorted(planned - set(table['region']))}"
    )


def test_base_year_emissions_match_the_inventory_within_half_a_percent(default):
    """The calibration (E_other) makes the model reproduce each province's inventory."""
    modelled = base_year_emissions(default)
    inventory = (
        default.table("emissions_inventory")
        .query("sector == 'total'")
        .set_index("region")["emissions_mtco2"]
    )
    relative = (modelled - inventory.reindex(modelled.index)).abs() / inventory.reindex(
        modelled.index
    )
    assert len(modelled) == 31
    assert (relative <= 0.005).all(), relative[relative > 0.005]


def test_calibration_report_splits_every_province(default):
    report = calibration_report(default)
    assert len(report) == 31
    parts = (
        report["modelled_industry_mtco2"] + report["modelled_power_mtco2"] + report["other_mtco2"]
    )
    assert parts.to_numpy() == pytest.approx(report["inventory_mtco2"].to_numpy(), rel=1e-9)
    # the modelled sectors (industry + power) are the bulk of China's CO2, as in the inventories
    national_share = (
        report["modelled_industry_mtco2"].sum() + report["modelled_power_mtco2"].sum()
    ) / report["inventory_mtco2"].sum()
    assert 0.5 < national_share < 1.0


def test_national_base_year_total_against_an_independent_figure(default):
    """Σ provinces (CEADs 2019, apparent consumption, + the Tibet assumption) against the Global
    Carbon Budget 2020 (Friedlingstein et al., ESSD 12, 3269–3340) national figure for China 2019,
    fossil fuels and cement: about 10.2 GtCO2. CEADs' provincial sums run above national
    inventories (apparent consumption, inter-provincial double counting), so the tolerance is 10 %."""
    total = default.table("emissions_inventory").query("sector == 'total'")["emissions_mtco2"].sum()
    assert total == pytest.approx(10_200, rel=0.10)


# --- power history after the base year (issue 11) ---------------------------------------------

#: CEC national year-end 2023 installed capacity, GW (中电联 2023年全国电力工业统计快报; transcribed,
#: verify): thermal 1,390.3, hydro incl. pumped storage 421.5, wind 441.3, solar 609.5, nuclear 56.9
CEC_2023_GW = {
    "thermal": 1390.3,
    "hydro_all": 421.5,
    "wind": 441.3,
    "solar": 609.5,
    "nuclear": 56.9,
}
#: pumped storage subtracted from hydro in the curated tables (Zhou et al. PHS_p_nom, 36.4 GW)
PUMPED_STORAGE_GW = 36.39


def test_power_history_2023_national_sums_match_cec_within_one_percent():
    hist = _raw("power_capacity_history").query("year == 2023")
    gw = hist.groupby("technology")["capacity_gw"].sum()
    ours = {
        "thermal": gw["coal"] + gw["gas"],
        "hydro_all": gw["hydro"] + PUMPED_STORAGE_GW,
        "wind": gw["onshore_wind"] + gw["offshore_wind"],
        "solar": gw["solar_pv"],
        "nuclear": gw["nuclear"],
    }
    for key, ref in CEC_2023_GW.items():
        assert ours[key] == pytest.approx(ref, rel=0.01), key


def test_nuclear_history_keeps_the_known_fleet():
    """No unit retired in 2021-2023: every province keeps at least its 2020 fleet, and the two
    provinces missing from the CEC series carry their plants (IAEA PRIS: Shandong Haiyang 1-2 +
    HTR-PM, Hainan Changjiang 1-2)."""
    base = (
        _raw("power_capacity").query("technology == 'nuclear'").set_index("region")["capacity_gw"]
    )
    # provincial rows (national rows, region China, continue the series after 2023)
    hist = _raw("power_capacity_history").query("technology == 'nuclear' and region != 'China'")
    for year, rows in hist.groupby("year"):
        now = rows.set_index("region")["capacity_gw"]
        # a retired unit is 300 MW or more; ratings revised by a few MW are not retirements
        # (Guangdong 16.140 GW at end-2023, 16.136 at end-2024 in the CEC series)
        assert (now + 0.01 >= base.reindex(now.index)).all(), year
        assert now["Shandong"] >= 2.5 and now["Hainan"] >= 1.3, year


def test_first_period_in_service_share_comes_from_national_year_end_capacity():
    """C10 counts 2025's additions for half the year: (C2024 + C2025) / (2 C2025) from the
    national statistics. The provincial series reaching 2024 must not drop the 2024 national row
    the share needs (it did once: wind and solar then ran the whole year on year-end capacity)."""
    from dualcarbon.models.history import in_service_shares

    hist = _raw("power_capacity_history")
    stats = _raw("national_statistics").set_index(["indicator", "year"])["value"]
    shares = in_service_shares(hist, 2025, {"solar_pv", "onshore_wind", "offshore_wind"})
    for tech, indicator in (("solar_pv", "solar_gw"), ("onshore_wind", "wind_gw")):
        before, end = stats[indicator, 2024], stats[indicator, 2025]
        assert shares[tech] == pytest.approx((before + end) / (2 * end)), tech
        assert shares[tech] < 1.0


def test_renewable_potential_not_below_latest_installed_capacity():
    hist = _raw("power_capacity_history").query("region != 'China'")
    latest = hist[hist["year"] == hist["year"].max()].set_index(["region", "technology"])
    pot = _raw("renewable_potential").set_index(["region", "technology"])["potential_gw"]
    installed = latest["capacity_gw"].reindex(pot.index)
    below = pot[pot + 1e-9 < installed]
    assert below.empty, below


def test_hydro_potential_is_provincial_not_pro_rata_to_capacity():
    """Tibet, Sichuan and Yunnan hold the most technically exploitable hydro (2003 re-survey,
    Tibet's 2015 survey: 176 GW); the national sum stays near the 687 GW of the 2023 CEPPEI report."""
    pot = (
        _raw("renewable_potential")
        .query("technology == 'hydro'")
        .set_index("region")["potential_gw"]
    )
    assert set(pot.nlargest(3).index) == {"Tibet", "Sichuan", "Yunnan"}
    assert pot["Tibet"] >= 170
    assert 650 <= pot.sum() <= 730


def test_resource_build_limits_cover_the_potential_share_of_the_national_limit():
    """The uniform rule: a province may build at least its share of the technology's national
    potential times the largest national annual addition, whatever its own history."""
    pot = _raw("renewable_potential").pivot_table(
        index="region", columns="technology", values="potential_gw"
    )
    nb = _raw("power_national_build_limits").set_index("technology")["max_build_gw_per_yr"]
    lim = _raw("power_build_limits").pivot_table(
        index="region", columns="technology", values="max_build_gw_per_yr"
    )
    for tech in ("hydro", "solar_pv", "onshore_wind", "offshore_wind"):
        share = pot[tech] / pot[tech].sum() * nb[tech]
        short = lim[tech][lim[tech] * (1 + 1e-4) + 1e-9 < share.reindex(lim.index)]  # CSV rounding
        assert short.empty, (tech, short)


def test_observed_electricity_demand_2023_matches_the_national_total():
    """Σ provinces against whole-society consumption 2023, 9,224 TWh (CEC; NBS 2023 communiqué)."""
    demand = _raw("electricity_demand").query("year == 2023")["demand_twh"]
    assert len(demand) == 31
    assert demand.sum() == pytest.approx(9224, rel=0.005)


def test_history_additions_fit_under_the_provincial_build_limits():
    """C25 puts the 2023 fleet in the first period: the 2020 -> 2023 additions must be buildable."""
    base = _raw("power_capacity").assign(year=2020)
    both = pd.concat([base, _raw("power_capacity_history")])
    wide = both.pivot_table(index=["region", "technology"], columns="year", values="capacity_gw")
    added = wide.diff(axis=1).max(axis=1)
    limit = _raw("power_build_limits").set_index(["region", "technology"])["max_build_gw_per_yr"]
    over = added[added > limit.reindex(added.index) + 1e-9]
    assert over.empty, over


# --- industry history, route shares and secondary resources (issue 11) ------------------------

#: National output read in publications (Mt): NBS crude steel (CAMU via SteelOrbis: 2022
#: 1,017.95 Mt; 2023 1,019 Mt NBS, transcribed), NBS primary aluminium 2023 41.59 Mt (Reuters)
#: + CNIA recycled 9.45 Mt (transcribed, verify).
NATIONAL_2022_2023_MT = {
    ("steel", 2022): 1017.95,
    ("steel", 2023): 1019.1,
    ("aluminium", 2023): 51.04,
}


def test_industry_history_covers_every_province_and_matches_national_totals():
    prod = _raw("industry_production")
    for year in (2020, 2021, 2022, 2023):
        rows = prod[prod["year"] == year]
        for sector in ("steel", "cement", "aluminium", "flat_glass"):
            assert set(rows[rows["sector"] == sector]["region"]) == set(
                _raw("economy")["region"]
            ), (sector, year)
    national = prod.groupby(["sector", "year"])["output_mt"].sum()
    for key, ref in NATIONAL_2022_2023_MT.items():
        # provincial NBS series miss a few small producers: 1 %
        assert national[key] == pytest.approx(ref, rel=0.01), key


def test_observed_scrap_use_at_route_shares_fits_the_2025_availability():
    """The routes' scrap coefficients at the observed EAF share of the last observed year must fit
    the first period's scrap availability (C21), else the first period is infeasible by data."""
    prod = _raw("industry_production")
    shares = _raw("industry_route_shares").query("technology == 'scrap_eaf'")
    tech = _raw("industry_technologies").query("parameter == 'scrap_t_per_t'")
    scrap = tech.set_index("technology")["value"]
    year = int(shares["year"].max())
    eaf = float(shares.set_index("year").loc[year, "share"])
    steel = prod.query("sector == 'steel' and year == @year")["output_mt"].sum()
    used = steel * (eaf * scrap["scrap_eaf"] + (1 - eaf) * scrap["bf_bof"])
    avail = (
        _raw("circular_resources")
        .query("resource == 'steel_scrap' and region == 'China' and year == 2025")["available_mt"]
        .item()
    )
    assert 200 < used <= avail


def test_aluminium_demand_after_2025_can_be_made_within_the_cap_and_recyclable_supply():
    """From 2030 aluminium demand (primary + recycled) must fit primary output at most the national
    ceiling x max_utilisation (45 x 0.95 = 42.75 Mt) plus the recyclable aluminium of C21, else the
    period is infeasible by data; 2025 is held below the observed output for exactly this reason."""
    sectors = _raw("industry_sectors").query("sector == 'aluminium'").set_index("parameter")
    primary_max_mt = (
        sectors.loc["national_capacity_ceiling_mt", "value"]
        * sectors.loc["max_utilisation", "value"]
    )
    recyclable_mt = (
        _raw("circular_resources")
        .query("resource == 'recycled_aluminium' and region == 'China'")
        .set_index("year")["available_mt"]
    )
    demand_mt = (
        _raw("industry_demand")
        .query("sector == 'aluminium' and year > 2025")
        .set_index("year")["demand_mt"]
    )
    assert len(demand_mt) == 7
    assert (demand_mt <= primary_max_mt + recyclable_mt.reindex(demand_mt.index)).all()
