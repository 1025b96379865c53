"""The rule proposer: the deterministic default when no LLM is configured."""

from __future__ import annotations

from planexec.nodes.proposers.base import ProposalOutcome
from planexec.nodes.recipes import REGISTRY
from planexec.schemas.proposals import Situation


def _route(situation: Situation) -> tuple[str, str]:
    legal = situation.legal_edges
    scores = situation.intent_scores
    ranked = sorted(((scores.get(edge, 0.0), edge) for edge in REGISTRY if edge in legal), reverse=True)
    if ranked and ranked[0][0] >= 0.4:
        top_score, top = ranked[0]
        if len(ranked) > 1 and ranked[1][0] >= 0.4 and top_score - ranked[1][0] < 0.1:
            return "clarify", f"'{top}' and '{ranked[1][1]}' fit about equally; asking the user."
        return top, f"intent '{top}' scores {top_score:.2f}, the highest of the legal recipes."
    if "general_agent" in legal and scores.get("general", 0.0) >= 0.3:
        return "general_agent", "no recipe fits; the query is on topic, so the general agent takes it."
    return "clarify", "no recipe fits the query well enough."


def _after_execution(situation: Situation) -> tuple[str, str]:
    failed = [s for s in situation.steps if s.status in {"timeout", "error"}]
    if failed and "replan" in situation.legal_edges:
        return "replan", f"{len(failed)} step(s) failed transiently; trying the plan once more."
    return "compose", "the plan has run; composing the answer from its facts."


class RuleProposer:
    """Keyword/intent rules over the situation. Always returns a legal edge."""

    async def propose(self, situation: Situation) -> ProposalOutcome:
        return self.decide(situation)

    def decide(self, situation: Situation) -> ProposalOutcome:
        if situation.phase == "route":
            edge, why = _route(situation)
        else:
            edge, why = _after_execution(situation)
        if edge not in situation.legal_edges:
            edge, why = situation.legal_edges[0], f"fallback to the first legal edge ({why})"
        return ProposalOutcome(edge=edge, rationale=why, chosen_by="rules")
