"""The filters an answer applied, in the answer's language: the ONE place they are rendered.

Every Slots field is a filter unless listed in NOT_FILTERS; a field non-default in the slots is
rendered as `<label>: <value>` with the label `filter.<key>` (planexec.nodes.i18n.labels), where
the key is the field's name or the composite it belongs to (FIELD_KEYS: both capacity bounds are
one 'capacity' entry, distance + operator one 'distance', states + regions one 'states'). A new
slot therefore only needs a `filter.<name>` label (both languages) — or a place in NOT_FILTERS.

A recipe passes `effective`: the values it actually applied where they differ from the slots
(defaults it filled in — layer, quintiles, the areas threshold, the distance — read from its plan),
and None for a key it does not apply (that key is left out). The datasets come from the plan's
servers. The result goes into the facts (`filters`) and the overview's 'Filters:' line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from planexec.nodes.i18n import fmt_number, has_label, label
from planexec.schemas.plan import Plan
from planexec.schemas.slots import Slots

NOT_FILTERS = frozenset(
    {
        "schema_version",
        "operator_text",
        "ignored_distances",
        "country_supported",
        "min_capacity_strict",
        "max_capacity_strict",
        "capacity_text",
        "wants_map",
        "mentions_solar",
        "language",
        "synthetic_points",
        "aggregation",
        "min_increment_strict",
    }
)
"""Slots fields that are not filters (words, flags, the language) or belong to a composite key."""
FIELD_KEYS = {
    "operator": "distance",
    "min_capacity_mw": "capacity",
    "max_capacity_mw": "capacity",
    "regions": "states",
    "min_increment_km2": "areas",
    "min_distance": "distance",
}
ORDER = (
    "layer",
    "heat_quintiles",
    "areas",
    "distance",
    "states",
    "unknown_places",
    "capacity",
    "country",
    "policy_topic",
)
DATASET_SERVERS = ("solar", "heat", "deforestation", "policy")
_DEFAULTS = Slots()


def step_args(plan: Plan, alias: str) -> dict[str, Any]:
    """The planned args of step `alias` ({} when the plan has no such step)."""
    return next((dict(s.args) for s in plan.steps if s.alias == alias), {})


def _distance(slots: Slots) -> tuple[Any, ...] | None:
    """(method, km[, inner km]): the ring / outside / nearest operators keep their own method."""
    km = None if slots.distance is None else slots.distance.km
    if slots.operator in ("ring", "outside", "nearest"):
        return slots.operator, km, None if slots.min_distance is None else slots.min_distance.km
    if km is not None:
        return "proximity", km
    return (slots.operator, None) if slots.operator else None


def _capacity(slots: Slots) -> tuple[Any, ...] | None:
    low, high = slots.min_capacity_mw, slots.max_capacity_mw
    if low is None and high is None:
        return None
    return (low, slots.min_capacity_strict, high, slots.max_capacity_strict)


_FROM_SLOTS: dict[str, Callable[[Slots], Any]] = {
    "distance": _distance,
    "capacity": _capacity,
    "states": lambda s: (s.states, s.regions) if s.states or s.regions else None,
}


def _fmt_distance(value: Any, lang: str) -> str:
    """(method, km) or (method, km, inner km) -> '≤ 1 km', 'inside', '2–8 km … outside every zone', …"""
    method, km, low = (*value, None)[:3]

    def num(v: Any) -> str:
        return fmt_number(float(v), lang)

    if method == "ring" and km is not None:
        if low:
            return label("value.distance.ring", lang, low=num(low), high=num(km))
        return label("value.distance.ring_edge", lang, high=num(km))
    if method == "outside":
        return label("value.distance.outside", lang)
    if method == "nearest":
        if km is None:
            return label("value.distance.nearest", lang)
        return label("value.distance.nearest_cap", lang, km=num(km))
    if method == "proximity" and km is not None:
        return label("value.distance.within", lang, km=num(km))
    return label("value.distance.inside", lang)


def _fmt_capacity(value: Any, lang: str) -> str:
    low, low_strict, high, high_strict = value
    parts = []
    if low is not None:
        parts.append(f"{'>' if low_strict else '≥'} {fmt_number(float(low), lang)} MW")
    if high is not None:
        parts.append(f"{'<' if high_strict else '≤'} {fmt_number(float(high), lang)} MW")
    return f" {'e' if lang == 'pt' else 'and'} ".join(parts)


def _fmt_states(value: Any, lang: str) -> str:
    states, regions = value
    named = [f"{r.name_pt if lang == 'pt' else r.name} ({', '.join(r.ufs)})" for r in regions]
    covered = {uf for r in regions for uf in r.ufs}
    return ", ".join(named + [uf for uf in states if uf not in covered])


def _fmt_areas(value: Any, lang: str) -> str:
    """A threshold (km², 0 = all) or (threshold | None, strict, areas used | None)."""
    floor, strict, count = value if isinstance(value, tuple) else (value, False, None)
    if not floor:
        if count is None:
            return label("value.areas.all", lang)
        return label("value.areas.all_n", lang, n=fmt_number(int(count), lang))
    op, km2 = (">" if strict else "≥"), fmt_number(float(floor), lang)
    if count is None:
        return label("value.areas.threshold", lang, op=op, km2=km2)
    return label("value.areas.above_n", lang, n=fmt_number(int(count), lang), op=op, km2=km2)


def _fmt_dataset(value: Any, lang: str) -> str:
    return ", ".join(label(f"dataset.{s}", lang) if has_label(f"dataset.{s}") else str(s) for s in value)


def _fmt_generic(value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return label("value.yes" if value else "value.no", lang)
    if isinstance(value, int | float):
        return fmt_number(value, lang)
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(_fmt_generic(v, lang) for v in value)
    if hasattr(value, "text") and isinstance(value.text, str):
        return value.text
    return str(value)


_FORMATS: dict[str, Callable[[Any, str], str]] = {
    "layer": lambda v, lang: label(f"value.layer.{v}", lang) if has_label(f"value.layer.{v}") else str(v),
    "heat_quintiles": lambda v, lang: ", ".join(f"Q{q}" for q in sorted(v)),
    "areas": _fmt_areas,
    "distance": _fmt_distance,
    "states": _fmt_states,
    "capacity": _fmt_capacity,
    "country": lambda v, lang: label(f"value.country.{v}", lang) if has_label(f"value.country.{v}") else v,
    "policy_topic": lambda v, lang: f"“{v}”",
    "dataset": _fmt_dataset,
}


def slot_filters(slots: Slots) -> dict[str, Any]:
    """Filter key -> value for every filter slot that differs from its default."""
    found: dict[str, Any] = {}
    for name in Slots.model_fields:
        key = FIELD_KEYS.get(name, name)
        if name in NOT_FILTERS or key in found or getattr(slots, name) == getattr(_DEFAULTS, name):
            continue
        found[key] = _FROM_SLOTS[key](slots) if key in _FROM_SLOTS else getattr(slots, name)
    return found


def applied_filters(
    slots: Slots,
    plan: Plan,
    lang: str,
    effective: Mapping[str, Any] | None = None,
    from_slots: bool = True,
) -> list[tuple[str, str]]:
    """(label, value) per filter applied, in a stable order, datasets last. `from_slots=False`: only
    the `effective` entries (a recipe that applies none of the data filters, e.g. policy search)."""
    values = {**(slot_filters(slots) if from_slots else {}), **(effective or {})}
    datasets = [s for s in DATASET_SERVERS if any(step.server == s for step in plan.steps)]
    keys = [k for k in ORDER if k in values] + sorted(k for k in values if k not in ORDER)
    out = []
    for key in keys:
        value = values[key]
        if value is None:
            continue
        name = label(f"filter.{key}", lang) if has_label(f"filter.{key}") else key.replace("_", " ")
        out.append((name, _FORMATS.get(key, _fmt_generic)(value, lang)))
    if datasets:
        out.append((label("filter.dataset", lang), _fmt_dataset(datasets, lang)))
    return out


def filters_text(
    slots: Slots,
    plan: Plan,
    lang: str,
    effective: Mapping[str, Any] | None = None,
    from_slots: bool = True,
) -> str:
    """The filters as one line: 'layer: heat-stress zones; heat quintiles: Q5; distance: ≤ 1 km; …'."""
    applied = applied_filters(slots, plan, lang, effective, from_slots)
    return "; ".join(f"{name}: {value}" for name, value in applied)
