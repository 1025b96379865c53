"""Policy-documents MCP server: BM25 search over treaty passages, and passage lookup by id.

Run: `python -m tools.servers.policy` (stdio) or `... --http --port 8766` (streamable HTTP).
Passages and their ids are described in tools.policy_index; the index is built on first call.
"""

from __future__ import annotations

from typing import Annotated

import anyio
from pydantic import Field

from planexec.schemas.base import SCHEMA_VERSION
from planexec.schemas.tools.policy import Passage, PassageSearchResult
from planexec.tools.policy_index import PolicyIndex
from planexec.tools.servers.common import make_server, run

VERSION = "1.0.0"

server = make_server(
    "policy",
    VERSION,
    "Search the Paris Agreement (and other bundled policy texts) by keywords with SearchPassages; "
    "fetch one passage and its citation with GetPassage.",
)
_index: PolicyIndex | None = None

SchemaVersion = Annotated[
    str, Field(description="Version of the planexec contract this payload follows (semver).")
]


def index() -> PolicyIndex:
    global _index
    if _index is None:
        _index = PolicyIndex()
    return _index


def _check_version(schema_version: str) -> None:
    if schema_version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise ValueError(
            f"unsupported schema_version {schema_version!r}; this server speaks {SCHEMA_VERSION}"
        )


@server.tool(name="SearchPassages", description="Passages ranked by BM25 relevance to a free-text query.")
async def search_passages(
    query: Annotated[str, Field(min_length=1, max_length=2000, description="Free-text query.")],
    limit: Annotated[int, Field(ge=1, le=50, description="Maximum passages returned.")] = 5,
    schema_version: SchemaVersion = SCHEMA_VERSION,
) -> PassageSearchResult:
    _check_version(schema_version)
    passages = await anyio.to_thread.run_sync(index().search, query, limit)
    return PassageSearchResult(query=query, count=len(passages), passages=passages)


@server.tool(name="GetPassage", description="One passage by its stable id, with its citation.")
async def get_passage(
    id: Annotated[
        str,
        Field(
            min_length=1, max_length=200, description="Passage id, e.g. 'paris_agreement_2015_en:art7:p1'."
        ),
    ],
    schema_version: SchemaVersion = SCHEMA_VERSION,
) -> Passage:
    _check_version(schema_version)
    return await anyio.to_thread.run_sync(index().get, id)


if __name__ == "__main__":
    run(server)
