"""Tests against a real OpenAI-compatible server (marker `real_llm`, deselected by default).

`PLANEXEC_TEST_LLM_URL` (e.g. http://127.0.0.1:8091/v1) names the server, `PLANEXEC_TEST_LLM_MODEL`
its model (default gemma3-270m). Selected without the URL, every test fails with that message: a
real-model run never passes by skipping. The README ("Running with a real local model") shows how
to serve Gemma 3 270M with llama-cpp-python.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from langchain_core.language_models import BaseChatModel

from planexec.nodes.context import ChatContext
from planexec.nodes.llm import load_chat_model
from planexec.schemas.settings import Settings
from planexec.tools.client.config import default_config
from planexec.tools.client.hub import ToolHub
from planexec.tools.stores.artifacts import ArtifactStore
from planexec.tools.stores.blob_backends import MemoryBackend
from planexec.tools.stores.result_cache import ResultCache

TIMEOUT_S = 120.0  # a small model on a busy 2-core CPU


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.real_llm)


@pytest.fixture(scope="session")
def llm_url() -> str:
    url = os.environ.get("PLANEXEC_TEST_LLM_URL")
    if not url:
        pytest.fail(
            "real_llm tests need PLANEXEC_TEST_LLM_URL (an OpenAI-compatible server, e.g. "
            "http://127.0.0.1:8091/v1; see the README, 'Running with a real local model')"
        )
    return url


@pytest.fixture
def llm_settings(llm_url: str, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("PLANEXEC_LLM_BASE_URL", llm_url)
    monkeypatch.setenv("PLANEXEC_LLM_API_KEY", "not-needed")
    monkeypatch.setenv("PLANEXEC_LLM_MODEL", os.environ.get("PLANEXEC_TEST_LLM_MODEL", "gemma3-270m"))
    monkeypatch.setenv("PLANEXEC_LLM_TIMEOUT_S", str(TIMEOUT_S))
    return Settings()


@pytest.fixture
def real_model(llm_settings: Settings) -> BaseChatModel:
    model = load_chat_model(llm_settings)
    assert model is not None
    return model


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ToolHub]:
    artifacts = str(tmp_path_factory.mktemp("artifacts"))
    config = default_config()
    config.servers = {
        name: cfg.model_copy(update={"env": {**cfg.env, "PLANEXEC_ARTIFACT_DIR": artifacts}})
        for name, cfg in config.servers.items()
    }
    tool_hub = ToolHub(config)
    yield tool_hub
    tool_hub.close()


def real_context(hub: ToolHub, settings: Settings, model: BaseChatModel, policy: str) -> ChatContext:
    backend = MemoryBackend()
    return ChatContext(
        settings=settings,
        hub=hub,
        store=ArtifactStore(backend),
        cache=ResultCache(backend),
        llm=model,
        use_llm=True,
        proposer_policy=policy,
    )
