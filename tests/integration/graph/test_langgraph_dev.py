"""`langgraph dev` on the repo's langgraph.json: a chat run via langgraph-sdk, state, history, interrupts,
conversations (turns, follow-ups, chat messages)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import httpx
import pytest
import yaml
from langgraph_sdk import get_client

from tests.support import truth
from tests.support.offline_env import REPO_ROOT, offline_env

pytestmark = pytest.mark.integration

LANGGRAPH = Path(sys.executable).parent / "langgraph"
QUERY = "map of solar plants in Bahia"
MINAS = "map of solar plants in Minas Gerais"
START_TIMEOUT_S = 90.0
RUN_TIMEOUT_S = 180.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _processes_marked(marker: str) -> list[int]:
    """Pids whose environment holds `marker` (the MCP servers langgraph dev started run in their own
    process groups, so killing the dev server's group does not reach them)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if marker.encode() in Path(f"/proc/{pid}/environ").read_bytes():
                found.append(int(pid))
        except OSError:
            continue
    return found


def _wait_ready(proc: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(
                f"langgraph dev exited with {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}"
            )
        try:
            if httpx.get(f"{url}/ok", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    pytest.fail(
        f"langgraph dev not ready after {START_TIMEOUT_S:.0f} s:\n{log.read_text(errors='replace')[-3000:]}"
    )


def _stop(proc: subprocess.Popen[bytes], marker: str) -> None:
    for sig, wait_s in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            break
        try:
            proc.wait(wait_s)
            break
        except subprocess.TimeoutExpired:
            continue
    for pid in _processes_marked(marker):  # MCP servers left behind (own process groups)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


@dataclass(frozen=True)
class DevServer:
    url: str
    log: Path

    def problems(self) -> str:
        """The server log's error lines (e.g. blockbuster's 'Blocking call to …'), for failure messages."""
        text = self.log.read_text(errors="replace")
        lines = [line for line in text.splitlines() if "Blocking call to" in line or "error" in line.lower()]
        return "\n".join(dict.fromkeys(line.strip()[:400] for line in lines[-20:]))


@pytest.fixture(scope="module")
def dev_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevServer]:
    """`langgraph dev` from the repo root (its langgraph.json), offline, state in a tmp dir."""
    home = tmp_path_factory.mktemp("langgraph-dev-home")
    port = _free_port()
    env = offline_env(home)
    log = home / "langgraph-dev.log"
    cmd = [str(LANGGRAPH), "dev", "--port", str(port), "--no-browser", "--host", "127.0.0.1", "--no-reload"]
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd,
            cwd=REPO_ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(proc, url, log)
        yield DevServer(url, log)
    finally:
        _stop(proc, f"PLANEXEC_HOME={home}")


async def _run_to_end(server: DevServer, client: Any, thread_id: str, **kw: Any) -> dict[str, Any]:
    """`runs.wait` on the chat graph; a failed run fails the test with the server's error lines."""
    try:
        async with asyncio.timeout(RUN_TIMEOUT_S):
            output = await client.runs.wait(thread_id, "chat", **kw)
    except Exception as exc:
        pytest.fail(f"the chat run failed in langgraph dev: {exc}\n{server.problems()}")
    assert isinstance(output, dict) and "__error__" not in output, f"{output}\n{server.problems()}"
    return cast(dict[str, Any], output)


async def test_chat_query_state_and_history(dev_server: DevServer) -> None:
    client = get_client(url=dev_server.url)
    thread = await client.threads.create()
    output = await _run_to_end(dev_server, client, thread["thread_id"], input={"query": QUERY})
    assert output["route"] == "solar_map"

    state = await client.threads.get_state(thread["thread_id"])
    values = cast(dict[str, Any], state["values"])
    assert state["next"] == []
    assert {m["type"] for m in values["modules"]} >= {"text", "table", "map"}
    assert values["proposals"][0]["edge"] == "solar_map"
    steps = values["plan"]["steps"]
    assert [e["event"] for e in values["timeline"]].count("tool_end") == len(steps)
    assert all(values["step_results"][s["alias"]]["status"] == "ok" for s in steps)

    history = await client.threads.get_history(thread["thread_id"], limit=100)
    assert len(history) >= 8
    nexts = [tuple(h["next"]) for h in history]  # newest first
    assert nexts[0] == () and nexts[-1] == ("__start__",)
    assert ("run_step",) in nexts and ("compose",) in nexts


async def test_interrupt_before_run_step_then_resume(dev_server: DevServer) -> None:
    client = get_client(url=dev_server.url)
    thread_id = (await client.threads.create())["thread_id"]
    run = await client.runs.create(thread_id, "chat", input={"query": QUERY}, interrupt_before=["run_step"])
    async with asyncio.timeout(RUN_TIMEOUT_S):
        await client.runs.join(thread_id, run["run_id"])
    paused = await client.threads.get_state(thread_id)
    assert paused["next"] == ["run_step"], dev_server.problems()
    before = cast(dict[str, Any], paused["values"])
    assert before["plan"]["steps"] and not before.get("modules") and not before.get("timeline")

    await _run_to_end(dev_server, client, thread_id, input=None)
    done = await client.threads.get_state(thread_id)
    assert done["next"] == []
    assert any(m["type"] == "map" for m in cast(dict[str, Any], done["values"])["modules"])
    assert (await client.threads.get(thread_id))["status"] == "idle"


async def test_drafting_graph_interrupts_for_plan_and_review_then_commits(dev_server: DevServer) -> None:
    client = get_client(url=dev_server.url)
    thread_id = (await client.threads.create())["thread_id"]
    samples = REPO_ROOT / "samples" / "drafting"
    uploads = dev_server.log.parent / "uploads"  # the server's uploads folder: <PLANEXEC_HOME>/uploads
    uploads.mkdir(exist_ok=True)
    shutil.copyfile(samples / "chat_facts.md", uploads / "chat_facts.md")
    shutil.copyfile(REPO_ROOT / "data" / "policy" / "paris_agreement_2015_en.txt", uploads / "paris.txt")
    start = {
        "inputs": [
            {"name": "chat_facts.md", "path": "chat_facts.md"},
            {"name": "paris.txt", "path": "paris.txt"},
        ],
        "profile_data": yaml.safe_load((samples / "project_profile.yaml").read_text(encoding="utf-8")),
    }
    paused: list[list[str]] = []
    for step_input, command in ((start, None), (None, {"resume": "approve"}), (None, {"resume": "approve"})):
        async with asyncio.timeout(RUN_TIMEOUT_S):
            await client.runs.wait(thread_id, "drafting", input=step_input, command=command)
        state = await client.threads.get_state(thread_id)
        paused.append([i["value"].get("kind", "?") for t in state["tasks"] for i in t["interrupts"]])
    assert len(paused[0]) == 1 and len(paused[1]) == 1 and paused[2] == [], (paused, dev_server.problems())
    final = cast(dict[str, Any], state["values"])
    assert state["next"] == [] and final["commit"]["status"] == "committed", dev_server.problems()


async def test_drafting_graph_refuses_server_files_outside_the_uploads_folder(dev_server: DevServer) -> None:
    client = get_client(url=dev_server.url)
    thread_id = (await client.threads.create())["thread_id"]
    samples = REPO_ROOT / "samples" / "drafting"
    start = {
        "inputs": [{"name": "notes.txt", "path": "/etc/passwd"}, {"name": "x.txt", "path": "../x"}],
        "profile_data": yaml.safe_load((samples / "project_profile.yaml").read_text(encoding="utf-8")),
    }
    async with asyncio.timeout(RUN_TIMEOUT_S):
        await client.runs.wait(thread_id, "drafting", input=start)
    state = await client.threads.get_state(thread_id)
    values = cast(dict[str, Any], state["values"])
    assert [e["code"] for e in values["input_errors"]] == ["unsafe_name", "unsafe_name"]
    assert values["fatal"].startswith("no usable input") and "root:" not in json.dumps(state)


def _plants(output: dict[str, Any]) -> int:
    return int(output["facts_summary"]["facts"]["plants"])


async def test_two_turns_on_one_thread_and_a_follow_up(dev_server: DevServer) -> None:
    client = get_client(url=dev_server.url)
    bahia, minas = truth.solar_map(["BA"], None).count, truth.solar_map(["MG"], None).count
    thread_id = (await client.threads.create())["thread_id"]
    first = await _run_to_end(dev_server, client, thread_id, input={"query": QUERY})
    second = await _run_to_end(dev_server, client, thread_id, input={"query": MINAS})
    assert (_plants(first), _plants(second)) == (bahia, minas)
    assert second["understanding"]["slots"]["states"] == ["MG"]

    other = (await client.threads.create())["thread_id"]
    await _run_to_end(dev_server, client, other, input={"query": QUERY})
    follow = await _run_to_end(dev_server, client, other, input={"query": "and in Minas Gerais?"})
    assert _plants(follow) == minas and follow["route"] == "solar_map"
    assert follow["understanding"]["follow_up"]["previous_query"] == QUERY
    values = cast(dict[str, Any], (await client.threads.get_state(other))["values"])
    assert [t["query"] for t in values["turns"]] == [QUERY, "and in Minas Gerais?"]
    assert [p["phase"] for p in values["proposals"]] == ["route", "after_execution"]


async def test_schemas_show_messages_and_a_messages_only_input_runs_a_turn(dev_server: DevServer) -> None:
    client = get_client(url=dev_server.url)
    (assistant,) = await client.assistants.search(graph_id="chat")
    schemas = await client.assistants.get_schemas(assistant["assistant_id"])
    assert {"messages", "query"} <= set(schemas["input_schema"]["properties"])
    assert "messages" in schemas["output_schema"]["properties"]

    thread_id = (await client.threads.create())["thread_id"]
    human = {"role": "user", "content": QUERY}
    output = await _run_to_end(dev_server, client, thread_id, input={"messages": [human]})
    assert output["query"] == QUERY and _plants(output) == truth.solar_map(["BA"], None).count
    answer = output["messages"][-1]
    assert [m["type"] for m in output["messages"]] == ["human", "ai"]
    assert answer["content"] == output["narration"]
    attached = answer["additional_kwargs"]["planexec"]
    assert attached["intent"] == "solar_map" and {m["type"] for m in attached["modules"]} >= {"map", "table"}

    again = await _run_to_end(
        dev_server, client, thread_id, input={"messages": [{"role": "user", "content": MINAS}]}
    )
    assert _plants(again) == truth.solar_map(["MG"], None).count
    assert [m["type"] for m in again["messages"]] == ["human", "ai", "human", "ai"]
