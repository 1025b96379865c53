"""Cached, lazy loaders for the datasets the bundled MCP servers serve.

Nothing is read at import time. The data directory is `$PLANEXEC_DATA_DIR` when set, else
`<repo root>/data`. Each loader is cached per (data directory, dataset), so a test that
points `PLANEXEC_DATA_DIR` elsewhere gets fresh data.
"""

from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

DATA_DIR_ENV = "PLANEXEC_DATA_DIR"
REPO_ROOT = Path(__file__).resolve().parent.parent

SolarDatasetName = Literal["aneel_siga_2025", "aneel_sigel_2015", "gppd_v1_3_0"]
SOLAR_FILES: dict[str, str] = {
    "aneel_siga_2025": "brazil_solar_aneel_siga_2025.csv",
    "aneel_sigel_2015": "brazil_solar_aneel_sigel_2015.csv",
    "gppd_v1_3_0": "brazil_solar_gppd_v1_3_0.csv",
}
DEFAULT_SOLAR_DATASET: SolarDatasetName = "aneel_siga_2025"
HEAT_ZONES_FILE = "derived/heat_stress_zones.geojson"
DEFORESTATION_AREAS_FILE = "derived/deforestation_areas.geojson"
STATES_FILE = "brazil_states_ne50m.geojson"
COUNTRY_FILE = "brazil_country_ne50m.geojson"

BRAZIL_UFS: tuple[str, ...] = (
    "AC", "AL", "AM", "AP", "BA", "CE", "DF", "ES", "GO", "MA", "MG", "MS", "MT", "PA",
    "PB", "PE", "PI", "PR", "RJ", "RN", "RO", "RR", "RS", "SC", "SE", "SP", "TO",
)  # fmt: skip
LEGAL_AMAZON_UFS: tuple[str, ...] = ("AC", "AM", "AP", "MA", "MT", "PA", "RO", "RR", "TO")
WKT_DECIMALS = 5


class DataFileMissingError(FileNotFoundError):
    """A dataset file the servers need is not where it should be."""


def data_dir() -> Path:
    """The data directory: `$PLANEXEC_DATA_DIR`, else `<repo root>/data`."""
    env = os.environ.get(DATA_DIR_ENV)
    return Path(env).expanduser().resolve() if env else REPO_ROOT / "data"


def data_path(relative: str, base: Path | None = None) -> Path:
    """Absolute path of a data file; raises DataFileMissingError naming the path if absent."""
    path = (base or data_dir()) / relative
    if not path.is_file():
        hint = " (run `python -m tools.derive_layers` to build it)" if relative.startswith("derived/") else ""
        raise DataFileMissingError(
            f"data file not found: {path}{hint}; set {DATA_DIR_ENV} to the directory holding the datasets"
        )
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def read_geojson(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def opt_float(value: str | None) -> float | None:
    """CSV cell → float, or None when empty."""
    return float(value) if value not in (None, "") else None


def to_wkt(geom: BaseGeometry) -> str:
    return str(shapely.to_wkt(geom, rounding_precision=WKT_DECIMALS, trim=True))


@dataclass(frozen=True)
class Facility:
    """One solar plant, columns normalised across the three source datasets."""

    id: str
    name: str
    capacity_mw: float
    lat: float
    lon: float
    uf: str | None
    municipality: str | None


@dataclass(frozen=True)
class HeatZone:
    """One heat-stress zone: the Voronoi cell of an INMET station, clipped to Brazil."""

    station_code: str
    station_name: str
    uf: str
    tmax_hottest_month_c: float
    heat_index_c: float
    quintile: int
    lon: float
    lat: float
    geometry_wkt: str


@dataclass(frozen=True)
class DeforestationArea:
    """One Legal Amazon municipality area with its PRODES 2015 and MapBiomas figures."""

    ibge_code: str
    municipality: str
    uf: str
    deforested_cumulative_km2: float
    increment_km2: float
    deforested_pct_of_area: float
    natveg_loss_pct: float | None
    lon: float
    lat: float
    geometry_wkt: str


def _siga_municipality(raw: str) -> str:
    """'Tauá - CE' → 'Tauá'; 'São Luís - MA, Vargem Grande - MA' → 'São Luís, Vargem Grande'."""
    return ", ".join(part.strip().rsplit(" - ", 1)[0].strip() for part in raw.split(","))


def _state_of_point(states: dict[str, BaseGeometry], lon: float, lat: float) -> str:
    """UF containing the point, else the nearest UF (coastal points off the 1:50m outline)."""
    point = shapely.Point(lon, lat)
    for uf, geom in states.items():
        if geom.covers(point):
            return uf
    return min(states, key=lambda uf: states[uf].distance(point))


@lru_cache(maxsize=8)
def _load_solar(base: Path, dataset: str) -> tuple[Facility, ...]:
    if dataset not in SOLAR_FILES:
        raise ValueError(f"unknown solar dataset {dataset!r}; available: {', '.join(SOLAR_FILES)}")
    rows = read_csv(data_path(SOLAR_FILES[dataset], base))
    out: list[Facility] = []
    muni: str | None
    for r in rows:
        lat, lon = float(r["latitude"]), float(r["longitude"])
        if dataset == "aneel_siga_2025":
            uf, muni = r["uf"], _siga_municipality(r["municipalities"])
            fid = r["id"]
        elif dataset == "aneel_sigel_2015":
            uf, muni, fid = r["uf"], r["municipality"] or None, r["id"]
        else:
            uf, muni, fid = _state_of_point(_load_states(base), lon, lat), None, r["gppd_idnr"]
        out.append(Facility(fid, r["name"], float(r["capacity_mw"]), lat, lon, uf or None, muni))
    return tuple(out)


def load_solar(dataset: str = DEFAULT_SOLAR_DATASET) -> tuple[Facility, ...]:
    """Solar plants of one dataset (aneel_siga_2025, aneel_sigel_2015 or gppd_v1_3_0)."""
    return _load_solar(data_dir(), dataset)


@lru_cache(maxsize=4)
def _load_states(base: Path) -> dict[str, BaseGeometry]:
    fc = read_geojson(data_path(STATES_FILE, base))
    return {f["properties"]["uf"]: shape(f["geometry"]) for f in fc["features"]}


def load_states() -> dict[str, BaseGeometry]:
    """Brazilian state polygons (Natural Earth 1:50m) by UF code."""
    return _load_states(data_dir())


@lru_cache(maxsize=4)
def _load_country(base: Path) -> BaseGeometry:
    fc = read_geojson(data_path(COUNTRY_FILE, base))
    return shapely.union_all([shape(f["geometry"]) for f in fc["features"]])


def load_country() -> BaseGeometry:
    """The Brazil country polygon (Natural Earth 1:50m)."""
    return _load_country(data_dir())


@lru_cache(maxsize=4)
def _load_heat_zones(base: Path) -> tuple[HeatZone, ...]:
    fc = read_geojson(data_path(HEAT_ZONES_FILE, base))
    zones: list[HeatZone] = []
    for f in fc["features"]:
        p = f["properties"]
        zones.append(
            HeatZone(
                station_code=str(p["station_code"]),
                station_name=p["station_name"],
                uf=p["uf"],
                tmax_hottest_month_c=float(p["tmax_hottest_month_c"]),
                heat_index_c=float(p["heat_index_c"]),
                quintile=int(p["quintile"]),
                lon=float(p["lon"]),
                lat=float(p["lat"]),
                geometry_wkt=to_wkt(shape(f["geometry"])),
            )
        )
    return tuple(zones)


def load_heat_zones() -> tuple[HeatZone, ...]:
    """Heat-stress zones from data/derived/heat_stress_zones.geojson."""
    return _load_heat_zones(data_dir())


@lru_cache(maxsize=4)
def _load_deforestation_areas(base: Path) -> tuple[DeforestationArea, ...]:
    fc = read_geojson(data_path(DEFORESTATION_AREAS_FILE, base))
    areas: list[DeforestationArea] = []
    for f in fc["features"]:
        p = f["properties"]
        loss = p.get("natveg_loss_pct")
        areas.append(
            DeforestationArea(
                ibge_code=str(p["ibge_code"]),
                municipality=p["municipality"],
                uf=p["uf"],
                deforested_cumulative_km2=float(p["deforested_cumulative_km2"]),
                increment_km2=float(p["increment_km2"]),
                deforested_pct_of_area=float(p["deforested_pct_of_area"]),
                natveg_loss_pct=None if loss is None else float(loss),
                lon=float(p["lon"]),
                lat=float(p["lat"]),
                geometry_wkt=to_wkt(shape(f["geometry"])),
            )
        )
    return tuple(areas)


def load_deforestation_areas() -> tuple[DeforestationArea, ...]:
    """Deforestation areas from data/derived/deforestation_areas.geojson."""
    return _load_deforestation_areas(data_dir())


def normalise_ufs(states: list[str] | None, allowed: tuple[str, ...] = BRAZIL_UFS) -> list[str] | None:
    """Upper-case and validate UF codes; ValueError naming the unknown ones."""
    if states is None:
        return None
    codes = [s.strip().upper() for s in states]
    unknown = [s for s in codes if s not in BRAZIL_UFS]
    if unknown:
        raise ValueError(f"unknown UF code(s): {', '.join(unknown)}; valid codes: {', '.join(BRAZIL_UFS)}")
    outside = [s for s in codes if s not in allowed]
    if outside:
        raise ValueError(f"no data for UF(s) {', '.join(outside)}; this dataset covers: {', '.join(allowed)}")
    return list(dict.fromkeys(codes))
