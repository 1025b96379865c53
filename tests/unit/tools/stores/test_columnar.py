"""Binary columnar payloads: round trips, lazy text, categorical columns, damaged payloads."""

from __future__ import annotations

import numpy as np
import pytest

from planexec.schemas.entities import EntityTable
from planexec.schemas.handles import DataHandle, HandleError
from planexec.tools.stores.columnar import (
    Column,
    ColumnTable,
    PairArrays,
    decode_correlation,
    decode_table,
    encode_correlation,
    encode_table,
)
from planexec.tools.stores.handle_store import HandleStore, publish_columns, read_columns, read_table


def _table() -> EntityTable:
    return EntityTable.build(
        "solar_facility",
        ids=["a", "b", "ç"],
        lon=[-40.0, -41.5, -42.25],
        lat=[-10.0, -11.0, -12.0],
        columns={"capacity_mw": [1.5, None, 3.0], "uf": ["BA", None, "PI"]},
        geometry_wkt=["POINT (-40 -10)", None, "POINT (-42.25 -12)"],
    )


def test_an_inline_table_round_trips_through_the_binary_form() -> None:
    table = _table()
    back = decode_table(encode_table(ColumnTable.from_entity_table(table))).to_entity_table()
    assert back == table


def test_categorical_text_decodes_to_its_values_with_missing_as_none() -> None:
    col = Column.categorical(np.array([1, 0, -1, 1]), ["BA", "PI"])
    table = ColumnTable("x", Column.strings(["1", "2", "3", "4"]), np.zeros(4), np.zeros(4), {"uf": col})
    back = decode_table(encode_table(table))
    assert back.columns["uf"].to_numpy().tolist() == ["PI", "BA", None, "PI"]
    assert back.to_entity_table().column("uf") == ["PI", "BA", None, "PI"]


def test_text_is_not_parsed_until_asked_for() -> None:
    back = decode_table(encode_table(ColumnTable.from_entity_table(_table())))
    assert back.ids._decoded is None and len(back.ids) == 3
    assert back.ids.to_numpy().tolist() == ["a", "b", "ç"]


def test_a_column_of_the_wrong_length_is_refused_when_encoding() -> None:
    table = ColumnTable("x", Column.strings(["1", "2"]), np.zeros(3), np.zeros(3))
    with pytest.raises(ValueError, match="column 'ids' has 2 values"):
        encode_table(table)


def test_a_truncated_payload_is_an_error_not_a_short_table() -> None:
    data = encode_table(ColumnTable.from_entity_table(_table()))
    with pytest.raises(HandleError):
        decode_table(data[:-5])
    with pytest.raises(HandleError, match="bad magic"):
        decode_table(b"{" + data)


def test_store_reads_both_payload_versions(tmp_path) -> None:
    store = HandleStore((tmp_path / "h").as_uri())
    table = _table()
    old = store.publish("entity_table", table.model_dump_json().encode(), table.count)  # version 1: JSON
    new = publish_columns(store, ColumnTable.from_entity_table(table))
    assert (old.version, new.version) == ("1", "2") and old.sha256 != new.sha256
    assert read_table(store, old) == read_table(store, new) == table
    assert read_columns(store, new).lon.tolist() == [-40.0, -41.5, -42.25]


def test_correlation_pairs_round_trip() -> None:
    side = DataHandle(kind="entity_set", sha256="0" * 64, rows=3, size_bytes=10, store="memory://")
    pairs = PairArrays(np.array([0, 2]), np.array([1, 1]), np.array([0.0, 12.5]))
    header, back = decode_correlation(encode_correlation(side, side, "proximity", 1.0, pairs))
    assert (header.method, header.distance_km, header.pairs) == ("proximity", 1.0, 2)
    assert back.left.tolist() == [0, 2] and back.right.tolist() == [1, 1]
    assert back.distance_m.tolist() == [0.0, 12.5]
