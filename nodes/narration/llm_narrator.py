"""Narration by a chat model, from the facts summary only, checked before it is used.

The prompt holds the facts summary (intent, named facts, highlights) and the target language,
nothing else. The call goes through `nodes.llmio.ask_text` (streamed, `max_tokens` for the
narration, bounded by the narration budget; deltas go to `on_delta` as they arrive). The answer is
rejected (the caller then uses its template) when the call fails, is late or cut off, or when the
text fails a check of `nodes.narration.checks` (length, markup, echo, language, numbers).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from planexec.nodes.llmio import AnswerRejected, ask_text, describe_failure
from planexec.nodes.narration.checks import check_narration
from planexec.schemas.modules import FactsSummary
from planexec.schemas.settings import Settings
from planexec.schemas.usage import TokenUsage
from planexec.tools.text.token_estimate import usage_of_call

LANGUAGE_NAMES = {
    "en": "English",
    "pt": "Brazilian Portuguese",
    "pt-br": "Brazilian Portuguese",
    "es": "Spanish",
}
RUN_TAG = "planexec.narrate"  # lets a caller pick this call out of streamed LLM tokens
GRACE_S = 1.0
"""The call enforces the budget itself; this outer guard only catches a call that does not return."""

SYSTEM_PROMPT = (
    "You write the short overview (two to four sentences, plain text) of an answer a data agent "
    "has already computed. Write in {language}. Use only the facts given. Every number you write "
    "must be one of the facts' numbers (you may round it, e.g. 17.6 thousand for 17613). Do not "
    "invent numbers, names, identifiers or coordinates; do not mention facts that are absent."
)


@dataclass
class NarrationOutcome:
    """The narration (None when rejected: use the template), its token usage and why it was rejected."""

    text: str | None
    usage: TokenUsage = field(default_factory=TokenUsage)
    rejected_reason: str | None = None


def language_name(language: str) -> str:
    """Human name of a language code for the prompt ("pt" -> "Brazilian Portuguese")."""
    return LANGUAGE_NAMES.get(language.lower(), language)


def build_narration_messages(facts: FactsSummary, language: str) -> list[BaseMessage]:
    """System prompt with the target language; the facts summary as compact JSON."""
    summary = {"intent": facts.intent, "facts": facts.facts, "highlights": facts.highlights}
    return [
        SystemMessage(SYSTEM_PROMPT.format(language=language_name(language))),
        HumanMessage("Facts:\n" + json.dumps(summary, ensure_ascii=False, separators=(",", ":"))),
    ]


async def narrate_with_llm(
    model: BaseChatModel,
    facts: FactsSummary,
    language: str,
    timeout_s: float,
    *,
    settings: Settings | None = None,
    on_delta: Callable[[str], None] | None = None,
) -> NarrationOutcome:
    """One bounded call; the checked narration, or text=None with the reason (caller uses the template)."""
    messages = build_narration_messages(facts, language)
    call = ask_text(
        model,
        messages,
        purpose="narration",
        timeout_s=timeout_s,
        settings=settings,
        on_delta=on_delta,
        run_name=RUN_TAG,
    )
    try:
        reply = await asyncio.wait_for(call, timeout=timeout_s + GRACE_S)
    except AnswerRejected as exc:
        return NarrationOutcome(None, exc.usage, exc.reason)
    except Exception as exc:  # a failing model never breaks the answer: the template takes over
        failed = usage_of_call(messages, None).as_failed()
        return NarrationOutcome(None, failed, describe_failure(exc, timeout_s))
    text = (reply.text or "").strip()
    prompts = [str(messages[0].content)]
    reason = check_narration(text, facts, language, prompts=prompts, finish_reason=reply.finish_reason)
    usage = reply.usage.as_failed() if reason else reply.usage
    return NarrationOutcome(None if reason else text, usage, reason)
