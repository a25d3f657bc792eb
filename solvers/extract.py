"""Tidy result tables from a solved planning model.

This is the one place that reads Pyomo components by name; everything downstream (``Result``,
maps, reports, sweeps) works on the tables returned here. Units are in the column names.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from typing import Any

import pandas as pd
import pyomo.environ as pyo

from dualcarbon.inputs.scenario import Scenario
from dualcarbon.solvers.evaluate import ExpressionValues
from dualcarbon.solvers.naming import constraint_catalogue, describe_row
from dualcarbon.solvers.persistent import PersistentPlan
from dualcarbon.solvers.validation import validation_table

#: bn CNY per (Mt | Mtce | TWh | GW) equals 1,000 CNY per (t | tce | MWh | kW)
_PER_UNIT = 1000.0
_DUAL_TOL = 1e-9
_FLOW_TOL = 1e-7
_UNIT_OF_ROW = {
    "MtCO2/yr": "CNY/tCO2",
    "Mt/yr": "CNY/t",
    "Mt/yr of quota": "CNY/t of quota",
    "Mtce/yr or TWh/yr": "CNY/tce or CNY/MWh",
    "TWh/yr": "CNY/MWh",
    "GW": "CNY/kW per yr",
    "bn CNY/yr": "CNY per CNY",
}


#: How expressions are evaluated: one memoised evaluator per extraction (see extract_tables), so
#: that nested reporting expressions are walked once; plain ``pyo.value`` outside one.
_EVALUATE: ContextVar[Any] = ContextVar("_EVALUATE", default=pyo.value)


def _values(component, names: list[str], column: str) -> pd.DataFrame:
    """A variable or expression as a tidy frame (index columns + one value column)."""
    if isinstance(component, pyo.Var) or getattr(component, "ctype", None) is pyo.Var:
        data = component.extract_values()
    else:
        evaluate = _EVALUATE.get()
        data = {index: evaluate(component[index]) for index in component}
    if not data:
        return pd.DataFrame(columns=[*names, column])
    index = (
        pd.MultiIndex.from_tuples(list(data), names=names)
        if len(names) > 1
        else pd.Index(list(data), name=names[0])
    )
    frame = pd.Series(list(data.values()), index=index, name=column, dtype=float).reset_index()
    # values within solver tolerance of zero are zero; avoid -0.0 and 1e-12 noise in tables
    frame[column] = frame[column].where(frame[column].abs() > 1e-9, 0.0)
    return frame


def _merge(frames: list[pd.DataFrame], keys: list[str]) -> pd.DataFrame:
    merged = frames[0]
    for frame in frames[1:]:
        merged = merged.merge(frame, on=keys, how="outer")
    return merged.fillna(0.0).sort_values(keys, ignore_index=True)


#: Every result table, in the order a result folder lists them.
TABLE_NAMES: tuple[str, ...] = (
    "national",
    "emissions",
    "industry",
    "quota_transfers",
    "power",
    "flows",
    "retrofits",
    "leakage",
    "transfer",
    "economy",
    "costs",
    "cbam",
    "duals",
    "calibration",
    "electricity",
    "validation",
)


def extract_tables(plan: PersistentPlan, scenario: Scenario) -> dict[str, pd.DataFrame]:
    """All result tables of an optimally solved plan (see :data:`dualcarbon.solvers.result.TABLES`)."""
    tables = ResultTables(plan, scenario)
    return {name: tables[name] for name in TABLE_NAMES}


class ResultTables(Mapping[str, pd.DataFrame]):
    """The result tables of a solved plan, each extracted when first read and then kept.

    A sweep records a few metrics per case; they read two or three tables (``national``,
    ``costs``, ``leakage``), and only those are extracted: the row duals of every constraint
    (``duals``, about a third of a full extraction), the technology tables and the validation
    are skipped unless a metric asks for them.

    Valid only while the plan holds the solution it was made for: read what is needed before
    the next re-solve (:func:`extract_tables` reads everything at once).

    Parameters
    ----------
    plan : PersistentPlan
        Optimally solved, its variable values loaded.
    scenario : Scenario
        The scenario the plan was built from (statistics and pathways for ``validation``).
    """

    def __init__(self, plan: PersistentPlan, scenario: Scenario) -> None:
        from dualcarbon.models.build import model_data

        self._plan = plan
        self._scenario = scenario
        self._m = plan.model
        self._data = model_data(plan.model)
        # one memoised evaluator for all tables of this solution (nested expressions walked once)
        self._evaluate = ExpressionValues(plan.linear_value)
        self._done: dict[str, pd.DataFrame] = {}
        self._solves = plan.solves  # the solution these tables describe

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._done:
            if name not in TABLE_NAMES:
                raise KeyError(name)
            if self._plan.solves != self._solves:
                # the model now holds another solution: extracting would mix it into this result
                raise RuntimeError(
                    f"table {name!r} was not read before the plan was solved again; read what a "
                    "sweep metric needs inside the metric (or sweep with keep_tables=True)"
                )
            self._done[name] = self._part(name)
        return self._done[name]

    def __iter__(self) -> Iterator[str]:
        return iter(TABLE_NAMES)

    def __len__(self) -> int:
        return len(TABLE_NAMES)

    def _part(self, name: str) -> pd.DataFrame:
        """A table or an intermediate frame, computed once (tables share their intermediates)."""
        if name not in self._done:
            token = _EVALUATE.set(self._evaluate)
            try:
                self._done[name] = getattr(self, f"_{name}")()
            finally:
                _EVALUATE.reset(token)
        return self._done[name]

    def _components(self, keys: list[str], **columns: str) -> pd.DataFrame:
        """Model components of the same index side by side: ``component name=column name``."""
        return _merge([_values(getattr(self._m, c), keys, col) for c, col in columns.items()], keys)

    # -- tables -----------------------------------------------------------------------------------
    def _industry(self) -> pd.DataFrame:
        return self._components(
            ["region", "sector", "technology", "period"],
            xcap="capacity_mt",
            xnew="new_build_mt",
            xret="early_retirement_mt",
            q="production_mt",
        )

    def _quota_transfers(self) -> pd.DataFrame:
        quota = _values(self._m.y, ["from_region", "to_region", "sector", "period"], "quota_mt")
        return quota[quota["quota_mt"] > _FLOW_TOL].reset_index(drop=True)

    def _power(self) -> pd.DataFrame:
        return self._components(
            ["region", "technology", "period"],
            gcap="capacity_gw",
            gnew="new_build_gw",
            gret="early_retirement_gw",
            gen="generation_twh",
        )

    def _flows(self) -> pd.DataFrame:
        m = self._m
        flows = _values(m.f, ["from_region", "to_region", "period"], "electricity_twh").merge(
            _values(m.EFX, ["from_region", "period"], "exporter_intensity_tco2_per_mwh"),
            on=["from_region", "period"],
            how="left",
        )
        flows["embodied_co2_mt"] = (
            flows["electricity_twh"] * flows["exporter_intensity_tco2_per_mwh"]
        )
        return flows[flows["electricity_twh"] > _FLOW_TOL].reset_index(drop=True)

    def _retrofits(self) -> pd.DataFrame:
        retrofits = self._components(
            ["region", "measure", "period"], sav="savings", inv="new_savings"
        )
        if not retrofits.empty:
            measures = self._data.measures
            retrofits["sector"] = retrofits["measure"].map(measures["sector"])
            retrofits["carrier"] = retrofits["measure"].map(measures["carrier"])
            retrofits["savings_unit"] = retrofits["carrier"].map(
                lambda c: "TWh/yr" if c == "electricity" else "Mtce/yr"
            )
            retrofits["investment_bn_cny"] = (
                retrofits["new_savings"]
                * retrofits["measure"].map(measures["cost_cny_per_unit_saved"])
                / _PER_UNIT
            )
        return retrofits

    def _emis_ind(self) -> pd.DataFrame:
        return _values(self._m.emis_ind, ["region", "sector", "period"], "emissions_mtco2")

    def _emissions(self) -> pd.DataFrame:
        m = self._m
        rp = ["region", "period"]
        emis_ind = self._part("emis_ind")
        emissions = _merge(
            [
                _values(m.emis_prod, rp, "production_mtco2"),
                _values(m.emis_cons, rp, "consumption_mtco2"),
                _values(m.emis_power, rp, "power_mtco2"),
                emis_ind.groupby(rp, as_index=False)["emissions_mtco2"]
                .sum()
                .rename(columns={"emissions_mtco2": "industry_mtco2"}),
            ],
            rp,
        )
        e_other = self._data.e_other_mtco2
        emissions["other_mtco2"] = emissions["region"].combine(
            emissions["period"], lambda r, p: float(e_other.get((r, p), 0.0))
        )
        return emissions

    def _leakage(self) -> pd.DataFrame:
        return _leakage(self._m, self._data, self._part("emis_ind"))

    def _transfer(self) -> pd.DataFrame:
        return _transfer(self["emissions"], self["flows"], self["leakage"])

    def _economy(self) -> pd.DataFrame:
        rp = ["region", "period"]
        economy = self._components(
            rp, gdp="gdp_bn_cny", va_ind="va_industry_bn_cny", w="emerging_va_bn_cny"
        )
        # MtCO2 / bn CNY = 1e6 t / 1e5 (10k CNY) = 10 t per 10k CNY
        economy = economy.merge(self["emissions"][["region", "period", "production_mtco2"]], on=rp)
        economy["carbon_intensity_t_per_10k_cny"] = (
            10.0 * economy["production_mtco2"] / economy["gdp_bn_cny"]
        )
        return economy.drop(columns="production_mtco2")

    def _costs(self) -> pd.DataFrame:
        m = self._m
        costs = pd.concat(
            [
                _values(getattr(m, name), ["period"], "cost_bn_cny").assign(kind=kind)
                for kind, name in (
                    ("investment", "cost_investment"),
                    ("operation", "cost_operation"),
                    ("carbon_price", "cost_carbon"),
                    ("carbon_border", "cost_cbam"),
                )
            ]
            + [_values(m.salvage, ["period"], "cost_bn_cny").assign(kind="salvage")],
            ignore_index=True,
        )
        costs.loc[costs["kind"] == "salvage", "cost_bn_cny"] *= -1.0
        return costs[["kind", "period", "cost_bn_cny"]]

    def _electricity(self) -> pd.DataFrame:
        return _electricity(self._m, self._data, self["flows"])

    def _cbam(self) -> pd.DataFrame:
        return _values(self._m.cbam_exposure, ["region", "period"], "exposure_bn_cny")

    def _duals(self) -> pd.DataFrame:
        return _duals(self._plan.duals(), self._data.af)

    def _cap_duals(self) -> pd.DataFrame:
        """The national cap's duals alone: what ``national`` needs, without every row's dual."""
        if "duals" in self._done:
            return self._done["duals"]
        cap = self._m.component("C16_national_cap")
        rows = [] if cap is None else [row for row in cap.values() if row.active]
        return _duals(self._plan.duals(rows) if rows else {}, self._data.af)

    def _national(self) -> pd.DataFrame:
        return _national(
            self._m,
            self["emissions"],
            self["economy"],
            self["costs"],
            self._part("cap_duals"),
            self._data.periods,
        )

    def _calibration(self) -> pd.DataFrame:
        return self._data.calibration.reset_index()

    def _validation(self) -> pd.DataFrame:
        tables = self._scenario.tables
        return validation_table(
            self,
            tables.get("national_statistics"),
            tables.get("published_pathways"),
            float(self._data.emis0_prod_mtco2.sum()),
            self._data.inventory_year,
        )


def _numeric(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Every non-key column as float with gaps 0 (left merges of empty frames come back as
    objects, which would not round-trip through Parquet)."""
    numbers = [c for c in frame.columns if c not in keys]
    frame[numbers] = frame[numbers].astype(float).fillna(0.0)
    return frame


def _electricity(m, data, flows: pd.DataFrame) -> pd.DataFrame:
    """Electricity per region and period: demand (elec_dem), generation, imports and exports."""
    rp = ["region", "period"]
    out = _values(m.elec_dem, rp, "demand_twh")
    generation = _values(m.gen, ["region", "technology", "period"], "generation_twh")
    out = out.merge(
        generation.groupby(rp, as_index=False)["generation_twh"].sum(), on=rp, how="left"
    )
    sent = flows.groupby(["from_region", "period"], as_index=False)["electricity_twh"].sum()
    got = flows.groupby(["to_region", "period"], as_index=False)["electricity_twh"].sum()
    out = out.merge(
        sent.rename(columns={"from_region": "region", "electricity_twh": "exports_twh"}),
        on=rp,
        how="left",
    ).merge(
        got.rename(columns={"to_region": "region", "electricity_twh": "imports_twh"}),
        on=rp,
        how="left",
    )
    return _numeric(out, rp)


def _leakage(m, data, emis_ind: pd.DataFrame) -> pd.DataFrame:
    """Carbon transfer through relocated production, by region, sector and period (MODEL.md).

    ``leakage_mtco2`` = max(0, emis_ind − E0·D[s,p]/D[s,y0]): direct emissions taken in above the
    province's own demand-scaled base. ``indirect_leakage_mtco2`` prices the electricity of the same
    relocation at the province's generation intensity EFX: max(0, el_use − el0·D[s,p]/D[s,y0])·EFX,
    so a power-hungry plant (a smelter) moved into a coal-power province shows as transfer too.
    """
    el = data.industry_tech["electricity_mwh_per_t"].to_dict()
    el_use = {
        (r, s, p): sum(el[s, k] * pyo.value(m.q[r, s, k, p]) for k in _techs(m, r, s))
        for (r, s) in m.RS
        for p in m.P
    }
    out = emis_ind.copy()
    keys = list(zip(out["region"], out["sector"], out["period"], strict=True))
    # the base follows the demand multiplier of models.uncertainty (1.0 unless swept)
    factor = {(r, s, p): pyo.value(m.demand_factor[s, p]) for r, s, p in keys}
    out["base_mtco2"] = [pyo.value(m.sector_base_ceiling_mtco2[k]) * factor[k] for k in keys]
    out["leakage_mtco2"] = (out["emissions_mtco2"] - out["base_mtco2"]).clip(lower=0.0)
    index = data.demand_index.to_dict()
    el0 = data.sector_base_electricity_twh.to_dict()
    out["electricity_twh"] = [el_use[k] for k in keys]
    out["base_electricity_twh"] = [
        el0.get((r, s), 0.0) * index.get((s, p), 1.0) * factor[r, s, p] for r, s, p in keys
    ]
    efx = {k: pyo.value(v) for k, v in m.EFX.items()}
    out["indirect_leakage_mtco2"] = [
        max(0.0, e - b) * efx[r, p]
        for (r, _, p), e, b in zip(
            keys, out["electricity_twh"], out["base_electricity_twh"], strict=True
        )
    ]
    for column in ("leakage_mtco2", "indirect_leakage_mtco2"):
        out.loc[out[column] < 1e-7, column] = 0.0
    return out[
        [
            "region",
            "sector",
            "period",
            "emissions_mtco2",
            "base_mtco2",
            "leakage_mtco2",
            "electricity_twh",
            "base_electricity_twh",
            "indirect_leakage_mtco2",
        ]
    ]


def _techs(m, r: str, s: str) -> list[str]:
    """Technologies of sector ``s`` planned in region ``r``."""
    return m._dualcarbon.lookups.techs_rs[r, s]


def _transfer(emissions: pd.DataFrame, flows: pd.DataFrame, leakage: pd.DataFrame) -> pd.DataFrame:
    """Carbon transfer per region and period: production vs consumption emissions, the CO2
    embodied in electricity imports and exports, and relocation leakage summed over sectors.

    ``net_transfer_mtco2`` = consumption − production = embodied imports − embodied exports: what a
    province's consumption causes elsewhere (positive: net importer of emissions).
    """
    keys = ["region", "period"]
    exported = (
        flows.groupby(["from_region", "period"], as_index=False)["embodied_co2_mt"]
        .sum()
        .rename(columns={"from_region": "region", "embodied_co2_mt": "embodied_exports_mtco2"})
    )
    imported = (
        flows.groupby(["to_region", "period"], as_index=False)["embodied_co2_mt"]
        .sum()
        .rename(columns={"to_region": "region", "embodied_co2_mt": "embodied_imports_mtco2"})
    )
    leaks = leakage.groupby(keys, as_index=False)[["leakage_mtco2", "indirect_leakage_mtco2"]].sum()
    out = emissions[[*keys, "production_mtco2", "consumption_mtco2"]].copy()
    for part in (exported, imported, leaks):
        out = out.merge(part, on=keys, how="left")
    out = _numeric(out, keys)
    out["net_transfer_mtco2"] = out["consumption_mtco2"] - out["production_mtco2"]
    return out


def _duals(row_duals: Mapping[Any, float], af: dict[int, float]) -> pd.DataFrame:
    """Shadow prices of every non-zero row dual, in the period's own money.

    ``shadow_price`` is what tightening the row by one unit costs per year of the period (dual ÷
    AF_p), converted from bn CNY per Mt (or Mtce, TWh, GW) to CNY per t (tce, MWh, kW) and signed
    so that a binding cap or floor has a positive price. Equality rows keep the sign of the dual
    (cost per unit increase of the right-hand side). ``dual_pv`` is the raw HiGHS dual.
    """
    catalogue = constraint_catalogue()
    records: list[dict[str, Any]] = []
    for row, dual in row_duals.items():
        if abs(dual) < _DUAL_TOL:
            continue
        name = row.parent_component().local_name
        if name not in catalogue:
            continue
        described = describe_row(row)
        period = described["period"]
        if row.upper is not None and row.lower is None:
            sign = -1.0
        else:
            sign = 1.0
        annuity = af.get(period, math.nan) if period is not None else 1.0
        multiplier = 1.0 if described["unit"].startswith("bn CNY") else _PER_UNIT
        described.update(
            dual_pv=dual,
            shadow_price=sign * dual / annuity * multiplier,
            price_unit=_UNIT_OF_ROW.get(described["unit"], described["unit"]),
        )
        records.append(described)
    columns = [
        "family",
        "constraint",
        "region",
        "sector",
        "period",
        "detail",
        "shadow_price",
        "price_unit",
        "dual_pv",
        "unit",
    ]
    if not records:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(records)[columns]
    frame["period"] = frame["period"].astype("Int64")
    return frame.sort_values(
        ["family", "constraint", "period", "region", "sector"],
        ignore_index=True,
        na_position="first",
    )


def _national(m, emissions, economy, costs, duals, periods) -> pd.DataFrame:
    national = emissions.groupby("period", as_index=False)[
        ["production_mtco2", "consumption_mtco2", "power_mtco2", "industry_mtco2", "other_mtco2"]
    ].sum()
    national = national.rename(columns={"production_mtco2": "emissions_mtco2"}).drop(
        columns="consumption_mtco2"
    )
    caps = {}
    if m.component("C16_national_cap") is not None:
        for p in periods:
            if p in m.C16_national_cap and m.C16_national_cap[p].active:
                caps[p] = pyo.value(m.C16_national_cap[p].upper)
    national["cap_mtco2"] = national["period"].map(caps)
    price = duals[duals["constraint"] == "C16_national_cap"].set_index("period")["shadow_price"]
    national["cap_shadow_price_cny_per_t"] = national["period"].map(price).astype(float)
    national.loc[
        national["cap_mtco2"].notna() & national["cap_shadow_price_cny_per_t"].isna(),
        "cap_shadow_price_cny_per_t",
    ] = 0.0
    # the price the objective charged (a sweep may have changed the mutable parameter)
    national["carbon_price_cny_per_t"] = national["period"].map(
        lambda p: float(pyo.value(m.carbon_price_cny_per_t[p]))
    )
    gdp = economy.groupby("period")["gdp_bn_cny"].sum()
    national["gdp_bn_cny"] = national["period"].map(gdp)
    national["carbon_intensity_t_per_10k_cny"] = (
        10.0 * national["emissions_mtco2"] / national["gdp_bn_cny"]
    )
    national["cost_bn_cny"] = national["period"].map(costs.groupby("period")["cost_bn_cny"].sum())
    return national
