"""Text helpers shared by the understanding parsers: cleaning and accent folding (and `parse_number`,
re-exported from `numbers`)."""

from __future__ import annotations

import re
import unicodedata

from planexec.nodes.understanding.numbers import parse_number

__all__ = ["clean", "fold", "parse_number"]

_DROP_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})
_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """Replace control, format and surrogate characters by spaces; collapse whitespace; strip."""
    kept = (" " if unicodedata.category(ch) in _DROP_CATEGORIES else ch for ch in text)
    return _SPACES.sub(" ", "".join(kept)).strip()


def _fold_char(ch: str) -> str:
    if ch.isascii():
        return ch.lower()
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).lower()
    return base if len(base) == 1 else ch


def fold(text: str) -> str:
    """Lower-case and strip accents *keeping the length*, so match offsets index the original text.

    'São Paulo' -> 'sao paulo'; characters whose folded form is not one character stay unchanged.
    """
    return "".join(_fold_char(ch) for ch in text)
