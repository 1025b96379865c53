"""Shared fixtures: offline environment, a private state folder, Postgres when available."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.fixtures import openai_server  # noqa: F401  (shared fixture)
from tests.support.offline_env import DROPPED
from tests.support.postgres import pg_bin_dir, private_cluster

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _offline_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Every test: no LLM unless it configures one, state files under its own tmp dir."""
    for var in DROPPED:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("PLANEXEC_HOME", str(tmp_path / "planexec-home"))
    monkeypatch.setenv("PLANEXEC_ARTIFACT_DIR", str(tmp_path / "artifacts"))
    monkeypatch.setenv("LANGSMITH_TEST_TRACKING", "false")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real Postgres: $PLANEXEC_TEST_POSTGRES_URL, else a private cluster started here."""
    url = os.environ.get("PLANEXEC_TEST_POSTGRES_URL")
    if url:
        yield url
        return
    if pg_bin_dir() is None:
        pytest.fail(
            "Postgres tests need Debian's 'postgresql' package (or PLANEXEC_TEST_POSTGRES_URL); "
            "`bash .ci/run` installs it"
        )
    with private_cluster() as started:
        yield started
