"""Chat dependencies with a real ChatOpenAI talking to the scripted server, and its usual replies."""

from __future__ import annotations

from typing import Any

from planexec.nodes.context import ChatContext
from planexec.schemas.settings import Settings
from planexec.tools.client.hub import ToolHub
from planexec.tools.stores.artifacts import ArtifactStore
from planexec.tools.stores.blob_backends import MemoryBackend
from planexec.tools.stores.result_cache import ResultCache
from tests.support.openai_server import Reply, ScriptedOpenAIServer, structured

SLOT_NAMES = (
    "operator",
    "distance_km",
    "min_distance_km",
    "layer",
    "min_capacity_mw",
    "min_capacity_strict",
    "max_capacity_mw",
    "max_capacity_strict",
    "min_increment_km2",
    "min_increment_strict",
)


def scripted_context(
    hub: ToolHub,
    server: ScriptedOpenAIServer,
    *,
    policy: Any = "primary",
    timeout_s: float = 30.0,
    settings: Settings | None = None,
) -> ChatContext:
    """`primary` by default: the LLM answers every decision, in the scripted order."""
    backend = MemoryBackend()
    extra: dict[str, Any] = {"settings": settings} if settings is not None else {}
    return ChatContext(
        **extra,
        hub=hub,
        store=ArtifactStore(backend),
        cache=ResultCache(backend),
        llm=server.chat_model(timeout_s=30.0),
        use_llm=True,
        llm_timeout_s=timeout_s,
        proposer_policy=policy,
    )


def no_slots(usage: Any = "auto") -> Reply:
    """The slot proposal (asked first on a routed turn under `primary`): every slot left empty."""
    empty = {"heat_quintiles": [], "states": [], "regions": [], "language": None}
    return structured({**dict.fromkeys(SLOT_NAMES), **empty}, usage=usage)


def route(edge: str, usage: Any = "auto") -> Reply:
    return structured({"edge": edge, "rationale": f"the query asks for {edge}"}, usage=usage)
