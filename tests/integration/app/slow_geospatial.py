"""The bundled geospatial server with FindSpatialCorrelations delayed by argv[1] seconds.

A test configures it through PLANEXEC_MCP_CONFIG (command: python this_file SECONDS) to hold a turn
between its register steps and its correlation; production code knows nothing about it.
"""

from __future__ import annotations

import sys
from typing import Any

import anyio

from planexec.tools.servers.geospatial import server


def _slowed(delay_s: float) -> None:
    original = server.find_spatial_correlations

    async def slow(args: Any, state: Any) -> Any:
        await anyio.sleep(delay_s)
        return await original(args, state)

    server.find_spatial_correlations = slow  # type: ignore[assignment]


if __name__ == "__main__":
    _slowed(float(sys.argv.pop(1)))
    server.main()
