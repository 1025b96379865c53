"""Rule parse vs LLM slot proposal: comparison, the fill-only-empty-and-supported policy, validation."""

from __future__ import annotations

import json
from typing import Any

import pytest
from langchain_core.messages import AIMessage

from planexec.nodes.proposers.slot_policy import apply_values, compare, query_numbers, rule_values
from planexec.nodes.proposers.slots import (
    legal_regions,
    legal_ufs,
    parse_slot_answer,
    slot_json_schema,
)
from planexec.nodes.proposers.structured import AnswerRejected
from planexec.nodes.understanding.parse import understand_query
from planexec.schemas.slot_proposals import SlotValues
from planexec.schemas.slots import Slots


def _rule(query: str) -> tuple[Slots, SlotValues]:
    slots = understand_query(query).slots
    return slots, rule_values(slots)


def _answer(**values: Any) -> AIMessage:
    return AIMessage(content=json.dumps(values))


def test_rule_values_keep_regions_apart_and_flags_only_with_their_bound() -> None:
    _, rule = _rule("map of solar plants in the Southeast and Bahia above 40 MW")
    assert rule.regions == ["Southeast"] and rule.states == ["BA"]
    assert (rule.min_capacity_mw, rule.min_capacity_strict) == (40.0, True)
    assert rule.max_capacity_mw is None and rule.max_capacity_strict is None


def test_same_values_in_another_order_do_not_disagree() -> None:
    _, rule = _rule("plants in Bahia and Ceará near quintiles 4 and 5 of heat")
    llm = rule.model_copy(update={"states": list(reversed(rule.states)), "heat_quintiles": [5, 4]})
    comparison = compare(rule, llm, "plants in Bahia and Ceará near quintiles 4 and 5 of heat")
    assert comparison.disagreements == [] and comparison.used == []


def test_disagreements_keep_the_rule_value_and_record_both() -> None:
    query = "solar plants above 30 MW within 1 km of extreme heat zones"
    slots, rule = _rule(query)
    llm = rule.model_copy(update={"distance_km": 2.0, "min_capacity_strict": False})
    comparison = compare(rule, llm, query)
    assert [(d.slot, d.rule, d.llm) for d in comparison.disagreements] == [
        ("distance_km", 1.0, 2.0),
        ("min_capacity_strict", True, False),
    ]
    assert comparison.used == [] and apply_values(slots, llm, comparison.used) == slots


@pytest.mark.parametrize(
    ("query", "slot", "value"),
    [
        ("plants in Bahia bigger than 40", "min_capacity_mw", 40.0),
        ("plants in Bahia under 2 GW", "max_capacity_mw", 2000.0),
        ("plants 750 from the heat zones", "distance_km", 0.75),
        ("plants 3 from the heat zones", "distance_km", 4.828032),
        ("usinas a 1.500 das zonas de calor", "distance_km", 1.5),
        ("plants in quintiles 2 or 3", "heat_quintiles", [2, 3]),
        ("plants in MG", "states", ["MG"]),
        ("plants in the Centro Oeste", "regions", ["Center-West"]),
        ("plants next to desmatamento", "layer", "deforestation"),
        ("plants outside the zones", "operator", "outside"),
    ],
)
def test_an_empty_slot_supported_by_the_query_is_used(query: str, slot: str, value: Any) -> None:
    rule = SlotValues(language="en")
    llm = SlotValues(language="en", **{slot: value})
    assert compare(rule, llm, query).used == [slot]


@pytest.mark.parametrize(
    ("query", "slot", "value"),
    [
        ("plants in Bahia bigger than 40", "min_capacity_mw", 50.0),
        ("plants near heat zones", "distance_km", 5.0),
        ("plants in quintile 2", "heat_quintiles", [2, 5]),
        ("plants in the north", "states", ["SP"]),
        ("plants in Brazil", "regions", ["Southeast"]),
        ("plants in Bahia", "layer", "heat"),
        ("plants in Bahia", "operator", "nearest"),
        ("usinas na Bahia", "language", "pt"),
    ],
)
def test_an_empty_slot_the_query_does_not_support_is_not_used(query: str, slot: str, value: Any) -> None:
    comparison = compare(SlotValues(), SlotValues(**{slot: value}), query)
    assert comparison.used == [] and comparison.not_used[0].startswith(f"{slot}: ")


def test_used_values_fill_the_slots_and_regions_bring_their_states() -> None:
    query = "plants in Bahia and the Sul bigger than 40 and 3 from heat"
    slots = Slots(states=["BA"])
    llm = SlotValues(regions=["South"], min_capacity_mw=40, min_capacity_strict=True, distance_km=3.0)
    comparison = compare(rule_values(slots), llm, query)
    assert comparison.used == ["distance_km", "regions", "min_capacity_mw"]
    filled = apply_values(slots, llm, comparison.used)
    assert filled.states == ["BA", "PR", "RS", "SC"] and [r.name_pt for r in filled.regions] == ["Sul"]
    assert (filled.min_capacity_mw, filled.min_capacity_strict) == (40.0, True)
    assert filled.distance is not None and (filled.distance.km, filled.distance.unit) == (3.0, "km")


def test_query_numbers_read_both_decimal_conventions_and_words() -> None:
    assert {1.5, 1500.0, 2.5, 40.0, 12.0} <= set(query_numbers("1.500 m, 2,5 km, 40 MW, twelve"))


def test_legal_answer_validates() -> None:
    values = parse_slot_answer(_answer(states=["BA"], heat_quintiles=[4, 5]), legal_ufs(), legal_regions())
    assert (values.states, values.heat_quintiles) == (["BA"], [4, 5])


@pytest.mark.parametrize(
    "answer",
    [
        {"states": ["XX"]},
        {"heat_quintiles": [7]},
        {"distance_km": 9000},
        {"distance_km": 0},
        {"min_capacity_mw": -1},
        {"max_capacity_mw": 10_001},
        {"regions": ["Atlantis"]},
        {"language": "fr"},
        {"edge": "solar_map"},
    ],
)
def test_illegal_answers_are_rejected(answer: dict[str, Any]) -> None:
    with pytest.raises(AnswerRejected, match="illegal slot values"):
        parse_slot_answer(_answer(**answer), legal_ufs(), legal_regions())


def test_non_objects_and_broken_json_are_malformed() -> None:
    for raw in (AIMessage(content="[1, 2]"), AIMessage(content='{"states": ')):
        with pytest.raises(AnswerRejected, match="malformed"):
            parse_slot_answer(raw, legal_ufs(), legal_regions())


def test_schema_admits_only_legal_values_and_requires_every_slot() -> None:
    schema = slot_json_schema(legal_ufs(), legal_regions())
    props = schema["properties"]
    assert set(schema["required"]) == set(props) == set(SlotValues.model_fields) - {"schema_version"}
    assert len(props["states"]["items"]["enum"]) == 27 and "XX" not in props["states"]["items"]["enum"]
    assert props["heat_quintiles"]["items"] == {"type": "integer", "enum": [1, 2, 3, 4, 5]}
    assert props["distance_km"]["maximum"] == 500 and props["max_capacity_mw"]["maximum"] == 10_000
