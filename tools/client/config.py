"""Which MCP servers the hub talks to, and how: bundled defaults, a config file, env overrides.

Resolution order (later wins), all read from `Settings`:
1. the five bundled servers over stdio: `sys.executable -m planexec.tools.servers.<name>` (any cwd),
   each told its artifact folder and handle store explicitly (env PLANEXEC_ARTIFACT_DIR =
   Settings.resolved_artifact_dir(), PLANEXEC_HANDLE_STORE_URL = Settings.resolved_handle_store_url(),
   so every server of one hub publishes and reads handles in the same store whenever it is started;
   PLANEXEC_DATA_DIR too when Settings.data_dir is set);
2. the YAML/JSON file named by Settings.mcp_config (PLANEXEC_MCP_CONFIG; see
   `schemas.config.HubConfigFile`): planexec's own `servers:` format and/or the standard
   `{"mcpServers": {name: {command, args, env, cwd} | {url, headers, type}}}` file other MCP
   clients use (entries merge over the bundled default of the same name, e.g. `solar`);
3. Settings.mcp_urls (`PLANEXEC_MCP_<NAME>_URL=http://host:port/mcp`) turns server <name> into a
   streamable-HTTP one (a name not configured yet is added).
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from planexec.schemas.config import HubConfig, HubConfigFile, ServerConfig
from planexec.schemas.settings import Settings

BUNDLED_SERVERS: tuple[str, ...] = ("solar", "heat", "deforestation", "geospatial", "policy")
CONFIG_ENV = "PLANEXEC_MCP_CONFIG"
ARTIFACT_DIR_ENV = "PLANEXEC_ARTIFACT_DIR"
DATA_DIR_ENV = "PLANEXEC_DATA_DIR"
HANDLE_STORE_ENV = "PLANEXEC_HANDLE_STORE_URL"

# Inherited by stdio children besides the MCP SDK's default set (HOME, PATH, ...).
# A trailing '*' matches a prefix.
INHERITED_ENV: tuple[str, ...] = (
    "PLANEXEC_*",
    "PYTHON*",
    "VIRTUAL_ENV",
    "CONDA_PREFIX",
    "LANG",
    "LC_*",
    "TZ",
    "TMPDIR",
    "TEMP",
    "TMP",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "REQUESTS_CA_BUNDLE",
    "PROJ_*",
    "GDAL_*",
)


class ConfigError(ValueError):
    """The MCP server configuration is invalid (message names the source and the field)."""


def default_config(settings: Settings | None = None) -> HubConfig:
    """The bundled servers over stdio (this interpreter, any cwd), given their folders explicitly."""
    settings = settings or Settings()
    env = {
        ARTIFACT_DIR_ENV: str(settings.resolved_artifact_dir()),
        HANDLE_STORE_ENV: settings.resolved_handle_store_url(),
    }
    if settings.data_dir is not None:
        env[DATA_DIR_ENV] = str(settings.data_dir.expanduser().resolve())
    servers = {name: _bundled(name, env) for name in BUNDLED_SERVERS}
    return HubConfig(servers=servers)


def _bundled(name: str, env: dict[str, str]) -> ServerConfig:
    return ServerConfig(
        name=name,
        transport="stdio",
        command=sys.executable,
        args=["-m", f"planexec.tools.servers.{name}"],
        env=dict(env),
    )


def env_key(name: str) -> str:
    """The env-var infix of a server name: 'my-server' -> 'MY_SERVER'."""
    return re.sub(r"[^A-Za-z0-9]", "_", name).upper()


def load_config(settings: Settings | None = None) -> HubConfig:
    """Defaults, then the file Settings.mcp_config (PLANEXEC_MCP_CONFIG), then Settings.mcp_urls
    (PLANEXEC_MCP_<NAME>_URL); `settings` is read now when not given."""
    settings = settings or Settings()
    raw: dict[str, dict[str, Any]] = {
        name: server.model_dump(exclude={"schema_version"})
        for name, server in default_config(settings).servers.items()
    }
    if settings.mcp_config is not None:
        raw = _merge_file(raw, settings.mcp_config.expanduser())
    raw = _merge_urls(raw, settings.mcp_urls)
    servers: dict[str, ServerConfig] = {}
    for name, fields in raw.items():
        try:
            server = ServerConfig.model_validate({**fields, "name": name})
        except ValidationError as exc:
            raise ConfigError(f"invalid MCP server config {name!r}: {_first_error(exc)}") from exc
        if server.enabled:
            servers[name] = server
    return HubConfig(servers=servers)


def _merge_file(raw: dict[str, dict[str, Any]], path: Path) -> dict[str, dict[str, Any]]:
    data = read_config_file(path)
    merged = {} if data.replace_defaults else dict(raw)
    try:
        entries = data.entries()
    except ValueError as exc:
        raise ConfigError(f"MCP config file {path}: {exc}") from exc
    for name, fields in entries.items():
        base = dict(merged.get(name, {}))
        if "url" in fields and "transport" not in fields:
            base["transport"] = "http"
        if fields.get("command") and "transport" not in fields:
            base["transport"] = "stdio"
        base.update(fields)
        merged[name] = base
    return merged


def read_config_file(path: Path) -> HubConfigFile:
    """Parse and validate a YAML or JSON config file; ConfigError with the path on any problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read MCP config file {path} ({CONFIG_ENV}): {exc}") from exc
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"MCP config file {path} is not valid {_kind(path)}: {exc}") from exc
    if data is None:
        data = {}
    try:
        return HubConfigFile.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"MCP config file {path}: {_first_error(exc)}") from exc


def _merge_urls(raw: dict[str, dict[str, Any]], urls: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    """Apply {'<name as in PLANEXEC_MCP_<NAME>_URL, lower-cased>': url}; 'my_server' finds 'my-server'."""
    merged = dict(raw)
    by_key = {env_key(name): name for name in merged}
    for key, value in urls.items():
        if not value.strip():
            continue
        name = by_key.get(env_key(key), key)
        base = dict(merged.get(name, {}))
        base.update(transport="http", url=value.strip(), enabled=True)
        merged[name] = base
    return merged


def child_environment(server: ServerConfig, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """Variables a stdio child inherits (resolved at start time) plus the server's own `env`."""
    env = os.environ if environ is None else environ
    patterns = (*INHERITED_ENV, *server.env_passthrough)
    inherited = {key: value for key, value in env.items() if _matches(key, patterns)}
    return {**inherited, **server.env}


def _matches(key: str, patterns: tuple[str, ...]) -> bool:
    for pattern in patterns:
        if pattern.endswith("*"):
            if key.startswith(pattern[:-1]):
                return True
        elif key == pattern:
            return True
    return False


def _kind(path: Path) -> str:
    return "JSON" if path.suffix == ".json" else "YAML"


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(part) for part in err.get("loc", ()))
    more = f" (+{exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"{loc}: {err.get('msg')}{more}" if loc else f"{err.get('msg')}{more}"
