"""Recipe guards as data: what a question must contain for a recipe's edge to be legal.

A `Guard` names *features* of the understood question (`FEATURES`: solar plants named, a hazard
layer, a spatial relation, an analytical shape, a policy topic, ...). The edge is legal when every
`requires` feature holds, at least one `requires_any` feature holds (when any are listed) and no
`forbids` combination holds completely. Each recipe declares its guard next to its score and needs
(`Recipe.guard`); `nodes/transitions.route_edges` applies them. So "how many heat zones are in
quintile 5?" (an analytical shape, no solar plants) never offers the map of plants, and
"solar plants within 1 km of heat zones" (a layer and a relation) never offers a map-only answer,
whatever a proposer would like.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from planexec.schemas.slots import Understanding

Feature = Literal["solar", "layer", "heat", "deforestation", "relation", "analytical", "policy"]
RELATION_OPERATORS = frozenset({"within", "proximity", "overlap", "ring", "outside", "nearest"})


def _relation(u: Understanding) -> bool:
    slots = u.slots
    distance = slots.distance is not None or slots.min_distance is not None
    return slots.operator in RELATION_OPERATORS or distance


def _analytical(u: Understanding) -> bool:
    return u.slots.aggregation is not None


def _policy(u: Understanding) -> bool:
    return bool(u.slots.policy_topic) or u.intents.scores.get("policy_summary", 0.0) > 0


FEATURES: Mapping[Feature, tuple[str, Callable[[Understanding], bool]]] = {
    "solar": ("names solar plants", lambda u: u.slots.mentions_solar),
    "layer": ("names a hazard layer (heat or deforestation)", lambda u: u.slots.layer is not None),
    "heat": ("names the heat-stress layer", lambda u: u.slots.layer == "heat"),
    "deforestation": ("names the deforestation layer", lambda u: u.slots.layer == "deforestation"),
    "relation": ("states a spatial relation (within / near / overlap / ring / a distance)", _relation),
    "analytical": ("asks an analytical question (count, total, top N)", _analytical),
    "policy": ("has something to search in the Paris Agreement", _policy),
}  # fmt: skip
"""Feature name -> (what it means, test on the understanding)."""


def has(feature: Feature, understanding: Understanding) -> bool:
    return FEATURES[feature][1](understanding)


@dataclass(frozen=True)
class Guard:
    """When a recipe's edge is legal, as data (see the module docstring). Callable: `guard(u) -> bool`."""

    requires: tuple[Feature, ...] = ()
    """Every one must hold."""
    requires_any: tuple[Feature, ...] = ()
    """At least one must hold (ignored when empty)."""
    forbids: tuple[tuple[Feature, ...], ...] = ()
    """No listed combination may hold completely (('layer', 'relation'): not both a layer and a relation)."""

    def __post_init__(self) -> None:
        named = [*self.requires, *self.requires_any, *(f for combo in self.forbids for f in combo)]
        unknown = [f for f in named if f not in FEATURES]
        if unknown:
            raise ValueError(f"unknown guard feature(s): {', '.join(unknown)}")

    def why_not(self, understanding: Understanding) -> str | None:
        """None when the guard holds, else the first reason it does not (for tests and traces)."""
        for feature in self.requires:
            if not has(feature, understanding):
                return f"requires a question that {FEATURES[feature][0]}"
        if self.requires_any and not any(has(f, understanding) for f in self.requires_any):
            return "requires one of: " + ", ".join(self.requires_any)
        for combo in self.forbids:
            if all(has(f, understanding) for f in combo):
                return "not legal when the question " + " and ".join(FEATURES[f][0] for f in combo)
        return None

    def __call__(self, understanding: Understanding) -> bool:
        return self.why_not(understanding) is None

    def describe(self) -> str:
        """One line, e.g. 'requires solar; forbids layer+relation, analytical'."""
        parts = []
        if self.requires:
            parts.append("requires " + ", ".join(self.requires))
        if self.requires_any:
            parts.append("requires any of " + ", ".join(self.requires_any))
        if self.forbids:
            parts.append("forbids " + ", ".join("+".join(c) for c in self.forbids))
        return "; ".join(parts) or "always legal"


ALWAYS = Guard()
