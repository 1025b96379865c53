"""Quality of a drafted document: citation validity and support, coverage, redundancy, length and
reading-quality signals (computed by planexec.nodes.drafting.quality)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from planexec.schemas.base import Contract


class SentenceIssue(Contract):
    """One sentence with a reading-quality problem."""

    section: str = Field(description="Section title.")
    sentence: str = Field(description="The sentence as drafted.")
    problem: str = Field(description="'fragment:<reason>', 'mid_clause' or 'meta'.")


class DuplicatePair(Contract):
    """Two near-duplicate units of the document (token-set Jaccard at or above the threshold)."""

    unit: Literal["paragraph", "sentence"] = Field(description="What was compared.")
    first_section: str = Field(description="Section of the earlier unit.")
    second_section: str = Field(description="Section of the later unit.")
    similarity: float = Field(description="Jaccard of the content-word sets, 0..1.")
    text: str = Field(description="The later unit (the redundant one).")


class ClaimCheck(Contract):
    """One cited sentence checked against the passages its citation points to."""

    section: str = Field(description="Section title.")
    sentence: str = Field(description="The claim: a sentence covered by the citation that follows it.")
    passage_ids: list[str] = Field(description="Passages the citation resolves to (empty: none resolves).")
    term_support: float = Field(description="Share of the sentence's content words found in the passages.")
    missing_numbers: list[str] = Field(description="Numbers of the sentence absent from the passages.")
    supported: bool = Field(description="All numbers present and term_support at or above the threshold.")


class SectionLength(Contract):
    """A section's length against the profile-scaled template bounds."""

    section: str = Field(description="Section title.")
    words: int = Field(description="Prose words (citation markers excluded); 0 when not drafted.")
    min_words: int = Field(description="Lower bound from the template scaled by the profile length.")
    max_words: int = Field(description="Upper bound.")
    within: bool = Field(description="min_words <= words <= max_words.")


class DraftQuality(Contract):
    """Every drafting metric of one document; the counts are the headline numbers."""

    title: str = Field(description="Document title.")
    sections_expected: int = Field(description="Sections of the template plan.")
    sections_drafted: int = Field(description="Template sections present with prose.")
    coverage: float = Field(description="sections_drafted / sections_expected.")
    citations: int = Field(description="Citation markers in the document.")
    citations_valid: int = Field(description="Markers whose source entry is an indexed passage.")
    claims: int = Field(description="Sentences covered by a citation (or lacking one).")
    claims_supported: int = Field(description="Claims whose cited passages contain their key terms.")
    duplicate_paragraphs: int = Field(description="Paragraphs near-duplicating an earlier paragraph.")
    duplicate_sentences: int = Field(description="Sentences near-duplicating an earlier sentence.")
    duplicate_sentences_across: int = Field(description="Of those, duplicates of another section's.")
    passages_reused: int = Field(description="Passages cited in more than one section.")
    fragments: int = Field(description="Sentences that are fragments.")
    mid_clause: int = Field(description="Sentences starting mid-clause.")
    meta: int = Field(description="Sentences of meta text about the drafting.")
    words: int = Field(description="Prose words of the document.")
    min_words: int = Field(description="Sum of the sections' lower bounds.")
    max_words: int = Field(description="Sum of the sections' upper bounds.")
    sections_within_length: int = Field(description="Sections whose length is within their bounds.")
    issues: list[SentenceIssue] = Field(default_factory=list, description="Flagged sentences.")
    duplicates: list[DuplicatePair] = Field(default_factory=list, description="Near-duplicate pairs.")
    unsupported: list[ClaimCheck] = Field(default_factory=list, description="Unsupported claims.")
    lengths: list[SectionLength] = Field(default_factory=list, description="Per-section lengths.")
