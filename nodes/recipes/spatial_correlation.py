"""Recipe: solar plants ↔ heat-stress zones or deforestation areas (within / proximity / ring /
outside / nearest).

Join (`join_of`): a ring ('between 2 and 8 km from the zones but not in them') -> method 'ring'
(min_distance_km, distance_km); 'outside the zones' -> 'outside'; 'nearest zone to each plant' ->
'nearest' (distance_km caps it when given; the answer is a table plant / state / MW / nearest zone /
distance, closest first); otherwise within / proximity (`method_and_distance`). Deforestation
areas: every area unless the question sets a recent-deforestation threshold ('areas with more than
5 km² of recent deforestation' -> min_increment_km2 5, strict); the answer says which areas were used.

Intent score: solar + layer (heat or deforestation) -> 0.7, +0.15 with a within/proximity operator,
+0.1 with a distance. Solar + deforestation + an explicit *overlap* -> 0.55 (that is
deforestation_overlap). Solar + proximity/overlap/distance but no layer -> 0.5 (missing 'layer');
heat + an operator but no solar -> 0.45 (missing 'mentions_solar').
Guard (`GUARD`): a layer, and solar plants or a relation; not an analytical question.
Needs: mentions_solar, layer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from planexec.nodes.i18n import fmt_number, label
from planexec.nodes.recipes.base import ComposeInput, ComposeOutput, Narration, Recipe
from planexec.nodes.recipes.filters import step_args
from planexec.nodes.recipes.guards import Guard
from planexec.nodes.recipes.helpers import chart, round1, table
from planexec.nodes.recipes.matches import Matches, matches, summary_args
from planexec.nodes.recipes.relations import (
    areas_phrase,
    nearest_table,
    relation_phrase,
    zone_name,
)
from planexec.nodes.recipes.steps import correlation_plan, finish
from planexec.schemas.modules import Module
from planexec.schemas.plan import Plan, PlanStep
from planexec.schemas.slots import Slots

DEFAULT_PROXIMITY_KM = 5.0
GEOMETRY_METHODS = ("ring", "outside", "nearest")
_GROUPS = {"heat": [["uf"], ["right.quintile"]], "deforestation": [["uf"]]}
_FORMATS = {"right.quintile": "quintile"}
_LAYERS: dict[str, tuple[str, str, str]] = {
    "heat": ("heat", "GetHeatQuintilesForGeospatial", "heat_zone"),
    "deforestation": ("deforestation", "GetDeforestationAreas", "deforestation_area"),
}


def area_args(slots: Slots) -> dict[str, Any]:
    """GetDeforestationAreas args: every area unless the slots set a recent-deforestation threshold."""
    args: dict[str, Any] = {"limit": 10_000}
    if slots.min_increment_km2:
        args["min_increment_km2"] = slots.min_increment_km2
        if slots.min_increment_strict:
            args["min_increment_strict"] = True
    return args


def _layer_args(slots: Slots, layer: str) -> dict[str, Any]:
    if layer == "heat":
        return {"quintiles": slots.heat_quintiles or [5], "limit": 10_000}
    return area_args(slots)


def areas_used(inp: ComposeInput, alias: str) -> tuple[float | None, bool, Any]:
    """(threshold | None, strict, areas fetched) of the plan's deforestation step `alias`."""
    args = step_args(inp.plan, alias)
    count = inp.results[alias].facts.get("count") if alias in inp.results else None
    return args.get("min_increment_km2"), bool(args.get("min_increment_strict")), count


def method_and_distance(slots: Slots) -> tuple[str, float | None]:
    if slots.distance is not None:
        return "proximity", slots.distance.km
    if slots.operator == "proximity":
        return "proximity", DEFAULT_PROXIMITY_KM
    return "within", None


def join_of(slots: Slots) -> dict[str, Any]:
    """FindSpatialCorrelations args (method, distance_km, min_distance_km) for the slots."""
    if slots.operator in GEOMETRY_METHODS:
        km = None if slots.distance is None else slots.distance.km
        inner = None if slots.min_distance is None else slots.min_distance.km
        if slots.operator == "ring":
            return {"method": "ring", "distance_km": km, "min_distance_km": inner}
        return {"method": slots.operator, "distance_km": km}
    method, distance_km = method_and_distance(slots)
    return {"method": method, "distance_km": distance_km}


def build_plan(slots: Slots, session_id: str) -> Plan:
    layer = slots.layer or "heat"
    server, tool, zone_type = _LAYERS[layer]
    zones = PlanStep(
        alias="zones",
        server=server,
        tool=tool,
        args=_layer_args(slots, layer),
        description=f"fetch {layer} zones",
    )
    join = join_of(slots)
    summary = summary_args(_GROUPS[layer], nearest_first=join["method"] == "nearest")
    return correlation_plan("spatial_correlation", slots, session_id, zones, zone_type, join, summary)


def _facts(inp: ComposeInput, found: Matches) -> dict[str, Any]:
    join = step_args(inp.plan, "correlate")
    layer = inp.slots.layer or "heat"
    floor, strict, _ = areas_used(inp, "zones")
    facts = {
        "layer": layer,
        "method": join.get("method"),
        "distance_km": join.get("distance_km"),
        "min_distance_km": join.get("min_distance_km"),
        "quintiles": ",".join(str(q) for q in (inp.slots.heat_quintiles or [5])) if layer == "heat" else None,
        "min_increment_km2": floor if layer == "deforestation" else None,
        "min_increment_strict": strict if layer == "deforestation" else None,
        "plants_total": inp.results["solar"].facts.get("count"),
        "zones_total": inp.results["zones"].facts.get("count"),
        "plants_matched": found.count,
        "capacity_matched_mw": round1(found.capacity_mw),
        "pair_count": inp.results["correlate"].facts.get("pair_count"),
        "states_matched": len(found.groups["uf"]),
        "top_state": found.groups["uf"][0][0] if found.groups["uf"] else None,
    }
    if join.get("method") == "nearest" and found.top:
        first = found.top[0]
        facts |= {
            "nearest_plant": first.get("name"),
            "nearest_zone": zone_name(first["area"]),
            "nearest_km": round(first["distance_m"] / 1000, 3),
        }
    return facts


def _effective_filters(inp: ComposeInput) -> dict[str, Any]:
    """What the plan applied: the layer, its quintiles or the areas used, the join (method, distances)."""
    layer = inp.slots.layer or "heat"
    zones, join = step_args(inp.plan, "zones"), step_args(inp.plan, "correlate")
    method = join.get("method")
    distance: tuple[Any, ...] = (method, join.get("distance_km"))
    if method in GEOMETRY_METHODS:
        distance = (*distance, join.get("min_distance_km"))
    return {
        "layer": layer,
        "heat_quintiles": zones.get("quintiles") if layer == "heat" else None,
        "areas": areas_used(inp, "zones") if layer == "deforestation" else None,
        "distance": distance,
    }


def _modules(inp: ComposeInput, found: Matches) -> list[Module]:
    lang = inp.language
    by_state = found.groups["uf"]
    modules: list[Module] = [
        table(
            label("table.matched_by_state", lang),
            [label(k, lang) for k in ("col.state", "col.plants", "col.capacity_mw")],
            [[k, n, round1(s)] for k, n, s in by_state],
        )
    ]
    if step_args(inp.plan, "correlate").get("method") == "nearest":
        modules.append(nearest_table(found.top, lang, total=found.count))
    else:
        rows = [[r.get("name"), r.get("uf"), r.get("capacity_mw"), round(r["distance_m"])] for r in found.top]
        modules.append(
            table(
                label("table.largest_matched", lang),
                [label(k, lang) for k in ("col.plant", "col.state", "col.capacity_mw", "col.distance_m")],
                rows,
                total=found.count,
            )
        )
    if (inp.slots.layer or "heat") == "heat":
        pairs = sorted((k, s) for k, _, s in found.groups["right.quintile"])
        modules.append(
            chart(
                label("chart.matched_by_quintile", lang),
                label("axis.heat_quintile", lang),
                label("axis.mw", lang),
                pairs,
            )
        )
    else:
        pairs = [(k, s) for k, _, s in by_state[:10]]
        modules.append(
            chart(
                label("chart.matched_by_state", lang),
                label("axis.state", lang),
                label("axis.mw", lang),
                pairs,
            )
        )
    return modules


def compose(inp: ComposeInput) -> ComposeOutput:
    modules: list[Module] = []
    facts: dict[str, Any] = {"layer": inp.slots.layer or "heat"}
    if all(inp.ok(a) for a in ("solar", "zones", "correlate")):
        layer = inp.slots.layer or "heat"
        nearest = step_args(inp.plan, "correlate").get("method") == "nearest"
        found = matches(inp, "zones", summary_args(_GROUPS[layer], nearest_first=nearest), _FORMATS)
        facts = _facts(inp, found)
        modules = _modules(inp, found)
    map_title = label("map.solar_and_zones", inp.language)
    return finish(inp, "spatial_correlation", modules, facts, map_title, _effective_filters(inp))


def score(slots: Slots, text: str) -> float:
    if slots.aggregation is not None:
        return 0.3  # an analytical question: the aggregation recipe answers it
    operator_kind = slots.operator in ("within", "proximity", *GEOMETRY_METHODS)
    if slots.mentions_solar and slots.layer:
        if slots.layer == "deforestation" and slots.operator == "overlap":
            return 0.55
        return 0.7 + 0.15 * operator_kind + 0.1 * (slots.distance is not None)
    if slots.mentions_solar and (slots.operator in ("proximity", "overlap") or slots.distance):
        return 0.5
    if slots.layer == "heat" and (slots.operator or slots.distance):
        return 0.45
    return 0.0


GUARD = Guard(requires=("layer",), requires_any=("solar", "relation"), forbids=(("analytical",),))
"""A hazard layer to correlate with, and plants or a relation to correlate; an analytical question
belongs to the aggregation recipe."""


def narration_extras(facts: Mapping[str, Any], lang: str) -> dict[str, Any]:
    en = lang == "en"
    if facts.get("layer") == "heat":
        q = facts.get("quintiles")
        zone = f"heat-stress zones (quintile {q})" if en else f"zonas de estresse térmico (quintil {q})"
    else:
        zone = "deforestation areas" if en else "áreas de desmatamento"
        zone += areas_phrase(facts.get("min_increment_km2"), bool(facts.get("min_increment_strict")), lang)
    top = facts.get("top_state")
    state_part = "" if not top else (f"; most are in {top}" if en else f"; a maioria em {top}")
    if facts.get("nearest_plant"):
        km = fmt_number(float(facts["nearest_km"]), lang)
        plant, near = facts["nearest_plant"], facts["nearest_zone"]
        state_part += (
            f"; the closest is {plant}, {km} km from {near}"
            if en
            else f"; a mais próxima é {plant}, a {km} km de {near}"
        )
    return {"relation": relation_phrase(facts, lang), "zone_label": zone, "state_part": state_part}


NARRATION = Narration(
    templates={
        "en": "{plants_matched} of {plants_total} solar plants ({capacity_matched_mw} MW) are {relation} "
        "{zone_label} ({zones_total} zones considered){state_part}.",
        "pt": "{plants_matched} de {plants_total} usinas solares ({capacity_matched_mw} MW) estão {relation} "
        "{zone_label} ({zones_total} zonas consideradas){state_part}.",
    },
    extras=narration_extras,
)

RECIPE = Recipe(
    name="spatial_correlation",
    description="relate solar plants to heat-stress zones or deforestation areas (within / near)",
    score=score,
    guard=GUARD,
    needs=("mentions_solar", "layer"),
    build_plan=build_plan,
    compose=compose,
    narration=NARRATION,
)
