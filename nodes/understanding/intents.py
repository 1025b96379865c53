"""Intent scores in [0, 1]: one per registered recipe (its own `score`, see each recipe module),
plus `general` and `unknown`. Scores are fixed by rule, not learned.

- general: on-topic words with no recipe (INMET, stations, weather, energy, emissions, biomes, ...)
  or a heat layer without solar -> 0.45 + 0.05 per word, at most 0.6.
- unknown: 0.5 when every other intent is below 0.3 (then it is `best`), else 0.
- ranking: by score, ties to the earlier in the registry's order, `general` last.
- ambiguous: the top two (unknown excluded) are within 0.1 and both >= 0.4.
- missing: slots the best recipe needs and lacks (its `needs`).
"""

from __future__ import annotations

import re

from planexec.nodes.recipes import REGISTRY
from planexec.nodes.understanding.text import fold
from planexec.schemas.slots import IntentScores, Slots

MIN_SCORE = 0.3
AMBIGUITY_GAP = 0.1
AMBIGUITY_FLOOR = 0.4
GENERAL = "general"
UNKNOWN = "unknown"

_GENERAL_RE = re.compile(
    r"\b(?:inmet|stations?|estac(?:ao|oes)|weather|climate|clima|climatic[oa]?|energy|energia|aneel"
    r"|rainfall|chuvas?|precipitation|precipitacao|emissions?|emiss(?:ao|oes)|carbon|carbono|biomes?"
    r"|biomas?|amazon|amazonia|cerrado|caatinga|wind|eolic[ao]s?|hydro\w*|electricity|eletricidade"
    r"|power\s+plants?|datasets?|dados|data|sources?|fontes?)\b"
)


def intent_names() -> list[str]:
    """Every intent `score_intents` can name: the registered recipes, general, unknown."""
    return [*REGISTRY, GENERAL, UNKNOWN]


def _general(slots: Slots, folded: str) -> float:
    hits = len(_GENERAL_RE.findall(folded)) + (slots.layer == "heat" and not slots.mentions_solar)
    return min(0.45 + 0.05 * hits, 0.6) if hits else 0.0


def score_intents(slots: Slots, text: str) -> IntentScores:
    """Score every intent for `text` with its parsed `slots`."""
    recipes = dict(REGISTRY)
    raw = {name: recipe.score(slots, text) for name, recipe in recipes.items()}
    raw[GENERAL] = _general(slots, fold(text))
    scores = {intent: round(min(max(score, 0.0), 1.0), 2) for intent, score in raw.items()}
    ranked = sorted(scores, key=lambda intent: -scores[intent])
    top = scores[ranked[0]]
    second = scores[ranked[1]] if len(ranked) > 1 else 0.0
    best = ranked[0] if top >= MIN_SCORE else UNKNOWN
    ambiguous = second >= AMBIGUITY_FLOOR and top - second <= AMBIGUITY_GAP + 1e-9
    all_scores = {**scores, UNKNOWN: 0.5 if best == UNKNOWN else 0.0}
    missing = recipes[best].missing(slots) if best in recipes else []
    return IntentScores(scores=all_scores, best=best, ambiguous=ambiguous, missing=missing)
