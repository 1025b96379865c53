"""Maps over HTTP: GET /artifacts/{name} serves a file of the artifact folder (auth-protected, names
only: no folders, no traversal), and `public_response` turns server file paths in a response into
those URLs (`/artifacts/<name>`, relative to the backend) — no server path ever leaves."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse

from planexec.app.http.auth import require_token
from planexec.app.http.errors import INTERNAL_MESSAGE, ApiError

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$")
PREFIX = "/artifacts/"
MEDIA = {".geojson": "application/geo+json", ".json": "application/json", ".html": "text/html"}
HIDDEN = "[server path]"

router = APIRouter(dependencies=[Depends(require_token)])


def artifact_file(folder: Path, name: str) -> Path | None:
    """The file `name` directly inside `folder`, or None (bad name, missing, or resolving elsewhere)."""
    if not NAME.match(name) or ".." in name:
        return None
    root = folder.resolve()
    path = (root / name).resolve()
    return path if path.parent == root and path.is_file() else None


@router.get("/artifacts/{name}", summary="A map (GeoJSON) written by a chat turn")
async def get_artifact(name: str, request: Request) -> FileResponse:
    path = artifact_file(request.app.state.settings.resolved_artifact_dir(), name)
    if path is None:
        raise ApiError(404, "not_found", f"no artifact named {name!r}")
    media = MEDIA.get(path.suffix, "application/octet-stream")
    return FileResponse(path, media_type=media, headers={"Cache-Control": "private, max-age=300"})


def _public(value: str, folder: Path) -> str:
    text = unquote(urlparse(value).path) if value.startswith("file://") else value
    path = Path(text)
    if path.is_absolute() and path.parent == folder:
        return PREFIX + path.name
    return HIDDEN


def _pattern(roots: tuple[str, ...]) -> re.Pattern[str]:
    """file:// URLs and absolute paths under the server's folders, anywhere in a string."""
    heads = "|".join(re.escape(r.rstrip("/") + "/") for r in sorted(roots, key=len, reverse=True))
    tail = r"[^\s'\"<>]*[^\s'\"<>.,;:!?)]"  # a sentence's closing punctuation is not part of it
    return re.compile(rf"file://{tail}|(?:{heads}){tail}")


def _walk(value: Any, folder: Path, found: re.Pattern[str]) -> Any:
    if isinstance(value, dict):
        return {k: _walk(v, folder, found) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(v, folder, found) for v in value]
    if isinstance(value, str) and ("/" in value):
        return found.sub(lambda m: _public(m.group(0), folder), value)
    return value


def public_value(value: Any, settings: Any) -> Any:
    """`value` with every server path (file:// URL or absolute path under the state folders) replaced:
    a file of the artifact folder by its /artifacts/<name> URL, anything else by "[server path]"."""
    folder = settings.resolved_artifact_dir().resolve()
    home = settings.home_path()
    roots = tuple({str(folder), str(home.resolve()), str(home)})
    return _walk(value, folder, _pattern(roots))


def public_response(response: dict[str, Any], settings: Any) -> dict[str, Any]:
    """`response` with map URLs as /artifacts/<name>, local paths dropped, internal error text hidden."""
    out = public_value(response, settings)
    for module in out.get("modules", []):
        if isinstance(module, dict) and module.get("type") == "map":
            module["geojson_path"] = None
    error = out.get("error")
    if isinstance(error, dict) and error.get("code") == "internal_error":
        error["message"] = INTERNAL_MESSAGE
    return dict(out)
