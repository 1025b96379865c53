"""The HTTP layer's path hygiene: artifact names resolve only inside the artifact folder, and server
paths in a response become artifact URLs or a placeholder."""

from __future__ import annotations

from pathlib import Path

import pytest

from planexec.app.commands.serve import is_loopback
from planexec.app.http.artifacts import HIDDEN, artifact_file, public_response, public_value
from planexec.schemas.settings import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home", artifact_dir=tmp_path / "home" / "artifacts")


def test_artifact_names_stay_inside_the_folder(settings: Settings, tmp_path: Path) -> None:
    folder = settings.resolved_artifact_dir()
    folder.mkdir(parents=True)
    (folder / "m.geojson").write_text("{}")
    (tmp_path / "secret.txt").write_text("no")
    (folder / "link.geojson").symlink_to(tmp_path / "secret.txt")
    assert artifact_file(folder, "m.geojson") == (folder / "m.geojson").resolve()
    for name in ("../secret.txt", "..", ".m.geojson", "/etc/passwd", "a/b", "link.geojson", "none.geojson"):
        assert artifact_file(folder, name) is None, name


def test_server_paths_become_artifact_urls_or_a_placeholder(settings: Settings) -> None:
    folder = settings.resolved_artifact_dir().resolve()
    response = {
        "modules": [
            {
                "type": "map",
                "geojson_url": (folder / "c_1.geojson").as_uri(),
                "geojson_path": str(folder / "c_1.geojson"),
            }
        ],
        "metadata": {
            "plan": [
                {"facts": {"path": str(folder / "c_1.geojson"), "db": str(settings.home_path() / "x.db")}}
            ],
            "narration": f"written to {folder / 'c_1.geojson'} and file:///etc/passwd.",
        },
        "error": {"code": "internal_error", "message": f"OperationalError: {settings.home_path()}/x.db"},
    }
    public = public_response(response, settings)
    assert public["modules"][0] == {
        "type": "map",
        "geojson_url": "/artifacts/c_1.geojson",
        "geojson_path": None,
    }
    facts = public["metadata"]["plan"][0]["facts"]
    assert facts == {"path": "/artifacts/c_1.geojson", "db": HIDDEN}
    assert public["metadata"]["narration"] == f"written to /artifacts/c_1.geojson and {HIDDEN}."
    assert str(settings.home_path()) not in public["error"]["message"]
    assert public_value({"q": "a/b and 3/4 km"}, settings) == {"q": "a/b and 3/4 km"}


def test_cors_origins_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANEXEC_CORS_ORIGINS", "http://a.example, http://b.example")
    assert Settings().cors_origins == ["http://a.example", "http://b.example"]
    monkeypatch.setenv("PLANEXEC_CORS_ORIGINS", '["*"]')
    assert Settings().cors_origins == ["*"]
    monkeypatch.delenv("PLANEXEC_CORS_ORIGINS")
    assert Settings().cors_origins == []
    assert "api_token" not in repr(Settings(api_token="t"))


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("::1", True), ("localhost", True), ("0.0.0.0", False), ("10.1.2.3", False)],
)
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
