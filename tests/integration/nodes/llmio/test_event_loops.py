"""One chat model serves several event loops (`asyncio.run` twice in one process).

The server here keeps connections alive (uvicorn, HTTP/1.1), as real model servers do: a
connection pooled by the first loop must not be reused by the second.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from fastapi import FastAPI

from planexec.nodes.llmio.compat_model import CompatChatOpenAI
from tests.support.uvicorn_server import serving

pytestmark = pytest.mark.integration


def _app() -> FastAPI:
    app = FastAPI()

    @app.post("/v1/chat/completions")
    async def complete(body: dict[str, Any]) -> dict[str, Any]:
        message = {"role": "assistant", "content": f"answer {len(body['messages'])}"}
        return {
            "id": "c1",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", "m"),
            "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5},
        }

    return app


def test_one_model_answers_in_two_event_loops() -> None:
    with serving(_app()) as url:
        model = CompatChatOpenAI(model="m", api_key="k", base_url=f"{url}/v1", timeout=10, max_retries=0)  # type: ignore[arg-type]
        first = asyncio.run(model.ainvoke("hi"))
        second = asyncio.run(model.ainvoke("hi again"))  # the first loop's pooled connection is not reused
    assert (first.content, second.content) == ("answer 1", "answer 1")
