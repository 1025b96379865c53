"""`planexec serve` over real HTTP: auth, CORS, body limits (while reading), status codes, OpenAPI,
artifacts over HTTP with no server path in any response."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pytest

from planexec.app.commands.serve import is_loopback
from tests.integration.app.served import served
from tests.support.offline_env import cli

pytestmark = pytest.mark.integration
TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ORIGIN = "http://allowed.example"
ENV = {
    "PLANEXEC_API_TOKEN": TOKEN,
    "PLANEXEC_CORS_ORIGINS": f"{ORIGIN}, http://other.example",
    "PLANEXEC_HTTP_BODY_TIMEOUT_S": "1.5",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int, Path]]:
    home = tmp_path_factory.mktemp("http-home")
    with served(home, **ENV) as (base, process):
        yield base, process.pid, home


@pytest.fixture(scope="module")
def base(server: tuple[str, int, Path]) -> str:
    return server[0]


def test_api_routes_need_the_bearer_token(base: str) -> None:
    body = {"query": "x", "target_language": "klingon"}
    missing = httpx.post(f"{base}/chat", json=body, timeout=30)
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    assert missing.json()["error"]["code"] == "unauthorized"
    wrong = httpx.post(f"{base}/chat", json=body, headers={"Authorization": "Bearer nope"}, timeout=30)
    assert wrong.status_code == 403 and wrong.json()["error"]["code"] == "forbidden"
    right = httpx.post(f"{base}/chat", json=body, headers=AUTH, timeout=30)
    assert right.status_code == 400 and "klingon" in right.json()["error"]["message"]
    for path in ("/chat/stream", "/chat/resume", "/ag-ui"):
        assert httpx.post(f"{base}{path}", json={}, timeout=30).status_code == 401
    assert httpx.get(f"{base}/artifacts/x.geojson", timeout=30).status_code == 401


def test_public_routes_need_no_token(base: str) -> None:
    assert httpx.get(f"{base}/healthz", timeout=10).json() == {"status": "ok"}
    assert httpx.get(f"{base}/readyz", timeout=10).json()["status"] == "ready"
    page = httpx.get(f"{base}/", timeout=10)
    assert page.status_code == 200 and "/static/vendor/leaflet/leaflet.js" in page.text
    leaflet = httpx.get(f"{base}/static/vendor/leaflet/leaflet.js", timeout=10)
    assert leaflet.status_code == 200 and "Leaflet" in leaflet.text[:500]
    spec = httpx.get(f"{base}/openapi.json", timeout=10).json()
    assert {"/chat", "/chat/stream", "/chat/resume", "/ag-ui", "/artifacts/{name}"} <= set(spec["paths"])
    assert "ChatRequest" in json.dumps(spec["paths"]["/chat"])


def test_cors_preflight(base: str) -> None:
    asked = {
        "Origin": ORIGIN,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type",
    }
    ok = httpx.options(f"{base}/chat/stream", headers=asked, timeout=10)
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == ORIGIN
    assert "POST" in ok.headers["access-control-allow-methods"]
    assert "authorization" in ok.headers["access-control-allow-headers"].lower()
    refused = httpx.options(f"{base}/chat", headers={**asked, "Origin": "http://evil.example"}, timeout=10)
    assert refused.status_code == 400 and "access-control-allow-origin" not in refused.headers
    simple = httpx.get(f"{base}/healthz", headers={"Origin": ORIGIN}, timeout=10)
    assert simple.headers["access-control-allow-origin"] == ORIGIN


def test_status_codes(base: str) -> None:
    assert httpx.get(f"{base}/chat", headers=AUTH, timeout=10).status_code == 405
    assert httpx.get(f"{base}/nowhere", timeout=10).status_code == 404
    bad = httpx.post(f"{base}/chat", content=b"{", headers={**AUTH, "Content-Type": "application/json"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_input"
    big = httpx.post(f"{base}/chat", content=b"x" * 300_000, headers=AUTH, timeout=30)
    assert big.status_code == 413 and big.json()["error"]["code"] == "too_large"
    unknown = httpx.post(f"{base}/chat/resume", json={"thread_id": "nope"}, headers=AUTH, timeout=30)
    assert unknown.status_code == 404


def _chunks(total: int, size: int = 1 << 20) -> Iterator[bytes]:
    block = b"x" * size
    for _ in range(total // size):
        yield block


def test_a_streamed_100_mb_body_is_refused_while_reading(server: tuple[str, int, Path]) -> None:
    base, pid, _ = server
    process = psutil.Process(pid)
    before = process.memory_info().rss
    for _ in range(2):
        try:
            reply = httpx.post(f"{base}/chat", content=_chunks(100 << 20), headers=AUTH, timeout=60)
            assert reply.status_code == 413
        except httpx.TransportError:
            pass  # the server answered 413 and closed the connection while we were still sending
    grown = process.memory_info().rss - before
    assert grown < 50 << 20, f"server RSS grew {grown / 2**20:.0f} MB"
    assert httpx.get(f"{base}/healthz", timeout=10).status_code == 200


def test_a_slow_body_times_out_with_408(base: str) -> None:
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        head = (
            f"POST /chat HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {TOKEN}\r\n"
            "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
        )
        sock.sendall(head.encode() + b'{"query": "')
        started = time.monotonic()
        answer = sock.recv(4096).decode()
    assert answer.startswith("HTTP/1.1 408") and "body_timeout" in answer
    assert time.monotonic() - started < 10


def test_maps_are_served_as_artifact_urls_never_as_paths(server: tuple[str, int, Path]) -> None:
    base, _, home = server
    reply = httpx.post(
        f"{base}/chat", json={"query": "map of solar plants in Bahia"}, headers=AUTH, timeout=120
    )
    assert reply.status_code == 200
    text = reply.text
    assert "file://" not in text and str(home) not in text
    module = next(m for m in reply.json()["modules"] if m["type"] == "map")
    url = module["geojson_url"]
    assert url.startswith("/artifacts/") and module["geojson_path"] is None
    assert httpx.get(f"{base}{url}", timeout=10).status_code == 401
    served_map = httpx.get(f"{base}{url}", headers=AUTH, timeout=10)
    assert served_map.status_code == 200 and served_map.headers["content-type"] == "application/geo+json"
    assert served_map.json()["type"] == "FeatureCollection"
    (home / "secret.txt").write_text("no")
    for name in ("..%2Fsecret.txt", "%2E%2E%2Fsecret.txt", "%2Fetc%2Fpasswd", ".hidden", "nope.geojson"):
        assert httpx.get(f"{base}/artifacts/{name}", headers=AUTH, timeout=10).status_code == 404
    assert httpx.get(f"{base}/artifacts/..%2F..%2Fsecret.txt", headers=AUTH, timeout=10).status_code == 404


def test_serve_refuses_a_public_address_without_a_token(tmp_path: Path) -> None:
    done = cli(tmp_path, "serve", "--host", "0.0.0.0", "--port", "1", timeout_s=60)
    assert done.returncode == 2 and "PLANEXEC_API_TOKEN" in done.stderr
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("10.1.2.3")
