"""Text helpers shared by the understanding parsers: cleaning and accent folding."""

from __future__ import annotations

import re
import unicodedata

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


def parse_number(raw: str) -> float | None:
    """Parse '2,5' / '1.5' / '1,000' / '10' as a float.

    A comma followed by exactly three digits is a thousands separator ('1,000' = 1000); any other
    comma is a Portuguese decimal comma ('2,5' = 2.5). A dot is always a decimal point.
    """
    if re.fullmatch(r"\d{1,3}(,\d{3})+", raw):
        raw = raw.replace(",", "")
    try:
        return float(raw.replace(",", "."))
    except ValueError:
        return None
