"""Places in a query: country (default Brazil) and Brazilian states (UF codes).

Rules:
- Country: Brazil unless another country (English or Portuguese name, see `_COUNTRIES`) is named;
  the first non-Brazil country found is returned with `supported=False`. 'BR' / 'USA' / 'US' / 'UK'
  count only as standalone upper-case tokens ('us' in lower case is a pronoun).
- States by full name, with or without accents, case-insensitive ('Sao Paulo', 'pará'), longest
  first ('Mato Grosso do Sul' is not also 'Mato Grosso'). 'Para' / 'Acre' without the accent must
  be capitalised (lower-case 'para' is a Portuguese preposition, 'acre' an English unit).
- States by UF code: a standalone upper-case token ('in PA', 'BA, SP'); lower-case 'to', 'am', 'ma'
  are words, not codes. In a shouted (mostly upper-case) query a code only counts after a
  preposition (IN / EM / NO / NA / DE / DO / DA), so 'CLOSE TO' is not Tocantins. 'AM' after a
  number is a time ('10 AM'). Shouted = mostly upper-case letters with two or more upper-case words
  of four or more letters (so 'BA, SP and MG' is not shouted).
- 'para' / 'acre' / 'minas' in lower case count right after a place preposition ('in minas', 'em minas',
  'de minas', 'no para', 'do acre', 'state of para'); the preposition 'para' never follows one.
- Informal names: 'Sampa' -> SP, 'Brasília' -> DF, capitalised 'Minas' -> MG; 'Rio' -> RJ only with
  clear context: capitalised, after in / em / no / do / of / 'state of' / 'estado do', and not
  followed by another capitalised word ('Rio Branco', 'Rio Verde' are cities).
- Cities (`cities`: the 27 capitals and large cities) add their state: 'in Recife' -> PE,
  'em Petrolina' -> PE (see `city_spans` for the case rules).
- Regions (see `regions`) add their states, in order of mention; `parse_places` records them.
- Unknown places: a capitalised name after in / em / no / na / nos / nas / at that is no state,
  region, country, known name (Brazil, biomes, Paris Agreement, article …) nor a common word is
  reported, so the answer can say there is no data for it. Not in shouted or title-cased queries.
- States are returned in order of first mention, without duplicates.
"""

from __future__ import annotations

import re

from planexec.nodes.understanding.cities import CITY_TO_UF, COMMON_WORD_CITIES
from planexec.nodes.understanding.text import fold

STATES = {
    "AC": "Acre", "AL": "Alagoas", "AP": "Amapá", "AM": "Amazonas", "BA": "Bahia", "CE": "Ceará",
    "DF": "Distrito Federal", "ES": "Espírito Santo", "GO": "Goiás", "MA": "Maranhão",
    "MT": "Mato Grosso", "MS": "Mato Grosso do Sul", "MG": "Minas Gerais", "PA": "Pará",
    "PB": "Paraíba", "PR": "Paraná", "PE": "Pernambuco", "PI": "Piauí", "RJ": "Rio de Janeiro",
    "RN": "Rio Grande do Norte", "RS": "Rio Grande do Sul", "RO": "Rondônia", "RR": "Roraima",
    "SC": "Santa Catarina", "SP": "São Paulo", "SE": "Sergipe", "TO": "Tocantins",
}  # fmt: skip
_STATE_ALIASES = {
    "federal district": "DF", "distrito federal": "DF", "brasilia": "DF", "sampa": "SP",
    "sao paulo state": "SP", "minas": "MG",
}  # fmt: skip
_CASE_SENSITIVE_NAMES = {"para": "Para", "acre": "Acre", "minas": "Minas"}

_COUNTRIES = {
    "Argentina": "argentina", "Bolivia": "bolivia", "Chile": "chile", "Colombia": "colombia",
    "Ecuador": "ecuador|equador", "Guyana": "guyana|guiana", "Paraguay": "paraguay|paraguai",
    "Peru": "peru", "Suriname": "suriname", "Uruguay": "uruguay|uruguai", "Venezuela": "venezuela",
    "Mexico": "mexico", "Canada": "canada", "United States": "united states|estados unidos",
    "United Kingdom": "united kingdom|reino unido|england|inglaterra", "Germany": "germany|alemanha",
    "France": "france|franca", "Spain": "spain|espanha", "Portugal": "portugal", "Italy": "italy|italia",
    "China": "china", "India": "india", "Japan": "japan|japao", "Australia": "australia",
    "South Africa": "south africa|africa do sul", "Nigeria": "nigeria", "Kenya": "kenya|quenia",
    "Egypt": "egypt|egito", "Russia": "russia", "Indonesia": "indonesia",
}  # fmt: skip
_UPPER_COUNTRIES = {"USA": "United States", "US": "United States", "UK": "United Kingdom", "BR": "Brazil"}
_BRAZIL_RE = re.compile(r"\b(?:brazil|brasil|brazilian|brasileir[oa]s?)\b")

_NAME_TO_UF = {fold(name): uf for uf, name in STATES.items()} | _STATE_ALIASES
_STATE_NAME_RE = re.compile(
    r"\b(" + "|".join(re.escape(n) for n in sorted(_NAME_TO_UF, key=len, reverse=True)) + r")\b"
)
_UF_RE = re.compile(r"(?<![\w])(" + "|".join(STATES) + r")(?![\w])")
_COUNTRY_RE = re.compile(r"\b(" + "|".join(_COUNTRIES.values()) + r")\b")
_UPPER_COUNTRY_RE = re.compile(r"(?<![\w.])(USA|US|UK|BR|U\.S\.A?\.?)(?![\w])")
_PREPOSITIONS = {"in", "em", "no", "na", "de", "do", "da"}
_RIO_RE = re.compile(
    r"(?:\b(?:[Ii]n|[Ee]m|[Nn]o|[Dd]o|[Oo]f|[Ss]tate\s+of|[Ee]stado\s+do|[Aa]t)\s+)(Rio)\b"
    r"(?!\s+(?:[A-Z]|d[eoa]s?\s+[A-Z]|-))"
)


def _is_shouting(text: str) -> bool:
    """Mostly upper-case letters and at least two upper-case words of four or more letters."""
    letters = [ch for ch in text if ch.isalpha()]
    long_upper = [word for word in re.findall(r"[^\W\d_]{4,}", text) if word.isupper()]
    return len(long_upper) >= 2 and sum(ch.isupper() for ch in letters) / len(letters) > 0.6


_PLACE_WORD_RE = re.compile(
    r"\b(?:in|em|no|do|of|at|from|pelo|state\s+of|estado\s+d[eo]|de)\s+$", re.IGNORECASE
)


_LIST_JOIN_RE = re.compile(r"(?:,|\b(?:and|e|or|ou))\s+$")
_PLACE_BEFORE_RE = re.compile(r"\b(?:in|em|no|na|nos|nas|do|da|de|of|at)\s+\S")


def _after_place_word(text: str, start: int) -> bool:
    """Right after a place preposition ('in minas', 'no para', 'state of acre', 'de minas'), or
    joined by and / e / ',' to an earlier place after one ('em sao paulo e minas')."""
    before = fold(text[max(0, start - 40) : start])
    if _PLACE_WORD_RE.search(before[-20:]):
        return True
    return bool(_LIST_JOIN_RE.search(before) and _PLACE_BEFORE_RE.search(before))


def _accepted_name(text: str, start: int, name: str) -> bool:
    """'Para' / 'Acre' without accent: capitalised and, for 'Para', not opening a sentence."""
    if name not in _CASE_SENSITIVE_NAMES:
        return True
    if _after_place_word(text, start) and not (
        name == "para" and fold(text[:start]).rstrip().endswith(" de")
    ):
        return True
    if name == "minas":
        return text[start : start + 5] == "Minas"
    original = text[start : start + len(name)]
    if original.lower() == STATES[_NAME_TO_UF[name]].lower() and original.lower() != name:
        return True  # written with its accent ('pará')
    prefix = text[:start].rstrip()
    opens_sentence = not prefix or prefix[-1] in ".!?:;"
    return original == _CASE_SENSITIVE_NAMES[name] and not (name == "para" and opens_sentence)


def state_name_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, UF) of every state named in full or by an accepted informal name."""
    spans = [
        (match.start(), match.end(), _NAME_TO_UF[match.group(1)])
        for match in _STATE_NAME_RE.finditer(fold(text))
        if _accepted_name(text, match.start(), match.group(1))
    ]
    return spans + [(m.start(1), m.end(1), "RJ") for m in _RIO_RE.finditer(text)]


_CITY_TO_UF = {fold(name): uf for name, uf in CITY_TO_UF.items()}
_CITY_RE = re.compile(
    r"\b(" + "|".join(re.escape(n) for n in sorted(_CITY_TO_UF, key=len, reverse=True)) + r")\b"
)


def city_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, UF) of every known city (`cities`): capitalised, or lower case right after a place
    word; a city that is also a common word only capitalised right after a place word."""
    found = []
    for match in _CITY_RE.finditer(fold(text)):
        name, start = match.group(1), match.start()
        capitalised = text[start].isupper()
        after_place = _after_place_word(text, start)
        if (capitalised and after_place) or (name not in COMMON_WORD_CITIES and (capitalised or after_place)):
            found.append((start, match.end(), _CITY_TO_UF[name]))
    return found


def _names(text: str) -> list[tuple[int, str]]:
    states = state_name_spans(text)
    cities = [c for c in city_spans(text) if not any(s < c[1] and c[0] < e for s, e, _ in states)]
    return [(start, uf) for start, _, uf in states + cities]


def _codes(text: str) -> list[tuple[int, str]]:
    shouting, found = _is_shouting(text), []
    for match in _UF_RE.finditer(text):
        before = text[max(0, match.start() - 40) : match.start()].split()
        previous = before[-1].lower() if before else ""
        if shouting and previous not in _PREPOSITIONS:
            continue
        if match.group(1) == "AM" and previous.isdigit():
            continue
        found.append((match.start(), match.group(1)))
    return found


def parse_states(text: str) -> list[str]:
    """UF codes of the Brazilian states mentioned, in order of first mention."""
    ordered = sorted(_names(text) + _codes(text))
    return list(dict.fromkeys(uf for _, uf in ordered))


def parse_country(text: str) -> tuple[str, bool]:
    """(country, supported): ('Brazil', True) unless another country is named."""
    folded = fold(text)
    found = [
        (match.start(), name)
        for name, pattern in _COUNTRIES.items()
        for match in re.finditer(rf"\b(?:{pattern})\b", folded)
    ]
    for match in [] if _is_shouting(text) else _UPPER_COUNTRY_RE.finditer(text):
        name = _UPPER_COUNTRIES.get(match.group(1), "United States")
        if name != "Brazil":
            found.append((match.start(), name))
    if found:
        return min(found)[1], False
    return "Brazil", True
