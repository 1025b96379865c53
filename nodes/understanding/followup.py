"""Follow-ups: a message that refines the previous question keeps its slots and changes what it says.

"and within 5 km?", "e no Ceará?", "só as acima de 20 MW", "now with the deforestation layer" name
no subject of their own: they inherit the previous question's slots and override only the slots
they set. A complete question ("map of solar plants in Bahia", "median plant capacity in Goiás")
starts afresh. The intent is scored again on the merged slots, so a new layer can move a map
question to a correlation. Groups are taken over as a whole: the capacity bounds (min/max, strict,
words), the places (states, regions, unknown places) and the analytical shape ("e a mediana?"
replaces the shape, "e em Goiás?" keeps it). An off-topic message never refines anything, so it
cannot inherit a recipe.
"""

from __future__ import annotations

import re

from planexec.nodes.understanding.analytics import parse_aggregation
from planexec.nodes.understanding.intents import score_intents
from planexec.nodes.understanding.text import fold
from planexec.schemas.conversation import FollowUp, FollowUpSource
from planexec.schemas.slots import Slots, Understanding

_CUE_RE = re.compile(
    r"^\W*(?:and|but|what\s+about|how\s+about|what\s+if|now|only|just|instead|same|also|then|ok(?:ay)?"
    r"|e\s+se|e\s+quanto|e|mas|agora|so|somente|apenas|tambem|entao|e\s+com)\b"
)
_ANAPHORA_RE = re.compile(
    r"\b(?:that|this|those|these|them|it|same|isso|isto|essas?|esses?|elas?|eles?|mesm[oa]s?)\b"
)
_ALSO_RE = re.compile(r"\b(?:also|too|as\s+well|plus|tambem|alem\s+d[eoa]s?)\b")
_ENGLISH_RE = re.compile(
    r"\b(?:what|about|and|now|only|just|show|with|how|the|in|near|within|map|more|than|over|above)\b"
)
# Slot groups a message can change; each group is taken over or replaced as a whole.
_GROUPS: dict[str, tuple[str, ...]] = {
    "distance": ("distance", "operator", "operator_text", "ignored_distances"),
    "states": ("states", "regions", "unknown_places"),
    "layer": ("layer",),
    "heat_quintiles": ("heat_quintiles",),
    "min_capacity_mw": (
        "min_capacity_mw",
        "min_capacity_strict",
        "max_capacity_mw",
        "max_capacity_strict",
        "capacity_text",
    ),
    "country": ("country", "country_supported"),
    "policy_topic": ("policy_topic",),
    "wants_map": ("wants_map",),
    "mentions_solar": ("mentions_solar",),
    "aggregation": ("aggregation",),
}
_DEFAULTS = Slots()


def followup_cue(query: str) -> str | None:
    """The words that mark `query` as a refinement ('and', 'what about', 'e', 'só', 'that' …)."""
    folded = fold(query)
    match = _CUE_RE.search(folded) or _ANAPHORA_RE.search(folded)
    return match.group(0).strip(" \t\n?,.!") if match else None


def changed_groups(slots: Slots) -> list[str]:
    """Slot groups the message sets (values other than the defaults)."""
    return [
        group
        for group, fields in _GROUPS.items()
        if any(getattr(slots, f) != getattr(_DEFAULTS, f) for f in fields if f != "ignored_distances")
    ]


def is_new_question(current: Understanding) -> bool:
    """The message names its own subject: solar plants, a policy question, deforestation areas alone,
    or a complete analytical question ("median plant capacity in Goiás")."""
    slots, best = current.slots, current.intents.best
    if best == "policy_summary":
        return current.intents.scores.get("policy_summary", 0.0) >= 0.8
    if best == "aggregation" and slots.aggregation is not None:
        return True
    return slots.mentions_solar and best in ("spatial_correlation", "solar_map", "deforestation_overlap")


def needs_previous(current: Understanding) -> bool:
    """A refinement with nothing of its own to answer (no subject), e.g. 'and within 5 km?'."""
    if current.rejected_reason or is_new_question(current):
        return False
    return followup_cue(current.query) is not None and bool(changed_groups(current.slots))


def _language(previous: Slots, current: Understanding) -> str:
    if current.slots.language == "pt" or _ENGLISH_RE.search(fold(current.query)):
        return current.slots.language
    return previous.language


def _merge(previous: Slots, current: Understanding, changed: list[str]) -> Slots:
    update: dict[str, object] = {}
    new = current.slots
    for group in changed:
        for name in _GROUPS[group]:
            update[name] = getattr(new, name)
    if "states" in changed and _ALSO_RE.search(fold(current.query)):
        update["states"] = list(dict.fromkeys([*previous.states, *new.states]))
        names = {r.name for r in previous.regions}
        update["regions"] = [*previous.regions, *(r for r in new.regions if r.name not in names)]
        update["unknown_places"] = list(dict.fromkeys([*previous.unknown_places, *new.unknown_places]))
    if "layer" in changed and new.layer != previous.layer and "heat_quintiles" not in changed:
        update["heat_quintiles"] = list(new.heat_quintiles)  # quintiles belong to the heat layer only
    if "mentions_solar" not in changed:
        update["mentions_solar"] = previous.mentions_solar
    update["wants_map"] = previous.wants_map or new.wants_map
    update["language"] = _language(previous, current)
    return previous.model_copy(update=update)


def _with_shape(previous: Slots, current: Understanding, changed: list[str]) -> Understanding:
    """`current` with the analytical shape its words give over the inherited slots ("e a mediana?"
    says a measure but no subject, so it has no shape of its own); unchanged when it gives none.
    Only an analytical question is re-shaped: after a map, "what about quintile 4?" is a filter."""
    if "aggregation" in changed or previous.aggregation is None:
        return current
    context = _merge(previous, current, changed).model_copy(update={"aggregation": None})
    shape = parse_aggregation(current.query, context)
    if shape is None:
        return current
    changed.append("aggregation")
    return current.model_copy(update={"slots": current.slots.model_copy(update={"aggregation": shape})})


def _stands_alone(previous: Understanding, current: Understanding) -> bool:
    """Nothing to merge: a rejected or off-topic message (an off-topic one must not inherit a recipe),
    or nothing usable to refine."""
    return bool(
        previous.rejected_reason or previous.off_topic or current.rejected_reason or current.off_topic
    )


def refine(
    previous: Understanding | None, current: Understanding, source: FollowUpSource
) -> tuple[Understanding, FollowUp] | None:
    """The merged understanding when `current` refines `previous`; None when it stands on its own."""
    if previous is None or _stands_alone(previous, current):
        return None
    cue = followup_cue(current.query)
    changed = changed_groups(current.slots)
    if is_new_question(current) and cue is None:
        return None
    if not changed and cue is None:
        return None
    current = _with_shape(previous.slots, current, changed)
    slots = _merge(previous.slots, current, changed)
    intents = score_intents(slots, f"{previous.query} {current.query}")
    merged = Understanding(query=current.query, slots=slots, intents=intents)
    inherited = [g for g in _GROUPS if g not in changed and _has_value(previous.slots, g)]
    followup = FollowUp(
        previous_query=previous.query, source=source, inherited=inherited, overridden=changed, cue=cue
    )
    return merged, followup


def _has_value(slots: Slots, group: str) -> bool:
    return any(getattr(slots, f) != getattr(_DEFAULTS, f) for f in _GROUPS[group])
