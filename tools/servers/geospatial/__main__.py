"""`python -m planexec.tools.servers.geospatial` (stdio) or `... --http --port N` (streamable HTTP)."""

from planexec.tools.servers.geospatial.server import main

if __name__ == "__main__":
    main()
