"""max_tokens of a call by purpose (from `Settings`), raised once when an answer is cut off."""

from __future__ import annotations

from planexec.schemas.llm import Purpose
from planexec.schemas.settings import Settings

LENGTH_RETRY_FACTOR = 2


def max_tokens_for(purpose: Purpose, settings: Settings) -> int:
    """The configured cap of a call made for `purpose`."""
    caps = {
        "route": settings.llm_max_tokens_route,
        "slots": settings.llm_max_tokens_slots,
        "narration": settings.llm_max_tokens_narration,
        "agent": settings.llm_max_tokens_agent,
        "draft": settings.llm_max_tokens_draft,
    }
    return int(caps[purpose])


def timeout_for(purpose: Purpose, settings: Settings) -> float:
    """The per-purpose timeout (route, slots, narration), else `llm_timeout_s`."""
    specific = {
        "route": settings.llm_timeout_route_s,
        "slots": settings.llm_timeout_slots_s,
        "narration": settings.llm_timeout_narration_s,
    }.get(purpose)
    return float(specific if specific is not None else settings.llm_timeout_s)
