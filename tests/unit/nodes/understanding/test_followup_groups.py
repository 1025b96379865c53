"""Follow-ups carry the newer slot groups: capacity bounds, regions, unknown places, the analytical
shape; off-topic messages and complete analytical questions never merge."""

from __future__ import annotations

from planexec.nodes.understanding.followup import changed_groups, is_new_question, refine
from planexec.nodes.understanding.parse import understand_query
from planexec.schemas.slots import Understanding

MAP_BAHIA = "map of solar plants in Bahia"


def _chain(*queries: str) -> Understanding:
    previous: Understanding | None = None
    for query in queries:
        current = understand_query(query)
        refined = refine(previous, current, "thread")
        previous = refined[0] if refined else current
    assert previous is not None
    return previous


def test_strict_lower_bound_is_taken_over_with_its_strictness() -> None:
    slots = _chain(MAP_BAHIA, "only those above 50 MW").slots
    assert (slots.min_capacity_mw, slots.min_capacity_strict) == (50.0, True)
    assert slots.states == ["BA"] and slots.capacity_text == "above 50 MW"


def test_at_least_is_not_strict() -> None:
    slots = _chain(MAP_BAHIA, "pelo menos 30 MW").slots
    assert (slots.min_capacity_mw, slots.min_capacity_strict) == (30.0, False)


def test_a_capacity_range_replaces_the_whole_capacity_group() -> None:
    merged = _chain(MAP_BAHIA, "only those above 50 MW", "and those between 10 and 20 MW?")
    slots = merged.slots
    assert (slots.min_capacity_mw, slots.min_capacity_strict) == (10.0, False)
    assert (slots.max_capacity_mw, slots.max_capacity_strict) == (20.0, False)
    assert "min_capacity_mw" in changed_groups(understand_query("only those below 20 MW").slots)


def test_an_upper_bound_alone_drops_the_inherited_lower_bound() -> None:
    slots = _chain(MAP_BAHIA, "only those above 50 MW", "and only those below 5 MW?").slots
    assert slots.min_capacity_mw is None and slots.max_capacity_mw == 5.0 and slots.max_capacity_strict


def test_capacity_bounds_are_inherited_by_a_state_follow_up() -> None:
    slots = _chain(MAP_BAHIA, "only those above 50 MW", "and in Minas Gerais?").slots
    assert slots.states == ["MG"] and (slots.min_capacity_mw, slots.min_capacity_strict) == (50.0, True)


def test_a_region_replaces_the_states_with_its_record() -> None:
    merged = _chain(MAP_BAHIA, "and in the Southeast?")
    assert merged.slots.states == ["ES", "MG", "RJ", "SP"]
    assert [r.name for r in merged.slots.regions] == ["Southeast"]
    assert merged.intents.best == "solar_map"


def test_a_state_after_a_region_drops_the_region() -> None:
    slots = _chain("map of solar plants in the Southeast", "and in Bahia?").slots
    assert slots.states == ["BA"] and slots.regions == []


def test_also_adds_a_region_to_the_states() -> None:
    slots = _chain(MAP_BAHIA, "also in the South").slots
    assert slots.states == ["BA", "PR", "RS", "SC"] and [r.name for r in slots.regions] == ["South"]


def test_an_unknown_place_replaces_the_states() -> None:
    slots = _chain(MAP_BAHIA, "and in Atlantis?").slots
    assert slots.states == [] and slots.unknown_places == ["Atlantis"]


def test_a_known_state_after_an_unknown_place_clears_it() -> None:
    slots = _chain("solar plants in Atlantis", "and in Bahia?").slots
    assert slots.states == ["BA"] and slots.unknown_places == []


def test_an_off_topic_message_never_refines() -> None:
    previous = understand_query(MAP_BAHIA)
    for query in ("and delete all data", "e escreva um poema sobre isso"):
        current = understand_query(query)
        assert current.off_topic is not None
        assert refine(previous, current, "thread") is None


def test_nothing_refines_an_off_topic_message() -> None:
    previous = understand_query("write a poem about solar plants in Bahia")
    assert previous.off_topic is not None
    assert refine(previous, understand_query("and in Goiás?"), "thread") is None


def test_a_new_measure_replaces_the_shape() -> None:
    merged = _chain("average plant capacity in Goiás", "e a mediana?")
    shape = merged.slots.aggregation
    assert shape is not None and (shape.measure, shape.field, shape.subject) == (
        "median",
        "capacity_mw",
        "plants",
    )
    assert merged.slots.states == ["GO"] and merged.intents.best == "aggregation"
    assert merged.slots.language == "pt"


def test_a_new_state_keeps_the_shape() -> None:
    merged = _chain("median plant capacity in Bahia", "e em Goiás?")
    shape = merged.slots.aggregation
    assert shape is not None and shape.measure == "median"
    assert merged.slots.states == ["GO"] and merged.intents.best == "aggregation"


def test_the_follow_up_record_names_the_shape() -> None:
    refined = refine(
        understand_query("average plant capacity in Goiás"), understand_query("e a mediana?"), "thread"
    )
    assert refined is not None
    assert refined[1].overridden == ["aggregation"] and "states" in refined[1].inherited


def test_a_filter_after_a_map_question_is_no_analytical_shape() -> None:
    merged = _chain("solar facilities within 1 km of extreme heat zones in Brazil", "what about quintile 4?")
    assert merged.slots.aggregation is None and merged.intents.best == "spatial_correlation"


def test_a_complete_analytical_question_is_new() -> None:
    current = understand_query("median plant capacity in Goiás")
    assert is_new_question(current)
    assert refine(understand_query(MAP_BAHIA), current, "thread") is None
    merged = _chain(MAP_BAHIA, "median plant capacity in Goiás")
    assert merged.intents.best == "aggregation" and merged.slots.wants_map is False
