"""Scenario configuration: the policy numbers and switches of one planning run.

Every field is documented here and nowhere else; ``docs/scenarios.md`` is generated from these
docstrings (``dualcarbon validate --schema``). Unknown keys are rejected (``extra="forbid"``).
"""

from __future__ import annotations

import difflib
import math
import types
from typing import Annotated, Literal, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from dualcarbon.inputs.plausible import (
    INF,
    PCT_AS_SHARE,
    SHARE_AS_PCT,
    Plausible,
    Slip,
    plausible_fields,
    ranged,
)

TransferPolicy = Literal["off", "accounting", "share", "strict"]

#: What each ``transfer_policy`` mode switches on (MODEL.md, "Emissions and carbon transfer").
TRANSFER_POLICY_RULES: dict[str, dict[str, bool]] = {
    "off": {"sector_share": False, "no_climbing_peak": False, "consumption_accounting": False},
    "accounting": {
        "sector_share": False,
        "no_climbing_peak": False,
        "consumption_accounting": True,
    },
    "share": {"sector_share": True, "no_climbing_peak": False, "consumption_accounting": False},
    "strict": {"sector_share": True, "no_climbing_peak": True, "consumption_accounting": True},
}


# --------------------------------------------------------------------------------------------
# Plausible ranges (issue 13): declared once here, used by the fields below and listed in
# docs/scenarios.md. They catch unit slips; they do not judge a policy.
# --------------------------------------------------------------------------------------------

YEAR = Plausible(
    2000,
    2100,
    "year",
    "the shipped projections end in 2060; no published pathway goes past 2100",
    integer=True,
)
BASE_YEAR = Plausible(
    1990,
    2060,
    "year",
    "the CEADs inventories start in 1997; the shipped data calibrate on 2020",
    integer=True,
)
CARBON_PRICE = Plausible(
    0,
    10_000,
    "CNY/tCO2",
    "published 2060 paths reach about 2,000-3,000 CNY/tCO2 (carbon_prices table); 10,000 is "
    "above any of them",
    usual=(0, 3_000),
)
SHARE_OF_BASE = Plausible(
    0,
    3,
    "share of base-year emissions",
    "a cap is written as a share such as 1.08; no published pathway lets emissions triple",
    usual=(0, 1.5),
    slips=(SHARE_AS_PCT,),
)
SCALE = Plausible(
    0,
    5,
    "factor",
    "sweeps scale policy numbers by tens of percent; 5 allows any sensitivity",
    usual=(0.5, 2),
    lo_open=True,
    slips=(Slip(100, "{value} looks like a percent: factors are written {fixed}", (10, 500)),),
)
GROWTH_SCALE = Plausible(
    0,
    5,
    "factor",
    "sweeps scale policy numbers by tens of percent; 0 switches the floors off",
    usual=(0, 2),
    slips=(Slip(100, "{value} looks like a percent: factors are written {fixed}", (10, 500)),),
)
GROWTH_PCT = Plausible(
    -20,
    30,
    "% per year",
    "China's industrial value added grew 2-15 %/yr since 2000 (NBS); no province sustained "
    "+30 %/yr or -20 %/yr",
    usual=(-5, 12),
    slips=(PCT_AS_SHARE,),
)
CHANGE_PCT = Plausible(
    -50,
    20,
    "% per year",
    "a stock of emitters cannot fall faster than -50 %/yr (below -100 %/yr is impossible); "
    "+20 %/yr is above China's fastest growth (2003-2005)",
    usual=(-15, 8),
    slips=(PCT_AS_SHARE,),
)
VA_NATIONAL = Plausible(
    0,
    500_000,
    "bn CNY/yr",
    "China's industrial value added was about 31,300 bn CNY in 2020 (NBS); 500,000 allows any "
    "growth to 2060",
    usual=(0, 150_000),
    slips=(
        Slip(1e9, "{value} looks like CNY: the field is bn CNY, {fixed}", (5e5, INF)),
        Slip(
            10,
            "{value} looks like 亿元 (100 million CNY): the field is bn CNY, {fixed}",
            (1.5e5, 5e6),
        ),
    ),
)
INTENSITY = Plausible(
    0,
    30,
    "tCO2 per 10k CNY of GDP",
    "China averaged about 1.0 tCO2 per 10k CNY in 2020 and Ningxia, the highest, about 6",
    usual=(0, 10),
    slips=(
        Slip(
            1000, "{value} looks like kgCO2 per 10k CNY: the field is tCO2, {fixed}", (30, 30_000)
        ),
    ),
)
TAU = Plausible(
    0,
    5,
    "share",
    "τ is a tolerated growth above the demand-scaled base, a share such as 0.1",
    usual=(0, 1),
    slips=(SHARE_AS_PCT,),
)
ALLOWANCE = Plausible(
    0,
    2,
    "share of base-year emissions",
    "a_r is a rise above base-year emissions as a share (0.1 = +10 %); no province plans to "
    "treble its emissions before its peak",
    usual=(0, 0.6),
    slips=(SHARE_AS_PCT,),
)
DISCOUNT = Plausible(
    0,
    0.3,
    "share per year",
    "social discount rates in use lie between about 0.01 and 0.12 (NDRC 8 %)",
    usual=(0.01, 0.12),
    slips=(SHARE_AS_PCT,),
)
RESERVE = Plausible(
    0,
    1,
    "share of peak load",
    "planning reserve margins are about 0.10-0.20 (CEC); 1 would double the fleet",
    usual=(0.05, 0.4),
    slips=(SHARE_AS_PCT,),
)
LOAD_FACTOR = Plausible(
    0,
    1,
    "share (mean/peak load)",
    "China's 2022 mean/peak load was about 0.75; no grid runs flat at 1",
    usual=(0.5, 0.9),
    lo_open=True,
    slips=(SHARE_AS_PCT,),
)
RATIO = Plausible(
    0,
    10,
    "t retired per t built",
    "MIIT replacement ratios are 1:1 to 2:1 (replacement_ratios table)",
    usual=(1, 3),
    lo_open=True,
)
EFX_TOLERANCE = Plausible(
    0,
    0.1,
    "tCO2/MWh",
    "grid intensities are 0-1 tCO2/MWh; a tolerance above 0.1 would stop before the first change",
    usual=(1e-5, 1e-2),
    lo_open=True,
)
EFX_ITERATIONS = Plausible(
    1,
    200,
    "solves",
    "the fixed point settles in a few solves; 200 bounds the run time",
    usual=(2, 50),
    integer=True,
)
EFX_DAMPING = Plausible(
    0,
    1,
    "share of the change",
    "1 takes the plan's intensity as it is; smaller damps oscillation",
    lo_open=True,
)
#: ``emerging_industry`` keys and their ranges.
EMERGING = {
    "max_share_of_base_va_industry": Plausible(
        0,
        5,
        "share of base-year industrial VA",
        "0.5 by default; 5 would be six-fold growth",
        slips=(SHARE_AS_PCT,),
    ),
    "emissions_tco2_per_10k_cny": Plausible(
        0, 30, "tCO2 per 10k CNY", "China's economy averaged about 1.0 in 2020"
    ),
    "electricity_mwh_per_10k_cny": Plausible(
        0, 100, "MWh per 10k CNY", "China's economy used about 0.7 MWh per 10k CNY in 2020"
    ),
    "investment_cny_per_cny_va": Plausible(
        0, 50, "CNY per CNY of value added", "capital-output ratios are about 1.5-5"
    ),
}
REPLACEMENT_CASES = ("key_region", "other", "cross_province")


def _refuse(expected: str, got: str, hint: str | None = None) -> PydanticCustomError:
    return PydanticCustomError(
        "implausible", "{expected}, got {got}", {"expected": expected, "got": got, "hint": hint}
    )


def _unique(items: list | None) -> list | None:
    """Refuse a list that names the same item twice (``regions: [Hebei, Hebei]``)."""
    seen: dict[object, int] = {}
    for i, item in enumerate(items or []):
        if item in seen:
            raise _refuse(
                "each name once",
                f"{item!r} twice (items {seen[item]} and {i})",
                "remove the repeat",
            )
        seen[item] = i
    return items


UniqueNames = Annotated[list[str], AfterValidator(_unique)]


def _known_keys(mapping: dict, known: tuple[str, ...], what: str) -> None:
    for key in mapping:
        if key not in known:
            guess = difflib.get_close_matches(str(key), known, n=1)
            raise _refuse(
                f"{what} ({', '.join(known)})",
                f"unknown key {key!r}",
                f"did you mean {guess[0]!r}?" if guess else None,
            )


class _Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        validate_default=True,
        use_attribute_docstrings=True,
        allow_inf_nan=False,  # NaN or infinity in a policy number is always a slip
    )


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
    (``industry_production`` × ``industry_route_shares``). Without the tables there are no rows."""


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


class ScenarioConfig(_Strict):
    """A planning scenario: time, space, policy and the data it runs on."""

    name: str
    """Short identifier, used for result folders (``results/<name>``): not empty, no path."""
    description: str = ""
    """One or two sentences: what the scenario asks and why."""
    extends: str | None = None
    """Shipped scenario name or YAML path (relative to this file) inherited before this file's keys.

    Mappings merge key by key, ``overrides`` lists are concatenated (inherited first), every other
    value replaces the inherited one. A file without ``name`` takes its file name."""
    base_year: ranged(int, BASE_YEAR) = 2020
    """Data base year y0."""
    periods: list[ranged(int, YEAR)] = Field(
        default_factory=lambda: [2025, 2030, 2035, 2040, 2045, 2050, 2055, 2060]
    )
    """Milestone years, strictly increasing, all after ``base_year``."""
    regions: UniqueNames | None = None
    """Subset of regions to plan (``None``: all 31 provinces)."""
    sectors: UniqueNames | None = None
    """Subset of industrial sectors (``None``: all in the data)."""
    discount_rate: ranged(float, DISCOUNT) = 0.08
    """Social discount rate δ (NDRC & MOHURD, 建设项目经济评价方法与参数 第三版, 2006: 8 %)."""
    carbon_price_cny_per_t: dict[int, ranged(float, CARBON_PRICE)] = Field(default_factory=dict)
    """Carbon price per milestone year, CNY/tCO2 (objective term on production emissions)."""
    national_cap: NationalCap = Field(default_factory=NationalCap)
    """C16 national cap on production emissions."""
    regional_cap_share_of_base: dict[str, dict[int, ranged(float, SHARE_OF_BASE)]] = Field(
        default_factory=dict
    )
    """C16 regional caps: ``{region: {year: share of the region's base-year emissions}}``."""
    intensity_cap_t_per_10k_cny: dict[str, dict[int, ranged(float, INTENSITY)]] = Field(
        default_factory=dict
    )
    """C16 intensity caps: ``{region: {year: tCO2 per 10k CNY of GDP}}``."""
    growth_floor: GrowthFloor = Field(default_factory=GrowthFloor)
    """C15 growth floors on industrial value added."""
    transfer_policy: TransferPolicy = "strict"
    """``off`` | ``accounting`` (C19) | ``share`` (C17) | ``strict`` (C17+C18+C19)."""
    transfer_rules: TransferRules = Field(default_factory=TransferRules)
    """Rule-by-rule switches overriding ``transfer_policy``."""
    tau: ranged(float, TAU) = 0.0
    """C17 τ: tolerated growth above a region's demand-scaled base-year sector emissions, share."""
    climbing_peak_allowance: ranged(float, ALLOWANCE) = 0.0
    """C18 a_r: tolerated rise of a region's emissions above its base year, share; regions with a row
    in the ``climbing_peak_allowances`` table take that row unless listed in the next field."""
    climbing_peak_allowance_by_region: dict[str, ranged(float, ALLOWANCE)] = Field(
        default_factory=dict
    )
    """Per-region overrides of ``climbing_peak_allowance``."""
    peak_year: ranged(int, YEAR) = 2030
    """C18: year after which no region's emissions may rise."""
    peak_year_by_region: dict[str, ranged(int, YEAR)] = Field(default_factory=dict)
    """Per-region overrides of ``peak_year``."""
    other_emissions_change_pct_per_yr: ranged(float, CHANGE_PCT) | None = -2.0
    """Trend of the exogenous rest-of-economy emissions E_other, % per year; ``None`` follows the
    sectoral projection of the ``other_emissions_path`` table component by component."""
    other_electricity_change_pct_per_yr: ranged(float, CHANGE_PCT) | None = None
    """Trend of non-modelled electricity demand; ``None`` follows the ``electricity_demand`` projection."""
    gdp_nonindustry_growth_pct_per_yr: ranged(float, GROWTH_PCT) = 4.5
    """Exogenous growth of GDP outside industry, % per year."""
    va_other_growth_pct_per_yr: ranged(float, GROWTH_PCT) = 3.0
    """Exogenous growth of non-modelled industrial value added, % per year."""
    emerging_industry: dict[str, float] = Field(
        default_factory=lambda: {
            "max_share_of_base_va_industry": 0.5,
            "emissions_tco2_per_10k_cny": 0.1,
            "electricity_mwh_per_10k_cny": 0.5,
            "investment_cny_per_cny_va": 1.5,
        }
    )
    """w: emerging industries' ceiling (share of base industrial VA), intensities and capital need."""
    power_reserve_margin: ranged(float, RESERVE) = 0.15
    """C13 reserve margin."""
    load_factor: ranged(float, LOAD_FACTOR) = 0.75
    """C13 annual load factor lf_r (mean / peak demand). Default 0.75: China's 2022 consumption of
    about 8,640 TWh is a mean load of about 990 GW against a national peak of about 1,290 GW
    (summer 2022 as reported by the China Electricity Council; transcribed, verify)."""
    replacement: Replacement = Field(default_factory=Replacement)
    """C5-C7 capacity replacement settings."""
    optional_families: OptionalFamilies = Field(default_factory=OptionalFamilies)
    """Switches of the constraint families C20-C25 (C24, C25 on by default)."""
    efx: FixedPoint = Field(default_factory=FixedPoint)
    """Settings of the exporter-intensity fixed point (consumption accounting)."""
    provincial_targets: bool | list[int] = False
    """C16: published carbon-intensity targets from the ``targets`` table as intensity caps on
    each province's accounted emissions (its own target, else the national one chained to the base
    year): ``true`` for every target year that is a milestone, or a list of milestone years (a
    milestone that statistics already cover need not be re-planned against a target it missed)."""
    cbam_price_cny_per_t: dict[int, ranged(float, CARBON_PRICE)] = Field(default_factory=dict)
    """C23 border carbon price per year, CNY/tCO2 (overrides the ``carbon_border`` table)."""
    tables: dict[str, str] = Field(default_factory=dict)
    """Replace a shipped table by the user's CSV: ``{table: path}`` (relative to the YAML file)."""
    overrides: list[TableOverride] = Field(default_factory=list)
    """Row-level changes of table values (``table``, ``where``, ``set``/``scale``), applied to the tables as read,
    before they are validated, so that an overridden value must pass the same checks."""

    @field_validator("transfer_policy", mode="before")
    @classmethod
    def _unquoted_off(cls, value: object) -> object:
        # YAML 1.1 reads an unquoted ``off`` as the boolean false
        return "off" if value is False else value

    @field_validator("name")
    @classmethod
    def _usable_name(cls, name: str) -> str:
        if not name.strip():
            raise _refuse("a short identifier such as 'my-plan'", "an empty name")
        return name

    @field_validator("emerging_industry")
    @classmethod
    def _emerging_ranges(cls, values: dict[str, float]) -> dict[str, float]:
        _known_keys(values, tuple(EMERGING), "an emerging_industry key")
        for key, value in values.items():
            plausible = EMERGING[key]
            if not (math.isfinite(value) and plausible.inside(value)):
                raise _refuse(
                    f"{plausible.describe()} for {key}; basis: {plausible.basis}",
                    f"{value:g}",
                    plausible.refusal_hint(value) if math.isfinite(value) else None,
                )
        return values

    @field_validator("periods")
    @classmethod
    def _check_periods(cls, periods: list[int], info: ValidationInfo) -> list[int]:
        # a field validator (not a model validator) so that errors carry the key path ``periods``
        if not periods:
            raise ValueError("at least one milestone year")
        if any(b <= a for a, b in zip(periods, periods[1:], strict=False)):
            raise ValueError(f"strictly increasing years, got {periods}")
        base_year = info.data.get("base_year")
        if base_year is not None and periods[0] <= base_year:
            raise ValueError(f"years after base_year ({base_year}), got {periods[0]} first")
        return periods

    def rule(self, name: str) -> bool:
        """Whether transfer rule ``name`` is on, after ``transfer_rules`` overrides ``transfer_policy``.

        Parameters
        ----------
        name : {"sector_share", "no_climbing_peak", "consumption_accounting"}
        """
        explicit = getattr(self.transfer_rules, name)
        return TRANSFER_POLICY_RULES[self.transfer_policy][name] if explicit is None else explicit


_DOC_PREAMBLE = """\
# Scenario files

<!-- Generated by dualcarbon.inputs.config.schema_markdown() from the field docstrings of
inputs/config.py: edit the docstrings, then regenerate; tests/test_inputs_load.py checks it. -->

A scenario is one YAML file: the policy numbers and switches of one planning run. Shipped
scenarios live in `inputs/scenarios/` and load by name (`dualcarbon.load_scenario("default")`);
any other file loads by path. Unknown keys are rejected with a suggestion of the nearest known key.

- `extends: default` inherits another scenario (a shipped name or a path relative to the file)
  and then applies this file's keys: mappings merge key by key, `overrides` lists are appended
  to the inherited ones, every other value replaces the inherited one.
- `tables: {power_capacity: my_capacity.csv}` replaces a shipped table by the user's CSV (path
  relative to the YAML file), which must follow `docs/tables.md`.
- `overrides:` changes values in the rows of a table that match `where`; an override that
  matches no row is an error, so a typo cannot silently do nothing.

Years in `national_cap.share_of_base`, `carbon_price_cny_per_t` and the other year-keyed
mappings must be milestone years of `periods`.
"""


def _type_name(annotation: object) -> str:
    """``dict[int, float]`` from an annotation, without ``Annotated`` range metadata."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _type_name(args[0])
    if origin is Literal:
        return f"Literal[{', '.join(repr(a) for a in args)}]"
    if origin in (Union, types.UnionType):
        return " \\| ".join(_type_name(a) for a in args)
    if origin is not None:
        return f"{getattr(origin, '__name__', str(origin))}[{', '.join(map(_type_name, args))}]"
    if annotation is type(None):
        return "None"
    return getattr(annotation, "__name__", str(annotation))


def _default_text(field: object) -> str:
    from pydantic_core import PydanticUndefined

    if field.default_factory is not None:  # type: ignore[attr-defined]
        value = field.default_factory()  # type: ignore[attr-defined]
        if isinstance(value, BaseModel):
            return "see below"
    else:
        value = field.default  # type: ignore[attr-defined]
    if value is PydanticUndefined:
        return "required"
    return f"`{value!r}`".replace("|", "\\|")


def schema_markdown() -> str:
    """Markdown reference of every scenario field, generated from the field docstrings.

    Returns
    -------
    str
        The text of ``docs/scenarios.md``: a short introduction, then one table per section
        (the scenario, then each nested block) with field, type, default and meaning.
    """
    sections: list[tuple[str, type[BaseModel]]] = [("Scenario (top level)", ScenarioConfig)]
    for name, field in ScenarioConfig.model_fields.items():
        inner = field.annotation
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            sections.append((f"`{name}`", inner))
    sections.append(("Each item of `overrides`", TableOverride))
    lines = [_DOC_PREAMBLE]
    for title, model in sections:
        lines += [f"## {title}", "", " ".join((model.__doc__ or "").split()), ""]
        lines += ["| key | type | default | meaning |", "|---|---|---|---|"]
        for name, field in model.model_fields.items():
            description = " ".join((field.description or "").split()).replace("|", "\\|")
            lines.append(
                f"| `{name}` | {_type_name(field.annotation)} | {_default_text(field)} | {description} |"
            )
        lines.append("")
    return "\n".join(lines + _ranges_markdown())


def _ranges_markdown() -> list[str]:
    """The section of plausible ranges, one row per guarded field (issue 13)."""
    lines = [
        "## Plausible ranges",
        "",
        "Every number is checked when the scenario is loaded: NaN and infinity are refused, a "
        "value outside its range is refused with the likely unit slip (`108 looks like a "
        "percent: shares are written 1.08`), and a value outside the usual interval is loaded "
        "with a warning. The bounds are wide plausibility limits, not data.",
        "",
        "| key | range | usually | basis |",
        "|---|---|---|---|",
    ]
    rows = [(path, p) for path, p in plausible_fields(ScenarioConfig)]
    rows += [(f"emerging_industry.{k}", p) for k, p in EMERGING.items()]
    for path, p in rows:
        usual = f"[{p.usual[0]:g}, {p.usual[1]:g}]" if p.usual else "–"
        lines.append(f"| `{path}` | {p.describe()} | {usual} | {p.basis} |")
    from dualcarbon.inputs.schemas import TABLES  # the tables' own contract, same mechanism

    lines += [
        "",
        "### Table columns",
        "",
        "The same checks guard the number columns of the input tables (`docs/tables.md`), "
        "declared next to each column in `inputs/schemas.py`; a refused cell names file, row "
        "and column (`3.6e+12 looks like CNY: the column is bn CNY`).",
        "",
        "| table | column | range | usually | basis |",
        "|---|---|---|---|---|",
    ]
    for table in TABLES.values():
        for column in table.columns:
            p = column.plausible
            if p is None or p.basis == "a share of a whole":
                continue
            usual = f"[{p.usual[0]:g}, {p.usual[1]:g}]" if p.usual else "–"
            lines.append(
                f"| `{table.name}` | `{column.name}` | {p.describe()} | {usual} | {p.basis} |"
            )
    lines.append("")
    lines.append("Share columns are in [0, 1]; a value such as 35 is refused as a percent.")
    return [*lines, ""]
