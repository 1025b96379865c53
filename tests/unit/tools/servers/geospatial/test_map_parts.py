"""Map parts: a few rows of a column without the full decode, grid counts, which matched points are drawn."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest

from planexec.schemas.entities import PackedColumn
from planexec.tools.servers.geospatial.map_cells import CELL_DEG, count_cells, spread_nearest_first
from planexec.tools.servers.geospatial.map_columns import pick
from planexec.tools.stores.columnar import Column

RNG = np.random.default_rng(11)
WORDS = ["São Gonçalo", "Açu", 'quote " inside', "back\\slash", "", "line\nbreak", "plain"]


def _expected(values: list[object], rows: np.ndarray) -> list[object]:
    out = []
    for i in rows.tolist():
        v = values[i]
        out.append(None if v is None or (isinstance(v, float) and math.isnan(v)) else v)
    return out


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 8, 101, 1000])
def test_float_rows_match_the_values(n: int) -> None:
    values = RNG.normal(size=n) * 1e3
    values[RNG.random(n) < 0.2] = np.nan
    rows = RNG.integers(0, n, 40)
    expected = _expected(values.tolist(), rows)
    assert pick(PackedColumn.from_floats(values), rows) == expected
    assert pick(Column.floats(values), rows) == expected
    assert pick(values, rows) == expected


@pytest.mark.parametrize("kind", ["plain", "nulls", "escapes", "unicode"])
def test_text_rows_match_the_values(kind: str) -> None:
    n = 500
    if kind == "plain":
        values: list[str | None] = [f"plant {i}" for i in range(n)]
    elif kind == "nulls":
        values = [None if i % 7 == 0 else f"p{i}" for i in range(n)]
    elif kind == "escapes":
        values = [WORDS[i % len(WORDS)] + str(i) for i in range(n)]
    else:
        values = [f"Usina {i} — Ceará" for i in range(n)]
    rows = RNG.integers(0, n, 60)
    expected = [values[i] for i in rows.tolist()]
    assert pick(PackedColumn.from_strings(values), rows) == expected
    assert pick(Column.strings(values), rows) == expected
    assert pick(Column.from_packed(PackedColumn.from_strings(values)), rows) == expected


def test_categorical_rows_and_no_rows() -> None:
    categories: list[str | None] = ["SP", "BA", "MG"]
    codes = np.array([0, 2, -1, 1, 2, 0])
    column = Column.categorical(codes, categories)
    rows = np.array([5, 2, 1, 1])
    assert pick(column, rows) == ["SP", None, "MG", "MG"]
    assert pick(column, np.empty(0, dtype=np.int64)) == []


def test_cell_counts_cover_every_point_once() -> None:
    lon, lat = RNG.uniform(-74, -34, 5000), RNG.uniform(-34, 5, 5000)
    cells = count_cells(lon, lat)
    expected = Counter(
        (math.floor(x / CELL_DEG), math.floor(y / CELL_DEG)) for x, y in zip(lon, lat, strict=True)
    )
    got = dict(zip(zip(cells.x.tolist(), cells.y.tolist(), strict=True), cells.count.tolist(), strict=True))
    assert got == dict(expected)
    assert cells.bounds() == (
        min(k[0] for k in expected) * CELL_DEG,
        min(k[1] for k in expected) * CELL_DEG,
        (max(k[0] for k in expected) + 1) * CELL_DEG,
        (max(k[1] for k in expected) + 1) * CELL_DEG,
    )


def test_cell_counts_on_a_sparse_huge_grid_and_empty() -> None:
    lon = np.array([0.1, 0.2, 1e6, 1e6 + 0.1, -1e6])
    lat = np.array([0.1, 0.3, 1e5, 1e5, -1e5])
    cells = count_cells(lon, lat)
    got = dict(zip(zip(cells.x.tolist(), cells.y.tolist(), strict=True), cells.count.tolist(), strict=True))
    assert got == {(0, 0): 2, (2_000_000, 200_000): 2, (-2_000_000, -200_000): 1}
    empty = count_cells(np.empty(0), np.empty(0))
    assert len(empty) == 0 and empty.bounds() is None


def test_drawn_points_go_round_robin_over_cells_nearest_first() -> None:
    # cell A (0.1, 0.1) holds 10 points at distances 9..0; cells B and C one point each
    lon = np.array([0.1] * 10 + [5.1, 9.1])
    lat = np.array([0.1] * 10 + [5.1, 9.1])
    distance = np.array([9.0, 8, 7, 6, 5, 4, 3, 2, 1, 0, 50, 60])
    chosen = spread_nearest_first(lon, lat, distance, 5)
    # round 1: the nearest of each cell (A's row 9, B, C); rounds 2-3: A's next nearest (rows 8, 7)
    assert chosen.tolist() == [7, 8, 9, 10, 11]
    assert spread_nearest_first(lon, lat, distance, 2).tolist() == [
        9,
        10,
    ]  # round 1 by distance: A (0), B (50)
    assert spread_nearest_first(lon, lat, distance, 12).tolist() == list(range(12))
    assert spread_nearest_first(lon, lat, distance, 0).size == 0


def test_ties_keep_row_order() -> None:
    lon = np.full(6, 0.2)
    lat = np.full(6, 0.2)
    assert spread_nearest_first(lon, lat, np.zeros(6), 3).tolist() == [0, 1, 2]
