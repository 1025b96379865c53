"""The analytical shape parsed from a question (en and pt), and the questions that have none."""

from __future__ import annotations

import pytest

from planexec.nodes.understanding.analytics import parse_aggregation
from planexec.nodes.understanding.parse import parse_slots
from planexec.schemas.aggregation import AggregationShape


def shape(query: str) -> AggregationShape | None:
    return parse_aggregation(query, parse_slots(query))


def fields(query: str) -> tuple[object, ...]:
    found = shape(query)
    assert found is not None, query
    return (
        found.subject,
        found.group_by,
        found.measure,
        found.field,
        found.order,
        found.top_n,
        found.compare,
    )


CAP = "capacity_mw"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # which / top-N: rank the groups by a total (capacity named) or a count (plants named)
        (
            "which state has the largest matched capacity near deforested areas?",
            ("plants", "state", "sum", CAP, "desc", 1, False),
        ),
        ("qual estado tem mais capacidade solar?", ("plants", "state", "sum", CAP, "desc", 1, False)),
        ("which state has the most solar plants?", ("plants", "state", "count", None, "desc", 1, False)),
        ("os 3 estados com mais usinas solares", ("plants", "state", "count", None, "desc", 3, False)),
        ("top 5 states by solar capacity", ("plants", "state", "sum", CAP, "desc", 5, False)),
        ("which region has the fewest solar plants?", ("plants", "region", "count", None, "asc", 1, False)),
        (
            "top 3 municipalities by deforestation increment",
            ("deforestation_areas", "municipality", "sum", "increment_km2", "desc", 3, False),
        ),
        # a measure per group ('each' / 'by' / 'por')
        ("largest solar plant in each state", ("plants", "state", "max", CAP, "desc", None, False)),
        ("number of solar plants by region", ("plants", "region", "count", None, "desc", None, False)),
        ("solar plants per heat quintile", ("plants", "quintile", "count", None, "desc", None, False)),
        (
            "how many heat zones are in each quintile?",
            ("heat_zones", "quintile", "count", None, "desc", None, False),
        ),
        (
            "capacidade média das usinas solares por estado",
            ("plants", "state", "mean", CAP, "desc", None, False),
        ),
        # one number
        ("median plant capacity in Goiás", ("plants", "none", "median", CAP, "desc", None, False)),
        (
            "qual a mediana da capacidade das usinas em Goiás?",
            ("plants", "none", "median", CAP, "desc", None, False),
        ),
        ("the smallest plant in Sergipe", ("plants", "none", "min", CAP, "asc", None, False)),
        ("qual é a menor usina solar de Sergipe?", ("plants", "none", "min", CAP, "asc", None, False)),
        ("biggest solar plant in Brazil", ("plants", "none", "max", CAP, "desc", None, False)),
        ("total capacity in Minas Gerais", ("plants", "none", "sum", CAP, "desc", None, False)),
        (
            "average capacity of plants within 5 km of extreme heat zones",
            ("plants", "none", "mean", CAP, "desc", None, False),
        ),
        ("capacidade média das usinas em Goiás", ("plants", "none", "mean", CAP, "desc", None, False)),
        ("quantas usinas solares há na Bahia?", ("plants", "none", "count", None, "desc", None, False)),
        (
            "how many deforestation areas are there in Pará?",
            ("deforestation_areas", "none", "count", None, "desc", None, False),
        ),
        (
            "what is the total deforestation increment in Mato Grosso?",
            ("deforestation_areas", "none", "sum", "increment_km2", "desc", None, False),
        ),
        (
            "cumulative deforestation in Rondônia, in total",
            ("deforestation_areas", "none", "sum", "deforested_cumulative_km2", "desc", None, False),
        ),
        # shares
        (
            "what fraction of Ceará's plants sit in the hottest zones?",
            ("plants", "none", "share", None, "desc", None, False),
        ),
        (
            "what share of Brazil's solar capacity is in Minas Gerais?",
            ("plants", "none", "share", CAP, "desc", None, False),
        ),
        (
            "que proporção das usinas da Bahia fica a até 5 km de zonas de calor extremo?",
            ("plants", "none", "share", None, "desc", None, False),
        ),
        # compare
        ("Pernambuco versus Paraíba", ("plants", "state", "count", None, "desc", None, True)),
        ("Bahia vs Minas Gerais solar capacity", ("plants", "state", "sum", CAP, "desc", None, True)),
        (
            "compare a capacidade solar de São Paulo e Goiás",
            ("plants", "state", "sum", CAP, "desc", None, True),
        ),
    ],
)
def test_analytical_shapes(query: str, expected: tuple[object, ...]) -> None:
    assert fields(query) == expected


@pytest.mark.parametrize(
    "query",
    [
        "map of solar plants in Bahia",
        "mapa das usinas solares na Bahia",
        "solar plants within 1 km of extreme heat zones",
        "which solar plants are within 1 km of heat stress zones in Brazil?",
        "how many solar plants are within 1 km of extreme heat zones?",  # spatial_correlation counts them
        "quantas usinas solares ficam a menos de 2 km de áreas desmatadas?",
        "solar plants larger than 5 MW in SP",
        "usinas solares maiores que 5 MW em SP",
        "usinas com mais de 30 MW no Ceará",
        "solar plants in the hottest zones",
        "what does the Paris Agreement say about adaptation?",
        "hello",
    ],
)
def test_plain_questions_have_no_shape(query: str) -> None:
    assert shape(query) is None


def test_top_n_in_words_and_digits() -> None:
    assert fields("top five states by solar capacity")[5] == 5
    assert fields("os três estados com mais capacidade solar")[5] == 3
    assert fields("the 10 largest states by installed capacity")[5] == 10


def test_top_percent_and_top_quintile_are_heat_words_not_top_n() -> None:
    found = shape("average capacity of solar plants in the top 20% hottest zones")
    assert found is not None and (found.measure, found.top_n) == ("mean", None)


def test_comparative_bound_is_not_a_superlative() -> None:
    found = shape("average capacity of solar plants larger than 30 MW in Bahia")
    assert found is not None and found.measure == "mean"
    assert shape("usinas solares maiores do que 50 MW") is None
