"""Section step: the draft matches the SectionDraft schema, cites only indexed passages, every
paragraph is cited, and its length is within the section's bounds. A section the chat model wrote
must also pass `llm_checks` (no prompt echo, no markup, [n] citations that support their claims).
When the compose step failed (model error, answer cut off), its reason is the error. The errors are
recorded in this step's trace record and sent back to the model on the retry."""

from __future__ import annotations

import time
from typing import Any

from planexec.nodes.drafting.citations import section_errors
from planexec.nodes.drafting.llm_checks import llm_section_errors
from planexec.nodes.drafting.llm_composer import INSTRUCTION_LINES, system_prompt
from planexec.nodes.drafting.state import SectionWork
from planexec.nodes.drafting.tracing import trace
from planexec.schemas.drafting import SectionSpec
from planexec.schemas.drafting_section import SectionDraft
from planexec.tools.stores.memory_index import MemoryIndex


def _compose_error(work: SectionWork) -> str | None:
    """The error the latest compose step recorded (model call failed, answer cut off), if any."""
    for record in reversed(work.get("trace") or []):
        if record.get("tool") == "drafting.compose_and_cite":
            error = (record.get("detail") or {}).get("error")
            return str(error) if error else None
    return None


def draft_errors(work: SectionWork, spec: SectionSpec) -> list[str]:
    """Every rule the draft breaks; [] when it may be shown and committed."""
    draft: dict[str, Any] | None = work.get("draft")
    failed = _compose_error(work)
    if failed and not (draft or {}).get("paragraphs"):
        return [f"composer: {failed}"]
    errors = section_errors(draft, spec, MemoryIndex(work["task"]["memory_path"]))
    if draft and draft.get("composer") == "llm":
        prompts = [system_prompt(spec, work["task"].get("profile") or {}), *INSTRUCTION_LINES]
        errors += llm_section_errors(draft, list(work.get("passages") or []), prompts)
    return errors


def validate_section(work: SectionWork) -> dict[str, Any]:
    started = time.time()
    spec = SectionSpec.model_validate(work["task"]["spec"])
    draft = work.get("draft")
    errors = draft_errors(work, spec)
    record = trace(
        "validate_section",
        SectionDraft,
        draft,
        errors,
        started=started,
        section_id=spec.id,
        status="ok" if not errors else "invalid",
        errors=errors[:10],
    )
    return {"errors": errors, "trace": [*work.get("trace", []), record]}
