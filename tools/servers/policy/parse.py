"""Passages of plain-text treaties such as the Paris Agreement (parsing; search is in index.py).

Parsing:
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
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planexec.schemas.tools.policy import Passage

_ARTICLE = re.compile(r"^Article\s+(\d+)\s*$")
_PARAGRAPH = re.compile(r"^(\d+)\.\s+")
_CLOSING = re.compile(r"^(DONE at|IN WITNESS WHEREOF)")


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
