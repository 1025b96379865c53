"""Shared fixtures for the drafting node tests: a small indexed memory and a planned state."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from langgraph.runtime import Runtime

from planexec.nodes.drafting.templates import plan_for
from planexec.schemas.drafting import ProjectProfile
from tests.support.paths import REPO_ROOT

SAMPLES = REPO_ROOT / "samples" / "drafting"
PARIS = REPO_ROOT / "data" / "policy" / "paris_agreement_2015_en.txt"


@pytest.fixture
def drafting_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PLANEXEC_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("PLANEXEC_DRAFT_DB_URL", raising=False)
    return tmp_path


@pytest.fixture
def sample_inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, str]]:
    """The sample files copied into the uploads folder (the only place the drafting graph reads)."""
    uploads = tmp_path / "uploads"
    uploads.mkdir(exist_ok=True)
    monkeypatch.setenv("PLANEXEC_UPLOADS_DIR", str(uploads))
    for source in (PARIS, SAMPLES / "chat_facts.md"):
        shutil.copyfile(source, uploads / source.name)
    return [{"name": PARIS.name, "path": PARIS.name}, {"name": "chat_facts.md", "path": "chat_facts.md"}]


@pytest.fixture
def indexed_state(drafting_home: Path, sample_inputs: list[dict[str, str]]) -> dict[str, Any]:
    """State after describe_inputs, index_memory, prepare_drafting_context and a template plan."""
    from planexec.nodes.drafting.context import DraftingContext
    from planexec.nodes.drafting.describe_inputs import describe_inputs
    from planexec.nodes.drafting.index_memory import index_memory
    from planexec.nodes.drafting.prepare_drafting_context import prepare_drafting_context

    deps = DraftingContext(
        memory_dir=drafting_home / "memory", store_url=f"sqlite:///{drafting_home}/d.sqlite"
    )
    state: dict[str, Any] = {"inputs": sample_inputs, "profile_path": str(SAMPLES / "project_profile.yaml")}
    state.update(describe_inputs(state, runtime=Runtime(context=deps)))  # type: ignore[arg-type]
    state.update(index_memory(state, runtime=Runtime(context=deps)))  # type: ignore[arg-type]
    state.update(prepare_drafting_context(state))  # type: ignore[arg-type]
    plan = plan_for(ProjectProfile.model_validate(state["profile"]))
    state.update(
        plan=plan.model_dump(mode="json"),
        round=1,
        todo=[s.id for s in plan.sections],
        deps=deps,
    )
    return state
