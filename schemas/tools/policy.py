"""Contracts of the policy-documents MCP server."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from planexec.schemas.base import Contract


class SearchPassagesArgs(Contract):
    query: str = Field(min_length=1, max_length=2000, description="Free-text query (English or Portuguese).")
    limit: int = Field(default=5, ge=1, le=50, description="Maximum passages returned.")
    max_per_article: int | None = Field(
        default=None,
        ge=1,
        le=50,
        description="At most this many passages of one article (articles the query names are exempt); "
        "None: no cap.",
    )


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
    article_title: str | None = Field(
        default=None, description="Curated title of the article, e.g. 'Adaptation' (None when unknown)."
    )
    score: float | None = Field(default=None, description="Relevance score (search results only).")
    matched: Literal["reference", "terms"] | None = Field(
        default=None,
        description="Search results only: 'reference' when the query names this passage's article "
        "(e.g. 'Article 6.4'), 'terms' when found by its words.",
    )


class QueryExpansion(Contract):
    found: str = Field(description="The words of the query that were expanded (lower case, no accents).")
    expanded_to: list[str] = Field(description="Treaty wording searched for them.")


class ArticleRef(Contract):
    found: str = Field(description="The reference as written in the query (lower case, no accents).")
    article: str = Field(description="Article number.")
    paragraph: str | None = Field(default=None, description="Paragraph number, if the query names one.")


class PassageSearchResult(Contract):
    query: str = Field(description="The query searched.")
    count: int = Field(ge=0, description="Passages returned.")
    passages: list[Passage] = Field(description="Best first (passages of referenced articles first).")
    terms: list[str] = Field(default_factory=list, description="Words and phrases searched, after expansion.")
    expansions: list[QueryExpansion] = Field(
        default_factory=list, description="Abbreviations, synonyms and translations expanded."
    )
    article_refs: list[ArticleRef] = Field(
        default_factory=list, description="Articles/paragraphs the query names that exist in the documents."
    )
