"""Helpers (not a node): the drafting graph's LangGraph runtime context (`context_schema`).

The drafting API builds one `DraftingContext` per run (from the `Settings` it read where the run
started) and passes it as `context=`; nodes take `runtime: Runtime[DraftingContext]`. A LangGraph
server builds it with no arguments: every field has a default, and paths left None come from
`settings` (read when the context is built, never at import).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from pathlib import Path
from typing import Any

from langchain_core.language_models import BaseChatModel
from langgraph.runtime import Runtime
from pydantic import ConfigDict
from pydantic.dataclasses import dataclass
from pydantic.json_schema import SkipJsonSchema

from planexec.schemas.settings import Settings
from planexec.tools.files.inputs import DEFAULT_MAX_BYTES

ComposeHook = Callable[[str, str, int], None]
"""Called as hook(section_id, composer, attempt) right before a section is composed."""


@dataclass(frozen=True, config=ConfigDict(arbitrary_types_allowed=True))
class DraftingContext:
    """What the drafting nodes need from outside. No I/O when it is built."""

    store_url: str | None = None
    """Drafting DB URL (sqlite:///… or postgresql://…) validate_and_commit writes to (default: settings)."""
    memory_dir: Path | None = None
    """Folder of the FTS5 memory index files index_memory writes (default: settings)."""
    llm: SkipJsonSchema[BaseChatModel | None] = None
    """Chat model that writes prose; None: extractive composition."""
    upload_root: Path | None = None
    """When set, inputs must lie under this folder."""
    max_input_bytes: int = DEFAULT_MAX_BYTES
    max_parallel: int = 3
    """Sections drafted at once."""
    llm_attempts: int = 2
    """Model attempts per section before the extractive fallback."""
    top_k: int = 6
    """Passages retrieved per section."""
    extractive_pool: int = 12
    """Passages per section the extractive composer picks sentences from (sections share them out)."""
    compose_hook: SkipJsonSchema[ComposeHook | None] = None
    """Observer of compose calls (progress, accounting, pacing); None: nothing is called."""
    settings: SkipJsonSchema[Settings] = field(default_factory=Settings, repr=False)
    """Where unset paths come from."""

    @classmethod
    def from_settings(cls, settings: Settings, **options: Any) -> DraftingContext:
        """Paths and URLs from `settings` (unless `options` set them); `options` set the other fields."""
        return cls(settings=settings, **options)

    def resolved_store_url(self) -> str:
        return self.store_url or self.settings.resolved_draft_db_url()

    def resolved_memory_dir(self) -> Path:
        return self.memory_dir or self.settings.memory_dir()


def drafting_context(runtime: Runtime[DraftingContext] | None) -> DraftingContext:
    """The run's context; a run started without one gets the defaults (settings read now)."""
    context = runtime.context if runtime is not None else None
    return context if isinstance(context, DraftingContext) else DraftingContext()
