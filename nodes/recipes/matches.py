"""The matched plants of a correlation as the composers use them: totals, groups and the top rows.

Correlation plans ask the geospatial server for a summary (`summary_args`): each matched plant with
its nearest zone, totalled, grouped and ranked server-side, so compose costs O(groups + shown rows),
not O(matched) — at a million points the orchestrator never sees a matched row it does not show.
A correlate result without a summary (the inline session form) is summarised here from its pairs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planexec.nodes.recipes.base import ComposeInput
from planexec.nodes.recipes.helpers import MAX_TABLE_ROWS, capacity, group_sum, matched_plants
from planexec.nodes.recipes.relations import by_distance
from planexec.schemas.tools.geospatial import MatchSummary

SUM_COLUMN = "capacity_mw"
MAX_GROUPS = 10_000  # every state / quintile / municipality: the composers count the groups


def summary_args(
    group_by: list[list[str]], nearest_first: bool = False, top: int = MAX_TABLE_ROWS
) -> dict[str, Any]:
    """FindSpatialCorrelations `summary` argument: MW totals per grouping and the `top` plants
    (largest first, or closest first with `nearest_first`)."""
    order = "distance_asc" if nearest_first else "sum_desc"
    args = {"sum_column": SUM_COLUMN, "group_by": group_by, "max_groups": MAX_GROUPS, "top": top}
    return args | {"order": order}


@dataclass(frozen=True)
class Matches:
    """Matched plants: how many, their MW, groups (key, count, MW) by grouping name, the top rows
    (plant columns plus 'area' = nearest zone's columns and 'distance_m')."""

    count: int
    capacity_mw: float
    groups: dict[str, list[tuple[str, int, float]]]
    top: list[dict[str, Any]]


def _key(values: list[Any], fmt: str) -> str:
    if fmt == "quintile":
        q = values[0]
        return f"Q{q:.0f}" if isinstance(q, int | float) and q else "?"
    if fmt == "municipality":
        return f"{values[0]} ({values[1]})"
    return str(values[0])


def _from_summary(summary: MatchSummary, formats: dict[str, str]) -> Matches:
    groups: dict[str, list[tuple[str, int, float]]] = {}
    for totals in summary.groups:
        name = ",".join(totals.by)
        acc: dict[str, tuple[int, float]] = {}
        for row in totals.rows:  # two keys may show alike (None and 0 -> '?'): they add up
            key = _key(row.key, formats.get(name, "plain"))
            count, total = acc.get(key, (0, 0.0))
            acc[key] = (count + row.count, total + row.sum)
        groups[name] = sorted(((k, c, s) for k, (c, s) in acc.items()), key=lambda t: (-t[2], t[0]))
    top = [{**row.left, "area": row.right, "distance_m": row.distance_m} for row in summary.top]
    return Matches(summary.matched, float(summary.sum or 0.0), groups, top)


def _value(row: dict[str, Any], column: str) -> Any:
    return row["area"].get(column[6:]) if column.startswith("right.") else row.get(column)


def _from_rows(rows: list[dict[str, Any]], group_by: list[list[str]], formats: dict[str, str]) -> Matches:
    groups = {}
    for by in group_by:
        name = ",".join(by)
        fmt = formats.get(name, "plain")
        keys = [_key([_value(r, c) for c in by], fmt) for r in rows]
        groups[name] = group_sum(keys, [capacity(r) for r in rows])
    return Matches(len(rows), sum(capacity(r) for r in rows), groups, rows)


def matches(inp: ComposeInput, areas_alias: str, summary: dict[str, Any], formats: dict[str, str]) -> Matches:
    """The `correlate` step's matches, from its server-side summary (or, without one, its pairs).
    `summary` is what the plan asked for (summary_args); `formats` names how a grouping's key is
    shown: 'quintile' ('Q5'), 'municipality' ('Altamira (PA)'), else the value itself."""
    payload = inp.load("correlate")
    if payload.get("summary") is not None:
        return _from_summary(MatchSummary.model_validate(payload["summary"]), formats)
    rows = matched_plants(inp, areas_alias)
    found = _from_rows(rows, summary["group_by"], formats)
    top = by_distance(rows) if summary.get("order") == "distance_asc" else rows
    return Matches(found.count, found.capacity_mw, found.groups, top[: summary.get("top", MAX_TABLE_ROWS)])
