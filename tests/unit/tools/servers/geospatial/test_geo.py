"""Geodesic distances and point -> polygon ground distance (tools.servers.geospatial.geo)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely

from planexec.tools.servers.geospatial.geo import (
    GEOD,
    SpatialIndex,
    geodesic_distance_m,
    point_geometry_distance_m,
    point_polygon_distance_m,
    search_box_deg,
)

# (lon1, lat1, lon2, lat2, published km, source)
KNOWN_PAIRS = [
    # GeographicLib's documented inverse example (examples/example-Geodesic-small.cpp and the C
    # library docs): JFK (40.6, -73.8) -> LHR (51.6, -0.5) on WGS84 is 5551.76 km.
    (-73.8, 40.6, -0.5, 51.6, 5551.76, "GeographicLib JFK->LHR"),
    # São Paulo (Praça da Sé, -23.5505, -46.6333) -> Rio de Janeiro (centro, -22.9068, -43.1729):
    # the straight-line distance commonly published by distance calculators and travel guides is
    # about 360 km (357-361 km depending on the centre coordinates chosen).
    (-46.6333, -23.5505, -43.1729, -22.9068, 360.0, "São Paulo -> Rio de Janeiro"),
    # Brasília (Eixo Monumental, -15.7939, -47.8828) -> São Paulo (-23.5505, -46.6333): commonly
    # published straight-line distance about 870 km.
    (-47.8828, -15.7939, -46.6333, -23.5505, 870.0, "Brasília -> São Paulo"),
]


@pytest.mark.parametrize(("lon1", "lat1", "lon2", "lat2", "km", "name"), KNOWN_PAIRS)
def test_known_city_pairs_within_half_percent(
    lon1: float, lat1: float, lon2: float, lat2: float, km: float, name: str
) -> None:
    got = float(geodesic_distance_m(lon1, lat1, lon2, lat2)) / 1000
    assert abs(got - km) / km < 0.005, f"{name}: {got:.2f} km vs published {km} km"


def _haversine_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_008.8 * math.asin(math.sqrt(h))


def test_vectorised_and_close_to_spherical_formula() -> None:
    lon1 = np.array([p[0] for p in KNOWN_PAIRS])
    lat1 = np.array([p[1] for p in KNOWN_PAIRS])
    lon2 = np.array([p[2] for p in KNOWN_PAIRS])
    lat2 = np.array([p[3] for p in KNOWN_PAIRS])
    got = geodesic_distance_m(lon1, lat1, lon2, lat2)
    assert got.shape == (3,)
    for i, (a, b, c, d, *_rest) in enumerate(KNOWN_PAIRS):
        assert abs(got[i] - _haversine_m(a, b, c, d)) / got[i] < 0.005
    # broadcasting one point against many, and zero distance
    many = geodesic_distance_m(-46.6, -23.5, np.array([-46.6, -43.2]), np.array([-23.5, -22.9]))
    assert many.shape == (2,) and many[0] == 0.0


def test_point_inside_or_on_polygon_is_zero() -> None:
    poly = shapely.box(-47.0, -24.0, -46.0, -23.0)
    assert point_polygon_distance_m(-46.5, -23.5, poly) == 0.0
    assert point_polygon_distance_m(-46.0, -23.5, poly) == 0.0  # on the boundary


def _dense_boundary_distance(lon: float, lat: float, poly: shapely.Geometry, step: float = 1e-4) -> float:
    boundary = poly.boundary
    n = int(boundary.length / step) + 1
    pts = shapely.line_interpolate_point(boundary, np.linspace(0, boundary.length, n))
    xy = shapely.get_coordinates(pts)
    return float(geodesic_distance_m(lon, lat, xy[:, 0], xy[:, 1]).min())


@pytest.mark.parametrize(
    ("lon", "lat"),
    [(-45.5, -23.5), (-46.5, -24.3), (-45.3, -22.1), (-48.9, -25.7), (-46.1, -22.6)],
)
def test_point_polygon_distance_matches_dense_sampling(lon: float, lat: float) -> None:
    # an irregular polygon (not axis-aligned, so the nearest point is on a slanted edge)
    poly = shapely.Polygon([(-47.0, -24.0), (-46.0, -23.8), (-45.8, -23.0), (-46.4, -22.6), (-47.2, -23.1)])
    got = point_polygon_distance_m(lon, lat, poly)
    ref = _dense_boundary_distance(lon, lat, poly)
    assert got > 0
    # never below the true minimum (it is a geodesic to a real boundary point) and within 0.1 %
    assert got <= ref + 1.0
    assert abs(got - ref) / ref < 0.001


def test_point_polygon_distance_on_a_real_state_polygon() -> None:
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parents[5]
    states = json.loads((root / "data" / "brazil_states_ne50m.geojson").read_text(encoding="utf-8"))
    df = next(f for f in states["features"] if f["properties"]["uf"] == "DF")
    poly = shapely.geometry.shape(df["geometry"])
    lon, lat = -47.0, -16.5  # south-east of the Federal District
    got = point_polygon_distance_m(lon, lat, poly)
    ref = _dense_boundary_distance(lon, lat, poly, step=2e-4)
    assert abs(got - ref) / ref < 0.002
    assert point_polygon_distance_m(-47.88, -15.79, poly) == 0.0  # Brasília is inside


def test_pairwise_mixed_geometries() -> None:
    geoms = np.array([shapely.Point(-46.0, -23.0), shapely.box(0, 0, 1, 1), shapely.box(0, 0, 1, 1)])
    got = point_geometry_distance_m(np.array([-46.0, 0.5, 2.0]), np.array([-23.1, 0.5, 0.5]), geoms)
    assert got[1] == 0.0
    assert got[0] == pytest.approx(float(geodesic_distance_m(-46.0, -23.1, -46.0, -23.0)))
    assert got[2] == pytest.approx(float(geodesic_distance_m(2.0, 0.5, 1.0, 0.5)), rel=1e-6)


@pytest.mark.parametrize("lat", [0.0, -33.0, 60.0, 80.0, 89.0])
def test_search_box_holds_every_point_within_distance(lat: float) -> None:
    d = 25_000.0
    dlon, dlat = search_box_deg(np.array([lat]), d)
    az = np.linspace(0, 360, 361)
    lons, lats, _ = GEOD.fwd(np.zeros_like(az), np.full_like(az, lat), az, np.full_like(az, d))
    assert np.all(np.abs(lats - lat) <= dlat[0])
    assert np.all(np.abs(lons) <= dlon[0])


def test_spatial_index_from_wkt_fills_missing_geometries_with_points() -> None:
    idx = SpatialIndex.from_wkt(
        np.array([1.0, 2.0]), np.array([1.0, 2.0]), np.array(["POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))", None])
    )
    assert idx.has_polygons
    assert idx.geometries is not None and idx.geometries[1].equals(shapely.Point(2, 2))
    assert not SpatialIndex.from_wkt(np.array([1.0]), np.array([1.0]), None).has_polygons


def test_chunked_distances_equal_unchunked(monkeypatch: pytest.MonkeyPatch) -> None:
    import planexec.tools.servers.geospatial.geo as geo

    rng = np.random.default_rng(1)
    polys = np.array([shapely.Point(x, y).buffer(0.5, quad_segs=16) for x, y in [(-46, -23), (-40, -10)]])
    lon, lat = rng.uniform(-50, -36, 400), rng.uniform(-26, -6, 400)
    geoms = polys[rng.integers(0, 2, 400)]
    whole = point_geometry_distance_m(lon, lat, geoms)
    monkeypatch.setattr(geo, "_CHUNK_COORDS", 150)
    np.testing.assert_array_equal(point_geometry_distance_m(lon, lat, geoms), whole)
