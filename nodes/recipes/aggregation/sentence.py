"""The answer sentence (English / Portuguese) with the number in it: 'Bahia has 78 solar plants
(2,402.1 MW).', 'The median capacity of the 40 solar plants in Goiás: 5 MW.', 'Pernambuco: …; Paraíba: …'."""

from __future__ import annotations

from planexec.nodes.recipes.aggregation.compute import Group, Outcome
from planexec.nodes.recipes.aggregation.wording import (
    FIELDS,
    MEASURES,
    NOUNS,
    ONE,
    num,
    place,
    relation,
    scope,
    unit,
)
from planexec.schemas.aggregation import AggregationSpec


def _pct(value: float | None, lang: str) -> str:
    return num(round((value or 0.0) * 100, 1), lang)


def _field_name(spec: AggregationSpec, lang: str) -> str:
    name = spec.field or ("capacity_mw" if spec.subject == "plants" else "increment_km2")
    return FIELDS[name][0][lang]


def _row_name(spec: AggregationSpec, g: Group) -> str:
    row = g.row or {}
    name = (
        row.get("station_name")
        if spec.subject == "heat_zones"
        else row.get("name") or row.get("municipality")
    )
    return f"{name} ({row.get('uf')})"


def value_text(spec: AggregationSpec, g: Group, lang: str) -> str:
    """One group's answer: '78 solar plants (2,402.1 MW)', '12.5% (10 of 80 solar plants)', …"""
    noun, u = NOUNS[spec.subject][lang], unit(spec)
    of = "de" if lang == "pt" else "of"
    with_total = spec.subject != "heat_zones"
    total_unit = "MW" if spec.subject == "plants" else "km²"
    if spec.measure == "count":
        extra = f" ({num(round(g.total, 1), lang)} {total_unit})" if with_total else ""
        return f"{g.count} {noun}{extra}"
    if spec.measure == "share":
        if spec.field is None:
            return f"{_pct(g.value, lang)}% ({g.count} {of} {g.base} {noun})"
        part, whole = num(round(g.total, 1), lang), num(round(g.base_total, 1), lang)
        return f"{_pct(g.value, lang)}% ({part} {of} {whole} {u})"
    if g.value is None:
        return "—"
    value = f"{num(round(g.value, 2 if spec.measure in ('mean', 'median') else 1), lang)} {u}"
    if spec.measure in ("min", "max"):
        return f"{_row_name(spec, g)}, {value}"
    return f"{value} ({g.count} {noun})"


def _single(spec: AggregationSpec, g: Group, lang: str) -> str:
    pt = lang == "pt"
    where, rel, noun = scope(spec, lang), relation(spec, lang), NOUNS[spec.subject][lang]
    m = spec.measure
    if m == "count":
        return f"{where} {'tem' if pt else 'has'} {value_text(spec, g, lang)}{rel}."
    if m == "share":
        if spec.share_of_all_states:
            return f"{where}: {value_text(spec, g, lang)}{' do Brasil' if pt else ' of Brazil'}."
        are = "estão" if pt else "are"
        return f"{where}: {value_text(spec, g, lang)} {are}{rel}."
    if g.value is None:
        return f"{where}: {'nenhuma' if pt else 'no'} {noun}{rel}."
    if m in ("min", "max"):
        one = ONE[spec.subject][lang]
        if pt:
            return f"A {MEASURES[m]['pt']} {one} em {where}{rel} é {value_text(spec, g, lang)}."
        return f"The {MEASURES[m]['en']} {one} in {where}{rel} is {value_text(spec, g, lang)}."
    what = f"{MEASURES[m][lang]} {'de ' if pt else ''}{_field_name(spec, lang)}"
    value = f"{num(round(g.value, 2 if m in ('mean', 'median') else 1), lang)} {unit(spec)}"
    if pt:
        return f"{what.capitalize()} das {g.count} {noun} em {where}{rel}: {value}."
    return f"{what.capitalize()} of the {g.count} {noun} in {where}{rel}: {value}."


def _measure_phrase(spec: AggregationSpec, lang: str) -> str:
    m = spec.measure
    if m == "count":
        return MEASURES["count"][lang]
    if m == "share":
        return MEASURES["share"][lang]
    if m in ("min", "max"):
        return f"{MEASURES[m][lang]} {ONE[spec.subject][lang]}"
    return f"{MEASURES[m][lang]} {'de ' if lang == 'pt' else ''}{_field_name(spec, lang)}"


def sentence(spec: AggregationSpec, outcome: Outcome, lang: str) -> str:
    """The answer in one sentence (see module doc); every number comes from `outcome`."""
    groups = outcome.groups
    if spec.group_by == "none":
        return _single(spec, groups[0] if groups else Group("all", 0, 0.0, None), lang)
    pt = lang == "pt"
    noun, rel, where = NOUNS[spec.subject][lang], relation(spec, lang), scope(spec, lang)
    if not groups:
        return f"{'Nenhuma' if pt else 'No'} {noun}{rel} {'em' if pt else 'in'} {where}."
    parts = [f"{place(g.label, lang)}: {value_text(spec, g, lang)}" for g in groups[:5]]
    head = f"{noun.capitalize()}{rel} {'em' if pt else 'in'} {where}, {_measure_phrase(spec, lang)}"
    if spec.top_n == 1 and not spec.compare:
        first = groups[0]
        most = (
            ("a menor" if pt else "the lowest")
            if spec.order == "asc"
            else ("a maior" if pt else "the highest")
        )
        has = "tem" if pt else "has"
        what = f"{most} {_measure_phrase(spec, lang)} ({noun}{rel})"
        return f"{place(first.label, lang)} {has} {what}: {value_text(spec, first, lang)}."
    more = f" (+{len(groups) - 5})" if len(groups) > 5 else ""
    return f"{head} — " + "; ".join(parts) + more + "."
