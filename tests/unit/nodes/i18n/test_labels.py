"""Labels: every English label has a Portuguese one; placeholders match; the answer language."""

from __future__ import annotations

import string

import pytest

from planexec.nodes.i18n import LABELS, answer_language, label


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_english_label_has_a_portuguese_one() -> None:
    assert set(LABELS["en"]) == set(LABELS["pt"])
    assert all(LABELS["pt"][key].strip() for key in LABELS["en"])


def test_placeholders_are_the_same_in_both_languages() -> None:
    for key, english in LABELS["en"].items():
        assert _fields(english) == _fields(LABELS["pt"][key]), key


def test_portuguese_headings_differ_from_english_except_units() -> None:
    same = {k for k in LABELS["en"] if LABELS["en"][k] == LABELS["pt"][k]}
    assert same <= {"col.number", "axis.mw", "value.distance.within"}


def test_label_lookup_and_formatting() -> None:
    assert label("heading.overview", "pt") == "Resumo"
    assert label("heading.overview", "en") == "Overview"
    assert label("clarify.missing", "pt", missing="x") == "Por favor, informe: x."
    with pytest.raises(KeyError):
        label("no.such.key", "en")


@pytest.mark.parametrize(
    ("target", "detected", "expected"),
    [
        (None, "pt", "pt"),
        (None, "en", "en"),
        ("pt", "en", "pt"),
        ("pt-BR", "en", "pt"),
        ("portuguese", "en", "pt"),
        ("en", "pt", "en"),
        (None, None, "en"),
        ("es", "pt", "en"),
    ],
)
def test_answer_language(target: str | None, detected: str | None, expected: str) -> None:
    assert answer_language(target, detected) == expected
