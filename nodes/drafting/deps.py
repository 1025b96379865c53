"""Helpers (not a node): the dependencies build_drafting_graph binds into the nodes."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from langchain_core.language_models import BaseChatModel

from planexec.graph.settings import home_dir
from planexec.tools.draft_store import draft_db_url
from planexec.tools.inputs import DEFAULT_MAX_BYTES


@dataclass
class DraftingDeps:
    """What the drafting nodes need from outside; resolved lazily (no I/O at graph build time)."""

    llm: BaseChatModel | None = None
    store_url: str | None = None
    memory_dir: Path | None = None
    upload_root: Path | None = None
    max_input_bytes: int = DEFAULT_MAX_BYTES
    max_parallel: int = 3
    llm_attempts: int = 2
    top_k: int = 6
    extra: dict[str, Any] = field(default_factory=dict)

    def resolved_store_url(self) -> str:
        return self.store_url or draft_db_url()

    def resolved_memory_dir(self) -> Path:
        return self.memory_dir or home_dir() / "memory"


def section_delay_s() -> float:
    """Test hook: $PLANEXEC_DRAFT_SECTION_DELAY_S slows every section compose down."""
    return float(os.environ.get("PLANEXEC_DRAFT_SECTION_DELAY_S", "0") or 0)


def compose_log_path() -> str | None:
    """Test hook: $PLANEXEC_DRAFT_COMPOSE_LOG receives one line per compose call."""
    return os.environ.get("PLANEXEC_DRAFT_COMPOSE_LOG") or None
