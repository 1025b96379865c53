"""Curated article titles and topics of a policy document (`<doc>.topics.json` next to `<doc>.txt`).

File shape (see data/policy/paris_agreement_2015_en.topics.json, its `source` says where it comes from):
  {"articles": {"7": {"title": "Adaptation", "topics": ["adaptation", ...]}, ...},
   "paragraphs": {"4(19)": ["long-term strategies", ...], ...}}
A document without the file has no titles and no topics (search then uses its text only).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

TOPICS_SUFFIX = ".topics.json"


@dataclass(frozen=True)
class DocumentTopics:
    """Titles and topics of one document's articles and paragraphs."""

    titles: dict[str, str] = field(default_factory=dict)
    article_topics: dict[str, list[str]] = field(default_factory=dict)
    paragraph_topics: dict[str, list[str]] = field(default_factory=dict)

    def title(self, article: str | None) -> str | None:
        return self.titles.get(article) if article else None

    def field_text(self, article: str | None, paragraph: str | None) -> str:
        """The indexed 'topics' field of a passage: article title, article topics, paragraph topics."""
        if article is None:
            return ""
        parts = [self.titles.get(article, ""), *self.article_topics.get(article, [])]
        if paragraph is not None:
            parts.extend(self.paragraph_topics.get(f"{article}({paragraph})", []))
        return " ; ".join(p for p in parts if p)


def load_topics(document: Path) -> DocumentTopics:
    """The topics file of `document` (a .txt path), or empty topics when there is none."""
    path = document.with_name(document.stem + TOPICS_SUFFIX)
    if not path.is_file():
        return DocumentTopics()
    data = json.loads(path.read_text(encoding="utf-8"))
    articles = data.get("articles", {})
    return DocumentTopics(
        titles={n: a["title"] for n, a in articles.items() if a.get("title")},
        article_topics={n: list(a.get("topics", [])) for n, a in articles.items()},
        paragraph_topics={k: list(v) for k, v in data.get("paragraphs", {}).items()},
    )
