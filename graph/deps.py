"""Dependencies of the chat graph, created lazily (no I/O when a graph module is imported)."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from planexec.graph.llm import llm_timeout_s, load_chat_model
from planexec.graph.settings import home_dir
from planexec.nodes.proposers.base import Proposer
from planexec.nodes.proposers.rules import RuleProposer
from planexec.tools.artifacts import ArtifactStore
from planexec.tools.blob_backends import open_backend
from planexec.tools.result_cache import ResultCache

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from planexec.tools.hub import ToolHub


def store_url() -> str:
    """$PLANEXEC_STORE_URL (memory://, sqlite:///…, postgresql://…); default a SQLite file."""
    return os.environ.get("PLANEXEC_STORE_URL") or f"sqlite:///{home_dir() / 'artifacts.sqlite'}"


@dataclass
class ChatDeps:
    """What the nodes need. Any field left None is created on first use from the environment."""

    hub: ToolHub | None = None
    store: ArtifactStore | None = None
    cache: ResultCache | None = None
    proposer: Proposer | None = None
    llm: BaseChatModel | None = None
    use_llm: bool | None = None
    """None: use an LLM when one is configured in the environment; False: never."""
    llm_timeout_s: float = field(default_factory=llm_timeout_s)
    cache_ttl_s: float = 3600.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def get_hub(self) -> ToolHub:
        with self._lock:
            if self.hub is None:
                from planexec.tools.hub import get_default_hub

                self.hub = get_default_hub()
            return self.hub

    def _init_storage(self) -> None:
        if self.store is None or self.cache is None:
            backend = open_backend(store_url())
            self.store = self.store or ArtifactStore(backend)
            self.cache = self.cache or ResultCache(backend, ttl_s=self.cache_ttl_s)

    def get_store(self) -> ArtifactStore:
        with self._lock:
            self._init_storage()
            assert self.store is not None
            return self.store

    def get_cache(self) -> ResultCache:
        with self._lock:
            self._init_storage()
            assert self.cache is not None
            return self.cache

    def get_llm(self) -> BaseChatModel | None:
        with self._lock:
            if self.llm is None and self.use_llm is not False:
                self.llm = load_chat_model()
                self.use_llm = self.llm is not None
            return self.llm if self.use_llm is not False else None

    def get_proposer(self) -> Proposer:
        llm = self.get_llm()
        with self._lock:
            if self.proposer is None:
                if llm is None:
                    self.proposer = RuleProposer()
                else:
                    from planexec.nodes.proposers.llm import LLMProposer

                    self.proposer = LLMProposer(llm, timeout_s=self.llm_timeout_s, fallback=RuleProposer())
            return self.proposer
