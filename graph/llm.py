"""The optional chat model: ChatOpenAI configured from the environment, or None (rules + templates).

Environment: OPENAI_API_KEY (or PLANEXEC_LLM_API_KEY), OPENAI_BASE_URL (any OpenAI-compatible
server: vLLM, Ollama, llama.cpp), PLANEXEC_LLM_MODEL (default gpt-4o-mini), PLANEXEC_LLM_TIMEOUT_S
(default 30). Set PLANEXEC_LLM=off to force the rule proposer and template narration.
"""

from __future__ import annotations

import os

from langchain_core.language_models import BaseChatModel


def llm_timeout_s() -> float:
    return float(os.environ.get("PLANEXEC_LLM_TIMEOUT_S", "30"))


def load_chat_model() -> BaseChatModel | None:
    """ChatOpenAI when a key or a base URL is configured; None otherwise (offline default)."""
    if os.environ.get("PLANEXEC_LLM", "").lower() in {"off", "0", "false", "none"}:
        return None
    key = os.environ.get("PLANEXEC_LLM_API_KEY") or os.environ.get("OPENAI_API_KEY")
    base_url = os.environ.get("PLANEXEC_LLM_BASE_URL") or os.environ.get("OPENAI_BASE_URL")
    if not key and not base_url:
        return None
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        model=os.environ.get("PLANEXEC_LLM_MODEL", "gpt-4o-mini"),
        api_key=key or "not-needed",  # type: ignore[arg-type]
        base_url=base_url,
        timeout=llm_timeout_s(),
        max_retries=0,
        temperature=0,
    )
