"""Stand-in LLMs for the proposer-policy tests and the evaluation notebook (issue 14).

Responders for `ScriptedOpenAIServer.respond_with`: each answers any request from its body alone,
whatever structured form the client chose (a `json_schema` / `json_object` response format, a forced
tool, or the schema in the prompt): the legal edges are read from an `enum` anywhere in the body (a
JSON value or JSON text inside a message), else from the situation's `legal_edges` in the prompt.

- `wrong_edge_responder(expected)`: always proposes a LEGAL edge that is NOT the expected route of
  the query (like the weak model of issue 14, it prefers `solar_map`).
- `noisy_responder(expected, right_pct)`: proposes the expected route for `right_pct` % of the
  queries (deterministic: by a hash of the query), a wrong legal edge for the others.
Both leave every slot empty on a slot request and answer anything else (narration, the general agent)
with a neutral sentence. `expected` maps a query text to its acceptable routes (the dev set's).

`run_record(record, context)` runs one dev-set record through the chat API like `tests/devset/grade.py`.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from planexec.graph.api import process_chat_query
from planexec.nodes.context import ChatContext
from planexec.nodes.transitions import all_edges
from tests.support.openai_replies import Reply, content, structured

Expected = Mapping[str, Sequence[str]]
PREFERENCE = ("solar_map", "spatial_correlation", "deforestation_overlap", "aggregation", "policy_summary")
_LIST_RE = re.compile(r'"(?:enum|legal_edges)"\s*:\s*(\[[^\]]*\])')
_QUERY_RE = re.compile(r'"query"\s*:\s*("(?:[^"\\]|\\.)*")')
NEUTRAL = "Here is what the data shows for the question."


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _enums(node: Any) -> Iterator[list[Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "enum" and isinstance(value, list):
                yield value
            yield from _enums(value)
    elif isinstance(node, list):
        for value in node:
            yield from _enums(value)


def legal_edges(body: Mapping[str, Any]) -> list[str] | None:
    """The edges a routing request allows (an enum of edge names anywhere), or None: not a routing call."""
    known = set(all_edges())
    found = list(_enums(body))
    for text in _strings(body):
        for raw in _LIST_RE.findall(text):
            try:
                found.append(json.loads(raw))
            except json.JSONDecodeError:
                continue
    for values in found:
        if values and all(isinstance(v, str) and v in known for v in values):
            return list(values)
    return None


def query_of(body: Mapping[str, Any]) -> str | None:
    """The user's query as the situation in the prompt states it."""
    for text in _strings(body.get("messages", [])):
        match = _QUERY_RE.search(text)
        if match:
            return str(json.loads(match.group(1)))
    return None


def _is_slot_request(body: Mapping[str, Any]) -> bool:
    text = json.dumps(body, ensure_ascii=False)
    return "heat_quintiles" in text and "distance_km" in text


EMPTY_SLOTS: dict[str, Any] = {
    **dict.fromkeys(
        (
            "operator", "distance_km", "min_distance_km", "layer", "min_capacity_mw", "min_capacity_strict",
            "max_capacity_mw", "max_capacity_strict", "min_increment_km2", "min_increment_strict", "language",
        )
    ),
    "heat_quintiles": [],
    "states": [],
    "regions": [],
}  # fmt: skip


def wrong_edge(legal: Sequence[str], expected: Sequence[str]) -> str:
    """A legal edge outside `expected` (solar_map first, then the other recipes, general agent, clarify,
    compose, replan); the first legal edge when every legal edge is expected."""
    others = [e for e in legal if e not in expected]
    order = [*PREFERENCE, "general_agent", "replan", "clarify", "compose"]
    ranked = sorted(others, key=lambda e: order.index(e) if e in order else -1)
    return ranked[0] if ranked else legal[0]


def _routing_reply(edge: str, why: str) -> Reply:
    return structured({"edge": edge, "rationale": why})


def _responder(choose: Callable[[list[str], str | None], str]) -> Callable[[dict[str, Any]], Reply]:
    def respond(body: dict[str, Any]) -> Reply:
        legal = legal_edges(body)
        if legal is not None:
            edge = choose(legal, query_of(body))
            return _routing_reply(edge, f"{edge} answers the question")
        if _is_slot_request(body):
            return structured(EMPTY_SLOTS)
        return content(NEUTRAL)

    return respond


def wrong_edge_responder(expected: Expected) -> Callable[[dict[str, Any]], Reply]:
    """Always a legal edge that is not the query's expected route."""
    return _responder(lambda legal, query: wrong_edge(legal, expected.get(query or "", ())))


def is_right(query: str | None, right_pct: int) -> bool:
    """Deterministic coin: True for `right_pct` % of the queries (by a hash of the text)."""
    digest = hashlib.sha256((query or "").encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % 100 < right_pct


def noisy_responder(expected: Expected, right_pct: int = 60) -> Callable[[dict[str, Any]], Reply]:
    """The expected route (when legal) for `right_pct` % of the queries, a wrong legal edge otherwise."""

    def choose(legal: list[str], query: str | None) -> str:
        want = expected.get(query or "", ())
        right = [e for e in legal if e in want]
        if right and is_right(query, right_pct):
            return right[0]
        if not want and is_right(query, right_pct):
            return "compose" if "compose" in legal else legal[0]
        return wrong_edge(legal, want)

    return _responder(choose)


def expected_routes(records: Sequence[Mapping[str, Any]]) -> dict[str, list[str]]:
    """Query text (the last message of a record) -> its acceptable routes (the union when a text ends
    several records)."""
    routes: dict[str, list[str]] = {}
    for r in records:
        known = routes.setdefault(str(r["messages"][-1]), [])
        known += [route for route in r["routes"] if route not in known]
    return routes


async def run_record(record: Mapping[str, Any], context: ChatContext) -> list[dict[str, Any]]:
    """One dev-set record through the chat API with `context` (thread, history or single mode); a thread
    record runs on a brand-new thread (runs of several configurations never continue each other)."""
    thread_id = f"policy-{record['id']}-{uuid.uuid4().hex[:12]}"
    responses: list[dict[str, Any]] = []
    history: list[dict[str, str]] = []
    for msg in record["messages"]:
        if record["mode"] == "thread":
            response = await process_chat_query(msg, thread_id=thread_id, context=context)
        else:
            hist = list(history) if record["mode"] == "history" else None
            response = await process_chat_query(
                msg, conversation_history=hist, context=context, checkpoint_url="memory://"
            )
        responses.append(response)
        texts = [m.get("text") or "" for m in response.get("modules", []) if m.get("type") == "text"]
        answer = texts[0] if texts else ""
        history += [{"role": "user", "content": msg}, {"role": "assistant", "content": answer}]
    return responses
