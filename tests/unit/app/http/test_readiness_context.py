"""/readyz checks through one context kept on app.state, not a new ChatContext per call."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest

from planexec.app.http import readiness
from planexec.nodes.context import ChatContext
from planexec.schemas.settings import Settings


def test_the_apps_own_context_is_used() -> None:
    own = ChatContext(settings=Settings())
    state = SimpleNamespace(settings=own.settings, context=own)
    assert readiness.readiness_context(state) is own
    assert not hasattr(state, "readiness_context")


def test_one_context_is_built_once_and_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[ChatContext] = []

    def counting(**kwargs: object) -> ChatContext:
        built.append(ChatContext(**kwargs))  # type: ignore[arg-type]
        return built[-1]

    monkeypatch.setattr(readiness, "ChatContext", counting)
    state = SimpleNamespace(settings=Settings(), context=None)
    seen: list[ChatContext] = []

    def check() -> None:
        seen.append(readiness.readiness_context(state))

    workers = [threading.Thread(target=check) for _ in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(built) == 1 and all(ctx is built[0] for ctx in seen) and len(seen) == 8
    assert readiness.readiness_context(state) is built[0] is state.readiness_context
    assert built[0].settings is state.settings
