"""Requests are streamed (a timeout closes the connection); a server refusing streams is asked plainly."""

from __future__ import annotations

import asyncio
import time

import pytest

from planexec.nodes.llmio import AnswerRejected, ask_structured, ask_text, capabilities
from tests.support.openai_server import Flavour, ScriptedOpenAIServer, content, structured, trickle
from tests.unit.nodes.llmio.conftest import ANSWER, SCHEMA, prompt


async def test_requests_are_streamed_with_usage_asked_for() -> None:
    with ScriptedOpenAIServer() as server:
        server.script(structured(ANSWER), content("Hello there."))
        model = server.chat_model()
        await ask_structured(model, SCHEMA, prompt(), purpose="route", timeout_s=5)
        await ask_text(model, prompt(), purpose="narration", timeout_s=5)
        assert [b.get("stream") for b in server.bodies] == [True, True]
        assert all(b["stream_options"] == {"include_usage": True} for b in server.bodies)


async def test_text_deltas_arrive_as_they_stream() -> None:
    pieces: list[str] = []
    with ScriptedOpenAIServer() as server:
        server.script(content("The map shows 17 plants in Bahia, all of them solar."))
        reply = await ask_text(
            server.chat_model(), prompt(), purpose="narration", timeout_s=5, on_delta=pieces.append
        )
        assert len(pieces) > 1 and "".join(pieces) == reply.text


async def test_a_timeout_closes_the_connection_and_the_server_sees_it() -> None:
    long_text = "word " * 400  # 125 chunks of 16 characters, 0.05 s apart: ~6 s to send in full
    with ScriptedOpenAIServer() as server:
        server.script(trickle(content(long_text), 0.05))
        started = time.monotonic()
        with pytest.raises(AnswerRejected, match="late"):
            await ask_text(server.chat_model(), prompt(), purpose="narration", timeout_s=0.5)
        assert time.monotonic() - started < 1.5
        for _ in range(40):  # the server notices on its next write
            if server.disconnects:
                break
            await asyncio.sleep(0.05)
        assert server.disconnects == 1
        assert server.chunks_sent < 60  # it stopped sending long before the end


async def test_a_server_refusing_streams_is_asked_without_and_remembered() -> None:
    with ScriptedOpenAIServer(flavour=Flavour(no_streaming=True)) as server:
        server.respond_with(lambda body: content("Hello."))
        model = server.chat_model()
        first = await ask_text(model, prompt(), purpose="narration", timeout_s=5)
        second = await ask_text(model, prompt(), purpose="narration", timeout_s=5)
        assert first.text == second.text == "Hello."
        assert [bool(b.get("stream")) for b in server.bodies] == [True, False, False]
        assert capabilities(model).streaming is False


async def test_a_plain_chat_openai_also_falls_back_when_streams_are_refused() -> None:
    with ScriptedOpenAIServer(flavour=Flavour(no_streaming=True)) as server:
        server.respond_with(lambda body: structured(ANSWER))
        reply = await ask_structured(
            server.chat_model(compat=False), SCHEMA, prompt(), purpose="route", timeout_s=5
        )
        assert reply.payload == ANSWER and [bool(b.get("stream")) for b in server.bodies] == [True, False]
