"""The bundled deforestation MCP server (`python -m planexec.tools.servers.deforestation`)."""
