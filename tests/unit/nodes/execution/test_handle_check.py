"""A cached result whose published table is gone from the handle store is a cache miss."""

from __future__ import annotations

import shutil
from pathlib import Path

from planexec.nodes.execution.handle_check import handle_store, missing_handles
from planexec.schemas.entities import EntityTable
from planexec.schemas.settings import Settings
from planexec.tools.stores.handle_store import publish_table


def _table() -> EntityTable:
    return EntityTable.build("solar_facility", ids=["a", "b"], lon=[-40.0, -41.0], lat=[-10.0, -11.0])


def test_present_missing_and_foreign_handles(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home")
    handle = publish_table(handle_store(settings), _table())
    payload = {"count": 2, "handle": handle.model_dump(mode="json")}
    assert missing_handles(payload, settings) == []
    assert missing_handles({"count": 2, "entities": None}, settings) == []  # inline result: nothing to check
    shutil.rmtree(tmp_path / "home" / "handles")  # pruned
    assert missing_handles(payload, settings) == [handle]
    foreign = {
        "handle": handle.model_copy(update={"store": "postgresql://elsewhere/db"}).model_dump(mode="json")
    }
    assert (
        missing_handles(foreign, settings) == []
    )  # another store: this process cannot tell, the reader will
    assert handle_store(settings) is handle_store(Settings(home=tmp_path / "home"))  # one store per URL
