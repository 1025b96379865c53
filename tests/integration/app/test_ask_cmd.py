"""`planexec ask` in a subprocess: JSON and terminal output, and a clear error for an empty query."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.offline_env import cli

pytestmark = pytest.mark.integration

QUERY = "map of solar plants in Bahia"


@pytest.fixture(scope="module")
def asked_json(home: Path) -> dict[str, Any]:
    done = cli(home, "ask", QUERY, "--json")
    assert done.returncode == 0, done.stderr[-2000:]
    response: dict[str, Any] = json.loads(done.stdout)
    return response


def test_json_output_is_the_response_dict(asked_json: dict[str, Any]) -> None:
    meta = asked_json["metadata"]
    assert asked_json["query"] == QUERY
    assert meta["intent"] == "solar_map"
    assert meta["thread_id"] and meta["counts"]["top_state"] == "BA"
    assert {m["type"] for m in asked_json["modules"]} >= {"text", "table", "map"}
    assert [e["event"] for e in meta["decision_timeline"]].count("tool_end") == len(meta["plan"])


def test_terminal_rendering_shows_the_table_and_the_map_path(home: Path) -> None:
    done = cli(home, "ask", QUERY, "--quiet")
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    assert "## Solar plants by state" in out
    header = next(line for line in out.splitlines() if line.startswith("State"))
    assert header.split() == ["State", "Plants", "Capacity", "(MW)"]
    assert any(line.split()[:1] == ["BA"] for line in out.splitlines())
    map_line = next(line for line in out.splitlines() if line.startswith("map: "))
    path = Path(map_line.removeprefix("map: ").split(" (")[0])
    assert path.suffix == ".geojson" and path.is_file()
    assert json.loads(path.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    assert "planexec trace " in out


@pytest.mark.parametrize("query", ["", "   "])
def test_empty_query_exits_2_with_a_clear_message(home: Path, query: str) -> None:
    done = cli(home, "ask", query, timeout_s=60)
    assert done.returncode == 2
    assert "empty" in done.stderr.lower() or "empty" in done.stdout.lower()
    assert "Traceback" not in done.stderr + done.stdout
