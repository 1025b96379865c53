"""Helpers (not a node): citation markers, word counts, content hashes, and section validation rules."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from planexec.nodes.drafting.tracing import canonical_hash
from planexec.schemas.drafting import SectionSpec
from planexec.schemas.drafting_section import SectionDraft
from planexec.tools.stores.memory_index import MemoryIndex

MARKER = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")


def marker_numbers(text: str) -> list[int]:
    """Citation numbers in order of appearance ('[1, 3]' gives 1 and 3)."""
    return [int(n) for group in MARKER.findall(text) for n in group.split(",")]


def prose_words(text: str) -> int:
    return len(MARKER.sub(" ", text).split())


def content_hash(paragraphs: list[dict[str, Any]], citations: list[dict[str, Any]]) -> str:
    return canonical_hash(
        {
            "p": [p.get("text") for p in paragraphs],
            "c": [[c.get("n"), c.get("passage_id")] for c in citations],
        },
        64,
    )


def _schema_errors(draft: dict[str, Any]) -> list[str]:
    try:
        SectionDraft.model_validate(draft)
    except ValidationError as exc:
        return [f"schema: {'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]
    return []


def _paragraph_errors(paragraphs: list[dict[str, Any]], known: dict[int, str]) -> list[str]:
    errors: list[str] = []
    for i, paragraph in enumerate(paragraphs, 1):
        used = marker_numbers(str(paragraph.get("text", "")))
        if not used:
            errors.append(f"paragraph {i} has no citation")
        errors += [
            f"paragraph {i} cites [{n}], which is not one of the passages" for n in used if n not in known
        ]
        if sorted(set(used)) != sorted(set(paragraph.get("citations") or [])):
            errors.append(
                f"paragraph {i}: markers {sorted(set(used))} != citations {paragraph.get('citations')}"
            )
    return errors


def section_errors(draft: dict[str, Any] | None, spec: SectionSpec, index: MemoryIndex) -> list[str]:
    """Every rule a section must pass to be shown or committed; [] when it is valid."""
    if not draft:
        return ["no draft"]
    errors = _schema_errors(draft)
    paragraphs = [p for p in draft.get("paragraphs") or [] if isinstance(p, dict)]
    known = {
        c.get("n"): str(c.get("passage_id")) for c in draft.get("citations") or [] if isinstance(c, dict)
    }
    found = index.get(known.values())
    errors += [
        f"citation [{n}] → {pid} is not an indexed passage" for n, pid in known.items() if pid not in found
    ]
    errors += _paragraph_errors(paragraphs, known)  # type: ignore[arg-type]
    words = sum(prose_words(str(p.get("text", ""))) for p in paragraphs)
    if not spec.min_words <= words <= spec.max_words:
        errors.append(f"{words} words, outside {spec.min_words}-{spec.max_words}")
    if words != draft.get("word_count"):
        errors.append(f"word_count {draft.get('word_count')} != {words} counted")
    if draft.get("content_hash") != content_hash(paragraphs, list(draft.get("citations") or [])):
        errors.append("content_hash does not match the paragraphs and citations")
    return errors
