"""app/terminal.py: exit codes from the response, the spinner only on a terminal, quiet closed pipes."""

from __future__ import annotations

import io
from typing import Any

import pytest

from planexec.app.terminal import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_PARTIAL,
    Progress,
    answer_exit_code,
    quiet_pipe,
)


def _response(*statuses: str, partial: bool = False) -> dict[str, Any]:
    plan = [{"alias": f"s{i}", "status": s} for i, s in enumerate(statuses)]
    return {"metadata": {"plan": plan, "flags": {"partial": partial}}}


def test_exit_codes_follow_the_plan_steps() -> None:
    assert answer_exit_code(_response("ok", "ok")) == EXIT_OK
    assert answer_exit_code(_response()) == EXIT_OK  # clarify / general answer: no steps
    assert answer_exit_code(_response("ok", "timeout", partial=True)) == EXIT_PARTIAL
    assert answer_exit_code(_response("error", "timeout", partial=True)) == EXIT_ERROR
    assert answer_exit_code(_response("error", "skipped", partial=True)) == EXIT_ERROR


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_plain_on_a_pipe_and_silent_when_quiet() -> None:
    pipe = io.StringIO()
    with Progress(stream=pipe) as progress:
        assert progress.status is None  # no spinner on a pipe
        progress.step("plan", "3 steps")
        progress.note("thread: t1")
    assert pipe.getvalue() == "… [plan] 3 steps\nthread: t1\n"
    quiet = io.StringIO()
    with Progress(quiet=True, stream=quiet) as progress:
        progress.step("plan", "3 steps")
        progress.note("thread: t1")
    assert quiet.getvalue() == "thread: t1\n"


def test_progress_spins_on_a_terminal() -> None:
    tty = _Tty()
    with Progress(stream=tty) as progress:
        assert progress.status is not None
        progress.step("plan", "3 steps")
    assert "[plan]" in tty.getvalue() and "3 steps" in tty.getvalue()


def test_a_closed_pipe_ends_with_exit_1_and_no_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    redirected: list[int] = []
    monkeypatch.setattr("os.dup2", lambda fd, target: redirected.append(target))
    with pytest.raises(SystemExit) as done, quiet_pipe():
        raise BrokenPipeError
    assert done.value.code == EXIT_ERROR and redirected
