"""chat_graph_for: the per-run graph is the module graph bound to the run's checkpointer; quick sync
nodes run on the event loop with their signature intact."""

from __future__ import annotations

import inspect
import threading
from typing import Any

from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.memory import InMemorySaver

from planexec.graph.chat import build_chat_graph, chat_graph_for, graph, on_loop
from planexec.nodes.plan import plan
from planexec.nodes.state import ChatState


def test_bound_copy_has_the_checkpointer_and_the_same_nodes() -> None:
    saver = InMemorySaver()
    chat = chat_graph_for(saver)
    assert chat.checkpointer is saver and graph.checkpointer is None
    assert set(chat.nodes) == set(build_chat_graph(saver).nodes)
    assert chat_graph_for(None).checkpointer is None


def test_on_loop_keeps_signature_and_hints() -> None:
    wrapped = on_loop(plan)
    assert inspect.iscoroutinefunction(wrapped)
    assert list(inspect.signature(wrapped).parameters) == ["state", "config"]
    assert inspect.get_annotations(wrapped, eval_str=True) == {
        "state": ChatState,
        "config": RunnableConfig,
        "return": dict[str, Any],
    }


async def test_on_loop_runs_in_the_callers_thread() -> None:
    seen: list[threading.Thread] = []

    def node(state: ChatState) -> dict[str, Any]:
        seen.append(threading.current_thread())
        return {"n": 1}

    assert await on_loop(node)({}) == {"n": 1}  # type: ignore[typeddict-item]
    assert seen == [threading.current_thread()]
