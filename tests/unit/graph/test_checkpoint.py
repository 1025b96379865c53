"""Checkpointer URLs: writing creates the SQLite file's folder, reading never creates anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from planexec.graph.checkpoint import (
    CheckpointNotFoundError,
    CheckpointURLError,
    open_async_checkpointer,
    open_checkpointer,
)


def test_reading_a_missing_sqlite_file_fails_and_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "state" / "ckpt.sqlite"
    url = f"sqlite:///{db}"
    with (
        pytest.raises(CheckpointNotFoundError, match="no checkpoint database"),
        open_checkpointer(url, create=False),
    ):
        pass
    assert not db.parent.exists()


def test_writing_creates_the_folder_then_reading_works(tmp_path: Path) -> None:
    db = tmp_path / "state" / "ckpt.sqlite"
    with open_checkpointer(f"sqlite:///{db}") as saver:
        assert saver is not None
    assert db.is_file()
    with open_checkpointer(f"sqlite:///{db}", create=False) as saver:
        assert list(saver.list(None)) == []


async def test_async_reading_a_missing_file_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "nowhere" / "ckpt.sqlite"
    with pytest.raises(CheckpointNotFoundError):
        async with open_async_checkpointer(f"sqlite:///{db}", create=False):
            pass
    assert not db.parent.exists()


def test_unknown_scheme_is_a_clear_error() -> None:
    with pytest.raises(CheckpointURLError, match="unknown checkpoint URL"), open_checkpointer("ftp://x"):
        pass
