"""Scenario configuration: the policy numbers and switches of one planning run.

Every field is documented here and nowhere else; ``docs/scenarios.md`` is generated from these
docstrings (``dualcarbon validate --schema``). Unknown keys are rejected (``extra="forbid"``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    NonNegativeFloat,
    ValidationInfo,
    field_validator,
    model_validator,
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


class _Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, validate_default=True, use_attribute_docstrings=True
    )


class TransferRules(_Strict):
    """Carbon-transfer rules one by one; ``None`` takes the value implied by ``transfer_policy``."""

    sector_share: bool | None = None
    """C17: a region's share of a sector's national emissions may not exceed θ·(1+τ)."""
    no_climbing_peak: bool | None = None
    """C18: no rise above (1+a_r)·base-year emissions; no rise after the region's peak year."""
    consumption_accounting: bool | None = None
    """C19: regional caps and C18 bind consumption-based emissions (electricity carbon follows the consumer)."""


class NationalCap(_Strict):
    """C16 national cap: CAP_NAT[p] = scale · share[p] · base-year modelled national emissions."""

    share_of_base: dict[int, NonNegativeFloat] = Field(default_factory=dict)
    """Cap per milestone year as a share of base-year national emissions (years not listed: no cap)."""
    scale: float = Field(1.0, gt=0)
    """Multiplies every cap year (sweepable as ``national_cap_scale``)."""


class GrowthFloor(_Strict):
    """C15 growth floor on industrial value added."""

    pct_per_yr: float = 0.0
    """Default floor g_r on annual growth of industrial value added, % per year, every region."""
    by_region: dict[str, float] = Field(default_factory=dict)
    """Per-region overrides of ``pct_per_yr``."""
    scale: float = Field(1.0, ge=0)
    """Multiplies every g_r (sweepable as ``growth_floor_scale``)."""
    national_bn_cny: dict[int, float] = Field(default_factory=dict)
    """Optional national floor Σ_r va_ind[r,p] ≥ VA_NAT[p], bn CNY/yr."""


class Replacement(_Strict):
    """C5-C7 capacity replacement (减量置换) settings."""

    key_regions: list[str] | None = None
    """Regions that count as key air-pollution-control regions; ``None`` takes the registry's flag."""
    ratio_overrides: dict[str, dict[str, float]] = Field(default_factory=dict)
    """``{sector: {case: ratio}}`` overriding ``replacement_ratios`` (cases key_region, other, cross_province)."""
    ratio_scale: float = Field(1.0, gt=0)
    """Multiplies every replacement ratio (sweepable as ``replacement_ratio_scale``)."""
    barred_receivers: list[str] = Field(default_factory=list)
    """Regions that may not receive quota from others (e.g. missed capacity-control targets)."""
    count_scheduled_retirements: bool = True
    """Whether end-of-life closure of non-backward stock (base-year fleet and model-built vintages)
    also creates replacement quota. The MIIT rules bar only backward capacity and capacity closed
    with subsidies from use as quota, so closed non-backward lines count; without this the ageing
    fleet could not be renewed at all."""
    phase_out: bool = True
    """C4: enforce the phase-out years of backward technologies."""


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
    """Short identifier, used for result folders."""
    description: str = ""
    """One or two sentences: what the scenario asks and why."""
    extends: str | None = None
    """Shipped scenario name or YAML path (relative to this file) inherited before this file's keys.

    Mappings merge key by key, ``overrides`` lists are concatenated (inherited first), every other
    value replaces the inherited one. A file without ``name`` takes its file name."""
    base_year: int = 2020
    """Data base year y0."""
    periods: list[int] = Field(
        default_factory=lambda: [2025, 2030, 2035, 2040, 2045, 2050, 2055, 2060]
    )
    """Milestone years, strictly increasing, all after ``base_year``."""
    regions: list[str] | None = None
    """Subset of regions to plan (``None``: all 31 provinces)."""
    sectors: list[str] | None = None
    """Subset of industrial sectors (``None``: all in the data)."""
    discount_rate: float = Field(0.08, ge=0, lt=1)
    """Social discount rate δ (NDRC & MOHURD, 建设项目经济评价方法与参数 第三版, 2006: 8 %)."""
    carbon_price_cny_per_t: dict[int, NonNegativeFloat] = Field(default_factory=dict)
    """Carbon price per milestone year, CNY/tCO2 (objective term on production emissions)."""
    national_cap: NationalCap = Field(default_factory=NationalCap)
    """C16 national cap on production emissions."""
    regional_cap_share_of_base: dict[str, dict[int, NonNegativeFloat]] = Field(default_factory=dict)
    """C16 regional caps: ``{region: {year: share of the region's base-year emissions}}``."""
    intensity_cap_t_per_10k_cny: dict[str, dict[int, float]] = Field(default_factory=dict)
    """C16 intensity caps: ``{region: {year: tCO2 per 10k CNY of GDP}}``."""
    growth_floor: GrowthFloor = Field(default_factory=GrowthFloor)
    """C15 growth floors on industrial value added."""
    transfer_policy: TransferPolicy = "strict"
    """``off`` | ``accounting`` (C19) | ``share`` (C17) | ``strict`` (C17+C18+C19)."""
    transfer_rules: TransferRules = Field(default_factory=TransferRules)
    """Rule-by-rule switches overriding ``transfer_policy``."""
    tau: float = Field(0.0, ge=0)
    """C17 τ: tolerated growth of a region's share of a sector's national emissions."""
    climbing_peak_allowance: float = Field(0.0, ge=0)
    """C18 a_r: tolerated rise of a region's emissions above its base year, share."""
    climbing_peak_allowance_by_region: dict[str, NonNegativeFloat] = Field(default_factory=dict)
    """Per-region overrides of ``climbing_peak_allowance``."""
    peak_year: int = 2030
    """C18: year after which no region's emissions may rise."""
    peak_year_by_region: dict[str, int] = Field(default_factory=dict)
    """Per-region overrides of ``peak_year``."""
    other_emissions_change_pct_per_yr: float = -2.0
    """Trend of the exogenous rest-of-economy emissions E_other, % per year."""
    other_electricity_change_pct_per_yr: float | None = None
    """Trend of non-modelled electricity demand; ``None`` follows the ``electricity_demand`` projection."""
    gdp_nonindustry_growth_pct_per_yr: float = 4.5
    """Exogenous growth of GDP outside industry, % per year."""
    va_other_growth_pct_per_yr: float = 3.0
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
    power_reserve_margin: float = Field(0.15, ge=0)
    """C13 reserve margin."""
    load_factor: float = Field(0.75, gt=0, le=1)
    """C13 annual load factor lf_r (mean / peak demand). Default 0.75: China's 2022 consumption of
    about 8,640 TWh is a mean load of about 990 GW against a national peak of about 1,290 GW
    (summer 2022 as reported by the China Electricity Council; transcribed, verify)."""
    replacement: Replacement = Field(default_factory=Replacement)
    """C5-C7 capacity replacement settings."""
    optional_families: OptionalFamilies = Field(default_factory=OptionalFamilies)
    """Switches of the optional constraint families C20-C23."""
    cbam_price_cny_per_t: dict[int, NonNegativeFloat] = Field(default_factory=dict)
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
    text = getattr(annotation, "__name__", None) if isinstance(annotation, type) else None
    text = text or str(annotation)
    for noise in ("typing.", "dualcarbon.inputs.config.", "Annotated[", ", Ge(ge=0)]"):
        text = text.replace(noise, "")
    return text.replace("NonNegativeFloat", "float").replace("|", "\\|")


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
    return "\n".join(lines)
