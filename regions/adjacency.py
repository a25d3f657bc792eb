"""Land neighbours of provinces and the length of their shared borders, from the boundaries."""

from __future__ import annotations

import functools
import logging

import pandas as pd

from dualcarbon.regions.registry import CHINA_ALBERS, provinces

logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=8)
def _adjacency(planned_only: bool, tolerance_m: float, min_border_km: float) -> pd.DataFrame:
    import shapely

    frame = provinces(planned_only=planned_only, crs=CHINA_ALBERS)
    geometry = frame.geometry.to_numpy()
    region = frame["region"].to_numpy()
    # candidate pairs: polygons within the tolerance of each other
    tree = shapely.STRtree(geometry)
    left, right = tree.query(geometry, predicate="dwithin", distance=tolerance_m)
    keep = left < right
    left, right = left[keep], right[keep]
    # shared border = A's boundary lying within the tolerance of B; the coverage
    # simplification keeps common edges identical, the tolerance absorbs rounding only
    near_b = shapely.buffer(geometry[right], tolerance_m)
    shared_km = shapely.length(shapely.intersection(shapely.boundary(geometry[left]), near_b)) / 1e3
    touching = shared_km >= min_border_km
    pairs = pd.DataFrame(
        {
            "region_a": region[left[touching]],
            "region_b": region[right[touching]],
            "shared_border_km": shared_km[touching],
        }
    )
    dropped = int((~touching).sum())
    if dropped:
        logger.debug(
            "adjacency: %d near pairs below %.1f km of border dropped", dropped, min_border_km
        )
    both = pd.concat(
        [pairs, pairs.rename(columns={"region_a": "region_b", "region_b": "region_a"})],
        ignore_index=True,
    )
    both = both.astype({"region_a": "string", "region_b": "string", "shared_border_km": "float64"})
    return both.sort_values(["region_a", "region_b"]).reset_index(drop=True)


def adjacency(
    *, planned_only: bool = True, tolerance_m: float = 100.0, min_border_km: float = 1.0
) -> pd.DataFrame:
    """Pairs of provinces that share a land border.

    Parameters
    ----------
    planned_only : bool, default True
        Only the 31 planned provinces; ``False`` adds Hong Kong and Macau (neighbours of
        Guangdong) and Taiwan (no land neighbour).
    tolerance_m : float, default 100
        Distance within which two boundaries count as shared, metres.
    min_border_km : float, default 1
        Shorter contacts (corner points, slivers) are not adjacency, km.

    Returns
    -------
    pandas.DataFrame
        Columns ``region_a``, ``region_b``, ``shared_border_km``; symmetric (each pair appears
        in both orders), sorted. Lengths are measured on the simplified boundaries (about 1 km
        tolerance) in the Albers equal-area projection: they understate surveyed border lengths
        and serve for weighting, not for surveying. A fresh copy on every call.
    """
    if tolerance_m <= 0 or min_border_km < 0:
        raise ValueError("tolerance_m must be > 0 and min_border_km >= 0")
    return _adjacency(planned_only, float(tolerance_m), float(min_border_km)).copy()
