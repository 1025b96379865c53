"""Contracts of the policy-documents MCP server."""

from __future__ import annotations

from pydantic import Field

from planexec.schemas.base import Contract


class SearchPassagesArgs(Contract):
    query: str = Field(min_length=1, max_length=2000, description="Free-text query.")
    limit: int = Field(default=5, ge=1, le=50, description="Maximum passages returned.")


class GetPassageArgs(Contract):
    id: str = Field(
        min_length=1, max_length=200, description="Passage id, e.g. 'paris_agreement_2015_en:art7:p1'."
    )


class Passage(Contract):
    id: str = Field(description="Stable passage id: document:article:paragraph.")
    document: str = Field(description="Document title, e.g. 'Paris Agreement'.")
    article: str | None = Field(description="Article number ('7'), or None for the preamble.")
    paragraph: str | None = Field(description="Paragraph number within the article, if any.")
    citation: str = Field(description="Human citation, e.g. 'Paris Agreement, Art. 7(1)'.")
    text: str = Field(description="The passage text.")
    score: float | None = Field(default=None, description="Relevance score (search results only).")


class PassageSearchResult(Contract):
    query: str = Field(description="The query searched.")
    count: int = Field(ge=0, description="Passages returned.")
    passages: list[Passage] = Field(description="Best first.")
