"""The scripted OpenAI server itself: routes, script queue, records, streaming, clean shutdown."""

from __future__ import annotations

import threading
import time

import httpx
import pytest

from tests.support.openai_server import ScriptedOpenAIServer, content, slow, tool_call

pytestmark = pytest.mark.integration


def test_models_route_and_unscripted_request() -> None:
    with ScriptedOpenAIServer() as server:
        with httpx.Client(base_url=server.base_url, timeout=5.0) as client:
            assert client.get("/models").json()["data"][0]["id"] == "scripted"
            answer = client.post("/chat/completions", json={"model": "m", "messages": []})
        assert answer.status_code == 500 and server.unscripted == 1
        assert server.bodies == [{"model": "m", "messages": []}]


def test_completion_tool_call_and_usage() -> None:
    with ScriptedOpenAIServer() as server:
        server.script(content("hello", usage=(3, 1)), tool_call({"a": 1}, name="f", usage=None))
        with httpx.Client(base_url=server.base_url, timeout=5.0) as client:
            first = client.post("/chat/completions", json={"messages": []}).json()
            second = client.post("/chat/completions", json={"messages": []}).json()
        assert first["choices"][0]["message"]["content"] == "hello"
        assert first["usage"] == {"prompt_tokens": 3, "completion_tokens": 1, "total_tokens": 4}
        call = second["choices"][0]["message"]["tool_calls"][0]["function"]
        assert call == {"name": "f", "arguments": '{"a": 1}'} and "usage" not in second
        assert server.pending == 0


def test_streaming_sends_sse_chunks_and_done() -> None:
    with ScriptedOpenAIServer() as server:
        server.script(content("a fairly long answer, split in chunks", usage=(5, 9)))
        body = {"messages": [], "stream": True, "stream_options": {"include_usage": True}}
        with httpx.Client(base_url=server.base_url, timeout=5.0) as client:
            text = client.post("/chat/completions", json=body).text
        events = [line[6:] for line in text.splitlines() if line.startswith("data: ")]
        assert events[-1] == "[DONE]" and '"total_tokens": 14' in events[-2] and len(events) > 4


def test_stop_does_not_wait_for_a_slow_answer() -> None:
    server = ScriptedOpenAIServer().start()
    server.script(slow(content("late"), 30.0))
    errors: list[BaseException] = []

    def call() -> None:
        try:
            httpx.post(f"{server.base_url}/chat/completions", json={"messages": []}, timeout=10.0)
        except httpx.HTTPError as exc:
            errors.append(exc)

    caller = threading.Thread(target=call)
    caller.start()
    deadline = time.monotonic() + 5.0
    while server.request_count == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    started = time.monotonic()
    server.stop()
    caller.join(timeout=10.0)
    assert time.monotonic() - started < 5.0 and not caller.is_alive()
    assert len(errors) == 1  # the connection closed with no answer
