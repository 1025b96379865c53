"""Section step: write the section with citations — the chat model if given, else extractive."""

from __future__ import annotations

import time
from typing import Any

from planexec.nodes.drafting.citations import content_hash, prose_words
from planexec.nodes.drafting.context import DraftingContext
from planexec.nodes.drafting.extractive import compose_extractive
from planexec.nodes.drafting.llm_composer import compose_with_llm
from planexec.nodes.drafting.retrieve import section_pools
from planexec.nodes.drafting.state import SectionWork
from planexec.nodes.drafting.tracing import trace
from planexec.schemas.drafting import SectionSpec
from planexec.schemas.drafting_section import SectionDraft


def composer_for(attempt: int, ctx: DraftingContext) -> str:
    """llm for the first ctx.llm_attempts tries, then the extractive fallback; extractive without a model."""
    if ctx.llm is None:
        return "extractive"
    return "llm" if attempt <= ctx.llm_attempts else "extractive_fallback"


def _write(work: SectionWork, spec: SectionSpec, composer: str, ctx: DraftingContext) -> dict[str, Any]:
    task = work["task"]
    if composer != "llm" or ctx.llm is None:
        return compose_extractive(spec, section_pools(task, ctx), task.get("taken") or {})
    context = {
        "upstream": task.get("upstream"),
        "feedback": task.get("feedback"),
        "errors": work.get("errors"),
    }
    try:
        return compose_with_llm(
            ctx.llm,
            spec,
            work["passages"],
            task["profile"],
            context,
            max_tokens=ctx.settings.llm_max_tokens_draft,
        )
    except Exception as exc:  # the model or its transport failed: an invalid attempt, retried
        return {"paragraphs": [], "citations": [], "error": f"model call failed: {exc}"[:300]}


def compose_and_cite(work: SectionWork, *, ctx: DraftingContext) -> dict[str, Any]:
    started = time.time()
    spec = SectionSpec.model_validate(work["task"]["spec"])
    attempt = int(work.get("attempt") or 0) + 1
    composer = composer_for(attempt, ctx)
    if ctx.compose_hook is not None:
        ctx.compose_hook(spec.id, composer, attempt)
    body = _write(work, spec, composer, ctx)
    draft = {
        "section_id": spec.id,
        "title": spec.title,
        "paragraphs": body["paragraphs"],
        "citations": body["citations"],
        "word_count": sum(prose_words(p["text"]) for p in body["paragraphs"]),
        "composer": composer,
        "attempts": attempt,
        "input_key": work.get("key", ""),
        "content_hash": content_hash(body["paragraphs"], body["citations"]),
        "feedback": work["task"].get("feedback"),
    }
    record = trace(
        "compose_and_cite",
        SectionDraft,
        [work.get("key"), attempt],
        draft,
        started=started,
        section_id=spec.id,
        composer=composer,
        attempt=attempt,
        error=body.get("error"),
    )
    return {"draft": draft, "attempt": attempt, "trace": [*work.get("trace", []), record]}
