"""Entity sets and correlations by handle: the geospatial server's durable, stateless state.

Registered sets and correlations live in the shared handle store (content-addressed, so any
replica reads the same bytes and no run overwrites another's); this module only keeps a bounded
in-memory cache of the built spatial indexes, keyed by handle hash. A restart or another replica
rebuilds a missing entry from the store.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

import numpy as np
import shapely

from planexec.schemas.entities import EntityTable, PackedColumn
from planexec.schemas.handles import (
    BINARY_FORMAT_VERSION,
    CorrelationRecord,
    DataHandle,
    EntitySetRecord,
    HandleError,
)
from planexec.tools.servers.geospatial.sessions import Correlation, EntitySet, SessionError
from planexec.tools.servers.geospatial.spatial_index import JoinResult, SpatialIndex
from planexec.tools.stores.columnar import (
    Column,
    ColumnTable,
    PairArrays,
    decode_correlation,
    encode_correlation,
)
from planexec.tools.stores.handle_store import HandleStore, publish_columns, read_columns

DEFAULT_CACHE_SETS = 64


def build_entity_set(entity_type: str, entities: ColumnTable) -> EntitySet:
    """The spatial index and columns of a table, checked (valid WKT, finite coordinates)."""
    wkt = None if entities.geometry_wkt is None else entities.geometry_wkt.to_numpy()
    try:
        index = SpatialIndex.from_wkt(entities.lon, entities.lat, wkt)
    except shapely.errors.GEOSException as exc:
        raise SessionError(f"entities of type '{entity_type}' carry invalid WKT: {exc}") from None
    if entities.count and not (np.isfinite(index.lon).all() and np.isfinite(index.lat).all()):
        raise SessionError(f"entities of type '{entity_type}' have missing or non-finite lon/lat")
    return EntitySet(entity_type, entities.ids, index, dict(entities.columns))


def _cache_key(handle: DataHandle) -> str:
    """Every verified field of the handle: a handle altered in any of them misses the cache."""
    return f"{handle.key}:{handle.size_bytes}:{handle.rows}"


class HandleSets:
    """Register, resolve and correlate by handle; an LRU cache of built sets in front of the store."""

    def __init__(self, store: Callable[[], HandleStore], max_cached: int = DEFAULT_CACHE_SETS) -> None:
        self._store = store
        self._cache: OrderedDict[str, EntitySet] = OrderedDict()
        self._max = max_cached
        self._lock = threading.Lock()

    @property
    def store(self) -> HandleStore:
        return self._store()

    def _remember(self, key: str, entity_set: EntitySet) -> None:
        with self._lock:
            self._cache[key] = entity_set
            self._cache.move_to_end(key)
            while len(self._cache) > self._max:
                self._cache.popitem(last=False)

    def register(self, entity_type: str, entities: EntityTable | DataHandle) -> tuple[EntitySet, DataHandle]:
        """Build the set from an inline table or an 'entity_table' handle; publish its record."""
        if isinstance(entities, DataHandle):
            table_handle, table = entities, read_columns(self.store, entities)
        else:
            table = ColumnTable.from_entity_table(entities)
            table_handle = publish_columns(self.store, table)
        entity_set = build_entity_set(entity_type, table)
        record = EntitySetRecord(entity_type=entity_type, table=table_handle)
        handle = self.store.publish("entity_set", record.model_dump_json().encode("utf-8"), len(entity_set))
        self._remember(_cache_key(handle), entity_set)
        return entity_set, handle

    def resolve(self, handle: DataHandle) -> EntitySet:
        """The set behind an 'entity_set' handle (cache, else rebuilt from the store)."""
        key = _cache_key(handle)
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return cached
        record = EntitySetRecord.model_validate_json(self.store.read(handle, "entity_set"))
        entity_set = build_entity_set(record.entity_type, read_columns(self.store, record.table))
        if len(entity_set) != handle.rows:
            raise HandleError(
                f"handle {handle.kind}/{handle.sha256[:12]} says {handle.rows} rows, holds {len(entity_set)}"
            )
        self._remember(key, entity_set)
        return entity_set

    def publish_correlation(self, corr: Correlation, left: DataHandle, right: DataHandle) -> DataHandle:
        join = corr.join
        pairs = PairArrays(join.left, join.right, join.distance_m)
        data = encode_correlation(left, right, corr.method, corr.distance_km, pairs)
        return self.store.publish("correlation", data, len(join), BINARY_FORMAT_VERSION)

    def correlation(self, handle: DataHandle) -> Correlation:
        """The correlation behind a 'correlation' handle, with both sets resolved."""
        data = self.store.read(handle, "correlation")
        if handle.version == BINARY_FORMAT_VERSION:
            header, pairs = decode_correlation(data)
            left_h, right_h, method, km = header.left, header.right, header.method, header.distance_km
        else:
            record = CorrelationRecord.model_validate_json(data)
            left_h, right_h, method, km = record.left, record.right, record.method, record.distance_km
            pairs = PairArrays(
                np.asarray(record.left_index, dtype=np.int64),
                np.asarray(record.right_index, dtype=np.int64),
                np.asarray(record.distance_m, dtype=np.float64),
            )
        left, right = self.resolve(left_h), self.resolve(right_h)
        li, ri = pairs.left, pairs.right
        if (li.size and (li.min() < 0 or li.max() >= len(left))) or (
            ri.size and (ri.min() < 0 or ri.max() >= len(right))
        ):
            raise SessionError("correlation handle refers to rows its entity sets do not have")
        return Correlation(left, right, method, km, JoinResult(li, ri, pairs.distance_m))


def _subset_column(col: PackedColumn | Column, rows: np.ndarray) -> PackedColumn:
    values = col.to_numpy()[rows]
    if col.dtype == "f8":
        return PackedColumn.from_floats(values)
    return PackedColumn.from_strings([None if v is None else str(v) for v in values])


def subset_table(entity_set: EntitySet, rows: np.ndarray) -> EntityTable:
    """The given rows of a set (ids, representative points, attribute columns; no geometry)."""
    rows = np.unique(rows)
    return EntityTable(
        entity_type=entity_set.entity_type,
        count=int(rows.size),
        ids=PackedColumn.from_strings([str(v) for v in entity_set.ids[rows]]),
        lon=PackedColumn.from_floats(entity_set.index.lon[rows]),
        lat=PackedColumn.from_floats(entity_set.index.lat[rows]),
        columns={name: _subset_column(col, rows) for name, col in entity_set.columns.items()},
    )
