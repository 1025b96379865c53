"""A real, scripted OpenAI-compatible HTTP server for tests and benchmarks.

`ScriptedOpenAIServer` listens on 127.0.0.1 (a free port) in a background thread and speaks
`POST /v1/chat/completions` (plain JSON, or SSE when the request says `stream: true`) and
`GET /v1/models`. Each request takes the next scripted `Reply` from a queue: a content message,
a tool call, a structured answer (content for `response_format: json_schema`, a tool call when
the request forces a tool), malformed JSON, an HTTP error, any of them after a delay. Every
request body is recorded so tests can assert what the prompts held. Replies carry `usage`
unless scripted not to. With an empty queue the server answers HTTP 500 and counts it.
`ScriptedOpenAIServer(flavour=Flavour(...))` behaves like a particular real server (see
`openai_flavours.py`: refused json_schema, tools ignored without tool_choice, no usage, no streaming,
null content refused, grammar-hostile schemas crashing). A client that goes away while an answer is
being written (e.g. its timeout cancelled a streamed call) is recorded in `disconnects`.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from planexec.nodes.llmio import forget
from planexec.nodes.llmio.compat_model import CompatChatOpenAI
from tests.support.openai_flavours import LLAMA_CPP_PYTHON, Flavour, flavoured, refusal
from tests.support.openai_replies import (
    Reply,
    completion_body,
    content,
    http_error,
    json_content,
    malformed,
    slow,
    stream_chunks,
    structured,
    tool_call,
    trickle,
    truncated,
)

__all__ = [
    "LLAMA_CPP_PYTHON",
    "Flavour",
    "RecordedRequest",
    "Reply",
    "ScriptedOpenAIServer",
    "content",
    "http_error",
    "json_content",
    "malformed",
    "slow",
    "structured",
    "tool_call",
    "trickle",
    "truncated",
]


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    body: dict[str, Any]
    ts: float


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer

    def log_message(self, format: str, *args: Any) -> None:  # silence stderr
        return

    def do_GET(self) -> None:
        if self.path.rstrip("/").endswith("/models"):
            self._send_json(200, {"object": "list", "data": [{"id": "scripted", "object": "model"}]})
        else:
            self._send_json(404, {"error": {"message": f"no route {self.path}"}})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b"{}"
        try:
            body = json.loads(raw)
        except json.JSONDecodeError:
            self._send_json(400, {"error": {"message": "request body is not JSON"}})
            return
        owner = self.server.owner
        owner._record(RecordedRequest("POST", self.path, body, time.time()))
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._send_json(404, {"error": {"message": f"no route {self.path}"}})
            return
        refused = refusal(owner.flavour, body)
        if refused is not None and refused[0] == 200:  # a stream with nothing in it
            self._send_empty_stream(body, mode=refused[1])
            return
        if refused is not None:
            self._send_json(refused[0], {"error": {"message": refused[1], "type": "server_error"}})
            return
        reply = flavoured(owner.flavour, owner._next_reply(body), body)
        if reply.delay_s and owner._stopping.wait(reply.delay_s):
            return  # server shutting down: drop the answer
        try:
            self._answer(reply, body)
        except (BrokenPipeError, ConnectionResetError):  # the client went away (e.g. its timeout)
            owner._record_disconnect()

    def _send_empty_stream(self, body: dict[str, Any], *, mode: str) -> None:
        """A 200 event stream with nothing in it: no event at all; ("empty") one empty delta and
        `finish_reason: "stop"`; ("silent") a role delta only, no finish_reason."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        self.close_connection = True
        deltas = {"empty": [({"role": "assistant", "content": ""}, None), ({}, "stop")]}
        deltas["silent"] = [({"role": "assistant"}, None)]
        if mode in deltas:
            head = {"id": "chatcmpl-empty", "object": "chat.completion.chunk", "created": int(time.time())}
            head["model"] = body.get("model", "scripted")
            for delta, finish in deltas[mode]:
                chunk = {**head, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
                self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()

    def _answer(self, reply: Reply, body: dict[str, Any]) -> None:
        if reply.kind == "http_error":
            self._send_json(reply.status, {"error": {"message": reply.text, "type": "server_error"}})
        elif body.get("stream"):
            self._send_stream(reply, body)
        else:
            self._send_json(
                200, completion_body(reply, body, f"chatcmpl-scripted-{self.server.owner.request_count}")
            )

    def _send_json(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _send_stream(self, reply: Reply, body: dict[str, Any]) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        owner = self.server.owner
        for i, chunk in enumerate(stream_chunks(reply, body, f"chatcmpl-scripted-{owner.request_count}")):
            if i and reply.chunk_delay_s and owner._stopping.wait(reply.chunk_delay_s):
                return
            self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
            self.wfile.flush()
            owner._count_chunk()
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    owner: ScriptedOpenAIServer


class ScriptedOpenAIServer:
    """Real HTTP server on 127.0.0.1 answering chat completions from a script. Use as a context manager."""

    def __init__(self, flavour: Flavour | None = None) -> None:
        self.flavour = flavour or Flavour()
        self.disconnects = 0  # answers the client stopped reading (connection closed mid-answer)
        self.chunks_sent = 0  # SSE chunks written
        self._lock = threading.Lock()
        self._replies: deque[Reply] = deque()
        self._requests: list[RecordedRequest] = []
        self._stopping = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.unscripted = 0  # requests that found the queue empty (answered HTTP 500)
        self._responder: Callable[[dict[str, Any]], Reply] | None = None

    # lifecycle
    def start(self) -> ScriptedOpenAIServer:
        self._stopping.clear()
        httpd = _HTTPServer(("127.0.0.1", 0), _Handler)
        httpd.owner = self
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="scripted-openai", daemon=True
        )
        self._thread.start()
        forget(self.base_url)  # a port used by an earlier server must not inherit what it learned
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes delayed answers
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd, self._thread = None, None

    def __enter__(self) -> ScriptedOpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # addresses
    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("server not started")
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def chat_model(self, timeout_s: float = 5.0, *, compat: bool = True, **kwargs: Any) -> Any:
        """The production chat model class (`CompatChatOpenAI`; plain ChatOpenAI with compat=False) pointed
        at this server (no retries)."""
        from langchain_openai import ChatOpenAI

        cls = CompatChatOpenAI if compat else ChatOpenAI
        params: dict[str, Any] = {"model": "scripted", "temperature": 0, **kwargs}
        return cls(base_url=self.base_url, api_key="test", timeout=timeout_s, max_retries=0, **params)

    # script and records
    def script(self, *replies: Reply) -> None:
        with self._lock:
            self._replies.extend(replies)

    def respond_with(self, responder: Callable[[dict[str, Any]], Reply] | None) -> None:
        """Answer from `responder(request_body)` whenever the scripted queue is empty (None: stop)."""
        with self._lock:
            self._responder = responder

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._replies)

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    @property
    def bodies(self) -> list[dict[str, Any]]:
        return [r.body for r in self.requests if r.path.rstrip("/").endswith("/chat/completions")]

    @property
    def request_count(self) -> int:
        with self._lock:
            return len(self._requests)

    def reset(self) -> None:
        with self._lock:
            self._replies.clear()
            self._requests.clear()
            self.unscripted = 0
            self.disconnects = self.chunks_sent = 0

    def _record_disconnect(self) -> None:
        with self._lock:
            self.disconnects += 1

    def _count_chunk(self) -> None:
        with self._lock:
            self.chunks_sent += 1

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(request)

    def _next_reply(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            if self._replies:
                return self._replies.popleft()
            responder = self._responder
            if responder is None:
                self.unscripted += 1
        return responder(body) if responder is not None else http_error(500, "no scripted reply left")
