"""Build the derived layers in data/derived/ from the raw files in data/.

    python -m planexec.tools.servers.datasets.derive_layers [--data-dir DIR] [--out-dir DIR]

- heat_stress_zones.geojson: Voronoi cells of the INMET 1991-2020 stations that have a
  hottest-month Tmax normal, clipped to the Brazil polygon, with a quintile (5 = hottest).
- deforestation_areas.geojson: one area per PRODES 2015 Legal Amazon municipality, the
  Voronoi cell of its reference point among the municipalities of the same UF, clipped to
  that UF's part of the Legal Amazon; MapBiomas natural-vegetation loss joined on ibge_code.

The method is written down in data/SOURCES.md ("Derived layers"). Output is deterministic:
the same inputs (and GEOS version) give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import shapely
from shapely import affinity
from shapely.geometry import box, mapping, shape
from shapely.geometry.base import BaseGeometry

from planexec.schemas.settings import Settings
from planexec.tools.servers.datasets.loaders import (
    COUNTRY_FILE,
    LEGAL_AMAZON_UFS,
    STATES_FILE,
    data_dir,
    data_path,
    opt_float,
    read_csv,
    read_geojson,
)

log = logging.getLogger(__name__)

INMET_FILE = "inmet_climate_normals_1991_2020_stations.csv"
PRODES_FILE = "prodes_legal_amazon_municipalities_2015.csv"
MAPBIOMAS_FILE = "mapbiomas_natural_vegetation_legal_amazon_states_1985_2020.csv"
HEAT_OUT = "heat_stress_zones.geojson"
DEFORESTATION_OUT = "deforestation_areas.geojson"
MARANHAO_WEST_OF_LON = -44.0  # the Legal Amazon takes Maranhão west of the 44th meridian W
GRID = 1e-5  # output precision: 5 decimals
KM_PER_DEG_LAT = 111.32
_EXTENT = box(-90.0, -50.0, -20.0, 20.0)  # Voronoi diagrams are extended to this box


def quintiles(values: Sequence[float], keys: Sequence[str]) -> list[int]:
    """Quintile 1-5 of each value (5 = highest) by rank: sort ascending by (value, key), and
    rank r (0-based) of n goes to quintile 1 + 5r // n. Ties are broken by key, so the
    quintiles hold n/5 values each (sizes differ by at most one)."""
    order = sorted(range(len(values)), key=lambda i: (values[i], keys[i]))
    out = [0] * len(values)
    for rank, i in enumerate(order):
        out[i] = 1 + (5 * rank) // len(values)
    return out


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Keep only the polygonal parts, snapped to the output grid, rings oriented CCW."""
    geom = shapely.set_precision(geom, GRID)
    parts = [
        g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon") and not g.is_empty
    ]
    if not parts:
        return shapely.Polygon()
    merged = parts[0] if len(parts) == 1 else shapely.union_all(parts)
    return shapely.orient_polygons(merged)


def voronoi_cells(points: Sequence[tuple[float, float]], clip: BaseGeometry) -> list[BaseGeometry]:
    """Voronoi cell of each point (input order), clipped to `clip`."""
    if len(points) == 1:
        return [_polygonal(clip)]
    cells = shapely.voronoi_polygons(shapely.MultiPoint(list(points)), extend_to=_EXTENT, ordered=True)
    shapely.prepare(clip)
    return [_polygonal(shapely.intersection(cell, clip)) for cell in shapely.get_parts(cells)]


def _round(value: float | None, ndigits: int = 5) -> float | None:
    return None if value is None else round(value, ndigits)


def _feature(fid: str, props: dict[str, Any], geom: BaseGeometry) -> dict[str, Any]:
    return {"type": "Feature", "id": fid, "properties": props, "geometry": mapping(geom)}


def build_heat_zones(base: Path) -> dict[str, Any]:
    """Heat-stress zones FeatureCollection (see module doc)."""
    stations = [r for r in read_csv(data_path(INMET_FILE, base)) if r["tmax_hottest_month_c"]]
    stations.sort(key=lambda r: r["station_code"])
    country = shapely.union_all(
        [shape(f["geometry"]) for f in read_geojson(data_path(COUNTRY_FILE, base))["features"]]
    )
    points = [(float(r["longitude"]), float(r["latitude"])) for r in stations]
    tmax = [float(r["tmax_hottest_month_c"]) for r in stations]
    quint = quintiles(tmax, [r["station_code"] for r in stations])
    features = []
    for r, (lon, lat), t, q, cell in zip(
        stations, points, tmax, quint, voronoi_cells(points, country), strict=True
    ):
        heat_index = opt_float(r["heat_index_hottest_month_c"])
        props = {
            "station_code": r["station_code"],
            "station_name": r["station_name"],
            "uf": r["uf"],
            "tmax_hottest_month_c": t,
            "heat_index_c": t if heat_index is None else heat_index,
            "heat_index_is_tmax_fallback": heat_index is None,
            "quintile": q,
            "lon": _round(lon),
            "lat": _round(lat),
        }
        features.append(_feature(r["station_code"], props, cell))
    return {"type": "FeatureCollection", "name": "heat_stress_zones", "features": features}


def legal_amazon_by_uf(base: Path) -> dict[str, BaseGeometry]:
    """Each Legal Amazon UF polygon (Maranhão only west of 44°W)."""
    states = {
        f["properties"]["uf"]: shape(f["geometry"])
        for f in read_geojson(data_path(STATES_FILE, base))["features"]
        if f["properties"]["uf"] in LEGAL_AMAZON_UFS
    }
    states["MA"] = shapely.intersection(states["MA"], box(-180.0, -90.0, MARANHAO_WEST_OF_LON, 90.0))
    return dict(sorted(states.items()))


def area_circle(lon: float, lat: float, area_km2: float) -> BaseGeometry:
    """A lon/lat ellipse around the point covering about `area_km2` (last-resort area)."""
    radius_km = math.sqrt(max(area_km2, 1.0) / math.pi)
    disc = shapely.Point(lon, lat).buffer(radius_km / KM_PER_DEG_LAT, quad_segs=8)
    return _polygonal(affinity.scale(disc, xfact=1.0 / math.cos(math.radians(lat)), yfact=1.0))


def _area_cells(
    rows: list[dict[str, str]], masks: dict[str, BaseGeometry]
) -> dict[str, tuple[str, BaseGeometry]]:
    """ibge_code → (method, cell). Voronoi among the UF's municipalities within the UF mask; a
    cell that comes out empty (reference point off the 1:50m outline) falls back to the Voronoi
    cell among all municipalities within the union, then to a circle of the municipal area."""
    cells: dict[str, tuple[str, BaseGeometry]] = {}
    for uf, mask in masks.items():
        in_uf = [r for r in rows if r["uf"] == uf]
        pts = [(float(r["longitude"]), float(r["latitude"])) for r in in_uf]
        for r, cell in zip(in_uf, voronoi_cells(pts, mask), strict=True):
            cells[r["ibge_code"]] = ("voronoi_within_uf", cell)
    empty = [code for code, (_, cell) in cells.items() if cell.is_empty]
    if not empty:
        return cells
    union = shapely.union_all(list(masks.values()))
    pts = [(float(r["longitude"]), float(r["latitude"])) for r in rows]
    whole = dict(zip((r["ibge_code"] for r in rows), voronoi_cells(pts, union), strict=True))
    by_code = {r["ibge_code"]: r for r in rows}
    for code in empty:
        if not whole[code].is_empty:
            cells[code] = ("voronoi_within_legal_amazon", whole[code])
        else:
            r = by_code[code]
            circle = area_circle(float(r["longitude"]), float(r["latitude"]), float(r["area_km2"]))
            cells[code] = ("circle_of_municipal_area", circle)
        log.warning(
            "municipality %s (%s): empty Voronoi cell, used %s",
            code,
            by_code[code]["municipality"],
            cells[code][0],
        )
    return cells


def build_deforestation_areas(base: Path) -> dict[str, Any]:
    """Deforestation areas FeatureCollection (see module doc)."""
    rows = sorted(read_csv(data_path(PRODES_FILE, base)), key=lambda r: r["ibge_code"])
    loss = {
        r["ibge_code"]: opt_float(r["natveg_loss_pct_of_area_2000_2020"])
        for r in read_csv(data_path(MAPBIOMAS_FILE, base))
    }
    cells = _area_cells(rows, legal_amazon_by_uf(base))
    features = []
    for r in rows:
        code = r["ibge_code"]
        props = {
            "ibge_code": code,
            "municipality": r["municipality"],
            "uf": r["uf"],
            "deforested_cumulative_km2": float(r["deforested_cumulative_km2"]),
            "increment_km2": float(r["deforestation_increment_2014_2015_km2"]),
            "deforested_pct_of_area": float(r["deforested_pct_of_area"]),
            "natveg_loss_pct": loss.get(code),
            "lon": _round(float(r["longitude"])),
            "lat": _round(float(r["latitude"])),
            "geometry_method": cells[code][0],
        }
        features.append(_feature(code, props, cells[code][1]))
    return {"type": "FeatureCollection", "name": "deforestation_areas", "features": features}


def _round_coords(obj: Any) -> Any:
    if isinstance(obj, float):
        return round(obj, 5) + 0.0  # + 0.0 turns -0.0 into 0.0
    if isinstance(obj, (list, tuple)):
        return [_round_coords(v) for v in obj]
    return obj


def dumps_geojson(fc: dict[str, Any]) -> str:
    """Deterministic GeoJSON text: one feature per line, coordinates with 5 decimals."""
    head = {k: v for k, v in fc.items() if k != "features"}
    lines = []
    for f in fc["features"]:
        geom = dict(f["geometry"])
        geom["coordinates"] = _round_coords(geom["coordinates"])
        lines.append(json.dumps({**f, "geometry": geom}, ensure_ascii=False, separators=(",", ":")))
    head_text = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]
    return head_text + ',"features":[\n' + ",\n".join(lines) + "\n]}\n"


def build_all(base: Path) -> dict[str, str]:
    """File name → GeoJSON text of every derived layer."""
    return {
        HEAT_OUT: dumps_geojson(build_heat_zones(base)),
        DEFORESTATION_OUT: dumps_geojson(build_deforestation_areas(base)),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m planexec.tools.servers.datasets.derive_layers", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="raw data directory (default: the data folder, PLANEXEC_DATA_DIR or the package data)",
    )
    parser.add_argument("--out-dir", type=Path, default=None, help="output directory (default: DATA/derived)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    base = args.data_dir.resolve() if args.data_dir else data_dir(Settings())
    out_dir = args.out_dir or base / "derived"
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in build_all(base).items():
        (out_dir / name).write_text(text, encoding="utf-8")
        log.info("wrote %s (%d bytes)", out_dir / name, len(text.encode("utf-8")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
