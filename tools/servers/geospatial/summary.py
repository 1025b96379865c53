"""Server-side summaries of a correlation: totals, groups and top rows of the matched left entities.

Each matched left entity counts once, with its NEAREST right entity (ties: the first pair the join
produced). Groups are computed on integer codes with numpy (categorical columns use their codes), so
the cost is O(matched) in C, and only the few rows a client shows ever become Python objects — the
client needs neither the pairs nor the matched rows. Text (ids included) is read for the rows that
need it only (`map_columns.pick`), never decoded for the whole set.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from planexec.schemas.tools.geospatial import (
    Cell,
    GroupRow,
    GroupTotals,
    MatchRow,
    MatchSummary,
    MatchSummaryArgs,
)
from planexec.tools.servers.geospatial.map_columns import pick
from planexec.tools.servers.geospatial.sessions import Correlation, EntitySet, SessionError
from planexec.tools.servers.geospatial.spatial_index import JoinResult
from planexec.tools.stores.columnar import Column

_RIGHT = "right."


def nearest_per_left(join: JoinResult) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(left rows, their nearest right rows, distances), one per matched left entity, by left row."""
    if not len(join):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float64)
    order = np.lexsort((np.arange(len(join)), join.distance_m, join.left))
    left = join.left[order]
    first = order[np.r_[True, left[1:] != left[:-1]]]
    return join.left[first], join.right[first], join.distance_m[first]


def _cell(value: Any) -> Cell:
    if value is None:
        return None
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else float(value)
    if isinstance(value, (int, np.integer)):
        return float(value)
    return str(value)


class _Side:
    """Column access on one side of the matches (`rows`: that side's row per matched entity)."""

    def __init__(self, entity_set: EntitySet, rows: np.ndarray) -> None:
        self.set, self.rows = entity_set, rows

    def column(self, name: str) -> Any:
        if name == "id":
            return None
        try:
            return self.set.columns[name]
        except KeyError:
            known = ", ".join(["id", *sorted(self.set.columns)])
            raise SessionError(
                f"'{self.set.entity_type}' has no column '{name}' (columns: {known})"
            ) from None

    def codes(self, name: str) -> tuple[np.ndarray, list[Cell]]:
        """Integer codes per matched entity and the key value of each code."""
        col = self.column(name)
        if isinstance(col, Column) and col.codes is not None and col.categories is not None:
            cats = [_cell(v) for v in col.categories.tolist()] + [None]
            uniq, remap = _factorize_list(cats)
            return remap[col.codes[self.rows]], uniq  # code -1 -> the appended None
        if col is None or col.dtype != "f8":  # ids, text: only the matched rows' values are decoded
            source = self.set.id_source if col is None else col
            uniq, inverse = _factorize_list([_cell(v) for v in pick(source, self.rows)])
            return inverse, uniq
        keys, inverse = np.unique(col.to_numpy()[self.rows], return_inverse=True)
        return inverse.reshape(-1), [_cell(v) for v in keys.tolist()]

    def records(self, rows: np.ndarray, point: bool = False) -> list[dict[str, Cell]]:
        """Each row's id (and lon/lat with `point`) and columns, decoding only those rows."""
        columns: dict[str, list[Any]] = {"id": [str(v) for v in pick(self.set.id_source, rows)]}
        if point:
            columns |= {"lon": self.set.index.lon[rows].tolist(), "lat": self.set.index.lat[rows].tolist()}
        columns |= {name: pick(col, rows) for name, col in self.set.columns.items()}
        return [{name: _cell(vals[i]) for name, vals in columns.items()} for i in range(rows.size)]


def _factorize_list(values: Sequence[Cell]) -> tuple[list[Cell], np.ndarray]:
    mapping: dict[Cell, int] = {}
    codes = np.fromiter((mapping.setdefault(v, len(mapping)) for v in values), np.int64, len(values))
    return list(mapping), codes


def _grouping(by: list[str], sides: tuple[_Side, _Side], weights: np.ndarray, limit: int) -> GroupTotals:
    parts = [
        sides[1].codes(name[len(_RIGHT) :]) if name.startswith(_RIGHT) else sides[0].codes(name)
        for name in by
    ]
    combined = np.zeros(weights.size, dtype=np.int64)
    for codes, keys in parts:
        combined = combined * max(len(keys), 1) + codes
    uniq, inverse = np.unique(combined, return_inverse=True)
    counts = np.bincount(inverse, minlength=uniq.size)
    sums = np.bincount(inverse, weights=weights, minlength=uniq.size)
    rows = []
    for code, n, total in zip(uniq.tolist(), counts.tolist(), sums.tolist(), strict=True):
        key: list[Cell] = []
        for _, keys in reversed(parts):
            code, at = divmod(code, max(len(keys), 1))
            key.append(keys[at])
        rows.append(GroupRow(key=key[::-1], count=int(n), sum=float(total)))
    rows.sort(key=lambda r: (-r.sum, -r.count, [str(k) for k in r.key]))
    return GroupTotals(by=by, total_groups=len(rows), rows=rows[:limit])


def _top(
    args: MatchSummaryArgs, sides: tuple[_Side, _Side], weights: np.ndarray, dist: np.ndarray
) -> list[int]:
    """Positions (into the matches) of the first `args.top` in `args.order`."""
    n, k = weights.size, min(args.top, weights.size)
    if k == 0:
        return []
    keys = (-weights,) if args.order == "sum_desc" else (-weights, dist)  # lexsort: last key first
    order = np.lexsort(keys)
    cand = order[:k]
    if n > k:  # rows tied with the k-th on every numeric key compete on id
        at = order[k - 1]
        tie = np.ones(n, dtype=bool)
        for key in keys:
            tie &= key == key[at]
        cand = np.union1d(cand, np.flatnonzero(tie))
    ids = pick(sides[0].set.id_source, sides[0].rows[cand])
    ranked = sorted(
        zip(cand.tolist(), ids, strict=True),
        key=lambda p: (*(float(key[p[0]]) for key in reversed(keys)), str(p[1])),
    )
    return [pos for pos, _ in ranked[:k]]


def summarize(corr: Correlation, args: MatchSummaryArgs) -> MatchSummary:
    """Totals, groups and top rows of the matched left entities of `corr`."""
    left_rows, right_rows, dist = nearest_per_left(corr.join)
    sides = (_Side(corr.left, left_rows), _Side(corr.right, right_rows))
    weights = np.zeros(left_rows.size)
    if args.sum_column is not None:
        col = sides[0].column(args.sum_column)
        if col is None or col.dtype != "f8":
            raise SessionError(f"sum_column '{args.sum_column}' is not a numeric column")
        weights = np.nan_to_num(col.to_numpy()[left_rows], nan=0.0)
    shown = np.asarray(_top(args, sides, weights, dist), dtype=np.int64)
    lefts = sides[0].records(left_rows[shown], point=True)
    rights = sides[1].records(right_rows[shown])
    top = [
        MatchRow(left=left, right=right, distance_m=float(d))
        for left, right, d in zip(lefts, rights, dist[shown].tolist(), strict=True)
    ]
    return MatchSummary(
        matched=int(left_rows.size),
        sum=None if args.sum_column is None else float(weights.sum()),
        groups=[_grouping(by, sides, weights, args.max_groups) for by in args.group_by],
        order=args.order,
        top=top,
    )
