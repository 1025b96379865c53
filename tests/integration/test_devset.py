"""The development set of issue 10 (tests/devset): every case through the chat API (rule proposer, no
LLM, one shared hub), graded against expectations computed from the raw data by tests/support/truth.py.
The overall score must be at least 95 %; a failure prints the per-kind table and every failing case."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.devset import generate, grade
from tests.support import truth

pytestmark = pytest.mark.integration
THRESHOLD = 95.0


def test_devset_file_is_up_to_date_with_its_generator() -> None:
    assert generate.DEVSET.read_text(encoding="utf-8") == generate.render(), (
        "tests/devset/devset.jsonl is stale: run `python -m tests.devset.generate`"
    )


def test_devset_covers_every_kind_in_both_languages() -> None:
    records = grade.load()
    assert len({tuple(r["messages"]) for r in records}) >= 150
    kinds = {r["kind"] for r in records}
    assert {"heat_quintiles", "distance", "places", "capacity", "map", "deforestation", "geometry", "policy",
            "analytical", "off_topic", "greeting", "followup"} <= kinds  # fmt: skip
    assert {r["language"] for r in records} == {"en", "pt"}
    assert {r["mode"] for r in records if r["kind"] == "followup"} == {"thread", "history"}


def test_truth_additions_agree_with_the_original_oracle() -> None:
    everyone = list(truth.plants())
    heat5 = truth.zone_filter("heat", (5,))
    assert truth.correlation("heat", heat5, 1.0, everyone).ids == truth.heat_proximity(1.0).ids
    assert truth.correlation("heat", heat5, None, everyone).ids == truth.heat_within().ids
    inside, out = truth.heat_within().ids, truth.outside("heat", heat5, everyone).ids
    assert not inside & out and len(inside | out) == len(everyone)
    ring = truth.ring("heat", heat5, 2.0, 8.0, everyone).ids
    assert ring == truth.heat_proximity(8.0).ids - truth.heat_proximity(2.0 - 1e-6).ids
    assert all(truth.areas_ok(None)) and sum(truth.areas_ok(5.0, True)) < sum(truth.areas_ok(5.0))
    bahia = truth.within_bounds(everyone, ["BA"], 10.0, False, 50.0, True)
    assert bahia and all(p.uf == "BA" and 10.0 <= p.capacity_mw < 50.0 for p in bahia)


async def test_devset_score(tmp_path: Path) -> None:
    records = grade.load()
    results = await grade.grade_all(records, home=tmp_path)
    score = grade.overall(results)
    table, failing = grade.score_table(results), grade.failures(results, records)
    assert score >= THRESHOLD, f"devset score {score:.1f} % < {THRESHOLD} %\n{table}\n\n{failing}"
