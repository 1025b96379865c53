"""Numbers written in a query: digits in English or Portuguese format, and number words (en / pt).

Rules:
- Digits: a dot is a decimal point ('1.5') except in Portuguese text, where a dot followed by groups
  of exactly three digits is a thousands separator ('1.500' = 1500, '1.500,5' = 1500.5). A comma
  followed by groups of exactly three digits is a thousands separator in English text ('1,000');
  any other comma is a decimal comma ('2,5' = 2.5).
- Words: 'one' … 'ninety-nine', 'hundred', 'thousand' and Portuguese 'um' … 'noventa', 'cem',
  'cento', 'duzentos' … 'novecentos', 'mil', joined by spaces, hyphens, 'and' / 'e'
  ('twenty-five', 'two hundred and fifty', 'mil e quinhentos', 'vinte e cinco').
"""

from __future__ import annotations

import re

_UNITS_EN = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_UNITS_PT = {
    "um": 1, "uma": 1, "dois": 2, "duas": 2, "tres": 3, "quatro": 4, "cinco": 5, "seis": 6, "sete": 7,
    "oito": 8, "nove": 9, "dez": 10, "onze": 11, "doze": 12, "treze": 13, "catorze": 14, "quatorze": 14,
    "quinze": 15, "dezesseis": 16, "dezessete": 17, "dezoito": 18, "dezenove": 19, "vinte": 20,
    "trinta": 30, "quarenta": 40, "cinquenta": 50, "sessenta": 60, "setenta": 70, "oitenta": 80,
    "noventa": 90, "cem": 100, "cento": 100, "duzentos": 200, "duzentas": 200, "trezentos": 300,
    "trezentas": 300, "quatrocentos": 400, "quinhentos": 500, "quinhentas": 500, "seiscentos": 600,
    "setecentos": 700, "oitocentos": 800, "novecentos": 900,
}  # fmt: skip
ADDITIVE = _UNITS_EN | _UNITS_PT
MULTIPLIERS = {"hundred": 100, "thousand": 1000, "mil": 1000}
_JOINERS = {"and", "e"}

NUMBER_WORD = "|".join(sorted([*ADDITIVE, *MULTIPLIERS], key=len, reverse=True))
NUMBER_PHRASE = rf"(?:{NUMBER_WORD})(?:(?:\s+|-)(?:(?:and|e)\s+)?(?:{NUMBER_WORD}))*"
"""A run of number words (regex source, on folded text, to be used between word boundaries)."""
DIGITS = r"\d+(?:[.,]\d+)*"
"""A written number in digits (regex source), read with `parse_number`."""


def parse_number(raw: str, portuguese: bool = False) -> float | None:
    """'2,5' / '1.5' / '1,000' / '10' as a float; '1.500' is 1500 when `portuguese` (see module rules)."""
    if portuguese and re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", raw):
        raw = raw.replace(".", "")
    elif re.fullmatch(r"\d{1,3}(,\d{3})+" + ("" if portuguese else r"(\.\d+)?"), raw):
        raw = raw.replace(",", "")
    if raw.count(",") + raw.count(".") > 1:
        return None
    try:
        return float(raw.replace(",", "."))
    except ValueError:
        return None


def word_number(phrase: str) -> float | None:
    """The value of a run of number words ('two hundred and fifty' = 250), or None."""
    total = current = 0
    seen = False
    for token in re.split(r"[\s-]+", phrase.strip().lower()):
        if token in _JOINERS and seen:
            continue
        if token in ADDITIVE:
            current += ADDITIVE[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in MULTIPLIERS:
            total += max(current, 1) * MULTIPLIERS[token]
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def read_number(raw: str, portuguese: bool = False) -> float | None:
    """Digits or number words, whichever `raw` is."""
    raw = raw.strip()
    if raw[:1].isdigit():
        return parse_number(raw, portuguese)
    return word_number(raw)
