"""The drafting commit on a real Postgres (tests/conftest.py `postgres_url`), checkpoints there too."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
import yaml
from langgraph.runtime import Runtime
from langgraph.types import Command

from planexec.graph.checkpoint import open_checkpointer
from planexec.graph.drafting import build_drafting_graph
from planexec.nodes.drafting.context import DraftingContext
from planexec.nodes.drafting.validate_and_commit import validate_and_commit
from planexec.tools.stores.draft_store import fetch
from tests.support.paths import REPO_ROOT

pytestmark = [pytest.mark.integration, pytest.mark.postgres]
SAMPLES = REPO_ROOT / "samples" / "drafting"


@pytest.fixture
def pg_url(postgres_url: str) -> str:
    """The real Postgres from tests/conftest.py (a private cluster unless one is configured)."""
    return postgres_url


def test_commit_to_postgres_is_one_idempotent_transaction(pg_url: str, tmp_path: Path) -> None:
    import psycopg

    profile = yaml.safe_load((SAMPLES / "project_profile.yaml").read_text(encoding="utf-8"))
    profile["title"] = f"{profile['title']} ({uuid.uuid4().hex[:8]})"  # a fresh draft id per run
    start: dict[str, Any] = {
        "inputs": [
            {"name": "chat_facts.md", "path": str(SAMPLES / "chat_facts.md")},
            {"name": "paris.txt", "path": str(REPO_ROOT / "data" / "policy" / "paris_agreement_2015_en.txt")},
        ],
        "profile_data": profile,
    }
    config: Any = {"configurable": {"thread_id": f"pg-{uuid.uuid4().hex}"}}
    context = DraftingContext(store_url=pg_url, memory_dir=tmp_path / "memory", upload_root=REPO_ROOT)
    with open_checkpointer(pg_url) as saver:
        graph = build_drafting_graph(checkpointer=saver)
        graph.invoke(start, config, context=context)
        graph.invoke(Command(resume="approve"), config, context=context)
        state = dict(graph.invoke(Command(resume="approve"), config, context=context))
    commit = state["commit"]
    try:
        assert commit["status"] == "committed" and commit["store"] == "postgres"
        assert commit["sections_written"] == 6 and commit["traces_written"] > 20
        rows = fetch(pg_url, "artifact_sections", commit["draft_id"])
        assert len(rows) == 6 and all(r["tool_version"] and r["schema_version"] == "1.0.0" for r in rows)
        again = validate_and_commit(state, runtime=Runtime(context=context))["commit"]  # type: ignore[arg-type]
        assert (again["sections_written"], again["traces_written"]) == (0, 0)
        assert len(fetch(pg_url, "reasoning_traces", commit["draft_id"])) == commit["traces_written"]
    finally:
        with psycopg.connect(pg_url) as conn:
            for table in ("artifact_sections", "reasoning_traces", "draft_artifacts"):
                conn.execute(f"DELETE FROM {table} WHERE draft_id = %s", (commit.get("draft_id"),))
