"""What the propose node sees (the situation) and decides (a proposal)."""

from __future__ import annotations

from typing import Annotated, Literal, TypeAlias

from pydantic import Field

from planexec.schemas.base import Contract
from planexec.schemas.slot_proposals import SlotComparison
from planexec.schemas.slots import NAME_PATTERN

Edge: TypeAlias = Annotated[str, Field(pattern=NAME_PATTERN)]
"""An edge of the chat graph: a registered recipe's name, or general_agent / clarify / compose /
replan. Recipes are registered at run time (nodes layer), so the node layer checks the name; the
LLM's structured output restricts it to the legal edges (an enum built at call time)."""
Chooser = Literal["rules", "llm", "only_legal"]
ProposerPolicy = Literal["rules_only", "tie_breaker", "primary"]
"""Who decides an edge: `rules_only` (no LLM configured), `tie_breaker` (the LLM only when the rules
are unsure), `primary` (the LLM among the legal edges, the rules' choice recorded beside it)."""
UnsureReason = Literal["ambiguous_intents", "close_scores", "low_score", "missing_slots", "weak_signal"]
"""Why the rules were unsure of a route (see `nodes/proposers/policy.py` for the thresholds)."""


class StepStatus(Contract):
    alias: str = Field(description="Plan step alias.")
    tool: str = Field(description="server.tool")
    status: str = Field(description="pending | ok | timeout | error | invalid | skipped")
    facts: dict[str, float | int | str | bool | None] = Field(
        default_factory=dict, description="Small facts (counts) — never payloads."
    )


class Situation(Contract):
    """Compact view of the state given to a proposer. Never payloads: counts, keys, statuses."""

    phase: Literal["route", "after_execution"] = Field(description="Which decision point this is.")
    query: str = Field(description="User query (bounded length).")
    slots: dict[str, object] = Field(description="Parsed slots.")
    intent_scores: dict[str, float] = Field(description="Score per intent.")
    steps: list[StepStatus] = Field(default_factory=list, description="Plan step statuses so far.")
    legal_edges: list[Edge] = Field(description="Edges code allows here; the proposer must pick one.")


class Proposal(Contract):
    edge: Edge = Field(description="The chosen next edge (one of the legal ones).")
    rationale: str = Field(max_length=400, description="One sentence: why this edge.")


class ProposalRecord(Contract):
    """One decision, as recorded in state['proposals']: an edge choice, or (phase "slots") the slot
    values of the rule parse and of the LLM side by side (`slots`; then `edge` is empty)."""

    phase: str = Field(description="Decision point: route | after_execution | slots.")
    legal_edges: list[str] = Field(description="Edges that were legal (empty for phase 'slots').")
    edge: str = Field(description="Chosen edge (empty for phase 'slots').")
    chosen_by: Chooser = Field(description="rules | llm | only_legal")
    rationale: str = Field(description="Why.")
    rejected: list[str] = Field(default_factory=list, description="Rejected LLM answers and why.")
    ts: float = Field(description="Unix time.")
    slots: SlotComparison | None = Field(
        default=None, description="Phase 'slots': rule values, LLM values, disagreements, what was used."
    )
    policy: ProposerPolicy | None = Field(
        default=None,
        description="Proposer policy in force: rules_only (no LLM), tie_breaker (the LLM only when the "
        "rules are unsure) or primary (the LLM decides among the legal edges). None in records written "
        "before policies existed.",
    )
    asked_llm: bool = Field(
        default=False, description="True when the LLM was asked for this decision (answer usable or not)."
    )
    rules_edge: str | None = Field(
        default=None,
        description="The rule proposer's choice, always computed beside the LLM (None for phase 'slots').",
    )
    llm_edge: str | None = Field(
        default=None,
        description="The LLM's proposal when it gave a legal one (None: not asked, or its answer rejected).",
    )
    offered_edges: list[str] = Field(
        default_factory=list,
        description="Edges the LLM could choose among (under tie_breaker: the rules' plausible candidates "
        "only); empty when it was not asked.",
    )
    unsure: list[UnsureReason] = Field(
        default_factory=list,
        description="Why the rules were unsure (empty: sure). Under tie_breaker the LLM is asked only "
        "when this is not empty.",
    )
