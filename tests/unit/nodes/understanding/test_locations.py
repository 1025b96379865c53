"""States by informal names, regions as sets of UFs, several places at once, and unknown places."""

from __future__ import annotations

import pytest

from planexec.nodes.understanding.locations import parse_places
from planexec.nodes.understanding.places import parse_states

SOUTHEAST = ["ES", "MG", "RJ", "SP"]
SOUTH = ["PR", "RS", "SC"]
NORTH = ["AC", "AM", "AP", "PA", "RO", "RR", "TO"]
NORTHEAST = ["AL", "BA", "CE", "MA", "PB", "PE", "PI", "RN", "SE"]
CENTER_WEST = ["DF", "GO", "MS", "MT"]
LEGAL_AMAZON = ["AC", "AM", "AP", "MA", "MT", "PA", "RO", "RR", "TO"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("usinas em Sampa", ["SP"]),
        ("solar plants in Minas", ["MG"]),
        ("solar plants in Rio", ["RJ"]),
        ("usinas no Rio", ["RJ"]),
        ("state of Rio", ["RJ"]),
        ("Rio de Janeiro", ["RJ"]),
        ("usinas em Brasília", ["DF"]),
        ("Espirito Santo", ["ES"]),
        ("plants in ES", ["ES"]),
        ("solar in Goias and Piaui", ["GO", "PI"]),
        ("Mato Grosso and Mato Grosso do Sul", ["MT", "MS"]),
        ("Pernambuco versus Paraíba", ["PE", "PB"]),
    ],
)
def test_informal_and_partial_state_names(text: str, expected: list[str]) -> None:
    assert parse_places(text).states == expected


@pytest.mark.parametrize(
    "text",
    [
        "es una pregunta",
        "minas de carvão",
        "o rio",
        "solar plants near the Rio Grande",
    ],
)
def test_words_that_only_look_like_states(text: str) -> None:
    assert parse_states(text) == []


@pytest.mark.parametrize(
    ("text", "states", "regions"),
    [
        ("map of solar plants in the Southeast", SOUTHEAST, ["Southeast"]),
        ("usinas no Sudeste", SOUTHEAST, ["Southeast"]),
        ("solar plants in the South", SOUTH, ["South"]),
        ("usinas na região Sul", SOUTH, ["South"]),
        ("in the south of Brazil", SOUTH, ["South"]),
        ("solar plants in the North", NORTH, ["North"]),
        ("usinas na região Norte", NORTH, ["North"]),
        ("the Northeast", NORTHEAST, ["Northeast"]),
        ("usinas no Nordeste", NORTHEAST, ["Northeast"]),
        ("Centro-Oeste", CENTER_WEST, ["Center-West"]),
        ("solar in the Center-West", CENTER_WEST, ["Center-West"]),
        ("solar in the Midwest", CENTER_WEST, ["Center-West"]),
        ("deforestation in the Legal Amazon", LEGAL_AMAZON, ["Legal Amazon"]),
        ("desmatamento na Amazônia Legal", LEGAL_AMAZON, ["Legal Amazon"]),
        ("usinas no Sudeste e no Sul", SOUTHEAST + SOUTH, ["Southeast", "South"]),
        ("Bahia and the South", ["BA", *SOUTH], ["South"]),
    ],
)
def test_regions_are_sets_of_states(text: str, states: list[str], regions: list[str]) -> None:
    places = parse_places(text)
    assert places.states == states
    assert [r.name for r in places.regions] == regions
    assert all(r.ufs == sorted(r.ufs) for r in places.regions)


@pytest.mark.parametrize(
    "text",
    ["Mato Grosso do Sul", "Rio Grande do Norte", "plants north of Bahia", "usinas no sul da Bahia",
     "South America", "Southeast Asia plants", "North Carolina"],
)  # fmt: skip
def test_directions_and_state_names_are_not_regions(text: str) -> None:
    assert parse_places(text).regions == []


def test_region_record_names_the_states_in_both_languages() -> None:
    region = parse_places("usinas no Sudeste").regions[0]
    assert (region.name, region.name_pt, region.ufs, region.text) == (
        "Southeast",
        "Sudeste",
        SOUTHEAST,
        "Sudeste",
    )


@pytest.mark.parametrize(
    ("text", "unknown", "states"),
    [
        ("solar plants in Atlantis", ["Atlantis"], []),
        ("usinas em Petrolina", [], ["PE"]),
        ("plants in Rio Branco", [], ["AC"]),
        ("what's the weather in Recife tomorrow?", [], ["PE"]),
        ("solar plants in Texas", ["Texas"], []),
        ("solar plants in Bahia and Atlantis", ["Atlantis"], ["BA"]),
        ("usinas na Bahia, Atlântida e Sergipe", ["Atlântida"], ["BA", "SE"]),
        ("solar plants in Rio Grande", ["Rio Grande"], []),
    ],
)
def test_unknown_places_are_reported(text: str, unknown: list[str], states: list[str]) -> None:
    places = parse_places(text)
    assert (places.unknown, places.states) == (unknown, states)


@pytest.mark.parametrize(
    "text",
    [
        "solar plants in Extreme heat zones",
        "Solar Plants In Extreme Heat Zones In Bahia",
        "What does the Paris Agreement say in Article 7?",
        "solar plants in Brazil",
        "deforestation in the Amazon",
        "answer in Portuguese please",
        "SOLAR PLANTS IN ATLANTIS",
        "plants in MG",
        "usinas no Sudeste",
    ],
)
def test_no_false_unknown_places(text: str) -> None:
    assert parse_places(text).unknown == []
