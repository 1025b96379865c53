"""LangSmith tracing is opt-in: with LANGSMITH_TRACING unset a query touches no tracer and no network.

The query below routes through the LLM proposer (a real ChatOpenAI talking HTTP to the scripted
server on 127.0.0.1) to `clarify`, so no MCP server is needed. Outgoing connections to anything
but the loopback interface fail the test, and constructing a LangSmith client or tracer is recorded.
With LANGSMITH_TRACING=true (and a key) the same query is traced: runs are posted to the
configured LangSmith endpoint, here a local recorder.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import langsmith
import pytest
from langchain_core.tracers import langchain as lc_tracers
from langsmith import run_trees
from langsmith import utils as ls_utils

from planexec.graph.api import process_chat_query
from planexec.nodes.context import ChatContext
from planexec.tools.stores.artifacts import ArtifactStore
from planexec.tools.stores.blob_backends import MemoryBackend
from planexec.tools.stores.result_cache import ResultCache
from tests.support.openai_server import ScriptedOpenAIServer, structured

LOOPBACK = {"127.0.0.1", "::1", "localhost"}
TRACING_VARS = (
    "LANGSMITH_TRACING",
    "LANGCHAIN_TRACING_V2",
    "LANGSMITH_TRACING_V2",
    "LANGCHAIN_TRACING",
    "LANGSMITH_API_KEY",
    "LANGCHAIN_API_KEY",
    "LANGSMITH_ENDPOINT",
    "LANGCHAIN_ENDPOINT",
)


@pytest.fixture
def remote_connects(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Fail (and record) every socket connection that leaves the loopback interface."""
    attempts: list[Any] = []
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def guard(address: Any) -> None:
        if isinstance(address, tuple) and str(address[0]) not in LOOPBACK:
            attempts.append(address)
            raise OSError(f"network access to {address!r} blocked by the test")

    def connect(self: socket.socket, address: Any) -> None:
        guard(address)
        real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        guard(address)
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    return attempts


@pytest.fixture
def langsmith_constructions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every LangSmith client and LangChain tracer built."""
    built: list[str] = []
    real_client, real_tracer = langsmith.Client.__init__, lc_tracers.LangChainTracer.__init__

    def client_init(self: Any, *args: Any, **kwargs: Any) -> None:
        built.append("langsmith.Client")
        real_client(self, *args, **kwargs)

    def tracer_init(self: Any, *args: Any, **kwargs: Any) -> None:
        built.append("LangChainTracer")
        real_tracer(self, *args, **kwargs)

    monkeypatch.setattr(langsmith.Client, "__init__", client_init)
    monkeypatch.setattr(lc_tracers.LangChainTracer, "__init__", tracer_init)
    return built


class _Recorder(BaseHTTPRequestHandler):
    """Stands in for the LangSmith API: records each request path, answers 200 {}."""

    paths: ClassVar[list[str]] = []

    def log_message(self, format: str, *args: Any) -> None:
        return

    def _ok(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        type(self).paths.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    do_GET = do_POST = do_PATCH = _ok


@pytest.fixture
def fake_langsmith() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP endpoint for LangSmith's API: (URL, recorded request paths)."""
    _Recorder.paths = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", _Recorder.paths
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """No tracing variables; langsmith's cached reads of the environment cleared before and after."""
    for var in TRACING_VARS:
        monkeypatch.delenv(var, raising=False)
    ls_utils.get_env_var.cache_clear()  # type: ignore[attr-defined]
    yield monkeypatch
    ls_utils.get_env_var.cache_clear()  # type: ignore[attr-defined]


def _context(server: ScriptedOpenAIServer) -> ChatContext:
    backend = MemoryBackend()
    return ChatContext(
        store=ArtifactStore(backend),
        cache=ResultCache(backend),
        llm=server.chat_model(),
        use_llm=True,
        proposer_policy="primary",  # the model is asked on every decision (issue 14 policy)
    )


async def _ask_clarify(server: ScriptedOpenAIServer) -> dict[str, Any]:
    server.script(
        structured({"states": ["BA"], "language": "en"}),  # the slot proposal (asked first)
        structured({"edge": "clarify", "rationale": "the user should say more"}),
    )
    return await process_chat_query(
        "map of solar plants in Bahia", context=_context(server), checkpoint_url="memory://"
    )


async def test_no_tracer_and_no_network_when_tracing_is_unset(
    clean_env: pytest.MonkeyPatch,
    openai_server: ScriptedOpenAIServer,
    remote_connects: list[Any],
    langsmith_constructions: list[str],
) -> None:
    assert ls_utils.tracing_is_enabled() is False
    response = await _ask_clarify(openai_server)
    slots, route = response["metadata"]["proposals"]
    assert slots["phase"] == "slots" and slots["slots"]["llm"]["states"] == ["BA"]
    assert route["chosen_by"] == "llm"  # the model really was called
    assert response["metadata"]["intent"] == "clarify"
    assert langsmith_constructions == [] and remote_connects == []
    assert all(r.path.endswith("/chat/completions") for r in openai_server.requests)


async def test_runs_are_traced_when_tracing_is_set(
    clean_env: pytest.MonkeyPatch,
    openai_server: ScriptedOpenAIServer,
    remote_connects: list[Any],
    langsmith_constructions: list[str],
    fake_langsmith: tuple[str, list[str]],
) -> None:
    endpoint, paths = fake_langsmith
    clean_env.setattr(
        run_trees, "_CLIENT", None
    )  # the shared client is built for this endpoint, then dropped
    clean_env.setenv("LANGSMITH_TRACING", "true")
    clean_env.setenv("LANGSMITH_API_KEY", "test-key")
    clean_env.setenv("LANGSMITH_ENDPOINT", endpoint)  # stays on this machine
    ls_utils.get_env_var.cache_clear()  # type: ignore[attr-defined]
    assert ls_utils.tracing_is_enabled() is True
    await _ask_clarify(openai_server)
    lc_tracers.wait_for_all_tracers()
    assert "LangChainTracer" in langsmith_constructions and remote_connects == []
    assert any(p.startswith("/runs") for p in paths)
