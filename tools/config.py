"""Which MCP servers the hub talks to, and how: bundled defaults, a config file, env overrides.

Resolution order (later wins):
1. the five bundled servers over stdio: `sys.executable -m tools.servers.<name>`, cwd = repo root;
2. the YAML/JSON file named by `PLANEXEC_MCP_CONFIG` (see `schemas.config.HubConfigFile`);
3. `PLANEXEC_MCP_<NAME>_URL=http://host:port/mcp` turns server <name> into a streamable-HTTP one
   (a name not configured yet is added).
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

REPO_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_SERVERS: tuple[str, ...] = ("solar", "heat", "deforestation", "geospatial", "policy")
CONFIG_ENV = "PLANEXEC_MCP_CONFIG"
_URL_ENV = re.compile(r"^PLANEXEC_MCP_([A-Z0-9_]+)_URL$")

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


def default_config() -> HubConfig:
    """The bundled servers over stdio, runnable from a clean clone without installing."""
    servers = {name: _bundled(name) for name in BUNDLED_SERVERS}
    return HubConfig(servers=servers)


def _bundled(name: str) -> ServerConfig:
    return ServerConfig(
        name=name,
        transport="stdio",
        command=sys.executable,
        args=["-m", f"planexec.tools.servers.{name}"],
        cwd=str(REPO_ROOT),
    )


def env_key(name: str) -> str:
    """The env-var infix of a server name: 'my-server' -> 'MY_SERVER'."""
    return re.sub(r"[^A-Za-z0-9]", "_", name).upper()


def load_config(environ: Mapping[str, str] | None = None) -> HubConfig:
    """Defaults, then the file named by PLANEXEC_MCP_CONFIG, then PLANEXEC_MCP_<NAME>_URL overrides."""
    env = os.environ if environ is None else environ
    raw: dict[str, dict[str, Any]] = {
        name: server.model_dump(exclude={"schema_version"})
        for name, server in default_config().servers.items()
    }
    path = env.get(CONFIG_ENV)
    if path:
        raw = _merge_file(raw, Path(path))
    raw = _merge_env_urls(raw, env)
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
    for name, fields in data.servers.items():
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


def _merge_env_urls(raw: dict[str, dict[str, Any]], env: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    merged = dict(raw)
    by_key = {env_key(name): name for name in merged}
    for var, value in env.items():
        match = _URL_ENV.match(var)
        if not match or not value.strip():
            continue
        name = by_key.get(match.group(1), match.group(1).lower())
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
