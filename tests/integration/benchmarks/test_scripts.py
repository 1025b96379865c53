"""Each benchmark script runs at its `--quick` size and writes its markdown table with numeric
ratios (wall-clock times are never asserted)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks import end_to_end, http_load, relay

pytestmark = pytest.mark.integration

RATIO = re.compile(r"\| (\d+\.\d+)× ")


def _rows(text: str, first_cell: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in text.splitlines()
        if line.startswith(f"| {first_cell}")
    ]


def test_end_to_end_quick(tmp_path: Path) -> None:
    out = tmp_path / "p2.md"
    assert end_to_end.main(["--quick", "--output", str(out)]) == 0
    text = out.read_text()
    timing, memory, steps = _rows(text, "real (788 plants)")
    assert timing[1] == "205"  # pairs: in-process and both chat runs agree (else listed under Problems)
    assert "Problems" not in text
    for cell in timing[5:7]:
        assert float(cell.rstrip("×")) > 0
    assert float(memory[2].replace(",", "")) > 0  # orchestrator peak RSS, MB
    assert all(float(cell.replace(",", "")) >= 0 for cell in steps[1:5])  # time per stage, ms


def test_relay_quick(tmp_path: Path) -> None:
    out = tmp_path / "p3.md"
    assert relay.main(["--quick", "--output", str(out)]) == 0
    (row,) = _rows(out.read_text(), "real (788 plants)")
    assert row[1] == "205"
    ratios = [float(cell.split("×")[0]) for cell in (row[4], row[7])]
    assert all(r > 0 for r in ratios)


def test_http_load_quick(tmp_path: Path) -> None:
    out = tmp_path / "p5.md"
    assert http_load.main(["--quick", "--output", str(out)]) == 0
    (row,) = _rows(out.read_text(), "sqlite")
    assert row[1:4] == ["1", "2", "2"]  # 1 worker, 2 clients, 2 requests
    assert float(row[4]) > 0 and float(row[5]) > 0 and row[7] == "0"
