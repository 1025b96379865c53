"""Policy-documents MCP server: BM25 search over treaty passages, and passage lookup by id.

Run: `python -m planexec.tools.servers.policy` (stdio) or `... --http --port 8766` (streamable HTTP).
State (lifespan context): the PolicyIndex of `<data folder>/policy`, the data folder taken from
Settings at start (PLANEXEC_DATA_DIR, else the package's data); passages and their ids are
described in parse.py, search in index.py; the index is built on the first call.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import anyio
from mcp.server.fastmcp import FastMCP

from planexec.schemas.settings import Settings
from planexec.schemas.tools.policy import GetPassageArgs, Passage, PassageSearchResult, SearchPassagesArgs
from planexec.tools.servers.common import make_server, run, state_lifespan
from planexec.tools.servers.model_tools import add_model_tool
from planexec.tools.servers.policy.index import PolicyIndex

VERSION = "1.1.0"


async def search_passages(args: SearchPassagesArgs, index: PolicyIndex) -> PassageSearchResult:
    return await anyio.to_thread.run_sync(index.find, args.query, args.limit, args.max_per_article)


async def get_passage(args: GetPassageArgs, index: PolicyIndex) -> Passage:
    return await anyio.to_thread.run_sync(index.get, args.id)


def build_server(settings: Settings | None = None) -> FastMCP[Any]:
    """The policy server; its documents come from `settings`' data folder (read at start)."""
    server = make_server(
        "policy",
        VERSION,
        "Search the Paris Agreement (and other bundled policy texts) with SearchPassages: English or "
        "Portuguese questions, abbreviations (NDC, GST, ETF, ITMO) and article references ('Article 6.4'); "
        "fetch one passage and its citation with GetPassage.",
        lifespan=state_lifespan(lambda: PolicyIndex.from_settings(settings or Settings())),
    )
    add_model_tool(
        server,
        "SearchPassages",
        SearchPassagesArgs,
        PassageSearchResult,
        search_passages,
        "Passages ranked by BM25 relevance to a free-text query (abbreviations and synonyms expanded, "
        "named articles first), with the expansions and article references it used.",
        title="Search policy passages",
    )
    add_model_tool(
        server,
        "GetPassage",
        GetPassageArgs,
        Passage,
        get_passage,
        "One passage by its stable id, with its citation.",
        title="Get a policy passage",
    )
    return server


def main(argv: Sequence[str] | None = None) -> None:
    run(build_server(Settings()), argv)
