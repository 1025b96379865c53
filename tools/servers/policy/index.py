"""Passages of the policy documents in <data folder>/policy/*.txt, searchable with BM25.

Parsing (plain-text treaties such as the Paris Agreement):
- The first non-empty line is the title ("PARIS AGREEMENT" -> document "Paris Agreement").
- Text before the first "Article N" heading is the preamble; each blank-line-separated recital
  is one passage. Text after the last article that is not part of it ("DONE at Paris ...")
  is not a paragraph of any article and is kept as closing passages.
- Inside an article, a paragraph starts with "N." and owns the lettered sub-items "(a)" ...
  that follow it; the passage text holds the paragraph and its sub-items. An article without
  numbered paragraphs (e.g. Art. 1, 3) is a single passage.

Ids (stable; `<doc>` is the file stem, e.g. paris_agreement_2015_en):
- `<doc>:preamble:pN`  N-th recital of the preamble (1-based)   -> "Paris Agreement, Preamble, para. N"
- `<doc>:artA:pN`      paragraph N of Article A                  -> "Paris Agreement, Art. A(N)"
- `<doc>:artA`         Article A when it has no numbered paragraphs -> "Paris Agreement, Art. A"
- `<doc>:closing:pN`   N-th closing block after the last article  -> "Paris Agreement, closing text N"

Search: SQLite FTS5 in memory with the Porter stemmer ("adaptation" and "adapt" share a stem),
query words OR-ed, ranked by FTS5's bm25() (best first; ties broken by document order, so the
ranking is deterministic).
"""

from __future__ import annotations

import re
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from planexec.schemas.settings import Settings
from planexec.schemas.tools.policy import Passage
from planexec.tools.servers.datasets.loaders import DataFileMissingError, data_dir, missing_data_message

POLICY_SUBDIR = "policy"
_ARTICLE = re.compile(r"^Article\s+(\d+)\s*$")
_PARAGRAPH = re.compile(r"^(\d+)\.\s+")
_WORD = re.compile(r"\w+", re.UNICODE)
_CLOSING = re.compile(r"^(DONE at|IN WITNESS WHEREOF)")


class UnknownPassageError(KeyError):
    """No passage has the requested id."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown passage"


@dataclass(frozen=True)
class _Block:
    doc: str
    title: str
    article: str | None
    paragraph: str | None
    section: str  # "preamble", "art", "closing"
    text: str


def _title(first_line: str) -> str:
    return " ".join(w.capitalize() if w.isupper() else w for w in first_line.split())


def _blocks(text: str) -> list[str]:
    return [b.strip().replace("\n", " ") for b in re.split(r"\n\s*\n", text) if b.strip()]


def _passage(block: _Block) -> Passage:
    if block.section == "art":
        para = f":p{block.paragraph}" if block.paragraph else ""
        pid = f"{block.doc}:art{block.article}{para}"
        cite = f"{block.title}, Art. {block.article}" + (f"({block.paragraph})" if block.paragraph else "")
    elif block.section == "preamble":
        pid, cite = (
            f"{block.doc}:preamble:p{block.paragraph}",
            f"{block.title}, Preamble, para. {block.paragraph}",
        )
    else:
        pid, cite = (
            f"{block.doc}:closing:p{block.paragraph}",
            f"{block.title}, closing text {block.paragraph}",
        )
    return Passage(
        id=pid,
        document=block.title,
        article=block.article,
        paragraph=block.paragraph,
        citation=cite,
        text=block.text,
    )


def parse_document(doc: str, text: str) -> list[Passage]:
    """Split one treaty text into passages (see the module docstring for the scheme)."""
    blocks = _blocks(text)
    if not blocks:
        return []
    title = _title(blocks[0])
    out: list[_Block] = []
    article: str | None = None
    counters = {"preamble": 0, "closing": 0}
    for block in blocks[1:]:
        heading = _ARTICLE.match(block)
        para = _PARAGRAPH.match(block)
        if heading:
            article = heading.group(1)
        elif article is not None and _CLOSING.match(block):
            article = None
            counters["closing"] += 1
            out.append(_Block(doc, title, None, str(counters["closing"]), "closing", block))
        elif article is None:
            section = "closing" if counters["closing"] else "preamble"
            counters[section] += 1
            out.append(_Block(doc, title, None, str(counters[section]), section, block))
        elif para or not out or out[-1].section != "art" or out[-1].article != article:
            number = para.group(1) if para else None
            out.append(_Block(doc, title, article, number, "art", block))
        else:  # a sub-item "(a)", or running text continuing the current paragraph
            last = out[-1]
            out[-1] = _Block(doc, title, last.article, last.paragraph, "art", f"{last.text}\n{block}")
    return [_passage(b) for b in out]


class PolicyIndex:
    """All passages of a folder of policy texts, with an FTS5 BM25 index (built lazily).

    A folder without any *.txt document raises DataFileMissingError on first use (and again on
    the next use, so a folder filled later is picked up): never an empty answer.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._passages: list[Passage] | None = None
        self._by_id: dict[str, Passage] = {}
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
        for path in documents:
            passages.extend(parse_document(path.stem, path.read_text(encoding="utf-8")))
        db = sqlite3.connect(":memory:", check_same_thread=False)
        db.execute("CREATE VIRTUAL TABLE passages USING fts5(text, citation, tokenize='porter unicode61')")
        db.executemany(
            "INSERT INTO passages(rowid, text, citation) VALUES (?, ?, ?)",
            [(i, p.text, p.citation) for i, p in enumerate(passages)],
        )
        self._by_id = {p.id: p for p in passages}
        if len(self._by_id) != len(passages):
            raise ValueError("duplicate passage ids in policy documents")
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

    def search(self, query: str, limit: int = 5) -> list[Passage]:
        """Best passages for the query by BM25 (word stems OR-ed); empty when no word matches."""
        passages = self.passages()
        words = sorted({w.lower() for w in _WORD.findall(query)})
        if not words or self._db is None:
            return []
        match = " OR ".join('"' + w.replace('"', '""') + '"' for w in words)
        with self._lock:
            rows = self._db.execute(
                "SELECT rowid, bm25(passages, 1.0, 0.2) AS s FROM passages WHERE passages MATCH ? "
                "ORDER BY s, rowid LIMIT ?",
                (match, limit),
            ).fetchall()
        return [passages[rowid].model_copy(update={"score": round(-float(s), 6)}) for rowid, s in rows]
