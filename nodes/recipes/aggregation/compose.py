"""Compose the aggregation answer: run the plan's spec over the fetched tables, then a table, a chart,
the answer sentence (the `answer` fact the narration states) and the filters applied."""

from __future__ import annotations

from typing import Any

from planexec.nodes.recipes.aggregation.compute import (
    Outcome,
    aggregate,
    keep,
    matched,
    ranked_rows,
    table_rows,
)
from planexec.nodes.recipes.aggregation.sentence import sentence, value_text
from planexec.nodes.recipes.aggregation.wording import (
    COUNT_HEADERS,
    FIELDS,
    GROUP_HEADERS,
    MEASURES,
    place,
    unit,
)
from planexec.nodes.recipes.base import ComposeInput, ComposeOutput
from planexec.nodes.recipes.helpers import chart, round1, table
from planexec.nodes.recipes.steps import finish
from planexec.schemas.aggregation import AggregationSpec
from planexec.schemas.modules import Module

NAME = "aggregation"
RANKS = 5
ENTITY_ROWS = 10


def run(spec: AggregationSpec, inp: ComposeInput) -> Outcome:
    """Filter → (relate) → group → measure → rank, over the step results the spec names."""
    source = table_rows(inp.load(spec.source))
    rows = [r for r in source if keep(r, spec.filters, spec.subject, states=not spec.share_of_all_states)]
    part = None
    if spec.correlate and spec.zones:
        part = matched(rows, inp.load(spec.correlate), table_rows(inp.load(spec.zones)))
    return aggregate(spec, rows, part)


def _display(spec: AggregationSpec, value: float | None) -> float | None:
    if value is None:
        return None
    return round(value * 100, 2) if spec.measure == "share" else round(value, 3)


def _total(spec: AggregationSpec, total: float) -> float | None:
    """The group's MW (plants) or km² (areas); heat zones have no additive quantity."""
    return None if spec.subject == "heat_zones" else round1(total)


def _measure_header(spec: AggregationSpec, lang: str) -> str:
    u = unit(spec) if spec.measure != "share" else "%"
    return f"{MEASURES[spec.measure][lang].capitalize()}" + (f" ({u})" if u else "")


def _modules(spec: AggregationSpec, outcome: Outcome, lang: str) -> list[Module]:
    total_head = (
        "MW" if spec.subject == "plants" else ("km²" if spec.subject == "deforestation_areas" else "—")
    )
    columns = [GROUP_HEADERS[spec.group_by][lang], COUNT_HEADERS[spec.subject][lang], total_head]
    columns.append(_measure_header(spec, lang))
    rows = [
        [place(g.label, lang, spec), g.count, _total(spec, g.total), _display(spec, g.value)]
        for g in outcome.groups
    ]
    title = sentence(spec, outcome, lang)
    modules: list[Module] = [table(title, columns, rows)]
    if spec.measure in ("min", "max") or (spec.group_by == "none" and spec.measure != "share"):
        modules.append(_entity_table(spec, outcome, lang))
    pairs = [(place(g.label, lang, spec), _display(spec, g.value) or 0.0) for g in outcome.groups[:15]]
    modules.append(chart(title, GROUP_HEADERS[spec.group_by][lang], _measure_header(spec, lang), pairs))
    return modules


def _entity_table(spec: AggregationSpec, outcome: Outcome, lang: str) -> Module:
    """The rows measured, ranked by the measured field (largest first; smallest first for min)."""
    name = spec.field or ("capacity_mw" if spec.subject == "plants" else "increment_km2")
    label, unit_text = FIELDS[name]
    heads = {"en": ["Name", "State", "Municipality"], "pt": ["Nome", "Estado", "Município"]}[lang]
    rows = [
        [
            r.get("name") or r.get("station_name") or r.get("municipality"),
            r.get("uf"),
            r.get("municipality"),
            r.get(name),
        ]
        for r in ranked_rows(spec, outcome.part, spec.top_n or ENTITY_ROWS)
    ]
    title = {"en": "Rows ranked by", "pt": "Linhas ordenadas por"}[lang] + f" {label[lang]}"
    return table(title, [*heads, f"{label[lang].capitalize()} ({unit_text})"], rows)


def _facts(spec: AggregationSpec, outcome: Outcome, lang: str) -> dict[str, Any]:
    first = outcome.groups[0] if outcome.groups else None
    facts: dict[str, Any] = {
        "rows_filtered": outcome.rows,
        "rows_measured": len(outcome.part),
        "groups": len(outcome.groups),
        "value": _display(spec, first.value) if first else None,
        "label": place(first.label, lang, spec) if first else None,
        "count": first.count if first else 0,
        "total": round1(first.total) if first else 0.0,
        "answer": sentence(spec, outcome, lang),
    }
    for n, g in enumerate(outcome.groups[:RANKS], 1):
        facts[f"rank_{n}_label"] = place(g.label, lang, spec)
        facts[f"rank_{n}_value"] = _display(spec, g.value)
        facts[f"rank_{n}_text"] = value_text(spec, g, lang)
    return facts


def _effective(spec: AggregationSpec, areas: int | None = None) -> dict[str, Any]:
    """Filters the plan applied (for the 'filters' line), where they differ from the slots; `areas`:
    the deforestation areas fetched (the line says 'all 760 areas' or '123 areas with … > 5 km²')."""
    f = spec.filters
    return {
        "layer": f.layer,
        "heat_quintiles": f.quintiles if f.layer == "heat" and f.quintiles else None,
        "areas": (f.min_increment_km2, f.min_increment_strict, areas) if f.layer == "deforestation" else None,
        "distance": (f.relation, f.distance_km) if f.relation else None,
        "aggregation": None,  # the shape is the question, not a filter
    }


def compose(inp: ComposeInput) -> ComposeOutput:
    spec = inp.plan.aggregation
    lang = "pt" if inp.language == "pt" else "en"
    modules: list[Module] = []
    facts: dict[str, Any] = {}
    if spec is not None:
        facts = {"subject": spec.subject, "measure": spec.measure, "group_by": spec.group_by}
        needed = [spec.source, *(a for a in (spec.zones, spec.correlate) if a and spec.correlate)]
        if all(inp.ok(alias) for alias in needed):
            outcome = run(spec, inp)
            facts.update(_facts(spec, outcome, lang))
            modules.extend(_modules(spec, outcome, lang))
    title = "Solar plants and zones" if lang == "en" else "Usinas solares e zonas"
    zones = inp.results.get("zones")
    areas = zones.facts.get("count") if zones is not None else None
    return finish(inp, NAME, modules, facts, title, filters=_effective(spec, areas) if spec else None)
