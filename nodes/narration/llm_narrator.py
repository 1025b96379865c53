"""Narration by a chat model, from the facts summary only, checked before it is used.

The prompt holds the facts summary (intent, named facts, highlights) and the target language,
nothing else. The answer is rejected (the caller then uses its template) when the call fails or
is late, when it is empty or too long, or when it states a number the facts do not hold
(see `nodes.narration.number_check`).
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_core.runnables import RunnableConfig

from planexec.nodes.narration.number_check import unsupported_numbers
from planexec.nodes.proposers.llm import describe_failure
from planexec.schemas.modules import FactsSummary
from planexec.schemas.usage import TokenUsage
from planexec.tools.text.token_estimate import usage_of_call

LANGUAGE_NAMES = {
    "en": "English",
    "pt": "Brazilian Portuguese",
    "pt-br": "Brazilian Portuguese",
    "es": "Spanish",
}
MAX_NARRATION_CHARS = 1500
RUN_TAG = "planexec.narrate"  # lets a caller pick this call out of streamed LLM tokens

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


def _text_of(reply: AIMessage) -> str:
    if isinstance(reply.content, str):
        return reply.content.strip()
    parts = [b if isinstance(b, str) else str(b.get("text", "")) for b in reply.content]
    return "".join(parts).strip()


def check_narration(text: str, facts: FactsSummary) -> str | None:
    """Why a narration cannot be used, or None when it passes."""
    if not text:
        return "empty narration"
    if len(text) > MAX_NARRATION_CHARS:
        return f"narration too long ({len(text)} characters)"
    invented = unsupported_numbers(text, facts)
    if invented:
        return "numbers not in the facts: " + ", ".join(invented[:5])
    return None


async def narrate_with_llm(
    model: BaseChatModel, facts: FactsSummary, language: str, timeout_s: float
) -> NarrationOutcome:
    """One bounded call; the checked narration, or text=None with the reason (caller uses the template)."""
    messages = build_narration_messages(facts, language)
    try:
        config: RunnableConfig = {"run_name": RUN_TAG, "tags": [RUN_TAG]}
        reply = await asyncio.wait_for(model.ainvoke(messages, config=config), timeout=timeout_s)
    except Exception as exc:  # a failing model never breaks the answer: the template takes over
        return NarrationOutcome(None, usage_of_call(messages, None), describe_failure(exc, timeout_s))
    if not isinstance(reply, AIMessage):
        return NarrationOutcome(None, TokenUsage(llm_calls=1), f"unexpected answer {type(reply).__name__}")
    usage = usage_of_call(messages, reply)
    text = _text_of(reply)
    reason = check_narration(text, facts)
    return NarrationOutcome(None if reason else text, usage, reason)
