"""Many threads opening the same new SQLite file at once all get a WAL connection (no 'locked')."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from planexec.tools.stores.pools import sqlite_connect


def test_concurrent_first_opens_of_one_file_all_succeed(tmp_path: Path) -> None:
    path = tmp_path / "new" / "store.sqlite"
    with ThreadPoolExecutor(max_workers=16) as pool:
        connections = list(pool.map(lambda _: sqlite_connect(path), range(32)))
    modes = {conn.execute("PRAGMA journal_mode").fetchone()[0] for conn in connections}
    for conn in connections:
        conn.close()
    assert modes == {"wal"}
