"""Is a text in the language asked for? A light, dependency-free check (en, pt, es) from function words
and script.

- Script: letters must be Latin (plus º ª µ). Any other script (CJK, kana, Hangul, Cyrillic, Arabic,
  Greek, ...) is a stray token from the model, not prose in en/pt/es.
- Words: each language has a set of function words no other of the three shares (shared ones such as
  'de', 'a', 'no', 'que' are left out). A text is in the wrong language when another language's
  distinctive words outnumber the asked one's and there are at least MIN_EVIDENCE of them, or when a
  text of LONG_TEXT_WORDS words or more has none of the asked language's function words.
Short texts with little evidence pass: the check only rejects what is clearly another language.
"""

from __future__ import annotations

import unicodedata

from planexec.nodes.output_checks.echo import words

MIN_EVIDENCE = 2
LONG_TEXT_WORDS = 8
_ALLOWED_NON_LATIN = frozenset({"º", "ª", "µ"})


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": _word_set(
        """the of and is are was were be been this that these those there which with within for to from
        by at an it its than not or into their they has have had lie lies near about between out over only"""
    ),
    "pt": _word_set(
        """o os um uma uns umas do da dos das na nas nos em e é são com pelo pela pelos pelas mais ao aos à
        às ficam fica estão foram seu sua seus suas não também até cerca entre para por que de no"""
    ),
    "es": _word_set(
        """el los la las un una unos unas del y es son en con más al están fueron su sus también hasta
        cerca entre para por que de no lo muy"""
    ),
}
_DISTINCTIVE: dict[str, frozenset[str]] = {
    lang: wordset - frozenset().union(*(other for name, other in _FUNCTION_WORDS.items() if name != lang))
    for lang, wordset in _FUNCTION_WORDS.items()
}
LANGUAGES = tuple(_FUNCTION_WORDS)


def base_language(code: str) -> str:
    """'pt-BR' -> 'pt'; unknown codes are returned lower-cased (and not checked by words)."""
    return code.strip().lower().split("-")[0].split("_")[0]


def foreign_script(text: str) -> str | None:
    """The first letter that is not Latin (e.g. '日'), or None."""
    for char in text:
        latin = unicodedata.name(char, "").startswith("LATIN")
        if char.isalpha() and char not in _ALLOWED_NON_LATIN and not latin:
            return char
    return None


def scores(text: str) -> dict[str, int]:
    """Distinctive function words of each language found in the text."""
    tokens = words(text)
    return {lang: sum(1 for t in tokens if t in wordset) for lang, wordset in _DISTINCTIVE.items()}


def language_problem(text: str, language: str) -> str | None:
    """Why `text` is not in `language` (en/pt/es), or None when it may well be."""
    if char := foreign_script(text):
        return f"characters of another script ('{char}')"
    lang = base_language(language)
    if lang not in _FUNCTION_WORDS:
        return None
    found = scores(text)
    other, count = max(((k, v) for k, v in found.items() if k != lang), key=lambda kv: kv[1])
    if count >= MIN_EVIDENCE and count > found[lang]:
        return f"written in '{other}', not '{lang}'"
    tokens = words(text)
    if len(tokens) >= LONG_TEXT_WORDS and not any(t in _FUNCTION_WORDS[lang] for t in tokens):
        return f"no '{lang}' function words in {len(tokens)} words"
    return None
