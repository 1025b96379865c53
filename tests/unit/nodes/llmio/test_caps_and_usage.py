"""max_tokens per purpose, the one retry on a `length` finish, usage of every request (failed ones too)."""

from __future__ import annotations

import pytest

from planexec.nodes.llmio import AnswerRejected, ask_structured, ask_text
from planexec.schemas.settings import Settings
from tests.support.openai_server import (
    Flavour,
    ScriptedOpenAIServer,
    content,
    http_error,
    malformed,
    structured,
    truncated,
)
from tests.unit.nodes.llmio.conftest import ANSWER, SCHEMA, prompt


@pytest.mark.parametrize(
    ("purpose", "field", "value"),
    [
        ("route", "llm_max_tokens_route", 123),
        ("slots", "llm_max_tokens_slots", 321),
        ("narration", "llm_max_tokens_narration", 222),
        ("agent", "llm_max_tokens_agent", 444),
        ("draft", "llm_max_tokens_draft", 555),
    ],
)
async def test_every_request_carries_max_tokens_of_its_purpose(purpose: str, field: str, value: int) -> None:
    settings = Settings(**{field: value})
    with ScriptedOpenAIServer() as server:
        server.script(structured(ANSWER), content("Hello."))
        model = server.chat_model()
        await ask_structured(model, SCHEMA, prompt(), purpose=purpose, timeout_s=5, settings=settings)  # type: ignore[arg-type]
        await ask_text(model, prompt(), purpose=purpose, timeout_s=5, settings=settings)  # type: ignore[arg-type]
        assert [b["max_tokens"] for b in server.bodies] == [value, value]
        assert all("max_completion_tokens" not in b for b in server.bodies)


async def test_length_finish_is_retried_once_with_the_cap_doubled() -> None:
    with ScriptedOpenAIServer() as server:
        server.script(
            truncated(structured('{"colour": "re', usage=(50, 200))), structured(ANSWER, usage=(50, 20))
        )
        reply = await ask_structured(
            server.chat_model(), SCHEMA, prompt(), purpose="route", timeout_s=5, settings=Settings()
        )
        assert reply.payload == ANSWER
        assert [b["max_tokens"] for b in server.bodies] == [200, 400]
        usage = reply.usage
        assert (usage.llm_calls, usage.failed_calls, usage.prompt_tokens, usage.completion_tokens) == (
            2,
            1,
            100,
            220,
        )


async def test_second_length_finish_is_rejected_as_truncated_with_its_usage() -> None:
    with ScriptedOpenAIServer() as server:
        cut = truncated(structured('{"colour": "re', usage=(50, 200)))
        server.script(cut, cut)
        with pytest.raises(AnswerRejected, match="truncated") as caught:
            await ask_structured(server.chat_model(), SCHEMA, prompt(), purpose="route", timeout_s=5)
        usage = caught.value.usage
        assert (usage.llm_calls, usage.failed_calls, usage.total_tokens) == (2, 2, 500)


async def test_text_length_finish_twice_is_rejected() -> None:
    with ScriptedOpenAIServer() as server:
        server.script(truncated(content("Once upon")), truncated(content("Once upon a time")))
        with pytest.raises(AnswerRejected, match="truncated"):
            await ask_text(server.chat_model(), prompt(), purpose="narration", timeout_s=5)
        cap = Settings().llm_max_tokens_narration
        assert [b["max_tokens"] for b in server.bodies] == [cap, 2 * cap]


async def test_missing_usage_is_estimated_and_marked() -> None:
    with ScriptedOpenAIServer(flavour=Flavour(no_usage=True)) as server:
        server.script(structured(ANSWER))
        reply = await ask_structured(server.chat_model(), SCHEMA, prompt(), purpose="route", timeout_s=5)
        assert reply.usage.estimated and reply.usage.prompt_tokens > 0 and reply.usage.completion_tokens > 0


async def test_server_usage_is_taken_as_reported() -> None:
    with ScriptedOpenAIServer() as server:
        server.script(structured(ANSWER, usage=(77, 11)))
        reply = await ask_structured(server.chat_model(), SCHEMA, prompt(), purpose="route", timeout_s=5)
        assert (reply.usage.prompt_tokens, reply.usage.completion_tokens, reply.usage.estimated) == (
            77,
            11,
            False,
        )


async def test_malformed_answer_is_rejected_and_its_tokens_count_as_failed() -> None:
    with ScriptedOpenAIServer() as server:
        server.script(malformed('{"colour": ', usage=(60, 5)))
        with pytest.raises(AnswerRejected, match="malformed") as caught:
            await ask_structured(server.chat_model(), SCHEMA, prompt(), purpose="route", timeout_s=5)
        usage = caught.value.usage
        assert (usage.llm_calls, usage.failed_calls, usage.prompt_tokens, usage.completion_tokens) == (
            1,
            1,
            60,
            5,
        )


async def test_http_error_counts_one_failed_call() -> None:
    with ScriptedOpenAIServer() as server:
        server.script(http_error(503, "overloaded"))
        with pytest.raises(AnswerRejected, match="HTTP 503") as caught:
            await ask_text(server.chat_model(), prompt(), purpose="narration", timeout_s=5)
        assert (caught.value.usage.llm_calls, caught.value.usage.failed_calls) == (1, 1)


async def test_a_silent_stream_is_asked_again_unstreamed_and_remembered() -> None:
    with ScriptedOpenAIServer(flavour=Flavour(silent_streams=True)) as server:
        server.script(content("Two hundred plants."), content("Again."))
        model = server.chat_model()
        first = await ask_text(model, prompt(), purpose="narration", timeout_s=5)
        second = await ask_text(model, prompt(), purpose="narration", timeout_s=5)
        assert (first.text, second.text) == ("Two hundred plants.", "Again.")
        assert [bool(b.get("stream")) for b in server.bodies] == [True, False, False]
