"""Hazard layer (heat / deforestation) and heat-stress quintiles from a query.

Rules:
- Layer: the first layer word in the text wins when both layers are mentioned.
- Heat quintiles (5 = hottest), only when the layer is heat, by priority:
  1. explicit quintiles: 'quintile 5', 'quintis 4 e 5'            -> those numbers (1-5)
  2. 'top N %' / 'N % mais quentes'                               -> the ceil(N/20) hottest quintiles
  3. extreme words: extreme, hottest, most extreme, extremo(s), mais quente(s), top quintile -> [5]
  4. high words: high heat, very hot, intense/severe heat, muito quente, calor alto/intenso -> [4, 5]
  5. moderate heat / calor moderado -> [3]
  6. no qualifier -> DEFAULT_HEAT_QUINTILES = [4, 5] ('heat stress' = the two hottest quintiles).
"""

from __future__ import annotations

import math
import re

from planexec.nodes.understanding.text import fold
from planexec.schemas.slots import Layer

DEFAULT_HEAT_QUINTILES = [4, 5]

HEAT_WORDS = (
    r"heat(?:\s*waves?)?|hot|hotter|hottest|temperatures?|thermal|calor|quentes?|temperaturas?"
    r"|estresse\s+termico|stress\s+termico|ondas?\s+de\s+calor|termic[oa]s?|quintiles?|quintis|quintil"
)
DEFORESTATION_WORDS = (
    r"deforestation|deforested|forest\s+loss|forest\s+clearing|cleared\s+forests?|desmatamentos?"
    r"|desmatad[oa]s?|desflorestamentos?|perda\s+florestal|perdas?\s+de\s+florestas?|prodes"
)
LAYER_WORD_RE = re.compile(rf"\b(?:{HEAT_WORDS}|{DEFORESTATION_WORDS})\b")
_HEAT_RE = re.compile(rf"\b(?:{HEAT_WORDS})\b")
_DEFORESTATION_RE = re.compile(rf"\b(?:{DEFORESTATION_WORDS})\b")

_QUINTILE_RE = re.compile(r"\bquint(?:iles?|is|il)\s+((?:[1-5](?:\s*(?:,|and|e|&|-|to|a)\s*)?)+)")
_TOP_PERCENT_RE = re.compile(
    r"\btop\s*(\d{1,3})\s*(?:%|percent|por\s*cento)|\b(\d{1,3})\s*(?:%|por\s*cento)\s+mais\s+quentes?"
)
_EXTREME_RE = re.compile(
    r"\b(?:extreme|extremes|extremely\s+hot|hottest|extrem[oa]s?|mais\s+quentes?|top\s+quintile"
    r"|highest\s+(?:heat|temperatures?)|maior(?:es)?\s+temperaturas?)\b"
)
_HIGH_RE = re.compile(
    r"\b(?:high|higher|very\s+hot|intense|severe|strong|elevated|muito\s+quentes?|alt[oa]s?|elevad[oa]s?"
    r"|intens[oa]s?|sever[oa]s?|fortes?)\b"
)
_MODERATE_RE = re.compile(r"\b(?:moderate|moderad[oa]s?|medium|medi[oa]s?)\b")


def parse_layer(text: str) -> Layer | None:
    """'heat' or 'deforestation' (the first one mentioned), or None."""
    folded = fold(text)
    heat, deforestation = _HEAT_RE.search(folded), _DEFORESTATION_RE.search(folded)
    if heat and (not deforestation or heat.start() < deforestation.start()):
        return "heat"
    return "deforestation" if deforestation else None


def _explicit_quintiles(folded: str) -> list[int]:
    match = _QUINTILE_RE.search(folded)
    if not match:
        return []
    numbers = [int(n) for n in re.findall(r"[1-5]", match.group(1))]
    if re.search(r"\d\s*(?:-|to|a)\s*\d", match.group(1)) and len(numbers) == 2:
        numbers = list(range(min(numbers), max(numbers) + 1))
    return sorted(set(numbers))


def _top_percent_quintiles(folded: str) -> list[int]:
    match = _TOP_PERCENT_RE.search(folded)
    if not match:
        return []
    percent = int(match.group(1) or match.group(2))
    if not 0 < percent <= 100:
        return []
    count = min(5, math.ceil(percent / 20))
    return list(range(6 - count, 6))


def parse_heat_quintiles(text: str, layer: Layer | None) -> list[int]:
    """Heat quintiles asked for (see module rules); [] unless the layer is heat."""
    if layer != "heat":
        return []
    folded = fold(text)
    for rule in (_explicit_quintiles, _top_percent_quintiles):
        quintiles = rule(folded)
        if quintiles:
            return quintiles
    if _EXTREME_RE.search(folded):
        return [5]
    if _HIGH_RE.search(folded):
        return [4, 5]
    if _MODERATE_RE.search(folded):
        return [3]
    return list(DEFAULT_HEAT_QUINTILES)
