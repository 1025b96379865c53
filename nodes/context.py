"""The chat graph's run-time context (LangGraph `Runtime[ChatContext]`): what the nodes need.

Nodes get their dependencies only through `runtime.context`. Every field may be left empty: it is
then created on first use from `settings` (no I/O when a graph module is imported or a context is
built). The LangGraph server passes the context as a dict or not at all, so `ChatContext()` works
with defaults and its JSON schema shows only the JSON fields (the objects are hidden from it).

Heavy shared resources are cached per process by the layer that owns them: the tool hub with its
persistent MCP sessions (`tools.client.hub.get_default_hub`), and here the blob backend of the
artifact store and result cache, keyed by the store URL.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import field
from typing import Any, Literal

from langchain_core.language_models import BaseChatModel
from langgraph.runtime import Runtime
from pydantic import ConfigDict, Field
from pydantic.dataclasses import dataclass
from pydantic.json_schema import SkipJsonSchema

from planexec.nodes.llm import load_chat_model
from planexec.nodes.proposers.base import Proposer
from planexec.nodes.proposers.rules import RuleProposer
from planexec.schemas.proposals import ProposerPolicy
from planexec.schemas.settings import Settings
from planexec.tools.client.hub import ToolHub
from planexec.tools.stores.artifacts import ArtifactStore
from planexec.tools.stores.blob_backends import BlobBackend, open_backend
from planexec.tools.stores.result_cache import ResultCache

_BACKENDS: dict[str, BlobBackend] = {}
_BACKENDS_LOCK = threading.Lock()


def shared_backend(url: str) -> BlobBackend:
    """One blob backend per store URL and process (SQLite / Postgres connections are reused);
    concurrent first uses open it once."""
    with _BACKENDS_LOCK:
        if url not in _BACKENDS:
            _BACKENDS[url] = open_backend(url)
        return _BACKENDS[url]


@dataclass(config=ConfigDict(arbitrary_types_allowed=True))
class ChatContext:
    """Dependencies of one chat run. Leave a field None to get the default from `settings`."""

    use_llm: bool | None = Field(
        default=None, description="None: use an LLM when one is configured; False: never; True: always."
    )
    llm_timeout_s: float | None = Field(
        default=None, gt=0, description="Timeout of one model call, seconds (default: settings)."
    )
    proposer_policy: Literal["tie_breaker", "primary"] | None = Field(
        default=None,
        description="With an LLM: tie_breaker (the LLM only when the rules are unsure) or primary (the LLM "
        "decides among the legal edges). Default: settings.llm_proposer_policy.",
    )
    agent_timeout_s: float | None = Field(
        default=None, gt=0, description="Budget of the general agent, seconds (default: settings)."
    )
    cache_ttl_s: float | None = Field(
        default=None, gt=0, description="Result cache time-to-live, seconds (default: settings)."
    )
    settings: SkipJsonSchema[Settings] = field(default_factory=Settings)
    hub: SkipJsonSchema[ToolHub | None] = None
    store: SkipJsonSchema[ArtifactStore | None] = None
    cache: SkipJsonSchema[ResultCache | None] = None
    llm: SkipJsonSchema[BaseChatModel | None] = None
    proposer: SkipJsonSchema[Any] = None
    """A `Proposer`; default: the LLM proposer when an LLM is used, else the rule proposer."""
    _lock: SkipJsonSchema[Any] = field(default_factory=threading.Lock, repr=False)

    @property
    def model_timeout_s(self) -> float:
        return self.llm_timeout_s or self.settings.llm_timeout_s

    def timeout_for(self, purpose: Literal["route", "slots", "narration"]) -> float:
        """Timeout of one model call for `purpose`: this context's `llm_timeout_s` when set, else
        settings.llm_timeout_<purpose>_s, else settings.llm_timeout_s."""
        by_purpose = {
            "route": self.settings.llm_timeout_route_s,
            "slots": self.settings.llm_timeout_slots_s,
            "narration": self.settings.llm_timeout_narration_s,
        }[purpose]
        return self.llm_timeout_s or by_purpose or self.settings.llm_timeout_s

    def proposer_policy_in_force(self) -> ProposerPolicy:
        """The configured policy for decisions an LLM-backed proposer may take part in (the nodes use
        'rules_only' when there is none)."""
        return self.proposer_policy or self.settings.llm_proposer_policy

    @property
    def general_agent_timeout_s(self) -> float:
        return self.agent_timeout_s or self.settings.agent_timeout_s

    def get_hub(self) -> ToolHub:
        with self._lock:
            if self.hub is None:
                from planexec.tools.client.hub import get_default_hub

                self.hub = get_default_hub()
            return self.hub

    def _init_storage(self) -> None:
        if self.store is None or self.cache is None:
            backend = shared_backend(self.settings.resolved_store_url())
            self.store = self.store or ArtifactStore(backend)
            ttl_s = self.cache_ttl_s or self.settings.cache_ttl_s
            self.cache = self.cache or ResultCache(backend, ttl_s=ttl_s)

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

    async def aget_llm(self) -> BaseChatModel | None:
        """`get_llm` from a coroutine: in a worker thread only when the model still has to be loaded
        (that may read files); once decided (no LLM, or loaded) it is answered on the loop."""
        if self.use_llm is False or self.llm is not None:
            return self.get_llm()
        return await asyncio.to_thread(self.get_llm)

    async def aget_proposer(self) -> Proposer:
        """`get_proposer` from a coroutine; a worker thread only when a model may have to be built."""
        if self.proposer is not None or self.use_llm is False or self.llm is not None:
            return self.get_proposer()
        return await asyncio.to_thread(self.get_proposer)

    def get_llm(self) -> BaseChatModel | None:
        with self._lock:
            if self.llm is None and self.use_llm is not False:
                self.llm = load_chat_model(self.settings)
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

                    self.proposer = LLMProposer(
                        llm,
                        timeout_s=self.timeout_for("route"),
                        fallback=RuleProposer(),
                        settings=self.settings,
                    )
            proposer: Proposer = self.proposer
            return proposer


def context_of(runtime: Runtime[ChatContext]) -> ChatContext:
    """The run's context; a default one (from `Settings()`, shared resources cached by their
    owners) when the caller — e.g. the LangGraph server — gave none."""
    return runtime.context if runtime.context is not None else ChatContext()
