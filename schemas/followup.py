"""A follow-up: a message that refines the previous question (what it kept, what it changed)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from planexec.schemas.base import Contract

FollowUpSource = Literal["thread", "conversation_history"]


class FollowUp(Contract):
    """A message that refines the previous question: what it kept and what it changed."""

    previous_query: str = Field(description="The question this message refines (as understood then).")
    source: FollowUpSource = Field(
        description="Where the previous question came from: the thread's state or the caller's history."
    )
    inherited: list[str] = Field(
        default_factory=list, description="Slots taken over unchanged from the previous question."
    )
    overridden: list[str] = Field(default_factory=list, description="Slots this message changed.")
    cue: str | None = Field(default=None, description="Words that marked the message as a follow-up.")
