"""language_problem: another script or another language's function words fail; short or mixed text passes."""

from __future__ import annotations

import pytest

from planexec.nodes.output_checks.language import language_problem

EN = "Of 17,613 solar plants, 245 lie within 1 km of the 42 heat-stress zones (about 1.4%)."
PT = "Das 17.613 usinas solares, 245 ficam a até 1 km das 42 zonas de estresse térmico."
ES = "De las 17.613 plantas solares, 245 están a menos de 1 km de las 42 zonas de calor."


@pytest.mark.parametrize(("text", "lang"), [(EN, "en"), (PT, "pt"), (PT, "pt-BR"), (ES, "es")])
def test_text_in_the_language_asked_passes(text: str, lang: str) -> None:
    assert language_problem(text, lang) is None


@pytest.mark.parametrize(
    ("text", "lang", "problem"),
    [
        (PT, "en", "written in 'pt', not 'en'"),
        (EN, "pt", "written in 'en', not 'pt'"),
        (ES, "pt", "written in 'es', not 'pt'"),
        (PT, "es", "written in 'pt', not 'es'"),
    ],
)
def test_another_language_fails(text: str, lang: str, problem: str) -> None:
    assert language_problem(text, lang) == problem


def test_stray_tokens_of_another_script_fail() -> None:
    assert language_problem("Of 17,613 solar plants, 245 lie 日本語 within 1 km.", "en") == (
        "characters of another script ('日')"
    )
    assert language_problem("245 plants лежат near zones.", "en") == "characters of another script ('л')"


def test_short_english_and_place_names_pass() -> None:
    assert language_problem("A map of Bahia.", "en") is None
    assert language_problem("Solar plants in Mato Grosso do Sul: 245, about 1º of the total.", "en") is None


def test_a_long_text_without_any_function_word_of_the_language_fails() -> None:
    text = "Usinas solares zonas calor quintil cinco estado Bahia capacidade total megawatts"
    assert language_problem(text, "en") == "no 'en' function words in 11 words"
