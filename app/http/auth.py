"""Bearer-token auth: with `Settings.api_token` set, API routes need `Authorization: Bearer <token>`."""

from __future__ import annotations

import hmac

from fastapi import Request

from planexec.app.http.errors import ApiError

_CHALLENGE = {"WWW-Authenticate": "Bearer"}


def require_token(request: Request) -> None:
    """FastAPI dependency: 401 without credentials, 403 with a wrong token (constant-time compare)."""
    token: str | None = request.app.state.settings.api_token
    if not token:
        return
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError(
            401, "unauthorized", "missing bearer token (Authorization: Bearer <token>)", _CHALLENGE
        )
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ApiError(403, "forbidden", "the bearer token is not valid")
