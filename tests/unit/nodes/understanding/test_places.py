"""Tests of country and state parsing."""

from __future__ import annotations

import pytest

from planexec.nodes.understanding.places import STATES, parse_country, parse_states


def test_all_27_states_are_known() -> None:
    assert len(STATES) == 27


@pytest.mark.parametrize(("uf", "name"), sorted(STATES.items()))
def test_every_state_by_full_name(uf: str, name: str) -> None:
    assert parse_states(f"solar plants in {name}") == [uf]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("usinas em Sao Paulo", ["SP"]),
        ("solar in minas gerais", ["MG"]),
        ("usinas no pará", ["PA"]),
        ("solar plants in Para", ["PA"]),
        ("solar in goias", ["GO"]),
        ("solar in the Federal District", ["DF"]),
        ("rio grande do norte", ["RN"]),
    ],
)
def test_state_names_with_or_without_accents(text: str, expected: list[str]) -> None:
    assert parse_states(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mato Grosso do Sul", ["MS"]),
        ("Mato Grosso", ["MT"]),
        ("Rio Grande do Sul and Rio Grande do Norte", ["RS", "RN"]),
    ],
)
def test_longest_state_name_wins(text: str, expected: list[str]) -> None:
    assert parse_states(text) == expected


@pytest.mark.parametrize("uf", sorted(STATES))
def test_every_uf_code_as_standalone_uppercase_token(uf: str) -> None:
    assert parse_states(f"solar plants in {uf}") == [uf]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("in PA", ["PA"]), ("BA, SP and MG", ["BA", "SP", "MG"]), ("(RJ)", ["RJ"]), ("Bahia BA", ["BA"])],
)
def test_uf_codes_in_context_and_without_duplicates(text: str, expected: list[str]) -> None:
    assert parse_states(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "close to heat zones",
        "I am looking for solar",
        "ma and pa",
        "usinas para o mapa",
        "Para quais estados há usinas?",
        "solar at 10 AM",
        "CLOSE TO HEAT ZONES",
        "100 acres of solar",
        "BAHIAN",
        "SPA",
    ],
)
def test_words_that_are_not_states(text: str) -> None:
    assert parse_states(text) == []


def test_shouted_code_after_preposition_counts() -> None:
    assert parse_states("SOLAR PLANTS CLOSE TO HEAT IN BA") == ["BA"]


@pytest.mark.parametrize(
    "text", ["solar plants in Brazil", "usinas no Brasil", "brazilian solar", "usinas brasileiras", "BR", ""]
)
def test_brazil_and_default(text: str) -> None:
    assert parse_country(text) == ("Brazil", True)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("solar plants in Argentina", "Argentina"),
        ("usinas no Chile", "Chile"),
        ("solar in Peru", "Peru"),
        ("solar farms in Germany", "Germany"),
        ("usinas na Alemanha", "Germany"),
        ("solar in India", "India"),
        ("usinas na Índia", "India"),
        ("solar plants in the United States", "United States"),
        ("usinas nos Estados Unidos", "United States"),
        ("solar in the US", "United States"),
        ("solar in France", "France"),
        ("usinas na França", "France"),
        ("usinas no México", "Mexico"),
        ("Brazil and Argentina", "Argentina"),
    ],
)
def test_other_countries_are_unsupported(text: str, country: str) -> None:
    assert parse_country(text) == (country, False)


@pytest.mark.parametrize("text", ["tell us about solar", "SHOW US SOLAR PLANTS", "the Paris Agreement"])
def test_country_false_positives(text: str) -> None:
    assert parse_country(text) == ("Brazil", True)
