"""Binary columnar payloads for the handle store: entity tables and correlations (format version 2).

A payload is MAGIC, a 4-byte little-endian header length, the header (a Pydantic model as JSON:
`TablePayloadHeader` / `CorrelationPayloadHeader`) and the raw buffers it describes. Numbers are
raw little-endian arrays (read back with `np.frombuffer`, no parsing); text columns are one JSON
array each, or — for repetitive text such as state codes — int32 codes plus the categories. Text
is decoded only when a reader asks for it (`Column.to_numpy`), so registering a million points
parses no strings. The JSON form (`EntityTable`, version 1) stays what tools return inline.
"""

from __future__ import annotations

import base64
import json
import struct
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from planexec.schemas.entities import EntityTable, PackedColumn
from planexec.schemas.handles import (
    ColumnLayout,
    CorrelationPayloadHeader,
    DataHandle,
    HandleError,
    TablePayloadHeader,
)

MAGIC = b"PXCOL2\n"
_LEN = struct.Struct("<I")


@dataclass
class Column:
    """One column: float64 values, or text as a JSON array (decoded lazily) or categories + codes."""

    dtype: Literal["f8", "str"]
    values: np.ndarray | None = None
    text_json: bytes | None = None
    codes: np.ndarray | None = None
    categories: np.ndarray | None = None
    length: int | None = None
    _decoded: np.ndarray | None = field(default=None, init=False, repr=False)

    @classmethod
    def floats(cls, values: np.ndarray) -> Column:
        return cls("f8", values=np.asarray(values, dtype="<f8"))

    @classmethod
    def categorical(cls, codes: np.ndarray, categories: list[str | None]) -> Column:
        """Text column `categories[codes[i]]` (code -1 = missing)."""
        return cls("str", codes=np.asarray(codes, dtype="<i4"), categories=_objects(categories))

    @classmethod
    def strings(cls, values: list[str | None]) -> Column:
        text = json.dumps(values, ensure_ascii=False).encode("utf-8")
        return cls("str", text_json=text, length=len(values))

    @classmethod
    def from_packed(cls, col: PackedColumn) -> Column:
        if col.dtype == "f8":
            return cls.floats(np.frombuffer(base64.b64decode(col.data), dtype="<f8"))
        return cls("str", text_json=col.data.encode("utf-8"), length=col.length)

    def to_numpy(self) -> np.ndarray:
        """float64 values, or an object array of str / None (decoded once, then kept)."""
        if self.values is not None:
            return self.values
        if self._decoded is None:
            if self.codes is not None and self.categories is not None:
                with_none = np.concatenate([self.categories, _objects([None])])
                self._decoded = with_none[self.codes]  # code -1 -> the appended None
            else:
                self._decoded = _objects(json.loads(self.text_json or b"[]"))
                if self.length is not None and self._decoded.size != self.length:
                    found = self._decoded.size
                    raise HandleError(f"text column holds {found} values, expected {self.length}")
        return self._decoded

    def __len__(self) -> int:
        if self.values is not None:
            return int(self.values.size)
        if self.codes is not None:
            return int(self.codes.size)
        if self.length is not None:
            return self.length
        return int(self.to_numpy().size)

    def to_packed(self) -> PackedColumn:
        if self.dtype == "f8":
            return PackedColumn.from_floats(self.to_numpy())
        if self.text_json is not None and self.codes is None:
            return PackedColumn(dtype="str", length=len(self), data=self.text_json.decode("utf-8"))
        return PackedColumn.from_strings(self.to_numpy().tolist())


def _objects(values: list[str | None]) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


@dataclass
class ColumnTable:
    """An entity table in memory as columns (the handle path's form of `EntityTable`)."""

    entity_type: str
    ids: Column
    lon: np.ndarray
    lat: np.ndarray
    columns: dict[str, Column] = field(default_factory=dict)
    geometry_wkt: Column | None = None
    synthetic: bool = False

    @property
    def count(self) -> int:
        return int(self.lon.size)

    @classmethod
    def from_entity_table(cls, table: EntityTable) -> ColumnTable:
        return cls(
            entity_type=table.entity_type,
            ids=Column.from_packed(table.ids),
            lon=table.lon.to_numpy(),
            lat=table.lat.to_numpy(),
            columns={name: Column.from_packed(col) for name, col in table.columns.items()},
            geometry_wkt=None if table.geometry_wkt is None else Column.from_packed(table.geometry_wkt),
            synthetic=table.synthetic,
        )

    def to_entity_table(self) -> EntityTable:
        return EntityTable(
            entity_type=self.entity_type,
            count=self.count,
            ids=self.ids.to_packed(),
            lon=PackedColumn.from_floats(self.lon),
            lat=PackedColumn.from_floats(self.lat),
            geometry_wkt=None if self.geometry_wkt is None else self.geometry_wkt.to_packed(),
            columns={name: col.to_packed() for name, col in self.columns.items()},
            synthetic=self.synthetic,
        )


def _column_buffers(name: str, col: Column) -> tuple[ColumnLayout, list[bytes]]:
    if col.dtype == "f8":
        data = np.ascontiguousarray(col.to_numpy(), dtype="<f8").tobytes()
        return ColumnLayout(name=name, dtype="f8", nbytes=len(data)), [data]
    if col.codes is not None and col.categories is not None:
        codes = np.ascontiguousarray(col.codes, dtype="<i4").tobytes()
        cats = json.dumps(col.categories.tolist(), ensure_ascii=False).encode("utf-8")
        layout = ColumnLayout(name=name, dtype="cat", nbytes=len(codes), categories_nbytes=len(cats))
        return layout, [codes, cats]
    text = col.text_json if col.text_json is not None else Column.strings(col.to_numpy().tolist()).text_json
    assert text is not None
    return ColumnLayout(name=name, dtype="str", nbytes=len(text)), [text]


def _frame(header: bytes, buffers: list[bytes]) -> bytes:
    return b"".join([MAGIC, _LEN.pack(len(header)), header, *buffers])


def _unframe(data: bytes) -> tuple[bytes, memoryview]:
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + _LEN.size:
        raise HandleError("payload is not a binary columnar payload (bad magic)")
    start = len(MAGIC) + _LEN.size
    (size,) = _LEN.unpack_from(data, len(MAGIC))
    return data[start : start + size], memoryview(data)[start + size :]


def encode_table(table: ColumnTable) -> bytes:
    named: list[tuple[str, Column]] = [("ids", table.ids), ("lon", Column.floats(table.lon))]
    named.append(("lat", Column.floats(table.lat)))
    if table.geometry_wkt is not None:
        named.append(("geometry_wkt", table.geometry_wkt))
    named.extend(table.columns.items())
    layouts, buffers = [], []
    for name, col in named:
        layout, bufs = _column_buffers(name, col)
        if len(col) != table.count:
            raise ValueError(f"column '{name}' has {len(col)} values, the table {table.count} rows")
        layouts.append(layout)
        buffers.extend(bufs)
    header = TablePayloadHeader(
        entity_type=table.entity_type,
        count=table.count,
        synthetic=table.synthetic,
        columns=layouts,
        attributes=list(table.columns),
    )
    return _frame(header.model_dump_json().encode("utf-8"), buffers)


def _read_column(layout: ColumnLayout, body: memoryview, at: int, count: int) -> tuple[Column, int]:
    end = at + layout.nbytes
    if end > len(body):
        raise HandleError(f"column '{layout.name}' runs past the end of the payload")
    raw = body[at:end]
    if layout.dtype == "f8":
        col = Column.floats(np.frombuffer(raw, dtype="<f8"))
    elif layout.dtype == "cat":
        cats = json.loads(bytes(body[end : end + layout.categories_nbytes]))
        col = Column.categorical(np.frombuffer(raw, dtype="<i4"), cats)
        end += layout.categories_nbytes
        if col.codes is not None and col.codes.size and int(col.codes.max()) >= len(cats):
            raise HandleError(f"column '{layout.name}' has codes beyond its categories")
    else:
        col = Column("str", text_json=bytes(raw), length=count)
    if len(col) != count:
        raise HandleError(f"column '{layout.name}' has {len(col)} values, the table {count} rows")
    return col, end


def decode_table(data: bytes) -> ColumnTable:
    """The table in a version-2 payload (numbers are views on `data`; text decoded on demand)."""
    head, body = _unframe(data)
    header = TablePayloadHeader.model_validate_json(head)
    cols: dict[str, Column] = {}
    at = 0
    for layout in header.columns:
        cols[layout.name], at = _read_column(layout, body, at, header.count)
    if at != len(body) or any(k not in cols for k in ("ids", "lon", "lat", *header.attributes)):
        raise HandleError("binary table payload does not match its header")
    return ColumnTable(
        entity_type=header.entity_type,
        ids=cols["ids"],
        lon=cols["lon"].to_numpy(),
        lat=cols["lat"].to_numpy(),
        columns={name: cols[name] for name in header.attributes},
        geometry_wkt=cols.get("geometry_wkt"),
        synthetic=header.synthetic,
    )


@dataclass(frozen=True)
class PairArrays:
    """A correlation's pairs as row indices into its two sets, with the ground distance."""

    left: np.ndarray
    right: np.ndarray
    distance_m: np.ndarray


def encode_correlation(
    left: DataHandle, right: DataHandle, method: str, distance_km: float | None, pairs: PairArrays
) -> bytes:
    header = CorrelationPayloadHeader(
        left=left, right=right, method=method, distance_km=distance_km, pairs=int(pairs.left.size)
    )
    buffers = [
        np.ascontiguousarray(pairs.left, dtype="<i8").tobytes(),
        np.ascontiguousarray(pairs.right, dtype="<i8").tobytes(),
        np.ascontiguousarray(pairs.distance_m, dtype="<f8").tobytes(),
    ]
    return _frame(header.model_dump_json().encode("utf-8"), buffers)


def correlation_header(data: bytes) -> CorrelationPayloadHeader:
    """The header of a version-2 correlation payload (which sets it joins, how, how many pairs)."""
    return CorrelationPayloadHeader.model_validate_json(_unframe(data)[0])


def decode_correlation(data: bytes) -> tuple[CorrelationPayloadHeader, PairArrays]:
    head, body = _unframe(data)
    header = CorrelationPayloadHeader.model_validate_json(head)
    n = header.pairs
    if len(body) != 24 * n:
        raise HandleError(f"correlation payload holds {len(body)} bytes, {n} pairs need {24 * n}")
    left = np.frombuffer(body[: 8 * n], dtype="<i8")
    right = np.frombuffer(body[8 * n : 16 * n], dtype="<i8")
    dist = np.frombuffer(body[16 * n :], dtype="<f8")
    return header, PairArrays(left, right, dist)
