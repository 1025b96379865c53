"""The LLM slot proposer: a chat model proposes slot values through structured output.

The model sees only the query text and the slot schema. The schema admits only legal values:
enums of the UF codes, region names, layers, spatial operators (methods), quintiles 1-5 and the
languages; bounded numbers (0 < km <= 500, 0-10,000 MW). Code validates the answer with a
Pydantic model built for the call (`slot_proposal_model`). The call goes through
`nodes.llmio.ask_structured` (purpose "slots"); an illegal, malformed, truncated or late answer or an
HTTP error is rejected (one attempt: the rule parse already answers, so no retry).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, get_args

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage
from pydantic import ValidationError

from planexec.nodes.llmio import ask_structured, timeout_for
from planexec.nodes.proposers.structured import AnswerRejected, answer_object
from planexec.nodes.understanding.places import STATES
from planexec.nodes.understanding.regions import REGIONS
from planexec.schemas.settings import Settings
from planexec.schemas.slot_proposals import (
    MAX_CAPACITY_MW,
    MAX_DISTANCE_KM,
    MAX_INCREMENT_KM2,
    QUINTILES,
    SlotValues,
    slot_proposal_model,
)
from planexec.schemas.slots import Language, Layer, SpatialOperator
from planexec.schemas.usage import TokenUsage

RUN_TAG = "planexec.propose_slots"  # lets a caller filter this call out of streamed LLM tokens
MAX_QUERY_CHARS = 500
SYSTEM_PROMPT = (
    "You read one question about Brazil's solar plants, heat-stress zones and deforestation and "
    "fill the slots the schema lists. Use null (or an empty list) for anything the question does "
    "not say; never guess. Distances in kilometres, capacities in megawatts, deforestation "
    "increments in square kilometres. 'states' are the Brazilian states named (UF codes), 'regions' "
    "the regions named. A '*_strict' flag is true for 'more than'/'less than', false for 'at least'/"
    "'at most', null without its bound. Answer only with the JSON object the schema asks for."
)


def legal_ufs() -> list[str]:
    return sorted(STATES)


def legal_regions() -> list[str]:
    return [region.name for region in REGIONS.values()]


def _nullable(kind: str, **bounds: Any) -> dict[str, Any]:
    return {"type": [kind, "null"], **bounds}


def _enum(values: list[Any], nullable: bool = True) -> dict[str, Any]:
    kinds = sorted({"integer" if isinstance(v, int) else "string" for v in values})
    if nullable:
        return {"type": [*kinds, "null"], "enum": [*values, None]}
    return {"type": kinds[0], "enum": list(values)}


def _array(values: list[Any], description: str) -> dict[str, Any]:
    items = _enum(values, nullable=False)
    return {"type": "array", "items": items, "maxItems": len(values), "description": description}


def slot_json_schema(ufs: list[str], regions: list[str]) -> dict[str, Any]:
    """JSON Schema of the answer: every property required (null/[] when absent), legal values only."""
    mw = {"minimum": 0, "maximum": MAX_CAPACITY_MW}
    km = {"exclusiveMinimum": 0, "maximum": MAX_DISTANCE_KM}
    properties: dict[str, Any] = {
        "operator": _enum(list(get_args(SpatialOperator))),
        "distance_km": _nullable("number", **km, description="Distance (a ring's outer bound), km."),
        "min_distance_km": _nullable("number", **km, description="A ring's inner bound, km."),
        "layer": _enum(list(get_args(Layer))),
        "heat_quintiles": _array(list(QUINTILES), "Heat quintiles (5 = hottest)."),
        "states": _array(ufs, "UF codes of the states named."),
        "regions": _array(regions, "Regions named."),
        "min_capacity_mw": _nullable("number", **mw, description="Lower capacity bound, MW."),
        "min_capacity_strict": _nullable("boolean"),
        "max_capacity_mw": _nullable("number", **mw, description="Upper capacity bound, MW."),
        "max_capacity_strict": _nullable("boolean"),
        "min_increment_km2": _nullable("number", minimum=0, maximum=MAX_INCREMENT_KM2),
        "min_increment_strict": _nullable("boolean"),
        "language": _enum(list(get_args(Language))),
    }
    return {
        "title": "propose_slots",
        "description": "Slot values of the question (null / [] when the question does not say).",
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def build_slot_messages(query: str) -> list[BaseMessage]:
    return [SystemMessage(SYSTEM_PROMPT), HumanMessage(f"Question:\n{query[:MAX_QUERY_CHARS]}")]


def _first_errors(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors()[:3]:
        where = ".".join(str(p) for p in error["loc"]) or "answer"
        parts.append(f"{where}: {error['msg']} (got {str(error.get('input'))[:40]!r})")
    return "; ".join(parts)


def parse_slot_answer(answer: object, ufs: list[str], regions: list[str]) -> SlotValues:
    """The validated values of an answer's payload (or raw message), or AnswerRejected with a short reason."""
    payload = answer_object(answer)
    try:
        proposal = slot_proposal_model(ufs, regions).model_validate(payload)
    except ValidationError as exc:
        raise AnswerRejected(f"illegal slot values: {_first_errors(exc)}") from exc
    return SlotValues.model_validate(proposal.model_dump(exclude={"schema_version"}))


@dataclass
class SlotAttempt:
    """The LLM's validated values (None when rejected), rejections and token usage."""

    values: SlotValues | None
    rejected: list[str] = field(default_factory=list)
    usage: TokenUsage = field(default_factory=TokenUsage)


class SlotProposer:
    """Asks a chat model for slot values once; validates them; never raises.

    `timeout_s` defaults to the slots timeout of `settings` (llm_timeout_slots_s, else llm_timeout_s)."""

    def __init__(
        self, model: BaseChatModel, timeout_s: float | None = None, settings: Settings | None = None
    ) -> None:
        self.model = model
        self.settings = settings or Settings()
        self.timeout_s = timeout_s if timeout_s is not None else timeout_for("slots", self.settings)

    async def propose(self, query: str) -> SlotAttempt:
        ufs, regions = legal_ufs(), legal_regions()
        messages = build_slot_messages(query)
        try:
            reply = await ask_structured(
                self.model,
                slot_json_schema(ufs, regions),
                messages,
                purpose="slots",
                timeout_s=self.timeout_s,
                settings=self.settings,
                name="propose_slots",
                run_name=RUN_TAG,
            )
        except AnswerRejected as exc:
            return SlotAttempt(None, [str(exc)], exc.usage)
        try:
            values = parse_slot_answer(reply.payload, ufs, regions)
        except AnswerRejected as exc:
            return SlotAttempt(None, [str(exc)], reply.usage.as_failed())
        return SlotAttempt(values, [], reply.usage)
