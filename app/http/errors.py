"""Error bodies and status codes: every error is `{"error": {"code", "message"}}` with a 4xx/5xx status;
internal details (exception text, server paths) go to the log, never into a response."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

log = logging.getLogger("planexec.http")

ERROR_STATUS = {
    "invalid_input": 400,
    "thread_not_found": 404,
    "nothing_to_resume": 409,
    "timeout": 503,
    "internal_error": 500,
}
"""HTTP status of a chat response whose `error.code` is one of these (any other error code: 500)."""

INTERNAL_MESSAGE = "internal error; the server log has the details"


class ApiError(HTTPException):
    """An HTTP error with a machine-readable code (an HTTPException, so body parsing lets it through)."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None):
        super().__init__(status_code=status, detail=message, headers=headers)
        self.code = code


def error_body(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


def status_of(response: dict[str, Any]) -> int:
    """200 for an answer; the error's status when the run failed."""
    error = response.get("error")
    return ERROR_STATUS.get(str(error.get("code")), 500) if isinstance(error, dict) else 200


def _http_code(status: int) -> str:
    return {401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed"}.get(
        status, f"http_{status}"
    )


async def _api_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code = exc.code if isinstance(exc, ApiError) else _http_code(exc.status_code)
    return JSONResponse(error_body(code, str(exc.detail)), exc.status_code, headers=exc.headers)


async def _invalid(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    if "json" not in request.headers.get("content-type", ""):  # strict: no CSRF through simple requests
        return JSONResponse(
            error_body("invalid_input", "body: send JSON with Content-Type: application/json"), 400
        )
    errors = exc.errors()
    first = errors[0] if errors else {"loc": (), "msg": "invalid request"}
    where = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "body"
    message = "body: not valid JSON" if first.get("type") == "json_invalid" else f"{where}: {first['msg']}"
    return JSONResponse(error_body("invalid_input", message), 400)


async def _internal(request: Request, exc: Exception) -> JSONResponse:
    log.error(
        "unhandled error",
        exc_info=exc,
        extra={"path": request.url.path, "method": request.method, "error_type": type(exc).__name__},
    )
    return JSONResponse(error_body("internal_error", INTERNAL_MESSAGE), 500)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _api_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(Exception, _internal)
