"""What data ships with dualcarbon: coverage per table and the list of sources (``dualcarbon data``).

The catalogue reads the CSVs as they are, without validating them, so that it also describes a data
folder that is still being curated; ``dualcarbon validate`` is the place for errors.
"""

from __future__ import annotations

import logging
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import pandas as pd

from dualcarbon.inputs.errors import InputError
from dualcarbon.inputs.load import DATA_PACKAGE, read_registry, read_table_text
from dualcarbon.inputs.schemas import NATIONAL, TABLES

logger = logging.getLogger(__name__)

__all__ = ["data_catalog", "data_sources"]


def _tables(data_dir: str | Path | Traversable | None) -> dict[str, pd.DataFrame | None]:
    folder = resources.files(DATA_PACKAGE) if data_dir is None else data_dir
    folder = Path(folder) if isinstance(folder, str) else folder
    out: dict[str, pd.DataFrame | None] = {}
    for name in TABLES:
        file = folder.joinpath(f"{name}.csv")
        try:
            out[name] = read_table_text(file, f"{name}.csv") if file.is_file() else None
        except InputError as exc:  # an unreadable file is reported as empty, with the reason logged
            logger.warning("%s", exc)
            out[name] = None
    return out


def data_catalog(
    data_dir: str | Path | Traversable | None = None, registry: str | Path | None = None
) -> pd.DataFrame:
    """Coverage of every input table.

    Parameters
    ----------
    data_dir : path-like, optional
        Folder of tables to describe (default: the shipped ``inputs/data``).
    registry : path-like, optional
        Region registry (default: the shipped one), whose planned regions are the denominator.

    Returns
    -------
    pandas.DataFrame
        One row per table of ``docs/tables.md``: ``table``, ``rows`` (0 when the file is
        missing), ``regions`` (planned regions with at least one row), ``regions_total`` (planned
        regions in the registry, 31), ``years`` (``"2020"`` or ``"2020-2060"``, empty when the
        table has no year column) and ``sources`` (distinct ``source`` texts).
    """
    planned = read_registry(registry)
    planned_regions = set(planned.loc[planned["planned"], "region"])
    rows = []
    for name, df in _tables(data_dir).items():
        spec = TABLES[name]
        if df is None:
            rows.append((name, 0, 0, len(planned_regions), "", 0))
            continue
        covered: set[str] = set()
        for column in spec.columns_with_role("region", "region_or_national"):
            if column in df.columns:
                covered |= set(df[column].dropna().str.strip()) - {NATIONAL}
        years = ""
        for column in spec.columns_with_role("year"):
            if column in df.columns:
                values = pd.to_numeric(df[column], errors="coerce").dropna().astype(int)
                if not values.empty:
                    low, high = values.min(), values.max()
                    years = str(low) if low == high else f"{low}-{high}"
        sources = df["source"].dropna().str.strip().nunique() if "source" in df.columns else 0
        rows.append(
            (name, len(df), len(covered & planned_regions), len(planned_regions), years, sources)
        )
    return pd.DataFrame(
        rows, columns=["table", "rows", "regions", "regions_total", "years", "sources"]
    )


def data_sources(data_dir: str | Path | Traversable | None = None) -> pd.DataFrame:
    """Every source cited by the input tables, with how many rows cite it.

    Parameters
    ----------
    data_dir : path-like, optional
        Folder of tables to describe (default: the shipped ``inputs/data``).

    Returns
    -------
    pandas.DataFrame
        Columns ``table``, ``source``, ``rows``; sorted by table, then by rows (descending).
    """
    frames = [
        df.assign(table=name)[["table", "source"]]
        for name, df in _tables(data_dir).items()
        if df is not None and "source" in df.columns
    ]
    if not frames:
        return pd.DataFrame({"table": [], "source": [], "rows": []})
    cited = pd.concat(frames, ignore_index=True).dropna()
    cited["source"] = cited["source"].str.strip()
    out = cited.groupby(["table", "source"], sort=False).size().rename("rows").reset_index()
    order = {name: i for i, name in enumerate(TABLES)}
    out = out.sort_values(
        ["table", "rows"], key=lambda s: s.map(order) if s.name == "table" else -s
    )
    return out.reset_index(drop=True)
