"""The bundled geospatial MCP server (`python -m planexec.tools.servers.geospatial`; tools in server.py)."""
