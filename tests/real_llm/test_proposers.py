"""The edge proposer and the slot proposer get structured answers from a real server."""

from __future__ import annotations

from langchain_core.language_models import BaseChatModel

from planexec.nodes.proposers.llm import LLMProposer
from planexec.nodes.proposers.slots import SlotProposer
from planexec.schemas.proposals import Situation
from planexec.schemas.settings import Settings

TRANSPORT = ("HTTP ", "call failed", "late:")


def _situation() -> Situation:
    return Situation(
        phase="route",
        query="solar facilities within 1 km of extreme heat zones in Brazil",
        slots={"distance_km": 1.0, "layer": "heat"},
        intent_scores={"spatial_correlation": 0.9, "solar_map": 0.45},
        legal_edges=["spatial_correlation", "solar_map", "clarify"],
    )


async def test_edge_proposal_is_a_legal_structured_answer(
    real_model: BaseChatModel, llm_settings: Settings
) -> None:
    proposer = LLMProposer(real_model, timeout_s=llm_settings.llm_timeout_s)
    outcome = await proposer.propose(_situation())
    assert not [r for r in outcome.rejected if any(t in r for t in TRANSPORT)], outcome.rejected
    assert outcome.chosen_by == "llm", outcome.rejected
    assert outcome.edge in {"spatial_correlation", "solar_map", "clarify"}
    assert outcome.usage.llm_calls >= 1 and outcome.usage.prompt_tokens > 0


async def test_slot_proposal_reaches_validation(real_model: BaseChatModel, llm_settings: Settings) -> None:
    attempt = await SlotProposer(real_model, settings=llm_settings).propose(
        "usinas solares na Bahia a menos de 5 km de zonas de calor extremo"
    )
    # the answer was delivered and parsed as JSON: at worst a value the contract refuses
    unusable = (*TRANSPORT, "malformed")
    assert not [r for r in attempt.rejected if any(t in r for t in unusable)], attempt.rejected
    assert attempt.values is not None or all("illegal slot values" in r for r in attempt.rejected)
    assert attempt.usage.llm_calls >= 1
