"""Which server errors mean "this form is not accepted" (step down) and which do not."""

from __future__ import annotations

import httpx
import openai

from planexec.nodes.llmio.errors import describe_failure, refuses_form, refuses_stream

REQUEST = httpx.Request("POST", "http://127.0.0.1:9/v1/chat/completions")


def _status(status: int, message: str) -> openai.APIStatusError:
    response = httpx.Response(status, request=REQUEST, json={"error": {"message": message}})
    return openai.APIStatusError(message, response=response, body={"error": {"message": message}})


def test_a_refusal_naming_the_form_steps_down() -> None:
    assert refuses_form(
        _status(500, "1 validation error: response_format.type expected 'text' or 'json_object'")
    )
    assert refuses_form(_status(400, "tools are not supported by this model"))
    assert refuses_form(_status(501, "Not Implemented"))


def test_plain_errors_timeouts_and_connection_errors_do_not_step_down() -> None:
    assert not refuses_form(_status(500, "CUDA out of memory"))
    assert not refuses_form(_status(429, "response_format: rate limited"))
    assert not refuses_form(openai.APITimeoutError(request=REQUEST))
    assert not refuses_form(openai.APIConnectionError(request=REQUEST))


def test_a_stream_refusal_is_told_apart_from_a_form_refusal_echoing_stream() -> None:
    assert refuses_stream(_status(400, "stream: streaming is not supported"))
    assert not refuses_stream(_status(500, "response_format json_schema invalid; request: {'stream': True}"))


def test_failures_are_described_briefly() -> None:
    assert describe_failure(openai.APITimeoutError(request=REQUEST), 2.5) == "late: no answer within 2.5s"
    assert describe_failure(_status(502, "Bad Gateway"), 5) == "HTTP 502 from the model server"
    assert describe_failure(ValueError("boom\nmore"), 5) == "call failed: ValueError: boom"
