"""Token usage of the LLM calls made for one query."""

from __future__ import annotations

from pydantic import Field

from planexec.schemas.base import Contract


class TokenUsage(Contract):
    prompt_tokens: int = Field(default=0, ge=0, description="Prompt (input) tokens.")
    completion_tokens: int = Field(default=0, ge=0, description="Completion (output) tokens.")
    total_tokens: int = Field(default=0, ge=0, description="prompt + completion.")
    llm_calls: int = Field(default=0, ge=0, description="LLM requests made.")
    estimated: bool = Field(
        default=False, description="True when some counts are offline estimates (server gave no usage)."
    )
    failed_calls: int = Field(
        default=0,
        ge=0,
        description="Of llm_calls, requests whose answer could not be used (late, HTTP error, cut off by "
        "the token limit, malformed); their tokens are counted too when the server reported or answered.",
    )

    def plus(self, other: TokenUsage) -> TokenUsage:
        return TokenUsage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            total_tokens=self.total_tokens + other.total_tokens,
            llm_calls=self.llm_calls + other.llm_calls,
            estimated=self.estimated or other.estimated,
            failed_calls=self.failed_calls + other.failed_calls,
        )

    def as_failed(self) -> TokenUsage:
        """The same counts with every call marked as failed."""
        return self.model_copy(update={"failed_calls": self.llm_calls})
