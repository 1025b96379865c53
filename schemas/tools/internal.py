"""Tool parameters kept out of the public MCP tool schemas, and how the hub sends them instead.

`schema_version` (contract negotiation) and `synthetic_points` (benchmarks only) are fields of the
pinned args models, but an MCP client such as the Inspector or an IDE must not see or set them: the
bundled servers leave them out of `tools/list` and read them from the request's `_meta` under
INTERNAL_META_KEY, where the planexec hub puts them. `_meta` is the protocol's own side channel for
data that is not a tool argument, so no private tool variants or environment switches are needed.
"""

from __future__ import annotations

INTERNAL_ARGS: frozenset[str] = frozenset({"schema_version", "synthetic_points"})
"""Args-model fields that never appear in a public tool schema."""

INTERNAL_META_KEY = "planexec/internal"
"""Key in a tools/call request's `_meta` whose object carries the internal fields."""
