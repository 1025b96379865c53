"""Keyword signals of a query: capacity threshold, map request, solar, policy words and topic.

Rules:
- Capacity: a comparison word before a power ('larger than 5 MW', 'over 10 MW', 'at least 1 GW',
  'acima de 10 MW', 'mais de 5 MW', '> 5 MW') or a power followed by 'or more' / '+' / 'ou mais'
  -> megawatts (kW / 1000, GW * 1000); zero or negative thresholds are ignored.
- wants_map: map / maps / mapa(s) / mapear / mapping / plot.
- mentions_solar: solar, photovoltaic(s), PV, fotovoltaica(s)/o(s), UFV.
- Policy topic, only when policy words are present (Paris Agreement, UNFCCC, NDC, policy, article N,
  adaptation, 'what does ... say', ...): the first known topic word (adaptation, mitigation, finance,
  loss and damage, NDC, ...), else 'article N', else up to five words after 'about' / 'sobre'.
"""

from __future__ import annotations

import re

from planexec.nodes.understanding.text import fold, parse_number

_POWER = r"(?<![\d.,])(?P<num>\d+(?:[.,]\d+)?)\s*(?P<unit>mw|megawatts?|kw|kilowatts?|gw|gigawatts?)\b"
_CAPACITY_BEFORE_RE = re.compile(
    r"(?:(?:larger|bigger|greater|more|higher)\s+than|over|above|exceeding|at\s+least|minimum\s+of|min\.?"
    r"|acima\s+de|mais\s+de|maior(?:es)?\s+(?:do\s+)?que|superior(?:es)?\s+a|pelo\s+menos|no\s+minimo"
    r"|a\s+partir\s+de|>=?|≥)\s*" + _POWER
)
_CAPACITY_AFTER_RE = re.compile(_POWER + r"\s*(?:\+|or\s+(?:more|larger|bigger|above)|ou\s+mais)")
DISPLAY_RE = re.compile(
    r"\b(?:show|list|where|which|display|how\s+many|count|table|mostre|mostrar|mostra|liste|listar|onde"
    r"|quais|quantas|quantos|exib\w+|ver|veja|tabela|maps?|mapas?|plot)\b"
)
"""Words asking to display, list or count (on folded text)."""
_MAP_RE = re.compile(r"\b(?:maps?|mapas?|mapear|mapping|mapeamento|plot)\b")
_SOLAR_RE = re.compile(r"\b(?:solar|solares|photovoltaics?|pv|fotovoltaic[oa]s?|ufvs?)\b")

POLICY_STRONG_RE = re.compile(
    r"\b(?:paris\s+agreement|acordo\s+de\s+paris|unfccc|ndcs?|kyoto|cop\s?\d{1,2}|nationally\s+determined"
    r"|climate\s+(?:agreement|treaty|convention)|convencao\s+(?:do\s+)?clima)\b"
)
POLICY_WEAK_RE = re.compile(
    r"\b(?:polic(?:y|ies)|politicas?|articles?\s+\d+|artigos?\s+\d+|adaptation|adaptacao|mitigation"
    r"|mitigacao|what\s+does\s+.{1,60}?\s+say|o\s+que\s+(?:diz|dizem)|treaty|tratado|commitments?"
    r"|compromissos?|emission\s+targets?|metas?\s+de\s+emissao)\b"
)
_TOPICS = {
    "adaptation": r"adaptation|adaptacao|adapt",
    "mitigation": r"mitigation|mitigacao|mitigate",
    "finance": r"finance|financing|financiamento|climate\s+funds?",
    "loss and damage": r"loss\s+and\s+damage|perdas\s+e\s+danos",
    "transparency": r"transparency|transparencia",
    "ndc": r"ndcs?|nationally\s+determined\s+contributions?|contribuic(?:ao|oes)\s+nacionalmente",
    "temperature goal": r"temperature\s+goal|1[.,]5\s*(?:°\s*c|degrees?|graus?)|well\s+below\s+2",
    "technology transfer": r"technology\s+transfer|transferencia\s+de\s+tecnologia",
    "capacity building": r"capacity[-\s]building|capacitacao",
    "global stocktake": r"global\s+stocktake|balanco\s+global",
    "forests": r"forests?|florestas?|redd\+?",
    "carbon markets": r"carbon\s+markets?|mercados?\s+de\s+carbono|article\s+6|artigo\s+6",
}
_TOPIC_RES = {topic: re.compile(rf"\b(?:{pattern})(?!\w)") for topic, pattern in _TOPICS.items()}
_ARTICLE_RE = re.compile(r"\b(?:article|artigo|art\.)\s*(\d{1,2})\b")
_ABOUT_RE = re.compile(r"\b(?:about|sobre|regarding|on)\s+((?:[^\W\d_]+\s*){1,5})")
_TO_MW = {"m": 1.0, "k": 0.001, "g": 1000.0}


def parse_min_capacity_mw(text: str) -> float | None:
    """Capacity threshold in MW, or None."""
    folded = fold(text)
    match = _CAPACITY_BEFORE_RE.search(folded) or _CAPACITY_AFTER_RE.search(folded)
    if not match:
        return None
    value = parse_number(match.group("num"))
    if value is None or value <= 0:
        return None
    return value * _TO_MW[match.group("unit")[0]]


def wants_map(text: str) -> bool:
    return bool(_MAP_RE.search(fold(text)))


def mentions_solar(text: str) -> bool:
    return bool(_SOLAR_RE.search(fold(text)))


def policy_strength(text: str) -> tuple[bool, int]:
    """(a strong policy phrase is present, number of weak policy words)."""
    folded = fold(text)
    return bool(POLICY_STRONG_RE.search(folded)), len(POLICY_WEAK_RE.findall(folded))


def parse_policy_topic(text: str) -> str | None:
    """Topic of a policy question (see module rules), or None."""
    strong, weak = policy_strength(text)
    if not (strong or weak):
        return None
    folded = fold(text)
    hits = [(m.start(), topic) for topic, regex in _TOPIC_RES.items() if (m := regex.search(folded))]
    if hits:
        return min(hits)[1]
    article = _ARTICLE_RE.search(folded)
    if article:
        return f"article {article.group(1)}"
    about = _ABOUT_RE.search(folded)
    return " ".join(about.group(1).split())[:60] or None if about else None
