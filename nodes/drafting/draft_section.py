"""Node (one per section, run in parallel via Send): retrieve → compose_and_cite → validate_section,
retried with the validation errors, cached by (section spec, passage ids, feedback), streamed when done."""

from __future__ import annotations

from typing import Any

from langgraph.config import get_stream_writer
from langgraph.runtime import Runtime

from planexec.nodes.drafting.compose_and_cite import compose_and_cite
from planexec.nodes.drafting.context import DraftingContext, drafting_context
from planexec.nodes.drafting.retrieve import retrieve
from planexec.nodes.drafting.state import SectionTask, SectionWork
from planexec.nodes.drafting.tracing import CODE_VERSION, canonical_hash
from planexec.nodes.drafting.validate_section import validate_section
from planexec.schemas.events import SectionEvent


def cache_key(task: SectionTask, passage_ids: list[str], ctx: DraftingContext) -> str:
    mode = "llm" if ctx.llm is not None else "extractive"
    shared = [task.get("peers"), task.get("taken")]  # the extractive allocation's other inputs
    return canonical_hash([task["spec"], passage_ids, task.get("feedback"), mode, CODE_VERSION, shared], 32)


def emit(event: dict[str, Any]) -> None:
    """Send a custom stream event; a no-op outside a running graph."""
    try:
        writer = get_stream_writer()
    except RuntimeError:
        return
    writer(event)


def _finish(work: SectionWork, *, cached: bool) -> dict[str, Any]:
    task, draft, errors = work["task"], work.get("draft") or {}, work.get("errors") or []
    section_id = task["spec"]["id"]
    emit(
        SectionEvent(
            section_id=section_id,
            status="invalid" if errors else "ok",
            cache_hit=cached,
            words=draft.get("word_count", 0),
            composer=draft.get("composer"),
        ).model_dump()
    )
    update: dict[str, Any] = {
        "done_round": {section_id: task["round"]},
        "failures": {section_id: errors},
        "trace": work.get("trace", []),
    }
    if not errors:
        update["sections"] = {section_id: draft}
        update["section_cache"] = {work["key"]: draft}
    return update


def draft_section(task: SectionTask, runtime: Runtime[DraftingContext]) -> dict[str, Any]:
    ctx = drafting_context(runtime)
    work: SectionWork = {"task": task, "attempt": 0, "trace": [], "errors": []}
    work.update(retrieve(work, ctx=ctx))  # type: ignore[typeddict-item]
    work["key"] = cache_key(task, [p["passage_id"] for p in work["passages"]], ctx)
    if work["key"] in (task.get("cache") or {}):
        work["draft"] = task["cache"][work["key"]]
        return _finish(work, cached=True)
    max_attempts = 1 if ctx.llm is None else ctx.llm_attempts + 1
    while work["attempt"] < max_attempts:
        work.update(compose_and_cite(work, ctx=ctx))  # type: ignore[typeddict-item]
        work.update(validate_section(work))  # type: ignore[typeddict-item]
        if not work["errors"]:
            break
    return _finish(work, cached=False)
