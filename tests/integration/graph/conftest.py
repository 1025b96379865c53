"""Real bundled MCP servers (stdio) behind one hub per module, and chat-graph dependencies."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from planexec.nodes.context import ChatContext
from planexec.tools.client.config import default_config
from planexec.tools.client.hub import ToolHub
from planexec.tools.stores.artifacts import ArtifactStore
from planexec.tools.stores.blob_backends import MemoryBackend
from planexec.tools.stores.result_cache import ResultCache
from tests.support.openai_server import ScriptedOpenAIServer


@pytest.fixture(scope="module")
def artifact_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("artifacts")


@pytest.fixture(scope="module")
def hub(artifact_dir: Path) -> Iterator[ToolHub]:
    config = default_config()
    config.servers = {
        name: cfg.model_copy(update={"env": {**cfg.env, "PLANEXEC_ARTIFACT_DIR": str(artifact_dir)}})
        for name, cfg in config.servers.items()
    }
    tool_hub = ToolHub(config)
    yield tool_hub
    tool_hub.close()


@pytest.fixture
def context(hub: ToolHub) -> ChatContext:
    backend = MemoryBackend()
    return ChatContext(hub=hub, store=ArtifactStore(backend), cache=ResultCache(backend), use_llm=False)


@pytest.fixture
def llm_context(hub: ToolHub, openai_server: ScriptedOpenAIServer) -> ChatContext:
    """Chat dependencies with a real ChatOpenAI talking HTTP to the scripted server."""
    backend = MemoryBackend()
    return ChatContext(
        hub=hub,
        store=ArtifactStore(backend),
        cache=ResultCache(backend),
        llm=openai_server.chat_model(timeout_s=30.0),
        use_llm=True,
        llm_timeout_s=30.0,
        proposer_policy="primary",  # these tests exercise the LLM path on every decision (issue 14)
    )
