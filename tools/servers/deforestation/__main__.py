"""`python -m planexec.tools.servers.deforestation` (stdio) or `... --http --port N` (streamable HTTP)."""

from planexec.tools.servers.deforestation.server import main

if __name__ == "__main__":
    main()
