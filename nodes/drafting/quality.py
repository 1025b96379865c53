"""Helpers (not a node): quality metrics of a drafted document (the rendered Markdown) against the
indexed passages — pure functions, used by the evaluation notebook, the benchmark and the tests.

- citation validity: every [n] marker has a source entry naming an indexed passage;
- citation support: every claim (a sentence followed, in its paragraph, by a citation marker before
  the next marker) has its key terms in the cited passages — all its numbers, and at least
  SUPPORT_THRESHOLD of its content words (readability-agnostic, lightly stemmed);
- coverage: template sections drafted; length: words per section against the scaled bounds;
- redundancy: paragraphs and sentences whose content-word Jaccard with an earlier one is at least
  DUPLICATE_THRESHOLD, within and across sections; passages cited in several sections;
- reading quality: fragments, mid-clause starts and meta text (planexec.nodes.drafting.readability).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from planexec.nodes.drafting.citations import marker_numbers, prose_words
from planexec.nodes.drafting.index_memory import fact_passages
from planexec.nodes.drafting.readability import LIST_ITEM, sentence_problems
from planexec.nodes.drafting.text_units import (
    numbers,
    similarity,
    split_sentences,
    strip_markers,
    terms,
)
from planexec.schemas.drafting import DraftPlan
from planexec.schemas.drafting_quality import (
    ClaimCheck,
    DraftQuality,
    DuplicatePair,
    SectionLength,
    SentenceIssue,
)
from planexec.tools.files.inputs import read_input, split_sections
from planexec.tools.stores.memory_index import chunk_document

SUPPORT_THRESHOLD = 0.6
DUPLICATE_THRESHOLD = 0.8
_SOURCE = re.compile(r"^(\d+)\. `([^`]+)`")


@dataclass
class ParsedDocument:
    """A rendered draft: title, (section title, paragraphs) in order, and source n -> passage id."""

    title: str = ""
    sections: list[tuple[str, list[str]]] = field(default_factory=list)
    sources: dict[int, str] = field(default_factory=dict)


def parse_markdown(text: str) -> ParsedDocument:
    """Read the Markdown render_markdown writes (sections '## …', a '## Sources' list)."""
    doc = ParsedDocument()
    in_sources = False
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if block.startswith("# "):
            doc.title = block[2:].strip()
        elif block.startswith("## "):
            in_sources = block[3:].strip() == "Sources"
            if not in_sources:
                doc.sections.append((block[3:].strip(), []))
            else:
                block = block.split("\n", 1)[1] if "\n" in block else ""
        if in_sources:
            for line in block.splitlines():
                if match := _SOURCE.match(line.strip()):
                    doc.sources[int(match.group(1))] = match.group(2)
        elif block and not block.startswith(("#", "*")) and doc.sections:
            doc.sections[-1][1].append(" ".join(block.split()))
    return doc


def indexed_passages(inputs: Iterable[str | Path], facts: Iterable[str] = ()) -> dict[str, str]:
    """passage id -> text, chunked exactly as index_memory does (inputs, then the profile's facts)."""
    out: dict[str, str] = {}
    for path in map(Path, inputs):
        read = read_input(path.name, str(path))
        out.update(
            {p.passage_id: p.text for p in chunk_document(path.name, split_sections(read.text, read.kind))}
        )
    out.update({p.passage_id: p.text for p in fact_passages(list(facts))})
    return out


def _claims(paragraph: str) -> list[tuple[str, list[int]]]:
    """(sentence, citation numbers covering it): each sentence takes the next marker in its paragraph."""
    out: list[tuple[str, list[int]]] = []
    waiting: list[str] = []
    for sentence in split_sentences(paragraph):
        waiting.append(sentence)
        cited = marker_numbers(sentence)
        if cited:
            out += [(s, cited) for s in waiting]
            waiting = []
    return out + [(s, []) for s in waiting]


def check_claim(section: str, sentence: str, texts: dict[str, str], threshold: float) -> ClaimCheck:
    """Key terms of `sentence` (content words and numbers) against the cited passages' text."""
    source = " ".join(texts.values())
    wanted, have = terms(sentence), terms(source)
    share = len(wanted & have) / len(wanted) if wanted else 1.0
    missing = sorted(numbers(sentence) - numbers(source))
    return ClaimCheck(
        section=section,
        sentence=strip_markers(sentence),
        passage_ids=list(texts),
        term_support=round(share, 3),
        missing_numbers=missing,
        supported=bool(texts) and not missing and share >= threshold,
    )


def claim_checks(
    doc: ParsedDocument, passages: dict[str, str], threshold: float = SUPPORT_THRESHOLD
) -> list[ClaimCheck]:
    checks = []
    for title, paragraphs in doc.sections:
        for paragraph in paragraphs:
            for sentence, cited in _claims(paragraph):
                ids = [doc.sources[n] for n in cited if doc.sources.get(n) in passages]
                checks.append(check_claim(title, sentence, {i: passages[i] for i in ids}, threshold))
    return checks


def citation_validity(doc: ParsedDocument, passages: dict[str, str]) -> tuple[int, int]:
    """(markers, markers resolving to an indexed passage)."""
    used = [n for _, paragraphs in doc.sections for p in paragraphs for n in marker_numbers(p)]
    return len(used), sum(1 for n in used if doc.sources.get(n) in passages)


def duplicates(doc: ParsedDocument, threshold: float = DUPLICATE_THRESHOLD) -> list[DuplicatePair]:
    """Later paragraphs/sentences near-duplicating an earlier one (each later unit counted once)."""
    pairs: list[DuplicatePair] = []
    for unit in ("paragraph", "sentence"):
        seen: list[tuple[str, str]] = []
        for title, paragraphs in doc.sections:
            units = paragraphs if unit == "paragraph" else [s for p in paragraphs for s in split_sentences(p)]
            for text in map(strip_markers, units):
                best = max(((similarity(text, t), s) for s, t in seen), default=(0.0, ""))
                if best[0] >= threshold:
                    pair = DuplicatePair(
                        unit=unit,  # type: ignore[arg-type]
                        first_section=best[1],
                        second_section=title,
                        similarity=round(best[0], 3),
                        text=text,
                    )
                    pairs.append(pair)
                seen.append((title, text))
    return pairs


def sentence_issues(doc: ParsedDocument, passages: dict[str, str]) -> list[SentenceIssue]:
    """Reading-quality problems; a sentence is a list item when a cited passage it comes from is one."""
    issues = []
    for title, paragraphs in doc.sections:
        for paragraph in paragraphs:
            for sentence, cited in _claims(paragraph):
                sources = [passages.get(doc.sources.get(n, ""), "") for n in cited]
                item = any(
                    LIST_ITEM.match(t) and similarity(strip_markers(sentence), t) > 0.5 for t in sources
                )
                issues += [
                    SentenceIssue(section=title, sentence=strip_markers(sentence), problem=problem)
                    for problem in sentence_problems(sentence, list_item=item)
                ]
    return issues


def section_lengths(doc: ParsedDocument, plan: DraftPlan) -> list[SectionLength]:
    drafted = {title: paragraphs for title, paragraphs in doc.sections}
    out = []
    for spec in plan.sections:
        words = sum(prose_words(p) for p in drafted.get(spec.title, []))
        within = spec.min_words <= words <= spec.max_words
        out.append(
            SectionLength(
                section=spec.title,
                words=words,
                min_words=spec.min_words,
                max_words=spec.max_words,
                within=within,
            )
        )
    return out


def passages_reused(doc: ParsedDocument) -> int:
    where: dict[str, set[str]] = {}
    for title, paragraphs in doc.sections:
        for n in (n for p in paragraphs for n in marker_numbers(p)):
            where.setdefault(doc.sources.get(n, f"?{n}"), set()).add(title)
    return sum(1 for sections in where.values() if len(sections) > 1)


def evaluate(
    markdown: str,
    passages: dict[str, str],
    plan: DraftPlan,
    *,
    support_threshold: float = SUPPORT_THRESHOLD,
    duplicate_threshold: float = DUPLICATE_THRESHOLD,
) -> DraftQuality:
    """Every metric of one rendered document."""
    doc = parse_markdown(markdown)
    drafted = {t for t, paragraphs in doc.sections if paragraphs and not paragraphs[0].startswith("*(")}
    expected = [s.title for s in plan.sections]
    cited, valid = citation_validity(doc, passages)
    checks = claim_checks(doc, passages, support_threshold)
    pairs = duplicates(doc, duplicate_threshold)
    issues = sentence_issues(doc, passages)
    lengths = section_lengths(doc, plan)
    sentence_pairs = [p for p in pairs if p.unit == "sentence"]
    return DraftQuality(
        title=doc.title,
        sections_expected=len(expected),
        sections_drafted=sum(1 for t in expected if t in drafted),
        coverage=round(sum(1 for t in expected if t in drafted) / max(1, len(expected)), 3),
        citations=cited,
        citations_valid=valid,
        claims=len(checks),
        claims_supported=sum(1 for c in checks if c.supported),
        duplicate_paragraphs=sum(1 for p in pairs if p.unit == "paragraph"),
        duplicate_sentences=len(sentence_pairs),
        duplicate_sentences_across=sum(1 for p in sentence_pairs if p.first_section != p.second_section),
        passages_reused=passages_reused(doc),
        fragments=sum(1 for i in issues if i.problem.startswith("fragment")),
        mid_clause=sum(1 for i in issues if i.problem == "mid_clause"),
        meta=sum(1 for i in issues if i.problem == "meta"),
        words=sum(x.words for x in lengths),
        min_words=sum(x.min_words for x in lengths),
        max_words=sum(x.max_words for x in lengths),
        sections_within_length=sum(1 for x in lengths if x.within),
        issues=issues,
        duplicates=pairs,
        unsupported=[c for c in checks if not c.supported],
        lengths=lengths,
    )


def headline(quality: DraftQuality) -> dict[str, str | int | float]:
    """The numbers a results table shows for one document."""
    return {
        "coverage": quality.coverage,
        "citations valid": f"{quality.citations_valid}/{quality.citations}",
        "claims supported": f"{quality.claims_supported}/{quality.claims}",
        "duplicate paragraphs": quality.duplicate_paragraphs,
        "duplicate sentences (across sections)": (
            f"{quality.duplicate_sentences} ({quality.duplicate_sentences_across})"
        ),
        "passages reused across sections": quality.passages_reused,
        "fragments": quality.fragments,
        "mid-clause starts": quality.mid_clause,
        "meta sentences": quality.meta,
        "words (target)": f"{quality.words} ({quality.min_words}-{quality.max_words})",
        "sections within length": f"{quality.sections_within_length}/{quality.sections_expected}",
    }
