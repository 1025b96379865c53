"""`python -m planexec.tools.servers.heat` (stdio) or `... --http --port N` (streamable HTTP)."""

from planexec.tools.servers.heat.server import main

if __name__ == "__main__":
    main()
