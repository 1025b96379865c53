"""Boundary models of the drafting graph: inputs, project profile, template sections and plan."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from planexec.schemas.base import Contract

ArtifactType = Literal["policy_brief", "position_paper", "regulatory_comment"]
Length = Literal["short", "medium", "long"]
Language = Literal["en", "pt", "es", "unknown"]


class InputFile(Contract):
    """One uploaded file to draft from: a display name and where its bytes are."""

    name: str = Field(description="Upload name (a plain file name, no folders).")
    path: str = Field(description="Local path of the file's bytes.")


class InputDescription(Contract):
    """What describe_inputs learned about one readable input."""

    name: str = Field(description="Upload name.")
    path: str = Field(description="Local path of the bytes.")
    kind: Literal["text", "markdown", "pdf"] = Field(description="Detected file type.")
    size_bytes: int = Field(ge=1, description="Size of the file in bytes.")
    sha256: str = Field(description="sha256 of the file's bytes (hex).")
    encoding: str = Field(description="Text encoding used to decode it ('pdf' for PDFs).")
    pages: int | None = Field(default=None, description="Number of pages (PDF only).")
    sections: int = Field(ge=0, description="Number of heading-delimited sections.")
    headings: list[str] = Field(default_factory=list, description="First headings (at most 30).")
    language: Language = Field(description="Heuristic language guess (en/pt/es by stopwords).")
    words: int = Field(ge=0, description="Number of words in the extracted text.")
    estimated_tokens: int = Field(ge=0, description="Offline token estimate (about 4 characters a token).")


class InputError(Contract):
    """An input that was refused, with the reason; the other inputs go on."""

    name: str = Field(description="Upload name as given.")
    code: Literal["oversize", "binary", "encoding", "unsafe_name", "empty", "unsupported", "missing"] = Field(
        description="Machine-readable reason."
    )
    message: str = Field(description="Human-readable explanation.")


class ProjectProfile(Contract):
    """project_profile.yaml: what to draft, for whom, where and how long."""

    artifact_type: ArtifactType = Field(description="Kind of document; selects the template.")
    title: str = Field(min_length=3, max_length=200, description="Document title.")
    audience: str = Field(min_length=2, max_length=200, description="Who will read it.")
    jurisdiction: str = Field(min_length=2, max_length=100, description="Country or body it concerns.")
    length: Length = Field(default="medium", description="Scales the template's word bounds.")
    language: Literal["en", "pt", "es"] = Field(default="en", description="Language of the document.")
    facts: list[str] = Field(
        default_factory=list, max_length=50, description="Optional facts, indexed as citable passages."
    )

    @field_validator("facts")
    @classmethod
    def _facts_not_blank(cls, value: list[str]) -> list[str]:
        if any(not fact.strip() for fact in value):
            raise ValueError("facts must not contain blank entries")
        return value


class SectionSpec(Contract):
    """One section of a template or plan: what to retrieve and how long to write."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]{0,40}$", description="Stable section id.")
    title: str = Field(min_length=1, max_length=120, description="Heading shown in the document.")
    query: str = Field(min_length=1, description="Retrieval query for the memory index.")
    keywords: list[str] = Field(default_factory=list, description="Extra retrieval keywords.")
    min_words: int = Field(ge=10, description="Minimum words in the section.")
    max_words: int = Field(ge=20, description="Maximum words in the section.")
    depends_on: list[str] = Field(default_factory=list, description="Sections to draft first.")

    @model_validator(mode="after")
    def _bounds(self) -> SectionSpec:
        if self.min_words >= self.max_words:
            raise ValueError(f"section {self.id}: min_words must be below max_words")
        return self


class DraftPlan(Contract):
    """The template and ordered section list code chose for the profile."""

    template: str = Field(description="Template id (file name without .yaml).")
    template_version: str = Field(description="Version declared by the template file.")
    artifact_type: ArtifactType = Field(description="Artifact type of the profile.")
    title: str = Field(description="Document title.")
    sections: list[SectionSpec] = Field(min_length=1, description="Sections in document order.")

    @model_validator(mode="after")
    def _graph_ok(self) -> DraftPlan:
        ids = [s.id for s in self.sections]
        if len(set(ids)) != len(ids):
            raise ValueError("section ids must be unique")
        known = set(ids)
        for section in self.sections:
            missing = [d for d in section.depends_on if d not in known]
            if missing or section.id in section.depends_on:
                raise ValueError(f"section {section.id}: unknown or self dependency {missing or section.id}")
        if execution_order(self.sections) is None:
            raise ValueError("section dependencies form a cycle")
        return self


def execution_order(sections: list[SectionSpec]) -> list[str] | None:
    """Topological order of section ids (document order breaks ties); None when there is a cycle."""
    done: list[str] = []
    left = list(sections)
    while left:
        ready = [s for s in left if all(d in done for d in s.depends_on)]
        if not ready:
            return None
        done.extend(s.id for s in ready)
        left = [s for s in left if s.id not in done]
    return done


class MemoryInfo(Contract):
    """What index_memory built: a reference to the index file and its size."""

    memory_path: str = Field(description="Path of the SQLite FTS5 index file.")
    passages: int = Field(ge=0, description="Number of indexed passages.")
    documents: int = Field(ge=0, description="Number of indexed documents (facts included).")


class Retrieval(Contract):
    """The passages retrieve found for one section."""

    section_id: str = Field(description="Section the retrieval was for.")
    query: str = Field(description="Query sent to the index.")
    passage_ids: list[str] = Field(description="Passage ids, best first.")
