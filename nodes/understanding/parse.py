"""`understand_query`: compose the slot parsers and the intent scorer. Bounded; never raises.

Bounds: control / format characters are replaced by spaces and whitespace is collapsed; an empty
query, one longer than MAX_QUERY_CHARS, or one without any letter is rejected (slots left at their
defaults, best intent 'unknown'). The stored query is the cleaned text, cut to MAX_QUERY_CHARS.
"""

from __future__ import annotations

from planexec.nodes.understanding.distance import find_distance
from planexec.nodes.understanding.intents import score_intents
from planexec.nodes.understanding.language import detect_language
from planexec.nodes.understanding.layers import parse_heat_quintiles, parse_layer
from planexec.nodes.understanding.operators import parse_operator
from planexec.nodes.understanding.places import parse_country, parse_states
from planexec.nodes.understanding.signals import (
    mentions_solar,
    parse_min_capacity_mw,
    parse_policy_topic,
    wants_map,
)
from planexec.nodes.understanding.text import clean
from planexec.schemas.slots import IntentScores, Slots, Understanding

MAX_QUERY_CHARS = 4000


def parse_slots(text: str) -> Slots:
    """All slots of a cleaned, bounded query."""
    found = find_distance(text)
    operator, operator_text = parse_operator(text, found.distance)
    country, supported = parse_country(text)
    layer = parse_layer(text)
    return Slots(
        operator=operator,
        operator_text=operator_text,
        distance=found.distance,
        ignored_distances=found.ignored,
        country=country,
        country_supported=supported,
        states=parse_states(text),
        layer=layer,
        heat_quintiles=parse_heat_quintiles(text, layer),
        min_capacity_mw=parse_min_capacity_mw(text),
        wants_map=wants_map(text),
        mentions_solar=mentions_solar(text),
        policy_topic=parse_policy_topic(text),
        language=detect_language(text),
    )


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
        return Understanding(query=bounded, slots=slots, intents=score_intents(slots, bounded))
    except Exception as exc:  # defensive: a parser bug must not break the chat graph
        return _rejected(bounded, f"could not parse query ({type(exc).__name__})")
