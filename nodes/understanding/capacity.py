"""Capacity bounds written in a query: lower / upper bound in MW, each strict or not, and ranges.

Rules (on folded text; the power is digits or number words followed by MW / kW / GW or their words,
converted to MW; Portuguese text reads '1.000 MW' as 1000):
- strict lower (>):  more / greater / larger / bigger / higher than, over, above, exceeding, in excess
  of, '>'; acima de, mais de, maior(es) (do) que, superior(es) a, que excede(m).
- lower (>=): at least, no less than, not less than, minimum (of), min, '>=', '≥';
  pelo menos, no mínimo, a partir de, igual ou superior a, maior ou igual a; and after the power:
  'or more', 'or above', 'or larger', 'and above', 'and up', '+', 'ou mais', 'ou superior', 'para cima'.
- strict upper (<):  less / smaller / lower / fewer than, below, under, '<'; abaixo de, menos de,
  menor(es) (do) que, inferior(es) a.
- upper (<=): at most, up to, no more than, not more than, not over, maximum (of), max, '<=', '≤';
  até, no máximo, igual ou inferior a, menor ou igual a; after the power: 'or less', 'or below',
  'or smaller', 'and below', 'ou menos', 'ou inferior'.
- ranges, both bounds inclusive: 'between 10 and 50 MW', 'between 10 MW and 50 MW', 'from 10 to 50 MW',
  'entre 10 e 50 MW', 'de 10 a 50 MW', '10-50 MW', '10 to 50 MW'.
- Without a unit, a number counts as MW only right after a capacity word and a comparison
  ('capacity above 40', 'capacidade de pelo menos 40', 'potência superior a 40').
- The first lower and the first upper bound found win; zero or negative values are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planexec.nodes.understanding.numbers import DIGITS, NUMBER_PHRASE, read_number
from planexec.nodes.understanding.text import fold

_UNIT = r"(?P<unit>mw|megawatts?|kw|kilowatts?|gw|gigawatts?|mwp|mwac)"
_NUM = rf"(?P<num>(?<![\w.,]){DIGITS}|\b(?:{NUMBER_PHRASE}))"
_POWER = rf"{_NUM}\s*{_UNIT}\b"
_TO_MW = {"m": 1.0, "k": 0.001, "g": 1000.0}

_BEFORE = {
    "min_inclusive": r"at\s+least|no\s+less\s+than|not\s+less\s+than|minimum(?:\s+of)?|min\.?|>=|≥|=>"
    r"|(?:minimum|min\.?)\s+(?:capacity|power|size|output)\s+(?:of\s+|is\s+)?"
    r"|(?:capacidade|potencia)\s+minima\s+(?:de\s+)?|minimo\s+de"
    r"|(?:more|greater|larger|bigger|higher)\s+than\s+or\s+equal\s+to|equal\s+to\s+or\s+(?:more|greater)\s+than"
    r"|pelo\s+menos|no\s+minimo|a\s+partir\s+de|igual\s+ou\s+(?:superior|maior)\s+(?:a|que)"
    r"|maior(?:es)?\s+ou\s+igua(?:l|is)\s+a|(?:de\s+)?no\s+minimo",
    "max_inclusive": r"at\s+most|up\s+to|no\s+more\s+than|not\s+more\s+than|not\s+over|not\s+above"
    r"|not\s+(?:larger|bigger|greater)\s+than|maximum(?:\s+of)?|max\.?|<=|≤|=<"
    r"|(?:maximum|max\.?)\s+(?:capacity|power|size|output)\s+(?:of\s+|is\s+)?"
    r"|(?:capacidade|potencia)\s+maxima\s+(?:de\s+)?|maximo\s+de"
    r"|(?:less|smaller)\s+than\s+or\s+equal\s+to|no\s+maximo|ate"
    r"|igual\s+ou\s+(?:inferior|menor)\s+(?:a|que)"
    r"|menor(?:es)?\s+ou\s+igua(?:l|is)\s+a",
    "min_strict": r"(?:more|greater|larger|bigger|higher)\s+than|over|above|exceeding|exceeds?"
    r"|in\s+excess\s+of|>|acima\s+de|mais\s+de|maior(?:es)?\s+(?:do\s+)?que|superior(?:es)?\s+a|que\s+excede(?:m)?",
    "max_strict": r"(?:less|smaller|lower|fewer)\s+than|below|under|beneath|<|abaixo\s+de|menos\s+de"
    r"|menor(?:es)?\s+(?:do\s+)?que|inferior(?:es)?\s+a",
}
_AFTER = {
    "min_inclusive": r"\+|or\s+(?:more|above|larger|bigger|greater|higher|over)|and\s+(?:above|up|over|more)"
    r"|ou\s+mais|ou\s+(?:superior|maior|acima)|(?:e|ou)\s+acima|para\s+cima"
    r"|(?:at\s+least|minimum|min\.?|no\s+minimo|pelo\s+menos)(?!\s*\d)",
    "max_inclusive": r"or\s+(?:less|below|smaller|lower|under|fewer)|and\s+(?:below|under|less)"
    r"|ou\s+menos|ou\s+(?:inferior|menor|abaixo)|(?:e|ou)\s+abaixo|para\s+baixo"
    r"|(?:at\s+most|maximum|max\.?|tops|no\s+maximo)(?!\s*\d)",
}
_RANGE_RE = re.compile(
    rf"(?:\bbetween|\bentre|\bfrom|\bde)?\s*(?P<lo>(?<![\w.,]){DIGITS}|\b(?:{NUMBER_PHRASE}))\s*(?P<lounit>mw|kw|gw)?"
    rf"\s*(?:and|e|to|a|-|–|até|ate)\s*{_POWER}"
)
_BEFORE_RES = {kind: re.compile(rf"(?<![\w<>=≥≤])(?:{words})\s*{_POWER}") for kind, words in _BEFORE.items()}
_AFTER_RES = {kind: re.compile(rf"{_POWER}\s*(?:{words})(?!\w)") for kind, words in _AFTER.items()}
_CAPACITY_WORD = r"\b(?:capacity|capacities|capacidade|potencia|power)\s+(?:(?:of|de|is|e|is\s+|with)\s+)?"
_NOT_MW = (
    r"(?:[.,]?\d|%|°|²|(?:mw|kw|gw|km|m|mi|kms|megawatts?|kilowatts?|gigawatts?|metros?|meters?|metres?|miles?"
    r"|milhas?|quilometros?|kilomet\w*|graus|degrees|percent|por\s*cento|anos?|years?)\b)"
)
_UNITLESS_RES = {
    kind: re.compile(rf"{_CAPACITY_WORD}(?:{words})\s*(?P<num>(?<![\w.,]){DIGITS})(?P<unit>)(?!\s*{_NOT_MW})")
    for kind, words in _BEFORE.items()
}


@dataclass(frozen=True)
class CapacityBound:
    """Lower / upper bound in MW (None = open) and whether each is strict; the words that gave them."""

    min_mw: float | None = None
    min_strict: bool = False
    max_mw: float | None = None
    max_strict: bool = False
    text: str | None = None


def _mw(match: re.Match[str], group: str, unit: str, portuguese: bool) -> float | None:
    value = read_number(match.group(group), portuguese)
    if value is None or value <= 0:
        return None
    return value * _TO_MW[unit[0]]


def _bounds(text: str, portuguese: bool) -> list[tuple[int, int, str, float, float, str]]:
    """(offset, end of the power, kind, MW, upper MW for ranges, text) of every bound, in text order."""
    folded = fold(text)
    found: list[tuple[int, int, str, float, float, str]] = []
    for kind, regex in [*_BEFORE_RES.items(), *_AFTER_RES.items(), *_UNITLESS_RES.items()]:
        for match in regex.finditer(folded):
            mw = _mw(match, "num", match.group("unit") or "mw", portuguese)
            if mw is not None:
                found.append(
                    (match.start(), match.end("unit"), kind, mw, mw, text[match.start() : match.end()])
                )
    for match in _RANGE_RE.finditer(folded):
        unit = match.group("unit")
        lo, hi = (
            _mw(match, "lo", match.group("lounit") or unit, portuguese),
            _mw(match, "num", unit, portuguese),
        )
        if lo is not None and hi is not None and lo < hi:
            found.append(
                (
                    match.start("lo"),
                    match.end("unit"),
                    "range",
                    lo,
                    hi,
                    text[match.start() : match.end()].strip(),
                )
            )
    return sorted(found)


def parse_capacity(text: str, portuguese: bool = False) -> CapacityBound:
    """The capacity bounds asked for (see module rules); an empty bound when there is none."""
    lower: tuple[float, bool] | None = None
    upper: tuple[float, bool] | None = None
    texts: list[str] = []
    used: set[int] = set()  # each power gives one bound: the earliest phrase that reads it
    for _, end, kind, mw, hi, matched in _bounds(text, portuguese):
        if end in used:
            continue
        used.add(end)
        if kind == "range" and lower is None and upper is None:
            lower, upper = (mw, False), (hi, False)
        elif kind.startswith("min") and lower is None:
            lower = (mw, kind == "min_strict")
        elif kind.startswith("max") and upper is None:
            upper = (mw, kind == "max_strict")
        else:
            continue
        texts.append(matched)
    if lower and upper and lower[0] > upper[0]:
        upper = None
    return CapacityBound(
        min_mw=lower[0] if lower else None,
        min_strict=bool(lower and lower[1]),
        max_mw=upper[0] if upper else None,
        max_strict=bool(upper and upper[1]),
        text=" / ".join(texts) or None,
    )


def capacity_spans(folded: str) -> list[tuple[int, int]]:
    """(start, end) of every capacity-bound phrase in folded text ('no maximo 30 mw', 'a minimum of
    20 mw', '40 mw or more', 'between 10 and 50 mw'): words other parsers must not read again."""
    regexes = [*_BEFORE_RES.values(), *_AFTER_RES.values(), *_UNITLESS_RES.values(), _RANGE_RE]
    return [match.span() for regex in regexes for match in regex.finditer(folded)]
