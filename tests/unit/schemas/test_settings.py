"""The one Settings model: env names, defaults, no side effects, and the README's table."""

from __future__ import annotations

from pathlib import Path

import pytest

from planexec.schemas.settings import Settings
from tests.support.offline_env import REPO_ROOT


def test_every_setting_is_in_the_readme_table() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        if name in {"settings_version", "mcp_urls"}:
            continue
        assert f"`PLANEXEC_{name.upper()}`" in readme, f"PLANEXEC_{name.upper()} is not documented"
    assert "`PLANEXEC_MCP_<NAME>_URL`" in readme


def test_reads_prefixed_variables(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PLANEXEC_HOME", str(tmp_path))
    monkeypatch.setenv("PLANEXEC_QUERY_TIMEOUT_S", "12.5")
    monkeypatch.setenv("PLANEXEC_MCP_SOLAR_URL", "http://127.0.0.1:9/mcp")
    settings = Settings()
    assert settings.home == tmp_path and settings.query_timeout_s == 12.5
    assert settings.mcp_urls == {"solar": "http://127.0.0.1:9/mcp"}
    assert settings.resolved_checkpoint_url() == f"sqlite:///{tmp_path / 'checkpoints.sqlite'}"
    assert settings.resolved_artifact_dir() == tmp_path / "artifacts"


def test_reading_settings_creates_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PLANEXEC_HOME", str(tmp_path / "not-yet"))
    settings = Settings()
    settings.resolved_store_url()
    settings.resolved_artifact_dir()
    assert not (tmp_path / "not-yet").exists()


def test_default_home_is_the_per_user_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("PLANEXEC_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert Settings().home == tmp_path / "xdg" / "planexec"


@pytest.mark.parametrize(("key", "base", "off", "enabled"), [
    ("k", None, "", True), (None, "http://127.0.0.1:1/v1", "", True), ("k", None, "off", False),
    (None, None, "", False),
])  # fmt: skip
def test_llm_enabled(
    monkeypatch: pytest.MonkeyPatch, key: str | None, base: str | None, off: str, enabled: bool
) -> None:
    for name, value in (("OPENAI_API_KEY", key), ("OPENAI_BASE_URL", base), ("PLANEXEC_LLM", off)):
        if value:
            monkeypatch.setenv(name, value)
        else:
            monkeypatch.delenv(name, raising=False)
    assert Settings().llm_enabled is enabled


def test_invalid_values_are_rejected_with_the_variable_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANEXEC_LLM_TIMEOUT_S", "-1")
    with pytest.raises(ValueError, match="llm_timeout_s"):
        Settings()
