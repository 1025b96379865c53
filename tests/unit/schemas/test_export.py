"""The committed JSON Schemas of the boundary contracts match the models (versioned file names)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planexec.schemas.base import SCHEMA_VERSION
from planexec.schemas.export import CONTRACTS, export_all, json_schema, schema_path


@pytest.mark.parametrize("name", sorted(CONTRACTS))
def test_committed_schema_matches_the_model(name: str) -> None:
    committed = json.loads(schema_path(name).read_text(encoding="utf-8"))
    assert committed == json_schema(name), "run: python -m schemas.export"
    assert committed["x-schema-version"] == SCHEMA_VERSION


def test_export_writes_one_file_per_contract(tmp_path: Path) -> None:
    written = export_all(tmp_path)
    assert len(written) == len(CONTRACTS)
    assert all(p.name.endswith(f"-{SCHEMA_VERSION}.json") for p in written)
