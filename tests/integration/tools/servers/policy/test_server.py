"""The policy-documents MCP server as a real process over stdio."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp import ClientSession
from mcp.types import CallToolResult, TextContent

from planexec.schemas.tools.internal import INTERNAL_ARGS
from planexec.schemas.tools.policy import GetPassageArgs, Passage, PassageSearchResult, SearchPassagesArgs
from tests.integration.tools.servers.geo_fixtures import stdio_session

pytestmark = pytest.mark.integration
MODULE = "planexec.tools.servers.policy"


async def _call(session: ClientSession, tool: str, args: dict[str, Any]) -> CallToolResult:
    with anyio.fail_after(60):
        return await session.call_tool(tool, args)


def _error_text(result: CallToolResult) -> str:
    assert result.isError, result
    return " ".join(c.text for c in result.content if isinstance(c, TextContent))


async def test_tools_advertise_pinned_schemas(tmp_path: Path) -> None:
    async with stdio_session(MODULE, tmp_path) as session:
        with anyio.fail_after(60):
            tools = {t.name: t for t in (await session.list_tools()).tools}
    assert set(tools) == {"SearchPassages", "GetPassage"}
    for name, model in (("SearchPassages", SearchPassagesArgs), ("GetPassage", GetPassageArgs)):
        public = {k: v for k, v in model.model_json_schema()["properties"].items() if k not in INTERNAL_ARGS}
        assert tools[name].inputSchema["properties"] == public
        assert tools[name].outputSchema is not None


async def test_search_and_get(tmp_path: Path) -> None:
    async with stdio_session(MODULE, tmp_path) as session:
        res = await _call(session, "SearchPassages", {"query": "adapt", "limit": 3})
        found = PassageSearchResult.model_validate(res.structuredContent)
        assert found.count == 3 and found.query == "adapt"
        assert all(p.article == "7" for p in found.passages)  # stemming: "adapt" finds "adaptation"
        scores = [p.score for p in found.passages]
        assert all(s is not None for s in scores) and scores == sorted(scores, reverse=True)  # type: ignore[type-var]
        again = PassageSearchResult.model_validate(
            (await _call(session, "SearchPassages", {"query": "adapt", "limit": 3})).structuredContent
        )
        assert [p.id for p in again.passages] == [p.id for p in found.passages]  # deterministic

        res = await _call(session, "SearchPassages", {"query": "loss and damage"})
        assert PassageSearchResult.model_validate(res.structuredContent).passages[0].article == "8"
        res = await _call(session, "SearchPassages", {"query": "zzzqqq"})
        assert PassageSearchResult.model_validate(res.structuredContent).count == 0

        res = await _call(session, "GetPassage", {"id": "paris_agreement_2015_en:art7:p1"})
        passage = Passage.model_validate(res.structuredContent)
        assert passage.citation == "Paris Agreement, Art. 7(1)"
        assert passage.document == "Paris Agreement" and passage.paragraph == "1"
        assert "global goal on adaptation" in passage.text
        res = await _call(session, "GetPassage", {"id": "paris_agreement_2015_en:art2:p1"})
        assert "(a) Holding the increase" in Passage.model_validate(res.structuredContent).text
        res = await _call(session, "GetPassage", {"id": "paris_agreement_2015_en:preamble:p1"})
        assert Passage.model_validate(res.structuredContent).article is None


async def test_errors_are_clear(tmp_path: Path) -> None:
    async with stdio_session(MODULE, tmp_path) as session:
        text = _error_text(await _call(session, "GetPassage", {"id": "paris_agreement_2015_en:art99:p1"}))
        assert "unknown passage id 'paris_agreement_2015_en:art99:p1'" in text
        text = _error_text(await _call(session, "SearchPassages", {"query": "x", "limit": 0}))
        assert "limit" in text


async def test_missing_data_is_a_clear_error(tmp_path: Path) -> None:
    """PLANEXEC_DATA_DIR pointing at a folder without the documents: isError naming the file and
    the variable, on every call (never an empty success a cache could keep)."""
    empty = tmp_path / "empty"
    empty.mkdir()
    async with stdio_session(
        MODULE, tmp_path / "artifacts", env={"PLANEXEC_DATA_DIR": str(empty)}
    ) as session:
        for _ in range(2):
            text = _error_text(await _call(session, "SearchPassages", {"query": "adaptation"}))
            assert str(empty / "policy") in text and "PLANEXEC_DATA_DIR" in text
        text = _error_text(await _call(session, "GetPassage", {"id": "paris_agreement_2015_en:art7:p1"}))
        assert "PLANEXEC_DATA_DIR" in text


async def test_data_dir_setting_is_followed(tmp_path: Path) -> None:
    own = tmp_path / "data"
    (own / "policy").mkdir(parents=True)
    (own / "policy" / "toy_treaty_en.txt").write_text(
        "TOY TREATY\n\nArticle 1\n\n1. Parties shall plant trees.\n\n2. Parties shall adapt.\n",
        encoding="utf-8",
    )
    async with stdio_session(MODULE, tmp_path / "artifacts", env={"PLANEXEC_DATA_DIR": str(own)}) as session:
        found = PassageSearchResult.model_validate(
            (await _call(session, "SearchPassages", {"query": "trees"})).structuredContent
        )
        assert [p.id for p in found.passages] == ["toy_treaty_en:art1:p1"]
        assert found.passages[0].citation == "Toy Treaty, Art. 1(1)"
        text = _error_text(await _call(session, "GetPassage", {"id": "paris_agreement_2015_en:art7:p1"}))
        assert "unknown passage id" in text
