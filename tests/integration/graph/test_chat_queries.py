"""The four demo queries, offline (rule proposer, template narration), through real MCP servers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from planexec.graph.api import process_chat_query
from planexec.nodes.context import ChatContext
from planexec.tools.servers.datasets.loaders import load_solar

pytestmark = pytest.mark.integration

TIMELINE_FIELDS = {
    "ts",
    "event",
    "call_id",
    "server",
    "tool",
    "args_preview",
    "status",
    "result_keys",
    "duration_ms",
    "attempt",
    "cache_hit",
    "tool_version",
    "schema_version",
}


async def _ask(context: ChatContext, query: str, **kw: Any) -> dict[str, Any]:
    return await process_chat_query(query, context=context, checkpoint_url="memory://", **kw)


def _modules(response: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [m for m in response["modules"] if m["type"] == kind]


def _assert_complete_timeline(response: dict[str, Any]) -> None:
    meta = response["metadata"]
    timeline = meta["decision_timeline"]
    starts = [e for e in timeline if e["event"] == "tool_start"]
    ends = [e for e in timeline if e["event"] == "tool_end"]
    assert len(starts) == len(ends) == len(meta["plan"])
    assert {e["call_id"] for e in starts} == {e["call_id"] for e in ends}
    for event in timeline:
        assert set(event) >= TIMELINE_FIELDS
    for event in ends:
        assert event["status"] == "ok" and event["tool_version"] and event["result_keys"]
    assert all(step["status"] == "ok" for step in meta["plan"])


async def test_solar_within_1km_of_extreme_heat(context: ChatContext) -> None:
    response = await _ask(context, "solar facilities within 1 km of extreme heat zones in Brazil")
    meta = response["metadata"]
    assert meta["intent"] == "spatial_correlation"
    _assert_complete_timeline(response)
    counts = meta["counts"]
    assert counts["plants_total"] == 788 and counts["method"] == "proximity" and counts["distance_km"] == 1.0
    assert counts["quintiles"] == "5" and 0 < counts["plants_matched"] < 788
    by_state = _modules(response, "table")[0]
    assert sum(row[1] for row in by_state["rows"]) == counts["plants_matched"]
    chart = _modules(response, "chart")[0]
    assert chart["labels"] == ["Q5"] and abs(sum(chart["values"]) - counts["capacity_matched_mw"]) < 0.5
    geo = _modules(response, "map")[0]
    assert json.loads(Path(geo["geojson_path"]).read_text())["type"] == "FeatureCollection"
    assert response["modules"][0]["text"].startswith(f"{counts['plants_matched']} of 788 solar plants")


async def test_solar_near_deforestation_within_5km(context: ChatContext) -> None:
    response = await _ask(context, "solar plants near deforestation areas within 5 km")
    counts = response["metadata"]["counts"]
    assert response["metadata"]["intent"] == "spatial_correlation"
    assert counts["layer"] == "deforestation" and counts["distance_km"] == 5.0
    assert 0 < counts["plants_matched"] < counts["plants_total"] == 788
    _assert_complete_timeline(response)
    assert _modules(response, "map") and _modules(response, "chart")


async def test_map_of_solar_plants_in_bahia(context: ChatContext) -> None:
    response = await _ask(context, "map of solar plants in Bahia")
    counts = response["metadata"]["counts"]
    bahia = sum(1 for plant in load_solar() if plant.uf == "BA")
    assert response["metadata"]["intent"] == "solar_map"
    assert counts["top_state"] == "BA" and counts["states"] == 1
    assert counts["plants"] == bahia > 0
    _assert_complete_timeline(response)
    assert _modules(response, "map")[0]["feature_count"] == counts["plants"]


async def test_paris_agreement_on_adaptation(context: ChatContext) -> None:
    response = await _ask(context, "what does the Paris Agreement say about adaptation?")
    assert response["metadata"]["intent"] == "policy_summary"
    _assert_complete_timeline(response)
    citations = _modules(response, "table")[0]["rows"]
    assert citations and citations[0][1].startswith("Art. 7")
    assert "Art. 7" in response["modules"][0]["text"]


async def test_portuguese_query_is_answered_in_portuguese(context: ChatContext) -> None:
    response = await _ask(context, "usinas solares a menos de 1 km de zonas de calor extremo")
    assert response["modules"][0]["heading"] == "Resumo"
    assert "usinas solares" in response["modules"][0]["text"]


async def test_second_identical_query_is_served_from_the_result_cache(context: ChatContext) -> None:
    await _ask(context, "what does the Paris Agreement say about adaptation?")
    again = await _ask(context, "what does the Paris Agreement say about adaptation?")
    assert again["metadata"]["plan"][0]["cache_hit"] is True
    assert again["metadata"]["decision_timeline"][-1]["cache_hit"] is True
