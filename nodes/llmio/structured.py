"""`ask_structured`: a JSON answer under a schema from any OpenAI-compatible server.

The form is the one that last worked for the endpoint, else the strongest not yet refused (json_schema →
json_object + schema → forced tool call → schema in the prompt). A 4xx/5xx whose body names what was refused
steps down to the next form at once (same budget) and the endpoint remembers it; timeouts, connection
errors and plain server errors do not. `Settings.llm_structured` other than "auto" pins one form.
Every request carries the purpose's max_tokens; a `length` finish is retried once with the cap doubled.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage

from planexec.nodes.llmio import endpoints as caps
from planexec.nodes.llmio.errors import AnswerRejected, describe_failure, refuses_form
from planexec.nodes.llmio.forms import content_text, payload_of, request_of
from planexec.nodes.llmio.limits import LENGTH_RETRY_FACTOR, max_tokens_for
from planexec.nodes.llmio.reply import LLMReply
from planexec.nodes.llmio.request import finish_reason, note_usage, send
from planexec.nodes.llmio.usage import Spent
from planexec.schemas.llm import STRUCTURED_MODES, LLMCapabilities, Purpose, StructuredMode
from planexec.schemas.settings import Settings


def modes_to_try(model: BaseChatModel, settings: Settings) -> list[StructuredMode]:
    """The pinned form, or the endpoint's known form followed by the weaker ones not yet refused."""
    if settings.llm_structured != "auto":
        return [settings.llm_structured]
    known = caps.capabilities(model)
    modes = [m for m in STRUCTURED_MODES if m not in known.rejected_forms] or ["prompt"]
    if known.structured in modes:
        modes = modes[modes.index(known.structured) :]
    return modes


async def counted(
    model: BaseChatModel,
    messages: list[BaseMessage],
    kwargs: dict[str, Any],
    spent: Spent,
    run_name: str | None,
) -> AIMessage:
    """One request; a request that raises (HTTP error, cancelled by the timeout) counts as failed."""
    try:
        raw = await send(model, messages, kwargs, run_name=run_name)
    except BaseException:
        spent.failed(messages, None)
        raise
    note_usage(model, raw)
    return raw


async def _in_mode(
    model: BaseChatModel,
    mode: StructuredMode,
    request: tuple[list[BaseMessage], dict[str, Any]],
    cap: int,
    spent: Spent,
    run_name: str | None,
) -> LLMReply:
    messages, kwargs = request
    for _ in (1, 2):
        raw = await counted(model, messages, {**kwargs, "max_tokens": cap}, spent, run_name)
        if finish_reason(raw) != "length":
            try:
                payload = payload_of(raw, mode)
            except AnswerRejected as exc:
                spent.failed(messages, raw)
                raise AnswerRejected(str(exc), spent.usage) from exc
            spent.answered(messages, raw)
            return LLMReply(payload, content_text(raw), finish_reason(raw), spent.usage, mode, raw)
        spent.failed(messages, raw)
        cap *= LENGTH_RETRY_FACTOR
    limit = cap // LENGTH_RETRY_FACTOR
    raise AnswerRejected(f"truncated: the answer hit max_tokens twice (cap {limit})", spent.usage)


def _refused(mode: StructuredMode) -> Callable[[LLMCapabilities], dict[str, Any]]:
    return lambda known: {"rejected_forms": [*known.rejected_forms, mode], "structured": None}


def _worked(mode: StructuredMode) -> Callable[[LLMCapabilities], dict[str, Any]]:
    return lambda _: {"structured": mode}


async def _step_down(
    model: BaseChatModel,
    schema: dict[str, Any],
    messages: list[BaseMessage],
    purpose: Purpose,
    settings: Settings,
    name: str,
    spent: Spent,
    run_name: str | None,
) -> LLMReply:
    modes = modes_to_try(model, settings)
    cap = max_tokens_for(purpose, settings)
    for i, mode in enumerate(modes):
        request = request_of(mode, schema, messages, name, getattr(model, "extra_body", None))
        try:
            reply = await _in_mode(model, mode, request, cap, spent, run_name)
        except AnswerRejected:
            raise
        except Exception as exc:
            if settings.llm_structured != "auto" or i == len(modes) - 1 or not refuses_form(exc):
                raise
            caps.update(model, _refused(mode))
            continue
        if caps.capabilities(model).structured != mode:
            caps.update(model, _worked(mode))
        return reply
    raise AssertionError("unreachable: the last form either answers or raises")


async def ask_structured(
    model: BaseChatModel,
    schema: dict[str, Any],
    messages: Sequence[BaseMessage],
    *,
    purpose: Purpose,
    timeout_s: float,
    settings: Settings | None = None,
    name: str = "answer",
    run_name: str | None = None,
) -> LLMReply:
    """A JSON answer under `schema` within `timeout_s` (the whole ask, step-downs and retries included).

    Raises `AnswerRejected` (late, HTTP error, malformed, truncated twice) with the usage of every
    request made, marked failed. `run_name` names (and tags) the model runs for callbacks and filters."""
    settings = settings or Settings()
    spent = Spent()
    try:
        async with asyncio.timeout(timeout_s):
            return await _step_down(model, schema, list(messages), purpose, settings, name, spent, run_name)
    except AnswerRejected:
        raise
    except Exception as exc:  # late, HTTP error, connection: a rejection, never a crash
        raise AnswerRejected(describe_failure(exc, timeout_s), spent.usage) from exc
