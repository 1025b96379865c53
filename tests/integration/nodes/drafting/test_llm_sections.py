"""Drafted sections from a real chat model over HTTP (scripted OpenAI server, production model class):
what a small model sent back — the system prompt parroted with `&#39;` and 'e.g. [2]', a citation on a
claim its passage does not hold, an answer cut off — is rejected with the reason in the trace, and the
section is written extractively; a faithful section is kept. Requests carry max_tokens."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import pytest
from langgraph.runtime import Runtime

from planexec.nodes.drafting.draft_section import draft_section
from planexec.nodes.drafting.execute_draft_phase import section_task
from planexec.schemas.drafting import DraftPlan
from planexec.schemas.settings import Settings
from tests.support.openai_server import Reply, ScriptedOpenAIServer, content, truncated

pytestmark = pytest.mark.integration


def _draft(state: dict[str, Any], server: ScriptedOpenAIServer, section_id: str) -> dict[str, Any]:
    spec = next(s for s in DraftPlan.model_validate(state["plan"]).sections if s.id == section_id)
    deps = replace(state["deps"], llm=server.chat_model(timeout_s=10.0), llm_attempts=2)
    return draft_section(section_task(state, spec), runtime=Runtime(context=deps))  # type: ignore[arg-type]


def _user(body: dict[str, Any]) -> str:
    return str(body["messages"][-1]["content"])


def faithful(body: dict[str, Any]) -> Reply:
    """A section made of the first passages' own words, each paragraph citing its passage."""
    passages = re.findall(r"^\[(\d+)\] \([^)]*\) (.+)$", _user(body), re.M)
    return content("\n\n".join(f"{' '.join(text.split()[:40])} [{n}]." for n, text in passages[:3]))


def parrot(body: dict[str, Any]) -> Reply:
    """The system prompt sent back, apostrophes as HTML entities (what Gemma 3 270M did)."""
    return content(str(body["messages"][0]["content"]).replace("'", "&#39;"))


def unsupported(body: dict[str, Any]) -> Reply:
    """Well-formed prose whose citations point at passages that say nothing of the kind."""
    claim = "Deforestation in the Amazon doubled after the agreement entered into force, experts say"
    return content("\n\n".join(f"{claim} in year {n} of the programme [{n}]." for n in (1, 2)))


def _validation_errors(update: dict[str, Any]) -> list[list[str]]:
    return [t["detail"]["errors"] for t in update["trace"] if t["tool"] == "drafting.validate_section"]


def test_a_faithful_section_is_kept_and_requests_carry_max_tokens(
    indexed_state: dict[str, Any], openai_server: ScriptedOpenAIServer
) -> None:
    openai_server.respond_with(faithful)
    update = _draft(indexed_state, openai_server, "context")
    assert update["failures"]["context"] == []
    assert update["sections"]["context"]["composer"] == "llm"
    assert [b["max_tokens"] for b in openai_server.bodies] == [Settings().llm_max_tokens_draft]


def test_a_parroted_system_prompt_is_rejected_and_the_section_written_extractively(
    indexed_state: dict[str, Any], openai_server: ScriptedOpenAIServer
) -> None:
    openai_server.respond_with(parrot)
    update = _draft(indexed_state, openai_server, "context")
    section = update["sections"]["context"]
    assert section["composer"] == "extractive_fallback" and update["failures"]["context"] == []
    assert "&#39;" not in " ".join(p["text"] for p in section["paragraphs"])
    first, second, last = _validation_errors(update)
    for errors in (first, second):
        assert "paragraph 1 repeats the prompt: 'you write one section of a'" in errors
        assert "paragraph 1 has markup: HTML entity &#39;" in errors
        assert "paragraph 1 copies the instructions' example citation 'e.g. [2]'" in errors
    assert last == []
    assert "Your previous answer was rejected: paragraph 1 repeats the prompt" in _user(
        openai_server.bodies[1]
    )


def test_a_citation_on_a_claim_its_passage_does_not_hold_is_rejected(
    indexed_state: dict[str, Any], openai_server: ScriptedOpenAIServer
) -> None:
    openai_server.respond_with(unsupported)
    update = _draft(indexed_state, openai_server, "context")
    assert update["sections"]["context"]["composer"] == "extractive_fallback"
    first = _validation_errors(update)[0]
    assert any(e.startswith("paragraph 1: [1] does not support 'Deforestation in the Amazon") for e in first)
    assert any(e.startswith("paragraph 2: [2] does not support") for e in first)


def test_an_answer_cut_off_at_the_token_limit_is_rejected_with_its_reason(
    indexed_state: dict[str, Any], openai_server: ScriptedOpenAIServer
) -> None:
    openai_server.respond_with(lambda body: truncated(faithful(body)))
    update = _draft(indexed_state, openai_server, "context")
    assert update["sections"]["context"]["composer"] == "extractive_fallback"
    reason = "composer: answer cut off at the token limit (finish_reason 'length')"
    assert _validation_errors(update)[:2] == [[reason], [reason]]
    composed = [t["detail"]["error"] for t in update["trace"] if t["tool"] == "drafting.compose_and_cite"]
    assert composed[:2] == ["answer cut off at the token limit (finish_reason 'length')"] * 2
