"""Deforestation MCP server: Legal Amazon municipality areas (PRODES 2015, MapBiomas loss).

python -m planexec.tools.servers.deforestation              # stdio
python -m planexec.tools.servers.deforestation --http --port 8103

State: the server's `Datasets` (lifespan context), built from Settings at start.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from mcp.server.fastmcp import FastMCP

from planexec.schemas.entities import EntityTable
from planexec.schemas.settings import Settings
from planexec.schemas.tools.deforestation import DeforestationAreasResult, DeforestationArgs
from planexec.tools.servers.common import make_server, run, state_lifespan
from planexec.tools.servers.datasets.loaders import (
    LEGAL_AMAZON_UFS,
    Datasets,
    DeforestationArea,
    normalise_ufs,
)
from planexec.tools.servers.model_tools import add_model_tool
from planexec.tools.stores.handle_store import HandleStore, LazyHandleStore, publish_table

SERVER_NAME = "deforestation"
SERVER_VERSION = "1.0.0"


def _above(value: float, floor: float | None, strict: bool) -> bool:
    return floor is None or value > floor or (not strict and value == floor)


def select_areas(
    datasets: Datasets,
    min_increment_km2: float | None,
    limit: int,
    states: list[str] | None,
    strict: bool = False,
) -> list[DeforestationArea]:
    """Areas passing the filters (increment >= the floor, > when `strict`; every area without a floor),
    largest 2014-2015 increment first (ties by IBGE code)."""
    ufs = normalise_ufs(states, allowed=LEGAL_AMAZON_UFS)
    areas = [
        a
        for a in datasets.deforestation_areas()
        if _above(a.increment_km2, min_increment_km2, strict) and (ufs is None or a.uf in ufs)
    ]
    areas.sort(key=lambda a: (-a.increment_km2, a.ibge_code))
    return areas[:limit]


def areas_table(areas: Sequence[DeforestationArea]) -> EntityTable:
    return EntityTable.build(
        "deforestation_area",
        ids=[f"IBGE-{a.ibge_code}" for a in areas],
        lon=[a.lon for a in areas],
        lat=[a.lat for a in areas],
        geometry_wkt=[a.geometry_wkt for a in areas],
        columns={
            "municipality": [a.municipality for a in areas],
            "uf": [a.uf for a in areas],
            "ibge_code": [a.ibge_code for a in areas],
            "deforested_cumulative_km2": [a.deforested_cumulative_km2 for a in areas],
            "increment_km2": [a.increment_km2 for a in areas],
            "deforested_pct_of_area": [a.deforested_pct_of_area for a in areas],
            "natveg_loss_pct": [a.natveg_loss_pct for a in areas],
        },
    )


def get_deforestation_areas(
    args: DeforestationArgs, datasets: Datasets, handles: Callable[[], HandleStore] | None = None
) -> DeforestationAreasResult:
    """Legal Amazon municipality areas with PRODES deforestation, largest 2014-2015 increment first.

    Geometry approximates each municipality (Voronoi cell of INPE's reference point within its
    UF). Columns: municipality, uf, ibge_code, deforested_cumulative_km2, increment_km2,
    deforested_pct_of_area, natveg_loss_pct (MapBiomas 2000-2020 loss, % of area; NaN if absent).
    With as_handle, the table goes to the shared handle store and `handle` replaces `entities`."""
    areas = select_areas(datasets, args.min_increment_km2, args.limit, args.states, args.min_increment_strict)
    table = areas_table(areas)
    handle = publish_table((handles or LazyHandleStore())(), table) if args.as_handle else None
    return DeforestationAreasResult(
        count=len(areas),
        total_increment_km2=float(sum(a.increment_km2 for a in areas)),
        entities=None if handle is not None else table,
        handle=handle,
    )


def build_server(settings: Settings | None = None) -> FastMCP[Any]:
    """The deforestation server; its datasets come from `settings` (read at start when not given)."""
    server = make_server(
        SERVER_NAME,
        SERVER_VERSION,
        "Deforestation in Brazil's Legal Amazon by municipality: INPE PRODES 2015 (cumulative and "
        "2014-2015 increment) and MapBiomas natural-vegetation loss 2000-2020, with approximate areas.",
        lifespan=state_lifespan(lambda: Datasets.from_settings(settings or Settings())),
    )
    handles = LazyHandleStore(settings)

    def areas(args: DeforestationArgs, datasets: Datasets) -> DeforestationAreasResult:
        return get_deforestation_areas(args, datasets, handles)

    areas.__doc__ = get_deforestation_areas.__doc__
    add_model_tool(
        server,
        "GetDeforestationAreas",
        DeforestationArgs,
        DeforestationAreasResult,
        areas,
        title="Deforestation areas",
    )
    return server


def main(argv: Sequence[str] | None = None) -> None:
    run(build_server(Settings()), argv)
