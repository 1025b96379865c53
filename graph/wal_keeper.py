"""One idle connection per SQLite checkpoint file and process, so a query's close is cheap.

Each query opens its own checkpointer connection and closes it at the end. When the last
connection to a WAL-mode file closes, SQLite checkpoints the whole WAL into the database and
deletes the WAL and its index (3–12 ms at the end of every turn, on the answer's path; the next
query then re-creates them). An idle connection that has read the file once keeps the WAL index
open, so the query connections are never the last one: SQLite's automatic checkpoints (every
1,000 pages) keep the WAL bounded as before. Nothing about durability changes: what was committed
is in the WAL either way. At most `KEEP_MAX` files are kept (least recently used first out).
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict

KEEP_MAX = 8
_KEPT: OrderedDict[str, sqlite3.Connection] = OrderedDict()
_GUARD = threading.Lock()


def is_kept(path: str) -> bool:
    """True when `path` already has its idle connection (no I/O)."""
    with _GUARD:
        if path in _KEPT:
            _KEPT.move_to_end(path)
            return True
        return False


def keep_open(path: str) -> None:
    """Open (once) the idle connection to the WAL-mode file `path`; call it after the file is in
    WAL mode. A file that cannot be read is simply not kept (the query goes on as before)."""
    if path == ":memory:" or is_kept(path):
        return
    try:
        conn = sqlite3.connect(path, check_same_thread=False)
    except sqlite3.Error:
        return
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # maps the WAL index
    except sqlite3.Error:
        conn.close()
        return
    evicted = []
    with _GUARD:
        if path in _KEPT:
            evicted.append(conn)
        else:
            _KEPT[path] = conn
            while len(_KEPT) > KEEP_MAX:
                evicted.append(_KEPT.popitem(last=False)[1])
    for old in evicted:
        old.close()


def release_all() -> None:
    """Close every idle connection (tests; the process's exit closes them anyway)."""
    with _GUARD:
        kept = list(_KEPT.values())
        _KEPT.clear()
    for conn in kept:
        conn.close()
