"""Spatial operator of a query: 'within', 'proximity', 'overlap', 'ring', 'outside' or 'nearest'.

Geometry words first (`parse_geometry`), by priority:
a. a distance range ('between 2 and 8 km from the zones but not in them', 'entre 2 e 8 km das zonas,
   mas fora delas', 'from 2 to 8 km') -> 'ring': distance = outer bound, min_distance = inner bound.
b. nearest words ('nearest / closest heat zone', 'distance to the nearest zone', 'zona mais próxima',
   'área de desmatamento mais perto') -> 'nearest' (a distance, if any, caps it).
c. outside words (outside (of), not in/inside/within them, fora das/dos/delas, não estão dentro/nas,
   mas não nelas) -> 'outside'; with a distance ('outside the zones but within 5 km') -> 'ring' from
   the zone's edge (no inner bound) to that distance.
Otherwise (`parse_operator`):
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
from dataclasses import dataclass

from planexec.nodes.understanding.distance import find_ring
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
_ZONE = r"(?:zones?|areas?|polygons?|quintiles?|zonas?|poligonos?|quintis?)"
_NEAREST_RE = re.compile(
    rf"\b(?:nearest|closest)\s+(?:\S+\s+){{0,3}}?{_ZONE}\b"
    rf"|\b{_ZONE}\s+(?:is|are)\s+(?:the\s+)?(?:nearest|closest)\b"
    rf"|\b{_ZONE}\b(?:\s+\S+){{0,4}}?\s+mais\s+(?:proxim[oa]s?|perto)\b"
    rf"|\bmais\s+proxim[oa]s?\s+(?:\S+\s+){{0,2}}?{_ZONE}\b"
)
_OUTSIDE_RE = re.compile(
    r"\boutside(?:\s+of)?\b|\bnot\s+(?:in|inside|within)\s+(?!\d)(?:them|it|any|the|a|those|these)\b"
    r"|\bfora\s+d(?:[aoe]s?|el[ae]s?)\b|\bnao\s+(?:estao|ficam|esta|fica|estejam|fiquem)\s+(?:dentro|em|nas?|nos?)\b"
    r"|\bmas\s+nao\s+(?:dentro|nelas|neles|nas?|nos?)\b"
)


@dataclass(frozen=True)
class Geometry:
    """Operator, the words that gave it, and the distance bounds it uses."""

    operator: SpatialOperator | None
    text: str | None
    distance: Distance | None
    min_distance: Distance | None = None


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


def parse_geometry(text: str, distance: Distance | None) -> Geometry:
    """Operator and distance bounds of `text` (the ring / nearest / outside words first, then
    `parse_operator`); `distance` is the first distance of the text (`find_distance`)."""
    ring = find_ring(text)
    folded = fold(text)
    if ring is not None:
        inner, outer = ring
        words = f"{inner.text if inner else '0'} – {outer.text}"
        return Geometry("ring", words, outer, inner)
    nearest = _NEAREST_RE.search(folded)
    if nearest:
        return Geometry("nearest", _span(text, nearest), distance)
    outside = _OUTSIDE_RE.search(folded)
    if outside:
        return Geometry("ring" if distance else "outside", _span(text, outside), distance)
    operator, operator_words = parse_operator(text, distance)
    return Geometry(operator, operator_words, distance)
