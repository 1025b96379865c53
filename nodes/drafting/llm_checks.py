"""Helpers (not a node): checks a section the chat model wrote must pass, beyond the contract's rules.

- no echo of the prompt: a run of ECHO_WORDS words shared with the system prompt or the user prompt's
  instruction lines (the passages themselves may be quoted), and no citation taken from the
  instructions ('e.g. [2]', 'for example [1]');
- plain prose: no HTML tags or entities (`&#39;`), Markdown tables or code fences;
- citations in the contract's form only: `[n]` or `[n, m]` (no '[Passage 2]', '[^2]', '【2†source】');
- each citation attached to a claim it supports: the text a marker closes (from the previous marker,
  or the paragraph start) has its numbers and at least SUPPORT_GATE of its key terms in the cited
  passages (`quality.check_claim`).
Each failure is one error line; the section is then retried and finally written extractively.
"""

from __future__ import annotations

import re
from typing import Any

from planexec.nodes.drafting.citations import MARKER, marker_numbers
from planexec.nodes.drafting.quality import check_claim
from planexec.nodes.output_checks.echo import prompt_echo
from planexec.nodes.output_checks.markup import markup_in

SUPPORT_GATE = 0.5
"""Share of a claim's key terms the cited passages must hold (the quality report's bar is 0.6)."""

_EXAMPLE_CITATION = re.compile(
    r"\b(?:e\.\s?g\.|i\.\s?e\.|for example|for instance|por exemplo)\s*,?\s*\[\d+(?:\s*,\s*\d+)*\]",
    re.IGNORECASE,
)
_BRACKETED = re.compile(r"\[[^\[\]]{0,80}\]")
_MARKERS = re.compile(r"(?:\s*\[\d+(?:\s*,\s*\d+)*\])+")
_OTHER_STYLES = re.compile(
    r"【[^】]{0,80}】|\(\s*(?:passage|source|ref(?:erence)?)\s*\d+\s*\)", re.IGNORECASE
)


def _form_errors(i: int, text: str) -> list[str]:
    errors = []
    if example := _EXAMPLE_CITATION.search(text):
        errors.append(f"paragraph {i} copies the instructions' example citation '{example.group(0)}'")
    odd = [b for b in _BRACKETED.findall(text) if not MARKER.fullmatch(b)] + _OTHER_STYLES.findall(text)
    if odd:
        errors.append(f"paragraph {i} cites in another form than [n]: '{odd[0]}'")
    return errors


def cited_claims(text: str) -> list[tuple[str, list[int]]]:
    """(claim, citation numbers): the text each run of markers closes, from the previous marker on."""
    out, start = [], 0
    for match in _MARKERS.finditer(text):
        claim = text[start : match.start()].strip(" .;,:")
        if claim:
            out.append((claim, marker_numbers(match.group(0))))
        start = match.end()
    return out


def _support_errors(i: int, text: str, sources: dict[int, str]) -> list[str]:
    errors = []
    for sentence, cited in cited_claims(text):
        texts = {str(n): sources[n] for n in cited if n in sources}
        if not cited or not texts:
            continue  # uncited sentences and unknown numbers are the contract check's business
        claim = check_claim("", sentence, texts, SUPPORT_GATE)
        if not claim.supported:
            missing = f", numbers {claim.missing_numbers} absent" if claim.missing_numbers else ""
            errors.append(
                f"paragraph {i}: [{', '.join(texts)}] does not support '{claim.sentence[:80]}' "
                f"(key terms {claim.term_support:.0%}{missing})"
            )
    return errors


def passage_texts(draft: dict[str, Any], passages: list[dict[str, Any]]) -> dict[int, str]:
    """Citation number -> text of the cited passage (numbers whose passage is unknown are left out)."""
    by_id = {str(p.get("passage_id")): str(p.get("text", "")) for p in passages}
    cited = (c for c in draft.get("citations") or [] if isinstance(c, dict))
    return {int(c["n"]): by_id[str(c["passage_id"])] for c in cited if str(c.get("passage_id")) in by_id}


def llm_section_errors(
    draft: dict[str, Any], passages: list[dict[str, Any]], prompts: list[str]
) -> list[str]:
    """Every check above that a model-written section fails; [] when it passes."""
    sources = passage_texts(draft, passages)
    errors: list[str] = []
    for i, paragraph in enumerate(p for p in draft.get("paragraphs") or [] if isinstance(p, dict)):
        text = str(paragraph.get("text", ""))
        if echo := prompt_echo(MARKER.sub(" ", text), prompts):
            errors.append(f"paragraph {i + 1} {echo}")
        if markup := markup_in(text):
            errors.append(f"paragraph {i + 1} has markup: {markup}")
        errors += _form_errors(i + 1, text)
        errors += _support_errors(i + 1, text, sources)
    return errors
