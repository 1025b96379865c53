"""Tests of keyword signals: capacity, map, solar, policy."""

from __future__ import annotations

import pytest

from planexec.nodes.understanding.signals import (
    mentions_solar,
    parse_min_capacity_mw,
    parse_policy_topic,
    policy_strength,
    wants_map,
)


@pytest.mark.parametrize(
    ("text", "mw"),
    [
        ("solar plants larger than 5 MW", 5.0),
        ("plants bigger than 2.5 MW", 2.5),
        ("over 10 MW", 10.0),
        ("at least 1 GW", 1000.0),
        ("above 500 kW", 0.5),
        ("> 5 MW", 5.0),
        ("10 MW or more", 10.0),
        ("usinas acima de 10 MW", 10.0),
        ("usinas com mais de 2,5 MW", 2.5),
        ("usinas maiores que 30 megawatts", 30.0),
        ("usinas de 5 MW ou mais", 5.0),
    ],
)
def test_capacity_threshold(text: str, mw: float) -> None:
    assert parse_min_capacity_mw(text) == pytest.approx(mw)


@pytest.mark.parametrize("text", ["a 5 MW plant", "larger than 0 MW", "larger than 5 km", "solar plants"])
def test_no_capacity_threshold(text: str) -> None:
    assert parse_min_capacity_mw(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("map of solar plants", True),
        ("show on a map", True),
        ("mapa das usinas", True),
        ("mapear usinas", True),
        ("list solar plants", False),
        ("mapping", True),
    ],
)
def test_wants_map(text: str, expected: bool) -> None:
    assert wants_map(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("solar plants", True),
        ("photovoltaic facilities", True),
        ("PV farms", True),
        ("usinas solares", True),
        ("usinas fotovoltaicas", True),
        ("energia fotovoltaica", True),
        ("wind farms", False),
        ("solaris", False),
    ],
)
def test_mentions_solar(text: str, expected: bool) -> None:
    assert mentions_solar(text) is expected


@pytest.mark.parametrize(
    ("text", "strong"),
    [
        ("the Paris Agreement", True),
        ("o Acordo de Paris", True),
        ("UNFCCC decisions", True),
        ("Brazil's NDC", True),
        ("at COP 28", True),
        ("climate policy", False),
        ("what is the global stocktake?", True),
        ("how does the enhanced transparency framework work?", True),
        ("what does the Warsaw mechanism cover?", True),
        ("o balanço global", True),
        ("long-term strategies under the agreement", False),
    ],
)
def test_policy_strength(text: str, strong: bool) -> None:
    assert policy_strength(text)[0] is strong


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("what does the Paris Agreement say about adaptation?", "adaptation"),
        ("o que diz o Acordo de Paris sobre adaptação?", "adaptação"),
        ("Paris Agreement mitigation commitments", "mitigation commitments"),
        ("o Acordo de Paris e a mitigação", "mitigação"),
        ("climate finance in the Paris Agreement", "climate finance"),
        ("loss and damage under the UNFCCC", "loss and damage"),
        ("what does Article 7 of the Paris Agreement say", "Article 7"),
        ("artigo 6 do Acordo de Paris", "artigo 6"),
        ("what does the Paris Agreement say about the ocean", "ocean"),
        ("what does the Paris Agreement say about NDCs?", "NDCs"),
        ("paragraph 2 of Article 4", "paragraph 2 of Article 4"),
        ("quando o Acordo de Paris entra em vigor?", "entra em vigor"),
        ("perdas e danos no Acordo de Paris", "perdas e danos"),
        ("when did the Paris Agreement enter into force?", "enter into force"),
    ],
)
def test_policy_topic(text: str, topic: str) -> None:
    assert parse_policy_topic(text) == topic


@pytest.mark.parametrize(
    "text",
    [
        "solar plants near forest loss",
        "summarize the Paris Agreement",
        "tell me about solar",
        "policy",
        "solar policy",
    ],
)
def test_no_policy_topic(text: str) -> None:
    assert parse_policy_topic(text) is None
