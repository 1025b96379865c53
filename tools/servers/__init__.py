"""Bundled FastMCP servers, one package each (`python -m planexec.tools.servers.<name>`)."""
