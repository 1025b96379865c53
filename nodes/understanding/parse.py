"""`understand_query`: compose the slot parsers and the intent scorer. Bounded; never raises.

Bounds: control / format characters are replaced by spaces and whitespace is collapsed; an empty
query, one longer than MAX_QUERY_CHARS, or one without any letter is rejected (slots left at their
defaults, best intent 'unknown'). The stored query is the cleaned text, cut to MAX_QUERY_CHARS.
"""

from __future__ import annotations

from planexec.nodes.understanding.analytics import parse_aggregation
from planexec.nodes.understanding.capacity import parse_capacity
from planexec.nodes.understanding.distance import find_distance
from planexec.nodes.understanding.increment import parse_increment
from planexec.nodes.understanding.intents import score_intents
from planexec.nodes.understanding.language import detect_language
from planexec.nodes.understanding.layers import parse_heat_quintiles, parse_layer
from planexec.nodes.understanding.locations import parse_places
from planexec.nodes.understanding.off_topic import detect_off_topic
from planexec.nodes.understanding.operators import parse_geometry
from planexec.nodes.understanding.places import parse_country
from planexec.nodes.understanding.signals import mentions_solar, parse_policy_topic, wants_map
from planexec.nodes.understanding.spelling import correct_spelling
from planexec.nodes.understanding.text import clean
from planexec.schemas.slots import IntentScores, Slots, Understanding

MAX_QUERY_CHARS = 4000


def parse_slots(text: str) -> Slots:
    """All slots of a cleaned, bounded query. Keyword parsers read it with typos of domain words
    corrected (`spelling`); places, numbers and the language read it as written."""
    fixed = correct_spelling(text)
    found = find_distance(text)
    geometry = parse_geometry(fixed, found.distance)
    country, supported = parse_country(text)
    layer = parse_layer(fixed)
    language = detect_language(text)
    capacity = parse_capacity(text, portuguese=language == "pt")
    places = parse_places(text)
    increment = parse_increment(text, portuguese=language == "pt")
    slots = Slots(
        operator=geometry.operator,
        operator_text=geometry.text,
        distance=geometry.distance,
        min_distance=geometry.min_distance,
        ignored_distances=found.ignored,
        country=country,
        country_supported=supported,
        states=places.states,
        regions=places.regions,
        unknown_places=places.unknown,
        layer=layer,
        heat_quintiles=parse_heat_quintiles(fixed, layer),
        min_increment_km2=increment.min_km2,
        min_increment_strict=increment.strict,
        min_capacity_mw=capacity.min_mw,
        min_capacity_strict=capacity.min_strict,
        max_capacity_mw=capacity.max_mw,
        max_capacity_strict=capacity.max_strict,
        capacity_text=capacity.text,
        wants_map=wants_map(fixed),
        mentions_solar=mentions_solar(fixed),
        policy_topic=parse_policy_topic(text),
        language=language,
    )
    if slots.operator in ("ring", "outside", "nearest"):
        return slots  # geometry words: the spatial_correlation recipe answers them, not an aggregation
    return slots.model_copy(update={"aggregation": parse_aggregation(fixed, slots)})  # last: reads the others


def _rejection(text: str) -> str | None:
    if not text:
        return "empty query"
    if len(text) > MAX_QUERY_CHARS:
        return f"query too long ({len(text)} characters; limit {MAX_QUERY_CHARS})"
    if not any(ch.isalpha() for ch in text):
        return "query has no words (no letters)"
    return None


def _rejected(query: str, reason: str) -> Understanding:
    intents = IntentScores(scores={"unknown": 1.0}, best="unknown", ambiguous=False)
    return Understanding(query=query, slots=Slots(), intents=intents, rejected_reason=reason)


def understand_query(query: str) -> Understanding:
    """Slots and intent scores for `query`; a rejected Understanding (never an exception) when unusable."""
    text = clean(query) if isinstance(query, str) else ""
    reason = _rejection(text)
    bounded = text[:MAX_QUERY_CHARS]
    if reason:
        return _rejected(bounded, reason)
    try:
        slots = parse_slots(bounded)
        intents = score_intents(slots, correct_spelling(bounded))
        return Understanding(query=bounded, slots=slots, intents=intents, off_topic=detect_off_topic(bounded))
    except Exception as exc:  # defensive: a parser bug must not break the chat graph
        return _rejected(bounded, f"could not parse query ({type(exc).__name__})")
