"""Conversations: how a turn relates to the turns before it (follow-ups) and the record a thread
keeps of each finished turn."""

from __future__ import annotations

from pydantic import Field

from planexec.schemas.base import Contract
from planexec.schemas.followup import FollowUp, FollowUpSource
from planexec.schemas.slots import Understanding

__all__ = ["FollowUp", "FollowUpSource", "TurnRecord", "TurnStart"]


class TurnRecord(Contract):
    """One finished turn of a thread, kept in the thread's append-only `turns` channel (compact:
    slots, route, counts and the narration — never payloads, plans or timelines)."""

    index: int = Field(ge=0, description="Position of the turn in the thread (0 = first message).")
    turn_id: str = Field(min_length=1, description="Id of the turn, unique within its thread.")
    query: str = Field(description="The user's message, as the turn read it.")
    route: str | None = Field(default=None, description="Recipe, 'clarify' or 'general_agent'.")
    understanding: Understanding | None = Field(
        default=None, description="Slots and intents of the turn (after a follow-up's merge)."
    )
    follow_up: FollowUp | None = Field(
        default=None, description="What the turn inherited from the previous question, if anything."
    )
    facts: dict[str, float | int | str | bool | None] = Field(
        default_factory=dict, description="The turn's named facts (counts)."
    )
    module_types: list[str] = Field(default_factory=list, description="Types of the modules answered.")
    steps: int = Field(default=0, ge=0, description="Plan steps of the turn.")
    errors: int = Field(default=0, ge=0, description="Failures the answer reported.")
    narration: str | None = Field(default=None, description="The overview text of the answer.")
    started_at: float | None = Field(default=None, description="Unix time the turn started.")
    finished_at: float | None = Field(default=None, description="Unix time the turn finished.")


class TurnStart(Contract):
    """The turn in progress (set by `start_turn`; kept when a turn is resumed)."""

    index: int = Field(ge=0, description="Position of the turn in the thread (finished turns before it).")
    turn_id: str = Field(min_length=1, description="Id of the turn, unique within its thread.")
    query: str = Field(description="The user's message the turn answers.")
    message_id: str | None = Field(default=None, description="Id of that human message in `messages`.")
    started_at: float = Field(description="Unix time the turn started.")
