"""Token usage of every model call the agent makes (the API's counts, else an offline estimate).

Every call counts. A call whose answer cannot be used is also counted in `failed_calls`: one cut off
at the token limit (finish_reason "length", its tokens counted) and one that raised — with the tokens
the error carries when the server answered and reported them (an `AnswerRejected`'s usage, an OpenAI
error body or completion with `usage`), else as one call with no tokens.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from langchain_core.callbacks import AsyncCallbackHandler
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import LLMResult

from planexec.schemas.usage import TokenUsage
from planexec.tools.text.token_estimate import usage_of_call


def _reported(usage: Any) -> TokenUsage | None:
    """TokenUsage from an OpenAI-style usage object or dict, if it has counts."""
    if isinstance(usage, TokenUsage):
        return usage
    get = usage.get if isinstance(usage, dict) else lambda key: getattr(usage, key, None)
    prompt, completion = get("prompt_tokens"), get("completion_tokens")
    if not isinstance(prompt, int) or not isinstance(completion, int):
        return None
    return TokenUsage(
        prompt_tokens=prompt, completion_tokens=completion, total_tokens=prompt + completion, llm_calls=1
    )


def usage_of_error(error: BaseException) -> TokenUsage:
    """What a failed call cost, as far as the error tells (marked failed; at least one call)."""
    current: BaseException | None = error
    while current is not None:
        for carrier in (current, getattr(current, "completion", None), getattr(current, "body", None)):
            found = getattr(carrier, "usage", None) if not isinstance(carrier, dict) else carrier.get("usage")
            if found is not None and (usage := _reported(found)) is not None:
                return usage.model_copy(update={"llm_calls": max(1, usage.llm_calls)}).as_failed()
        current = current.__cause__ or current.__context__
    return TokenUsage(llm_calls=1, failed_calls=1)


class UsageRecorder(AsyncCallbackHandler):
    """Sums the usage of the chat-model runs it sees; failed and cut-off calls are marked failed."""

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
        reply = reply if isinstance(reply, AIMessage) else None
        one = usage_of_call(prompt, reply)
        if reply is not None and (reply.response_metadata or {}).get("finish_reason") == "length":
            one = one.as_failed()
        self.usage = self.usage.plus(one)

    async def on_llm_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        self._prompts.pop(run_id, None)
        self.usage = self.usage.plus(usage_of_error(error))
