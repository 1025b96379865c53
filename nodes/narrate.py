"""narrate: the overview text from the facts summary only, in the target language.

With an LLM configured the model writes it, and a check rejects any narration stating
numbers absent from the facts (then the template is used). Without one: templates (en, pt).
"""

from __future__ import annotations

import asyncio
from typing import Any

from langgraph.runtime import Runtime

from planexec.nodes.context import ChatContext, context_of
from planexec.nodes.events import emit_thinking
from planexec.nodes.i18n import answer_language, label
from planexec.nodes.narration.templates import narrate_template
from planexec.nodes.state import ChatState
from planexec.schemas.modules import FactsSummary, TextModule
from planexec.schemas.usage import TokenUsage


def _language(state: ChatState) -> str:
    return answer_language(state.get("target_language"), state["understanding"].slots.language)


def overview_text(narration: str, summary: FactsSummary, lang: str) -> str:
    """The narration, then the line stating the filters the answer applied (when the recipe gave them)."""
    filters = summary.facts.get("filters")
    return f"{narration}\n\n{label('text.filters', lang)}: {filters}" if filters else narration


async def _llm_text(
    ctx: ChatContext, summary: FactsSummary, lang: str
) -> tuple[str | None, TokenUsage | None]:
    llm = await asyncio.to_thread(ctx.get_llm)
    if llm is None:
        return None, None
    from planexec.nodes.narration.llm_narrator import narrate_with_llm

    outcome = await narrate_with_llm(llm, summary, lang, ctx.model_timeout_s)
    if outcome.rejected_reason:
        emit_thinking("narrate", f"LLM narration rejected: {outcome.rejected_reason}; using the template")
    return outcome.text, outcome.usage


async def narrate(state: ChatState, runtime: Runtime[ChatContext]) -> dict[str, Any]:
    summary = state["facts_summary"]
    lang = _language(state)
    text, usage = await _llm_text(context_of(runtime), summary, lang)
    narrated_by = "llm" if text else "template"
    text = text or narrate_template(summary, lang)
    overview = TextModule(heading=label("heading.overview", lang), text=overview_text(text, summary, lang))
    emit_thinking("narrate", text, narrated_by=narrated_by)
    update: dict[str, Any] = {
        "narration": text,
        "modules": [overview, *state.get("modules", [])],
        "facts_summary": summary.model_copy(update={"narrated_by": narrated_by}),
    }
    if usage is not None:
        update["token_usage"] = usage
    return update
