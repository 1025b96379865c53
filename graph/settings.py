"""Where planexec keeps its files, and which databases it uses (from the environment)."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def home_dir() -> Path:
    """State folder: $PLANEXEC_HOME, else ./.planexec (created on demand, never at import)."""
    path = Path(os.environ.get("PLANEXEC_HOME", ".planexec")).expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def checkpoint_url() -> str:
    """$PLANEXEC_CHECKPOINT_URL: 'memory://', 'sqlite:///path.db' or 'postgresql://…'.

    Default: a SQLite file in the state folder (no server needed).
    """
    url = os.environ.get("PLANEXEC_CHECKPOINT_URL")
    if url:
        return url
    return f"sqlite:///{home_dir() / 'checkpoints.sqlite'}"


def artifact_dir() -> Path:
    """Folder the servers write artifacts (maps) into: $PLANEXEC_ARTIFACT_DIR or <home>/artifacts."""
    env = os.environ.get("PLANEXEC_ARTIFACT_DIR")
    path = Path(env).expanduser() if env else home_dir() / "artifacts"
    path.mkdir(parents=True, exist_ok=True)
    return path
