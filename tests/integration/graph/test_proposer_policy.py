"""Issue 14: a weak LLM must not make answers worse. The scripted server stands in for a model that
ALWAYS proposes a legal but wrong edge (`tests/support/policy_llm.wrong_edge_responder`, which reads
the legal edges from the request whatever structured form it uses). Under the default `tie_breaker`
policy every unambiguous question of the development set stays right; under `primary` the same model
gets the questions it is asked about wrong (so the first test can fail).

The dev-set run covers every record (thread / history / single); "unambiguous" = a record with one
acceptable route (244 of 247; the other 3 accept two recipes). Grading is `tests/devset/grade.grade`.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from planexec.nodes.context import ChatContext
from planexec.schemas.settings import Settings
from planexec.tools.client.hub import ToolHub
from tests.devset import grade
from tests.support.llm_chat import scripted_context
from tests.support.openai_server import ScriptedOpenAIServer
from tests.support.policy_llm import expected_routes, run_record, wrong_edge_responder

pytestmark = pytest.mark.integration
RECORDS = grade.load()
UNSURE_QUERY = "show me solar plants close to something"  # solar_map scores 0.55: the rules are unsure
EXPECTED = {**expected_routes(RECORDS), UNSURE_QUERY: ["solar_map"]}
SAMPLE_PER_KIND = 3
SEED = 14


@pytest.fixture
def wrong_llm(openai_server: ScriptedOpenAIServer) -> Iterator[ScriptedOpenAIServer]:
    openai_server.respond_with(wrong_edge_responder(EXPECTED))
    yield openai_server
    openai_server.respond_with(None)


def _context(hub: ToolHub, server: ScriptedOpenAIServer, policy: str, home: Path) -> ChatContext:
    return scripted_context(hub, server, policy=policy, settings=Settings(home=home, checkpoint_url=None))


async def _run(
    records: Sequence[dict[str, Any]], hub: ToolHub, server: ScriptedOpenAIServer, policy: str, home: Path
) -> list[tuple[dict[str, Any], list[str], list[dict[str, Any]]]]:
    """(record, grading problems, the final turn's route proposals) per record."""
    out = []
    for record in records:
        responses = await run_record(record, _context(hub, server, policy, home))
        meta = responses[-1].get("metadata") or {}
        routes = [p for p in meta.get("proposals") or [] if p["phase"] == "route"]
        out.append((record, grade.grade(record, responses), routes))
    return out


def _stratified(records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        by_kind.setdefault(record["kind"], []).append(record)
    rng = random.Random(SEED)
    return [
        r
        for kind in sorted(by_kind)
        for r in rng.sample(by_kind[kind], min(SAMPLE_PER_KIND, len(by_kind[kind])))
    ]


async def test_tie_breaker_keeps_every_unambiguous_devset_question_right(
    hub: ToolHub, wrong_llm: ScriptedOpenAIServer, tmp_path: Path
) -> None:
    results = await _run(RECORDS, hub, wrong_llm, "tie_breaker", tmp_path)
    unambiguous = [(r, problems) for r, problems, _ in results if len(r["routes"]) == 1]
    wrong = [f"{r['id']} {r['messages'][-1]!r}: {problems}" for r, problems in unambiguous if problems]
    assert len(unambiguous) >= 240 and not wrong, "\n".join(wrong)
    asked = [r["id"] for r, _, routes in results for p in routes if p["asked_llm"]]
    assert asked == []  # the rules are sure of every dev-set route: the wrong model was never asked
    assert wrong_llm.request_count > 0  # ...but it was there (narration)


async def test_primary_with_the_same_llm_gets_the_routable_questions_wrong(
    hub: ToolHub, wrong_llm: ScriptedOpenAIServer, tmp_path: Path
) -> None:
    results = await _run(_stratified(RECORDS), hub, wrong_llm, "primary", tmp_path)
    routable = [(r, problems) for r, problems, routes in results if len(routes[-1]["legal_edges"]) > 1]
    assert len(routable) >= 20
    still_right = [r["id"] for r, problems in routable if not problems]
    assert still_right == [], "the always-wrong model should have changed these answers"


async def test_primary_records_both_sides(
    hub: ToolHub, wrong_llm: ScriptedOpenAIServer, tmp_path: Path
) -> None:
    record = next(r for r in RECORDS if r["id"] == "heat_quintiles-001")
    ((_, _, routes),) = await _run([record], hub, wrong_llm, "primary", tmp_path)
    route = routes[-1]
    assert (route["policy"], route["asked_llm"], route["chosen_by"]) == ("primary", True, "llm")
    assert (
        route["rules_edge"] == "spatial_correlation"
        and route["llm_edge"] == route["edge"] != "spatial_correlation"
    )
    assert route["offered_edges"] == route["legal_edges"]


async def test_tie_breaker_records_a_sure_decision_without_asking(
    hub: ToolHub, wrong_llm: ScriptedOpenAIServer, tmp_path: Path
) -> None:
    record = next(r for r in RECORDS if r["id"] == "heat_quintiles-001")
    ((_, problems, routes),) = await _run([record], hub, wrong_llm, "tie_breaker", tmp_path)
    route = routes[-1]
    assert (route["policy"], route["asked_llm"], route["chosen_by"]) == ("tie_breaker", False, "rules")
    assert route["rules_edge"] == route["edge"] == "spatial_correlation" and route["llm_edge"] is None
    assert route["unsure"] == [] and route["offered_edges"] == [] and problems == []


async def test_tie_breaker_asks_the_llm_when_the_rules_are_unsure(
    hub: ToolHub, wrong_llm: ScriptedOpenAIServer, tmp_path: Path
) -> None:
    record = {"id": "unsure", "messages": [UNSURE_QUERY], "mode": "single"}
    responses = await run_record(record, _context(hub, wrong_llm, "tie_breaker", tmp_path))
    meta = responses[-1]["metadata"]
    route = next(p for p in meta["proposals"] if p["phase"] == "route")
    assert route["asked_llm"] and route["chosen_by"] == "llm" and "low_score" in route["unsure"]
    assert route["rules_edge"] == "solar_map" and route["llm_edge"] == route["edge"] != "solar_map"
    assert set(route["offered_edges"]) <= set(route["legal_edges"])
    assert meta["flags"]["llm_proposals"] == sum(p["chosen_by"] == "llm" for p in meta["proposals"])
