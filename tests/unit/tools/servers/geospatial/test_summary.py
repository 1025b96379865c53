"""Server-side match summaries, checked against a plain-Python computation over the pairs."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pytest

from planexec.schemas.tools.geospatial import MatchSummaryArgs
from planexec.tools.servers.geospatial.sessions import Correlation, EntitySet, SessionError
from planexec.tools.servers.geospatial.spatial_index import JoinResult, SpatialIndex
from planexec.tools.servers.geospatial.summary import nearest_per_left, summarize
from planexec.tools.stores.columnar import Column


def _sets(rng: np.random.Generator, n: int, m: int) -> tuple[EntitySet, EntitySet]:
    ufs = ["BA", "PI", "SP", None]
    left = EntitySet(
        "plant",
        np.array([f"P{i}" for i in range(n)], dtype=object),
        SpatialIndex(rng.uniform(-50, -40, n), rng.uniform(-20, -10, n)),
        {
            "capacity_mw": Column.floats(rng.choice([1.0, 2.5, 5.0], n)),
            "uf": Column.categorical(rng.integers(-1, 3, n), ufs[:3]),
        },
    )
    right = EntitySet(
        "zone",
        np.array([f"Z{j}" for j in range(m)], dtype=object),
        SpatialIndex(np.zeros(m), np.zeros(m)),
        {"quintile": Column.floats(rng.choice([4.0, 5.0, np.nan], m))},
    )
    return left, right


def _join(rng: np.random.Generator, n: int, m: int, pairs: int) -> JoinResult:
    return JoinResult(
        rng.integers(0, n, pairs), rng.integers(0, m, pairs), rng.choice([0.0, 10.0, 20.0], pairs)
    )


def _nearest(join: JoinResult) -> dict[int, tuple[int, float]]:
    best: dict[int, tuple[int, float]] = {}
    for li, ri, d in zip(join.left.tolist(), join.right.tolist(), join.distance_m.tolist(), strict=True):
        if li not in best or d < best[li][1]:
            best[li] = (ri, d)
    return best


def test_each_matched_left_entity_counts_once_with_its_first_nearest_partner() -> None:
    rng = np.random.default_rng(3)
    join = _join(rng, 50, 7, 400)
    left, right, dist = nearest_per_left(join)
    expected = _nearest(join)
    assert sorted(expected) == left.tolist()
    got = zip(left.tolist(), right.tolist(), dist.tolist(), strict=True)
    assert {li: (ri, d) for li, ri, d in got} == expected


def test_totals_and_groups_match_a_plain_computation() -> None:
    rng = np.random.default_rng(5)
    lset, rset = _sets(rng, 300, 9)
    join = _join(rng, 300, 9, 900)
    args = MatchSummaryArgs(
        sum_column="capacity_mw", group_by=[["uf"], ["right.quintile"], ["uf", "right.id"]]
    )
    out = summarize(Correlation(lset, rset, "proximity", 1.0, join), args)
    best = _nearest(join)
    caps, ufs = lset.columns["capacity_mw"].to_numpy(), lset.columns["uf"].to_numpy()
    quint = rset.columns["quintile"].to_numpy()
    assert out.matched == len(best) and out.sum == pytest.approx(sum(caps[i] for i in best))
    for totals, key_of in zip(
        out.groups,
        [
            lambda i, r: (ufs[i],),
            lambda i, r: (None if np.isnan(quint[r]) else float(quint[r]),),
            lambda i, r: (ufs[i], f"Z{r}"),
        ],
        strict=True,
    ):
        plain: dict[tuple, list[float]] = defaultdict(lambda: [0, 0.0])
        for i, (r, _) in best.items():
            plain[key_of(i, r)][0] += 1
            plain[key_of(i, r)][1] += caps[i]
        got = {tuple(row.key): [row.count, row.sum] for row in totals.rows}
        assert got.keys() == plain.keys() and totals.total_groups == len(plain)
        for key, (count, total) in plain.items():
            assert got[key][0] == count and got[key][1] == pytest.approx(total)
        sums = [row.sum for row in totals.rows]
        assert sums == sorted(sums, reverse=True)


@pytest.mark.parametrize("order", ["sum_desc", "distance_asc"])
def test_top_rows_follow_the_order_with_ties_broken_by_id(order: str) -> None:
    rng = np.random.default_rng(11)
    lset, rset = _sets(rng, 400, 5)
    join = _join(rng, 400, 5, 1_000)
    args = MatchSummaryArgs(sum_column="capacity_mw", top=25, order=order)  # type: ignore[arg-type]
    out = summarize(Correlation(lset, rset, "proximity", 1.0, join), args)
    caps = lset.columns["capacity_mw"].to_numpy()
    best = _nearest(join)
    if order == "sum_desc":
        ranked = sorted(best, key=lambda i: (-caps[i], f"P{i}"))
    else:
        ranked = sorted(best, key=lambda i: (best[i][1], -caps[i], f"P{i}"))
    assert [row.left["id"] for row in out.top] == [f"P{i}" for i in ranked[:25]]
    first = out.top[0]
    i = int(str(first.left["id"])[1:])
    assert first.right["id"] == f"Z{best[i][0]}" and first.distance_m == best[i][1]
    assert first.left["lon"] == lset.index.lon[i] and first.left["capacity_mw"] == caps[i]


def test_an_unknown_or_text_sum_column_is_a_clear_error() -> None:
    rng = np.random.default_rng(1)
    lset, rset = _sets(rng, 10, 2)
    corr = Correlation(lset, rset, "proximity", 1.0, _join(rng, 10, 2, 20))
    with pytest.raises(SessionError, match="no column 'mw'"):
        summarize(corr, MatchSummaryArgs(sum_column="mw"))
    with pytest.raises(SessionError, match="not a numeric column"):
        summarize(corr, MatchSummaryArgs(sum_column="uf"))


def test_no_matches_give_empty_totals() -> None:
    rng = np.random.default_rng(2)
    lset, rset = _sets(rng, 10, 2)
    empty = JoinResult(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
    out = summarize(
        Correlation(lset, rset, "within", None, empty),
        MatchSummaryArgs(sum_column="capacity_mw", group_by=[["uf"]]),
    )
    assert (out.matched, out.sum, out.top, out.groups[0].rows) == (0, 0.0, [], [])
