"""POST /chat/resume (and /chat/resume/stream): status codes when there is nothing to resume."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from planexec.app.server import build_app
from planexec.nodes.context import ChatContext
from tests.integration.graph.conftest import artifact_dir, context, hub  # noqa: F401  (shared fixtures)
from tests.support.uvicorn_server import serving

pytestmark = pytest.mark.integration


@pytest.fixture
def base_url(context: ChatContext, tmp_path: Path) -> Iterator[str]:  # noqa: F811
    with serving(build_app(context, f"sqlite:///{tmp_path / 'checkpoints.sqlite'}")) as url:
        yield url


def test_resume_statuses(base_url: str) -> None:
    answer = httpx.post(f"{base_url}/chat", json={"query": "map of solar plants in Bahia"}, timeout=60)
    thread_id = answer.json()["metadata"]["thread_id"]
    finished = httpx.post(f"{base_url}/chat/resume", json={"thread_id": thread_id}, timeout=60)
    assert finished.status_code == 409 and finished.json()["error"]["code"] == "nothing_to_resume"
    unknown = httpx.post(f"{base_url}/chat/resume", json={"thread_id": "nope"}, timeout=60)
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "thread_not_found"
    bad = httpx.post(f"{base_url}/chat/resume", json={"thread_id": "../x"}, timeout=60)
    assert bad.status_code == 400
    stream = httpx.post(f"{base_url}/chat/resume/stream", json={"thread_id": "nope"}, timeout=60)
    assert "event: error" in stream.text and "thread_not_found" in stream.text


def test_first_sse_event_carries_the_thread_id(base_url: str) -> None:
    reply = httpx.post(f"{base_url}/chat/stream", json={"query": "map of solar plants in Bahia"}, timeout=60)
    first = reply.text.split("\n\n")[0]
    assert first.startswith("event: thinking") and '"thread_id": "' in first
