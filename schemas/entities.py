"""Columnar entity tables: the compact form large entity lists travel in.

A row-wise list of 100,000 JSON objects is slow to validate with jsonschema (the MCP
server and client both validate tool I/O). Here every column is one string: numeric
columns are base64 of little-endian float64 (NaN = missing), text columns are a JSON
array encoded as one string. Validation cost is then independent of the row count.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator

from planexec.schemas.base import Contract

ColumnDType = Literal["f8", "str"]


class PackedColumn(BaseModel):
    """One column of an entity table, packed into a single string."""

    model_config = ConfigDict(extra="forbid")

    dtype: ColumnDType = Field(
        description="'f8': base64 of little-endian float64 (NaN = missing); "
        "'str': a JSON array of strings or nulls encoded as one string."
    )
    length: int = Field(ge=0, description="Number of values in the column.")
    data: str = Field(description="The packed values (see dtype).")

    @classmethod
    def from_floats(cls, values: Sequence[float | None] | np.ndarray) -> PackedColumn:
        arr = np.asarray(
            [np.nan if v is None else v for v in values] if not isinstance(values, np.ndarray) else values,
            dtype="<f8",
        )
        return cls(dtype="f8", length=int(arr.size), data=base64.b64encode(arr.tobytes()).decode("ascii"))

    @classmethod
    def from_strings(cls, values: Sequence[str | None]) -> PackedColumn:
        vals = list(values)
        return cls(dtype="str", length=len(vals), data=json.dumps(vals, ensure_ascii=False))

    def to_numpy(self) -> np.ndarray:
        """Decode the column (float64 array, or object array of str/None)."""
        if self.dtype == "f8":
            return np.frombuffer(base64.b64decode(self.data), dtype="<f8")
        return np.asarray(json.loads(self.data), dtype=object)

    def to_list(self) -> list[float | str | None]:
        if self.dtype == "f8":
            return [None if np.isnan(v) else float(v) for v in self.to_numpy()]
        return list(json.loads(self.data))

    @model_validator(mode="after")
    def _check_length(self) -> PackedColumn:
        if self.dtype == "f8":
            raw = base64.b64decode(self.data, validate=True)
            if len(raw) != 8 * self.length:
                raise ValueError(f"f8 column holds {len(raw) // 8} values, length says {self.length}")
        else:
            decoded = json.loads(self.data)
            if not isinstance(decoded, list) or len(decoded) != self.length:
                raise ValueError("str column must be a JSON array of the stated length")
        return self


class EntityTable(Contract):
    """A set of geolocated entities in columnar form (one row per entity)."""

    entity_type: str = Field(description="What the rows are, e.g. 'solar_facility', 'heat_zone'.")
    count: int = Field(ge=0, description="Number of rows.")
    ids: PackedColumn = Field(description="Stable entity ids (dtype 'str').")
    lon: PackedColumn = Field(description="Longitude of the representative point, WGS84 degrees.")
    lat: PackedColumn = Field(description="Latitude of the representative point, WGS84 degrees.")
    geometry_wkt: PackedColumn | None = Field(
        default=None, description="Optional WKT geometry per row (dtype 'str'), WGS84 lon/lat."
    )
    columns: dict[str, PackedColumn] = Field(
        default_factory=dict, description="Attribute columns by name, each of length `count`."
    )
    synthetic: bool = Field(default=False, description="True when rows are synthetic (benchmarks).")

    @model_validator(mode="after")
    def _check_shape(self) -> EntityTable:
        cols = {"ids": self.ids, "lon": self.lon, "lat": self.lat, **self.columns}
        if self.geometry_wkt is not None:
            cols["geometry_wkt"] = self.geometry_wkt
        for name, col in cols.items():
            if col.length != self.count:
                raise ValueError(f"column '{name}' has {col.length} values, count is {self.count}")
        if self.ids.dtype != "str" or (self.geometry_wkt is not None and self.geometry_wkt.dtype != "str"):
            raise ValueError("ids and geometry_wkt must be 'str' columns")
        if self.lon.dtype != "f8" or self.lat.dtype != "f8":
            raise ValueError("lon and lat must be 'f8' columns")
        return self

    @classmethod
    def build(
        cls,
        entity_type: str,
        ids: Sequence[str],
        lon: Sequence[float] | np.ndarray,
        lat: Sequence[float] | np.ndarray,
        columns: Mapping[str, Sequence[float | None] | Sequence[str | None] | np.ndarray] | None = None,
        geometry_wkt: Sequence[str | None] | None = None,
        synthetic: bool = False,
    ) -> EntityTable:
        """Pack plain sequences into a table; a column's dtype follows its values."""
        packed: dict[str, PackedColumn] = {}
        for name, values in (columns or {}).items():
            if isinstance(values, np.ndarray) and values.dtype.kind in "fiu":
                packed[name] = PackedColumn.from_floats(values.astype("<f8"))
            elif all(v is None or isinstance(v, (int, float)) for v in values):
                packed[name] = PackedColumn.from_floats(list(values))  # type: ignore[arg-type]
            else:
                packed[name] = PackedColumn.from_strings([None if v is None else str(v) for v in values])
        return cls(
            entity_type=entity_type,
            count=len(ids),
            ids=PackedColumn.from_strings(list(ids)),
            lon=PackedColumn.from_floats(np.asarray(lon, dtype="<f8")),
            lat=PackedColumn.from_floats(np.asarray(lat, dtype="<f8")),
            columns=packed,
            geometry_wkt=None if geometry_wkt is None else PackedColumn.from_strings(list(geometry_wkt)),
            synthetic=synthetic,
        )

    def id_list(self) -> list[str]:
        return [str(v) for v in self.ids.to_list()]

    def column(self, name: str) -> list[float | str | None]:
        return self.columns[name].to_list()

    def rows(self, limit: int | None = None) -> list[dict[str, object]]:
        """Row-wise view (for small tables, e.g. building a table module)."""
        n = self.count if limit is None else min(limit, self.count)
        data: dict[str, list[float | str | None]] = {
            "id": self.ids.to_list()[:n],
            "lon": self.lon.to_list()[:n],
            "lat": self.lat.to_list()[:n],
        }
        for name, col in self.columns.items():
            data[name] = col.to_list()[:n]
        return [{k: v[i] for k, v in data.items()} for i in range(n)]
