"""The optional chat model: `CompatChatOpenAI` configured from `Settings`, or None (rules + templates).

Settings: PLANEXEC_LLM_API_KEY (or OPENAI_API_KEY), PLANEXEC_LLM_BASE_URL (or OPENAI_BASE_URL: any
OpenAI-compatible server — vLLM, Ollama, llama.cpp, llama-cpp-python), PLANEXEC_LLM_MODEL,
PLANEXEC_LLM_TIMEOUT_S. PLANEXEC_LLM=off forces the rule proposer and template narration.
The model streams its requests (a timeout then closes the connection and the server stops generating),
asks the server to report usage in the stream, and shapes each request so that any of those servers
accepts it (see `nodes/llmio/compat_model.py`).
"""

from __future__ import annotations

import functools

from langchain_core.language_models import BaseChatModel

from planexec.schemas.settings import Settings


def load_chat_model(settings: Settings | None = None) -> BaseChatModel | None:
    """A CompatChatOpenAI when a key or a base URL is configured (and not switched off); None otherwise.
    `settings` defaults to `Settings()` read now."""
    settings = settings or Settings()
    if not settings.llm_enabled:
        return None
    return _chat_openai(
        settings.llm_model, settings.llm_api_key, settings.llm_base_url, settings.llm_timeout_s
    )


@functools.lru_cache(maxsize=8)
def _chat_openai(model: str, api_key: str | None, base_url: str | None, timeout_s: float) -> BaseChatModel:
    """One client per configuration and process (building one reads CA files)."""
    from planexec.nodes.llmio.compat_model import CompatChatOpenAI

    return CompatChatOpenAI(
        model=model,
        api_key=api_key or "not-needed",  # type: ignore[arg-type]
        base_url=base_url,
        timeout=timeout_s,
        max_retries=0,
        temperature=0,
        streaming=True,
        stream_usage=True,
    )
