"""Values of a few rows of a column, without decoding the whole column.

A map draws at most a few thousand rows of sets that may hold millions; decoding every value
(`to_numpy`) would cost O(rows) per map. Columns come as `PackedColumn` (inline tables), as the
handle store's `Column` (float values, categories + codes, or JSON text) or as arrays. Here:
- 'f8' columns (base64 of little-endian float64): row i is bytes [8i, 8i+8), which lie in the
  base64 groups from char 4*(8i // 3) on; each row's 16-char window is decoded on its own.
- 'str' columns (a JSON array of strings written by `json.dumps`): when the text holds no
  backslash (no escapes) and exactly two quotes per row (no nulls), every `"` delimits a value,
  so row i lies between quotes 2i and 2i+1; one vectorised scan finds them. Anything else
  falls back to the full decode.
NaN (missing float) becomes None, as in the map's properties.
"""

from __future__ import annotations

import base64
from typing import Any

import numpy as np

from planexec.schemas.entities import PackedColumn
from planexec.tools.stores.columnar import Column

_WINDOW = 16  # base64 chars covering 8 bytes starting anywhere in a 3-byte group (12 bytes)


def _floats(data: str, rows: np.ndarray) -> list[float | None]:
    raw = np.frombuffer(data.rstrip("=").encode("ascii"), dtype=np.uint8)
    padded = np.full(raw.size + 2 * _WINDOW, ord("A"), dtype=np.uint8)
    padded[: raw.size] = raw
    start_byte = 8 * rows.astype(np.int64)
    start_char = 4 * (start_byte // 3)
    windows = padded[start_char[:, None] + np.arange(_WINDOW)]
    decoded = np.frombuffer(base64.b64decode(windows.tobytes()), dtype=np.uint8).reshape(rows.size, 12)
    offset = (start_byte % 3)[:, None] + np.arange(8)
    values = np.take_along_axis(decoded, offset, axis=1).copy().view("<f8").ravel()
    return [None if np.isnan(v) else v for v in values.tolist()]


def _strings(encoded: bytes, length: int, rows: np.ndarray) -> list[Any] | None:
    """The rows' strings of a JSON array (UTF-8), or None when the fast path does not apply."""
    if b"\\" in encoded:
        return None
    raw = np.frombuffer(encoded, dtype=np.uint8)
    quotes = np.flatnonzero(raw == ord('"'))
    if quotes.size != 2 * length:
        return None
    starts, ends = quotes[2 * rows] + 1, quotes[2 * rows + 1]
    return [encoded[a:b].decode("utf-8") for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]


def _text(column: PackedColumn | Column) -> tuple[bytes, int] | None:
    if isinstance(column, PackedColumn):
        return column.data.encode("utf-8"), column.length
    if column.text_json is not None and column.codes is None and column.length is not None:
        return column.text_json, column.length
    return None


def pick(column: PackedColumn | Column | np.ndarray, rows: np.ndarray) -> list[Any]:
    """column[rows] as Python values (float or None for floats; str or None for text)."""
    rows = np.asarray(rows, dtype=np.int64)
    if rows.size == 0:
        return []
    if isinstance(column, np.ndarray):
        values = column[rows]
    elif isinstance(column, PackedColumn) and column.dtype == "f8":
        return _floats(column.data, rows)
    elif isinstance(column, Column) and column.values is not None:
        values = column.values[rows]
    elif isinstance(column, Column) and column.codes is not None and column.categories is not None:
        codes = column.codes[rows]
        values = np.where(codes >= 0, column.categories[np.maximum(codes, 0)], None)
    else:
        text = _text(column)
        fast = None if text is None else _strings(text[0], text[1], rows)
        if fast is not None:
            return fast
        values = column.to_numpy()[rows]
    if values.dtype.kind == "f":
        return [None if np.isnan(v) else v for v in values.tolist()]
    return [v.item() if isinstance(v, np.generic) else v for v in values.tolist()]
