"""The proposer protocol: pick one legal edge for a situation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from planexec.schemas.proposals import Chooser, Situation
from planexec.schemas.usage import TokenUsage


@dataclass
class ProposalOutcome:
    """A decision plus how it was reached (rejected LLM answers, token usage)."""

    edge: str
    rationale: str
    chosen_by: Chooser
    rejected: list[str] = field(default_factory=list)
    usage: TokenUsage = field(default_factory=TokenUsage)


class Proposer(Protocol):
    """Anything that picks an edge among `situation.legal_edges`."""

    async def propose(self, situation: Situation) -> ProposalOutcome: ...
