"""What the general agent's LLM sees of a tool result: counts and keys, bounded, never packed data."""

from __future__ import annotations

import json

from planexec.nodes.agent.summary import RESULT_BUDGET_CHARS, TRUNCATED, render_error, render_result, shrink
from planexec.schemas.entities import EntityTable


def _table(n: int) -> dict[str, object]:
    ids = [f"INMET-A{i:03d}" for i in range(n)]
    table = EntityTable.build(
        "heat_zone",
        ids,
        [-40.0 - i / 7 for i in range(n)],
        [-10.0 - i / 9 for i in range(n)],
        columns={
            "station_name": [f"Station {i}" for i in range(n)],
            "heat_index_c": [30.0 + i / 3 for i in range(n)],
        },
    )
    return table.model_dump()


def test_entity_tables_become_counts_and_column_names() -> None:
    result = {"schema_version": "1.0.0", "quintiles": [5], "count": 38, "entities": _table(38)}
    text = render_result("r1", result)
    assert json.loads(text) == {
        "ref": "r1",
        "result": {
            "quintiles": [5],
            "count": 38,
            "entities": {
                "entity_table": "heat_zone",
                "count": 38,
                "columns": ["heat_index_c", "station_name"],
                "has_geometry": False,
            },
        },
    }
    assert "INMET-" not in text and "Station 1" not in text and "-40.0" not in text


def test_packed_columns_long_strings_and_lists_are_cut() -> None:
    table = _table(3)
    small = shrink({"pairs": {"left_ids": table["ids"]}, "text": "x" * 1000, "items": list(range(50))})
    assert small["pairs"] == {"left_ids": {"packed_column": "str", "length": 3}}
    assert len(small["text"]) == 300 and small["items"][-1] == "<40 more>"


def test_rendered_results_and_errors_never_exceed_the_budget() -> None:
    result = {"passages": [{"text": "p" * 290, "n": i} for i in range(10)]}
    text = render_result("r2", result)
    assert len(text) == RESULT_BUDGET_CHARS and text.endswith(TRUNCATED)
    assert len(render_result("r3", result, budget=200)) == 200
    assert len(render_error("e" * 5000)) == RESULT_BUDGET_CHARS
