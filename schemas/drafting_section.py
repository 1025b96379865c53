"""A drafted section (the unit that is validated and committed) and its JSON Schema export."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from planexec.schemas.base import SCHEMA_VERSION, Contract

SECTION_SCHEMA_NAME = "planexec.drafting.SectionDraft"
JSON_DIR = Path(__file__).resolve().parent / "json"


class Citation(Contract):
    """A numbered citation local to one section: [n] → an indexed passage."""

    n: int = Field(ge=1, description="Number used in the section text as [n].")
    passage_id: str = Field(min_length=1, description="Id of the indexed passage (file#section.paragraph).")


class Paragraph(Contract):
    """One paragraph of prose and the citation numbers it carries."""

    text: str = Field(min_length=1, description="Prose with inline [n] markers.")
    citations: list[int] = Field(min_length=1, description="Citation numbers used in this paragraph.")


class SectionDraft(Contract):
    """A composed section: prose paragraphs, their citations and how it was produced."""

    section_id: str = Field(description="Id of the plan section.")
    title: str = Field(description="Section heading.")
    paragraphs: list[Paragraph] = Field(min_length=1, description="Paragraphs in order.")
    citations: list[Citation] = Field(min_length=1, description="Section-local citation list.")
    word_count: int = Field(ge=0, description="Words in the paragraphs, markers excluded.")
    composer: Literal["llm", "extractive", "extractive_fallback"] = Field(
        description="Who wrote the prose: the chat model or the extractive composer."
    )
    attempts: int = Field(ge=1, description="Compose attempts it took.")
    input_key: str = Field(description="Cache key: hash of section spec, passage ids and feedback.")
    content_hash: str = Field(description="sha256 of the paragraphs and citations.")
    feedback: str | None = Field(default=None, description="Reviewer feedback this version answers.")


def section_json_schema() -> dict[str, Any]:
    """The JSON Schema of SectionDraft, with its name and version."""
    schema = SectionDraft.model_json_schema()
    schema["$id"] = f"{SECTION_SCHEMA_NAME}/{SCHEMA_VERSION}"
    schema["x-schema-name"] = SECTION_SCHEMA_NAME
    schema["x-schema-version"] = SCHEMA_VERSION
    return schema


def section_json_path() -> Path:
    """Where the committed JSON Schema of the current version lives."""
    return JSON_DIR / f"drafting_section_draft-{SCHEMA_VERSION}.json"


def export_section_json_schema(path: Path | None = None) -> Path:
    """Write the SectionDraft JSON Schema (sorted keys, trailing newline) and return the path."""
    target = path or section_json_path()
    target.write_text(json.dumps(section_json_schema(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return target


if __name__ == "__main__":
    print(export_section_json_schema())
