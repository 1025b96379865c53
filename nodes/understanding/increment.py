"""Recent-deforestation threshold of the areas a query keeps: 'areas with more than 5 km² of recent
deforestation', 'áreas com mais de 5 km² de desmatamento recente', 'at least 10 square kilometres'.

Rules (on folded text; an area is a number followed by km² / km2 / sq km / square kilometre(s) /
quilômetro(s) quadrado(s) / km quadrados; Portuguese text reads '1.000' as 1000):
- strict (>): more / greater / larger / bigger / higher than, over, above, exceeding; mais de, acima de,
  superior(es) a, maior(es) (do) que.
- inclusive (>=): at least, no less than, minimum (of), '>=', '≥'; pelo menos, no mínimo, a partir de;
  after the area: 'or more', 'and above', 'ou mais'; an area without a comparison word ('areas with
  5 km² of recent deforestation').
- an upper bound ('less than 5 km²', 'até 5 km²', 'menos de') is not a threshold of the areas kept:
  it is ignored. Zero keeps every area (no threshold). The first threshold found wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planexec.nodes.understanding.numbers import DIGITS, NUMBER_PHRASE, read_number
from planexec.nodes.understanding.text import fold

_AREA = (
    r"(?:km\s*2|km²|sq\.?\s*km|square\s+kilomet(?:er|re)s?|quilometros?\s+quadrados?|km\s+quadrados?"
    r"|kilometros?\s+quadrados?)"
)
_STRICT = (
    r"(?:more|greater|larger|bigger|higher)\s+than|over|above|exceeding|in\s+excess\s+of|>"
    r"|mais\s+de|acima\s+de|superior(?:es)?\s+a|maior(?:es)?\s+(?:do\s+)?que"
)
_INCLUSIVE = r"at\s+least|no\s+less\s+than|minimum(?:\s+of)?|>=|≥|pelo\s+menos|no\s+minimo|a\s+partir\s+de"
_UPPER = (
    r"(?:less|smaller|fewer|lower)\s+than|under|below|at\s+most|up\s+to|<|menos\s+de|abaixo\s+de|ate"
    r"|no\s+maximo|inferior(?:es)?\s+a|menor(?:es)?\s+(?:do\s+)?que"
)
_AFTER_INCLUSIVE = r"\s+(?:or\s+(?:more|above|over)|and\s+(?:above|over|more)|ou\s+mais|ou\s+acima)"
_AREA_RE = re.compile(
    rf"(?:(?<![a-z])(?:(?P<strict>{_STRICT})|(?P<inclusive>{_INCLUSIVE})|(?P<upper>{_UPPER})))?\s*"
    rf"(?P<num>(?<![\w.,]){DIGITS}|\b(?:{NUMBER_PHRASE}))\s*{_AREA}(?![a-z])(?P<after>{_AFTER_INCLUSIVE})?"
)


@dataclass(frozen=True)
class IncrementBound:
    """The areas' threshold (None: every area) and whether it is strict."""

    min_km2: float | None = None
    strict: bool = False
    text: str | None = None


def parse_increment(text: str, portuguese: bool = False) -> IncrementBound:
    """The first lower threshold on an area's recent deforestation written in `text`."""
    folded = fold(text)
    for match in _AREA_RE.finditer(folded):
        if match.group("upper"):
            continue
        value = read_number(match.group("num"), portuguese)
        if value is None or value <= 0:
            continue
        strict = bool(match.group("strict")) and not match.group("after")
        return IncrementBound(value, strict, text[match.start() : match.end()].strip())
    return IncrementBound()
