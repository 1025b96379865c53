"""Isolation: concurrent runs that share a correlation_session_id never see each other's data.

Eight mixed questions (heat, deforestation, maps) run concurrently through the Python API in one
process (one shared hub, one geospatial server), all with the same `correlation_session_id`, 20
rounds, with the result cache off so every round really registers and joins. Every answer's
numbers — and the plants drawn on its map — must equal the independent oracle (tests/support/truth.py).
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from planexec.graph.api import process_chat_query, stream_chat_query
from planexec.graph.chat import graph as module_graph
from planexec.nodes.context import ChatContext
from planexec.tools.client.hub import ToolHub
from planexec.tools.stores.artifacts import ArtifactStore
from planexec.tools.stores.blob_backends import MemoryBackend
from planexec.tools.stores.result_cache import ResultCache
from tests.support import truth

pytestmark = pytest.mark.integration

ROUNDS = 20
SHARED_SESSION = "one-session-for-everyone"
CORRELATIONS: list[tuple[str, Callable[[], truth.Truth]]] = [
    ("solar facilities within 1 km of extreme heat zones in Brazil", lambda: truth.heat_proximity(1.0)),
    (
        "solar plants near deforestation areas within 5 km",
        lambda: truth.deforestation_proximity(5.0, min_increment_km2=None),
    ),
    ("solar facilities within 3 km of extreme heat zones in Brazil", lambda: truth.heat_proximity(3.0)),
    (
        "solar plants within 1 km of deforestation areas",
        lambda: truth.deforestation_proximity(1.0, min_increment_km2=None),
    ),
]
MAPS: list[tuple[str, Callable[[], truth.Truth]]] = [
    ("map of solar plants in Bahia", lambda: truth.solar_map(states=["BA"])),
    ("map of solar plants in Minas Gerais", lambda: truth.solar_map(states=["MG"])),
    ("map of solar plants in Bahia", lambda: truth.solar_map(states=["BA"])),
    ("map of solar plants in Minas Gerais", lambda: truth.solar_map(states=["MG"])),
]


@pytest.fixture
def uncached(hub: ToolHub) -> ChatContext:
    """The shared hub, no result cache hits (every entry expires at once): the servers really work."""
    backend = MemoryBackend()
    cache = ResultCache(backend, ttl_s=-1.0)
    return ChatContext(hub=hub, store=ArtifactStore(backend), cache=cache, use_llm=False)


def _map_features(response: dict[str, Any]) -> list[dict[str, Any]]:
    (geo,) = [m for m in response["modules"] if m["type"] == "map"]
    return list(json.loads(Path(geo["geojson_path"]).read_text())["features"])


def _check_correlation(response: dict[str, Any], expected: truth.Truth) -> list[str]:
    meta, problems = response["metadata"], []
    counts = meta["counts"]
    if meta["flags"]["partial"] or counts.get("plants_matched") != expected.count:
        problems.append(f"partial={meta['flags']['partial']} matched={counts.get('plants_matched')}")
    if counts.get("plants_total") != 788:
        problems.append(f"plants_total={counts.get('plants_total')}")
    features = _map_features(response)
    kinds = Counter(f["properties"]["entity_type"] for f in features)
    drawn = {  # matched plants are flagged (pair lines exist only for plants outside their zone)
        f["properties"]["id"]
        for f in features
        if f["properties"]["entity_type"] == "solar_facility" and f["properties"].get("matched")
    }
    lines = {
        f["properties"]["left_id"] for f in features if f["properties"]["entity_type"] == "correlation_pair"
    }
    if not lines <= drawn:
        problems.append(f"pair lines for unmatched plants: {sorted(lines - drawn)[:5]}")
    if kinds["solar_facility"] != 788 or drawn != set(expected.ids):
        problems.append(f"map: {dict(kinds)}, {len(drawn)} matched plants drawn")
    return problems


def _check_map(response: dict[str, Any], expected: truth.Truth) -> list[str]:
    meta, problems = response["metadata"], []
    if meta["flags"]["partial"] or meta["counts"].get("plants") != expected.count:
        problems.append(f"partial={meta['flags']['partial']} plants={meta['counts'].get('plants')}")
    features = _map_features(response)
    kinds = Counter(f["properties"]["entity_type"] for f in features)
    drawn = {f["properties"]["id"] for f in features if f["properties"]["entity_type"] == "solar_facility"}
    if drawn != set(expected.ids) or set(kinds) != {"solar_facility"}:
        problems.append(f"map draws {dict(kinds)}")
    return problems


async def _round(context: ChatContext) -> list[str]:
    questions = [(q, t, _check_correlation) for q, t in CORRELATIONS] + [(q, t, _check_map) for q, t in MAPS]
    responses = await asyncio.gather(
        *(
            process_chat_query(
                q, correlation_session_id=SHARED_SESSION, context=context, checkpoint_url="memory://"
            )
            for q, _, _ in questions
        )
    )
    problems = []
    for (question, expected, check), response in zip(questions, responses, strict=True):
        assert response["metadata"]["correlation_session_id"] == SHARED_SESSION
        problems += [f"{question!r}: {p}" for p in check(response, expected())]
    return problems


async def test_eight_concurrent_queries_sharing_one_session_are_all_correct(uncached: ChatContext) -> None:
    problems: list[str] = []
    for _ in range(ROUNDS):
        problems += await _round(uncached)
    assert problems == [], f"{len(problems)} wrong answers of {ROUNDS * 8}: {problems[:5]}"


async def test_geospatial_sessions_are_unique_per_run(context: ChatContext) -> None:
    question = "map of solar plants in Bahia"
    first, second = await asyncio.gather(
        *(process_chat_query(question, correlation_session_id="s", context=context) for _ in range(2))
    )
    sessions = [r["metadata"]["plan"][1]["args"]["session_id"] for r in (first, second)]
    assert sessions[0] != sessions[1] and all(s.startswith("s:") for s in sessions)
    assert _map_features(first) and Path(_map_features_path(first)) != Path(_map_features_path(second))


def _map_features_path(response: dict[str, Any]) -> str:
    (geo,) = [m for m in response["modules"] if m["type"] == "map"]
    return str(geo["geojson_path"])


async def test_module_graph_runs_without_context_do_not_collide() -> None:
    """langgraph.json's graph (no checkpointer, no context: defaults from Settings) run twice at once."""
    runs = [
        ("solar facilities within 1 km of extreme heat zones in Brazil", truth.heat_proximity(1.0)),
        (
            "solar plants near deforestation areas within 5 km",
            truth.deforestation_proximity(5.0, min_increment_km2=None),
        ),
    ]
    outputs = await asyncio.gather(*(module_graph.ainvoke({"query": q}) for q, _ in runs))
    for (_, expected), output in zip(runs, outputs, strict=True):
        assert all(r.status == "ok" for r in output["step_results"].values())
        assert output["facts_summary"].facts["plants_matched"] == expected.count


async def test_first_stream_event_carries_the_thread_id(context: ChatContext) -> None:
    events = [
        e
        async for e in stream_chat_query(
            "map of solar plants in Bahia", context=context, checkpoint_url="memory://", thread_id="t-first"
        )
    ]
    assert events[0]["type"] == "thinking" and events[0]["thread_id"] == "t-first"
    assert events[-1]["response"]["metadata"]["thread_id"] == "t-first"
