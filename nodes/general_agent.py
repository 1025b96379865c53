"""general_agent: queries no recipe covers. Legal only when an LLM is configured."""

from __future__ import annotations

import asyncio
from typing import Any

from langgraph.runtime import Runtime

from planexec.nodes.clarify import examples
from planexec.nodes.context import ChatContext, context_of
from planexec.nodes.i18n import answer_language, label
from planexec.nodes.state import ChatState
from planexec.schemas.modules import FactsSummary, TextModule


def _no_llm_answer(state: ChatState) -> dict[str, Any]:
    understanding = state.get("understanding")
    lang = answer_language(
        state.get("target_language"), understanding.slots.language if understanding else None
    )
    listed = "\n".join(f"- {e}" for e in examples(lang))
    text = f"{label('general.no_llm', lang)} {label('clarify.examples', lang)}\n{listed}"
    return {
        "modules": [TextModule(heading=label("heading.what_can_be_asked", lang), text=text)],
        "facts_summary": FactsSummary(intent="general", facts={"llm": False}),
        "narration": text,
    }


async def general_agent(state: ChatState, runtime: Runtime[ChatContext]) -> dict[str, Any]:
    ctx = context_of(runtime)
    llm = await asyncio.to_thread(ctx.get_llm)
    if llm is None:
        return _no_llm_answer(state)
    from planexec.nodes.agent.run import run_general_agent

    return await run_general_agent(ctx, llm, state)
