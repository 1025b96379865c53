"""Query analysis of the policy search: article references, expansions, content words."""

from __future__ import annotations

from pathlib import Path

import pytest

from planexec.tools.servers.datasets.loaders import package_data_dir
from planexec.tools.servers.policy.query import analyze, find_refs, fold, load_expansions

TABLE = load_expansions(package_data_dir() / "policy" / "query_expansions.json")


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        ("Article 6.4", [("6", "4")]),
        ("Art. 6(4)", [("6", "4")]),
        ("article 6, paragraph 4", [("6", "4")]),
        ("paragraph 2 of Article 4", [("4", "2")]),
        ("parágrafo 2 do artigo 4", [("4", "2")]),
        ("artigo 9", [("9", None)]),
        ("o que diz o artigo 6?", [("6", None)]),
        ("Article 2.1(a)", [("2", "1")]),
        ("Articles 4 and 7", [("4", None), ("7", None)]),
        ("the 1.5 degree goal", []),
    ],
)
def test_article_references(text: str, refs: list[tuple[str, str | None]]) -> None:
    found, _ = find_refs(fold(text))
    assert [(r.article, r.paragraph) for r in found] == refs


@pytest.mark.parametrize(
    ("text", "found", "expanded"),
    [
        ("NDCs", "ndcs", "nationally determined contribution"),
        ("what is the GST?", "gst", "global stocktake"),
        ("the ETF", "etf", "enhanced transparency framework"),
        ("Warsaw mechanism", "warsaw mechanism", "Warsaw International Mechanism"),
        ("ITMOs", "itmos", "internationally transferred mitigation outcomes"),
        ("net zero", "net zero", "balance between anthropogenic emissions by sources and removals by sinks"),
        (
            "long-term strategies",
            "long-term strategies",
            "long-term low greenhouse gas emission development strategies",
        ),
        (
            "contribuições nacionalmente determinadas",
            "contribuicoes nacionalmente determinadas",
            "nationally determined contribution",
        ),
        ("perdas e danos", "perdas e danos", "loss and damage"),
        ("balanço global", "balanco global", "global stocktake"),
        ("entrada em vigor", "entrada em vigor", "enter into force"),
    ],
)
def test_expansions(text: str, found: str, expanded: str) -> None:
    analyzed = analyze(text, TABLE)
    assert [(e.found, expanded in e.expanded_to) for e in analyzed.expansions][:1] == [(found, True)]
    assert expanded in analyzed.phrases()


def test_content_words_drop_question_words_and_aliases() -> None:
    analyzed = analyze("what does the Paris Agreement say about perdas e danos and the ocean?", TABLE)
    assert analyzed.words == ["ocean"]  # 'danos' is not left behind by the alias
    assert analyze("o que diz o acordo", TABLE).phrases() == []


def test_a_missing_expansion_table_means_no_expansions(tmp_path: Path) -> None:
    assert load_expansions(tmp_path / "none.json") == []
    assert analyze("NDC", []).words == ["ndc"]
