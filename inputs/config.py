"""Scenario configuration: the policy numbers and switches of one planning run.

Every field is documented here and nowhere else; ``docs/scenarios.md`` is generated from these
docstrings (``dualcarbon validate --schema``). Unknown keys are rejected (``extra="forbid"``).

The top level is :class:`ScenarioConfig`; its nested blocks are in
:mod:`~dualcarbon.inputs.config_sections` and the plausible ranges of its numbers in
:mod:`~dualcarbon.inputs.config_ranges`. Both are re-exported here.
"""

from __future__ import annotations

import math
import types
from typing import Annotated, Literal, Union, get_args, get_origin

from pydantic import BaseModel, Field, ValidationInfo, field_validator

# ranges and sections keep their public import path here
from dualcarbon.inputs.config_ranges import (  # noqa: F401
    ALLOWANCE,
    BASE_YEAR,
    CARBON_PRICE,
    CHANGE_PCT,
    DISCOUNT,
    EFX_DAMPING,
    EFX_ITERATIONS,
    EFX_TOLERANCE,
    EMERGING,
    GROWTH_PCT,
    GROWTH_SCALE,
    INTENSITY,
    LOAD_FACTOR,
    RATIO,
    REPLACEMENT_CASES,
    RESERVE,
    SCALE,
    SHARE_OF_BASE,
    TAU,
    VA_NATIONAL,
    YEAR,
    UniqueNames,
    _known_keys,
    _refuse,
    _Strict,
    _unique,
)
from dualcarbon.inputs.config_sections import (
    FixedPoint,
    GrowthFloor,
    NationalCap,
    OptionalFamilies,
    Replacement,
    TableOverride,
    TransferRules,
)
from dualcarbon.inputs.plausible import plausible_fields, ranged

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
inputs/config.py and inputs/config_sections.py: edit the docstrings, then regenerate;
tests/test_inputs_load.py checks it. -->

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
        "declared next to each column in `inputs/schemas_*.py`; a refused cell names file, row "
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
