"""Content-addressed handle store: round trip, verified reads, clear errors, every backend."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pydantic import ValidationError

from planexec.schemas.entities import EntityTable
from planexec.schemas.handles import HANDLE_MISSING_CODE, DataHandle, HandleError
from planexec.schemas.settings import Settings
from planexec.tools.stores.handle_store import HandleStore, publish_table, read_table


def _table(n: int = 3) -> EntityTable:
    return EntityTable.build("p", [f"id{i}" for i in range(n)], [1.0 * i for i in range(n)], [2.0] * n,
                             columns={"mw": [0.5] * n, "uf": ["BA"] * n})  # fmt: skip


@pytest.mark.parametrize("scheme", ["file", "sqlite", "memory"])
def test_tables_round_trip_by_content(tmp_path: Path, scheme: str) -> None:
    url = {
        "file": (tmp_path / "h").as_uri(),
        "sqlite": f"sqlite:///{tmp_path / 'h.db'}",
        "memory": "memory://",
    }
    store = HandleStore(url[scheme])
    handle = publish_table(store, _table())
    again = publish_table(store, _table())
    assert handle == again and handle.kind == "entity_table" and handle.rows == 3 and handle.size_bytes > 0
    assert read_table(store, handle) == _table()
    assert publish_table(store, _table(4)).sha256 != handle.sha256  # other content, other key
    assert DataHandle.model_validate_json(handle.model_dump_json()) == handle


def test_missing_tampered_and_wrong_kind_are_clear_errors(tmp_path: Path) -> None:
    store = HandleStore((tmp_path / "h").as_uri())
    handle = publish_table(store, _table())
    with pytest.raises(HandleError, match=HANDLE_MISSING_CODE):
        store.read(handle.model_copy(update={"sha256": "0" * 64}))
    with pytest.raises(HandleError, match="does not match"):
        store.read(handle.model_copy(update={"size_bytes": 1}))
    with pytest.raises(HandleError, match="expected a handle of kind 'entity_set'"):
        store.read(handle, "entity_set")
    path = next((tmp_path / "h").rglob(handle.sha256))
    path.write_bytes(path.read_bytes().replace(b"BA", b"SP"))
    with pytest.raises(HandleError, match="does not match"):
        read_table(store, handle)
    with pytest.raises(ValidationError, match="sha256"):
        DataHandle(kind="entity_table", sha256="abc", rows=1, size_bytes=1, store="x")


def test_files_are_written_atomically_and_never_overwritten(tmp_path: Path) -> None:
    store = HandleStore((tmp_path / "h").as_uri())
    handle = publish_table(store, _table())
    path = next((tmp_path / "h").rglob(handle.sha256))
    os.utime(path, (1_000_000, 1_000_000))  # long ago
    before = path.stat()
    publish_table(store, _table())
    after = path.stat()
    assert after.st_ino == before.st_ino and after.st_size == before.st_size  # not rewritten ...
    assert after.st_mtime > before.st_mtime + 1e6  # ... but fresh again for retention (published anew)
    assert not [p for p in (tmp_path / "h").rglob(".*") if p.is_file()]  # no temporary file left


def test_default_store_is_a_folder_in_home(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home")
    assert settings.resolved_handle_store_url() == (tmp_path / "home" / "handles").resolve().as_uri()
    assert not (tmp_path / "home").exists()  # reading settings creates nothing
    HandleStore.from_settings(settings).ping()
    assert (
        Settings(home=tmp_path, handle_store_url="sqlite:///x.db").resolved_handle_store_url()
        == "sqlite:///x.db"
    )
