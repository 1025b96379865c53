"""The tools most relevant to a question, for a second try when a model called none.

Small models (Gemma 3 270M measured) stop calling tools when offered ten tools with nested schemas
(~10 KB of prompt): they answer with an empty message. With the four tools closest to the question
they call one. The general agent therefore offers every tool first and, only when the model made no
tool call at all, asks once more with a short list ranked here: word overlap between the question
and each tool's name and description (words cut to a 5-letter stem, so "adaptation" meets
"adapt…" and "passages" meets "Passage"), ties kept in the servers' order. Deterministic, no model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

NARROWED_TOOLS = 4
_STEM = 5
_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def stems(text: str) -> set[str]:
    """Lower-case 5-letter stems of the words of 4+ letters (CamelCase names split)."""
    return {w.lower()[:_STEM] for w in _WORD.findall(_CAMEL.sub(" ", text))}


def relevant_tools(query: str, tools: Sequence[Any], keep: int = NARROWED_TOOLS) -> list[Any]:
    """At most `keep` tools sharing most stems with `query` (only tools sharing any, when some do)."""
    wanted = stems(query)
    scored = [
        (len(wanted & stems(f"{t.name} {getattr(t, 'description', '')}")), i, t) for i, t in enumerate(tools)
    ]
    ranked = sorted(scored, key=lambda item: (-item[0], item[1]))
    sharing = [tool for score, _, tool in ranked if score > 0]
    return (sharing or [tool for _, _, tool in ranked])[:keep]
