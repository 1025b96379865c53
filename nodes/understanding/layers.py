"""Hazard layer (heat / deforestation) and heat-stress quintiles from a query.

Rules:
- Layer: the first layer word in the text wins when both layers are mentioned.
- Heat words include 'Q1'..'Q5' before zones / areas ('Q5 zones', 'Q3 to Q5 areas').
- Heat quintiles (5 = hottest), only when the layer is heat: see `quintiles` (numbers, ordinals,
  'the two warmest quintiles', 'the mildest quintile', extreme / high / moderate words; no
  qualifier -> DEFAULT_HEAT_QUINTILES = [4, 5], 'heat stress' = the two hottest quintiles).
"""

from __future__ import annotations

import re

from planexec.nodes.understanding.quintiles import DEFAULT_HEAT_QUINTILES, quintiles_from_words
from planexec.nodes.understanding.text import fold
from planexec.schemas.slots import Layer

__all__ = ["DEFAULT_HEAT_QUINTILES", "LAYER_WORD_RE", "parse_heat_quintiles", "parse_layer"]

HEAT_WORDS = (
    r"heat(?:\s*waves?)?|hot|hotter|hottest|warm|warmer|warmest|temperatures?|thermal|calor|quentes?|temperaturas?"
    r"|estresse\s+termico|stress\s+termico|ondas?\s+de\s+calor|termic[oa]s?|quintiles?|quintis|quintil"
    r"|q[1-5](?:\s*(?:-|to|a|and|e|,|or|ou)\s*q[1-5])*\s+(?:zones?|zonas?|areas?|regions?|regioes)"
)
DEFORESTATION_WORDS = (
    r"deforestation|deforested|forest\s+loss|forest\s+clearing|cleared\s+forests?|desmatamentos?"
    r"|desmatad[oa]s?|desflorestamentos?|perda\s+florestal|perdas?\s+de\s+florestas?|prodes"
)
LAYER_WORD_RE = re.compile(rf"\b(?:{HEAT_WORDS}|{DEFORESTATION_WORDS})\b")
_HEAT_RE = re.compile(rf"\b(?:{HEAT_WORDS})\b")
_DEFORESTATION_RE = re.compile(rf"\b(?:{DEFORESTATION_WORDS})\b")


def parse_layer(text: str) -> Layer | None:
    """'heat' or 'deforestation' (the first one mentioned), or None."""
    folded = fold(text)
    heat, deforestation = _HEAT_RE.search(folded), _DEFORESTATION_RE.search(folded)
    if heat and (not deforestation or heat.start() < deforestation.start()):
        return "heat"
    return "deforestation" if deforestation else None


def parse_heat_quintiles(text: str, layer: Layer | None) -> list[int]:
    """Heat quintiles asked for (see module rules); [] unless the layer is heat."""
    if layer != "heat":
        return []
    return quintiles_from_words(fold(text))
