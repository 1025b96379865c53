"""Terminal plumbing shared by the commands: exit codes, the progress spinner, quiet piping.

Exit codes (documented in `planexec --help` and the README):
  0 the answer is complete; 1 error (the run failed, or every plan step failed); 2 usage (bad
  arguments, empty question); 3 nothing to resume (`planexec resume`); 4 partial answer (some
  plan steps failed: the answer is shown but incomplete).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Mapping
from typing import IO, Any

from rich.console import Console
from rich.status import Status

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_NOTHING_TO_RESUME = 3
EXIT_PARTIAL = 4

EXIT_CODES_HELP = (
    "exit codes: 0 ok; 1 error (or every plan step failed); 2 usage; "
    "3 nothing to resume; 4 partial answer (some plan steps failed)"
)


def answer_exit_code(response: Mapping[str, Any]) -> int:
    """0 for a complete answer, 4 when some plan steps failed, 1 when every one of them did."""
    meta = response.get("metadata") or {}
    steps = [s for s in meta.get("plan") or [] if s.get("status") != "skipped"]
    if steps and all(s.get("status") != "ok" for s in steps):
        return EXIT_ERROR
    return EXIT_PARTIAL if (meta.get("flags") or {}).get("partial") else EXIT_OK


def is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def stdout_console() -> Console:
    """Colour and markup only on a terminal; a pipe or a file gets plain text."""
    return Console(file=sys.stdout, highlight=False, soft_wrap=not is_terminal(sys.stdout))


class Progress:
    """A spinner on stderr from the first moment (only when stderr is a terminal); progress lines
    above it; nothing at all when quiet."""

    def __init__(self, quiet: bool = False, stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        live = not quiet and is_terminal(self.stream)
        self.console = Console(file=self.stream, highlight=False) if live else None
        self.status: Status | None = None

    def __enter__(self) -> Progress:
        if self.console is not None:
            self.status = self.console.status("thinking…", spinner="dots")
            self.status.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.status is not None:
            self.status.stop()

    def step(self, node: str, message: str) -> None:
        """One progress line: above the spinner on a terminal, plain on a pipe, none when quiet."""
        if self.quiet:
            return
        if self.console is not None and self.status is not None:
            self.console.print(f"[dim]… \\[{node}][/dim] {message}", highlight=False)
            self.status.update(f"{node}…")
        else:
            print(f"… [{node}] {message}", file=self.stream, flush=True)

    def note(self, line: str) -> None:
        """A line that is shown even when quiet (e.g. the thread id)."""
        if self.console is not None:
            self.console.print(line, markup=False, highlight=False)
        else:
            print(line, file=self.stream, flush=True)


@contextlib.contextmanager
def quiet_pipe() -> Iterator[None]:
    """A closed pipe (`planexec ask … | head`) ends the command quietly instead of a traceback."""
    try:
        yield
    except BrokenPipeError:
        # Python flushes stdout at exit and would complain again: point it at /dev/null first.
        devnull = os.open(os.devnull, os.O_WRONLY)
        with contextlib.suppress(OSError, ValueError):
            os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(EXIT_ERROR) from None
