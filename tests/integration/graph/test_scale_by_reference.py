"""Beyond the inline bound, by reference: a correlation over more synthetic points than a result may
carry inline is answered completely, and what the orchestrator keeps (checkpoints, stored step
results) does not grow with the points — the join returns a summary, never the matched rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from planexec import process_chat_query
from planexec.nodes.context import ChatContext
from planexec.schemas.tools.solar import MAX_INLINE_ROWS
from tests.support.offline_env import offline_env

pytestmark = pytest.mark.integration
QUERY = "solar facilities within 1 km of extreme heat zones in Brazil"


def _kept_bytes(home: Path) -> int:
    """Bytes of the orchestrator's own databases (checkpoints, step results; WAL files included)."""
    return sum(p.stat().st_size for p in home.glob("*.sqlite*"))


async def _answer(home: Path, n: int, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    for key, value in offline_env(home).items():
        monkeypatch.setenv(key, value)
    return await process_chat_query(QUERY, context=ChatContext(use_llm=False), synthetic_points=n)


async def test_points_beyond_the_inline_bound_give_a_complete_answer_by_reference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    n = MAX_INLINE_ROWS + 100_000
    response = await _answer(tmp_path / "big", n, monkeypatch)
    assert response.get("error") is None and not response["metadata"]["flags"]["partial"]
    counts = response["metadata"]["counts"]
    assert counts["plants_total"] == n and 0 < counts["plants_matched"] < n
    assert counts["pair_count"] >= counts["plants_matched"] and counts["capacity_matched_mw"] > 0
    tables = [m for m in response["modules"] if m["type"] == "table"]
    by_state, largest = tables[0], tables[1]
    assert sum(row[1] for row in by_state["rows"]) == counts["plants_matched"]
    assert largest["total_rows"] == counts["plants_matched"] and len(largest["rows"]) == 30
    capacities = [row[2] for row in largest["rows"]]
    assert capacities == sorted(capacities, reverse=True)


async def test_what_the_orchestrator_keeps_does_not_grow_with_the_points(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small, big = tmp_path / "small", tmp_path / "big"
    few = await _answer(small, 5_000, monkeypatch)
    many = await _answer(big, 250_000, monkeypatch)
    matched = (few["metadata"]["counts"]["plants_matched"], many["metadata"]["counts"]["plants_matched"])
    assert matched[1] > 40 * matched[0]  # fifty times the points, about fifty times the matches
    assert _kept_bytes(big) < 1.5 * _kept_bytes(small)
