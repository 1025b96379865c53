"""usage_of_error: a failed call counts what the error says it cost, marked failed; else one call."""

from __future__ import annotations

from types import SimpleNamespace

from planexec.nodes.agent.usage import usage_of_error
from planexec.nodes.llmio import AnswerRejected
from planexec.schemas.usage import TokenUsage


def test_a_rejected_answer_counts_its_usage_as_failed() -> None:
    spent = TokenUsage(prompt_tokens=1511, completion_tokens=609, total_tokens=2120, llm_calls=1)
    usage = usage_of_error(AnswerRejected("truncated", spent))
    assert (usage.prompt_tokens, usage.completion_tokens, usage.llm_calls, usage.failed_calls) == (
        1511,
        609,
        1,
        1,
    )


def test_an_error_carrying_the_server_usage_counts_it() -> None:
    error = RuntimeError("length")
    error.completion = SimpleNamespace(usage=SimpleNamespace(prompt_tokens=300, completion_tokens=600))  # type: ignore[attr-defined]
    usage = usage_of_error(error)
    assert (usage.total_tokens, usage.llm_calls, usage.failed_calls) == (900, 1, 1)


def test_a_wrapped_error_is_looked_through() -> None:
    try:
        try:
            raise AnswerRejected("late", TokenUsage(prompt_tokens=10, total_tokens=10, llm_calls=1))
        except AnswerRejected as inner:
            raise RuntimeError("agent step failed") from inner
    except RuntimeError as outer:
        usage = usage_of_error(outer)
    assert (usage.prompt_tokens, usage.failed_calls) == (10, 1)


def test_an_error_without_usage_counts_one_failed_call() -> None:
    assert usage_of_error(TimeoutError()) == TokenUsage(llm_calls=1, failed_calls=1)
