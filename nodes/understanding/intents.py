"""Intent scores in [0, 1] from the parsed slots and a few keywords.

Rules (scores are fixed by rule, not learned):
- spatial_correlation: solar + layer (heat or deforestation) -> 0.7, +0.15 with a within/proximity
  operator, +0.1 with a distance. Solar + deforestation + an explicit *overlap* -> 0.55 (that is
  deforestation_overlap). Solar + proximity/overlap/distance but no layer -> 0.5 (missing 'layer');
  heat + an operator but no solar -> 0.45 (missing 'mentions_solar').
- deforestation_overlap: deforestation + 'overlap'/'intersect' (with or without solar) -> 0.9;
  deforestation areas alone (no solar) -> 0.7, +0.1 with display words or states;
  deforestation + solar without overlap -> 0.45 (the correlation recipe handles it).
  So 'solar plants near deforestation areas within 5 km' is spatial_correlation, layer deforestation.
- solar_map: solar and no layer -> 0.6, +0.2 with map/show/list/where/how-many words, +0.1 with
  states or a capacity threshold, -0.25 with proximity/overlap/distance (a correlation without a
  layer); solar with a layer -> 0.3.
- policy_summary: a strong phrase (Paris Agreement, UNFCCC, NDC, COP, Kyoto) -> 0.85 (+0.05 per weak
  word, up to two); weak words only (policy, article N, adaptation, mitigation, 'what does … say')
  -> 0.4 + 0.1 each, at most 0.7.
- general: on-topic words with no recipe (INMET, stations, weather, energy, emissions, biomes, ...)
  or a heat layer without solar -> 0.45 + 0.05 per word, at most 0.6.
- unknown: 0.5 when every other intent is below 0.3 (then it is `best`), else 0.
- ambiguous: the top two (unknown excluded) are within 0.1 and both >= 0.4.
- missing: slots the best intent needs and lacks (spatial_correlation: 'layer', 'mentions_solar').
"""

from __future__ import annotations

import re

from planexec.nodes.understanding.signals import policy_strength
from planexec.nodes.understanding.text import fold
from planexec.schemas.slots import Intent, IntentScores, Slots

MIN_SCORE = 0.3
AMBIGUITY_GAP = 0.1
AMBIGUITY_FLOOR = 0.4
RECIPE_ORDER: tuple[Intent, ...] = (
    "spatial_correlation", "deforestation_overlap", "solar_map", "policy_summary", "general"
)  # fmt: skip

_DISPLAY_RE = re.compile(
    r"\b(?:show|list|where|which|display|how\s+many|count|table|mostre|mostrar|mostra|liste|listar|onde"
    r"|quais|quantas|quantos|exib\w+|ver|veja|tabela|maps?|mapas?|plot)\b"
)
_GENERAL_RE = re.compile(
    r"\b(?:inmet|stations?|estac(?:ao|oes)|weather|climate|clima|climatic[oa]?|energy|energia|aneel"
    r"|rainfall|chuvas?|precipitation|precipitacao|emissions?|emiss(?:ao|oes)|carbon|carbono|biomes?"
    r"|biomas?|amazon|amazonia|cerrado|caatinga|wind|eolic[ao]s?|hydro\w*|electricity|eletricidade"
    r"|power\s+plants?|datasets?|dados|data|sources?|fontes?)\b"
)


def _spatial(slots: Slots) -> float:
    operator_kind = slots.operator in ("within", "proximity")
    if slots.mentions_solar and slots.layer:
        if slots.layer == "deforestation" and slots.operator == "overlap":
            return 0.55
        return 0.7 + 0.15 * operator_kind + 0.1 * (slots.distance is not None)
    if slots.mentions_solar and (slots.operator in ("proximity", "overlap") or slots.distance):
        return 0.5
    if slots.layer == "heat" and (slots.operator or slots.distance):
        return 0.45
    return 0.0


def _deforestation(slots: Slots, folded: str) -> float:
    if slots.layer != "deforestation":
        return 0.0
    if slots.operator == "overlap":
        return 0.9
    if slots.mentions_solar:
        return 0.45
    return 0.7 + 0.1 * bool(_DISPLAY_RE.search(folded) or slots.states)


def _solar_map(slots: Slots, folded: str) -> float:
    if not slots.mentions_solar:
        return 0.0
    if slots.layer:
        return 0.3
    score = 0.6 + 0.2 * bool(_DISPLAY_RE.search(folded) or slots.wants_map)
    score += 0.1 * bool(slots.states or slots.min_capacity_mw)
    if slots.operator in ("proximity", "overlap") or slots.distance:
        score -= 0.25
    return score


def _policy(text: str) -> float:
    strong, weak = policy_strength(text)
    if strong:
        return 0.85 + 0.05 * min(weak, 2)
    return min(0.4 + 0.1 * weak, 0.7) if weak else 0.0


def _general(slots: Slots, folded: str) -> float:
    hits = len(_GENERAL_RE.findall(folded)) + (slots.layer == "heat" and not slots.mentions_solar)
    return min(0.45 + 0.05 * hits, 0.6) if hits else 0.0


def _missing(best: Intent, slots: Slots) -> list[str]:
    if best != "spatial_correlation":
        return []
    return [
        name
        for name, present in (("mentions_solar", slots.mentions_solar), ("layer", slots.layer))
        if not present
    ]


def score_intents(slots: Slots, text: str) -> IntentScores:
    """Score every intent for `text` with its parsed `slots` (see module rules)."""
    folded = fold(text)
    raw: dict[Intent, float] = {
        "spatial_correlation": _spatial(slots),
        "deforestation_overlap": _deforestation(slots, folded),
        "solar_map": _solar_map(slots, folded),
        "policy_summary": _policy(text),
        "general": _general(slots, folded),
    }
    scores = {intent: round(min(max(score, 0.0), 1.0), 2) for intent, score in raw.items()}
    ranked = sorted(RECIPE_ORDER, key=lambda intent: -scores[intent])
    top, second = scores[ranked[0]], scores[ranked[1]]
    best: Intent = ranked[0] if top >= MIN_SCORE else "unknown"
    ambiguous = second >= AMBIGUITY_FLOOR and top - second <= AMBIGUITY_GAP + 1e-9
    all_scores: dict[str, float] = {intent: scores[intent] for intent in RECIPE_ORDER}
    all_scores["unknown"] = 0.5 if best == "unknown" else 0.0
    return IntentScores(scores=all_scores, best=best, ambiguous=ambiguous, missing=_missing(best, slots))
