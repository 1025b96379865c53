"""narrate: the overview text from the facts summary only, in the target language.

With an LLM configured the model writes it, and a check rejects any narration stating
numbers absent from the facts (then the template is used). Without one: templates (en, pt).
"""

from __future__ import annotations

import asyncio
from typing import Any

from planexec.graph.deps import ChatDeps
from planexec.graph.state import AsyncChatNode, ChatState
from planexec.nodes.events import emit_thinking
from planexec.nodes.narration.templates import narrate_template
from planexec.schemas.modules import FactsSummary, TextModule
from planexec.schemas.slots import Understanding


def _language(state: ChatState) -> str:
    wanted = state.get("target_language")
    if wanted:
        return "pt" if str(wanted).lower().startswith("pt") else "en"
    return Understanding.model_validate(state["understanding"]).slots.language


async def _llm_text(deps: ChatDeps, summary: FactsSummary, lang: str) -> tuple[str | None, dict[str, Any]]:
    llm = await asyncio.to_thread(deps.get_llm)
    if llm is None:
        return None, {}
    from planexec.nodes.narration.llm_narrator import narrate_with_llm

    outcome = await narrate_with_llm(llm, summary, lang, deps.llm_timeout_s)
    if outcome.rejected_reason:
        emit_thinking("narrate", f"LLM narration rejected: {outcome.rejected_reason}; using the template")
    return outcome.text, outcome.usage.model_dump(exclude={"schema_version"})


def make_narrate(deps: ChatDeps) -> AsyncChatNode:
    async def narrate(state: ChatState) -> dict[str, Any]:
        summary = FactsSummary.model_validate(state["facts_summary"])
        lang = _language(state)
        text, usage = await _llm_text(deps, summary, lang)
        narrated_by = "llm" if text else "template"
        text = text or narrate_template(summary, lang)
        overview = TextModule(heading="Overview" if lang == "en" else "Resumo", text=text)
        emit_thinking("narrate", text, narrated_by=narrated_by)
        update: dict[str, Any] = {
            "narration": text,
            "modules": [overview.model_dump(), *state.get("modules", [])],
            "facts_summary": {**state["facts_summary"], "narrated_by": narrated_by},
        }
        if usage:
            update["token_usage"] = usage
        return update

    return narrate
