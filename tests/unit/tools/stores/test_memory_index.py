"""tools/memory_index.py: chunking with stable ids, FTS5/BM25 search, lookups."""

from __future__ import annotations

from pathlib import Path

from planexec.tools.files.inputs import split_sections
from planexec.tools.stores.memory_index import (
    MAX_PASSAGE_WORDS,
    MemoryIndex,
    build_index,
    chunk_document,
    fts_query,
)

TEXT = (
    "SOLAR\n\nBrazil has 788 solar plants.\n\nMinas Gerais leads with 7,222 MW.\n\n"
    "Article 7\n\nParties establish the global goal on adaptation.\n\n" + "Long sentence here. " * 120
)


def test_ids_are_stable_and_long_paragraphs_are_cut() -> None:
    passages = chunk_document("facts.md", split_sections(TEXT, "text"))
    again = chunk_document("facts.md", split_sections(TEXT, "text"))
    assert [p.passage_id for p in passages] == [p.passage_id for p in again]
    assert passages[0].passage_id == "facts.md#s1.p1" and passages[0].heading == "SOLAR"
    assert passages[2].passage_id == "facts.md#s2.p1"
    assert all(len(p.text.split()) <= MAX_PASSAGE_WORDS for p in passages)
    assert len(passages) >= 5


def test_search_ranks_by_bm25_and_get_reports_missing(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite"
    passages = chunk_document("facts.md", split_sections(TEXT, "text"))
    assert build_index(path, passages) == len(passages)
    assert build_index(path, passages) == len(passages)  # reused, not rebuilt
    index = MemoryIndex(path)
    top = index.search("Minas Gerais capacity MW", k=3)
    assert top[0].text.startswith("Minas Gerais")
    assert index.search("adaptation goal")[0].heading == "Article 7"
    assert index.search("") == [] and index.search("?? !!") == []
    found = index.get(["facts.md#s1.p1", "facts.md#s9.p9"])
    assert list(found) == ["facts.md#s1.p1"]


def test_fts_query_quotes_tokens() -> None:
    assert fts_query('solar "AND" (MW) OR x') == '"solar" OR "and" OR "mw" OR "or"'
