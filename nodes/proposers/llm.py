"""The LLM proposer: a chat model picks one legal edge through structured output.

The prompt is built only from the `Situation` (query, slots, intent scores, step statuses and
small facts: never payloads). The output schema's `edge` is an enum of exactly the legal edges.
The call goes through `nodes.llmio.ask_structured` (purpose "route": the structured form the server
accepts, max_tokens, streaming, usage of every request); code validates the answer. An illegal,
malformed, truncated or late answer, or an HTTP error, is rejected, asked once more with the reason,
then the rule proposer decides. With a single legal edge no model is called.
"""

from __future__ import annotations

import json
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from planexec.nodes.llmio import LLMReply, ask_structured, timeout_for
from planexec.nodes.proposers.base import ProposalOutcome
from planexec.nodes.proposers.rules import RuleProposer
from planexec.nodes.proposers.structured import AnswerRejected, answer_object, describe_failure
from planexec.nodes.transitions import edge_meaning
from planexec.schemas.proposals import Situation
from planexec.schemas.settings import Settings
from planexec.schemas.usage import TokenUsage

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


def parse_choice(answer: object, legal_edges: list[str]) -> tuple[str, str]:
    """(edge, rationale) from an answer's payload (or raw message), or AnswerRejected with a short reason."""
    payload = answer_object(answer)
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
    """Proposer backed by a chat model with structured output; rules decide when it fails twice.

    `timeout_s` defaults to the route timeout of `settings` (llm_timeout_route_s, else llm_timeout_s);
    `settings` also pins the structured form (`llm_structured`) and caps the answer
    (`llm_max_tokens_route`)."""

    def __init__(
        self,
        model: BaseChatModel,
        timeout_s: float | None = None,
        fallback: RuleProposer | None = None,
        settings: Settings | None = None,
    ) -> None:
        self.model = model
        self.settings = settings or Settings()
        self.timeout_s = timeout_s if timeout_s is not None else timeout_for("route", self.settings)
        self.fallback = fallback or RuleProposer()

    async def _ask(self, messages: list[BaseMessage], legal: list[str]) -> LLMReply:
        return await ask_structured(
            self.model,
            choice_schema(legal),
            messages,
            purpose="route",
            timeout_s=self.timeout_s,
            settings=self.settings,
            name="propose_edge",
            run_name=RUN_TAG,
        )

    async def propose(self, situation: Situation) -> ProposalOutcome:
        legal = [str(e) for e in situation.legal_edges]
        if len(legal) == 1:
            return ProposalOutcome(
                edge=legal[0], rationale="the only legal edge here.", chosen_by="only_legal"
            )
        messages = build_messages(situation)
        rejected: list[str] = []
        usage = TokenUsage()
        for attempt in (1, 2):
            try:
                reply = await self._ask(messages, legal)
            except AnswerRejected as exc:
                usage, reason = usage.plus(exc.usage), str(exc)
            else:
                try:
                    edge, rationale = parse_choice(reply.payload, legal)
                except AnswerRejected as exc:
                    usage, reason = usage.plus(reply.usage.as_failed()), str(exc)
                else:
                    usage = usage.plus(reply.usage)
                    return ProposalOutcome(edge, rationale, "llm", rejected, usage)
            rejected.append(f"attempt {attempt}: {reason}")
            messages = [*messages, retry_message(reason, legal)]
        decided = self.fallback.decide(situation)
        return ProposalOutcome(decided.edge, decided.rationale, "rules", rejected, usage)
