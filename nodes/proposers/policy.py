"""The proposer policy: who decides an edge — the rules alone, the LLM as a tie-breaker, or the LLM first.

`Settings.llm_proposer_policy` (or `ChatContext.proposer_policy`) picks it when an LLM is configured:

- `tie_breaker` (default): the rule proposer decides; the LLM is asked only when the rules are
  UNSURE (`unsure_reasons`), and then only among the rules' plausible candidates (`candidates`).
  When the rules are sure no model is called and the rules' choice stands. After execution
  (compose / replan) the rules are always sure: a transient failure is retried once, by rule.
- `primary`: the LLM decides among every legal edge; the rules' choice is computed and recorded
  beside it (and decides when the LLM's answer is rejected).
- `rules_only`: no LLM configured.

"Unsure", on the route phase (thresholds are data: `Certainty`; the reasons are `UnsureReason`):

- `ambiguous_intents`: the understanding's top two intents are within 0.1 and both >= 0.4;
- `missing_slots`: the best intent's recipe lacks a slot it needs (`intents.missing`);
- `close_scores`: the runner-up legal recipe scores >= `weak_signal` and within `margin` of the top;
- `low_score`: the rules chose a recipe scoring below `sure_score`;
- `weak_signal`: the rules chose no recipe (clarify / general agent) although a legal recipe
  scores >= `weak_signal`.

On the development set the rules are sure of every question (lowest chosen score 0.75, smallest
lead 0.35), so under `tie_breaker` a model that is always wrong changes no answer there.
Every decision is recorded in a `ProposalRecord`: policy, rules_edge, llm_edge, asked_llm,
offered_edges, unsure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planexec.nodes.proposers.base import ProposalOutcome, Proposer
from planexec.nodes.proposers.rules import RuleProposer
from planexec.nodes.recipes import REGISTRY
from planexec.nodes.transitions import CLARIFY, GENERAL_AGENT
from planexec.nodes.understand import MISSING_PREVIOUS
from planexec.schemas.proposals import Chooser, ProposerPolicy, Situation, UnsureReason
from planexec.schemas.slots import IntentScores
from planexec.schemas.usage import TokenUsage


@dataclass(frozen=True)
class Certainty:
    """When the rules are sure of a route (see the module docstring)."""

    sure_score: float = 0.7
    """The recipe the rules chose must score at least this."""
    margin: float = 0.2
    """...and lead the next legal recipe by at least this (when that one scores >= weak_signal)."""
    weak_signal: float = 0.3
    """A recipe scoring at least this is a plausible candidate."""


CERTAINTY = Certainty()


def ranked_recipes(situation: Situation) -> list[tuple[float, str]]:
    """The legal recipes with their intent scores, best first (registry order breaks ties)."""
    scores = situation.intent_scores
    order = {name: i for i, name in enumerate(REGISTRY)}
    legal = [e for e in situation.legal_edges if e in REGISTRY]
    return sorted(((scores.get(e, 0.0), e) for e in legal), key=lambda se: (-se[0], order[se[1]]))


def unsure_reasons(
    situation: Situation, intents: IntentScores, rules_edge: str, certainty: Certainty = CERTAINTY
) -> list[UnsureReason]:
    """Why the rules are unsure of `rules_edge` here; empty when they are sure (always after execution)."""
    if situation.phase != "route" or len(situation.legal_edges) < 2:
        return []
    reasons: list[UnsureReason] = []
    if intents.ambiguous:
        reasons.append("ambiguous_intents")
    if [m for m in intents.missing if m != MISSING_PREVIOUS]:
        reasons.append("missing_slots")
    ranked = ranked_recipes(situation)
    top = ranked[0][0] if ranked else 0.0
    second = ranked[1][0] if len(ranked) > 1 else 0.0
    if second >= certainty.weak_signal and top - second < certainty.margin - 1e-9:
        reasons.append("close_scores")
    if rules_edge in REGISTRY:
        if situation.intent_scores.get(rules_edge, 0.0) < certainty.sure_score:
            reasons.append("low_score")
    elif top >= certainty.weak_signal:
        reasons.append("weak_signal")
    return reasons


def candidates(situation: Situation, rules_edge: str, certainty: Certainty = CERTAINTY) -> list[str]:
    """What a tie-breaker may choose: the rules' choice, the legal recipes scoring >= weak_signal, the
    general agent and clarify (when legal), in the legal edges' order."""
    plausible = {e for s, e in ranked_recipes(situation) if s >= certainty.weak_signal}
    keep = plausible | {rules_edge, GENERAL_AGENT, CLARIFY}
    return [e for e in situation.legal_edges if e in keep]


@dataclass
class PolicyDecision:
    """The edge decided under a policy, and both sides of it (for the ProposalRecord)."""

    edge: str
    rationale: str
    chosen_by: Chooser
    policy: ProposerPolicy
    rules_edge: str
    llm_edge: str | None = None
    asked_llm: bool = False
    offered: list[str] = field(default_factory=list)
    unsure: list[UnsureReason] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    usage: TokenUsage = field(default_factory=TokenUsage)


def _rules(rules: ProposalOutcome, policy: ProposerPolicy, **extra: object) -> PolicyDecision:
    return PolicyDecision(
        edge=rules.edge,
        rationale=rules.rationale,
        chosen_by=rules.chosen_by,
        policy=policy,
        rules_edge=rules.edge,
        **extra,  # type: ignore[arg-type]
    )


async def decide(
    policy: ProposerPolicy,
    situation: Situation,
    intents: IntentScores,
    llm: Proposer | None,
    certainty: Certainty = CERTAINTY,
) -> PolicyDecision:
    """Decide the next edge under `policy`. `llm` is the LLM-backed proposer (None: rules only)."""
    rules = RuleProposer().decide(situation)
    if len(situation.legal_edges) == 1:
        only = ProposalOutcome(situation.legal_edges[0], "only one edge is legal here", "only_legal")
        return _rules(only, policy)
    unsure = unsure_reasons(situation, intents, rules.edge, certainty)
    if llm is None or policy == "rules_only":
        return _rules(rules, "rules_only", unsure=unsure)
    offered = [str(e) for e in situation.legal_edges]
    if policy == "tie_breaker":
        offered = candidates(situation, rules.edge, certainty)
        if not unsure or len(offered) < 2:
            why = "the rules are sure" if not unsure else "only one candidate"
            rules.rationale = f"{rules.rationale} ({why}; the LLM was not asked)"
            return _rules(rules, policy, unsure=unsure)
    asked = situation.model_copy(update={"legal_edges": offered})
    outcome = await llm.propose(asked)
    extra = {"asked_llm": True, "offered": offered, "unsure": unsure, "usage": outcome.usage}
    if outcome.chosen_by != "llm" or outcome.edge not in offered:  # rejected: the rules decide
        rejected = list(outcome.rejected)
        if outcome.edge not in offered:
            rejected.append(f"illegal edge {outcome.edge!r}")
        return _rules(rules, policy, rejected=rejected, **extra)
    return PolicyDecision(
        edge=outcome.edge,
        rationale=outcome.rationale,
        chosen_by="llm",
        policy=policy,
        rules_edge=rules.edge,
        llm_edge=outcome.edge,
        rejected=outcome.rejected,
        **extra,  # type: ignore[arg-type]
    )
