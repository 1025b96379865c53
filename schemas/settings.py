"""Every `PLANEXEC_*` setting in one typed model, read from the environment (pydantic-settings).

Read it where a process starts work (an API call, a CLI command, a server's start) with
`Settings()` and pass it down; nothing reads `os.environ` for a `PLANEXEC_*` name elsewhere
(`PLANEXEC_MCP_<NAME>_URL` overrides are collected into `mcp_urls`). Reading has no side effect:
folders are created by the code that writes into them (`ensure_dir`), never by reading settings.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from platformdirs import user_data_path
from pydantic import AliasChoices, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

SETTINGS_VERSION = "1.0.0"
_MCP_URL_PREFIX, _MCP_URL_SUFFIX = "PLANEXEC_MCP_", "_URL"
_OFF = {"off", "0", "false", "no", "none"}


def default_home() -> Path:
    """The per-user data folder (e.g. ~/.local/share/planexec on Linux)."""
    return user_data_path("planexec", appauthor=False)


def mcp_url_overrides(environ: Mapping[str, str]) -> dict[str, str]:
    """`PLANEXEC_MCP_<NAME>_URL=...` pairs as {'<name>': url} (name lower-cased, '_' kept)."""
    out: dict[str, str] = {}
    for key, value in environ.items():
        if key.startswith(_MCP_URL_PREFIX) and key.endswith(_MCP_URL_SUFFIX) and value:
            name = key[len(_MCP_URL_PREFIX) : -len(_MCP_URL_SUFFIX)]
            if name:
                out[name.lower()] = value
    return out


class Settings(BaseSettings):
    """planexec's configuration. Each field reads `PLANEXEC_<FIELD>` unless its alias says more."""

    model_config = SettingsConfigDict(env_prefix="PLANEXEC_", extra="ignore", populate_by_name=True)

    settings_version: str = Field(
        default=SETTINGS_VERSION, description="Version of this settings model.", exclude=True
    )
    home: Path = Field(
        default_factory=default_home,
        description="State folder: checkpoints, artifacts, maps, drafting DB, memory index.",
    )
    checkpoint_url: str | None = Field(
        default=None,
        description="Checkpointer: memory://, sqlite:///file.db or postgresql://… (default SQLite in home).",
    )
    store_url: str | None = Field(
        default=None,
        description="Artifact store + result cache, same schemes (default SQLite in home).",
    )
    draft_db_url: str | None = Field(
        default=None, description="Drafting DB: sqlite:///file.db or postgresql://… (default SQLite in home)."
    )
    artifact_dir: Path | None = Field(
        default=None, description="Folder the servers write maps into (default <home>/artifacts)."
    )
    data_dir: Path | None = Field(
        default=None, description="Datasets folder for the bundled servers (default: the package's data)."
    )
    mcp_config: Path | None = Field(
        default=None, description="YAML/JSON file describing MCP servers (default: the bundled five)."
    )
    mcp_urls: dict[str, str] = Field(
        default_factory=dict,
        description="From PLANEXEC_MCP_<NAME>_URL: run server <name> over streamable HTTP at this URL.",
    )
    llm: str = Field(default="", description="'off' forces rules and templates even when a model is set.")
    llm_api_key: str | None = Field(
        default=None,
        validation_alias=AliasChoices("PLANEXEC_LLM_API_KEY", "OPENAI_API_KEY"),
        description="API key of the OpenAI-compatible server (falls back to OPENAI_API_KEY).",
        repr=False,
    )
    llm_base_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("PLANEXEC_LLM_BASE_URL", "OPENAI_BASE_URL"),
        description="Base URL of the OpenAI-compatible server (falls back to OPENAI_BASE_URL).",
    )
    llm_model: str = Field(default="gpt-4o-mini", description="Model name sent to the server.")
    llm_timeout_s: float = Field(default=30.0, gt=0, description="Timeout of one model call, seconds.")
    llm_structured: Literal["auto", "json_schema", "json_object", "tools", "prompt"] = Field(
        default="auto",
        description="How structured answers are asked for: 'auto' tries json_schema, then json_object "
        "(+schema), then a forced tool call, then the schema in the prompt, stepping down when the server "
        "rejects a form (remembered per endpoint); or state the form the server supports.",
    )
    llm_proposer_policy: Literal["tie_breaker", "primary"] = Field(
        default="tie_breaker",
        description="'tie_breaker': the LLM is asked only when the rules are unsure (its proposal is "
        "recorded beside the rules' choice); 'primary': the LLM decides among the legal edges.",
    )
    llm_timeout_route_s: float | None = Field(
        default=None, gt=0, description="Timeout of a routing (edge) proposal call; default llm_timeout_s."
    )
    llm_timeout_slots_s: float | None = Field(
        default=None, gt=0, description="Timeout of a slot proposal call; default llm_timeout_s."
    )
    llm_timeout_narration_s: float | None = Field(
        default=None,
        gt=0,
        description="Budget of the narration; the template answers when it is spent. Default llm_timeout_s.",
    )
    llm_max_tokens_route: int = Field(default=200, ge=16, description="max_tokens of a routing call.")
    llm_max_tokens_slots: int = Field(default=400, ge=16, description="max_tokens of a slot proposal call.")
    llm_max_tokens_narration: int = Field(default=250, ge=16, description="max_tokens of the narration.")
    llm_max_tokens_agent: int = Field(default=600, ge=16, description="max_tokens of a general-agent call.")
    llm_max_tokens_draft: int = Field(default=900, ge=16, description="max_tokens of a drafted section.")
    query_timeout_s: float = Field(default=600.0, gt=0, description="Budget of one chat turn, seconds.")
    agent_timeout_s: float = Field(default=180.0, gt=0, description="Budget of the general agent, seconds.")
    geo_session_ttl_s: float = Field(
        default=3600.0, gt=0, description="Geospatial server: an entity set unused this long expires."
    )
    geo_max_sessions: int = Field(default=256, ge=1, description="Geospatial server: entity sets kept.")
    geo_max_entities: int = Field(
        default=2_000_000, ge=1, description="Geospatial server: entities per set at most."
    )
    retention_ttl_s: float = Field(
        default=7 * 86400.0,
        ge=0,
        description="Threads whose latest checkpoint is older than this, and artifacts, maps and data "
        "handles no live thread uses, are deleted (0 keeps everything).",
    )
    retention_max_bytes: int = Field(
        default=1_000_000_000,
        ge=0,
        description="Size cap of the artifact store, of the maps folder and of the handle store, each; "
        "oldest unused first (0: no cap).",
    )
    cache_ttl_s: float = Field(
        default=3600.0, gt=0, description="Result cache: an entry expires this long after."
    )
    retention_interval_s: float = Field(
        default=600.0, ge=0, description="Automatic pruning runs at most once per this long per process."
    )
    handle_store_url: str | None = Field(
        default=None,
        description="Store data handles are published to (file:///folder, sqlite:///file.db or "
        "postgresql://…; default folder <home>/handles). Servers on other hosts need a shared URL.",
    )
    map_max_unmatched: int = Field(
        default=2_000,
        ge=0,
        description="Geospatial map: unmatched points drawn one by one at most; beyond it they are "
        "aggregated as a count per grid cell.",
    )
    map_max_matched: int = Field(
        default=5_000,
        ge=0,
        description="Geospatial map: matched points drawn one by one at most (round-robin over grid "
        "cells, nearest to their partner first); the rest as a count per grid cell.",
    )
    uploads_dir: Path | None = Field(
        default=None,
        description="Drafting inputs: the only folder files are read from (default <home>/uploads); "
        "anything else reaches the drafting graph as uploaded content copied into it.",
    )

    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="HTTP backend: origins allowed to call it from a browser (comma-separated or a JSON "
        "list; '*' allows any; default none: same-origin only).",
    )
    api_token: str | None = Field(
        default=None,
        description="HTTP backend: when set, every API route needs `Authorization: Bearer <token>`; "
        "`planexec serve` refuses a non-loopback address without it.",
        repr=False,
    )
    http_max_body_bytes: int = Field(
        default=200_000, ge=1, description="HTTP backend: largest request body (counted while reading)."
    )
    http_body_timeout_s: float = Field(
        default=10.0, gt=0, description="HTTP backend: a request body must arrive within this long."
    )
    http_max_concurrent_runs: int = Field(
        default=8, ge=1, description="HTTP backend: chat turns running at once; more get 429."
    )
    http_sse_ping_s: float = Field(
        default=15.0, gt=0, description="HTTP backend: keep-alive comment on idle event streams, seconds."
    )
    http_shutdown_grace_s: float = Field(
        default=30.0,
        ge=0,
        description="HTTP backend: on shutdown running turns get this long to finish (then they stop at "
        "their last checkpoint; resume them by thread).",
    )

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: Any) -> Any:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [part.strip() for part in text.split(",") if part.strip()]
        return value

    @model_validator(mode="before")
    @classmethod
    def _collect_mcp_urls(cls, data: Any) -> Any:
        if isinstance(data, dict) and "mcp_urls" not in data:
            urls = mcp_url_overrides(os.environ)
            if urls:
                data = {**data, "mcp_urls": urls}
        return data

    @property
    def llm_enabled(self) -> bool:
        """A model is configured (key or base URL) and not switched off."""
        return self.llm.strip().lower() not in _OFF and bool(self.llm_api_key or self.llm_base_url)

    def home_path(self) -> Path:
        return self.home.expanduser()

    def resolved_checkpoint_url(self) -> str:
        return self.checkpoint_url or f"sqlite:///{self.home_path() / 'checkpoints.sqlite'}"

    def resolved_store_url(self) -> str:
        return self.store_url or f"sqlite:///{self.home_path() / 'artifacts.sqlite'}"

    def resolved_draft_db_url(self) -> str:
        return self.draft_db_url or f"sqlite:///{self.home_path() / 'drafts.sqlite'}"

    def resolved_artifact_dir(self) -> Path:
        return (self.artifact_dir or self.home_path() / "artifacts").expanduser()

    def resolved_handle_store_url(self) -> str:
        return self.handle_store_url or (self.home_path() / "handles").resolve().as_uri()

    def resolved_uploads_dir(self) -> Path:
        return (self.uploads_dir or self.home_path() / "uploads").expanduser()

    def memory_dir(self) -> Path:
        return self.home_path() / "memory"


def ensure_dir(path: Path) -> Path:
    """Create `path` (and parents) when about to write into it; return it."""
    path.mkdir(parents=True, exist_ok=True)
    return path
