"""Tiny in-memory scenarios for hand-checked LP tests, with tables that follow docs/tables.md.

Every number here is a toy value (``source = "assumption: toy value for a unit test"``), chosen
so the optimum can be derived by hand. Defaults make most of the model neutral:

* base year 2020, one period 2025, discount rate 0 → DF = 1, AF = 5 (years 2021–2025);
* every technology (industry and power) has lifetime 50 years and fleet age 0, so α = β = 0.9
  in 2025 and 0.8 in 2030 (straight-line retirement over the remaining life);
* fuel ``coal``: 2 tCO2/tce, 100 CNY/tce; ``gas``: 1 tCO2/tce, 0 CNY/tce; ``oil``: 0, 0;
* no replacement ratios (and, where a test adds them, only early retirements count as quota
  unless it sets ``count_scheduled_retirements``), no caps, growth floor 0 %, no emerging industry, no reserve margin,
  load factor 1, every exogenous trend 0 %;
* base inventory of a region defaults to its modelled base emissions, so E_other = 0.

Handy cost figures (bn CNY, present value, one period 2025):

* running steel tech ``old`` (1 tce coal/t): 5 yr × 100 CNY/t = 0.5 per Mt/yr of output, and
  it emits 2 tCO2/t; a carbon price of 1000 CNY/t adds 5 × 2 = 10 per Mt/yr;
* building ``old`` (capex 1000 CNY/t, life 50): 1 bn/Mt less salvage 45/50 → 0.1 per Mt/yr;
* building ``clean`` (capex 2000 CNY/t, life 10, zero emissions): 2 less salvage 5/10 → 1 per Mt/yr.
"""

from __future__ import annotations

import copy
from typing import Any

import pandas as pd
import pyomo.environ as pyo

from dualcarbon.inputs.config import ScenarioConfig
from dualcarbon.inputs.scenario import Scenario
from dualcarbon.models import build_model

SOURCE = "assumption: toy value for a unit test"
BASE_YEAR = 2020

#: industry technology parameters of the toys (docs/tables.md names); override per technology
INDUSTRY_DEFAULTS: dict[str, float] = {
    "is_backward": 0,
    "phase_out_year": float("nan"),
    "available_from_year": 2020,
    "lifetime_years": 50,
    "fleet_age_years": 0,
    "capex_cny_per_t": 1000,
    "fom_cny_per_t": 0,
    "stranded_cost_cny_per_t": 0,
    "coal_tce_per_t": 0,
    "oil_tce_per_t": 0,
    "gas_tce_per_t": 0,
    "electricity_mwh_per_t": 0,
    "process_co2_t_per_t": 0,
    "capture_share": 0,
    "value_added_cny_per_t": 0,
    "replacement_exempt": 0,
    "scrap_t_per_t": 0,
    "solid_waste_t_per_t": 0,
}
OLD = {"coal_tce_per_t": 1, "capex_cny_per_t": 1000}
CLEAN = {"capex_cny_per_t": 2000, "lifetime_years": 10}

POWER_DEFAULTS: dict[str, float] = {
    "capex_cny_per_kw": 1e6,  # no expansion unless a test sets a price
    "fom_cny_per_kw_yr": 0,
    "vom_cny_per_mwh": 0,
    "heat_rate_tce_per_mwh": 0,
    "emission_factor_tco2_per_mwh": 0,
    "lifetime_years": 50,
    # ages spread over the whole life: the base fleet retires in a straight line over 50 years
    # (β = 0.9 in 2025), as the hand-checked power toys assume
    "fleet_age_years": 25,
    "capacity_credit": 1,
    "is_renewable": 0,
}


class Toy:
    """Builder of a toy scenario; methods add rows, :meth:`scenario` returns a :class:`Scenario`."""

    def __init__(self, regions: dict[str, bool] | None = None) -> None:
        self.regions = regions or {"A": False}
        self.rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLE_COLUMNS}
        self.industry_techs: dict[tuple[str, str], dict[str, float]] = {}
        self.power_techs: dict[str, dict[str, float]] = {}
        self.inventory: dict[str, float] = {}
        self.fuels = {"coal": (2.0, 100.0), "oil": (0.0, 0.0), "gas": (1.0, 0.0)}
        for region in self.regions:
            self.add("economy", region=region, year=BASE_YEAR, variable="gdp", value_bn_cny=1000.0)
            self.add(
                "economy", region=region, year=BASE_YEAR, variable="va_industry", value_bn_cny=100.0
            )
            self.add("electricity_demand", region=region, year=BASE_YEAR, demand_twh=0.0)

    # ------------------------------------------------------------------ rows
    def add(self, table: str, **row: Any) -> Toy:
        row.setdefault("source", SOURCE)
        self.rows[table].append(row)
        return self

    def sector(
        self,
        sector: str = "steel",
        demand: dict[int, float] | None = None,
        max_utilisation: float = 1.0,
        **params: float,
    ) -> Toy:
        """A sector with its national demand path and sector parameters."""
        self.add(
            "industry_sectors", sector=sector, parameter="max_utilisation", value=max_utilisation
        )
        for name, value in params.items():
            self.add("industry_sectors", sector=sector, parameter=name, value=value)
        for year, mt in (demand or {2025: 9.0}).items():
            self.add("industry_demand", sector=sector, year=year, demand_mt=mt)
        return self

    def tech(self, sector: str, technology: str, **params: float) -> Toy:
        self.industry_techs[sector, technology] = {**INDUSTRY_DEFAULTS, **params}
        return self

    def capacity(
        self, region: str, sector: str, technology: str, mt: float, output: float | None = None
    ) -> Toy:
        """Base capacity; ``output`` adds the region's base production of the sector."""
        self.add(
            "industry_capacity", region=region, sector=sector, technology=technology, capacity_mt=mt
        )
        if output is not None:
            self.add(
                "industry_production",
                region=region,
                sector=sector,
                year=BASE_YEAR,
                output_mt=output,
            )
        return self

    def power(self, technology: str, **params: float) -> Toy:
        self.power_techs[technology] = {**POWER_DEFAULTS, **params}
        return self

    def plant(
        self,
        region: str,
        technology: str,
        gw: float,
        cf: float = 0.5,
        potential: float | None = None,
        build: float | None = None,
    ) -> Toy:
        self.add("power_capacity", region=region, technology=technology, capacity_gw=gw)
        self.add("power_capacity_factors", region=region, technology=technology, capacity_factor=cf)
        if potential is not None:
            self.add(
                "renewable_potential", region=region, technology=technology, potential_gw=potential
            )
        if build is not None:
            self.add(
                "power_build_limits",
                region=region,
                technology=technology,
                max_build_gw_per_yr=build,
            )
        return self

    def demand_twh(self, region: str, twh: float) -> Toy:
        """Electricity demand of a region in the base year and after (flat)."""
        self.rows["electricity_demand"] = [
            r for r in self.rows["electricity_demand"] if r["region"] != region
        ]
        return self.add("electricity_demand", region=region, year=BASE_YEAR, demand_twh=twh)

    def corridor(self, o: str, d: str, gw: float, loss: float = 0.0, capex: float = 1e6) -> Toy:
        return self.add(
            "transmission_corridors",
            from_region=o,
            to_region=d,
            capacity_gw=gw,
            loss_share=loss,
            max_utilisation=1.0,
            capex_cny_per_kw=capex,
        )

    # ------------------------------------------------------------------ output
    def tables(self) -> dict[str, pd.DataFrame]:
        rows = copy.deepcopy(self.rows)
        for (sector, technology), params in self.industry_techs.items():
            for name, value in params.items():
                rows["industry_technologies"].append(
                    {
                        "sector": sector,
                        "technology": technology,
                        "parameter": name,
                        "value": value,
                        "source": SOURCE,
                    }
                )
        if not self.power_techs:
            self.power("coal", emission_factor_tco2_per_mwh=1.0)
        for technology, params in self.power_techs.items():
            for name, value in params.items():
                rows["power_technologies"].append(
                    {"technology": technology, "parameter": name, "value": value, "source": SOURCE}
                )
        for fuel, (ef, price) in self.fuels.items():
            rows["fuels"].append(
                {
                    "fuel": fuel,
                    "emission_factor_tco2_per_tce": ef,
                    "price_cny_per_tce": price,
                    "source": SOURCE,
                }
            )
        for region in self.regions:
            total = self.inventory.get(region, self._modelled_base(region))
            rows["emissions_inventory"].append(
                {
                    "region": region,
                    "year": BASE_YEAR - 1,
                    "sector": "total",
                    "emissions_mtco2": total,
                    "source": SOURCE,
                }
            )
        out = {
            name: pd.DataFrame(r, columns=[*TABLE_COLUMNS[name], "source"])
            for name, r in rows.items()
        }
        out["regions"] = pd.DataFrame(
            {"region": list(self.regions), "key_region": list(self.regions.values())}
        )
        return out

    def _modelled_base(self, region: str) -> float:
        """Base industrial emissions of a region (its inventory default, so E_other = 0)."""
        cap = pd.DataFrame(
            self.rows["industry_capacity"], columns=TABLE_COLUMNS["industry_capacity"]
        )
        prod = pd.DataFrame(
            self.rows["industry_production"], columns=TABLE_COLUMNS["industry_production"]
        )
        total = 0.0
        for sector, group in cap[cap["region"] == region].groupby("sector"):
            mine = (prod["region"] == region) & (prod["sector"] == sector)
            out = prod[mine & (prod["year"] == BASE_YEAR)]["output_mt"].sum()
            share = group["capacity_mt"] / group["capacity_mt"].sum()
            for tech, s in zip(group["technology"], share, strict=True):
                p = self.industry_techs[sector, tech]
                ef = {f: self.fuels[f][0] for f in self.fuels}
                ei = (sum(p[f"{f}_tce_per_t"] * ef[f] for f in ef) + p["process_co2_t_per_t"]) * (
                    1 - p["capture_share"]
                )
                total += ei * out * s
        return total

    def scenario(self, **config: Any) -> Scenario:
        settings: dict[str, Any] = {
            "name": "toy",
            "base_year": BASE_YEAR,
            "periods": [2025],
            "discount_rate": 0.0,
            "transfer_policy": "off",
            "other_emissions_change_pct_per_yr": 0.0,
            "other_electricity_change_pct_per_yr": 0.0,
            "gdp_nonindustry_growth_pct_per_yr": 0.0,
            "va_other_growth_pct_per_yr": 0.0,
            "power_reserve_margin": 0.0,
            "load_factor": 1.0,
            "emerging_industry": {
                "max_share_of_base_va_industry": 0.0,
                "emissions_tco2_per_10k_cny": 0.0,
                "electricity_mwh_per_10k_cny": 0.0,
                "investment_cny_per_cny_va": 1.0,
            },
        }
        # hand derivations count only early retirements as replacement quota unless a test
        # asks for scheduled ones (the config default counts them)
        replacement = {"count_scheduled_retirements": False, **config.pop("replacement", {})}
        settings.update(config, replacement=replacement)
        return Scenario(ScenarioConfig.model_validate(settings), self.tables(), origin="toy")


TABLE_COLUMNS: dict[str, list[str]] = {
    "industry_route_shares": ["region", "sector", "technology", "year", "share"],
    "technology_diffusion": [
        "sector",
        "technology",
        "max_growth_pct_per_yr",
        "seed_mt_per_yr",
        "max_decline_pct_per_yr",
    ],
    "power_capacity_history": ["region", "technology", "year", "capacity_gw"],
    "power_national_build_limits": ["technology", "max_build_gw_per_yr"],
    "power_generation_inertia": [
        "technology",
        "observed_year",
        "observed_generation_twh",
        "max_decline_pct_per_yr",
    ],
    "economy": ["region", "year", "variable", "value_bn_cny"],
    "emissions_inventory": ["region", "year", "sector", "emissions_mtco2"],
    "electricity_demand": ["region", "year", "demand_twh"],
    "fuels": ["fuel", "emission_factor_tco2_per_tce", "price_cny_per_tce"],
    "power_technologies": ["technology", "parameter", "value"],
    "power_capacity": ["region", "technology", "capacity_gw"],
    "power_generation": ["region", "technology", "year", "generation_twh"],
    "power_capacity_factors": ["region", "technology", "capacity_factor"],
    "renewable_potential": ["region", "technology", "potential_gw"],
    "power_build_limits": ["region", "technology", "max_build_gw_per_yr"],
    "transmission_corridors": [
        "from_region",
        "to_region",
        "capacity_gw",
        "loss_share",
        "max_utilisation",
        "capex_cny_per_kw",
    ],
    "industry_technologies": ["sector", "technology", "parameter", "value"],
    "industry_sectors": ["sector", "parameter", "value"],
    "industry_capacity": ["region", "sector", "technology", "capacity_mt"],
    "industry_production": ["region", "sector", "year", "output_mt"],
    "industry_demand": ["sector", "year", "demand_mt"],
    "replacement_ratios": ["sector", "case", "ratio"],
    "retrofit_measures": [
        "measure",
        "sector",
        "carrier",
        "tranche",
        "max_share",
        "cost_cny_per_unit_saved",
        "lifetime_years",
    ],
    "supply_security": ["sector", "year", "domestic_output_floor_share"],
    "circular_resources": ["resource", "region", "year", "available_mt"],
    "carbon_border": [
        "sector",
        "year",
        "export_share",
        "free_allocation_share",
        "cbam_price_cny_per_t",
    ],
}


def steel_toy(regions: dict[str, bool] | None = None, demand: float = 9.0) -> Toy:
    """Steel with ``old`` (coal, 2 tCO2/t) and ``clean`` (zero-emission) technologies; every
    region gets 10 Mt/yr of ``old`` (9 Mt/yr left in 2025) and produced 9 Mt in the base year."""
    toy = Toy(regions).sector("steel", demand={2025: demand})
    toy.tech("steel", "old", **OLD).tech("steel", "clean", **CLEAN)
    for region in toy.regions:
        toy.capacity(region, "steel", "old", 10.0, output=9.0)
    return toy


def solve(model: pyo.ConcreteModel) -> float:
    """Solve with HiGHS; fail loudly unless optimal. Returns the objective, bn CNY."""
    solver = pyo.SolverFactory("appsi_highs")
    result = solver.solve(model, load_solutions=False)
    condition = result.solver.termination_condition
    if condition != pyo.TerminationCondition.optimal:
        raise AssertionError(f"toy LP not optimal: {condition}")
    model.solutions.load_from(result)
    return pyo.value(model.objective)


def build_and_solve(scenario: Scenario) -> tuple[pyo.ConcreteModel, float]:
    model = build_model(scenario)
    return model, solve(model)


def build_and_solve_fixed_point(
    scenario: Scenario, **settings: Any
) -> tuple[pyo.ConcreteModel, float, Any]:
    """Build, then solve with the EFX fixed-point iteration of consumption accounting.

    Returns the model, the objective (bn CNY) and the iteration's report; fails unless optimal.
    """
    from dualcarbon.solvers.fixed_point import solve_fixed_point
    from dualcarbon.solvers.persistent import PersistentPlan

    model = build_model(scenario)
    outcome, report = solve_fixed_point(PersistentPlan(model), **settings)
    if not outcome.status.is_optimal:
        raise AssertionError(f"toy LP not optimal: {outcome.status}")
    return model, float(outcome.objective_bn_cny), report


def v(component: Any) -> float:
    """Value of a variable or expression (None → 0: a variable the solver left untouched)."""
    value = pyo.value(component, exception=False)
    return 0.0 if value is None else float(value)


def assert_family_binds(model: pyo.ConcreteModel, code: str, objective: float) -> None:
    """Re-solve without family ``code``'s rows: the optimum must change (or stop existing).

    Proves the test's family decides the result; the rows' activity is restored afterwards.
    """
    from dualcarbon.models import FAMILIES

    blocks = [
        getattr(model, name) for name in FAMILIES[code].constraint_names if hasattr(model, name)
    ]
    rows = [row for block in blocks for row in block.values() if row.active]
    assert rows, f"{code}: no active row in this toy"
    for row in rows:
        row.deactivate()
    try:
        result = pyo.SolverFactory("appsi_highs").solve(model, load_solutions=False)
        condition = result.solver.termination_condition
        if condition == pyo.TerminationCondition.optimal:
            relaxed = result.problem.lower_bound
            assert abs(relaxed - objective) > 1e-6 * max(1.0, abs(objective)), (
                f"{code} does not bind: same optimum {objective} without it"
            )
    finally:
        for row in rows:
            row.activate()
