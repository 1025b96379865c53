"""Heat MCP server: heat-stress zones (Voronoi cells of INMET 1991-2020 stations, by quintile).

python -m planexec.tools.servers.heat              # stdio
python -m planexec.tools.servers.heat --http --port 8102

State: the server's `Datasets` (lifespan context), built from Settings at start.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from mcp.server.fastmcp import FastMCP

from planexec.schemas.entities import EntityTable
from planexec.schemas.settings import Settings
from planexec.schemas.tools.heat import HeatQuintilesArgs, HeatZonesResult
from planexec.tools.servers.common import make_server, run, state_lifespan
from planexec.tools.servers.datasets.loaders import Datasets, HeatZone
from planexec.tools.servers.model_tools import add_model_tool
from planexec.tools.stores.handle_store import HandleStore, LazyHandleStore, publish_table

SERVER_NAME = "heat"
SERVER_VERSION = "1.0.0"


def check_quintiles(quintiles: Sequence[int]) -> list[int]:
    """Sorted distinct quintiles; ValueError when empty or outside 1..5."""
    if not quintiles:
        raise ValueError("quintiles must name at least one quintile between 1 and 5")
    bad = [q for q in quintiles if not 1 <= q <= 5]
    if bad:
        raise ValueError(f"quintile(s) {bad} out of range; quintiles run from 1 (coolest) to 5 (hottest)")
    return sorted(set(quintiles))


def select_zones(datasets: Datasets, quintiles: Sequence[int], limit: int) -> list[HeatZone]:
    """Zones of the quintiles, hottest first (by Tmax of the hottest month, ties by station code)."""
    wanted = set(check_quintiles(quintiles))
    zones = [z for z in datasets.heat_zones() if z.quintile in wanted]
    zones.sort(key=lambda z: (-z.tmax_hottest_month_c, z.station_code))
    return zones[:limit]


def zones_table(zones: Sequence[HeatZone]) -> EntityTable:
    return EntityTable.build(
        "heat_zone",
        ids=[f"INMET-{z.station_code}" for z in zones],
        lon=[z.lon for z in zones],
        lat=[z.lat for z in zones],
        geometry_wkt=[z.geometry_wkt for z in zones],
        columns={
            "station_code": [z.station_code for z in zones],
            "station_name": [z.station_name for z in zones],
            "uf": [z.uf for z in zones],
            "tmax_hottest_month_c": [z.tmax_hottest_month_c for z in zones],
            "heat_index_c": [z.heat_index_c for z in zones],
            "quintile": [float(z.quintile) for z in zones],
        },
    )


def get_heat_quintiles_for_geospatial(
    args: HeatQuintilesArgs, datasets: Datasets, handles: Callable[[], HandleStore] | None = None
) -> HeatZonesResult:
    """Heat-stress zones of the given quintiles as an entity table with polygons.

    Each zone is the Voronoi cell of an INMET station (1991-2020 normals) clipped to Brazil;
    lon/lat is the station. Quintiles rank the hottest-month mean daily maximum (5 = hottest).
    Columns: station_code, station_name, uf, tmax_hottest_month_c, heat_index_c, quintile.
    With as_handle, the table goes to the shared handle store and `handle` replaces `entities`."""
    chosen = check_quintiles(args.quintiles)
    table = zones_table(select_zones(datasets, chosen, args.limit))
    if not args.as_handle:
        return HeatZonesResult(quintiles=chosen, count=table.count, entities=table)
    handle = publish_table((handles or LazyHandleStore())(), table)
    return HeatZonesResult(quintiles=chosen, count=table.count, handle=handle)


def build_server(settings: Settings | None = None) -> FastMCP[Any]:
    """The heat server; its datasets come from `settings` (read at start when not given)."""
    server = make_server(
        SERVER_NAME,
        SERVER_VERSION,
        "Heat-stress zones of Brazil from INMET 1991-2020 climate normals (Voronoi cells of the "
        "stations, ranked into quintiles of hottest-month Tmax).",
        lifespan=state_lifespan(lambda: Datasets.from_settings(settings or Settings())),
    )
    handles = LazyHandleStore(settings)

    def zones(args: HeatQuintilesArgs, datasets: Datasets) -> HeatZonesResult:
        return get_heat_quintiles_for_geospatial(args, datasets, handles)

    zones.__doc__ = get_heat_quintiles_for_geospatial.__doc__
    add_model_tool(
        server,
        "GetHeatQuintilesForGeospatial",
        HeatQuintilesArgs,
        HeatZonesResult,
        zones,
        title="Heat-stress zones by quintile",
    )
    return server


def main(argv: Sequence[str] | None = None) -> None:
    run(build_server(Settings()), argv)
