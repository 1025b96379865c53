"""Node: describe each upload (type, size, pages/sections, headings, language, tokens); refuse bad ones.

Files are read only from the uploads folder (context.upload_root, else Settings.uploads_dir): an input
whose path is absolute elsewhere, holds `..` or is a symlink leading out is refused (code unsafe_name),
whoever started the run (the API, the CLI, or a LangGraph server's HTTP client).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from langgraph.runtime import Runtime
from pydantic import ValidationError

from planexec.nodes.drafting.context import DraftingContext, drafting_context
from planexec.nodes.drafting.state import DraftingState
from planexec.nodes.drafting.tracing import trace
from planexec.schemas.drafting import InputDescription, InputError, InputFile
from planexec.tools.files.inputs import (
    InputRejected,
    count_words,
    estimate_tokens,
    guess_language,
    read_input,
    resolve_upload,
    split_sections,
)


def upload_root(ctx: DraftingContext) -> Path:
    """The only folder inputs are read from."""
    return ctx.upload_root or ctx.settings.resolved_uploads_dir()


def describe_one(item: InputFile, ctx: DraftingContext) -> InputDescription:
    """Describe one upload or raise InputRejected."""
    root = upload_root(ctx)
    read = read_input(item.name, item.path, max_bytes=ctx.max_input_bytes, root=root)
    sections = split_sections(read.text, read.kind)
    headings = [h for h, _ in sections if h]
    return InputDescription(
        name=item.name,
        path=str(resolve_upload(item.name, item.path, root)),
        kind=read.kind,  # type: ignore[arg-type]
        size_bytes=read.size_bytes,
        sha256=read.sha256,
        encoding=read.encoding,
        pages=read.pages,
        sections=len(sections),
        headings=headings[:30],
        language=guess_language(read.text),  # type: ignore[arg-type]
        words=count_words(read.text),
        estimated_tokens=estimate_tokens(read.text),
    )


def describe_inputs(state: DraftingState, runtime: Runtime[DraftingContext]) -> dict[str, Any]:
    started = time.time()
    ctx = drafting_context(runtime)
    described: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    for raw in state.get("inputs") or []:
        name = str(raw.get("name", "?")) if isinstance(raw, dict) else "?"
        try:
            described.append(describe_one(InputFile.model_validate(raw), ctx).model_dump())
        except InputRejected as exc:
            errors.append(InputError(name=name, code=exc.code, message=str(exc)).model_dump())  # type: ignore[arg-type]
        except ValidationError as exc:
            errors.append(
                InputError(name=name, code="missing", message=f"bad input spec: {exc}").model_dump()
            )
    reasons = "; ".join(e["message"] for e in errors) or "no inputs given"
    fatal = None if described else f"no usable input: {reasons}"
    record = trace(
        "describe_inputs",
        InputDescription,
        state.get("inputs"),
        described,
        started=started,
        status="ok" if described else "error",
        refused=len(errors),
        accepted=len(described),
    )
    return {"input_descriptions": described, "input_errors": errors, "trace": [record], "fatal": fatal}
