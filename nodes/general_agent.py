"""general_agent: queries no recipe covers. Legal only when an LLM is configured."""

from __future__ import annotations

import asyncio
from typing import Any

from planexec.graph.deps import ChatDeps
from planexec.graph.state import AsyncChatNode, ChatState
from planexec.nodes.clarify import EXAMPLES
from planexec.schemas.modules import FactsSummary, TextModule


def _no_llm_answer() -> dict[str, Any]:
    text = (
        "This question is outside the built-in recipes, and no LLM is configured for the general "
        "agent. You can ask, for example:\n" + "\n".join(f"- {e}" for e in EXAMPLES)
    )
    return {
        "modules": [TextModule(heading="What can be asked", text=text).model_dump()],
        "facts_summary": FactsSummary(intent="general", facts={"llm": False}).model_dump(),
        "narration": text,
    }


def make_general_agent(deps: ChatDeps) -> AsyncChatNode:
    async def general_agent(state: ChatState) -> dict[str, Any]:
        llm = await asyncio.to_thread(deps.get_llm)
        if llm is None:
            return _no_llm_answer()
        from planexec.nodes.agent.run import run_general_agent

        return await run_general_agent(deps, llm, state)

    return general_agent
