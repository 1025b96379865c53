"""Solar MCP server: Brazilian solar plants (ANEEL SIGA 2025, ANEEL SIGEL 2015, WRI GPPD).

python -m planexec.tools.servers.solar              # stdio
python -m planexec.tools.servers.solar --http --port 8101

State: the server's `Datasets` (lifespan context), built from Settings at start.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import shapely
from mcp.server.fastmcp import FastMCP

from planexec.schemas.entities import EntityTable
from planexec.schemas.settings import Settings
from planexec.schemas.tools.solar import FacilitiesArgs, FacilitiesResult, SolarMapResult, StateSummary
from planexec.tools.servers.common import make_server, run, state_lifespan
from planexec.tools.servers.datasets.loaders import Datasets, Facility, normalise_ufs
from planexec.tools.servers.model_tools import add_model_tool
from planexec.tools.stores.columnar import Column, ColumnTable
from planexec.tools.stores.handle_store import HandleStore, LazyHandleStore, publish_columns

SERVER_NAME = "solar"
SERVER_VERSION = "1.0.0"
COUNTRY = "Brazil"
_COUNTRY_ALIASES = {
    "brazil",
    "brasil",
    "br",
    "bra",
    "federative republic of brazil",
    "republica federativa do brasil",
}
SYNTHETIC_SEED = 20250314
SYNTHETIC_JITTER_DEG = 0.05
# Plausible bounds for synthetic points: Brazil's bounding box (incl. offshore islands).
_LON_BOUNDS = (-74.0, -28.8)
_LAT_BOUNDS = (-33.8, 5.3)


def normalise_country(country: str) -> str:
    """'Brasil', 'BR', 'bra', 'Brazil ' → 'Brazil'; any other country → ValueError."""
    folded = unicodedata.normalize("NFKD", country).encode("ascii", "ignore").decode("ascii")
    if " ".join(folded.lower().split()) in _COUNTRY_ALIASES:
        return COUNTRY
    raise ValueError(f"no solar data for country {country!r}; available: {COUNTRY}")


def in_bounds(capacity: float, args: FacilitiesArgs) -> bool:
    """Whether `capacity` passes the args' lower / upper bounds (each strict or not)."""
    low, high = args.min_capacity_mw, args.max_capacity_mw
    if low is not None and (capacity < low or (args.min_capacity_strict and capacity == low)):
        return False
    return high is None or not (capacity > high or (args.max_capacity_strict and capacity == high))


def select_facilities(
    datasets: Datasets,
    dataset: str,
    min_capacity_mw: float | None,
    states: list[str] | None,
    *,
    bounds: FacilitiesArgs | None = None,
) -> list[Facility]:
    """Plants of the dataset passing the filters, largest capacity first (ties by id).

    `bounds` carries the capacity bounds with their strictness; without it, min_capacity_mw is >=."""
    ufs = normalise_ufs(states)
    limits = bounds or FacilitiesArgs(min_capacity_mw=min_capacity_mw)
    rows = [
        f
        for f in datasets.solar(dataset)
        if in_bounds(f.capacity_mw, limits) and (ufs is None or f.uf in ufs)
    ]
    rows.sort(key=lambda f: (-f.capacity_mw, f.id))
    return rows


def _table(rows: Sequence[Facility]) -> EntityTable:
    return EntityTable.build(
        "solar_facility",
        ids=[f.id for f in rows],
        lon=[f.lon for f in rows],
        lat=[f.lat for f in rows],
        columns={
            "name": [f.name for f in rows],
            "capacity_mw": np.asarray([f.capacity_mw for f in rows], dtype="<f8"),
            "uf": [f.uf for f in rows],
            "municipality": [f.municipality for f in rows],
        },
    )


def synthetic_columns(
    source: Sequence[Facility], n: int, country: shapely.Geometry, seed: int = SYNTHETIC_SEED
) -> ColumnTable:
    """`n` jittered copies of `source` (cycled in order), deterministic for a given seed.

    Each copy moves by up to SYNTHETIC_JITTER_DEG in lon and lat; a copy that would leave the
    Brazil polygon keeps its plant's coordinates, and all points stay inside Brazil's bbox. Text
    columns are categorical (codes into the source plants' values): no per-row strings but the ids.
    """
    if not source:
        raise ValueError("synthetic_points needs at least one real plant; the filters matched none")
    idx = np.arange(n) % len(source)
    base_lon = np.asarray([f.lon for f in source])[idx]
    base_lat = np.asarray([f.lat for f in source])[idx]
    rng = np.random.default_rng(seed)
    lon = base_lon + rng.uniform(-SYNTHETIC_JITTER_DEG, SYNTHETIC_JITTER_DEG, n)
    lat = base_lat + rng.uniform(-SYNTHETIC_JITTER_DEG, SYNTHETIC_JITTER_DEG, n)
    shapely.prepare(country)
    outside = ~shapely.contains_xy(country, lon, lat)
    lon[outside], lat[outside] = base_lon[outside], base_lat[outside]
    lon, lat = np.clip(lon, *_LON_BOUNDS), np.clip(lat, *_LAT_BOUNDS)
    return ColumnTable(
        entity_type="solar_facility",
        ids=Column.strings([f"SYN-{i}" for i in range(1, n + 1)]),
        lon=lon,
        lat=lat,
        columns={
            "name": Column.categorical(idx, [f.name for f in source]),
            "capacity_mw": Column.floats(np.asarray([f.capacity_mw for f in source], dtype="<f8")[idx]),
            "uf": Column.categorical(idx, [f.uf for f in source]),
            "municipality": Column.categorical(idx, [f.municipality for f in source]),
        },
        synthetic=True,
    )


def synthetic_table(
    source: Sequence[Facility], n: int, country: shapely.Geometry, seed: int = SYNTHETIC_SEED
) -> EntityTable:
    """`synthetic_columns` as an inline entity table."""
    return synthetic_columns(source, n, country, seed).to_entity_table()


def _columns(args: FacilitiesArgs, datasets: Datasets) -> ColumnTable:
    """The rows the args select, as columns (the handle path: synthetic rows never become JSON)."""
    normalise_country(args.country)
    rows = select_facilities(datasets, args.dataset, args.min_capacity_mw, args.states, bounds=args)
    if args.synthetic_points > 0:
        return synthetic_columns(rows, args.synthetic_points, datasets.country())
    return ColumnTable.from_entity_table(_table(rows[: args.limit]))


def _entities(args: FacilitiesArgs, datasets: Datasets) -> tuple[EntityTable, float]:
    normalise_country(args.country)
    rows = select_facilities(datasets, args.dataset, args.min_capacity_mw, args.states, bounds=args)
    if args.synthetic_points > 0:
        table = synthetic_table(rows, args.synthetic_points, datasets.country())
        return table, float(np.sum(table.columns["capacity_mw"].to_numpy()))
    rows = rows[: args.limit]
    return _table(rows), float(sum(f.capacity_mw for f in rows))


def get_facilities_for_geospatial(
    args: FacilitiesArgs, datasets: Datasets, handles: Callable[[], HandleStore] | None = None
) -> FacilitiesResult:
    """Solar plants as an entity table (columns name, capacity_mw, uf, municipality), largest first.

    Filters by capacity bounds (min / max, each strict or not) and UF codes, then keeps the first
    `limit` rows. With
    synthetic_points > 0 (benchmarks), returns exactly that many seeded jittered copies of the
    filtered plants instead (limit does not apply). With as_handle the table goes to the handle
    store in the binary columnar form and only its handle is returned."""
    if args.as_handle:
        columns = _columns(args, datasets)
        handle = publish_columns((handles or LazyHandleStore())(), columns)
        caps = columns.columns["capacity_mw"].to_numpy()
        total = float(np.sum(caps)) if columns.synthetic else float(sum(caps.tolist()))  # as inline
        return FacilitiesResult(
            country=COUNTRY, dataset=args.dataset, count=columns.count, total_capacity_mw=total, handle=handle
        )
    table, total = _entities(args, datasets)
    return FacilitiesResult(
        country=COUNTRY,
        dataset=args.dataset,
        count=table.count,
        total_capacity_mw=total,
        entities=table,
    )


def by_state(table: EntityTable) -> list[StateSummary]:
    """Count and capacity per UF, largest capacity first (ties by UF code)."""
    totals: dict[str, tuple[int, float]] = {}
    for uf, cap in zip(table.column("uf"), table.columns["capacity_mw"].to_numpy().tolist(), strict=True):
        key = str(uf) if uf is not None else "??"
        n, mw = totals.get(key, (0, 0.0))
        totals[key] = (n + 1, mw + cap)
    ordered = sorted(totals.items(), key=lambda kv: (-kv[1][1], kv[0]))
    return [StateSummary(uf=uf, count=n, capacity_mw=mw) for uf, (n, mw) in ordered]


def get_solar_facilities_map_data(args: FacilitiesArgs, datasets: Datasets) -> SolarMapResult:
    """Solar plants as map features plus a per-state summary (by_state sorted by capacity, desc).

    Same arguments and row selection as GetFacilitiesForGeospatial."""
    table, total = _entities(args, datasets)
    return SolarMapResult(
        country=COUNTRY,
        dataset=args.dataset,
        count=table.count,
        total_capacity_mw=total,
        by_state=by_state(table),
        features=table,
    )


def build_server(settings: Settings | None = None) -> FastMCP[Any]:
    """The solar server; its datasets come from `settings` (read at start when not given)."""
    server = make_server(
        SERVER_NAME,
        SERVER_VERSION,
        "Brazilian solar power plants (ANEEL SIGA 2025 by default; ANEEL SIGEL 2015 and WRI GPPD "
        "v1.3.0 on request) as compact entity tables for geospatial analysis.",
        lifespan=state_lifespan(lambda: Datasets.from_settings(settings or Settings())),
    )
    handles = LazyHandleStore(settings)

    def facilities(args: FacilitiesArgs, datasets: Datasets) -> FacilitiesResult:
        return get_facilities_for_geospatial(args, datasets, handles)

    facilities.__doc__ = get_facilities_for_geospatial.__doc__

    add_model_tool(
        server,
        "GetFacilitiesForGeospatial",
        FacilitiesArgs,
        FacilitiesResult,
        facilities,
        title="Solar plants as an entity table",
    )
    add_model_tool(
        server,
        "GetSolarFacilitiesMapData",
        FacilitiesArgs,
        SolarMapResult,
        get_solar_facilities_map_data,
        title="Solar plants map data with per-state totals",
    )
    return server


def main(argv: Sequence[str] | None = None) -> None:
    run(build_server(Settings()), argv)
