"""Conversations through the faces: `POST /chat` twice with one thread id (the reference HTTP backend),
and `planexec ask --thread` then `planexec trace` turn by turn. Numbers from tests/support/truth.py."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from planexec.app.server import build_app
from planexec.nodes.context import ChatContext
from tests.integration.graph.conftest import artifact_dir, context, hub  # noqa: F401  (shared fixtures)
from tests.support import truth
from tests.support.offline_env import cli
from tests.support.uvicorn_server import serving

pytestmark = pytest.mark.integration

BAHIA = "map of solar plants in Bahia"
MINAS = "map of solar plants in Minas Gerais"


@pytest.fixture
def base_url(context: ChatContext, tmp_path: Path) -> Iterator[str]:  # noqa: F811
    """The chat backend with a SQLite checkpointer, so a thread outlives one request."""
    with serving(build_app(context, f"sqlite:///{tmp_path / 'cp.db'}")) as url:
        yield url


def test_two_posts_on_one_thread_are_two_turns(base_url: str) -> None:
    first = httpx.post(f"{base_url}/chat", json={"query": BAHIA}, timeout=120).json()
    thread_id = first["metadata"]["thread_id"]
    second = httpx.post(f"{base_url}/chat", json={"query": MINAS, "thread_id": thread_id}, timeout=120).json()
    third = httpx.post(
        f"{base_url}/chat", json={"query": "only those above 50 MW", "thread_id": thread_id}, timeout=120
    ).json()
    assert [r["metadata"]["thread_id"] for r in (second, third)] == [thread_id, thread_id]
    counts = [r["metadata"]["counts"]["plants"] for r in (first, second, third)]
    assert counts == [
        truth.solar_map(["BA"], None).count,
        truth.solar_map(["MG"], None).count,
        truth.solar_map(["MG"], 50.0, strict=True).count,
    ]
    assert third["metadata"]["follow_up"]["previous_query"] == MINAS


def test_a_bad_thread_id_is_a_400(base_url: str) -> None:
    reply = httpx.post(f"{base_url}/chat", json={"query": BAHIA, "thread_id": "../x"}, timeout=30)
    assert reply.status_code == 400 and reply.json()["error"]["code"] == "invalid_input"
    assert "thread_id" in reply.json()["error"]["message"]


def test_ask_thread_continues_and_trace_shows_each_turn(home: Path) -> None:
    first = cli(home, "ask", BAHIA, "--json", "--quiet")
    assert first.returncode == 0, first.stderr[-2000:]
    thread_id = json.loads(first.stdout)["metadata"]["thread_id"]
    second = cli(home, "ask", "e em Minas Gerais?", "--thread", thread_id, "--quiet")
    assert second.returncode == 0, second.stderr[-2000:]
    assert f"thread: {thread_id}" in second.stdout
    assert str(truth.solar_map(["MG"], None).count) in second.stdout

    done = cli(home, "trace", thread_id, timeout_s=60)
    assert done.returncode == 0, done.stderr[-2000:]
    blocks = done.stdout.split("=== turn ")[1:]
    assert [b.splitlines()[0] for b in blocks] == ["1/2", "2/2"]
    assert f"query: {BAHIA}" in blocks[0] and "query: e em Minas Gerais?" in blocks[1]
    assert f"follow-up of: {BAHIA} (from thread; changed states" in blocks[1]
    assert all("decisions:" in b and "tool_end" in b for b in blocks)

    traced = json.loads(cli(home, "trace", thread_id, "--json", timeout_s=60).stdout)
    assert [t["query"] for t in traced["turns"]] == [BAHIA, "e em Minas Gerais?"]
    assert [t["counts"]["plants"] for t in traced["turns"]] == [
        truth.solar_map(["BA"], None).count,
        truth.solar_map(["MG"], None).count,
    ]
    assert traced["query"] == "e em Minas Gerais?" and traced["route"] == "solar_map"
