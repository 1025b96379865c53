"""Small helpers the recipe composers share (decode tables, group, build modules)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np

from planexec.nodes.recipes.base import ComposeInput
from planexec.schemas.entities import EntityTable, PackedColumn
from planexec.schemas.modules import ChartModule, MapModule, TableModule

MAX_TABLE_ROWS = 30


def entity_table(payload: dict[str, Any], key: str = "entities") -> EntityTable:
    return EntityTable.model_validate(payload[key])


def pair_arrays(payload: dict[str, Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    pairs = payload["pairs"]
    return (
        PackedColumn.model_validate(pairs["left_ids"]).to_numpy(),
        PackedColumn.model_validate(pairs["right_ids"]).to_numpy(),
        PackedColumn.model_validate(pairs["distance_m"]).to_numpy(),
    )


def nearest_match(left: np.ndarray, right: np.ndarray, dist: np.ndarray) -> dict[str, tuple[str, float]]:
    """For each matched left id, its closest right id and the distance (m)."""
    best: dict[str, tuple[str, float]] = {}
    for lid, rid, d in zip(left.tolist(), right.tolist(), dist.tolist(), strict=True):
        if lid not in best or d < best[lid][1]:
            best[lid] = (rid, float(d))
    return best


def rows_by_id(table: EntityTable, wanted: set[str]) -> dict[str, dict[str, Any]]:
    """Row dicts (id, lon, lat, attribute columns) for the `wanted` ids only."""
    index = {eid: n for n, eid in enumerate(table.id_list()) if eid in wanted}
    columns = {"id": table.ids.to_list(), "lon": table.lon.to_list(), "lat": table.lat.to_list()}
    columns.update({name: col.to_list() for name, col in table.columns.items()})
    return {eid: {k: v[n] for k, v in columns.items()} for eid, n in index.items()}


def matched_plants(inp: ComposeInput, areas_alias: str) -> list[dict[str, Any]]:
    """Each plant the `correlate` step matched, with its nearest area (`area`) and `distance_m`,
    largest capacity first."""
    corr = inp.load("correlate")
    best = nearest_match(*pair_arrays(corr))
    area_ids = {aid for aid, _ in best.values()}
    if corr.get("left_rows") is not None and corr.get("right_rows") is not None:
        # by handle: the join returned the matched rows, so this costs O(matched), not O(points)
        plants = rows_by_id(entity_table(corr, "left_rows"), set(best))
        areas = rows_by_id(entity_table(corr, "right_rows"), area_ids)
    else:
        plants = rows_by_id(entity_table(inp.load("solar")), set(best))
        areas = rows_by_id(entity_table(inp.load(areas_alias)), area_ids)
    rows = [{**plants[pid], "area": areas.get(aid, {}), "distance_m": d} for pid, (aid, d) in best.items()]
    rows.sort(key=lambda r: (-capacity(r), str(r["id"])))
    return rows


def group_sum(keys: list[str], values: list[float]) -> list[tuple[str, int, float]]:
    """(key, count, sum) sorted by sum desc, then key."""
    counts: dict[str, int] = defaultdict(int)
    sums: dict[str, float] = defaultdict(float)
    for k, v in zip(keys, values, strict=True):
        counts[k] += 1
        sums[k] += v
    return sorted(((k, counts[k], sums[k]) for k in counts), key=lambda t: (-t[2], t[0]))


def table(title: str, columns: list[str], rows: list[list[Any]], total: int | None = None) -> TableModule:
    """The first MAX_TABLE_ROWS of `rows`; `total` rows in all (default: len(rows))."""
    total_rows = len(rows) if total is None else total
    return TableModule(title=title, columns=columns, rows=rows[:MAX_TABLE_ROWS], total_rows=total_rows)


def chart(title: str, x_label: str, y_label: str, pairs: list[tuple[str, float]]) -> ChartModule:
    return ChartModule(
        title=title,
        x_label=x_label,
        y_label=y_label,
        labels=[p[0] for p in pairs],
        values=[round(p[1], 3) for p in pairs],
    )


def map_module(inp: ComposeInput, alias: str, title: str, legend: dict[str, str]) -> MapModule | None:
    if not inp.ok(alias):
        return None
    payload = inp.load(alias)
    return MapModule(
        title=title,
        geojson_url=payload["url"],
        geojson_path=payload["path"],
        feature_count=payload["feature_count"],
        bounds=payload.get("bounds"),
        legend=legend,
    )


def round1(value: float) -> float:
    return float(round(value, 1))


def capacity(row: dict[str, Any]) -> float:
    """A row's capacity_mw as a float (0.0 when missing)."""
    value = row.get("capacity_mw")
    return float(value) if isinstance(value, (int, float)) else 0.0
