"""The bundled heat MCP server (`python -m planexec.tools.servers.heat`; tools in server.py)."""
