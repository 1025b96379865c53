"""Rule parse vs LLM slot proposal: compare slot by slot, and decide which LLM values are used.

Policy: the rule value always wins. An LLM value is used only for a slot the rules left EMPTY and
only when the query text supports it (`support`): a number written in the query (in the slot's
unit or a usual other one: m/mi for km, kW/GW for MW), the state's name or UF code, the region's
name, a word of the layer or the operator. A strict flag goes with its bound. Disagreements
(both filled, different values) are recorded; the rule value is kept.
"""

from __future__ import annotations

import math
import re
from typing import Any

from planexec.nodes.understanding.numbers import DIGITS, NUMBER_PHRASE, parse_number, word_number
from planexec.nodes.understanding.places import STATES
from planexec.nodes.understanding.regions import REGIONS
from planexec.nodes.understanding.text import fold
from planexec.schemas.slot_proposals import SlotComparison, SlotDisagreement, SlotValue, SlotValues
from planexec.schemas.slots import Distance, RegionRef, Slots

SLOTS = [name for name in SlotValues.model_fields if name != "schema_version"]
STRICT_OF = {
    "min_capacity_mw": "min_capacity_strict",
    "max_capacity_mw": "max_capacity_strict",
    "min_increment_km2": "min_increment_strict",
}
FLAGS = set(STRICT_OF.values())
_UNIT_FACTORS = {
    "distance_km": (1.0, 0.001, 1.609344),
    "min_distance_km": (1.0, 0.001, 1.609344),
    "min_capacity_mw": (1.0, 0.001, 1000.0),
    "max_capacity_mw": (1.0, 0.001, 1000.0),
    "min_increment_km2": (1.0, 0.01),
}
_LAYER_WORDS = {
    "heat": r"\b(?:heat|hot\w*|warm\w*|calor|quent\w*|temperat\w*|quint\w*)",
    "deforestation": r"\b(?:deforest\w*|desmat\w*|clear(?:ed|ing)|derrubad\w*)",
}
_OPERATOR_WORDS = {
    "within": r"\b(?:within|inside|up to|no more than|dentro|ate|a menos de|em ate)\b",
    "proximity": r"\b(?:near\w*|close|around|perto|proxim\w*|vizinh\w*)",
    "overlap": r"\b(?:overlap\w*|intersect\w*|sobrep\w*|in the|inside|dentro)\b",
    "ring": r"\b(?:between|entre)\b",
    "outside": r"\b(?:outside|fora|not in|nao estao)\b",
    "nearest": r"\b(?:nearest|closest|mais proxim\w*)",
}


def rule_values(slots: Slots) -> SlotValues:
    """The comparable view of a `Slots` (states named explicitly; regions by English name)."""
    region_ufs = {uf for region in slots.regions for uf in region.ufs}
    bound = {
        flag: getattr(slots, flag) if getattr(slots, bound_) is not None else None
        for bound_, flag in STRICT_OF.items()
    }
    return SlotValues(
        operator=slots.operator,
        distance_km=slots.distance.km if slots.distance else None,
        min_distance_km=slots.min_distance.km if slots.min_distance else None,
        layer=slots.layer,
        heat_quintiles=sorted(slots.heat_quintiles),
        states=[uf for uf in slots.states if uf not in region_ufs],
        regions=[region.name for region in slots.regions],
        min_capacity_mw=slots.min_capacity_mw,
        max_capacity_mw=slots.max_capacity_mw,
        min_increment_km2=slots.min_increment_km2,
        language=slots.language,
        **bound,
    )


def _empty(value: SlotValue) -> bool:
    return value is None or value == []


def _same(a: SlotValue, b: SlotValue) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return sorted(map(str, a)) == sorted(map(str, b))
    if isinstance(a, float | int) and isinstance(b, float | int) and not isinstance(a, bool):
        return math.isclose(float(a), float(b), rel_tol=1e-6)
    return a == b


def query_numbers(query: str) -> list[float]:
    """Every number written in the query, digits (both decimal conventions) or words."""
    found: list[float] = []
    for raw in re.findall(DIGITS, query):
        found += [n for n in (parse_number(raw, False), parse_number(raw, True)) if n is not None]
    for phrase in re.findall(rf"\b{NUMBER_PHRASE}\b", query.lower()):
        value = word_number(phrase)
        if value is not None:
            found.append(value)
    return found


def _number_supported(slot: str, value: float, query: str) -> bool:
    factors = _UNIT_FACTORS[slot]
    return any(math.isclose(n * f, value, rel_tol=1e-3) for n in query_numbers(query) for f in factors)


def _words(text: str) -> str:
    return " " + re.sub(r"[^a-z0-9]+", " ", fold(text)) + " "


def _state_supported(uf: str, query: str) -> bool:
    if re.search(rf"(?<![\w]){uf}(?![\w])", query):
        return True
    return _words(STATES[uf]) in _words(query)


def _region_supported(name: str, query: str) -> bool:
    region = next(r for r in REGIONS.values() if r.name == name)
    return any(_words(n) in _words(query) for n in (region.name, region.name_pt))


def support(slot: str, value: SlotValue, query: str) -> str | None:
    """None when the query text supports an LLM value for an empty slot, else why not."""
    if slot in _UNIT_FACTORS and isinstance(value, float | int):
        ok = _number_supported(slot, float(value), query)
    elif slot == "heat_quintiles" and isinstance(value, list):
        ok = all(float(q) in query_numbers(query) for q in value)
    elif slot == "states" and isinstance(value, list):
        ok = all(_state_supported(str(uf), query) for uf in value)
    elif slot == "regions" and isinstance(value, list):
        ok = all(_region_supported(str(name), query) for name in value)
    elif slot == "layer":
        ok = bool(re.search(_LAYER_WORDS[str(value)], fold(query)))
    elif slot == "operator":
        ok = bool(re.search(_OPERATOR_WORDS[str(value)], fold(query)))
    else:  # language: the rules always set it
        ok = False
    return None if ok else f"{slot}: {value!r} is not supported by the query text"


def compare(rule: SlotValues, llm: SlotValues, query: str) -> SlotComparison:
    """Disagreements, and the LLM values used (empty rule slot, value supported by the query)."""
    disagreements, used, not_used = [], [], []
    for slot in SLOTS:
        if slot in FLAGS:
            continue  # judged with their bound below
        ours, theirs = getattr(rule, slot), getattr(llm, slot)
        if _empty(theirs):
            continue
        if not _empty(ours):
            if not _same(ours, theirs):
                disagreements.append(SlotDisagreement(slot=slot, rule=ours, llm=theirs))
            elif slot in STRICT_OF and getattr(rule, STRICT_OF[slot]) != getattr(llm, STRICT_OF[slot]):
                flag = STRICT_OF[slot]
                disagreements.append(
                    SlotDisagreement(slot=flag, rule=getattr(rule, flag), llm=getattr(llm, flag))
                )
            continue
        reason = support(slot, theirs, query)
        if reason is None:
            used.append(slot)
        else:
            not_used.append(reason)
    return SlotComparison(rule=rule, llm=llm, disagreements=disagreements, used=used, not_used=not_used)


def _distance(km: float) -> Distance:
    return Distance(value=km, unit="km", km=km, text=f"{km:g} km")


def _regions(names: list[str]) -> list[RegionRef]:
    by_name = {region.name: region for region in REGIONS.values()}
    return [RegionRef(name=n, name_pt=by_name[n].name_pt, ufs=sorted(by_name[n].ufs), text=n) for n in names]


def apply_values(slots: Slots, llm: SlotValues, used: list[str]) -> Slots:
    """`slots` with the used LLM values filled in (a strict flag follows its bound; regions add
    their states)."""
    update: dict[str, Any] = {}
    for slot in used:
        value = getattr(llm, slot)
        if slot in ("distance_km", "min_distance_km"):
            update["distance" if slot == "distance_km" else "min_distance"] = _distance(float(value))
        elif slot == "regions":
            regions = _regions(list(value))
            update["regions"] = [*slots.regions, *regions]
            extra = [uf for region in regions for uf in region.ufs]
            update["states"] = list(dict.fromkeys([*update.get("states", slots.states), *extra]))
        elif slot == "states":
            update["states"] = list(dict.fromkeys([*value, *update.get("states", slots.states)]))
        else:
            update[slot] = sorted(value) if isinstance(value, list) else value
        if slot in STRICT_OF:
            update[STRICT_OF[slot]] = bool(getattr(llm, STRICT_OF[slot]))
    return Slots.model_validate({**slots.model_dump(), **update})
