"""Spatial operator of a query: 'within', 'proximity' or 'overlap'.

Rules, by priority:
1. overlap words (overlap, intersect, sobrepõe, sobreposição, interseção/intersecção) -> 'overlap'
   (an explicit overlap stays 'overlap' even when a distance is given; the distance is kept).
2. proximity words (near, nearby, close to, around, next to, adjacent to, perto de, próximo(s)/
   próxima(s) de/a, ao redor de, em torno de, a menos de, nas proximidades de) -> 'proximity'.
3. a distance anywhere in the query turns 'within' into 'proximity': 'within 1 km of X',
   'dentro de 5 km', and also a bare '5 km from X' -> 'proximity'.
4. strong containment words (within, inside, dentro de) -> 'within'.
5. weak containment words (in, em, no/na/nos/nas) -> 'within' only when a layer word follows within
   four words ('in extreme heat zones', 'nas áreas de desmatamento'); 'in Bahia' alone is a place,
   not an operator.
"""

from __future__ import annotations

import re

from planexec.nodes.understanding.layers import LAYER_WORD_RE
from planexec.nodes.understanding.text import fold
from planexec.schemas.slots import Distance, SpatialOperator

_OVERLAP_RE = re.compile(
    r"\b(?:overlap\w*|intersect\w*|sobrep(?:oe|oem|or|osicao|osicoes|ost[oa]s?)\w*|"
    r"interse(?:c)?(?:cao|coes|ccao|ccoes|ciona\w*|ctam?)|cruzam\w*)\b"
)
_PROXIMITY_RE = re.compile(
    r"\b(?:near(?:by|est)?|close\s+to|closer\s+to|around|next\s+to|adjacent\s+to|in\s+the\s+vicinity\s+of"
    r"|perto(?:\s+d[eoa]s?)?|proxim[oa]s?\s+(?:d[eoa]s?|a|ao|aos|as)\b|ao\s+redor\s+d[eoa]s?"
    r"|em\s+torno\s+d[eoa]s?|a\s+menos\s+de|nas\s+proximidades\s+d[eoa]s?|vizinhanca)\b"
)
_STRONG_WITHIN_RE = re.compile(r"\b(?:within|inside|dentro\s+d[eoa]s?|contained\s+in)\b")
_WEAK_WITHIN_RE = re.compile(r"\b(?:in|em|no|na|nos|nas)\b")
_WEAK_LOOKAHEAD_WORDS = 4


def _weak_within(folded: str) -> re.Match[str] | None:
    for match in _WEAK_WITHIN_RE.finditer(folded):
        following = " ".join(folded[match.end() : match.end() + 120].split()[:_WEAK_LOOKAHEAD_WORDS])
        if LAYER_WORD_RE.search(following):
            return match
    return None


def _span(text: str, match: re.Match[str]) -> str:
    return text[match.start() : match.end()]


def parse_operator(text: str, distance: Distance | None) -> tuple[SpatialOperator | None, str | None]:
    """(operator, words that gave it) following the module rules; (None, None) when there is none."""
    folded = fold(text)
    overlap = _OVERLAP_RE.search(folded)
    if overlap:
        return "overlap", _span(text, overlap)
    proximity = _PROXIMITY_RE.search(folded)
    if proximity:
        return "proximity", _span(text, proximity)
    within = _STRONG_WITHIN_RE.search(folded)
    if distance is not None:
        return "proximity", f"{_span(text, within)} {distance.text}" if within else distance.text
    if within:
        return "within", _span(text, within)
    weak = _weak_within(folded)
    if weak:
        return "within", _span(text, weak)
    return None, None
