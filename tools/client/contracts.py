"""Tool contracts pinned in code: (server, tool) -> (args model, result model).

The hub validates arguments against the args model before sending, and validates a
tool's structuredContent against the result model after it returns. A result that does
not match is reported as `invalid` and never passed on.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from planexec.schemas.tools import deforestation, geospatial, heat, policy, solar


@dataclass(frozen=True)
class ToolContract:
    server: str
    tool: str
    args: type[BaseModel]
    result: type[BaseModel]
    cacheable: bool = True
    """Pure reads may be served from the result cache; stateful tools (sessions) may not."""


_PINNED: tuple[ToolContract, ...] = (
    ToolContract("solar", "GetFacilitiesForGeospatial", solar.FacilitiesArgs, solar.FacilitiesResult),
    ToolContract("solar", "GetSolarFacilitiesMapData", solar.FacilitiesArgs, solar.SolarMapResult),
    ToolContract("heat", "GetHeatQuintilesForGeospatial", heat.HeatQuintilesArgs, heat.HeatZonesResult),
    ToolContract(
        "deforestation",
        "GetDeforestationAreas",
        deforestation.DeforestationArgs,
        deforestation.DeforestationAreasResult,
    ),
    ToolContract(
        "geospatial",
        "RegisterEntities",
        geospatial.RegisterEntitiesArgs,
        geospatial.RegisterResult,
        cacheable=False,
    ),
    ToolContract(
        "geospatial",
        "FindSpatialCorrelations",
        geospatial.FindCorrelationsArgs,
        geospatial.CorrelationResult,
        cacheable=False,
    ),
    ToolContract("geospatial", "GenerateCorrelationMap", geospatial.MapArgs, geospatial.MapResult, False),
    ToolContract("geospatial", "GetSessionSummary", geospatial.SessionArgs, geospatial.SessionSummary, False),
    ToolContract("policy", "SearchPassages", policy.SearchPassagesArgs, policy.PassageSearchResult),
    ToolContract("policy", "GetPassage", policy.GetPassageArgs, policy.Passage),
)

CONTRACTS: dict[tuple[str, str], ToolContract] = {(c.server, c.tool): c for c in _PINNED}


def get_contract(server: str, tool: str) -> ToolContract | None:
    """The pinned contract of a tool, or None for tools planexec has no contract for."""
    return CONTRACTS.get((server, tool))
