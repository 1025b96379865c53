"""start_turn / finish_turn: the query of a turn, the reset of per-turn channels, the turn record and
the AI message; understand's follow-ups from the thread, from the history, and with nothing to follow."""

from __future__ import annotations

from typing import Any

from langchain_core.messages import AIMessage, HumanMessage
from langgraph.types import Overwrite

from planexec.nodes.finish_turn import finish_turn
from planexec.nodes.start_turn import message_text, reset_channels, start_turn, turn_query
from planexec.nodes.understand import MISSING_PREVIOUS, from_history, understand, understand_turn
from planexec.schemas.conversation import TurnRecord, TurnStart
from planexec.schemas.modules import FactsSummary, TableModule, TextModule
from planexec.schemas.usage import TokenUsage

BAHIA = "map of solar plants in Bahia"


def _turn(query: str, message_id: str | None = None, index: int = 0) -> TurnStart:
    return TurnStart(index=index, turn_id=f"t{index}", query=query, message_id=message_id, started_at=1.0)


def test_a_query_input_is_the_turn_query_and_becomes_a_human_message() -> None:
    query, message, message_id = turn_query({"query": BAHIA})
    assert query == BAHIA and isinstance(message, HumanMessage) and message.content == BAHIA
    assert message_id == message.id


def test_messages_only_input_takes_the_last_human_message() -> None:
    state: Any = {"messages": [HumanMessage(content="hi", id="h1"), HumanMessage(content=BAHIA, id="h2")]}
    assert turn_query(state) == (BAHIA, None, "h2")


def test_second_turn_from_messages_ignores_the_previous_query_channel() -> None:
    state: Any = {
        "query": "previous question",
        "turn": _turn("previous question", "h1"),
        "messages": [
            HumanMessage(content="previous question", id="h1"),
            AIMessage(content="a"),
            HumanMessage(content=BAHIA, id="h2"),
        ],
    }
    assert turn_query(state) == (BAHIA, None, "h2")


def test_a_new_query_wins_over_an_answered_message() -> None:
    state: Any = {
        "query": BAHIA,
        "turn": _turn("previous question", "h1"),
        "messages": [HumanMessage(content="previous question", id="h1"), AIMessage(content="a")],
    }
    query, message, _ = turn_query(state)
    assert query == BAHIA and message is not None


def test_the_same_query_asked_again_is_a_new_message() -> None:
    state: Any = {"query": BAHIA, "turn": _turn(BAHIA, "h1"), "messages": [HumanMessage(BAHIA, id="h1")]}
    query, message, _ = turn_query(state)
    assert query == BAHIA and message is not None and message.id != "h1"


def test_content_blocks_are_read_as_text() -> None:
    blocks = [{"type": "text", "text": "map of"}, {"type": "image_url", "url": "x"}, "Bahia"]
    assert message_text(HumanMessage(content=blocks)) == "map of Bahia"


def test_start_turn_resets_every_per_turn_channel() -> None:
    state: Any = {"query": BAHIA, "turns": [object(), object()]}
    update = start_turn(state)
    assert update["turn"].index == 2 and update["turn"].query == BAHIA and update["query"] == BAHIA
    for name in ("step_results", "proposals", "timeline", "errors", "token_usage"):
        assert isinstance(update[name], Overwrite), name
    assert update["token_usage"].value == TokenUsage() and update["step_results"].value == {}
    assert update["plan"] is None and update["modules"] == [] and update["replans"] == 0
    assert set(reset_channels()) <= set(update)
    assert [m.content for m in update["messages"]] == [BAHIA]


def _finished_state() -> dict[str, Any]:
    understanding = understand_turn(BAHIA, None, "thread")
    return {
        "query": BAHIA,
        "turn": _turn(BAHIA, "h1", index=3),
        "route": "solar_map",
        "understanding": understanding,
        "modules": [
            TextModule(heading="Overview", text="78 plants"),
            TableModule(title="t", columns=["a"], rows=[["x"]], total_rows=1),
        ],
        "facts_summary": FactsSummary(intent="solar_map", facts={"plants": 78}),
        "narration": "78 plants",
    }


def test_finish_turn_records_the_turn_and_answers_with_an_ai_message() -> None:
    update = finish_turn(_finished_state())  # type: ignore[arg-type]
    (record,) = update["turns"]
    assert isinstance(record, TurnRecord)
    assert (record.index, record.turn_id, record.query, record.route) == (3, "t3", BAHIA, "solar_map")
    assert record.facts == {"plants": 78} and record.module_types == ["text", "table"]
    (answer,) = update["messages"]
    assert isinstance(answer, AIMessage) and answer.content == "78 plants"
    attached = answer.additional_kwargs["planexec"]
    assert attached["intent"] == "solar_map" and attached["turn"] == 3
    assert [m["type"] for m in attached["modules"]] == ["text", "table"]


def test_understand_refines_the_last_turn_of_the_thread() -> None:
    previous = TurnRecord(
        index=0, turn_id="t0", query=BAHIA, understanding=understand_turn(BAHIA, None, "thread")
    )
    update = understand({"query": "e no Ceará?", "turns": [previous]})  # type: ignore[typeddict-item]
    understanding = update["understanding"]
    assert understanding.slots.states == ["CE"] and understanding.intents.best == "solar_map"
    assert understanding.follow_up.source == "thread" and understanding.follow_up.previous_query == BAHIA


def test_history_is_folded_in_order() -> None:
    history = [
        {"role": "user", "content": "solar facilities within 1 km of extreme heat zones in Brazil"},
        {"role": "assistant", "content": "There are 196 plants."},
        {"role": "user", "content": "what about 3 km?"},
    ]
    previous = from_history(history)
    assert previous is not None and previous.slots.distance is not None and previous.slots.distance.km == 3.0
    update = understand({"query": "e no Ceará?", "conversation_history": history})  # type: ignore[typeddict-item]
    understanding = update["understanding"]
    assert understanding.slots.states == ["CE"] and understanding.slots.distance.km == 3.0
    assert understanding.follow_up.source == "conversation_history"


def test_a_follow_up_with_nothing_to_follow_misses_the_previous_question() -> None:
    understanding = understand({"query": "and within 5 km?"})["understanding"]
    assert understanding.intents.missing == [MISSING_PREVIOUS] and understanding.follow_up is None


def test_a_complete_question_on_a_thread_starts_afresh() -> None:
    heat = "solar facilities within 1 km of extreme heat zones in Ceará"
    previous = TurnRecord(
        index=0, turn_id="t0", query=heat, understanding=understand_turn(heat, None, "thread")
    )
    understanding = understand({"query": BAHIA, "turns": [previous]})["understanding"]  # type: ignore[typeddict-item]
    assert understanding.follow_up is None and understanding.slots.states == ["BA"]
    assert understanding.slots.layer is None
