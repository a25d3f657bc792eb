"""The constraint families C1–C25 of MODEL.md: one record each, names treated as public API.

The solver layer turns duals into a tidy table (family, constraint, region, sector, period, value,
unit) through :data:`FAMILIES`; the diagnosis names violated rows and picks the rows eligible for
elastic slack (``policy_row``). Constraint names here are the Pyomo component names.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

#: Dual of a row in bn CNY (present value) per unit of the row.
_PV = "bn CNY (present value) per "


@dataclass(frozen=True)
class ConstraintInfo:
    """One constraint component of a family.

    Attributes
    ----------
    name : str
        Pyomo component name (``C5_replacement``).
    index : tuple of str
        Names of the index positions, e.g. ``("region", "sector", "period")``.
    dual_unit : str
        Unit of the row's dual value.
    policy_row : bool
        True for caps, floors, ratios and transfer rules: rows a diagnosis may relax with an
        elastic slack. Physical balances and stock identities are False.
    """

    name: str
    index: tuple[str, ...]
    dual_unit: str
    policy_row: bool


@dataclass(frozen=True)
class Family:
    """A MODEL.md constraint family."""

    code: str
    title: str
    constraints: tuple[ConstraintInfo, ...]
    description: str

    @property
    def constraint_names(self) -> tuple[str, ...]:
        """Component names of the family's constraints."""
        return tuple(c.name for c in self.constraints)

    @property
    def dual_unit(self) -> str:
        """Unit of the first constraint's dual (the family's main row)."""
        return self.constraints[0].dual_unit if self.constraints else ""


def _c(name: str, index: tuple[str, ...], unit: str, policy: bool = False) -> ConstraintInfo:
    return ConstraintInfo(name, index, unit, policy)


RSKP = ("region", "sector", "technology", "period")
RSP = ("region", "sector", "period")
RGP = ("region", "technology", "period")
RP = ("region", "period")
SP = ("sector", "period")
LP = ("from_region", "to_region", "period")
RMP = ("region", "measure", "period")
P_ = ("period",)

_FAMILIES: tuple[Family, ...] = (
    Family(
        "C1",
        "industrial capacity stock",
        (_c("C1_stock", RSKP, _PV + "Mt/yr"), _c("C1_retire_limit", RSKP, _PV + "Mt/yr")),
        "Capacity = surviving base stock − early retirements + live new builds; only existing stock retires early.",
    ),
    Family(
        "C2",
        "utilisation",
        (_c("C2_utilisation", RSKP, _PV + "Mt/yr"),),
        "Production at most u_max times available capacity.",
    ),
    Family(
        "C3",
        "national demand",
        (_c("C3_demand", SP, _PV + "Mt/yr"),),
        "National output of each sector covers demand D[s,p].",
    ),
    Family(
        "C4",
        "backward phase-out",
        (_c("C4_phase_out", RSKP, _PV + "Mt/yr", True),),
        "No backward capacity from its phase-out year on.",
    ),
    Family(
        "C5",
        "capacity replacement (减量置换)",
        (_c("C5_replacement", RSP, _PV + "Mt/yr of quota", True),),
        "New capacity needs ρ times its size in retired non-backward quota; transfers at ρ_x.",
    ),
    Family(
        "C6",
        "no increase in key regions",
        (_c("C6_no_increase_key", RSP, _PV + "Mt/yr", True),),
        "Total capacity of a sector with the rule may not grow in a key air-pollution region.",
    ),
    Family(
        "C7",
        "national capacity ceilings",
        (_c("C7_national_ceiling", SP, _PV + "Mt/yr", True),),
        "National capacity of a sector with a ceiling (electrolytic aluminium) stays below it.",
    ),
    Family(
        "C8",
        "power stock",
        (_c("C8_power_stock", RGP, _PV + "GW"), _c("C8_retire_limit", RGP, _PV + "GW")),
        "Power capacity = surviving base stock − early retirements + live new builds.",
    ),
    Family(
        "C9",
        "resource potential and build rate",
        (_c("C9_potential", RGP, _PV + "GW"), _c("C9_build_rate", RGP, _PV + "GW")),
        "Renewable capacity within technical potential; new builds within the build rate.",
    ),
    Family(
        "C10",
        "power output",
        (_c("C10_output", RGP, _PV + "TWh/yr"),),
        "Generation at most 8.76·cf times capacity.",
    ),
    Family(
        "C11",
        "transmission corridors",
        (_c("C11_corridor_capacity", LP, _PV + "TWh/yr"),),
        "Flows within corridor capacity; one untagged flow per corridor at the exporter's average intensity.",
    ),
    Family(
        "C12",
        "electricity balance",
        (_c("C12_electricity_balance", RP, _PV + "TWh/yr"),),
        "Generation − exports + imports net of losses covers demand.",
    ),
    Family(
        "C13",
        "adequacy",
        (_c("C13_adequacy", RP, _PV + "GW"), _c("C13_national_adequacy", P_, _PV + "GW")),
        "Firm capacity (capacity credit) plus import capacity covers peak demand with a margin.",
    ),
    Family(
        "C14",
        "efficiency retrofits",
        (
            _c("C14_retrofit_potential", RMP, _PV + "Mtce/yr or TWh/yr"),
            _c("C14_retrofit_investment", RMP, _PV + "Mtce/yr or TWh/yr"),
        ),
        "Savings at most σ_m of the carrier's use; new savings are paid when commissioned.",
    ),
    Family(
        "C15",
        "growth floor and emerging industries",
        (
            _c("C15_growth_floor", RP, _PV + "bn CNY/yr", True),
            _c("C15_emerging_ceiling", RP, _PV + "bn CNY/yr"),
            _c("C15_emerging_investment", RP, _PV + "bn CNY/yr"),
            _c("C15_national_floor", P_, _PV + "bn CNY/yr", True),
        ),
        "Industrial value added grows at least at g_r; emerging industries bounded and paid for.",
    ),
    Family(
        "C16",
        "emission caps",
        (
            _c("C16_national_cap", P_, _PV + "MtCO2/yr", True),
            _c("C16_regional_cap_prod", RP, _PV + "MtCO2/yr", True),
            _c("C16_regional_cap_cons", RP, _PV + "MtCO2/yr", True),
            _c("C16_intensity_cap_prod", RP, _PV + "MtCO2/yr", True),
            _c("C16_intensity_cap_cons", RP, _PV + "MtCO2/yr", True),
            _c("C16_intensity_target_prod", RP, _PV + "MtCO2/yr", True),
            _c("C16_intensity_target_cons", RP, _PV + "MtCO2/yr", True),
        ),
        "National, regional and intensity caps on emissions (production or consumption accounting).",
    ),
    Family(
        "C17",
        "no relocation of emissions (sector share)",
        (
            _c("C17_sector_total", SP, _PV + "MtCO2/yr"),
            _c("C17_sector_share", RSP, _PV + "MtCO2/yr", True),
        ),
        "A region's sector emissions may not exceed (1+τ)·E0·D[s,p]/D[s,y0] (exogenous, no lock-step).",
    ),
    Family(
        "C18",
        "no climbing peak (避免攀高峰)",
        (
            _c("C18_base_ceiling_prod", RP, _PV + "MtCO2/yr", True),
            _c("C18_base_ceiling_cons", RP, _PV + "MtCO2/yr", True),
            _c("C18_no_rise_after_peak_prod", RP, _PV + "MtCO2/yr", True),
            _c("C18_no_rise_after_peak_cons", RP, _PV + "MtCO2/yr", True),
        ),
        "No rise above (1+a_r) times base-year emissions; no rise after the region's peak year.",
    ),
    Family(
        "C19",
        "electricity carbon follows the consumer",
        (),  # filled below from C16 and C18: their consumption-accounting (_cons) rows
        "With consumption accounting the _cons variants of C16 and C18 are the active rows.",
    ),
    Family(
        "C20",
        "supply-chain security",
        (
            _c("C20_domestic_floor", SP, _PV + "Mt/yr", True),
            _c("C20_industry_share_floor", P_, _PV + "bn CNY/yr", True),
        ),
        "Domestic output floor φ_s·D and a floor on industry's share of GDP.",
    ),
    Family(
        "C21",
        "circular resources",
        (
            _c("C21_secondary_resource", RSP, _PV + "Mt/yr"),
            _c("C21_solid_waste", RP, _PV + "Mt/yr"),
        ),
        "Scrap-based routes within collectable scrap; blended routes within solid waste (region 'China' = national).",
    ),
    Family(
        "C22",
        "technology availability",
        (_c("C22_availability", RSKP, _PV + "Mt/yr"),),
        "No new build of a technology before its available_from_year.",
    ),
    Family(
        "C24",
        "diffusion limits",
        (
            _c("C24_growth", ("sector", "technology", "period"), _PV + "Mt/yr"),
            _c("C24_decline", ("sector", "technology", "period"), _PV + "Mt/yr"),
            _c("C24_power_build", ("technology", "period"), _PV + "GW"),
        ),
        "National output of a technology grows at most (1+γ)^Δ plus a start-up amount and falls at "
        "most (1−δ)^Δ per period; national power builds within NB_g per year.",
    ),
    Family(
        "C25",
        "history",
        (
            _c("C25_power_history", ("region", "technology"), _PV + "GW"),
            _c("C25_output_growth", ("sector", "technology"), _PV + "Mt/yr"),
            _c("C25_output_decline", ("sector", "technology"), _PV + "Mt/yr"),
            _c("C25_power_build", ("technology",), _PV + "GW"),
            _c("C25_power_build_rate", ("region", "technology"), _PV + "GW"),
            _c("C25_national_history", ("technology",), _PV + "GW"),
            _c("C25_national_ceiling", ("technology",), _PV + "GW"),
            _c("C25_generation_floor", ("technology",), _PV + "TWh/yr"),
        ),
        "Capacity observed after the base year stands in the first period; first-period output by "
        "technology and power builds move from the last observed year only as C24 allows.",
    ),
    Family(
        "C23",
        "carbon border cost on exports",
        (),
        "Objective term cost_cbam and Expression cbam_exposure[r,p] (bn CNY/yr); no constraint rows.",
    ),
)

#: family code -> record, in MODEL.md order
# C19 owns no rows of its own: it is the _cons variants of the C16 and C18 rows being active.
_CONSUMPTION_ROWS = tuple(
    c
    for f in _FAMILIES
    if f.code in ("C16", "C18")
    for c in f.constraints
    if c.name.endswith("_cons")
)
_FAMILIES = tuple(
    replace(f, constraints=_CONSUMPTION_ROWS) if f.code == "C19" else f for f in _FAMILIES
)

FAMILIES: dict[str, Family] = {f.code: f for f in _FAMILIES}

#: constraint component name -> its record (C19 reuses C16/C18 rows and is not the owner)
CONSTRAINTS: dict[str, ConstraintInfo] = {
    c.name: c for f in _FAMILIES if f.code != "C19" for c in f.constraints
}

#: constraint component name -> owning family code
FAMILY_OF: dict[str, str] = {
    c.name: f.code for f in _FAMILIES if f.code != "C19" for c in f.constraints
}


def policy_rows() -> list[str]:
    """Names of the constraints a diagnosis may relax (caps, floors, ratios, transfer rules)."""
    return [name for name, info in CONSTRAINTS.items() if info.policy_row]
