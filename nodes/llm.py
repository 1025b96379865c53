"""The optional chat model: ChatOpenAI configured from `Settings`, or None (rules + templates).

Settings: PLANEXEC_LLM_API_KEY (or OPENAI_API_KEY), PLANEXEC_LLM_BASE_URL (or OPENAI_BASE_URL: any
OpenAI-compatible server — vLLM, Ollama, llama.cpp), PLANEXEC_LLM_MODEL, PLANEXEC_LLM_TIMEOUT_S.
PLANEXEC_LLM=off forces the rule proposer and template narration.
"""

from __future__ import annotations

import functools

from langchain_core.language_models import BaseChatModel

from planexec.schemas.settings import Settings


def load_chat_model(settings: Settings | None = None) -> BaseChatModel | None:
    """ChatOpenAI when a key or a base URL is configured (and not switched off); None otherwise.
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
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        model=model,
        api_key=api_key or "not-needed",  # type: ignore[arg-type]
        base_url=base_url,
        timeout=timeout_s,
        max_retries=0,
        temperature=0,
    )
