"""The LLM proposer: a chat model picks one legal edge through structured output.

The prompt is built only from the `Situation` (query, slots, intent scores, step statuses and
small facts: never payloads). The output schema's `edge` is an enum of exactly the legal edges.
The schema is passed as a JSON-Schema dict (not a Pydantic class) so that every answer that
reaches us, legal or not, comes back as a raw message with its token usage; code validates it.
An illegal, malformed or late answer, or an HTTP error, is rejected, asked once more with the
reason, then the rule proposer decides. With a single legal edge no model is called.
"""

from __future__ import annotations

import json
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_core.runnables import Runnable

from planexec.nodes.proposers.base import ProposalOutcome
from planexec.nodes.proposers.rules import RuleProposer
from planexec.nodes.proposers.structured import (
    AnswerRejected,
    StructuredMethod,
    answer_payload,
    call_bounded,
    describe_failure,
    structured_runnable,
)
from planexec.nodes.transitions import edge_meaning
from planexec.schemas.proposals import Situation
from planexec.schemas.usage import TokenUsage
from planexec.tools.text.token_estimate import usage_of_call

__all__ = [  # describe_failure / AnswerRejected are re-exported for the narrator and the agent
    "AnswerRejected",
    "LLMProposer",
    "build_messages",
    "choice_schema",
    "describe_failure",
    "parse_choice",
    "render_situation",
]
MAX_RATIONALE_CHARS = 300
MAX_QUERY_CHARS = 500
MAX_VALUE_CHARS = 120
RUN_TAG = "planexec.propose"  # lets a caller filter this call out of streamed LLM tokens

SYSTEM_PROMPT = (
    "You route a data agent. Code runs every tool; you only choose the next step. "
    "Given the situation as JSON, pick exactly one edge from legal_edges and give a one-sentence "
    "rationale (at most 300 characters). Never invent an edge that is not listed. "
    "Answer only with the JSON object the schema asks for."
)


def _bounded(value: object) -> object:
    if isinstance(value, str):
        return value if len(value) <= MAX_VALUE_CHARS else value[: MAX_VALUE_CHARS - 1] + "…"
    if isinstance(value, dict):
        return {str(k): _bounded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_bounded(v) for v in value[:20]]
    if isinstance(value, float):
        return round(value, 4)
    return value if value is None or isinstance(value, bool | int) else str(value)[:MAX_VALUE_CHARS]


def render_situation(situation: Situation) -> str:
    """Compact JSON of the situation: no payloads, strings and lists bounded."""
    view = {
        "phase": situation.phase,
        "query": situation.query[:MAX_QUERY_CHARS],
        "slots": _bounded(situation.slots),
        "intent_scores": {k: round(v, 3) for k, v in situation.intent_scores.items()},
        "steps": [
            {"alias": s.alias, "tool": s.tool, "status": s.status, "facts": _bounded(s.facts)}
            for s in situation.steps
        ],
        "legal_edges": list(situation.legal_edges),
    }
    return json.dumps(view, ensure_ascii=False, separators=(",", ":"))


def build_messages(situation: Situation) -> list[BaseMessage]:
    """System prompt (with the meaning of each legal edge) and the situation."""
    meanings = "\n".join(f"- {e}: {edge_meaning(e)}" for e in situation.legal_edges)
    system = f"{SYSTEM_PROMPT}\nLegal edges here:\n{meanings}"
    return [SystemMessage(system), HumanMessage(f"Situation:\n{render_situation(situation)}")]


def choice_schema(legal_edges: list[str]) -> dict[str, Any]:
    """JSON Schema of the answer: `edge` is an enum of exactly the legal edges."""
    return {
        "title": "propose_edge",
        "description": "Choose the next edge of the agent's state machine.",
        "type": "object",
        "properties": {
            "edge": {"type": "string", "enum": list(legal_edges), "description": "One legal edge."},
            "rationale": {"type": "string", "description": "One sentence: why this edge."},
        },
        "required": ["edge", "rationale"],
        "additionalProperties": False,
    }


def parse_choice(raw: AIMessage, legal_edges: list[str]) -> tuple[str, str]:
    """(edge, rationale) from a raw answer, or AnswerRejected with a short reason."""
    payload = answer_payload(raw)
    if not isinstance(payload, dict):
        raise AnswerRejected(f"malformed: expected a JSON object, got {type(payload).__name__}")
    edge, rationale = payload.get("edge"), payload.get("rationale")
    if not isinstance(edge, str):
        raise AnswerRejected("malformed: no 'edge' string in the answer")
    if edge not in legal_edges:
        raise AnswerRejected(f"illegal edge {edge[:40]!r}: legal edges are {', '.join(legal_edges)}")
    if not isinstance(rationale, str):
        raise AnswerRejected("malformed: no 'rationale' string in the answer")
    text = " ".join(rationale.split()) or "(no rationale given)"
    if len(text) > MAX_RATIONALE_CHARS:
        text = text[: MAX_RATIONALE_CHARS - 1] + "…"
    return edge, text


def retry_message(reason: str, legal_edges: list[str]) -> HumanMessage:
    return HumanMessage(
        f"Your previous answer was rejected ({reason}). Answer again with a JSON object whose "
        f"'edge' is exactly one of: {', '.join(legal_edges)}; and a one-sentence 'rationale'."
    )


class LLMProposer:
    """Proposer backed by a chat model with structured output; rules decide when it fails twice."""

    def __init__(
        self,
        model: BaseChatModel,
        timeout_s: float,
        fallback: RuleProposer | None = None,
        method: StructuredMethod = "json_schema",
    ) -> None:
        self.model = model
        self.timeout_s = timeout_s
        self.fallback = fallback or RuleProposer()
        self.method = method

    def _structured(self, legal_edges: list[str]) -> Runnable[Any, Any]:
        return structured_runnable(
            self.model, choice_schema(legal_edges), self.method, "planexec.propose", RUN_TAG
        )

    async def _call(self, runnable: Runnable[Any, Any], messages: list[BaseMessage]) -> AIMessage:
        """One bounded request; the raw answer, or AnswerRejected (late, HTTP error, ...)."""
        return await call_bounded(runnable, messages, self.timeout_s)

    async def propose(self, situation: Situation) -> ProposalOutcome:
        legal = [str(e) for e in situation.legal_edges]
        if len(legal) == 1:
            return ProposalOutcome(
                edge=legal[0], rationale="the only legal edge here.", chosen_by="only_legal"
            )
        runnable = self._structured(legal)
        messages = build_messages(situation)
        rejected: list[str] = []
        usage = TokenUsage()
        for attempt in (1, 2):
            raw: AIMessage | None = None
            try:
                raw = await self._call(runnable, messages)
                edge, rationale = parse_choice(raw, legal)
                usage = usage.plus(usage_of_call(messages, raw))
                return ProposalOutcome(edge, rationale, "llm", rejected, usage)
            except AnswerRejected as exc:
                usage = usage.plus(usage_of_call(messages, raw))
                rejected.append(f"attempt {attempt}: {exc}")
                messages = [*messages, retry_message(str(exc), legal)]
        decided = self.fallback.decide(situation)
        return ProposalOutcome(decided.edge, decided.rationale, "rules", rejected, usage)
