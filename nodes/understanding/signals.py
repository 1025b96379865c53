"""Keyword signals of a query: capacity threshold, map request, solar, policy words and topic.

Rules:
- Capacity: `parse_min_capacity_mw` is the lower bound of `capacity.parse_capacity` (strict and
  non-strict bounds, upper bounds and ranges are there).
- wants_map: map / maps / mapa(s) / mapear / mapping / plot.
- mentions_solar: solar, photovoltaic(s), PV, fotovoltaica(s)/o(s), UFV; or plant words (plants, usinas,
  facilities, farms) when no other power source (wind, hydro, thermal, nuclear, ...) is named.
- Policy questions and their topic: `policy_strength`, `parse_policy_topic` (rules in policy.py,
  re-exported here).
"""

from __future__ import annotations

import re

from planexec.nodes.understanding.capacity import parse_capacity
from planexec.nodes.understanding.policy import parse_policy_topic, policy_strength
from planexec.nodes.understanding.text import fold

__all__ = [
    "DISPLAY_RE",
    "mentions_solar",
    "parse_min_capacity_mw",
    "parse_policy_topic",
    "policy_strength",
    "wants_map",
]

DISPLAY_RE = re.compile(
    r"\b(?:show|list|where|which|display|how\s+many|count|table|mostre|mostrar|mostra|liste|listar|onde"
    r"|quais|quantas|quantos|exib\w+|ver|veja|tabela|maps?|mapas?|plot)\b"
)
"""Words asking to display, list or count (on folded text)."""
_MAP_RE = re.compile(r"\b(?:maps?|mapas?|mapear|mapping|mapeamento|plot)\b")
_SOLAR_RE = re.compile(r"\b(?:solar|solares|photovoltaics?|pv|fotovoltaic[oa]s?|ufvs?)\b")


_PLANT_RE = re.compile(
    r"\b(?:(?:power\s+)?plants?|facilities|facility|farms?|usinas?|centrais\s+geradoras|geradoras?|parques?)\b"
)
_OTHER_POWER_RE = re.compile(
    r"\b(?:wind|eolic\w*|hydro\w*|hidrel\w*|thermo\w*|termel\w*|nuclear|coal|carvao|gas|biomass\w*|diesel"
    r"|species|especies|trees?|arvores?|crops?|plantas?)\b"
)


def parse_min_capacity_mw(text: str) -> float | None:
    """Lower capacity bound in MW, or None (see `capacity.parse_capacity`)."""
    return parse_capacity(text).min_mw


def wants_map(text: str) -> bool:
    return bool(_MAP_RE.search(fold(text)))


def mentions_solar(text: str) -> bool:
    """Solar words; or plant words ('plants', 'usinas', 'facilities', 'farms') when no other kind of
    power plant is named — the only plants planexec has are solar."""
    folded = fold(text)
    if _SOLAR_RE.search(folded):
        return True
    return bool(_PLANT_RE.search(folded)) and not _OTHER_POWER_RE.search(folded)
