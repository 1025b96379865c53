"""`planexec ask` in a subprocess: JSON and terminal output, and a clear error for an empty query."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support.offline_env import REPO_ROOT, cli, offline_env

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


def test_terminal_rendering_shows_the_table_the_map_path_and_an_html_map(home: Path) -> None:
    done = cli(home, "ask", QUERY, "--quiet")
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    lines = out.splitlines()
    assert "Solar plants by state" in lines
    header = next(line for line in lines if "State" in line and "Plants" in line)
    assert [c.strip() for c in header.strip("┃ ").split("┃")] == ["State", "Plants", "Capacity (MW)"]
    assert any(line.strip("│ ").split()[:1] == ["BA"] for line in lines)
    assert "\x1b[" not in out and "…" not in done.stderr  # piped: no colour, no spinner, quiet
    map_line = next(line for line in lines if line.startswith("map: "))
    path = Path(map_line.removeprefix("map: ").split(" (")[0])
    assert path.suffix == ".geojson" and path.is_file()
    geojson = json.loads(path.read_text(encoding="utf-8"))
    assert geojson["type"] == "FeatureCollection"
    page_line = next(line for line in lines if line.startswith("open: "))
    page = Path(page_line.removeprefix("open: "))
    assert page == path.with_suffix(".html") and page.is_file()
    text = page.read_text(encoding="utf-8")
    assert "L.geoJSON" in text and "http://" not in text.replace("http://www.w3.org", "")
    assert f'"id": "{geojson["features"][0]["properties"]["id"]}"' in text  # the data is inline
    assert "planexec trace " in out


def test_version_and_exit_codes_in_help(home: Path) -> None:
    version = cli(home, "--version", timeout_s=60)
    assert version.returncode == 0 and version.stdout.startswith("planexec ")
    usage = cli(home, "--help", timeout_s=60)
    assert "4 partial answer" in usage.stdout and "3 nothing to resume" in usage.stdout


def test_a_closed_pipe_is_quiet(home: Path) -> None:
    """`true` exits at once, so the answer is written into a closed pipe (EPIPE for sure)."""
    done = subprocess.run(
        [
            "bash",
            "-o",
            "pipefail",
            "-c",
            f"{sys.executable} -m planexec.app.cli ask {shlex.quote(QUERY)} | true",
        ],
        cwd=REPO_ROOT,
        env=offline_env(home),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 1 and done.stdout == ""
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr[-2000:]


@pytest.mark.parametrize("query", ["", "   "])
def test_empty_query_exits_2_with_a_clear_message(home: Path, query: str) -> None:
    done = cli(home, "ask", query, timeout_s=60)
    assert done.returncode == 2
    assert "empty" in done.stderr.lower() or "empty" in done.stdout.lower()
    assert "Traceback" not in done.stderr + done.stdout
