"""POST /ag-ui as an AG-UI client sees it: every SSE event validates against the `ag-ui-protocol`
models, in a legal order (run → steps → state → text message → run finished)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from ag_ui.core import Event, EventType, RunAgentInput, UserMessage
from pydantic import TypeAdapter

from tests.integration.app.served import served
from tests.support import truth

pytestmark = pytest.mark.integration
EVENT = TypeAdapter(Event)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served(tmp_path_factory.mktemp("agui-home")) as (url, _):
        yield url


def _run(base: str, thread_id: str, text: str) -> list[Any]:
    run = RunAgentInput(
        thread_id=thread_id,
        run_id=f"run-{len(text)}",
        messages=[UserMessage(id="m1", role="user", content=text)],
        state={},
        tools=[],
        context=[],
        forwarded_props={},
    )
    body = run.model_dump(mode="json", by_alias=True, exclude_none=True)
    headers = {"Accept": "text/event-stream"}
    with httpx.stream("POST", f"{base}/ag-ui", json=body, headers=headers, timeout=180) as reply:
        assert reply.status_code == 200 and reply.headers["content-type"].startswith("text/event-stream")
        frames = [line[6:] for line in reply.iter_lines() if line.startswith("data: ")]
    return [EVENT.validate_json(frame) for frame in frames]


def _check_order(events: list[Any]) -> None:
    open_steps: list[str] = []
    for event in events:
        if event.type == EventType.STEP_STARTED:
            assert not open_steps, "a step started before the previous one finished"
            open_steps.append(event.step_name)
        elif event.type == EventType.STEP_FINISHED:
            assert open_steps.pop() == event.step_name
    assert not open_steps


def test_a_full_run_speaks_ag_ui(base: str) -> None:
    events = _run(base, "agui-thread-1", "solar facilities within 1 km of extreme heat zones in Brazil")
    kinds = [e.type for e in events]
    assert kinds[0] == EventType.RUN_STARTED and events[0].thread_id == "agui-thread-1"
    assert kinds[-1] == EventType.RUN_FINISHED and events[-1].run_id == events[0].run_id
    assert EventType.RUN_ERROR not in kinds
    assert kinds.count(EventType.STEP_STARTED) >= 3 and EventType.ACTIVITY_SNAPSHOT in kinds
    _check_order(events)
    start = kinds.index(EventType.TEXT_MESSAGE_START)
    assert kinds[start : start + 3] == [
        EventType.TEXT_MESSAGE_START,
        EventType.TEXT_MESSAGE_CONTENT,
        EventType.TEXT_MESSAGE_END,
    ]
    narration = events[start + 1].delta
    assert str(truth.heat_proximity(1.0).count) in narration
    snapshot = next(e for e in events if e.type == EventType.STATE_SNAPSHOT).snapshot
    assert snapshot["thread_id"] == "agui-thread-1"
    map_module = next(m for m in snapshot["modules"] if m["type"] == "map")
    assert map_module["geojson_url"].startswith("/artifacts/")
    facts = next(e for e in events if e.type == EventType.CUSTOM)
    assert facts.name == "facts_summary" and facts.value["facts"]["plants_matched"] == 196
    assert "file://" not in json.dumps([e.model_dump(mode="json") for e in events])


def test_a_follow_up_on_the_thread_and_errors_as_run_error(base: str) -> None:
    events = _run(base, "agui-thread-1", "what about 3 km?")
    text = next(e for e in events if e.type == EventType.TEXT_MESSAGE_CONTENT).delta
    assert str(truth.heat_proximity(3.0).count) in text
    bad = httpx.post(f"{base}/ag-ui", json={"threadId": "../x", "runId": "r", "messages": []}, timeout=30)
    assert bad.status_code == 400
    resumed = _run_resume(base, "never-seen")
    assert [e.type for e in resumed][-1] == EventType.RUN_ERROR
    assert resumed[-1].code == "thread_not_found"


def _run_resume(base: str, thread_id: str) -> list[Any]:
    body = {"threadId": thread_id, "runId": "r2", "messages": [], "state": {}, "tools": [], "context": []}
    body["resume"] = [{"interruptId": "turn", "status": "resolved"}]
    with httpx.stream("POST", f"{base}/ag-ui", json=body, timeout=60) as reply:
        assert reply.status_code == 200, reply.read()
        return [EVENT.validate_json(line[6:]) for line in reply.iter_lines() if line.startswith("data: ")]
