"""The oracle itself (tests/support/truth.py) on a tiny synthetic layer with known geodesic distances.

The square straddles the equator: lon 0..0.1, lat -0.0503..0.0711. On the equator the nearest point
of the east edge is (0.1, 0) and the geodesic along the equator is a * Δλ; straight north of the
square's middle meridian the distance to the north edge is the meridian arc (pyproj.Geod.fwd);
beyond a corner the nearest point is the corner.
"""

from __future__ import annotations

import math

import pytest
import shapely
from pyproj import Geod

from tests.support import truth
from tests.support.truth import Plant, Zone

GEOD = Geod(ellps="WGS84")
A = 6_378_137.0
SQUARE = shapely.box(0.0, -0.0503, 0.1, 0.0711)
TOL_M = 0.01


def _east(distance_m: float) -> tuple[float, float]:
    return 0.1 + math.degrees(distance_m / A), 0.0


def _fwd(lon: float, lat: float, azimuth: float, distance_m: float) -> tuple[float, float]:
    x, y, _ = GEOD.fwd(lon, lat, azimuth, distance_m)
    return float(x), float(y)


def _plant(pid: str, lon_lat: tuple[float, float], mw: float = 10.0, uf: str = "AA") -> Plant:
    return Plant(id=pid, name=pid, capacity_mw=mw, lon=lon_lat[0], lat=lon_lat[1], uf=uf)


@pytest.mark.parametrize("inside", [(0.05, 0.0), (0.1, 0.0), (0.0, -0.0503)])
def test_inside_or_on_the_edge_is_zero(inside: tuple[float, float]) -> None:
    assert truth.point_polygon_distance_m(*inside, SQUARE) == 0.0


@pytest.mark.parametrize("distance_m", [30.0, 750.0, 1000.0, 2500.0, 20_000.0])
def test_distance_to_an_edge_along_the_equator(distance_m: float) -> None:
    got = truth.point_polygon_distance_m(*_east(distance_m), SQUARE)
    assert got == pytest.approx(distance_m, abs=TOL_M)


@pytest.mark.parametrize("distance_m", [500.0, 1000.0, 5000.0])
def test_distance_to_a_parallel_along_the_meridian(distance_m: float) -> None:
    got = truth.point_polygon_distance_m(*_fwd(0.05, 0.0711, 0.0, distance_m), SQUARE)
    assert got == pytest.approx(distance_m, abs=TOL_M)


def test_beyond_a_corner_the_corner_is_nearest() -> None:
    got = truth.point_polygon_distance_m(*_fwd(0.1, 0.0711, 45.0, 3000.0), SQUARE)
    assert got == pytest.approx(3000.0, abs=TOL_M)


def test_beyond_the_cap_is_infinite() -> None:
    assert truth.point_polygon_distance_m(*_east(2000.0), SQUARE, cap_m=1000.0) == math.inf
    assert truth.point_polygon_distance_m(*_east(900.0), SQUARE, cap_m=1000.0) == pytest.approx(
        900.0, abs=TOL_M
    )


def _layer() -> tuple[list[Plant], list[Zone]]:
    plants = [
        _plant("in", (0.05, 0.0), mw=5.0, uf="AA"),
        _plant("near", _east(999.5), mw=20.0, uf="BB"),
        _plant("far", _east(1000.5), mw=30.0, uf="BB"),
        _plant("other", (0.5, 0.0), mw=40.0, uf="CC"),  # only near the disabled zone
    ]
    zones = [Zone("sq", SQUARE), Zone("off", shapely.box(0.49, -0.01, 0.51, 0.01))]
    return plants, zones


def test_correlate_counts_capacity_states_and_borderline() -> None:
    plants, zones = _layer()
    result = truth.correlate(plants, zones, [True, False], 1.0)
    assert result.ids == {"in", "near"} and result.count == 2
    assert result.capacity_mw == pytest.approx(25.0)
    assert result.by_state == {"BB": (1, 20.0), "AA": (1, 5.0)}
    assert result.borderline == ("far", "near")  # both within 1 m of 1 km
    inside = truth.correlate(plants, zones, [True, True], None)
    assert inside.ids == {"in", "other"} and inside.borderline == ()


def test_state_and_capacity_filters_strict_and_not() -> None:
    plants, zones = _layer()
    at_least = truth.correlate(plants, zones, [True, True], 2.0, min_capacity_mw=20.0)
    assert at_least.ids == {"near", "far", "other"} and "near" in at_least.borderline
    above = truth.correlate(plants, zones, [True, True], 2.0, min_capacity_mw=20.0, strict=True)
    assert above.ids == {"far", "other"}
    only_bb = truth.correlate(plants, zones, [True, True], 2.0, states=["bb"])
    assert only_bb.ids == {"near", "far"} and list(only_bb.by_state) == ["BB"]


def test_the_real_files_match_their_documented_sizes() -> None:
    """data/SOURCES.md: 788 plants / 17,613 MW, 190 heat zones (38 per quintile), 760 areas."""
    plants = truth.load_plants()
    assert len(plants) == 788 and sum(p.capacity_mw for p in plants) == pytest.approx(17_613, abs=1)
    heat = truth.load_zones(truth.HEAT_ZONES)
    assert len(heat) == 190
    assert {q: sum(z.props["quintile"] == q for z in heat) for q in range(1, 6)} == dict.fromkeys(
        range(1, 6), 38
    )
    assert len(truth.load_zones(truth.DEFORESTATION_AREAS)) == 760


def test_policy_passages_by_article_and_paragraph() -> None:
    passages = truth.policy_passages()
    assert passages["Art. 4(7)"].startswith("7. Mitigation co-benefits")
    assert "Art. 1" in passages and "Art. 29" in passages
    assert "Art. 4(7)" in truth.policy_mentions(r"\bmitigat") and "Art. 1" not in truth.policy_mentions("zzz")
