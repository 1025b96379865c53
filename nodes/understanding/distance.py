"""Distances written in a query: '1 km', '500m', '2,5 km', '1.500 metros', '3 mi', 'a kilometre',
'half a km', 'a quarter of a kilometre', 'one and a half miles', 'um quilômetro e meio', 'dois
quilômetros', 'seven hundred and fifty metres'.

Rules:
- A number followed by a unit: km / kilometre(s) / quilômetro(s); m / metre(s) / meter(s) / metro(s);
  mi / mile(s) / milha(s). The number is digits (see `numbers.parse_number`: '2,5' = 2.5, '1,000' =
  1000, and in Portuguese text or before metres '1.500' = 1500), or number words in English or
  Portuguese, or the
  article 'a' / 'an' / 'um' / 'uma' before a spelled-out unit ('within a kilometre' = 1 km).
- Fractions: 'half a' / 'half an' / 'meio' / 'meia' = 0.5; 'a quarter of a' / 'a quarter' / 'quarter-'
  / 'um quarto de' = 0.25;
  'three quarters of a' = 0.75; 'N and a half <unit>' and 'N <unit> and a half' / 'N <unit> e meio'
  add 0.5.
- Zero, negative ('-5 km') and absurd distances (> 500 km) are ignored: `find_distance` returns them
  separately so the caller can flag them.
- The first acceptable distance in the text wins.
- Area units are not distances: 'quilômetros quadrados' / 'km²' are left to `increment.py`.
- Ring bounds (`find_ring`): 'between 2 and 8 km', 'between 500 m and 2 km', 'from 2 to 8 km', '2-8 km',
  'entre 2 e 8 km', 'de 2 a 8 km' -> (inner, outer); the unit of the outer bound applies to an inner
  bound written without one. Inner >= 0, outer > inner and <= 500 km.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planexec.nodes.understanding.numbers import NUMBER_PHRASE, parse_number, read_number, word_number
from planexec.nodes.understanding.text import fold
from planexec.schemas.slots import Distance

MAX_KM = 500.0
_KM_PER_UNIT = {"km": 1.0, "m": 0.001, "mi": 1.609344}

_UNIT_WORDS = {
    "km": r"kms?|kilometers?|kilometres?|quilometros?|kilometros?",
    "m": r"m|meters?|metres?|metros?",
    "mi": r"mi|miles?|milhas?",
}
_SPELLED_UNITS = (
    r"kms?|kilometers?|kilometres?|quilometros?|kilometros?|meters?|metres?|metros?|miles?|milhas?|mi"
)
_PORTUGUESE_UNITS = ("quilometro", "metro", "milha")
_PT_HINT_RE = re.compile(r"\b(?:de|da|do|das|dos|em|usinas?|zonas?|areas?|perto|dentro|ate|mais|quentes?)\b")

_UNITS_RE = "|".join(f"(?P<{unit}>{words})" for unit, words in _UNIT_WORDS.items())
_NOT_AREA = r"(?!\s*(?:quadrad|square))"
_DIGITS_RE = re.compile(
    rf"(?:(?<!\w)(?P<sign>-\s*))?(?<![\w.,])(?P<num>\d+(?:[.,]\d+)*)\s*(?:{_UNITS_RE})(?![\w]){_NOT_AREA}"
    r"(?P<half>\s+(?:and\s+a\s+half|e\s+mei[oa]))?"
)
_ARTICLE = r"a|an|um|uma|one"
_FRACTION = (
    rf"(?P<quarter>(?:(?:{_ARTICLE})\s+)?quarter(?:[\s-]+of\s+an?|[\s-])|um\s+quarto\s+de(?:\s+uma?)?)"
    r"|(?P<quarters>three\s+quarters\s+of\s+an?|tres\s+quartos\s+de(?:\s+uma?)?)"
    r"|(?P<halfof>half\s+(?:of\s+)?an?|(?:a\s+)?half[\s-]|mei[oa])"
)
_WORDS_RE = re.compile(
    rf"(?<![\w-])(?:(?P<frac>{_FRACTION})|(?P<words>{NUMBER_PHRASE}|{_ARTICLE})"
    rf"(?P<andhalf>\s+and\s+a\s+half)?)\s*(?P<unit>{_SPELLED_UNITS})(?![\w]){_NOT_AREA}"
    r"(?P<half>\s+(?:and\s+a\s+half|e\s+mei[oa]))?"
)
_FRACTION_VALUE = {"quarter": 0.25, "quarters": 0.75, "halfof": 0.5}


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


def _portuguese(folded: str) -> bool:
    return any(unit in folded for unit in _PORTUGUESE_UNITS) or len(_PT_HINT_RE.findall(folded)) >= 2


def _word_value(match: re.Match[str]) -> float | None:
    frac = match.group("frac")
    if frac:
        return next(v for k, v in _FRACTION_VALUE.items() if match.group(k))
    words = match.group("words")
    value = 1.0 if words in _ARTICLE.split("|") else word_number(words)
    if value is None:
        return None
    return value + 0.5 * bool(match.group("andhalf"))


def _candidates(text: str) -> list[tuple[int, float, str, str]]:
    """(offset, value, unit, matched text) for every distance-like phrase, in text order."""
    folded = fold(text)
    portuguese = _portuguese(folded)
    found: list[tuple[int, float, str, str]] = []
    for match in _DIGITS_RE.finditer(folded):
        unit = _unit_of(match)
        value = parse_number(match.group("num"), portuguese or unit == "m")  # '1.500 m' is never 1.5 m
        if value is None:
            continue
        value += 0.5 * bool(match.group("half"))
        if match.group("sign"):
            value = -value
        found.append((match.start(), value, unit, text[match.start() : match.end()].strip()))
    for match in _WORDS_RE.finditer(folded):
        unit_word = match.group("unit")
        if unit_word in ("km", "kms", "mi") and match.group("words") in ("a", "an"):
            continue  # 'a km' is not a distance; 'half a km' and 'one km' are
        word_value = _word_value(match)
        if word_value is None:
            continue
        word_value += 0.5 * bool(match.group("half"))
        found.append((match.start(), word_value, _spelled_unit(unit_word), text[match.start() : match.end()]))
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


_BOUND = rf"(?<![\w.,])(?:\d+(?:[.,]\d+)*|{NUMBER_PHRASE})"
_RING_RE = re.compile(
    rf"(?:\b(?:between|entre|from|de|da|das|do|dos)\s+)?(?P<lo>{_BOUND})\s*(?P<lounit>(?:{_SPELLED_UNITS}|m)(?![\w]))?"
    rf"\s*(?:\band\b|\be\b|\bto\b|\ba\b|\bate\b|-|–)\s*(?P<hi>{_BOUND})\s*(?P<hiunit>{_SPELLED_UNITS}|m)(?![\w])"
    rf"{_NOT_AREA}"
)


def _bound(raw: str, unit_word: str, portuguese: bool, text: str) -> Distance | None:
    unit = _spelled_unit(unit_word)
    value = read_number(raw, portuguese or unit == "m")
    if value is None or value < 0:
        return None
    km = round(value * _KM_PER_UNIT[unit], 6)
    if km == 0:
        return None
    return Distance(value=value, unit=unit, km=km, text=text)  # type: ignore[arg-type]


def find_ring(text: str) -> tuple[Distance | None, Distance] | None:
    """(inner, outer) bounds of a distance range ('between 2 and 8 km'), or None. An inner bound of
    0 is None (the ring starts at the zone's edge)."""
    folded = fold(text)
    portuguese = _portuguese(folded)
    for match in _RING_RE.finditer(folded):
        hi_unit = match.group("hiunit")
        lo_unit = match.group("lounit") or hi_unit
        outer = _bound(match.group("hi"), hi_unit, portuguese, text[match.start("hi") : match.end("hiunit")])
        raw_lo = match.group("lo")
        lo_end = match.end("lounit") if match.group("lounit") else match.end("lo")
        inner = _bound(raw_lo, lo_unit, portuguese, text[match.start("lo") : lo_end])
        zero = read_number(raw_lo, portuguese) == 0
        if outer is None or outer.km > MAX_KM or (inner is None and not zero):
            continue
        if inner is not None and inner.km >= outer.km:
            continue
        return inner, outer
    return None
