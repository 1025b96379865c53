"""The reference chat backend as a real HTTP server on 127.0.0.1 (uvicorn), driven with httpx."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from planexec.app.server import build_app
from planexec.nodes.context import ChatContext
from tests.integration.graph.conftest import artifact_dir, context, hub  # noqa: F401  (shared fixtures)
from tests.support.uvicorn_server import serving

pytestmark = pytest.mark.integration
JSON = {"Content-Type": "application/json"}


@pytest.fixture
def base_url(context: ChatContext) -> Iterator[str]:  # noqa: F811
    with serving(build_app(context, "memory://")) as url:
        yield url


def test_health(base_url: str) -> None:
    assert httpx.get(f"{base_url}/healthz", timeout=10).json() == {"status": "ok"}


def test_chat_returns_the_response_dict(base_url: str) -> None:
    reply = httpx.post(f"{base_url}/chat", json={"query": "map of solar plants in Bahia"}, timeout=60)
    assert reply.status_code == 200
    body = reply.json()
    assert body["metadata"]["intent"] == "solar_map" and body["modules"]


def test_stream_sends_server_sent_events_in_order(base_url: str) -> None:
    kinds = []
    payload = {"query": "what does the Paris Agreement say about adaptation?", "target_language": "pt"}
    with httpx.stream("POST", f"{base_url}/chat/stream", json=payload, timeout=60) as reply:
        assert reply.headers["content-type"].startswith("text/event-stream")
        for line in reply.iter_lines():
            if line.startswith("data: "):
                kinds.append(json.loads(line[6:])["type"])
    assert kinds[-2:] == ["facts_summary", "complete"] and "thinking" in kinds


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (b"not json", "invalid_input"),
        (b'{"query": 5}', "query"),
        (b'{"q": "x"}', "query"),
        (b'{"query": "x", "target_language": "klingon"}', "klingon"),
    ],
)
def test_bad_requests_get_400_with_a_clear_message(base_url: str, body: bytes, fragment: str) -> None:
    reply = httpx.post(f"{base_url}/chat", content=body, headers=JSON, timeout=30)
    assert reply.status_code == 400
    assert fragment in json.dumps(reply.json())


def test_a_body_without_a_json_content_type_is_refused(base_url: str) -> None:
    reply = httpx.post(f"{base_url}/chat", content=b'{"query": "x"}', timeout=30)
    assert reply.status_code == 400 and "Content-Type: application/json" in reply.json()["error"]["message"]


def test_oversize_body_is_refused(base_url: str) -> None:
    reply = httpx.post(f"{base_url}/chat", content=b"x" * 300_000, timeout=30)
    assert reply.status_code == 413
