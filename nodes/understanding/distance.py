"""Distances written in a query: '1 km', '500m', '2,5 km', '1.5 miles', '300 metros', 'a kilometre'.

Rules:
- A number (digits, or a small number word such as 'one' / 'um' / 'dois', or the article 'a' / 'an'
  before a spelled-out unit) followed by a unit: km / kilometre(s) / quilômetro(s); m / metre(s) /
  meter(s) / metro(s); mi / mile(s) / milha(s). So 'within a kilometre' -> 1 km.
- '2,5' is a decimal comma (2.5); '1,000' (comma + exactly three digits) is a thousands separator.
- Zero, negative ('-5 km') and absurd distances (> 500 km) are ignored: `find_distance` returns them
  separately so the caller can flag them.
- The first acceptable distance in the text wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planexec.nodes.understanding.text import fold, parse_number
from planexec.schemas.slots import Distance

MAX_KM = 500.0
_KM_PER_UNIT = {"km": 1.0, "m": 0.001, "mi": 1.609344}

_UNIT_WORDS = {
    "km": r"kms?|kilometers?|kilometres?|quilometros?|kilometros?",
    "m": r"m|meters?|metres?|metros?",
    "mi": r"mi|miles?|milhas?",
}
_SPELLED_UNITS = r"kilometers?|kilometres?|quilometros?|kilometros?|meters?|metres?|metros?|miles?|milhas?"
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "um": 1, "uma": 1, "two": 2, "dois": 2, "duas": 2, "three": 3, "tres": 3,
    "five": 5, "cinco": 5, "ten": 10, "dez": 10,
}  # fmt: skip

_UNITS_RE = "|".join(f"(?P<{unit}>{words})" for unit, words in _UNIT_WORDS.items())
_DIGITS_RE = re.compile(
    rf"(?:(?<!\w)(?P<sign>-\s*))?(?<![\w.,])(?P<num>\d+(?:[.,]\d+)*)\s*(?:{_UNITS_RE})(?![\w])"
)
_WORDS_RE = re.compile(rf"\b(?P<word>{'|'.join(_NUMBER_WORDS)})\s+(?P<unit>{_SPELLED_UNITS})\b")


@dataclass(frozen=True)
class DistanceResult:
    """The accepted distance (or None) and the texts of distances that were ignored."""

    distance: Distance | None = None
    ignored: list[str] = field(default_factory=list)


def _unit_of(match: re.Match[str]) -> str:
    return next(unit for unit in _KM_PER_UNIT if match.groupdict().get(unit))


def _spelled_unit(word: str) -> str:
    if word.startswith(("k", "q")):
        return "km"
    return "mi" if word.startswith("mi") else "m"


def _candidates(text: str) -> list[tuple[int, float, str, str]]:
    """(offset, value, unit, matched text) for every distance-like phrase, in text order."""
    folded = fold(text)
    found: list[tuple[int, float, str, str]] = []
    for match in _DIGITS_RE.finditer(folded):
        value = parse_number(match.group("num"))
        if value is None:
            continue
        if match.group("sign"):
            value = -value
        found.append((match.start(), value, _unit_of(match), text[match.start() : match.end()].strip()))
    for match in _WORDS_RE.finditer(folded):
        value = float(_NUMBER_WORDS[match.group("word")])
        unit = _spelled_unit(match.group("unit"))
        found.append((match.start(), value, unit, text[match.start() : match.end()]))
    return sorted(found)


def find_distance(text: str) -> DistanceResult:
    """The first acceptable distance in `text`, plus the distances ignored as zero/negative/absurd."""
    ignored: list[str] = []
    for _, value, unit, matched in _candidates(text):
        km = value * _KM_PER_UNIT[unit]
        if value <= 0 or km > MAX_KM:
            ignored.append(matched)
            continue
        distance = Distance(value=value, unit=unit, km=round(km, 6), text=matched)  # type: ignore[arg-type]
        return DistanceResult(distance=distance, ignored=ignored)
    return DistanceResult(ignored=ignored)


def parse_distance(text: str) -> Distance | None:
    """The first acceptable distance in `text`, or None."""
    return find_distance(text).distance
