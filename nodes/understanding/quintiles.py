"""Heat-stress quintiles asked for (5 = hottest), from numbers, ordinals or words (en / pt).

Rules, by priority (on folded text; a count with a direction, rule 2, is read first so "top 2
quintiles" is not quintile 2):
1. explicit numbers: 'quintile 5', 'quintis 4 e 5', 'quintiles 2 or 3', 'quintiles 3-5', 'quintil 4',
   'Q5', 'Q3 to Q5', 'Q4 and Q5'; ordinals 'the fourth quintile', '4th and 5th quintiles',
   'quinto quintil'. A range ('3-5', '3 to 5', 'Q3 a Q5', '2 through 4') takes every quintile in it.
2. a count and a direction: 'the two warmest quintiles' / 'os dois quintis mais quentes' / 'top two
   quintiles' -> the N hottest; 'the two coolest quintiles' / 'bottom 2 quintiles' -> the N coolest.
3. 'top N %' / 'N % mais quentes' -> the ceil(N/20) hottest quintiles.
4. one quintile by a superlative: 'the mildest / coolest / coldest / lowest / bottom quintile',
   'o quintil mais frio / ameno' -> [1]; 'the hottest / warmest / top / upper / highest quintile',
   'upper-quintile', 'o quintil mais quente' -> [5].
5. words without 'quintile': coolest / mildest / coldest zones, 'mais frias' -> [1]; low / mild /
   cool heat, 'calor baixo / ameno' -> [1, 2]; extreme, hottest, warmest, most extreme, extremo(s),
   mais quente(s), highest heat -> [5]; high, very hot, intense, severe, upper, muito quente, calor
   alto / intenso -> [4, 5]; moderate / medium heat, calor moderado / médio -> [3].
6. no qualifier ('hot zones', 'heat stress') -> DEFAULT_HEAT_QUINTILES = [4, 5].
"""

from __future__ import annotations

import itertools
import math
import re

from planexec.nodes.understanding.numbers import word_number

DEFAULT_HEAT_QUINTILES = [4, 5]

_ORDINALS = {
    "first": 1, "1st": 1, "primeiro": 1, "1o": 1, "1º": 1, "second": 2, "2nd": 2, "segundo": 2, "2o": 2,
    "2º": 2, "third": 3, "3rd": 3, "terceiro": 3, "3o": 3, "3º": 3, "fourth": 4, "4th": 4, "quarto": 4,
    "4o": 4, "4º": 4, "fifth": 5, "5th": 5, "quinto": 5, "5o": 5, "5º": 5, "last": 5, "ultimo": 5,
}  # fmt: skip
_QUINT = r"quint(?:iles?|is|il)"
_SEP = r"(?:\s*[,&/–-]\s*|\s+(?:and|e|or|ou|to|a|ate|through|thru|until)\s+)"
_RANGE_SEP_RE = re.compile(r"^\s*(?:-|–|to|a|ate|through|thru|until)\s*$")
_NUMBERS_AFTER_RE = re.compile(
    rf"\b{_QUINT}\s+(?:n(?:o|umber)\.?\s*)?((?:[1-5](?:{_SEP})?)+)(?!\s*(?:km|m\b|mw|%))"
)
_NUMBERS_BEFORE_RE = re.compile(rf"\b((?:[1-5](?:{_SEP})?)+)\s+{_QUINT}")
_Q_RE = re.compile(rf"\bq([1-5])\b((?:{_SEP}q[1-5]\b)*)")
_ORDINAL = "|".join(sorted((re.escape(k) for k in _ORDINALS), key=len, reverse=True))
_ORDINALS_RE = re.compile(rf"\b((?:{_ORDINAL})(?:{_SEP}(?:{_ORDINAL}))*)\s+(?:heat\s+)?{_QUINT}")
_COUNT = r"([1-5]|one|two|three|four|five|um|uma|dois|duas|tres|quatro|cinco)"
_HOT = r"(?:hottest|warmest|highest|hotter|top|upper|mais\s+quentes?|mais\s+altos?|superiores)"
_COOL = (
    r"(?:coolest|coldest|mildest|lowest|bottom|mais\s+fri[oa]s?|mais\s+amen[oa]s?|mais\s+baixos?|inferiores)"
)
_HEAT_WORD = r"(?:(?:heat|heat[\s-]stress|temperature|calor|de\s+calor)\s+)?"
_COUNT_HOT_RE = re.compile(
    rf"\b(?:top|upper|highest)\s+{_COUNT}\s+{_HEAT_WORD}{_QUINT}|\b{_COUNT}\s+{_HOT}\s+{_HEAT_WORD}{_QUINT}"
    rf"|\b{_COUNT}\s+{_QUINT}\s+{_HEAT_WORD}{_HOT}|\b{_HOT}\s+{_COUNT}\s+{_HEAT_WORD}{_QUINT}"
)
_COUNT_COOL_RE = re.compile(
    rf"\b(?:bottom|lowest)\s+{_COUNT}\s+{_HEAT_WORD}{_QUINT}|\b{_COUNT}\s+{_COOL}\s+{_HEAT_WORD}{_QUINT}"
    rf"|\b{_COUNT}\s+{_QUINT}\s+{_HEAT_WORD}{_COOL}|\b{_COOL}\s+{_COUNT}\s+{_HEAT_WORD}{_QUINT}"
)
_ONE_HOT_RE = re.compile(rf"\b(?:{_HOT})[\s-]+{_HEAT_WORD}{_QUINT}|\b{_QUINT}\s+{_HEAT_WORD}{_HOT}")
_ONE_COOL_RE = re.compile(
    rf"\b(?:{_COOL}|first|primeiro)[\s-]+{_HEAT_WORD}{_QUINT}|\b{_QUINT}\s+{_HEAT_WORD}{_COOL}"
)
_TOP_PERCENT_RE = re.compile(
    r"\btop\s*(\d{1,3})\s*(?:%|percent|por\s*cento)|\b(\d{1,3})\s*(?:%|por\s*cento)\s+mais\s+quentes?"
)
_COOLEST_RE = re.compile(r"\b(?:coolest|coldest|mildest|least\s+hot|mais\s+fri[oa]s|mais\s+amen[oa]s)\b")
_LOW_RE = re.compile(
    r"\b(?:low|lower|mild|cool|cooler|baix[oa]s?|amen[oa]s?|fracos?)\s+(?:heat|calor|temperatures?)\b"
    r"|\b(?:calor|heat)\s+(?:baix[oa]|amen[oa]|fraco|low|mild)\b"
)
_EXTREME_RE = re.compile(
    r"\b(?:extreme|extremes|extremely\s+hot|hottest|warmest|extrem[oa]s?|mais\s+quentes?|top\s+quintile"
    r"|highest\s+(?:heat|temperatures?)|maior(?:es)?\s+temperaturas?|calor\s+maximo)\b"
)
_HIGH_RE = re.compile(
    r"\b(?:high|higher|very\s+hot|intense|severe|strong|elevated|upper|muito\s+quentes?|alt[oa]s?|elevad[oa]s?"
    r"|intens[oa]s?|sever[oa]s?|fortes?)\b"
)
_MODERATE_RE = re.compile(r"\b(?:moderate|moderad[oa]s?|medium|medi[oa]s?|intermediate|intermediari[oa]s?)\b")


def _expand(values: list[int], separators: list[str]) -> list[int]:
    """[3, 5] with a range separator between them -> 3, 4, 5."""
    out = {values[0]} if values else set()
    for (prev, nxt), sep in zip(itertools.pairwise(values), separators, strict=True):
        out.update(range(min(prev, nxt), max(prev, nxt) + 1) if _RANGE_SEP_RE.match(sep) else {nxt})
    return sorted(out)


def _numbers(run: str, kind: str) -> list[int]:
    token_re = rf"(?<![\w])(?:{_ORDINAL})(?![\w])" if kind == "ordinal" else r"(?<![\w])q?[1-5](?![\w])"
    tokens = list(re.finditer(token_re, run))
    values = [_ORDINALS[t.group(0)] if kind == "ordinal" else int(t.group(0)[-1]) for t in tokens]
    separators = [run[a.end() : b.start()] for a, b in itertools.pairwise(tokens)]
    return _expand(values, separators)


def _explicit(folded: str) -> list[int]:
    for regex, kind in ((_Q_RE, "q"), (_NUMBERS_AFTER_RE, "digit"), (_NUMBERS_BEFORE_RE, "digit")):
        match = regex.search(folded)
        if match:
            run = match.group(0) if kind == "q" else match.group(1)
            return _numbers(run, kind)
    match = _ORDINALS_RE.search(folded)
    return _numbers(match.group(1), "ordinal") if match else []


def _count(match: re.Match[str]) -> int:
    raw = next(g for g in match.groups() if g)
    value = int(raw) if raw.isdigit() else int(word_number(raw) or 1)
    return max(1, min(5, value))


def _counted(folded: str) -> list[int]:
    hot, cool = _COUNT_HOT_RE.search(folded), _COUNT_COOL_RE.search(folded)
    if hot and (not cool or hot.start() <= cool.start()):
        return list(range(6 - _count(hot), 6))
    return list(range(1, _count(cool) + 1)) if cool else []


def _top_percent(folded: str) -> list[int]:
    match = _TOP_PERCENT_RE.search(folded)
    if not match:
        return []
    percent = int(match.group(1) or match.group(2))
    if not 0 < percent <= 100:
        return []
    return list(range(6 - min(5, math.ceil(percent / 20)), 6))


def _single(folded: str) -> list[int]:
    hot, cool = _ONE_HOT_RE.search(folded), _ONE_COOL_RE.search(folded)
    if hot and (not cool or hot.start() <= cool.start()):
        return [5]
    return [1] if cool else []


def _qualified(folded: str) -> list[int]:
    for regex, quintiles in (
        (_COOLEST_RE, [1]),
        (_LOW_RE, [1, 2]),
        (_EXTREME_RE, [5]),
        (_HIGH_RE, [4, 5]),
        (_MODERATE_RE, [3]),
    ):
        if regex.search(folded):
            return quintiles
    return []


def quintiles_from_words(folded: str) -> list[int]:
    """The quintiles the (folded) text asks for, by the module's rules; the default when unqualified."""
    for rule in (_counted, _explicit, _top_percent, _single, _qualified):
        found = rule(folded)
        if found:
            return found
    return list(DEFAULT_HEAT_QUINTILES)


_SELECTION_RES = (
    _Q_RE,
    _NUMBERS_AFTER_RE,
    _NUMBERS_BEFORE_RE,
    _ORDINALS_RE,
    _COUNT_HOT_RE,
    _COUNT_COOL_RE,
    _TOP_PERCENT_RE,
    _ONE_HOT_RE,
    _ONE_COOL_RE,
)


def selection_spans(folded: str) -> list[tuple[int, int]]:
    """(start, end) of every quintile-selection phrase in folded text ('the two warmest quintiles',
    'top two heat quintiles', 'os dois quintis mais quentes', 'Q4 and Q5', 'the hottest quintile'):
    a filter, so other parsers must not read its count or superlative as a top-N or a measure."""
    return [match.span() for regex in _SELECTION_RES for match in regex.finditer(folded)]
