"""Aggregation plan: the data steps a spec needs, and the spec itself (resolved filters, step aliases)
carried by the plan as data (`Plan.aggregation`) for the static validator and the composer.

- plants, no layer and no quintile grouping: fetch the plants (states and the lower capacity bound as
  a non-strict pre-filter; the exact bounds are applied in code).
- plants related to a layer, or grouped by heat quintile: fetch plants ∥ zones → register both →
  correlate (inside, or within a distance) → map — the spatial_correlation recipe's steps. Grouping by
  quintile relates every plant to the zone it sits in (all five quintiles unless quintiles were named).
- deforestation areas: fetch the areas (states, increment threshold; all areas by default).
- heat zones: fetch the zones (quintiles named, else all five); states are applied in code.
"""

from __future__ import annotations

from typing import Any

from planexec.nodes.recipes.spatial_correlation import method_and_distance
from planexec.nodes.recipes.steps import correlation_plan, solar_args
from planexec.schemas.aggregation import AggregationFilters, AggregationShape, AggregationSpec
from planexec.schemas.plan import Plan, PlanStep
from planexec.schemas.slots import Slots

NAME = "aggregation"
ALL_QUINTILES = [1, 2, 3, 4, 5]
ZONE_LIMIT = 10_000


def shape_of(slots: Slots) -> AggregationShape | None:
    shape = getattr(slots, "aggregation", None)
    return shape if isinstance(shape, AggregationShape) else None


def _quintiles(slots: Slots, shape: AggregationShape) -> list[int]:
    if shape.group_by == "quintile" and not _named_quintiles(slots):
        return list(ALL_QUINTILES)
    return sorted(slots.heat_quintiles) or [5]


def _named_quintiles(slots: Slots) -> bool:
    """Quintiles the user qualified (anything but the default two hottest for a bare 'heat')."""
    return bool(slots.heat_quintiles) and slots.heat_quintiles != [4, 5]


def filters_of(slots: Slots, shape: AggregationShape) -> AggregationFilters:
    """The filters of the shape, from the other slots."""
    layer = slots.layer
    if shape.subject == "plants" and shape.group_by == "quintile" and layer is None:
        layer = "heat"
    relation, distance = method_and_distance(slots) if layer and shape.subject == "plants" else (None, None)
    quintiles = _quintiles(slots, shape) if layer == "heat" or shape.subject == "heat_zones" else []
    if shape.subject == "heat_zones" and not _named_quintiles(slots):
        quintiles = list(ALL_QUINTILES)
    increment = slots.min_increment_km2 or None  # every area unless the question sets a threshold
    areas = layer == "deforestation" or shape.subject == "deforestation_areas"
    return AggregationFilters(
        states=list(slots.states),
        regions=[r.name for r in slots.regions],
        layer=layer
        if shape.subject == "plants"
        else ("heat" if shape.subject == "heat_zones" else "deforestation"),
        relation=relation,  # type: ignore[arg-type]
        distance_km=distance if relation == "proximity" else None,
        quintiles=quintiles,
        min_increment_km2=increment if areas else None,
        min_increment_strict=bool(areas and increment and slots.min_increment_strict),
        min_capacity_mw=slots.min_capacity_mw if shape.subject == "plants" else None,
        min_strict=slots.min_capacity_strict,
        max_capacity_mw=slots.max_capacity_mw if shape.subject == "plants" else None,
        max_strict=slots.max_capacity_strict,
    )


def _spec(
    shape: AggregationShape, filters: AggregationFilters, slots: Slots, **aliases: Any
) -> AggregationSpec:
    share_all = shape.measure == "share" and filters.relation is None and shape.subject == "plants"
    return AggregationSpec(
        subject=shape.subject,
        filters=filters,
        group_by=shape.group_by,
        measure=shape.measure,
        field=shape.field,
        order=shape.order,
        top_n=shape.top_n,
        compare=list(slots.states) if shape.compare else [],
        share_of_all_states=share_all and bool(filters.states),
        **aliases,
    )


def _zone_step(filters: AggregationFilters) -> tuple[PlanStep, str]:
    if filters.layer == "heat":
        args: dict[str, Any] = {"quintiles": filters.quintiles, "limit": ZONE_LIMIT}
        return PlanStep(
            alias="zones",
            server="heat",
            tool="GetHeatQuintilesForGeospatial",
            args=args,
            description="fetch heat zones",
        ), "heat_zone"
    args = {"limit": ZONE_LIMIT}
    if filters.min_increment_km2 is not None:
        args["min_increment_km2"] = filters.min_increment_km2
        if filters.min_increment_strict:
            args["min_increment_strict"] = True
    return PlanStep(
        alias="zones",
        server="deforestation",
        tool="GetDeforestationAreas",
        args=args,
        description="fetch deforestation areas",
    ), "deforestation_area"


def _plants_plan(slots: Slots, shape: AggregationShape, session_id: str) -> Plan:
    filters = filters_of(slots, shape)
    spec = _spec(shape, filters, slots, source="solar")
    args = solar_args(slots)
    if spec.share_of_all_states:
        args.pop("states", None)  # the named states are the part; every state is the whole
    if filters.relation is None:
        fetch = PlanStep(
            alias="solar",
            server="solar",
            tool="GetFacilitiesForGeospatial",
            args=args,
            description="fetch solar plants",
        )
        return Plan(recipe=NAME, steps=[fetch], correlation_session_id=session_id, aggregation=spec)
    zones, zone_type = _zone_step(filters)
    join = {"method": filters.relation, "distance_km": filters.distance_km}
    plan = correlation_plan(NAME, slots, session_id, zones, zone_type, join)
    plan.steps[0].args = args
    linked = spec.model_copy(update={"zones": "zones", "correlate": "correlate"})
    return plan.model_copy(update={"aggregation": linked})


def _areas_plan(slots: Slots, shape: AggregationShape, session_id: str) -> Plan:
    filters = filters_of(slots, shape)
    step, _ = _zone_step(filters)
    if shape.subject == "deforestation_areas" and filters.states:
        step.args["states"] = list(filters.states)  # the server keeps the areas of these states
    spec = _spec(shape, filters, slots, source="zones")
    return Plan(recipe=NAME, steps=[step], correlation_session_id=session_id, aggregation=spec)


def build_plan(slots: Slots, session_id: str) -> Plan:
    shape = shape_of(slots)
    if shape is None:  # the guard keeps this edge illegal without a shape; be explicit anyway
        shape = AggregationShape(subject="plants")
    if shape.subject == "plants":
        return _plants_plan(slots, shape, session_id)
    return _areas_plan(slots, shape, session_id)
