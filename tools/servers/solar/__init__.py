"""The bundled solar MCP server (`python -m planexec.tools.servers.solar`; tools in server.py)."""
