"""Search over the passages of the policy documents in <data folder>/policy/*.txt.

Passages and ids: see parse.py. Each passage is indexed with two fields: its text, and its
"topics" (the article's curated title and topics plus the paragraph's, see topics.py).

Search (deterministic, offline):
1. The query is taken apart (query.py): article references, expansions of abbreviations,
   synonyms and Portuguese terms into the treaty's wording, and content words.
2. Each phrase (expansion or word) is matched on its own in an SQLite FTS5 index with the
   Porter stemmer ("adaptation" and "adapt" share a stem); a passage's score is the sum over
   phrases of FTS5's BM25 (text weight 1.0, topics 0.6). Phrases match as phrases
   ("nationally determined contribution" also finds "... contributions").
3. Order: the paragraphs the query names ("Article 6.4") first, then the other passages of the
   articles it names (best first, then in document order), then every other passage with a
   positive score, best first (ties by document order). `max_per_article` keeps the top diverse:
   passages beyond the cap of one article come only after every other scoring passage.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import Counter
from pathlib import Path

from planexec.schemas.settings import Settings
from planexec.schemas.tools.policy import ArticleRef, Passage, PassageSearchResult
from planexec.tools.servers.datasets.loaders import (
    DataFileMissingError,
    data_dir,
    missing_data_message,
    package_data_dir,
)
from planexec.tools.servers.policy.parse import parse_document
from planexec.tools.servers.policy.query import (
    EXPANSIONS_FILE,
    AnalyzedQuery,
    Expansion,
    analyze,
    load_expansions,
)
from planexec.tools.servers.policy.topics import load_topics

__all__ = ["POLICY_SUBDIR", "PolicyIndex", "UnknownPassageError", "parse_document"]

POLICY_SUBDIR = "policy"
TEXT_WEIGHT, TOPICS_WEIGHT = 1.0, 0.6


class UnknownPassageError(KeyError):
    """No passage has the requested id."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown passage"


def _expansions_path(folder: Path) -> Path:
    own = folder / EXPANSIONS_FILE
    return own if own.is_file() else package_data_dir() / POLICY_SUBDIR / EXPANSIONS_FILE


class PolicyIndex:
    """All passages of a folder of policy texts, with an FTS5 index (built lazily).

    A folder without any *.txt document raises DataFileMissingError on first use (and again on
    the next use, so a folder filled later is picked up): never an empty answer.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._passages: list[Passage] | None = None
        self._by_id: dict[str, Passage] = {}
        self._expansions: list[Expansion] = []
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> PolicyIndex:
        """The index of `<data folder>/policy` (PLANEXEC_DATA_DIR, else the package's data)."""
        return cls(data_dir(settings) / POLICY_SUBDIR)

    def _build(self) -> None:
        documents = sorted(self.folder.glob("*.txt"))
        if not documents:
            raise DataFileMissingError(missing_data_message(self.folder / "*.txt", " (no policy documents)"))
        passages: list[Passage] = []
        fields: list[str] = []
        for path in documents:
            topics = load_topics(path)
            for p in parse_document(path.stem, path.read_text(encoding="utf-8")):
                passages.append(p.model_copy(update={"article_title": topics.title(p.article)}))
                fields.append(topics.field_text(p.article, p.paragraph))
        db = sqlite3.connect(":memory:", check_same_thread=False)
        db.execute("CREATE VIRTUAL TABLE passages USING fts5(text, topics, tokenize='porter unicode61')")
        db.executemany(
            "INSERT INTO passages(rowid, text, topics) VALUES (?, ?, ?)",
            [(i, p.text, f) for i, (p, f) in enumerate(zip(passages, fields, strict=True))],
        )
        self._by_id = {p.id: p for p in passages}
        if len(self._by_id) != len(passages):
            raise ValueError("duplicate passage ids in policy documents")
        self._expansions = load_expansions(_expansions_path(self.folder))
        self._db, self._passages = db, passages

    def passages(self) -> list[Passage]:
        with self._lock:
            if self._passages is None:
                self._build()
            assert self._passages is not None
            return self._passages

    def get(self, passage_id: str) -> Passage:
        self.passages()
        try:
            return self._by_id[passage_id]
        except KeyError:
            examples = ", ".join(list(self._by_id)[:3])
            raise UnknownPassageError(
                f"unknown passage id '{passage_id}'; ids look like {examples} "
                "(use SearchPassages to find them)"
            ) from None

    def analyze(self, query: str) -> AnalyzedQuery:
        """The query taken apart with this index's expansion table."""
        self.passages()
        return analyze(query, self._expansions)

    def _scores(self, phrases: list[str]) -> dict[int, float]:
        assert self._db is not None
        scores: dict[int, float] = {}
        with self._lock:
            for phrase in phrases:
                match = '"' + phrase.replace('"', " ") + '"'
                try:
                    rows = self._db.execute(
                        "SELECT rowid, bm25(passages, ?, ?) FROM passages WHERE passages MATCH ?",
                        (TEXT_WEIGHT, TOPICS_WEIGHT, match),
                    ).fetchall()
                except sqlite3.OperationalError:  # a phrase with no indexable token
                    continue
                for rowid, s in rows:
                    scores[rowid] = scores.get(rowid, 0.0) - float(s)
        return scores

    def _order(self, refs: list[ArticleRef], scores: dict[int, float], cap: int | None) -> list[int]:
        passages = self._passages or []
        named = {r.article for r in refs}
        exact = [(r.article, r.paragraph) for r in refs if r.paragraph]
        first = [i for key in exact for i, p in enumerate(passages) if (p.article, p.paragraph) == key]
        in_named = [i for i, p in enumerate(passages) if p.article in named and i not in first]
        in_named.sort(key=lambda i: (-scores.get(i, 0.0), i))
        order = list(dict.fromkeys(first + in_named))
        per_article: Counter[str | None] = Counter()
        held: list[int] = []
        for i in sorted(scores, key=lambda i: (-scores[i], i)):
            article = passages[i].article
            if i in order or scores[i] <= 0 or article in named:
                continue
            if cap is not None and per_article[article] >= cap:
                held.append(i)
                continue
            per_article[article] += 1
            order.append(i)
        return order + held

    def find(self, query: str, limit: int = 5, max_per_article: int | None = None) -> PassageSearchResult:
        """Passages for the query (see module docstring), with what the query was taken to mean."""
        passages = self.passages()
        analyzed = analyze(query, self._expansions)
        articles = {p.article for p in passages}
        refs = [r for r in analyzed.refs if r.article in articles]
        named = {r.article for r in refs}
        scores = self._scores(analyzed.phrases())
        found = [
            passages[i].model_copy(
                update={
                    "score": round(scores.get(i, 0.0), 6),
                    "matched": "reference" if passages[i].article in named else "terms",
                }
            )
            for i in self._order(refs, scores, max_per_article)[:limit]
        ]
        return PassageSearchResult(
            query=query,
            count=len(found),
            passages=found,
            terms=analyzed.phrases(),
            expansions=analyzed.expansions,
            article_refs=refs,
        )

    def search(self, query: str, limit: int = 5, max_per_article: int | None = None) -> list[Passage]:
        """The passages of `find` (best first); empty when nothing matches."""
        return self.find(query, limit, max_per_article).passages
