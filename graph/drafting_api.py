"""Public drafting API (async, like the chat API): start_draft and resume_draft stream events.

Events (schemas/events.py): `thinking` (the first carries the thread id), `section` as each section
finishes, then one of `interrupt` (answer it with resume_draft(thread_id, decision)),
`draft_complete` (a DraftResponse: committed / rejected / stopped, with the document) or `error`.
A thread is durable: a run killed mid-way continues where its checkpoint stopped, without
composing finished sections again.

Inputs reach the graph only as uploaded content (UploadedFile, written into the uploads folder
Settings.uploads_dir under the thread id) or as paths inside that folder; an absolute path elsewhere,
`..` or a symlink leading out is refused with an `unsafe_input` error before anything runs. A local
caller drafting from its own files passes `uploads(paths)` (reads them as uploaded content).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph.state import CompiledStateGraph
from langgraph.types import Command

from planexec.graph.checkpoint import open_async_checkpointer
from planexec.graph.drafting import build_drafting_graph
from planexec.graph.drafting_response import draft_response
from planexec.nodes.drafting.context import DraftingContext
from planexec.nodes.drafting.describe_inputs import upload_root
from planexec.nodes.llm import load_chat_model
from planexec.schemas.drafting import InputFile
from planexec.schemas.events import (
    DraftCompleteEvent,
    ErrorEvent,
    InterruptEvent,
    SectionEvent,
    ThinkingEvent,
)
from planexec.schemas.settings import Settings
from planexec.schemas.uploads import UploadedFile
from planexec.tools.files.inputs import InputRejected, resolve_upload, save_upload

DraftInput = str | Path | InputFile | UploadedFile

log = logging.getLogger(__name__)
_QUIET_NODES = {"draft_section", "execute_draft_phase"}  # their progress is the `section` events
_CONTINUE = object()  # no answer given: repeat a pending question, or continue a killed run


def drafting_context(
    settings: Settings, *, use_llm: bool = True, max_parallel: int = 3, **options: Any
) -> DraftingContext:
    """The run's dependencies from `settings`: drafting DB, memory folder, the model when configured."""
    llm = load_chat_model(settings) if use_llm else None
    return DraftingContext.from_settings(settings, llm=llm, max_parallel=max(1, max_parallel), **options)


def uploads(paths: Sequence[str | Path]) -> list[UploadedFile]:
    """A local caller's own files, read as uploaded content (what `planexec draft --input` does)."""
    return [UploadedFile(name=Path(p).name, content=Path(p).read_bytes()) for p in paths]


def stage_inputs(inputs: Sequence[DraftInput], root: Path, thread_id: str) -> list[InputFile]:
    """Uploaded content written into <root>/<thread_id>/; paths checked to lie inside `root`.

    Raises InputRejected (code unsafe_name) for a path outside the uploads folder or a bad name.
    """
    files: list[InputFile] = []
    for item in inputs:
        if isinstance(item, UploadedFile):
            saved = save_upload(root, thread_id, item.name, item.content)
            files.append(InputFile(name=item.name, path=str(saved.relative_to(root))))
            continue
        spec = item if isinstance(item, InputFile) else InputFile(name=Path(item).name, path=str(item))
        resolve_upload(spec.name, spec.path, root)
        files.append(spec)
    return files


def start_input(inputs: Sequence[InputFile], profile: str | Path | dict[str, Any]) -> dict[str, Any]:
    files = list(inputs)
    start: dict[str, Any] = {"inputs": [f.model_dump(include={"name", "path"}) for f in files]}
    if isinstance(profile, dict):
        return {**start, "profile_data": profile}
    return {**start, "profile_path": str(profile)}


def _interrupt_event(thread_id: str, value: Any) -> dict[str, Any]:
    payload = dict(value)
    return InterruptEvent(thread_id=thread_id, kind=payload["kind"], payload=payload).model_dump(mode="json")


def _as_event(mode: str, chunk: Any, thread_id: str) -> dict[str, Any] | None:
    if mode == "custom":
        return SectionEvent.model_validate(chunk).model_dump() if chunk.get("type") == "section" else None
    if "__interrupt__" in chunk:
        return _interrupt_event(thread_id, chunk["__interrupt__"][0].value)
    node = next(iter(chunk), "")
    if node in _QUIET_NODES:
        return None
    return ThinkingEvent(node=node, message=f"{node} done").model_dump()


async def _run(
    graph: CompiledStateGraph[Any, DraftingContext, Any, Any],
    command: Any,
    config: RunnableConfig,
    context: DraftingContext,
) -> AsyncIterator[dict[str, Any]]:
    """Stream one leg of the run (until it ends or asks a question); then the outcome if it ended."""
    thread_id = str(config["configurable"]["thread_id"])  # type: ignore[index]
    asked = False
    async for mode, chunk in graph.astream(
        command, config, context=context, stream_mode=["custom", "updates"], durability="sync"
    ):
        event = _as_event(mode, chunk, thread_id)
        asked = asked or (event is not None and event["type"] == "interrupt")
        if event is not None:
            yield event
    if not asked:
        state = (await graph.aget_state(config)).values
        yield DraftCompleteEvent(draft=draft_response(state, thread_id)).model_dump(mode="json")


async def _continue(
    graph: CompiledStateGraph[Any, DraftingContext, Any, Any],
    snapshot: Any,
    decision: Any,
    config: RunnableConfig,
    context: DraftingContext,
) -> AsyncIterator[dict[str, Any]]:
    """An existing thread: answer its question, finish a killed run, or report the finished one."""
    thread_id = str(config["configurable"]["thread_id"])  # type: ignore[index]
    if snapshot.interrupts:
        if decision is _CONTINUE:  # asked again without an answer: repeat the question
            yield _interrupt_event(thread_id, snapshot.interrupts[0].value)
            return
        command: Any = Command(resume=decision)
    elif snapshot.next:
        command = None  # killed mid-way: continue from the last checkpoint
    else:
        yield DraftCompleteEvent(draft=draft_response(dict(snapshot.values), thread_id)).model_dump(
            mode="json"
        )
        return
    async for event in _run(graph, command, config, context):
        yield event


async def _drive(
    thread_id: str,
    start: dict[str, Any] | None,
    decision: Any,
    *,
    context: DraftingContext | None,
    settings: Settings | None,
    checkpointer: BaseCheckpointSaver | None,
) -> AsyncIterator[dict[str, Any]]:
    settings = settings or Settings()
    config: RunnableConfig = {"configurable": {"thread_id": thread_id}}
    yield ThinkingEvent(
        node="start", message=f"thread {thread_id}", data={"thread_id": thread_id}
    ).model_dump()
    try:
        context = context or drafting_context(settings)
        async with _saver(checkpointer, settings) as saver:
            graph = build_drafting_graph(saver)
            snapshot = await graph.aget_state(config)
            if snapshot.values:
                yield ThinkingEvent(
                    node="start", message=f"resuming thread {thread_id}", data={"resumed": True}
                ).model_dump()
                events = _continue(graph, snapshot, decision, config, context)
            elif start is not None:
                events = _run(graph, start, config, context)
            else:
                yield ErrorEvent(
                    code="unknown_thread", message=f"no drafting thread {thread_id}", thread_id=thread_id
                ).model_dump()
                return
            async for event in events:
                yield event
    except Exception as exc:  # the caller gets a clear error; the checkpoint keeps the partial run
        log.exception("drafting run failed")
        yield ErrorEvent(
            code="internal_error", message=f"{type(exc).__name__}: {exc}"[:500], thread_id=thread_id
        ).model_dump()


def start_draft(
    inputs: Sequence[DraftInput],
    profile: str | Path | dict[str, Any],
    *,
    thread_id: str | None = None,
    context: DraftingContext | None = None,
    settings: Settings | None = None,
    checkpointer: BaseCheckpointSaver | None = None,
) -> AsyncIterator[dict[str, Any]]:
    """Draft a document from `inputs` (.txt .md .pdf) and a project profile (YAML path or dict).

    `inputs`: UploadedFile content (see `uploads(paths)`) or paths inside the uploads folder.

    With the id of an existing thread it continues that thread instead (a killed run goes on; a
    waiting question is asked again). `context` (default: built from `settings`, read now) brings
    the model, the drafting DB, the memory folder and the limits. `checkpointer` (default: opened
    from `settings` for this call) lets a caller keep one open across start and resume calls.
    """
    problem = _input_error(inputs, profile)
    if problem is not None:
        return _single(ErrorEvent(code="invalid_input", message=problem).model_dump())
    thread = thread_id or uuid.uuid4().hex
    settings = settings or Settings()
    root = upload_root(context) if context is not None else settings.resolved_uploads_dir()
    try:
        start = start_input(stage_inputs(inputs, root, thread), profile)
    except InputRejected as exc:
        return _single(ErrorEvent(code="unsafe_input", message=str(exc), thread_id=thread).model_dump())
    return _drive(thread, start, _CONTINUE, context=context, settings=settings, checkpointer=checkpointer)


def resume_draft(
    thread_id: str,
    decision: Any = "approve",
    *,
    context: DraftingContext | None = None,
    settings: Settings | None = None,
    checkpointer: BaseCheckpointSaver | None = None,
) -> AsyncIterator[dict[str, Any]]:
    """Answer the thread's pending question and go on; a killed run simply continues.

    Decisions: 'approve'; for the plan, {'sections': [...]} (an edited section list); for the
    review, feedback text or {'sections': {section_id: feedback}} or {'action': 'replan'}.
    """
    return _drive(thread_id, None, decision, context=context, settings=settings, checkpointer=checkpointer)


def _input_error(inputs: Any, profile: Any) -> str | None:
    if isinstance(inputs, (str, Path)) or not isinstance(inputs, Sequence) or not inputs:
        return "inputs must be a non-empty list of files"
    if isinstance(profile, dict):
        return None
    if not isinstance(profile, (str, Path)) or not Path(profile).is_file():
        return f"profile {profile} not found"
    return None


@asynccontextmanager
async def _saver(given: BaseCheckpointSaver | None, settings: Settings) -> AsyncIterator[BaseCheckpointSaver]:
    if given is not None:
        yield given
        return
    async with open_async_checkpointer(settings.resolved_checkpoint_url()) as saver:
        yield saver


async def _single(event: dict[str, Any]) -> AsyncIterator[dict[str, Any]]:
    yield event
