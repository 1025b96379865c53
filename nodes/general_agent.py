"""general_agent: queries no recipe covers. Legal only when an LLM is configured."""

from __future__ import annotations

import asyncio
from typing import Any

from langgraph.runtime import Runtime

from planexec.nodes.clarify import EXAMPLES
from planexec.nodes.context import ChatContext, context_of
from planexec.nodes.state import ChatState
from planexec.schemas.modules import FactsSummary, TextModule


def _no_llm_answer() -> dict[str, Any]:
    text = (
        "This question is outside the built-in recipes, and no LLM is configured for the general "
        "agent. You can ask, for example:\n" + "\n".join(f"- {e}" for e in EXAMPLES)
    )
    return {
        "modules": [TextModule(heading="What can be asked", text=text)],
        "facts_summary": FactsSummary(intent="general", facts={"llm": False}),
        "narration": text,
    }


async def general_agent(state: ChatState, runtime: Runtime[ChatContext]) -> dict[str, Any]:
    ctx = context_of(runtime)
    llm = await asyncio.to_thread(ctx.get_llm)
    if llm is None:
        return _no_llm_answer()
    from planexec.nodes.agent.run import run_general_agent

    return await run_general_agent(ctx, llm, state)
