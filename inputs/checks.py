"""Checks between tables, and between the scenario and the data (after each table passed its schema).

The schema of one table (:mod:`dualcarbon.inputs.schemas`) cannot see the others; here the tables
are checked together: regions known to the registry, technologies and sectors declared before they
are used, base-year capacity at least base-year production, renewable potential at least installed
capacity, corridors between two different known regions, the base year present, every planned
province present in the province tables, and the regions, sectors and years named in the scenario
known to the data. Every problem points at a file and a CSV line (or a YAML key path); the first
one is raised as an :class:`~dualcarbon.inputs.errors.InputError` with the count of the others.
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from dualcarbon.inputs.config import ScenarioConfig
from dualcarbon.inputs.errors import InputError, format_value
from dualcarbon.inputs.schemas import NATIONAL, TABLES

logger = logging.getLogger(__name__)

__all__ = ["check_config", "check_tables", "raise_first"]

#: Tables that must hold every planned province in scope (a province with no rows there cannot be
#: calibrated: no GDP, no inventory, no demand, no power fleet).
PROVINCE_TABLES = ("economy", "emissions_inventory", "electricity_demand", "power_capacity")
#: Calibration tables that must hold rows of the base year (the CEADs inventory stops at 2019, so
#: ``emissions_inventory`` only needs a year at or before the base year: docs/tables.md).
BASE_YEAR_TABLES = ("economy", "electricity_demand", "power_generation", "industry_production")
#: Tables whose ``technology`` column names a power technology of ``power_technologies``.
POWER_TABLES = (
    "power_capacity",
    "power_generation",
    "power_capacity_factors",
    "renewable_potential",
    "power_build_limits",
)
#: Tables whose ``sector`` column names an industrial sector.
SECTOR_TABLES = (
    "industry_capacity",
    "industry_production",
    "industry_demand",
    "replacement_ratios",
    "retrofit_measures",
    "supply_security",
    "carbon_border",
)
#: Pseudo-sector of ``supply_security`` holding the economy-wide industry share floor ψ_p.
ALL_INDUSTRY = "all_industry"
#: Relative tolerance of the capacity >= production and potential >= capacity comparisons, so that
#: figures rounded in their sources do not fail (assumption: sources round to 3-4 significant digits).
RTOL = 1e-3


@dataclass(frozen=True, order=True)
class Problem:
    """One finding: where it is and what was expected."""

    file: str
    row: int | str | None
    column: str | None
    expected: str
    got: str
    hint: str | None = None

    def error(self, more: int = 0) -> InputError:
        """This problem as an :class:`InputError`, counting ``more`` others."""
        return InputError(
            self.file,
            row=self.row,
            column=self.column,
            expected=self.expected,
            got=self.got,
            more=more,
            hint=self.hint,
        )


def raise_first(problems: Iterable[Problem]) -> None:
    """Raise the first problem (in the order found) as an InputError; do nothing if there is none."""
    problems = list(problems)
    if problems:
        for other in problems[1:]:
            logger.debug("further input problem: %s", other.error())
        raise problems[0].error(more=len(problems) - 1)


def _did_you_mean(word: str, options: Iterable[str]) -> str | None:
    guess = difflib.get_close_matches(str(word), sorted(set(options)), n=1, cutoff=0.6)
    return f"did you mean {guess[0]!r}?" if guess else None


# --------------------------------------------------------------------------------------------
# Tables against tables
# --------------------------------------------------------------------------------------------


def check_tables(
    tables: Mapping[str, pd.DataFrame],
    registry: pd.DataFrame,
    config: ScenarioConfig,
    files: Mapping[str, str],
    config_file: str | None = None,
) -> None:
    """Check the validated tables against each other, the registry and the scenario.

    Parameters
    ----------
    tables : Mapping[str, pandas.DataFrame]
        Tables that passed their schema, indexed by CSV line number.
    registry : pandas.DataFrame
        The whole region registry (``region``, ``planned``, ...).
    config : ScenarioConfig
        The scenario (base year, regions and sectors in scope).
    files : Mapping[str, str]
        File name of each table, for messages.
    config_file : str, optional
        The scenario file, for messages (default: the scenario name).

    Raises
    ------
    InputError
        At the first problem found, counting the others.
    """
    config_file = config_file or config.name
    known = set(registry["region"])
    planned = set(registry.loc[registry["planned"].astype(bool), "region"])
    scope = set(config.regions) & planned if config.regions is not None else planned
    problems = [
        *_unknown_regions(tables, known, files),
        *_corridors(tables, files),
        *_declared_power_technologies(tables, files),
        *_declared_industry(tables, files),
        *_coverage(tables, scope, files),
        *_base_year(tables, config.base_year, scope, files),
        *_capacity_covers_production(tables, config.base_year, files),
        *_potential_covers_capacity(tables, files),
        *_config_sectors(tables, config, config_file),
        *_horizon(tables, config, config_file),
        *_supply_security_rows(tables, files),
    ]
    raise_first(problems)


def _unknown_regions(
    tables: Mapping[str, pd.DataFrame], known: set[str], files: Mapping[str, str]
) -> list[Problem]:
    out = []
    for name, df in tables.items():
        spec = TABLES.get(name)
        if spec is None:
            continue
        for column in spec.columns_with_role("region", "region_or_national"):
            allowed = known | (
                {NATIONAL} if column in spec.columns_with_role("region_or_national") else set()
            )
            bad = df.index[~df[column].isin(allowed)]
            out += [
                Problem(
                    files[name],
                    int(line),
                    column,
                    "a region of the registry (regions/data/provinces.csv)",
                    format_value(df.at[line, column]),
                    _did_you_mean(df.at[line, column], allowed),
                )
                for line in bad
            ]
    return out


def _corridors(tables: Mapping[str, pd.DataFrame], files: Mapping[str, str]) -> list[Problem]:
    df = tables.get("transmission_corridors")
    if df is None:
        return []
    loops = df.index[df["from_region"] == df["to_region"]]
    return [
        Problem(
            files["transmission_corridors"],
            int(line),
            "to_region",
            "a region other than from_region",
            format_value(df.at[line, "to_region"]),
        )
        for line in loops
    ]


def _declared_power_technologies(
    tables: Mapping[str, pd.DataFrame], files: Mapping[str, str]
) -> list[Problem]:
    if "power_technologies" not in tables:
        return []
    declared = set(tables["power_technologies"]["technology"])
    out = []
    for name in POWER_TABLES:
        df = tables.get(name)
        if df is None:
            continue
        bad = df.index[~df["technology"].isin(declared)]
        out += [
            Problem(
                files[name],
                int(line),
                "technology",
                "a technology with parameters in power_technologies",
                format_value(df.at[line, "technology"]),
                _did_you_mean(df.at[line, "technology"], declared),
            )
            for line in bad
        ]
    return out


def _declared_industry(
    tables: Mapping[str, pd.DataFrame], files: Mapping[str, str]
) -> list[Problem]:
    techs = tables.get("industry_technologies")
    if techs is None:
        return []
    sectors = set(techs["sector"]) | set(tables.get("industry_sectors", techs)["sector"])
    out = []
    for name in SECTOR_TABLES:
        df = tables.get(name)
        if df is None:
            continue
        allowed = sectors | ({ALL_INDUSTRY} if name == "supply_security" else set())
        bad = df.index[~df["sector"].isin(allowed)]
        out += [
            Problem(
                files[name],
                int(line),
                "sector",
                "a sector of industry_technologies",
                format_value(df.at[line, "sector"]),
                _did_you_mean(df.at[line, "sector"], allowed),
            )
            for line in bad
        ]
    capacity = tables.get("industry_capacity")
    if capacity is not None:
        pairs = pd.MultiIndex.from_frame(techs[["sector", "technology"]])
        used = pd.MultiIndex.from_frame(capacity[["sector", "technology"]])
        bad = capacity.index[~used.isin(pairs) & capacity["sector"].isin(sectors)]
        out += [
            Problem(
                files["industry_capacity"],
                int(line),
                "technology",
                f"a technology of sector {capacity.at[line, 'sector']!r} with parameters in industry_technologies",
                format_value(capacity.at[line, "technology"]),
                _did_you_mean(
                    capacity.at[line, "technology"],
                    techs.loc[techs["sector"] == capacity.at[line, "sector"], "technology"],
                ),
            )
            for line in bad
        ]
    return out


def _coverage(
    tables: Mapping[str, pd.DataFrame], scope: set[str], files: Mapping[str, str]
) -> list[Problem]:
    out = []
    for name in PROVINCE_TABLES:
        df = tables.get(name)
        if df is None:
            continue
        missing = sorted(scope - set(df["region"]))
        if missing:
            out.append(
                Problem(
                    files[name],
                    None,
                    "region",
                    "rows for every planned province in scope",
                    f"none for {', '.join(missing)}",
                )
            )
    return out


def _base_year(
    tables: Mapping[str, pd.DataFrame], base_year: int, scope: set[str], files: Mapping[str, str]
) -> list[Problem]:
    out = []
    for name in BASE_YEAR_TABLES:
        df = tables.get(name)
        if df is not None and not (df["year"] == base_year).any():
            years = ", ".join(str(y) for y in sorted(set(df["year"]))[:8])
            out.append(
                Problem(
                    files[name],
                    None,
                    "year",
                    f"rows of the base year {base_year}",
                    f"years {years}",
                )
            )
    for name, column in (("economy", "variable"), ("electricity_demand", None)):
        df = tables.get(name)
        if df is None:
            continue
        rows = df["year"] == base_year
        if column:
            rows &= df[column] == "gdp"
        missing = sorted(scope - set(df.loc[rows, "region"]))
        if missing and len(missing) < len(scope):  # all missing is reported above
            what = "GDP" if column else "demand"
            out.append(
                Problem(
                    files[name],
                    None,
                    "region",
                    f"{what} of the base year {base_year} for every planned province",
                    f"none for {', '.join(missing)}",
                )
            )
    inventory = tables.get("emissions_inventory")
    if inventory is not None:
        rows = (inventory["sector"] == "total") & (inventory["year"] <= base_year)
        missing = sorted(scope - set(inventory.loc[rows, "region"]))
        if missing:
            out.append(
                Problem(
                    files["emissions_inventory"],
                    None,
                    "sector",
                    f"a 'total' row at or before the base year {base_year} for every planned province",
                    f"none for {', '.join(missing)}",
                )
            )
    return out


def _capacity_covers_production(
    tables: Mapping[str, pd.DataFrame], base_year: int, files: Mapping[str, str]
) -> list[Problem]:
    capacity, production = tables.get("industry_capacity"), tables.get("industry_production")
    if capacity is None or production is None:
        return []
    total = capacity.groupby(["region", "sector"])["capacity_mt"].sum()
    base = production[production["year"] == base_year]
    keys = pd.MultiIndex.from_frame(base[["region", "sector"]])
    available = pd.Series(total.reindex(keys).fillna(0.0).to_numpy(), index=base.index)
    bad = base.index[base["output_mt"] > available * (1 + RTOL) + 1e-9]
    return [
        Problem(
            files["industry_production"],
            int(line),
            "output_mt",
            f"at most the base-year capacity of industry_capacity ({available[line]:g} Mt/yr)",
            format_value(base.at[line, "output_mt"]),
        )
        for line in bad
    ]


def _potential_covers_capacity(
    tables: Mapping[str, pd.DataFrame], files: Mapping[str, str]
) -> list[Problem]:
    potential, capacity = tables.get("renewable_potential"), tables.get("power_capacity")
    if potential is None or capacity is None:
        return []
    installed = capacity.set_index(["region", "technology"])["capacity_gw"]
    keys = pd.MultiIndex.from_frame(potential[["region", "technology"]])
    base = pd.Series(installed.reindex(keys).fillna(0.0).to_numpy(), index=potential.index)
    bad = potential.index[potential["potential_gw"] * (1 + RTOL) + 1e-9 < base]
    return [
        Problem(
            files["renewable_potential"],
            int(line),
            "potential_gw",
            f"at least the installed capacity of power_capacity ({base[line]:g} GW)",
            format_value(potential.at[line, "potential_gw"]),
        )
        for line in bad
    ]


def _supply_security_rows(
    tables: Mapping[str, pd.DataFrame], files: Mapping[str, str]
) -> list[Problem]:
    """φ_s on sector rows, ψ_p on the ``all_industry`` rows (docs/tables.md)."""
    df = tables.get("supply_security")
    if df is None:
        return []
    economy_wide = df["sector"] == ALL_INDUSTRY
    psi = df.get("industry_va_share_floor", pd.Series(float("nan"), index=df.index))
    out = [
        Problem(
            files["supply_security"],
            int(line),
            "industry_va_share_floor",
            f"a share in [0, 1] on the {ALL_INDUSTRY!r} row",
            "an empty cell",
        )
        for line in df.index[economy_wide & psi.isna()]
    ]
    out += [
        Problem(
            files["supply_security"],
            int(line),
            "domestic_output_floor_share",
            "a share in [0, 1] on a sector row",
            "an empty cell",
        )
        for line in df.index[~economy_wide & df["domestic_output_floor_share"].isna()]
    ]
    return out


def _config_sectors(
    tables: Mapping[str, pd.DataFrame], config: ScenarioConfig, file: str
) -> list[Problem]:
    """Sectors the scenario names (``sectors``, ``replacement.ratio_overrides``) exist in the data."""
    techs = tables.get("industry_technologies")
    if techs is None:
        return []
    known = set(techs["sector"])
    named = [(f"sectors[{i}]", s) for i, s in enumerate(config.sectors or [])]
    named += [(f"replacement.ratio_overrides.{s}", s) for s in config.replacement.ratio_overrides]
    return [
        Problem(
            file,
            path,
            None,
            f"a sector of industry_technologies ({', '.join(sorted(known))})",
            format_value(sector),
            _did_you_mean(sector, known),
        )
        for path, sector in named
        if sector not in known
    ]


#: Projection tables whose last year bounds the milestone years a scenario may plan.
HORIZON_TABLES = ("industry_demand", "electricity_demand")


def _horizon(
    tables: Mapping[str, pd.DataFrame], config: ScenarioConfig, file: str
) -> list[Problem]:
    """Milestone years beyond the projections would be planned on extrapolated demand."""
    ends = {n: int(tables[n]["year"].max()) for n in HORIZON_TABLES if n in tables}
    if not ends:
        return []
    name, last = min(ends.items(), key=lambda item: item[1])
    return [
        Problem(
            file,
            f"periods[{i}]",
            None,
            f"a year within the data horizon (table {name} ends in {last})",
            str(year),
        )
        for i, year in enumerate(config.periods)
        if year > last
    ]


# --------------------------------------------------------------------------------------------
# The scenario against the registry
# --------------------------------------------------------------------------------------------


def check_config(config: ScenarioConfig, registry: pd.DataFrame, file: str) -> None:
    """Check the regions and years a scenario names against the registry and its own periods.

    Parameters
    ----------
    config : ScenarioConfig
    registry : pandas.DataFrame
        The region registry.
    file : str
        The scenario file, for messages.

    Raises
    ------
    InputError
        Naming the YAML key path of the first problem.
    """
    planned = set(registry.loc[registry["planned"].astype(bool), "region"])
    problems: list[Problem] = []

    def region(path: str, name: str) -> None:
        if name not in planned:
            problems.append(
                Problem(
                    file,
                    path,
                    None,
                    "a planned region of the registry",
                    format_value(name),
                    _did_you_mean(name, planned),
                )
            )

    for i, name in enumerate(config.regions or []):
        region(f"regions[{i}]", name)
    for field in (
        "regional_cap_share_of_base",
        "intensity_cap_t_per_10k_cny",
        "climbing_peak_allowance_by_region",
        "peak_year_by_region",
    ):
        for name in getattr(config, field):
            region(f"{field}.{name}", name)
    for name in config.growth_floor.by_region:
        region(f"growth_floor.by_region.{name}", name)
    for i, name in enumerate(config.replacement.key_regions or []):
        region(f"replacement.key_regions[{i}]", name)
    for i, name in enumerate(config.replacement.barred_receivers):
        region(f"replacement.barred_receivers[{i}]", name)

    periods = set(config.periods)
    year_maps = {
        "national_cap.share_of_base": config.national_cap.share_of_base,
        "carbon_price_cny_per_t": config.carbon_price_cny_per_t,
        "growth_floor.national_bn_cny": config.growth_floor.national_bn_cny,
        "cbam_price_cny_per_t": config.cbam_price_cny_per_t,
        **{
            f"regional_cap_share_of_base.{r}": m
            for r, m in config.regional_cap_share_of_base.items()
        },
        **{
            f"intensity_cap_t_per_10k_cny.{r}": m
            for r, m in config.intensity_cap_t_per_10k_cny.items()
        },
    }
    for path, mapping in year_maps.items():
        for year in mapping:
            if year not in periods:
                problems.append(
                    Problem(
                        file,
                        f"{path}.{year}",
                        None,
                        f"a milestone year of periods ({', '.join(map(str, config.periods))})",
                        str(year),
                        _did_you_mean(str(year), map(str, periods)),
                    )
                )
    raise_first(problems)
