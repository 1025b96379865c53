"""Several workers opening the Postgres checkpointer of a NEW database at once all succeed.

LangGraph's `setup()` (CREATE TABLE IF NOT EXISTS + migration rows) races when run concurrently
(UniqueViolation on pg_type or checkpoint_migrations); planexec runs it once per process and URL
under an advisory lock.
"""

from __future__ import annotations

import subprocess
import sys
import time
import uuid

import psycopg
import pytest

pytestmark = [pytest.mark.integration, pytest.mark.postgres]

WORKER = """
import asyncio, sys, time
from planexec.graph.checkpoint import open_async_checkpointer

async def main(url, start):
    while time.time() < start:
        await asyncio.sleep(0.005)
    async with open_async_checkpointer(url) as saver:
        assert saver is not None

asyncio.run(main(sys.argv[1], float(sys.argv[2])))
"""


def _new_database(url: str) -> str:
    name = f"setup_race_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return url.rsplit("/", 1)[0] + f"/{name}"


def test_concurrent_first_setup_on_a_new_database(postgres_url: str) -> None:
    url = _new_database(postgres_url)
    start = time.time() + 3.0  # every worker imports first, then all open at the same instant
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, url, str(start)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(6)
    ]
    failures = []
    for worker in workers:
        _, err = worker.communicate(timeout=120)
        if worker.returncode != 0:
            failures.append(err.decode()[-400:])
    assert not failures, failures[0]
    with psycopg.connect(url) as conn:
        tables = {r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname='public'")}
    assert {"checkpoints", "checkpoint_blobs", "checkpoint_writes", "checkpoint_migrations"} <= tables
