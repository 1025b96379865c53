"""validate_section: schema, citations resolve to indexed passages, every paragraph cited, length."""

from __future__ import annotations

import copy
from typing import Any

from langgraph.runtime import Runtime

from planexec.nodes.drafting.citations import content_hash
from planexec.nodes.drafting.draft_section import draft_section
from planexec.nodes.drafting.execute_draft_phase import section_task
from planexec.nodes.drafting.state import SectionTask
from planexec.nodes.drafting.validate_section import validate_section
from planexec.schemas.drafting import DraftPlan


def drafted(state: dict[str, Any], section_id: str) -> tuple[SectionTask, dict[str, Any]]:
    spec = next(s for s in DraftPlan.model_validate(state["plan"]).sections if s.id == section_id)
    task = section_task(state, spec)  # type: ignore[arg-type]
    update = draft_section(task, runtime=Runtime(context=state["deps"]))
    assert update["failures"][section_id] == []
    return task, update["sections"][section_id]


def check(task: SectionTask, draft: dict[str, Any] | None) -> list[str]:
    return validate_section({"task": task, "draft": draft, "trace": []})["errors"]


def rehash(draft: dict[str, Any]) -> dict[str, Any]:
    draft["content_hash"] = content_hash(draft["paragraphs"], draft["citations"])
    return draft


def test_a_drafted_section_is_valid(indexed_state: dict[str, Any]) -> None:
    task, draft = drafted(indexed_state, "evidence")
    assert check(task, draft) == []
    assert any("788" in p["text"] for p in draft["paragraphs"])


def test_citation_to_a_missing_passage_is_rejected(indexed_state: dict[str, Any]) -> None:
    task, draft = drafted(indexed_state, "context")
    bad = rehash(copy.deepcopy(draft))
    bad["citations"][0]["passage_id"] = "paris_agreement_2015_en.txt#s99.p1"
    errors = check(task, bad)
    assert any("is not an indexed passage" in e for e in errors), errors


def test_uncited_paragraph_unknown_marker_length_and_schema(indexed_state: dict[str, Any]) -> None:
    task, draft = drafted(indexed_state, "adaptation")
    uncited = rehash(copy.deepcopy(draft))
    uncited["paragraphs"].append({"text": "An uncited claim.", "citations": [1]})
    unknown = rehash(copy.deepcopy(draft))
    unknown["paragraphs"][0]["text"] += " [42]"
    short = rehash(copy.deepcopy(draft))
    short["paragraphs"] = short["paragraphs"][:1]
    short["paragraphs"][0]["text"] = "Too short [1]"
    short = rehash(short)
    assert any("has no citation" in e for e in check(task, uncited))
    assert any("cites [42]" in e for e in check(task, unknown))
    assert any("outside" in e for e in check(task, short))
    assert any("schema" in e for e in check(task, {**draft, "extra": 1}))
    assert any("content_hash" in e for e in check(task, {**draft, "content_hash": "0" * 64}))
    assert check(task, None) == ["no draft"]
