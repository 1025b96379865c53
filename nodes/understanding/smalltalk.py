"""Small talk: greetings, thanks, farewells and "what can you do?" — messages that ask nothing.

A message is small talk when, folded (lower case, no accents) and stripped of punctuation, it is
made only of small-talk phrases ("olá", "tudo bem", "bom dia", "e aí, blz?", "fala aí", "eae", "opa",
"hello", "hey there", "yo", "what's up", "how are you", "thanks",
"muito obrigado", "tchau", "what can you do") and filler words ("there", "pessoal", "very much",
"planexec"), with at least one phrase; a letter repeated three or more times counts once ("oiii").
Anything else in it ("hello, map of solar plants") makes it
a question, not small talk. The kind is the most specific phrase found (thanks > farewell > help >
greeting); the language is the one of its phrases (Portuguese wins a tie, English by default).
The chat's clarify node answers small talk with a short friendly reply in that language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from planexec.nodes.understanding.text import fold

Kind = Literal["greeting", "thanks", "farewell", "help"]
KIND_ORDER: tuple[Kind, ...] = ("thanks", "farewell", "help", "greeting")

_PHRASES: dict[str, dict[Kind, tuple[str, ...]]] = {
    "pt": {
        "greeting": (
            "ola",
            "oi",
            "opa",
            "e ai",
            "eai",
            "tudo bem",
            "tudo bom",
            "tudo certo",
            "como vai",
            "como vai voce",
            "como voce esta",
            "como esta",
            "bom dia",
            "boa tarde",
            "boa noite",
            "beleza",
            "salve",
            "blz",
            "tudo blz",
            "td blz",
            "td bem",
            "td bom",
            "tdb",
            "tudo joia",
            "joia",
            "tranquilo",
            "suave",
            "de boa",
            "firmeza",
            "fala",
            "fala ai",
            "fala tu",
            "e ae",
            "eae",
            "iae",
            "ae",
            "oie",
            "oii",
            "ei",
            "coe",
            "como vai voce",
            "como vc ta",
            "como voce ta",
            "como ce ta",
            "como vc esta",
            "tudo bem com voce",
        ),
        "thanks": (
            "obrigado",
            "obrigada",
            "brigado",
            "brigada",
            "obrigadao",
            "brigadao",
            "valeu",
            "valeuzao",
            "vlw",
            "obg",
            "agradeco",
            "muito agradecido",
        ),
        "farewell": ("tchau", "ate logo", "ate mais", "ate breve", "adeus", "falou"),
        "help": (
            "ajuda",
            "socorro",
            "quem e voce",
            "o que voce faz",
            "o que voce pode fazer",
            "o que voce sabe fazer",
            "o que posso perguntar",
        ),
    },
    "en": {
        "greeting": (
            "hello",
            "hi",
            "hey",
            "hiya",
            "howdy",
            "greetings",
            "good morning",
            "good afternoon",
            "good evening",
            "how are you",
            "how are you doing",
            "how is it going",
            "hows it going",
            "whats up",
            "what s up",
            "wassup",
            "wazzup",
            "sup",
            "yo",
            "heya",
            "hey ya",
            "hi there",
            "hello there",
            "hey there",
            "how s it going",
            "how are ya",
            "how are u",
            "how r u",
            "how you doing",
            "good day",
            "morning",
            "gm",
        ),
        "thanks": ("thanks", "thank you", "thx", "tks", "ty", "cheers", "much appreciated", "many thanks"),
        "farewell": ("bye", "goodbye", "bye bye", "see you", "see ya", "good night"),
        "help": ("help", "who are you", "what can you do", "what do you do", "what can i ask"),
    },
}
_FILLER_WORDS = """there all everyone folks very much so a lot again you too and ok okay great nice cool
    pessoal gente muito muita voce com tambem e legal otimo perfeito ai planexec bot mano galera cara amigo
    amiga por aqui partner buddy man dude mate friend guys"""
FILLERS = frozenset(_FILLER_WORDS.split())
_PUNCT = re.compile(r"[^\w\s]|_")
_REPEATS = re.compile(r"([a-z])\1{2,}")  # 'oiii' / 'heyyy' / 'hellooo': a letter written 3+ times counts once


@dataclass(frozen=True)
class SmallTalk:
    kind: Kind
    language: Literal["en", "pt"]


def _phrase_table() -> list[tuple[tuple[str, ...], str, Kind]]:
    table = [
        (tuple(phrase.split()), lang, kind)
        for lang, kinds in _PHRASES.items()
        for kind, phrases in kinds.items()
        for phrase in phrases
    ]
    return sorted(table, key=lambda entry: -len(entry[0]))  # longest phrase first


_TABLE = _phrase_table()
WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(w for ph, lg, _ in _TABLE if lg == lang for w in ph) - FILLERS for lang in _PHRASES
}
"""Single words of each language's phrases (fillers excluded): language detection counts them."""


def _match_at(words: list[str], i: int) -> tuple[int, str, Kind] | None:
    for phrase, lang, kind in _TABLE:
        if tuple(words[i : i + len(phrase)]) == phrase:
            return len(phrase), lang, kind
    return None


def detect_smalltalk(text: str) -> SmallTalk | None:
    """The small talk `text` is, or None when it says anything else."""
    words = _REPEATS.sub(r"\1", _PUNCT.sub(" ", fold(text))).split()
    found: list[tuple[str, Kind]] = []
    i = 0
    while i < len(words):
        hit = _match_at(words, i)
        if hit is not None:
            size, lang, kind = hit
            found.append((lang, kind))
            i += size
        elif words[i] in FILLERS:
            i += 1
        else:
            return None
    if not found:
        return None
    kinds = {kind for _, kind in found}
    kind = next(k for k in KIND_ORDER if k in kinds)
    pt = sum(lang == "pt" for lang, _ in found)
    return SmallTalk(kind=kind, language="pt" if pt * 2 >= len(found) else "en")


def is_smalltalk(text: str) -> bool:
    return detect_smalltalk(text) is not None
