"""Recipe: solar plants inside deforestation areas (PRODES 2015 municipalities).

Intent score: deforestation + 'overlap'/'intersect' (with or without solar) -> 0.9; deforestation
areas alone (no solar) -> 0.7, +0.1 with display words or states; deforestation + solar without
overlap -> 0.45 (the correlation recipe handles it). So 'solar plants near deforestation areas
within 5 km' is spatial_correlation, layer deforestation. Areas: every area unless the question sets a
recent-deforestation threshold (`spatial_correlation.area_args`); the answer says which were used.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from planexec.nodes.i18n import label
from planexec.nodes.recipes.base import ComposeInput, ComposeOutput, Narration, Recipe
from planexec.nodes.recipes.filters import step_args
from planexec.nodes.recipes.guards import Guard
from planexec.nodes.recipes.helpers import chart, round1, table
from planexec.nodes.recipes.matches import matches, summary_args
from planexec.nodes.recipes.relations import areas_phrase
from planexec.nodes.recipes.spatial_correlation import area_args, areas_used
from planexec.nodes.recipes.steps import correlation_plan, finish
from planexec.nodes.understanding.signals import DISPLAY_RE
from planexec.nodes.understanding.text import fold
from planexec.schemas.modules import Module
from planexec.schemas.plan import Plan, PlanStep
from planexec.schemas.slots import Slots

_BY_MUNICIPALITY = ["right.municipality", "right.uf"]
_FORMATS = {",".join(_BY_MUNICIPALITY): "municipality"}


def build_plan(slots: Slots, session_id: str) -> Plan:
    areas = PlanStep(
        alias="areas",
        server="deforestation",
        tool="GetDeforestationAreas",
        args=area_args(slots),
        description="fetch deforestation areas",
    )
    summary = summary_args([_BY_MUNICIPALITY], top=0)
    join = {"method": "within"}
    recipe, kind = "deforestation_overlap", "deforestation_area"
    return correlation_plan(recipe, slots, session_id, areas, kind, join, summary)


def compose(inp: ComposeInput) -> ComposeOutput:
    lang = inp.language
    modules: list[Module] = []
    floor, strict, _ = areas_used(inp, "areas")
    facts: dict[str, Any] = {"min_increment_km2": floor or 0.0, "min_increment_strict": strict}
    if all(inp.ok(a) for a in ("solar", "areas", "correlate")):
        found = matches(inp, "areas", summary_args([_BY_MUNICIPALITY], top=0), _FORMATS)
        munis = found.groups[",".join(_BY_MUNICIPALITY)]
        facts.update(
            {
                "plants_total": inp.results["solar"].facts.get("count"),
                "areas_total": inp.results["areas"].facts.get("count"),
                "plants_in_areas": found.count,
                "capacity_in_areas_mw": round1(found.capacity_mw),
                "municipalities_with_plants": len(munis),
            }
        )
        modules.append(
            table(
                label("table.deforestation_by_municipality", lang),
                [label(k, lang) for k in ("col.municipality", "col.plants", "col.capacity_mw")],
                [[k, n, round1(s)] for k, n, s in munis],
            )
        )
        modules.append(
            chart(
                label("chart.capacity_in_deforestation", lang),
                label("axis.municipality", lang),
                label("axis.mw", lang),
                [(k, s) for k, _, s in munis[:10]],
            )
        )
    applied = {
        "layer": "deforestation",
        "heat_quintiles": None,
        "areas": areas_used(inp, "areas"),
        "distance": (step_args(inp.plan, "correlate").get("method"), None),
    }
    map_title = label("map.solar_in_deforestation", lang)
    return finish(inp, "deforestation_overlap", modules, facts, map_title, applied)


def score(slots: Slots, text: str) -> float:
    if slots.aggregation is not None:
        return 0.3  # an analytical question: the aggregation recipe answers it
    if slots.layer != "deforestation":
        return 0.0
    if slots.operator == "overlap":
        return 0.9
    if slots.mentions_solar:
        return 0.45
    return 0.7 + 0.1 * bool(DISPLAY_RE.search(fold(text)) or slots.states)


def narration_extras(facts: Mapping[str, Any], lang: str) -> dict[str, Any]:
    strict = bool(facts.get("min_increment_strict"))
    return {"areas_used": areas_phrase(facts.get("min_increment_km2"), strict, lang)}


NARRATION = Narration(
    templates={
        "en": "{plants_in_areas} of {plants_total} solar plants ({capacity_in_areas_mw} MW) lie inside "
        "{areas_total} deforestation areas{areas_used}, in {municipalities_with_plants} municipalities.",
        "pt": "{plants_in_areas} de {plants_total} usinas solares ({capacity_in_areas_mw} MW) ficam dentro "
        "de {areas_total} áreas de desmatamento{areas_used}, em {municipalities_with_plants} municípios.",
    },
    extras=narration_extras,
)

GUARD = Guard(requires=("deforestation",), forbids=(("analytical",),))
"""The deforestation layer named; an analytical question belongs to the aggregation recipe."""

RECIPE = Recipe(
    name="deforestation_overlap",
    description="deforestation areas overlapping a region or layer",
    score=score,
    guard=GUARD,
    build_plan=build_plan,
    compose=compose,
    narration=NARRATION,
)
