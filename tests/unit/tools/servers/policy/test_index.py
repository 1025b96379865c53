"""Parsing and BM25 ranking of the policy passages (tools.servers.policy.index)."""

from __future__ import annotations

from pathlib import Path

import pytest

from planexec.schemas.settings import Settings
from planexec.tools.servers.datasets.loaders import DataFileMissingError, package_data_dir
from planexec.tools.servers.policy.index import PolicyIndex, UnknownPassageError, parse_document

SAMPLE = """AGREEMENT X

The Parties,

Have agreed as follows:

Article 1

For this Agreement:

(a) "Party" means a Party.

Article 2

1. Parties shall adapt.

(a) Adaptation plans;

(b) Reporting.

2. Parties shall report.

DONE at Paris.
"""


def test_parse_scheme() -> None:
    passages = parse_document("x_en", SAMPLE)
    ids = [p.id for p in passages]
    assert ids == [
        "x_en:preamble:p1",
        "x_en:preamble:p2",
        "x_en:art1",
        "x_en:art2:p1",
        "x_en:art2:p2",
        "x_en:closing:p1",
    ]
    by_id = {p.id: p for p in passages}
    assert by_id["x_en:art2:p1"].citation == "Agreement X, Art. 2(1)"
    assert "(b) Reporting." in by_id["x_en:art2:p1"].text
    assert by_id["x_en:art1"].citation == "Agreement X, Art. 1" and by_id["x_en:art1"].paragraph is None
    assert "(a)" in by_id["x_en:art1"].text


def test_real_agreement_index() -> None:
    index = PolicyIndex(package_data_dir() / "policy")
    passages = index.passages()
    articles = {p.article for p in passages if p.article}
    assert articles == {str(n) for n in range(1, 30)}
    assert index.get("paris_agreement_2015_en:art28:p1").citation == "Paris Agreement, Art. 28(1)"
    assert [p.id for p in index.search("adaptation", 5)] == [p.id for p in index.search("adapt", 5)]
    assert index.search("withdraw", 1)[0].article == "28"
    assert index.search("!!!") == []
    with pytest.raises(UnknownPassageError, match="unknown passage id"):
        index.get("nope")


def test_index_follows_the_data_dir_setting(tmp_path: Path) -> None:
    assert PolicyIndex.from_settings(Settings(data_dir=None)).folder == package_data_dir() / "policy"
    assert PolicyIndex.from_settings(Settings(data_dir=tmp_path)).folder == tmp_path.resolve() / "policy"


def test_a_folder_without_documents_is_an_error_not_an_empty_answer(tmp_path: Path) -> None:
    index = PolicyIndex(tmp_path / "policy")
    for attempt in (lambda: index.search("adaptation"), lambda: index.get("x:art1")):
        with pytest.raises(DataFileMissingError, match="PLANEXEC_DATA_DIR") as info:
            attempt()
        assert str(tmp_path / "policy") in str(info.value)
    (tmp_path / "policy").mkdir()
    (tmp_path / "policy" / "x_en.txt").write_text("X TREATY\n\nArticle 1\n\nAll parties adapt.\n")
    assert [p.id for p in index.search("adaptation")] == ["x_en:art1"]
