"""/readyz reflects the databases and the MCP servers; /healthz stays liveness."""

from __future__ import annotations

import httpx
import pytest

from planexec.app.server import build_app
from planexec.nodes.context import ChatContext
from planexec.schemas.settings import Settings
from tests.support.postgres import private_cluster_handle

pytestmark = pytest.mark.integration


async def _get(app: object, path: str) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        return await client.get(path, timeout=60)


async def test_readyz_turns_503_naming_the_store_while_postgres_is_down() -> None:
    with private_cluster_handle() as pg:
        settings = Settings(store_url=pg.url)
        app = build_app(ChatContext(settings=settings), settings=settings)
        ready = await _get(app, "/readyz")
        assert ready.status_code == 200, ready.text
        assert ready.json()["status"] == "ready"
        pg.stop()
        down = await _get(app, "/readyz")
        assert down.status_code == 503
        body = down.json()
        assert body["status"] == "not_ready" and list(body["down"]) == ["store"]
        assert (await _get(app, "/healthz")).json() == {"status": "ok"}  # liveness is unaffected
        pg.start()
        assert (await _get(app, "/readyz")).status_code == 200


async def test_readyz_names_an_mcp_server_that_cannot_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANEXEC_MCP_BROKEN_URL", "http://127.0.0.1:9/mcp")
    settings = Settings()
    from planexec.tools.client.config import load_config
    from planexec.tools.client.hub import ToolHub

    hub = ToolHub(load_config(settings))
    try:
        app = build_app(ChatContext(settings=settings, hub=hub), settings=settings)
        res = await _get(app, "/readyz")
    finally:
        hub.close()
    assert res.status_code == 503
    assert list(res.json()["down"]) == ["mcp:broken"]
