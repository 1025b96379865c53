"""Liveness (/healthz: the process answers) and readiness (/readyz: started, not shutting down, and
the databases and MCP servers reachable — app/http/readiness.py; 503 names what is down)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from planexec.app.http.readiness import readiness, readiness_context

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="Liveness")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="Readiness: 503 while starting or shutting down")
async def readyz(request: Request) -> JSONResponse:
    runs = request.app.state.runs
    if runs.draining:
        return JSONResponse({"status": "shutting_down"}, 503)
    state = request.app.state
    down = await readiness(state.settings, readiness_context(state))
    if down:  # databases unreachable or MCP servers not listing tools: name them
        return JSONResponse({"status": "not_ready", "down": down}, 503)
    return JSONResponse({"status": "ready", "running": runs.active})
