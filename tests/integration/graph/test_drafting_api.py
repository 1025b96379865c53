"""The drafting API: start_draft / resume_draft stream the shared event vocabulary (each event valid
against its exported JSON Schema), stop at each question, and end with a typed DraftResponse."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from planexec import resume_draft, start_draft
from planexec.graph.checkpoint import open_async_checkpointer
from planexec.graph.drafting_api import uploads
from planexec.nodes.drafting.context import DraftingContext
from planexec.schemas.drafting_response import DraftResponse
from planexec.schemas.export import schema_path
from planexec.schemas.settings import Settings
from planexec.schemas.uploads import UploadedFile
from tests.support.paths import REPO_ROOT

pytestmark = pytest.mark.integration
SAMPLES = REPO_ROOT / "samples" / "drafting"
INPUTS = [REPO_ROOT / "data" / "policy" / "paris_agreement_2015_en.txt", SAMPLES / "chat_facts.md"]
PROFILE = SAMPLES / "project_profile.yaml"
SCHEMAS = {
    "thinking": "event_thinking",
    "section": "event_section",
    "interrupt": "event_interrupt",
    "draft_complete": "event_draft_complete",
    "error": "event_error",
}


def check(event: dict[str, Any]) -> dict[str, Any]:
    schema = json.loads(schema_path(SCHEMAS[event["type"]]).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(event)
    return event


async def collect(events: AsyncIterator[dict[str, Any]]) -> list[dict[str, Any]]:
    return [check(e) async for e in events]


@pytest.fixture
def context(tmp_path: Path) -> DraftingContext:
    return DraftingContext(
        store_url=f"sqlite:///{tmp_path / 'drafts.sqlite'}",
        memory_dir=tmp_path / "memory",
        upload_root=tmp_path / "uploads",
    )


async def test_plan_question_then_review_then_committed_draft(
    tmp_path: Path, context: DraftingContext
) -> None:
    url = f"sqlite:///{tmp_path / 'ckpt.sqlite'}"
    async with open_async_checkpointer(url) as saver:
        options: dict[str, Any] = {"context": context, "checkpointer": saver}
        first = await collect(start_draft(uploads(INPUTS), PROFILE, thread_id="api-1", **options))
        assert first[0]["type"] == "thinking" and first[0]["data"]["thread_id"] == "api-1"
        assert first[-1]["type"] == "interrupt" and first[-1]["kind"] == "confirm_plan"
        assert len(first[-1]["payload"]["plan"]["sections"]) == 6

        drafted = await collect(resume_draft("api-1", "approve", **options))
        sections = [e for e in drafted if e["type"] == "section"]
        assert len(sections) == 6 and all(e["status"] == "ok" for e in sections)
        assert drafted[-1]["type"] == "interrupt" and drafted[-1]["kind"] == "review"

        asked_again = await collect(start_draft(uploads(INPUTS), PROFILE, thread_id="api-1", **options))
        assert [e["message"] for e in asked_again if e["type"] == "thinking"][-1] == "resuming thread api-1"
        assert asked_again[-1]["kind"] == "review" and not [e for e in asked_again if e["type"] == "section"]

        done = await collect(resume_draft("api-1", "approve", **options))
    outcome = DraftResponse.model_validate(done[-1]["draft"])
    assert done[-1]["type"] == "draft_complete" and outcome.status == "committed"
    assert outcome.commit is not None and outcome.commit.sections_written == 6
    assert outcome.document is not None and outcome.document.count("## ") == 7
    assert outcome.trace_yaml is not None and "planner_task_trace" in outcome.trace_yaml


async def test_a_bad_profile_stops_the_run_with_a_reason(tmp_path: Path, context: DraftingContext) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("artifact_type: tweet\ntitle: X\n")
    events = await collect(
        start_draft(uploads(INPUTS), profile, context=context, settings=Settings(checkpoint_url="memory://"))
    )
    outcome = DraftResponse.model_validate(events[-1]["draft"])
    assert outcome.status == "stopped" and "invalid project profile" in (outcome.fatal or "")


async def test_bad_calls_are_error_events(tmp_path: Path, context: DraftingContext) -> None:
    missing = await collect(start_draft(uploads(INPUTS), tmp_path / "none.yaml", context=context))
    assert [e["type"] for e in missing] == ["error"] and missing[0]["code"] == "invalid_input"
    no_inputs = await collect(start_draft([], PROFILE, context=context))
    assert no_inputs[0]["code"] == "invalid_input"
    unknown = await collect(resume_draft("no-such-thread", context=context))
    assert unknown[-1]["type"] == "error" and unknown[-1]["code"] == "unknown_thread"


async def test_files_outside_the_uploads_folder_are_refused(tmp_path: Path, context: DraftingContext) -> None:
    uploads_dir = tmp_path / "uploads"
    uploads_dir.mkdir()
    (tmp_path / "secret.txt").write_text("secret " * 50)
    (uploads_dir / "link.txt").symlink_to(tmp_path / "secret.txt")
    for bad in ("/etc/passwd", "../x", uploads_dir / "link.txt", tmp_path / "secret.txt"):
        events = await collect(start_draft([bad], PROFILE, context=context))
        assert [e["type"] for e in events] == ["error"] and events[0]["code"] == "unsafe_input", bad
        assert "uploads folder" in events[0]["message"] or "'..'" in events[0]["message"]
    renamed = await collect(
        start_draft([UploadedFile(name="../x.txt", content=b"x")], PROFILE, context=context)
    )
    assert renamed[0]["code"] == "unsafe_input" and not (tmp_path / "x.txt").exists()
