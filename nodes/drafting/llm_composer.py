"""Helpers (not a node): ask the chat model for prose from the retrieved passages only, parse citations.

The call is sync (`invoke`, run inside the section's worker) with `max_tokens` bound
(`Settings.llm_max_tokens_draft`); an answer cut off at that limit (finish_reason "length") is not
parsed: the attempt fails with that reason (recorded in the trace) and is retried, then extractive.
"""

from __future__ import annotations

import re
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from planexec.nodes.drafting.citations import MARKER, marker_numbers
from planexec.schemas.drafting import SectionSpec

TRUNCATED = "answer cut off at the token limit (finish_reason 'length')"
INSTRUCTION_LINES = (
    "Sections already written (context only, do not cite them):",
    "Reviewer feedback to address:",
    "Your previous answer was rejected:",
)
"""The fixed instruction lines of the user prompt (an answer repeating them is an echo)."""

SYSTEM = (
    "You write one section of a {artifact_type} titled '{title}' for {audience} ({jurisdiction}), in "
    "language '{language}'. Use ONLY facts from the numbered passages you are given. "
    "Write {lo}-{hi} words in 1 to 4 paragraphs separated by blank lines. "
    "Cite passages by their number in square brackets, e.g. [2], "
    "and give every paragraph at least one citation. No headings, lists or other citation styles."
)


def system_prompt(spec: SectionSpec, profile: dict[str, Any]) -> str:
    """The rules of the section's prompt (its system message)."""
    return SYSTEM.format(
        artifact_type=profile.get("artifact_type", "document").replace("_", " "),
        title=profile.get("title", ""),
        audience=profile.get("audience", "readers"),
        jurisdiction=profile.get("jurisdiction", ""),
        language=profile.get("language", "en"),
        lo=spec.min_words,
        hi=spec.max_words,
    )


def build_messages(
    spec: SectionSpec, passages: list[dict[str, Any]], profile: dict[str, Any], context: dict[str, Any]
) -> list[Any]:
    """The prompt: rules, the numbered passages, upstream sections, reviewer feedback and past errors."""
    system = system_prompt(spec, profile)
    numbered = "\n\n".join(
        f"[{i}] ({p['document']}, {p['heading'] or 'text'}) {p['text']}" for i, p in enumerate(passages, 1)
    )
    parts = [f"Section: {spec.title}\nFocus: {spec.query}", f"Passages:\n{numbered}"]
    if context.get("upstream"):
        parts.append(
            f"{INSTRUCTION_LINES[0]}\n"
            + "\n".join(f"- {k}: {v[:600]}" for k, v in context["upstream"].items())
        )
    if context.get("feedback"):
        parts.append(f"{INSTRUCTION_LINES[1]} {context['feedback']}")
    if context.get("errors"):
        parts.append(f"{INSTRUCTION_LINES[2]} " + "; ".join(context["errors"]) + ". Fix these.")
    return [SystemMessage(system), HumanMessage("\n\n".join(parts))]


def parse_answer(text: str, passages: list[dict[str, Any]]) -> dict[str, Any]:
    """Paragraphs and citations from the model's prose; unknown numbers are kept so validation sees them."""
    blocks = [
        b.strip() for b in re.split(r"\n\s*\n", text.strip()) if b.strip() and not b.strip().startswith("#")
    ]
    paragraphs, used = [], []
    for block in blocks:
        flat = MARKER.sub(
            lambda m: "".join(f"[{n.strip()}]" for n in m.group(1).split(",")), " ".join(block.split())
        )
        numbers = list(dict.fromkeys(marker_numbers(flat)))
        paragraphs.append({"text": flat, "citations": numbers})
        used += numbers
    citations = [
        {"n": n, "passage_id": passages[n - 1]["passage_id"]}
        for n in sorted(set(used))
        if 1 <= n <= len(passages)
    ]
    return {"paragraphs": paragraphs, "citations": citations}


def compose_with_llm(
    llm: BaseChatModel,
    spec: SectionSpec,
    passages: list[dict[str, Any]],
    profile: dict[str, Any],
    context: dict[str, Any],
    *,
    max_tokens: int | None = None,
) -> dict[str, Any]:
    """One model call (capped at `max_tokens`); raises on transport errors (the caller records them
    and retries). A cut-off answer gives no paragraphs and the reason in `error`."""
    model = llm.bind(max_tokens=max_tokens) if max_tokens else llm
    answer = model.invoke(build_messages(spec, passages, profile, context))
    if (getattr(answer, "response_metadata", None) or {}).get("finish_reason") == "length":
        return {"paragraphs": [], "citations": [], "error": TRUNCATED}
    return parse_answer(answer.text, passages)
