"""Pure helpers of the benchmark scripts: sizes, labels, tables, distinct P5 questions."""

from __future__ import annotations

from benchmarks.common import label_of, parse_sizes, ratio, table
from benchmarks.http_load import questions


def test_parse_sizes_and_labels() -> None:
    assert parse_sizes("0, 10k,100k,1M") == [0, 10_000, 100_000, 1_000_000]
    assert [label_of(n) for n in (0, 10_000, 1_000_000)] == [
        "real (788 plants)",
        "synthetic 10k",
        "synthetic 1M",
    ]


def test_table_and_ratio() -> None:
    assert table(["a", "b"], [[1, "x"]]) == ["| a | b |", "|---|---|", "| 1 | x |"]
    assert ratio(3.0, 2.0) == 1.5 and ratio(1.0, 0.0) == float("inf")


def test_questions_are_distinct_and_enough_for_a_full_run() -> None:
    asked = list(questions())
    assert len(set(asked)) == len(asked) >= 2 * 2 * (8 + 16 + 32) * 2  # dbs × workers × clients × rounds
