"""`python -m planexec.tools.servers.solar` (stdio) or `... --http --port N` (streamable HTTP)."""

from planexec.tools.servers.solar.server import main

if __name__ == "__main__":
    main()
