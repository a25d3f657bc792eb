"""Plausible ranges of the scenario numbers and the validators the scenario sections share.

The ranges (issue 13) are declared once here, used by the fields of
:mod:`dualcarbon.inputs.config` and :mod:`dualcarbon.inputs.config_sections`, and listed in
``docs/scenarios.md``. They catch unit slips; they do not judge a policy.
"""

from __future__ import annotations

import difflib
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict
from pydantic_core import PydanticCustomError

from dualcarbon.inputs.plausible import INF, PCT_AS_SHARE, SHARE_AS_PCT, Plausible, Slip

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
