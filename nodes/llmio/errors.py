"""Why an LLM call failed: the `AnswerRejected` error, short reasons, and what an HTTP error says.

A server that does not accept a request form answers 4xx/5xx with a body naming the part it refused
(`response_format`, `json_schema`, `tools`, `stream`, ...). Those answers make the caller step down to
a weaker form; timeouts, connection errors and plain server errors never do.
"""

from __future__ import annotations

from planexec.schemas.usage import TokenUsage

FORM_STATUSES = frozenset({400, 415, 422, 500, 501})
FORM_WORDS = (
    "response_format",
    "json_schema",
    "json_object",
    "schema",
    "grammar",
    "tool",
    "function",
    "not supported",
    "unsupported",
    "not implemented",
)
STREAM_WORDS = ("stream",)
FORM_PARTS = ("response_format", "json_schema", "json_object", "tool", "grammar")


class AnswerRejected(ValueError):
    """A model answer that cannot be used. `str(exc)` is the short reason recorded; `usage` holds what the
    failed call(s) cost (server counts or estimates), marked as failed."""

    def __init__(self, reason: str, usage: TokenUsage | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.usage = usage if usage is not None else TokenUsage()


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def status_of(exc: BaseException) -> int | None:
    """The HTTP status of an error raised by the client (or one it wraps), if any."""
    for err in _chain(exc):
        status = getattr(err, "status_code", None)
        if isinstance(status, int):
            return status
    return None


def error_text(exc: BaseException) -> str:
    """Everything the error says (messages and bodies of the chain), lower-cased."""
    parts = []
    for err in _chain(exc):
        parts.append(str(err))
        body = getattr(err, "body", None)
        if body is not None:
            parts.append(str(body))
    return " ".join(parts).lower()


def is_late(exc: BaseException) -> bool:
    return any(isinstance(e, TimeoutError) or "timeout" in type(e).__name__.lower() for e in _chain(exc))


def dropped_connection(exc: BaseException) -> bool:
    """The server closed the connection without answering (e.g. a keep-alive connection it broke off while
    failing the request before); never a timeout."""
    names = {type(e).__name__ for e in _chain(exc)}
    return not is_late(exc) and bool(names & {"APIConnectionError", "RemoteProtocolError", "ConnectError"})


def refuses(exc: BaseException, words: tuple[str, ...]) -> bool:
    """True when the error is an HTTP refusal (400/415/422/500/501) whose text names one of `words`
    (501 Not Implemented always counts); never for timeouts or connection errors."""
    status = status_of(exc)
    if status is None or status not in FORM_STATUSES or is_late(exc):
        return False
    return status == 501 or any(word in error_text(exc) for word in words)


def refuses_form(exc: BaseException) -> bool:
    """The server refused the structured form (or the tools) of the request."""
    return refuses(exc, FORM_WORDS)


def refuses_stream(exc: BaseException) -> bool:
    """The server refused a streamed request (an error naming the structured form or the tools is about
    those, even when it echoes the request's `stream` field)."""
    text = error_text(exc)
    return refuses(exc, STREAM_WORDS) and not any(word in text for word in FORM_PARTS)


def describe_failure(exc: BaseException, timeout_s: float) -> str:
    """Short reason for a failed call: late, HTTP status, connection, or the error type."""
    if is_late(exc):
        return f"late: no answer within {timeout_s:g}s"
    status = status_of(exc)
    if status is not None:
        return f"HTTP {status} from the model server"
    first_line = (str(exc).splitlines() or [""])[0][:120]
    return f"call failed: {type(exc).__name__}: {first_line}"
