"""Section step: the draft matches the SectionDraft schema, cites only indexed passages, every
paragraph is cited, and its length is within the section's bounds."""

from __future__ import annotations

import time
from typing import Any

from planexec.nodes.drafting.citations import section_errors
from planexec.nodes.drafting.state import SectionWork
from planexec.nodes.drafting.tracing import trace
from planexec.schemas.drafting import SectionSpec
from planexec.schemas.drafting_section import SectionDraft
from planexec.tools.stores.memory_index import MemoryIndex


def validate_section(work: SectionWork) -> dict[str, Any]:
    started = time.time()
    spec = SectionSpec.model_validate(work["task"]["spec"])
    draft = work.get("draft")
    errors = section_errors(draft, spec, MemoryIndex(work["task"]["memory_path"]))
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
