"""Tools ranked by the words they share with the question (the agent's second try)."""

from __future__ import annotations

from dataclasses import dataclass

from planexec.nodes.agent.narrowing import relevant_tools, stems


@dataclass
class _Tool:
    name: str
    description: str


TOOLS = [
    _Tool("GetFacilitiesForGeospatial", "Solar facilities as an entity table."),
    _Tool("GetHeatQuintilesForGeospatial", "Heat-stress zones by quintile."),
    _Tool("RegisterEntities", "Register an entity table."),
    _Tool("GetPassage", "One article of the Paris Agreement."),
    _Tool("SearchPassages", "Search the Paris Agreement's passages."),
    _Tool("GetDeforestationAreas", "Deforestation areas."),
]


def test_stems_split_camel_case_and_cut_words() -> None:
    assert stems("SearchPassages about adaptation") == {"searc", "passa", "about", "adapt"}


def test_only_tools_sharing_words_are_kept_best_first() -> None:
    names = [t.name for t in relevant_tools("Search the passages of the Paris Agreement", TOOLS)]
    assert names == ["SearchPassages", "GetPassage"]


def test_without_any_shared_word_the_first_tools_are_kept() -> None:
    assert [t.name for t in relevant_tools("olá", TOOLS, keep=2)] == [
        "GetFacilitiesForGeospatial",
        "GetHeatQuintilesForGeospatial",
    ]
