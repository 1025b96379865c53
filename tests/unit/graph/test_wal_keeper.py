"""wal_keeper: an idle connection keeps a checkpoint file's WAL, so closing a query's connection
does not fold and delete it; at most KEEP_MAX files are kept."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from planexec.graph import wal_keeper


@pytest.fixture(autouse=True)
def _release() -> Iterator[None]:
    wal_keeper.release_all()
    yield
    wal_keeper.release_all()


def _write(path: Path, value: int) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE IF NOT EXISTS t (v INTEGER)")
    conn.execute("INSERT INTO t VALUES (?)", (value,))
    conn.commit()
    conn.close()


def test_kept_file_keeps_its_wal_and_its_data(tmp_path: Path) -> None:
    plain, kept = tmp_path / "plain.sqlite", tmp_path / "kept.sqlite"
    _write(plain, 1)
    assert not Path(f"{plain}-wal").exists()  # the last connection folded and deleted it
    _write(kept, 1)
    wal_keeper.keep_open(str(kept))
    assert wal_keeper.is_kept(str(kept))
    _write(kept, 2)
    assert Path(f"{kept}-wal").exists()
    reader = sqlite3.connect(kept)
    assert sorted(v for (v,) in reader.execute("SELECT v FROM t")) == [1, 2]
    reader.close()


def test_at_most_keep_max_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wal_keeper, "KEEP_MAX", 2)
    paths = [tmp_path / f"{i}.sqlite" for i in range(3)]
    for path in paths:
        _write(path, 0)
        wal_keeper.keep_open(str(path))
    assert [wal_keeper.is_kept(str(p)) for p in paths] == [False, True, True]


def test_memory_and_unreadable_files_are_not_kept(tmp_path: Path) -> None:
    wal_keeper.keep_open(":memory:")
    (tmp_path / "junk.sqlite").write_bytes(b"not a database" * 100)
    wal_keeper.keep_open(str(tmp_path / "junk.sqlite"))
    assert not wal_keeper.is_kept(":memory:")
    assert not wal_keeper.is_kept(str(tmp_path / "junk.sqlite"))
