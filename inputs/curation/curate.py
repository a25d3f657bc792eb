"""Rebuild dualcarbon's shipped base-year tables (``inputs/data/*.csv``) from the shared extracts.

Run from the repository root::

    python inputs/curation/curate.py --shared ../shared/data

Every figure comes either from the shared, cited extracts (read, converted and re-keyed here, never
copied wholesale) or from a named constant in the builder modules whose ``source`` says where it was transcribed from
or that it is an ``assumption: ...`` with its basis. The script ends with a consistency report
(national sums against the independent totals quoted in the shared READMEs) which is pasted into
``inputs/data/README.md``.

This is a plain script: it is not part of the installed package and is not imported by it. The
builders live beside it, one module per table family (``common``, ``economy``, ``emissions``,
``power``, ``power_fleet``, ``transmission``, ``industry_technologies``, ``industry``, ``policy``)
and ``checks`` holds the consistency report; ``build_all`` below is the one registry of builders,
one line per table.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

# Run by path, Python puts this folder first on sys.path; imported any other way (runpy, a
# notebook) it may not, and the sibling modules below would not be found.
_HERE = Path(__file__).resolve().parent
if str(_HERE) not in sys.path:
    sys.path.insert(0, str(_HERE))

import pandas as pd  # noqa: E402
from checks import consistency_report  # noqa: E402
from common import Shared  # noqa: E402
from economy import build_economy  # noqa: E402
from emissions import build_emissions  # noqa: E402
from fuel_prices import with_market_prices  # noqa: E402
from industry import (  # noqa: E402
    build_industry_base,
    build_industry_demand,
    build_industry_sectors,
    build_replacement_ratios,
    build_retrofit_measures,
)
from industry_history import build_route_shares, with_observed_years  # noqa: E402
from industry_nowcast import demand_at_observed_output, with_industry_statistics  # noqa: E402
from industry_outlook import build_technology_diffusion, with_secondary_outlook  # noqa: E402
from industry_technologies import build_industry_technologies  # noqa: E402
from policy import (  # noqa: E402
    build_carbon_border,
    build_carbon_prices,
    build_circular_resources,
    build_supply_security,
    build_targets,
)
from power import build_electricity_demand, build_fuels, build_power_technologies  # noqa: E402
from power_fleet import (  # noqa: E402
    build_capacity_factors,
    build_power_build_limits,
    build_power_capacity,
    build_power_generation,
    build_renewable_potential,
)
from power_generation_inertia import build_power_generation_inertia  # noqa: E402
from power_history import (  # noqa: E402
    build_power_capacity_history,
    build_power_generation_history,
    build_power_national_build_limits,
    largest_offshore_addition_gw,
)
from power_history_2024 import capacity_history_2024  # noqa: E402
from power_nowcast import demand_at_observed_national, national_power_history  # noqa: E402
from targets_validation import (  # noqa: E402
    build_climbing_peak_allowances,
    build_national_statistics,
    build_other_emissions_path,
    build_published_pathways,
)
from transmission import build_transmission  # noqa: E402
from validation_statistics import with_interprovincial_exchange  # noqa: E402

logger = logging.getLogger("curate")


def build_all(shared: Path) -> dict[str, pd.DataFrame]:
    """Build every table from the shared extracts."""
    sh = Shared(shared)
    t: dict[str, pd.DataFrame] = {}
    t["fuels"] = with_market_prices(build_fuels(sh))
    t["power_technologies"] = build_power_technologies(sh)
    t["industry_technologies"] = build_industry_technologies(sh)  # fills steel parameters first
    t["economy"] = build_economy(sh)
    t["emissions_inventory"] = build_emissions(sh, t["economy"])
    t["electricity_demand"] = build_electricity_demand(sh)
    t["power_capacity"] = build_power_capacity(sh)
    t["power_generation"] = build_power_generation(sh, t["power_capacity"])
    t["power_capacity_factors"] = build_capacity_factors(
        sh, t["power_capacity"], t["power_generation"]
    )
    # history after the base year (issue 11); generation rows are appended after the capacity
    # factors, which are calibrated on 2020 alone
    t["power_capacity_history"] = build_power_capacity_history(sh, t["power_capacity"])
    hist = t["power_capacity_history"]
    hist = t["power_capacity_history"] = pd.concat(
        [hist, capacity_history_2024(sh, hist)], ignore_index=True
    )
    t["power_generation"] = pd.concat([t["power_generation"], build_power_generation_history(sh, hist, t["power_capacity"])], ignore_index=True)  # fmt: skip
    t["renewable_potential"] = build_renewable_potential(sh, t["power_capacity"], hist[hist.year == hist.year.max()])  # fmt: skip
    t["power_build_limits"] = build_power_build_limits(
        sh, largest_offshore_addition_gw(hist), history=hist
    )
    t["power_national_build_limits"] = build_power_national_build_limits(sh)
    t["power_generation_inertia"] = build_power_generation_inertia()
    t["transmission_corridors"] = build_transmission(sh)
    t["industry_sectors"] = build_industry_sectors()
    t["industry_production"], t["industry_capacity"] = build_industry_base(sh)
    t["industry_demand"] = build_industry_demand()
    t["replacement_ratios"] = build_replacement_ratios()
    t["retrofit_measures"] = build_retrofit_measures()
    t["targets"] = build_targets()
    t["supply_security"] = build_supply_security()
    t["circular_resources"] = with_secondary_outlook(
        build_circular_resources(t["industry_production"])
    )
    # observed industry years after the base year, appended once the 2020-only builders have run
    t["industry_production"] = with_observed_years(sh, t["industry_production"])
    t["industry_route_shares"] = build_route_shares()
    t["technology_diffusion"] = build_technology_diffusion()
    t["carbon_border"] = build_carbon_border()
    t["carbon_prices"] = build_carbon_prices(sh)
    t["climbing_peak_allowances"] = build_climbing_peak_allowances(sh, t["emissions_inventory"])
    t["other_emissions_path"] = build_other_emissions_path()
    t["national_statistics"] = with_industry_statistics(
        build_national_statistics(t["emissions_inventory"])
    )
    t["national_statistics"] = with_interprovincial_exchange(
        t["national_statistics"], t["power_generation"], t["electricity_demand"]
    )
    t["published_pathways"] = build_published_pathways()
    # the first period from national statistics published after the provincial series
    stats = t["national_statistics"]
    t["power_capacity_history"] = national_power_history(t["power_capacity_history"], stats)
    t["electricity_demand"] = demand_at_observed_national(t["electricity_demand"], stats)
    t["industry_demand"] = demand_at_observed_output(t["industry_demand"], stats)
    for name, df in t.items():
        if (
            "source" not in df
            or df["source"].isna().any()
            or (df["source"].astype(str).str.strip() == "").any()
        ):
            raise ValueError(f"{name}: every row needs a source")
    return t


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    here = Path(__file__).resolve().parents[1] / "data"
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--shared",
        type=Path,
        required=True,
        help="folder of the shared extracts (../shared/data beside the repository)",
    )
    ap.add_argument("--out", type=Path, default=here, help="output folder (default: inputs/data)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    tables = build_all(args.shared)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, df in tables.items():
        df.to_csv(args.out / f"{name}.csv", index=False, float_format="%.6g")
        logger.info("wrote %s.csv (%d rows)", name, len(df))
    for text in consistency_report(tables):
        print(text)


if __name__ == "__main__":
    main()
