"""The schemas LangGraph Studio shows (`/assistants/{id}/schemas`) exist for both exported graphs."""

from __future__ import annotations

import pytest
from langgraph.graph.state import CompiledStateGraph

from planexec.graph.chat import graph as chat_graph
from planexec.graph.drafting import graph as drafting_graph


@pytest.mark.parametrize(
    ("graph", "inputs", "outputs"),
    [
        (chat_graph, {"query"}, {"modules", "narration"}),
        (drafting_graph, {"inputs", "profile_path", "profile_data"}, {"sections", "commit"}),
    ],
    ids=["chat", "drafting"],
)
def test_input_output_and_context_schemas_are_not_null(
    graph: CompiledStateGraph, inputs: set[str], outputs: set[str]
) -> None:
    assert inputs <= set(graph.get_input_jsonschema()["properties"])
    assert outputs <= set(graph.get_output_jsonschema()["properties"])
    assert graph.get_context_jsonschema()["properties"], "the runtime context has no JSON schema"
