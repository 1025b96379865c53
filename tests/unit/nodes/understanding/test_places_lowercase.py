"""Lower-case state names: unambiguous names always, 'minas' / 'para' / 'acre' after a place word."""

from __future__ import annotations

import pytest

from planexec.nodes.understanding.locations import parse_places
from planexec.nodes.understanding.places import parse_states


@pytest.mark.parametrize(
    ("query", "states"),
    [
        ("map solar plants in minas", ["MG"]),
        ("usinas em minas", ["MG"]),
        ("usinas solares de minas", ["MG"]),
        ("usinas no para", ["PA"]),
        ("plants in the state of para", ["PA"]),
        ("usinas do acre", ["AC"]),
        ("solar plants in sao paulo and ceara", ["SP", "CE"]),
        ("usinas na bahia", ["BA"]),
        ("usinas para a bahia", ["BA"]),
        ("usinas em sao paulo e minas", ["SP", "MG"]),
        ("plants in Bahia, para and minas", ["BA", "PA", "MG"]),
        ("energia para minas", []),
        ("dados para o mapa e minas de carvão", []),
        ("dados para o mapa", []),
        ("one acre of land", []),
    ],
)
def test_lowercase_states(query: str, states: list[str]) -> None:
    assert parse_states(query) == states


@pytest.mark.parametrize(
    ("query", "states"),
    [
        ("solar plants in Recife", ["PE"]),
        ("usinas em Petrolina", ["PE"]),
        ("usinas perto de manaus", ["AM"]),
        ("plants in Natal", ["RN"]),
        ("feliz natal", []),
        ("solar plants in Rio Branco", ["AC"]),
        ("usinas em juazeiro do norte", ["CE"]),
        ("usinas em Campo Grande", ["MS"]),
        ("a campo grande of panels", []),
        ("plants in Caxias do Sul", ["RS"]),
        ("usinas em bh", ["MG"]),
        ("usinas em Salvador e Fortaleza", ["BA", "CE"]),
    ],
)
def test_cities_map_to_their_state(query: str, states: list[str]) -> None:
    assert parse_places(query).states == states
