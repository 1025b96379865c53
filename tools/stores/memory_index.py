"""The drafting memory: passages with stable ids in a SQLite FTS5 index, searched with BM25.

Passage ids are `<file>#s<section>.p<paragraph>` (1-based), stable for the same file content.
An index file is built once per set of inputs (atomically) and then only read.
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

MAX_PASSAGE_WORDS = 160
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_SCHEMA = (
    "CREATE TABLE passages(passage_id TEXT PRIMARY KEY, document TEXT NOT NULL, section INTEGER NOT NULL,"
    " paragraph INTEGER NOT NULL, heading TEXT NOT NULL, text TEXT NOT NULL)",
    "CREATE VIRTUAL TABLE passages_fts USING fts5(heading, text, content='passages', content_rowid='rowid')",
)


@dataclass(frozen=True)
class Passage:
    """One indexed paragraph."""

    passage_id: str
    document: str
    section: int
    paragraph: int
    heading: str
    text: str


def chunk_document(document: str, sections: list[tuple[str, str]]) -> list[Passage]:
    """Split heading sections into paragraphs (long ones cut at sentence ends) with stable ids."""
    passages: list[Passage] = []
    for s_no, (heading, body) in enumerate(sections, start=1):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
        pieces = [piece for p in paragraphs for piece in _cut(" ".join(p.split()))]
        for p_no, text in enumerate(pieces, start=1):
            passages.append(Passage(f"{document}#s{s_no}.p{p_no}", document, s_no, p_no, heading, text))
    return passages


def _cut(text: str) -> Iterator[str]:
    words = text.split()
    if len(words) <= MAX_PASSAGE_WORDS:
        yield text
        return
    current: list[str] = []
    for sentence in re.split(r"(?<=[.;:])\s+", text):
        if current and len(" ".join(current).split()) + len(sentence.split()) > MAX_PASSAGE_WORDS:
            yield " ".join(current)
            current = []
        current.append(sentence)
    if current:
        yield " ".join(current)


def build_index(path: Path, passages: Iterable[Passage]) -> int:
    """Write a new index file at `path` atomically (reused if it already exists); return its size."""
    if path.exists():
        return MemoryIndex(path).count()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    try:
        with closing(sqlite3.connect(tmp)) as conn, conn:
            for statement in _SCHEMA:
                conn.execute(statement)
            conn.executemany(
                "INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?)",
                [(p.passage_id, p.document, p.section, p.paragraph, p.heading, p.text) for p in passages],
            )
            conn.execute("INSERT INTO passages_fts(passages_fts) VALUES ('rebuild')")
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return MemoryIndex(path).count()


def fts_query(text: str) -> str:
    """An FTS5 OR-query of the distinct word tokens of `text` (each quoted: no syntax errors)."""
    tokens = list(dict.fromkeys(t.lower() for t in _TOKEN.findall(text) if len(t) > 1))
    return " OR ".join(f'"{t}"' for t in tokens)


class MemoryIndex:
    """Read access to one index file (a new connection per call: safe across threads)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    @contextmanager
    def _conn(self) -> Iterator[sqlite3.Connection]:
        if not self.path.is_file():
            raise FileNotFoundError(f"memory index {self.path} does not exist")
        with closing(sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)) as conn:
            yield conn

    def count(self) -> int:
        with self._conn() as conn:
            return int(conn.execute("SELECT count(*) FROM passages").fetchone()[0])

    def search(self, query: str, k: int = 6) -> list[Passage]:
        """The k best passages by BM25 (heading matches weigh double); [] for an empty query."""
        match = fts_query(query)
        if not match:
            return []
        sql = (
            "SELECT p.passage_id, p.document, p.section, p.paragraph, p.heading, p.text FROM passages_fts f"
            " JOIN passages p ON p.rowid = f.rowid WHERE passages_fts MATCH ?"
            " ORDER BY bm25(passages_fts, 2.0, 1.0), p.passage_id LIMIT ?"
        )
        with self._conn() as conn:
            return [Passage(*row) for row in conn.execute(sql, (match, k))]

    def get(self, passage_ids: Iterable[str]) -> dict[str, Passage]:
        """The passages that exist among `passage_ids` (missing ids are simply absent)."""
        ids = list(dict.fromkeys(passage_ids))
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        sql = (
            "SELECT passage_id, document, section, paragraph, heading, text FROM passages"
            f" WHERE passage_id IN ({marks})"
        )
        with self._conn() as conn:
            return {row[0]: Passage(*row) for row in conn.execute(sql, ids)}
