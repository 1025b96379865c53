"""Lazy loaders for the datasets the bundled MCP servers serve.

Nothing is read at import time. The data folder is `Settings().data_dir` (PLANEXEC_DATA_DIR) when
set, else the package's own `planexec/data` (found with importlib.resources). A `Datasets` object
reads one folder's files on first use and keeps them; each server holds one in its lifespan state.
A missing file raises DataFileMissingError naming the file and PLANEXEC_DATA_DIR.
"""

from __future__ import annotations

import csv
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal, TypeVar

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from planexec.schemas.settings import Settings

DATA_DIR_ENV = "PLANEXEC_DATA_DIR"

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


def package_data_dir() -> Path:
    """The datasets shipped inside the package (`planexec/data`)."""
    return Path(str(files("planexec") / "data"))


def data_dir(settings: Settings | None = None) -> Path:
    """The data folder: `settings.data_dir` (PLANEXEC_DATA_DIR), else the package's data."""
    configured = (settings or Settings()).data_dir
    return configured.expanduser().resolve() if configured else package_data_dir()


def missing_data_message(path: Path, hint: str = "") -> str:
    return f"data file not found: {path}{hint}; set {DATA_DIR_ENV} to the directory holding the datasets"


def data_path(relative: str, base: Path) -> Path:
    """Absolute path of a data file; raises DataFileMissingError naming the path if absent."""
    path = base / relative
    if not path.is_file():
        hint = (
            " (run `python -m planexec.tools.servers.datasets.derive_layers` to build it)"
            if relative.startswith("derived/")
            else ""
        )
        raise DataFileMissingError(missing_data_message(path, hint))
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


T = TypeVar("T")


class Datasets:
    """The datasets of one data folder, each read on first use and then kept (thread-safe)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._loaded: dict[str, Any] = {}
        self._lock = threading.RLock()

    @classmethod
    def from_settings(cls, settings: Settings) -> Datasets:
        return cls(data_dir(settings))

    def path(self, relative: str) -> Path:
        return data_path(relative, self.folder)

    def _once(self, key: str, load: Callable[[], T]) -> T:
        with self._lock:
            if key not in self._loaded:
                self._loaded[key] = load()
            value: T = self._loaded[key]
            return value

    def solar(self, dataset: str = DEFAULT_SOLAR_DATASET) -> tuple[Facility, ...]:
        """Solar plants of one dataset (aneel_siga_2025, aneel_sigel_2015 or gppd_v1_3_0)."""
        if dataset not in SOLAR_FILES:
            raise ValueError(f"unknown solar dataset {dataset!r}; available: {', '.join(SOLAR_FILES)}")
        return self._once(f"solar:{dataset}", lambda: _read_solar(self, dataset))

    def states(self) -> dict[str, BaseGeometry]:
        """Brazilian state polygons (Natural Earth 1:50m) by UF code."""

        def load() -> dict[str, BaseGeometry]:
            fc = read_geojson(self.path(STATES_FILE))
            return {f["properties"]["uf"]: shape(f["geometry"]) for f in fc["features"]}

        return self._once("states", load)

    def country(self) -> BaseGeometry:
        """The Brazil country polygon (Natural Earth 1:50m)."""

        def load() -> BaseGeometry:
            fc = read_geojson(self.path(COUNTRY_FILE))
            return shapely.union_all([shape(f["geometry"]) for f in fc["features"]])

        return self._once("country", load)

    def heat_zones(self) -> tuple[HeatZone, ...]:
        """Heat-stress zones from derived/heat_stress_zones.geojson."""
        return self._once("heat_zones", lambda: _read_heat_zones(self.path(HEAT_ZONES_FILE)))

    def deforestation_areas(self) -> tuple[DeforestationArea, ...]:
        """Deforestation areas from derived/deforestation_areas.geojson."""
        return self._once(
            "deforestation_areas", lambda: _read_deforestation_areas(self.path(DEFORESTATION_AREAS_FILE))
        )


def load_solar(
    dataset: str = DEFAULT_SOLAR_DATASET, settings: Settings | None = None
) -> tuple[Facility, ...]:
    """One-off read of a solar dataset from the configured data folder (servers use `Datasets`)."""
    return Datasets.from_settings(settings or Settings()).solar(dataset)


def _read_solar(datasets: Datasets, dataset: str) -> tuple[Facility, ...]:
    rows = read_csv(datasets.path(SOLAR_FILES[dataset]))
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
            uf, muni, fid = _state_of_point(datasets.states(), lon, lat), None, r["gppd_idnr"]
        out.append(Facility(fid, r["name"], float(r["capacity_mw"]), lat, lon, uf or None, muni))
    return tuple(out)


def _read_heat_zones(path: Path) -> tuple[HeatZone, ...]:
    zones: list[HeatZone] = []
    for f in read_geojson(path)["features"]:
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


def _read_deforestation_areas(path: Path) -> tuple[DeforestationArea, ...]:
    areas: list[DeforestationArea] = []
    for f in read_geojson(path)["features"]:
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
