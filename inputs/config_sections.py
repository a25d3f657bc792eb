"""The nested blocks of a scenario: transfer rules, national cap, growth floor, replacement,
optional families, the EFX fixed point, and the row overrides of a table.

Each is a strict pydantic model (unknown keys refused) whose field docstrings are the reference
of ``docs/scenarios.md`` (:func:`dualcarbon.inputs.config.schema_markdown`).
"""

from __future__ import annotations

from pydantic import Field, field_validator, model_validator

from dualcarbon.inputs.config_ranges import (
    EFX_DAMPING,
    EFX_ITERATIONS,
    EFX_TOLERANCE,
    GROWTH_PCT,
    GROWTH_SCALE,
    RATIO,
    REPLACEMENT_CASES,
    SCALE,
    SHARE_OF_BASE,
    VA_NATIONAL,
    UniqueNames,
    _known_keys,
    _Strict,
)
from dualcarbon.inputs.plausible import ranged

__all__ = [
    "FixedPoint",
    "GrowthFloor",
    "NationalCap",
    "OptionalFamilies",
    "Replacement",
    "TableOverride",
    "TransferRules",
]


class TransferRules(_Strict):
    """Carbon-transfer rules one by one; ``None`` takes the value implied by ``transfer_policy``."""

    sector_share: bool | None = None
    """C17: a region's sector emissions may not exceed (1+τ)·E0·D[s,p]/D[s,y0]."""
    no_climbing_peak: bool | None = None
    """C18: no rise above (1+a_r)·base-year emissions; no rise after the region's peak year."""
    consumption_accounting: bool | None = None
    """C19: regional caps and C18 bind consumption-based emissions (electricity carbon follows the consumer)."""


class NationalCap(_Strict):
    """C16 national cap: CAP_NAT[p] = scale · share[p] · base-year modelled national emissions."""

    share_of_base: dict[int, ranged(float, SHARE_OF_BASE)] = Field(default_factory=dict)
    """Cap per milestone year as a share of base-year national emissions (years not listed: no cap)."""
    scale: ranged(float, SCALE) = 1.0
    """Multiplies every cap year (sweepable as ``national_cap_scale``)."""


class GrowthFloor(_Strict):
    """C15 growth floor on industrial value added."""

    pct_per_yr: ranged(float, GROWTH_PCT) = 0.0
    """Default floor g_r on annual growth of industrial value added, % per year, every region."""
    by_region: dict[str, ranged(float, GROWTH_PCT)] = Field(default_factory=dict)
    """Per-region overrides of ``pct_per_yr``."""
    scale: ranged(float, GROWTH_SCALE) = 1.0
    """Multiplies every g_r (sweepable as ``growth_floor_scale``)."""
    national_bn_cny: dict[int, ranged(float, VA_NATIONAL)] = Field(default_factory=dict)
    """Optional national floor Σ_r va_ind[r,p] ≥ VA_NAT[p], bn CNY/yr."""


class Replacement(_Strict):
    """C5-C7 capacity replacement (减量置换) settings."""

    key_regions: UniqueNames | None = None
    """Regions that count as key air-pollution-control regions; ``None`` takes the registry's flag."""
    ratio_overrides: dict[str, dict[str, ranged(float, RATIO)]] = Field(default_factory=dict)
    """``{sector: {case: ratio}}`` overriding ``replacement_ratios`` (cases key_region, other, cross_province)."""
    ratio_scale: ranged(float, SCALE) = 1.0
    """Multiplies every replacement ratio (sweepable as ``replacement_ratio_scale``)."""
    barred_receivers: UniqueNames = Field(default_factory=list)
    """Regions that may not receive quota from others (e.g. missed capacity-control targets)."""
    count_scheduled_retirements: bool = True
    """Whether end-of-life closure of non-backward stock (base-year fleet and model-built vintages)
    also creates replacement quota. The MIIT rules bar only backward capacity and capacity closed
    with subsidies from use as quota, so closed non-backward lines count; without this the ageing
    fleet could not be renewed at all."""
    phase_out: bool = True
    """C4: enforce the phase-out years of backward technologies."""

    @field_validator("ratio_overrides")
    @classmethod
    def _known_cases(cls, overrides: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
        # sectors are checked against the data (inputs/checks.py); cases are a closed set
        for cases in overrides.values():
            _known_keys(cases, REPLACEMENT_CASES, "a replacement case")
        return overrides


class OptionalFamilies(_Strict):
    """Switches for C20-C23; all off (neutral) by default."""

    supply_security: bool = False
    """C20: domestic output floors and industry share of GDP floor (``supply_security`` table)."""
    circular_resources: bool = False
    """C21: scrap steel, recycled aluminium and solid-waste limits (``circular_resources`` table)."""
    technology_availability: bool = False
    """C22: no new build of a technology before its ``available_from_year``."""
    carbon_border: bool = False
    """C23: carbon border cost on exports in the objective (``carbon_border`` table)."""
    diffusion_limits: bool = True
    """C24: national output of each technology grows at most by a factor plus a start-up amount and
    falls at most as fast as its stock can retire (``technology_diffusion``); national power builds
    within ``power_national_build_limits``. On by default: a plan must move no faster than fleets
    and supply chains can. Without the tables there are no rows."""
    history: bool = True
    """C25: capacity observed after the base year (``power_capacity_history``) stands in the first
    period, and C24 starts the first period from the last observed year's output by technology
    (``industry_production`` × ``industry_route_shares``); national generation of gas and hydro
    falls from its last observed value no faster than on record (``power_generation_inertia``).
    Without the tables there are no rows."""


class FixedPoint(_Strict):
    """The EFX iteration of consumption accounting (MODEL.md ``efx``, C19)."""

    tolerance_tco2_per_mwh: ranged(float, EFX_TOLERANCE) = 1e-3
    """Stop when no exporter intensity moves by more than this, tCO2/MWh."""
    max_iterations: ranged(int, EFX_ITERATIONS) = 40
    """Solves at most; an unsettled iteration ends with status ``not_converged``."""
    damping: ranged(float, EFX_DAMPING) = 1.0
    """EFX ← EFX + damping·(plan's intensity − EFX); halved automatically when changes stop shrinking."""


class TableOverride(_Strict):
    """Replace values in the rows of one table that match ``where``."""

    table: str
    """Name of the table (``docs/tables.md``)."""
    where: dict[str, str | int | float | bool] = Field(min_length=1)
    """``{column: value}``: the rows to change; every pair must match; at least one row must match."""
    set: dict[str, str | int | float | bool] = Field(default_factory=dict)
    """``{column: new value}`` written into the matching rows (validated with the table)."""
    scale: dict[str, float] = Field(default_factory=dict)
    """``{column: factor}`` multiplying the numbers of the matching rows (applied after ``set``)."""

    @model_validator(mode="after")
    def _changes_something(self) -> TableOverride:
        if not self.set and not self.scale:
            raise ValueError("a 'set' or 'scale' mapping, got neither")
        return self
