"""The committed JSON Schema of SectionDraft equals the model's schema (re-export when it changes)."""

from __future__ import annotations

import json
from pathlib import Path

from planexec.schemas.base import SCHEMA_VERSION
from planexec.schemas.drafting_section import (
    export_section_json_schema,
    section_json_path,
    section_json_schema,
)


def test_committed_json_schema_matches_the_model() -> None:
    committed = json.loads(section_json_path().read_text(encoding="utf-8"))
    assert committed == section_json_schema(), "run: python -m schemas.drafting_section"
    assert committed["x-schema-version"] == SCHEMA_VERSION
    assert section_json_path().name.endswith(f"-{SCHEMA_VERSION}.json")


def test_exporter_writes_the_same_bytes(tmp_path: Path) -> None:
    out = export_section_json_schema(tmp_path / "s.json")
    assert out.read_text(encoding="utf-8") == section_json_path().read_text(encoding="utf-8")
