"""Grid cells for maps: counts of points per CELL_DEG cell, and which points to draw one by one.

Both are vectorised (numpy), O(points) with small constants: a map of a million points spends
milliseconds here, not a Python loop per point.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CELL_DEG = 0.5
_DENSE_CELLS_PER_POINT = 4  # count with bincount over the bounding grid while it is this small


@dataclass(frozen=True)
class Cells:
    """Non-empty cells: cell (x[i], y[i]) spans [x*CELL_DEG, (x+1)*CELL_DEG) x [y*CELL_DEG, ...)."""

    x: np.ndarray
    y: np.ndarray
    count: np.ndarray

    def __len__(self) -> int:
        return int(self.count.size)

    def bounds(self) -> tuple[float, float, float, float] | None:
        if not len(self):
            return None
        return (
            float(self.x.min() * CELL_DEG),
            float(self.y.min() * CELL_DEG),
            float((self.x.max() + 1) * CELL_DEG),
            float((self.y.max() + 1) * CELL_DEG),
        )


def cell_keys(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(flat key, cell x, cell y) per point; equal keys <=> same cell."""
    cx = np.floor(np.asarray(lon) / CELL_DEG).astype(np.int64)
    cy = np.floor(np.asarray(lat) / CELL_DEG).astype(np.int64)
    if cx.size == 0:
        return cx, cx, cy
    height = int(cy.max() - cy.min()) + 1
    return (cx - cx.min()) * height + (cy - cy.min()), cx, cy


def count_cells(lon: np.ndarray, lat: np.ndarray) -> Cells:
    """How many points fall in each non-empty cell, cells in (x, y) order."""
    keys, cx, cy = cell_keys(lon, lat)
    if keys.size == 0:
        return Cells(keys, keys, keys)
    span = int(keys.max()) + 1
    if span <= _DENSE_CELLS_PER_POINT * keys.size + 1_000_000:
        counts = np.bincount(keys, minlength=span)
        uniq = np.flatnonzero(counts)
        counts = counts[uniq]
    else:  # points spread over a huge grid: sort instead
        uniq, counts = np.unique(keys, return_counts=True)
    height = int(cy.max() - cy.min()) + 1
    return Cells(cx.min() + uniq // height, cy.min() + uniq % height, counts.astype(np.int64))


def spread_nearest_first(lon: np.ndarray, lat: np.ndarray, distance: np.ndarray, cap: int) -> np.ndarray:
    """Positions (sorted) of at most `cap` points: round-robin over their cells, in each cell the
    point nearest to its partner first (ties: the earlier row).

    So the points drawn one by one cover every matched area (a dense cluster cannot use up the
    cap) and show each area's strongest matches; the result depends only on the data.
    """
    n = int(distance.size)
    if n <= cap:
        return np.arange(n)
    if cap <= 0:
        return np.empty(0, dtype=np.int64)
    keys, _, _ = cell_keys(lon, lat)
    order = np.lexsort((distance, keys))  # by cell, then distance; lexsort is stable (row order)
    sorted_keys = keys[order]
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    rank = np.arange(n) - np.repeat(starts, np.diff(np.r_[starts, n]))
    last_rank = int(np.searchsorted(np.cumsum(np.bincount(rank)), cap))  # ranks 0..last_rank hold >= cap
    within = rank <= last_rank
    candidates, candidate_rank = order[within], rank[within]
    chosen = np.lexsort((candidates, distance[candidates], candidate_rank))[:cap]
    return np.sort(candidates[chosen])
