"""Data handles: versioned, content-addressed references to tables kept in a shared store.

A data server publishes a large table to the handle store and returns a `DataHandle` instead of
the table; the geospatial server takes handles as arguments and returns handles for what it
keeps (registered entity sets, correlations). The orchestrator only relays these small records.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import Field, field_validator

from planexec.schemas.base import Contract

HandleKind = Literal["entity_table", "entity_set", "correlation"]
HANDLE_FORMAT_VERSION = "1"
BINARY_FORMAT_VERSION = "2"
"""Payload version of binary entity tables and correlations (a JSON header, then raw column buffers)."""
HANDLE_MARKER = "planexec.handle"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class DataHandle(Contract):
    """A reference to one immutable payload in the handle store (its key is its content hash)."""

    handle: Literal["planexec.handle"] = Field(
        default="planexec.handle", description="Marker telling a handle from an inline table."
    )
    kind: HandleKind = Field(description="entity_table | entity_set | correlation.")
    version: str = Field(default=HANDLE_FORMAT_VERSION, description="Format version of the payload.")
    sha256: str = Field(description="sha256 (hex) of the stored bytes; also the key.")
    rows: int = Field(ge=0, description="Rows (entities or pairs) in the payload.")
    size_bytes: int = Field(ge=0, description="Size of the stored payload, bytes.")
    store: str = Field(description="Store URL the payload lives in (credentials removed).")

    @field_validator("sha256")
    @classmethod
    def _hex(cls, value: str) -> str:
        if not _SHA256.match(value):
            raise ValueError("sha256 must be 64 lowercase hex digits")
        return value

    @classmethod
    def found_in(cls, payload: Mapping[str, Any]) -> dict[str, DataHandle]:
        """The handles among a result's top-level fields, by field name."""
        return {
            name: cls.model_validate(value)
            for name, value in payload.items()
            if isinstance(value, dict) and value.get("handle") == HANDLE_MARKER
        }

    @property
    def key(self) -> str:
        """Store key: '<kind>/<version>/<sha256>'."""
        return f"{self.kind}/{self.version}/{self.sha256}"


class HandleError(ValueError):
    """A handle that cannot be used: missing from the store, tampered with, or of the wrong kind."""


HANDLE_MISSING_CODE = "missing_handle"
"""Stable marker in the error text when a handle's payload is not in the store (e.g. pruned)."""


class EntitySetRecord(Contract):
    """Payload of an 'entity_set' handle: a registered type and the table it was registered from."""

    entity_type: str = Field(description="Type the entities are registered as.")
    table: DataHandle = Field(description="'entity_table' handle of the entities.")


class CorrelationRecord(Contract):
    """Payload of a 'correlation' handle: the two sets joined, how, and the pairs (row indices)."""

    left: DataHandle = Field(description="'entity_set' handle of the left side.")
    right: DataHandle = Field(description="'entity_set' handle of the right side.")
    method: str = Field(description="Join method used.")
    distance_km: float | None = Field(default=None, description="Distance used, km.")
    left_index: list[int] = Field(description="Row index into the left table, per pair.")
    right_index: list[int] = Field(description="Row index into the right table, per pair.")
    distance_m: list[float] = Field(description="Ground distance per pair, m.")


class ColumnLayout(Contract):
    """Where one column's bytes are in a binary table payload (buffers follow the header in order)."""

    name: str = Field(description="Column name ('ids', 'lon', 'lat', 'geometry_wkt' or an attribute).")
    dtype: Literal["f8", "str", "cat"] = Field(
        description="'f8': little-endian float64 (NaN = missing); 'str': a UTF-8 JSON array of strings "
        "or nulls; 'cat': little-endian int32 codes (-1 = missing) followed by a UTF-8 JSON array of "
        "the categories the codes index."
    )
    nbytes: int = Field(ge=0, description="Bytes of the main buffer (values, JSON array or codes).")
    categories_nbytes: int = Field(default=0, ge=0, description="'cat' only: bytes of the categories JSON.")


class TablePayloadHeader(Contract):
    """Header of a binary 'entity_table' payload (version 2): what the buffers after it hold."""

    entity_type: str = Field(description="What the rows are, e.g. 'solar_facility'.")
    count: int = Field(ge=0, description="Rows.")
    synthetic: bool = Field(default=False, description="True when rows are synthetic (benchmarks).")
    columns: list[ColumnLayout] = Field(
        description="Buffers in order: ids, lon, lat, optionally geometry_wkt, then attribute columns."
    )
    attributes: list[str] = Field(description="Names of the attribute columns, in buffer order.")


class CorrelationPayloadHeader(Contract):
    """Header of a binary 'correlation' payload (version 2); three buffers follow: left_index and
    right_index (little-endian int64 row indices) and distance_m (little-endian float64), `pairs` each."""

    left: DataHandle = Field(description="'entity_set' handle of the left side.")
    right: DataHandle = Field(description="'entity_set' handle of the right side.")
    method: str = Field(description="Join method used.")
    distance_km: float | None = Field(default=None, description="Distance used, km.")
    pairs: int = Field(ge=0, description="Pairs in the payload.")
