"""Token accounting over the requests of one ask: every request counts, failed ones are marked as such.

Counts come from the server when it reports them (`usage_metadata`), else from the offline estimate
(`usage_of_call`, marked `estimated`). A request the server never answered (late, connection error,
HTTP error) counts as one failed call with no tokens.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from langchain_core.messages import AIMessage, BaseMessage

from planexec.schemas.usage import TokenUsage
from planexec.tools.text.token_estimate import usage_of_call


@dataclass
class Spent:
    """Running total of one ask's requests."""

    usage: TokenUsage = field(default_factory=TokenUsage)

    def answered(self, messages: Sequence[BaseMessage], raw: AIMessage) -> TokenUsage:
        """Count a request whose answer is used; returns that request's usage."""
        one = usage_of_call(messages, raw)
        self.usage = self.usage.plus(one)
        return one

    def failed(self, messages: Sequence[BaseMessage], raw: AIMessage | None) -> TokenUsage:
        """Count a request whose answer is not used (None: the server gave none)."""
        one = usage_of_call(messages, raw).as_failed()
        self.usage = self.usage.plus(one)
        return one
