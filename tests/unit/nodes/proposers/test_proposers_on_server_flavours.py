"""Proposers against a server refusing json_schema (llama-cpp-python): structured answers, no rejection."""

from __future__ import annotations

from planexec.nodes.llmio import forget
from planexec.nodes.proposers.llm import LLMProposer
from planexec.nodes.proposers.slots import SlotProposer
from planexec.schemas.proposals import Situation
from planexec.schemas.settings import Settings
from tests.support.openai_server import LLAMA_CPP_PYTHON, ScriptedOpenAIServer, structured, truncated

LEGAL = ["spatial_correlation", "solar_map", "clarify"]


def _situation() -> Situation:
    return Situation(
        phase="route",
        query="solar plants within 1 km of heat stress zones",
        slots={"operator": "proximity", "distance_km": 1, "layer": "heat"},
        intent_scores={"spatial_correlation": 0.9, "solar_map": 0.5},
        legal_edges=LEGAL,  # type: ignore[arg-type]
    )


def _slots(**values: object) -> dict[str, object]:
    names = ("operator", "distance_km", "min_distance_km", "layer", "min_capacity_mw", "min_capacity_strict")
    names += (
        "max_capacity_mw",
        "max_capacity_strict",
        "min_increment_km2",
        "min_increment_strict",
        "language",
    )
    empty = {"heat_quintiles": [], "states": [], "regions": []}
    return {**dict.fromkeys(names), **empty, **values}


async def test_edge_proposer_gets_structured_answers_from_llama_cpp_python() -> None:
    forget()
    with ScriptedOpenAIServer(flavour=LLAMA_CPP_PYTHON) as server:
        server.respond_with(
            lambda body: structured({"edge": "spatial_correlation", "rationale": "1 km join."})
        )
        proposer = LLMProposer(server.chat_model(), timeout_s=5)
        first = await proposer.propose(_situation())
        second = await proposer.propose(_situation())
        assert (first.chosen_by, first.edge, first.rejected) == ("llm", "spatial_correlation", [])
        assert (first.usage.llm_calls, first.usage.failed_calls) == (2, 1)  # the refused json_schema request
        assert (second.chosen_by, second.usage.llm_calls, second.usage.failed_calls) == ("llm", 1, 0)
        # json_schema refused (HTTP 500); json_object streamed answers a bare role delta (measured on
        # llama-cpp-python's chatml-function-calling format), so it is asked unstreamed; then remembered
        assert [(b["response_format"]["type"], bool(b.get("stream"))) for b in server.bodies] == [
            ("json_schema", True),
            ("json_object", True),
            ("json_object", False),
            ("json_object", False),
        ]
        assert all(b["max_tokens"] == 200 for b in server.bodies)


async def test_slot_proposer_gets_structured_answers_from_llama_cpp_python() -> None:
    forget()
    with ScriptedOpenAIServer(flavour=LLAMA_CPP_PYTHON) as server:
        server.respond_with(lambda body: structured(_slots(states=["BA"], language="en")))
        settings = Settings(llm_max_tokens_slots=300)
        attempt = await SlotProposer(server.chat_model(), timeout_s=5, settings=settings).propose(
            "plants in Bahia"
        )
        assert attempt.rejected == [] and attempt.values is not None and attempt.values.states == ["BA"]
        assert server.bodies[-1]["response_format"]["type"] == "json_object"
        assert server.bodies[-1]["max_tokens"] == 300


async def test_truncated_twice_proposal_is_rejected_and_the_rules_decide() -> None:
    forget()
    with ScriptedOpenAIServer() as server:
        server.respond_with(lambda body: truncated(structured('{"edge": "sol', usage=(100, 200))))
        outcome = await LLMProposer(server.chat_model(), timeout_s=5).propose(_situation())
        assert outcome.chosen_by == "rules" and all("truncated" in r for r in outcome.rejected)
        assert (outcome.usage.llm_calls, outcome.usage.failed_calls, outcome.usage.total_tokens) == (
            4,
            4,
            1200,
        )
