"""The aggregation itself: filter → group → measure → sort / top-N / compare, deterministic code over
the tables the plan fetched (no code is generated at run time).

Semantics:
- rows: the source table's rows after the state and capacity filters (capacity bounds strict or not as
  asked; the server's `min_capacity_mw` is only a non-strict pre-filter).
- part: with a layer relation, the rows the spatial join matched (each with its nearest zone); else all rows.
- share: per group, part / rows of the group (a layer relation: "what fraction of Ceará's plants sit in
  the hottest zones"); without a relation, the named states' rows / every state's rows.
  Share of capacity (field capacity_mw) divides megawatts instead of counts.
- count / sum / mean / median / min / max: over the part's `field` per group; min / max keep the row.
- order: by value (desc or asc), ties by label; compare keeps the named states, in the order named.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from planexec.nodes.recipes.helpers import entity_table, nearest_match, pair_arrays
from planexec.schemas.aggregation import REGION_OF, AggregationFilters, AggregationSpec

Row = dict[str, Any]


@dataclass
class Group:
    label: str
    count: int
    total: float
    """Sum of the measured field (capacity for plants when no field is measured)."""
    value: float | None
    base: int = 0
    """Rows of the whole the share divides by."""
    base_total: float = 0.0
    """Sum of the measured field over those rows."""
    row: Row | None = None
    """The row a min / max picked."""


@dataclass
class Outcome:
    groups: list[Group]
    rows: int
    """Rows after the filters (before the layer relation)."""
    part: list[Row] = field(default_factory=list)
    """Rows measured (matched by the relation, or all rows)."""


def table_rows(payload: dict[str, Any]) -> list[Row]:
    table = entity_table(payload)
    columns = {"id": table.ids.to_list(), **{k: c.to_list() for k, c in table.columns.items()}}
    return [{k: v[n] for k, v in columns.items()} for n in range(table.count)]


def _num(row: Row, name: str) -> float:
    value = row.get(name)
    return float(value) if isinstance(value, int | float) else 0.0


def keep(row: Row, f: AggregationFilters, subject: str, states: bool = True) -> bool:
    """The row passes the state (when `states`) and capacity filters."""
    if states and f.states and str(row.get("uf")) not in f.states:
        return False
    if subject != "plants":
        return True
    cap = _num(row, "capacity_mw")
    if f.min_capacity_mw is not None and (
        cap < f.min_capacity_mw or (f.min_strict and cap == f.min_capacity_mw)
    ):
        return False
    return not (
        f.max_capacity_mw is not None
        and (cap > f.max_capacity_mw or (f.max_strict and cap == f.max_capacity_mw))
    )


def matched(rows: list[Row], correlate: dict[str, Any], zones: list[Row]) -> list[Row]:
    """Rows the join matched, each with its nearest zone's quintile (`quintile`) and `distance_m`."""
    best = nearest_match(*pair_arrays(correlate))
    zone_by_id = {str(z["id"]): z for z in zones}
    out = []
    for row in rows:
        hit = best.get(str(row["id"]))
        if hit is not None:
            zone = zone_by_id.get(hit[0], {})
            out.append({**row, "quintile": zone.get("quintile"), "distance_m": hit[1]})
    return out


def group_key(spec: AggregationSpec) -> Callable[[Row], str]:
    by = spec.group_by
    if by == "state":
        return lambda r: str(r.get("uf"))
    if by == "region":
        return lambda r: REGION_OF.get(str(r.get("uf")), "?")
    if by == "quintile":
        return lambda r: f"Q{int(r['quintile'])}" if isinstance(r.get("quintile"), int | float) else "?"
    if by == "municipality":
        if spec.subject == "plants":
            return lambda r: str(r.get("municipality"))
        return lambda r: f"{r.get('municipality')} ({r.get('uf')})"
    return lambda r: "all"


def _field(spec: AggregationSpec) -> str:
    return spec.field or ("capacity_mw" if spec.subject == "plants" else "increment_km2")


def _measure(spec: AggregationSpec, part: list[Row], whole: list[Row]) -> tuple[float | None, Row | None]:
    name = _field(spec)
    values = [_num(r, name) for r in part]
    m = spec.measure
    if m == "count":
        return float(len(part)), None
    if m == "sum":
        return float(sum(values)), None
    if m == "share":
        if spec.field is None:
            return (len(part) / len(whole), None) if whole else (None, None)
        total = sum(_num(r, name) for r in whole)
        return (sum(values) / total, None) if total else (None, None)
    if not values:
        return None, None
    if m == "mean":
        return statistics.fmean(values), None
    if m == "median":
        return float(statistics.median(values)), None
    pick = sorted(part, key=lambda r: (_num(r, name), str(r.get("name") or r.get("id"))))
    row = (
        pick[0]
        if m == "min"
        else sorted(part, key=lambda r: (-_num(r, name), str(r.get("name") or r.get("id"))))[0]
    )
    return _num(row, name), row


def _groups(spec: AggregationSpec, part: list[Row], whole: list[Row]) -> list[Group]:
    key = group_key(spec)
    parts: dict[str, list[Row]] = defaultdict(list)
    wholes: dict[str, list[Row]] = defaultdict(list)
    for r in part:
        parts[key(r)].append(r)
    for r in whole:
        wholes[key(r)].append(r)
    labels = (
        list(spec.compare)
        if spec.compare
        else sorted(set(parts) | (set(wholes) if spec.measure == "share" else set()))
    )
    name = _field(spec)
    out = []
    for label in labels:
        rows_part = parts.get(label, [])
        base = wholes.get(label, []) if spec.filters.relation else whole
        value, row = _measure(spec, rows_part, base)
        total = sum(_num(r, name) for r in rows_part)
        base_total = sum(_num(r, name) for r in base)
        out.append(Group(label, len(rows_part), total, value, len(base), base_total, row))
    return out


def _ranked(spec: AggregationSpec, groups: list[Group]) -> list[Group]:
    if spec.compare:
        return groups
    sign = -1.0 if spec.order == "desc" else 1.0
    ranked = sorted(groups, key=lambda g: (g.value is None, sign * (g.value or 0.0), g.label))
    return ranked[: spec.top_n] if spec.top_n else ranked


def aggregate(spec: AggregationSpec, rows: list[Row], part: list[Row] | None = None) -> Outcome:
    """Group and measure: `rows` passed the filters; `part` is what the relation matched (None: all rows)."""
    subset = rows if part is None else part
    if spec.share_of_all_states:
        subset = [r for r in rows if str(r.get("uf")) in spec.filters.states]
    return Outcome(groups=_ranked(spec, _groups(spec, subset, rows)), rows=len(rows), part=subset)


def ranked_rows(spec: AggregationSpec, part: list[Row], limit: int) -> list[Row]:
    """The part's rows by the measured field (desc, or asc for min), ties by name: the entity table."""
    name = _field(spec)
    sign = 1.0 if spec.measure == "min" else -1.0
    return sorted(part, key=lambda r: (sign * _num(r, name), str(r.get("name") or r.get("id"))))[:limit]
