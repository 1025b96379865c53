"""Pinned input/output contracts of the bundled MCP tools (one module per server)."""
