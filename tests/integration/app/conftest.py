"""Fixtures shared by the CLI tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """PLANEXEC_HOME of the CLI subprocesses of one test module (checkpoints, artifacts)."""
    return tmp_path_factory.mktemp("planexec-home")
