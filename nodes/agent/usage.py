"""Token usage of every model call the agent makes (the API's counts, else an offline estimate)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from langchain_core.callbacks import AsyncCallbackHandler
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import LLMResult

from planexec.schemas.usage import TokenUsage
from planexec.tools.text.token_estimate import usage_of_call


class UsageRecorder(AsyncCallbackHandler):
    """Sums `usage_of_call` over the chat-model runs it sees; a failed call counts as one call."""

    def __init__(self) -> None:
        self.usage = TokenUsage()
        self._prompts: dict[UUID, list[BaseMessage]] = {}

    async def on_chat_model_start(
        self, serialized: dict[str, Any], messages: list[list[BaseMessage]], *, run_id: UUID, **kwargs: Any
    ) -> None:
        self._prompts[run_id] = messages[0] if messages else []

    async def on_llm_end(self, response: LLMResult, *, run_id: UUID, **kwargs: Any) -> None:
        prompt = self._prompts.pop(run_id, [])
        first = response.generations[0][0] if response.generations and response.generations[0] else None
        reply = getattr(first, "message", None)
        self.usage = self.usage.plus(usage_of_call(prompt, reply if isinstance(reply, AIMessage) else None))

    async def on_llm_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        self._prompts.pop(run_id, None)
        self.usage = self.usage.plus(TokenUsage(llm_calls=1))
