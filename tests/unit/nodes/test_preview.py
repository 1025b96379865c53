from __future__ import annotations

from planexec.nodes.execution.preview import PREVIEW_CHARS, args_preview, result_facts


def test_entity_tables_are_summarised_not_copied() -> None:
    args = {
        "entities": {"entity_type": "solar_facility", "count": 10000, "ids": {"data": "x" * 10**6}},
        "session_id": "s",
    }
    preview = args_preview(args)
    assert "<EntityTable solar_facility x10000>" in preview
    assert len(preview) <= PREVIEW_CHARS


def test_secrets_are_masked() -> None:
    assert "hunter2" not in args_preview({"api_key": "hunter2", "q": 1})


def test_result_facts_keep_only_top_level_scalars() -> None:
    facts = result_facts(
        {
            "count": 3,
            "total_capacity_mw": 1.5,
            "entities": {"ids": []},
            "schema_version": "1",
            "country": "Brazil",
            "long": "y" * 500,
        }
    )
    assert facts == {"count": 3, "total_capacity_mw": 1.5, "country": "Brazil"}
