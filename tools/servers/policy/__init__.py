"""The bundled policy MCP server (`python -m planexec.tools.servers.policy`; tools in server.py)."""
