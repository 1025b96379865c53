"""Export the JSON Schema of every boundary contract to schemas/json/<name>-<version>.json.

Run `python -m planexec.schemas.export` after changing a contract; a test checks the committed files match.
(The drafting section schema has its own exporter: `python -m planexec.schemas.drafting_section`.)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from planexec.schemas import (
    calls,
    chat_http,
    drafting_response,
    events,
    handles,
    modules,
    plan,
    proposals,
    response,
    slots,
    steps,
    usage,
)
from planexec.schemas.base import SCHEMA_VERSION
from planexec.schemas.tools import deforestation, geospatial, heat, policy, solar

JSON_DIR = Path(__file__).resolve().parent / "json"

CONTRACTS: dict[str, type[BaseModel]] = {
    "tool_solar_facilities_args": solar.FacilitiesArgs,
    "tool_solar_facilities_result": solar.FacilitiesResult,
    "tool_solar_map_result": solar.SolarMapResult,
    "tool_heat_args": heat.HeatQuintilesArgs,
    "tool_heat_result": heat.HeatZonesResult,
    "tool_deforestation_args": deforestation.DeforestationArgs,
    "tool_deforestation_result": deforestation.DeforestationAreasResult,
    "tool_geo_register_args": geospatial.RegisterEntitiesArgs,
    "tool_geo_register_result": geospatial.RegisterResult,
    "tool_geo_correlate_args": geospatial.FindCorrelationsArgs,
    "tool_geo_correlate_result": geospatial.CorrelationResult,
    "tool_geo_map_args": geospatial.MapArgs,
    "tool_geo_map_result": geospatial.MapResult,
    "tool_geo_session_summary": geospatial.SessionSummary,
    "tool_policy_search_args": policy.SearchPassagesArgs,
    "tool_policy_search_result": policy.PassageSearchResult,
    "tool_policy_passage": policy.Passage,
    "plan": plan.Plan,
    "timeline_event": calls.TimelineEvent,
    "data_handle": handles.DataHandle,
    "call_meta": calls.CallMeta,
    "step_result": steps.StepResult,
    "understanding": slots.Understanding,
    "situation": proposals.Situation,
    "proposal_record": proposals.ProposalRecord,
    "facts_summary": modules.FactsSummary,
    "module_text": modules.TextModule,
    "module_table": modules.TableModule,
    "module_map": modules.MapModule,
    "module_chart": modules.ChartModule,
    "event_thinking": events.ThinkingEvent,
    "event_facts_summary": events.FactsSummaryEvent,
    "event_complete": events.CompleteEvent,
    "event_error": events.ErrorEvent,
    "event_section": events.SectionEvent,
    "event_interrupt": events.InterruptEvent,
    "event_draft_complete": events.DraftCompleteEvent,
    "chat_response": response.ChatResponse,
    "draft_response": drafting_response.DraftResponse,
    "token_usage": usage.TokenUsage,
    "chat_request": chat_http.ChatRequest,
    "resume_request": chat_http.ResumeRequest,
}


def json_schema(name: str) -> dict[str, Any]:
    schema = CONTRACTS[name].model_json_schema()
    schema["$id"] = f"planexec/{name}/{SCHEMA_VERSION}"
    schema["x-schema-name"] = name
    schema["x-schema-version"] = SCHEMA_VERSION
    return schema


def schema_path(name: str, folder: Path = JSON_DIR) -> Path:
    return folder / f"{name}-{SCHEMA_VERSION}.json"


def export_all(folder: Path = JSON_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in CONTRACTS:
        path = schema_path(name, folder)
        path.write_text(json.dumps(json_schema(name), indent=2, sort_keys=True) + "\n", encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in export_all():
        print(written_path)
