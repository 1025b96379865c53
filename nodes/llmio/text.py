"""`ask_text`: a plain-text answer (narration, drafting), streamed, capped and bounded in time."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage

from planexec.nodes.llmio.errors import AnswerRejected, describe_failure
from planexec.nodes.llmio.forms import content_text
from planexec.nodes.llmio.limits import LENGTH_RETRY_FACTOR, max_tokens_for
from planexec.nodes.llmio.reply import LLMReply
from planexec.nodes.llmio.request import OnDelta, finish_reason, note_usage, send
from planexec.nodes.llmio.usage import Spent
from planexec.schemas.llm import Purpose
from planexec.schemas.settings import Settings


async def _answer(
    model: BaseChatModel,
    messages: list[BaseMessage],
    cap: int,
    spent: Spent,
    on_delta: OnDelta | None,
    run_name: str | None,
) -> LLMReply:
    for _ in (1, 2):
        try:
            raw = await send(model, messages, {"max_tokens": cap}, run_name=run_name, on_delta=on_delta)
        except BaseException:
            spent.failed(messages, None)
            raise
        note_usage(model, raw)
        if finish_reason(raw) != "length":
            spent.answered(messages, raw)
            return LLMReply(None, content_text(raw).strip(), finish_reason(raw), spent.usage, "text", raw)
        spent.failed(messages, raw)
        cap *= LENGTH_RETRY_FACTOR
    limit = cap // LENGTH_RETRY_FACTOR
    raise AnswerRejected(f"truncated: the answer hit max_tokens twice (cap {limit})", spent.usage)


async def ask_text(
    model: BaseChatModel,
    messages: Sequence[BaseMessage],
    *,
    purpose: Purpose,
    timeout_s: float,
    settings: Settings | None = None,
    on_delta: OnDelta | None = None,
    run_name: str | None = None,
) -> LLMReply:
    """The text answer within `timeout_s` (retry on `length` included). `on_delta(text)` (sync or async)
    gets each streamed piece as it arrives; after a `length` retry the pieces start again.

    Raises `AnswerRejected` (late, HTTP error, truncated twice) with the usage of every request,
    marked failed."""
    settings = settings or Settings()
    spent = Spent()
    cap = max_tokens_for(purpose, settings)
    try:
        async with asyncio.timeout(timeout_s):
            return await _answer(model, list(messages), cap, spent, on_delta, run_name)
    except AnswerRejected:
        raise
    except Exception as exc:  # late, HTTP error, connection: a rejection, never a crash
        raise AnswerRejected(describe_failure(exc, timeout_s), spent.usage) from exc
