"""`python -m planexec.tools.servers.policy` (stdio) or `... --http --port N` (streamable HTTP)."""

from planexec.tools.servers.policy.server import main

if __name__ == "__main__":
    main()
