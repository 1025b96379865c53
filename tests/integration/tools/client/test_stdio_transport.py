"""The stdio transport frames lines correctly across chunk boundaries and for multi-MB messages."""

from __future__ import annotations

import os
import sys
import tempfile

import anyio
import pytest
from mcp.shared.message import SessionMessage

from planexec.tools.client.stdio_transport import stdio_transport

pytestmark = pytest.mark.integration

WRITER = r"""
import json, sys, time
def note(i, pad=""):
    return json.dumps({"jsonrpc": "2.0", "method": "notifications/message",
                       "params": {"level": "info", "data": {"i": i, "pad": pad}}}) + "\n"
out = sys.stdout
first = note(1)
out.write(first[:10]); out.flush(); time.sleep(0.05)
out.write(first[10:] + note(2)); out.flush()
out.write("not json\n"); out.flush()
out.write(note(3, "x" * 5_000_000)); out.flush()
sys.stdin.read()
"""


async def _receive(n: int) -> list[object]:
    with tempfile.TemporaryFile("w+") as errlog:
        cmd = [sys.executable, "-c", WRITER]
        async with stdio_transport(cmd[0], cmd[1:], dict(os.environ), None, errlog) as (read, _write):
            got: list[object] = []
            with anyio.fail_after(30):
                while len(got) < n:
                    got.append(await read.receive())
            return got


async def test_messages_split_and_joined_across_chunks_arrive_whole() -> None:
    got = await _receive(4)
    notes = [m.message.root.params["data"] for m in got if isinstance(m, SessionMessage)]  # type: ignore[union-attr]
    assert [n["i"] for n in notes] == [1, 2, 3]
    assert len(notes[2]["pad"]) == 5_000_000


async def test_a_malformed_line_is_reported_not_fatal() -> None:
    got = await _receive(4)
    kinds = ["error" if isinstance(m, Exception) else "message" for m in got]
    assert kinds == ["message", "message", "error", "message"]  # the stream goes on past the bad line
