"""Independent ground truth for the chat answers, computed straight from the raw data files.

Nothing here imports planexec: the plants come from `data/brazil_solar_aneel_siga_2025.csv`
(788 rows), the heat-stress zones from `data/derived/heat_stress_zones.geojson` (property
`quintile`) and the deforestation areas from `data/derived/deforestation_areas.geojson`
(property `increment_km2`), read with csv/json and shapely. Distances are geodesic metres on
WGS84 (pyproj.Geod) found by a different method than the geospatial server's:

- point inside or on a polygon (shapely `intersects`) -> 0 m;
- otherwise the polygon boundary (edges straight in lon/lat) near the point is densified to
  about 55 m, the geodesic distance to every vertex is taken, and around every vertex within
  60 m of the best one the boundary is densified again to about 1 m. The min over those vertices
  is within a few millimetres of the true distance for every distance the tests ask about.

Rules mirrored from what planexec does today (checked against its answers, see the truth log):
`min_capacity_mw` keeps plants >= the value (`strict=True` gives >), the correlation keeps a
plant when its distance to some zone is <= the threshold, the deforestation recipes keep areas
with `increment_km2` >= 1 km² (`min_increment_km2`), the heat layer defaults to quintile 5 for
'extreme' and states filter the plants (never the zones).
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from pyproj import Geod

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
PLANTS_CSV = "brazil_solar_aneel_siga_2025.csv"
HEAT_ZONES = "derived/heat_stress_zones.geojson"
DEFORESTATION_AREAS = "derived/deforestation_areas.geojson"
DEFAULT_MIN_INCREMENT_KM2 = 1.0
BORDERLINE_M = 1.0  # a plant this close to a distance threshold is reported as borderline
_CAP_M = 25_000.0  # distances are computed (and cached) up to this; larger thresholds recompute
_GEOD = Geod(ellps="WGS84")
_COARSE_DEG = 5e-4  # ~55 m
_FINE_DEG = 1e-5  # ~1.1 m
_REFINE_M = 60.0  # > half a coarse segment in metres, so the true nearest point is refined
_M_PER_DEG_LAT_MIN = 110_574.0  # shortest degree of latitude (equator)
_M_PER_DEG_LON_EQ = 111_321.0  # longest degree of longitude (equator)


@dataclass(frozen=True)
class Plant:
    id: str
    name: str
    capacity_mw: float
    lon: float
    lat: float
    uf: str


@dataclass(frozen=True)
class Zone:
    id: str
    geometry: Any  # shapely geometry, lon/lat
    props: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Truth:
    """The expected answer: plants matched, their capacity, and per state (count, MW)."""

    count: int
    capacity_mw: float
    by_state: Mapping[str, tuple[int, float]]
    ids: frozenset[str]
    borderline: tuple[str, ...] = ()  # plants within BORDERLINE_M of the distance / at the MW threshold

    def describe(self) -> str:
        states = ", ".join(f"{uf} {n}/{mw:.1f} MW" for uf, (n, mw) in self.by_state.items())
        return f"{self.count} plants, {self.capacity_mw:.1f} MW [{states}]"


# ---------------------------------------------------------------- geodesic point-to-polygon


def _window(lon: float, lat: float, radius_m: float) -> tuple[float, float, float, float]:
    """A lon/lat box that holds every point within radius_m of (lon, lat) (generous margins)."""
    dlat = radius_m / _M_PER_DEG_LAT_MIN * 1.02 + 1e-6
    top = min(abs(lat) + dlat, 89.9)
    dlon = radius_m / (_M_PER_DEG_LON_EQ * math.cos(math.radians(top))) * 1.02 + 1e-6
    return lon - dlon, lat - dlat, lon + dlon, lat + dlat


def _vertex_distances(lon: float, lat: float, lines: Any, step_deg: float) -> tuple[np.ndarray, np.ndarray]:
    """Vertices of `lines` densified to step_deg, and their geodesic distances from the point."""
    coords = shapely.get_coordinates(shapely.segmentize(lines, step_deg))
    if coords.size == 0:
        return coords, np.empty(0)
    n = len(coords)
    _, _, dist = _GEOD.inv(np.full(n, lon), np.full(n, lat), coords[:, 0], coords[:, 1])
    return coords, np.asarray(dist, dtype=np.float64)


def point_polygon_distance_m(lon: float, lat: float, geometry: Any, cap_m: float = math.inf) -> float:
    """Geodesic metres from the point to the polygon: 0 inside or on it; inf when beyond cap_m."""
    if shapely.intersects_xy(geometry, lon, lat):
        return 0.0
    boundary = shapely.boundary(geometry)
    if math.isfinite(cap_m):
        boundary = shapely.clip_by_rect(boundary, *_window(lon, lat, cap_m + 2 * _REFINE_M))
    coords, dist = _vertex_distances(lon, lat, boundary, _COARSE_DEG)
    if dist.size == 0:
        return math.inf
    best = float(dist.min())
    for x, y in coords[dist <= best + _REFINE_M]:
        piece = shapely.clip_by_rect(boundary, *_window(x, y, _REFINE_M))
        _, fine = _vertex_distances(lon, lat, piece, _FINE_DEG)
        if fine.size:
            best = min(best, float(fine.min()))
    return best if best <= cap_m else math.inf


def nearest_distances(plants: Sequence[Plant], zones: Sequence[Zone], cap_m: float) -> list[dict[int, float]]:
    """For each plant: {zone index: distance m} for every zone within cap_m (0 = inside)."""
    tree = shapely.STRtree([z.geometry for z in zones])
    out: list[dict[int, float]] = []
    for p in plants:
        near: dict[int, float] = {}
        for idx in tree.query(shapely.box(*_window(p.lon, p.lat, cap_m))).tolist():
            d = point_polygon_distance_m(p.lon, p.lat, zones[idx].geometry, cap_m)
            if math.isfinite(d):
                near[int(idx)] = d
        out.append(near)
    return out


# ---------------------------------------------------------------- matching and summaries


def filter_plants(
    plants: Iterable[Plant], states: Sequence[str] | None, min_capacity_mw: float | None, strict: bool
) -> list[Plant]:
    """Plants in `states` (UF codes; None/[] = all) with capacity >= (strict: >) min_capacity_mw."""
    ufs = {s.upper() for s in states} if states else None
    kept = []
    for p in plants:
        if ufs is not None and p.uf not in ufs:
            continue
        below = min_capacity_mw is not None and (
            p.capacity_mw < min_capacity_mw or (strict and p.capacity_mw == min_capacity_mw)
        )
        if below:
            continue
        kept.append(p)
    return kept


def summarize(plants: Sequence[Plant], borderline: Iterable[str] = ()) -> Truth:
    by_state: dict[str, tuple[int, float]] = {}
    for p in plants:
        n, mw = by_state.get(p.uf, (0, 0.0))
        by_state[p.uf] = (n + 1, mw + p.capacity_mw)
    ordered = dict(sorted(by_state.items(), key=lambda kv: (-kv[1][1], kv[0])))
    return Truth(
        count=len(plants),
        capacity_mw=float(sum(p.capacity_mw for p in plants)),
        by_state=ordered,
        ids=frozenset(p.id for p in plants),
        borderline=tuple(sorted(set(borderline))),
    )


def match(
    plants: Sequence[Plant],
    distances: Sequence[Mapping[int, float]],
    zone_ok: Sequence[bool],
    distance_m: float,
) -> tuple[list[Plant], list[str]]:
    """Plants with some allowed zone at <= distance_m, and the ids of borderline plants."""
    matched, borderline = [], []
    for p, near in zip(plants, distances, strict=True):
        allowed = [d for idx, d in near.items() if zone_ok[idx]]
        best = min(allowed, default=math.inf)
        if best <= distance_m:
            matched.append(p)
        if distance_m > 0 and abs(best - distance_m) <= BORDERLINE_M:
            borderline.append(p.id)
    return matched, borderline


def correlate(
    plants: Sequence[Plant],
    zones: Sequence[Zone],
    zone_ok: Sequence[bool],
    distance_km: float | None,
    *,
    states: Sequence[str] | None = None,
    min_capacity_mw: float | None = None,
    strict: bool = False,
    distances: Sequence[Mapping[int, float]] | None = None,
) -> Truth:
    """Plants (after the state / capacity filters) inside (distance None) or within distance_km
    of an allowed zone."""
    distance_m = 0.0 if distance_km is None else distance_km * 1000.0
    if distances is None:
        distances = nearest_distances(plants, zones, max(distance_m, 1.0) + 2 * BORDERLINE_M)
    kept_idx = {p.id for p in filter_plants(plants, states, min_capacity_mw, strict)}
    pairs = [(p, d) for p, d in zip(plants, distances, strict=True) if p.id in kept_idx]
    matched, borderline = match([p for p, _ in pairs], [d for _, d in pairs], zone_ok, distance_m)
    if min_capacity_mw is not None:
        borderline += [p.id for p in matched if p.capacity_mw == min_capacity_mw]
    return summarize(matched, borderline)


# ---------------------------------------------------------------- the real data


def load_plants(data_dir: Path = DATA_DIR) -> list[Plant]:
    with (data_dir / PLANTS_CSV).open(encoding="utf-8", newline="") as fh:
        return [
            Plant(
                id=r["id"],
                name=r["name"],
                capacity_mw=float(r["capacity_mw"]),
                lon=float(r["longitude"]),
                lat=float(r["latitude"]),
                uf=r["uf"].strip().upper(),
            )
            for r in csv.DictReader(fh)
        ]


def load_zones(name: str, data_dir: Path = DATA_DIR) -> list[Zone]:
    collection = json.loads((data_dir / name).read_text(encoding="utf-8"))
    return [
        Zone(id=str(f["id"]), geometry=shapely.geometry.shape(f["geometry"]), props=f["properties"])
        for f in collection["features"]
    ]


@lru_cache(maxsize=1)
def plants() -> tuple[Plant, ...]:
    return tuple(load_plants())


@lru_cache(maxsize=2)
def zones(layer: str) -> tuple[Zone, ...]:
    return tuple(load_zones(HEAT_ZONES if layer == "heat" else DEFORESTATION_AREAS))


@lru_cache(maxsize=8)
def _distances(layer: str, cap_m: float) -> tuple[dict[int, float], ...]:
    return tuple(nearest_distances(plants(), zones(layer), cap_m))


def distances(layer: str, distance_m: float) -> tuple[dict[int, float], ...]:
    """Per plant, zone distances of `layer` up to at least distance_m (cached per cap)."""
    cap = _CAP_M if distance_m + 2 * BORDERLINE_M <= _CAP_M else distance_m + 2 * BORDERLINE_M
    return _distances(layer, cap)


def _heat_ok(quintiles: Sequence[int]) -> list[bool]:
    wanted = set(quintiles)
    return [int(z.props["quintile"]) in wanted for z in zones("heat")]


def _deforestation_ok(min_increment_km2: float | None) -> list[bool]:
    floor = -math.inf if min_increment_km2 is None else min_increment_km2
    return [float(z.props["increment_km2"]) >= floor for z in zones("deforestation")]


def _on_layer(layer: str, zone_ok: list[bool], distance_km: float | None, **filters: Any) -> Truth:
    distance_m = 0.0 if distance_km is None else distance_km * 1000.0
    return correlate(
        plants(), zones(layer), zone_ok, distance_km, distances=distances(layer, distance_m), **filters
    )


def heat_proximity(
    distance_km: float,
    quintiles: Sequence[int] = (5,),
    states: Sequence[str] | None = None,
    min_capacity_mw: float | None = None,
    strict: bool = False,
) -> Truth:
    """Plants within distance_km (geodesic, <=) of a heat-stress zone of `quintiles`."""
    filters = {"states": states, "min_capacity_mw": min_capacity_mw, "strict": strict}
    return _on_layer("heat", _heat_ok(quintiles), distance_km, **filters)


def heat_within(
    quintiles: Sequence[int] = (5,),
    states: Sequence[str] | None = None,
    min_capacity_mw: float | None = None,
    strict: bool = False,
) -> Truth:
    """Plants inside (or on the edge of) a heat-stress zone of `quintiles`."""
    filters = {"states": states, "min_capacity_mw": min_capacity_mw, "strict": strict}
    return _on_layer("heat", _heat_ok(quintiles), None, **filters)


def deforestation_proximity(
    distance_km: float,
    states: Sequence[str] | None = None,
    min_capacity_mw: float | None = None,
    min_increment_km2: float | None = DEFAULT_MIN_INCREMENT_KM2,
    strict: bool = False,
) -> Truth:
    """Plants within distance_km of a deforestation area with increment >= min_increment_km2."""
    filters = {"states": states, "min_capacity_mw": min_capacity_mw, "strict": strict}
    return _on_layer("deforestation", _deforestation_ok(min_increment_km2), distance_km, **filters)


def deforestation_within(
    states: Sequence[str] | None = None,
    min_capacity_mw: float | None = None,
    min_increment_km2: float | None = DEFAULT_MIN_INCREMENT_KM2,
    strict: bool = False,
) -> Truth:
    """Plants inside a deforestation area with increment >= min_increment_km2."""
    filters = {"states": states, "min_capacity_mw": min_capacity_mw, "strict": strict}
    return _on_layer("deforestation", _deforestation_ok(min_increment_km2), None, **filters)


def solar_map(
    states: Sequence[str] | None = None, min_capacity_mw: float | None = None, strict: bool = False
) -> Truth:
    """The plants a map of solar plants shows (state / capacity filters only)."""
    kept = filter_plants(plants(), states, min_capacity_mw, strict)
    at_threshold = [p.id for p in kept if min_capacity_mw is not None and p.capacity_mw == min_capacity_mw]
    return summarize(kept, at_threshold)


# ---------------------------------------------------------------- policy text

POLICY_TEXT = "policy/paris_agreement_2015_en.txt"
_ARTICLE_RE = re.compile(r"^Article (\d+)\s*$")
_PARAGRAPH_RE = re.compile(r"^(\d+)\.\s")


def policy_passages(data_dir: Path = DATA_DIR) -> dict[str, str]:
    """The Paris Agreement by passage: 'Art. 4(7)' (numbered paragraph) or 'Art. 1' (no paragraphs)."""
    passages: dict[str, list[str]] = {}
    article: str | None = None
    key: str | None = None
    for line in (data_dir / POLICY_TEXT).read_text(encoding="utf-8").splitlines():
        if (head := _ARTICLE_RE.match(line)) is not None:
            article = head.group(1)
            key = f"Art. {article}"
            continue
        if article is None or not line.strip():
            continue
        if (para := _PARAGRAPH_RE.match(line)) is not None:
            key = f"Art. {article}({para.group(1)})"
        assert key is not None
        passages.setdefault(key, []).append(line)
    return {k: "\n".join(v) for k, v in passages.items()}


def policy_mentions(pattern: str) -> frozenset[str]:
    """Passages (see policy_passages) whose text matches the case-insensitive regex `pattern`."""
    regex = re.compile(pattern, re.IGNORECASE)
    return frozenset(k for k, text in policy_passages().items() if regex.search(text))


# ---------------------------------------------------------------- aggregation (analytical questions)

REGIONS: dict[str, tuple[str, ...]] = {
    "North": ("AC", "AP", "AM", "PA", "RO", "RR", "TO"),
    "Northeast": ("AL", "BA", "CE", "MA", "PB", "PE", "PI", "RN", "SE"),
    "Central-West": ("DF", "GO", "MT", "MS"),
    "Southeast": ("ES", "MG", "RJ", "SP"),
    "South": ("PR", "RS", "SC"),
}
"""IBGE macro-regions (an independent copy: truth imports no planexec code)."""


def region_of(uf: str) -> str:
    return next(name for name, ufs in REGIONS.items() if uf in ufs)


def measure(values: Sequence[float], how: str) -> float | None:
    """count / sum / mean / median / min / max of `values` (None when a statistic has no value)."""
    if how == "count":
        return float(len(values))
    if how == "sum":
        return float(sum(values))
    if not values:
        return None
    ordered = sorted(values)
    if how == "mean":
        return float(sum(ordered) / len(ordered))
    if how == "median":
        mid = len(ordered) // 2
        return float(ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2)
    return float(ordered[0] if how == "min" else ordered[-1])


def group_by(items: Iterable[Any], key: Any) -> dict[str, list[Any]]:
    """Items by key(item), keys sorted."""
    out: dict[str, list[Any]] = {}
    for item in items:
        out.setdefault(str(key(item)), []).append(item)
    return dict(sorted(out.items()))


def rank(groups: Mapping[str, float | None], descending: bool = True) -> list[tuple[str, float]]:
    """(key, value) by value (desc or asc), ties by key; groups without a value dropped."""
    sign = -1.0 if descending else 1.0
    return sorted(((k, v) for k, v in groups.items() if v is not None), key=lambda kv: (sign * kv[1], kv[0]))


def matched_ids(
    layer: str,
    distance_km: float | None,
    quintiles: Sequence[int] = (5,),
    min_increment_km2: float | None = None,
) -> frozenset[str]:
    """Ids of the plants (no filter) inside (None) or within distance_km of the layer's allowed zones."""
    zone_ok = _heat_ok(quintiles) if layer == "heat" else _deforestation_ok(min_increment_km2)
    return _on_layer(layer, zone_ok, distance_km).ids


def plant_quintiles() -> dict[str, int]:
    """Plant id -> quintile of the heat zone it sits in (inside or on the edge; the lowest zone index
    when it touches two). Plants outside every zone are left out."""
    heat = zones("heat")
    out: dict[str, int] = {}
    for p, near in zip(plants(), distances("heat", 0.0), strict=True):
        inside = sorted(idx for idx, d in near.items() if d == 0.0)
        if inside:
            out[p.id] = int(heat[inside[0]].props["quintile"])
    return out


def area_props(layer: str) -> list[dict[str, Any]]:
    """The properties of every zone of `layer` ('heat' zones, 'deforestation' areas)."""
    return [dict(z.props) for z in zones(layer)]


def plant_municipalities(data_dir: Path = DATA_DIR) -> dict[str, str]:
    """Plant id -> the CSV's `municipalities` text (e.g. 'Tauá - CE')."""
    with (data_dir / PLANTS_CSV).open(encoding="utf-8", newline="") as fh:
        return {r["id"]: r["municipalities"] for r in csv.DictReader(fh)}


# ---------------------------------------------------------------- development set (tests/devset) additions


def within_bounds(
    plants: Iterable[Plant],
    states: Sequence[str] | None = None,
    low: float | None = None,
    low_strict: bool = False,
    high: float | None = None,
    high_strict: bool = False,
) -> list[Plant]:
    """Plants in `states` with capacity above `low` (>=, strict: >) and below `high` (<=, strict: <)."""
    kept = filter_plants(plants, states, low, low_strict)
    if high is None:
        return kept
    return [p for p in kept if p.capacity_mw < high or (not high_strict and p.capacity_mw == high)]


def areas_ok(min_increment_km2: float | None, strict: bool = False) -> list[bool]:
    """Deforestation areas kept: every area (None), increment >= value, or > value (strict)."""
    if min_increment_km2 is None:
        return [True for _ in zones("deforestation")]
    floor = float(min_increment_km2)
    return [
        (inc > floor) if strict else (inc >= floor)
        for inc in (float(z.props["increment_km2"]) for z in zones("deforestation"))
    ]


def zone_filter(layer: str, quintiles: Sequence[int] = (5,), min_increment_km2: float | None = None,
                increment_strict: bool = False) -> list[bool]:  # fmt: skip
    """Which zones of `layer` a question keeps (heat: by quintile; deforestation: by increment)."""
    return _heat_ok(quintiles) if layer == "heat" else areas_ok(min_increment_km2, increment_strict)


def nearest_allowed_m(layer: str, zone_ok: Sequence[bool], cap_m: float = _CAP_M) -> dict[str, float]:
    """Plant id -> metres to its nearest allowed zone of `layer` (plants with none within cap_m left out)."""
    out: dict[str, float] = {}
    for p, near in zip(plants(), distances(layer, cap_m), strict=True):
        allowed = [d for idx, d in near.items() if zone_ok[idx]]
        if allowed:
            out[p.id] = min(allowed)
    return out


def correlation(
    layer: str,
    zone_ok: Sequence[bool],
    distance_km: float | None,
    kept: Sequence[Plant],
) -> Truth:
    """Plants of `kept` inside (None) or within distance_km (<=) of an allowed zone of `layer`."""
    distance_m = 0.0 if distance_km is None else distance_km * 1000.0
    near = nearest_allowed_m(layer, zone_ok, max(distance_m, 1.0) + 2 * BORDERLINE_M)
    matched = [p for p in kept if near.get(p.id, math.inf) <= distance_m]
    borderline = [
        p.id for p in kept if distance_m > 0 and abs(near.get(p.id, math.inf) - distance_m) <= BORDERLINE_M
    ]
    return summarize(matched, borderline)


def ring(
    layer: str, zone_ok: Sequence[bool], inner_km: float, outer_km: float, kept: Sequence[Plant]
) -> Truth:
    """Plants whose nearest allowed zone is at inner_km..outer_km (inclusive) and that sit in none of them."""
    near = nearest_allowed_m(layer, zone_ok, outer_km * 1000.0 + 2 * BORDERLINE_M)
    lo, hi = inner_km * 1000.0, outer_km * 1000.0
    matched = [p for p in kept if p.id in near and near[p.id] > 0.0 and lo <= near[p.id] <= hi]
    borderline = [
        p.id for p in kept if p.id in near and min(abs(near[p.id] - lo), abs(near[p.id] - hi)) <= BORDERLINE_M
    ]
    return summarize(matched, borderline)


def outside(layer: str, zone_ok: Sequence[bool], kept: Sequence[Plant]) -> Truth:
    """Plants of `kept` inside (or on the edge of) none of the allowed zones."""
    near = nearest_allowed_m(layer, zone_ok, 1.0)
    return summarize([p for p in kept if near.get(p.id, math.inf) > 0.0])


# ---------------------------------------------------------------- nearest zone per plant (geometry words)


@dataclass(frozen=True)
class Nearest:
    """A plant, its nearest allowed zone (index into zones(layer)) and the geodesic distance (m)."""

    plant: Plant
    zone: int
    distance_m: float


def _kept(states: Sequence[str] | None, min_capacity_mw: float | None, strict: bool) -> list[int]:
    ids = {p.id for p in filter_plants(plants(), states, min_capacity_mw, strict)}
    return [i for i, p in enumerate(plants()) if p.id in ids]


def nearest_within(
    layer: str,
    cap_km: float,
    zone_ok: Sequence[bool],
    states: Sequence[str] | None = None,
    min_capacity_mw: float | None = None,
    strict: bool = False,
) -> list[Nearest]:
    """Plants whose nearest allowed zone is <= cap_km away, with it; closest first (ties: zone index,
    then plant id). A plant inside two zones (on a shared edge) gets the lowest zone index."""
    table = distances(layer, cap_km * 1000.0)
    out = []
    for i in _kept(states, min_capacity_mw, strict):
        allowed = sorted((d, idx) for idx, d in table[i].items() if zone_ok[idx] and d <= cap_km * 1000.0)
        if allowed:
            out.append(Nearest(plants()[i], allowed[0][1], allowed[0][0]))
    return sorted(out, key=lambda n: (n.distance_m, n.zone, n.plant.id))


def nearest_unbounded(
    layer: str, zone_ok: Sequence[bool], states: Sequence[str] | None = None
) -> list[Nearest]:
    """Every plant (of `states`) with its nearest allowed zone, however far; closest first. Slow for
    many plants (each needs a full search): tests use it for one small state.

    Method: the zone nearest in plain lon/lat degrees gives an upper bound u (its geodesic distance);
    every zone within u on the ground meets the point's window of radius u, so the minimum over those
    zones is the nearest."""
    allowed = [i for i, ok in enumerate(zone_ok) if ok]
    geoms = [zones(layer)[i].geometry for i in allowed]
    tree = shapely.STRtree(geoms)
    out = []
    for p in filter_plants(plants(), states, None, False):
        point = shapely.Point(p.lon, p.lat)
        first = int(np.argmin(shapely.distance(point, np.array(geoms, dtype=object))))
        bound = point_polygon_distance_m(p.lon, p.lat, geoms[first])
        best = (bound, allowed[first])
        for k in tree.query(shapely.box(*_window(p.lon, p.lat, bound + 1.0))).tolist():
            d = point_polygon_distance_m(p.lon, p.lat, geoms[k], bound + 1.0)
            best = min(best, (d, allowed[k]))
        out.append(Nearest(p, best[1], best[0]))
    return sorted(out, key=lambda n: (n.distance_m, n.zone, n.plant.id))
