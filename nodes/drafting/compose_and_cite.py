"""Section step: write the section with citations — the chat model if given, else extractive."""

from __future__ import annotations

import time
from typing import Any

from planexec.graph.drafting_state import SectionWork
from planexec.nodes.drafting.citations import content_hash, prose_words
from planexec.nodes.drafting.deps import DraftingDeps, compose_log_path, section_delay_s
from planexec.nodes.drafting.extractive import compose_extractive
from planexec.nodes.drafting.llm_composer import compose_with_llm
from planexec.nodes.drafting.tracing import trace
from planexec.schemas.drafting import SectionSpec
from planexec.schemas.drafting_section import SectionDraft


def composer_for(attempt: int, deps: DraftingDeps) -> str:
    """llm for the first deps.llm_attempts tries, then the extractive fallback; extractive without a model."""
    if deps.llm is None:
        return "extractive"
    return "llm" if attempt <= deps.llm_attempts else "extractive_fallback"


def _log_compose(section_id: str, composer: str, attempt: int) -> None:
    path = compose_log_path()
    if path:
        with open(path, "a", encoding="utf-8") as log:
            log.write(f"{section_id}\t{composer}\t{attempt}\n")


def _write(work: SectionWork, spec: SectionSpec, composer: str, deps: DraftingDeps) -> dict[str, Any]:
    task = work["task"]
    if composer != "llm" or deps.llm is None:
        return compose_extractive(spec, work["passages"], task.get("feedback"))
    context = {
        "upstream": task.get("upstream"),
        "feedback": task.get("feedback"),
        "errors": work.get("errors"),
    }
    try:
        return compose_with_llm(deps.llm, spec, work["passages"], task["profile"], context)
    except Exception as exc:  # the model or its transport failed: an invalid attempt, retried
        return {"paragraphs": [], "citations": [], "error": f"model call failed: {exc}"[:300]}


def compose_and_cite(work: SectionWork, *, deps: DraftingDeps) -> dict[str, Any]:
    started = time.time()
    spec = SectionSpec.model_validate(work["task"]["spec"])
    attempt = int(work.get("attempt") or 0) + 1
    composer = composer_for(attempt, deps)
    if delay := section_delay_s():
        time.sleep(delay)
    body = _write(work, spec, composer, deps)
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
    _log_compose(spec.id, composer, attempt)
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
