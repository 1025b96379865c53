"""Where a query asks about: states (by name, informal name or UF code), regions expanded into their
states, and places we have no data for (see `places` and `regions` for the rules).

Unknown places: a capitalised name after in / em / no / na / nos / nas / at ('in Atlantis', 'in
Texas') that is no state, known city (`cities`), region or country, nor a known non-place name (Brazil,
biomes, the Paris Agreement, articles, languages, months) nor a common or domain word. Skipped in
shouted or title-cased queries, where capitals say nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planexec.nodes.understanding.places import (
    _CITY_TO_UF,
    _COUNTRIES,
    _NAME_TO_UF,
    _is_shouting,
    city_spans,
    parse_states,
    state_name_spans,
)
from planexec.nodes.understanding.regions import REGIONS, find_regions, region_words_re
from planexec.nodes.understanding.spelling import COMMON, KEYWORDS, words
from planexec.nodes.understanding.text import fold
from planexec.schemas.slots import RegionRef

_NON_PLACES = words(
    """brazil brasil brazilian the a an this that these those all any each every my our your their
    amazon amazonia amazonas cerrado caatinga pantanal pampa mata atlantic atlantica paris agreement acordo
    article artigo articles english portuguese portugues ingles spanish espanhol january february march
    april may june july august september october november december janeiro fevereiro marco abril maio
    junho julho agosto setembro outubro novembro dezembro mw kw gw km solar heat quintile quintil total
    ndc ndcs unfccc cop kyoto aneel inmet prodes mapbiomas geojson json csv excel table tabela map mapa
    which what where how when who why qual quais onde como quando quem zone zones zona zonas region
    regions regiao state states estado estados municipality municipio city cidade q1 q2 q3 q4 q5 i
    extreme hot deforestation areas area plants usinas"""
)
_NAME = r"[A-ZÀ-Ý][^\W\d_]+(?:[-'][^\W\d_]+)*(?:\s+(?:(?:de|do|da|dos|das|of|del)\s+)?[A-ZÀ-Ý][^\W\d_]+)*"
_PLACE_RE = re.compile(
    rf"\b(?:in|em|no|na|nos|nas|at)\s+(?P<names>{_NAME}(?:\s*(?:,|and|e|or|ou|&)\s*{_NAME})*)"
)
_NAME_RE = re.compile(_NAME)
_FUNCTION_WORDS = words("in em no na of de do da near perto within dentro and e or ou to at from with")
_COUNTRY_RE = re.compile(r"\b(?:" + "|".join(_COUNTRIES.values()) + r")\b")
_REGION_WORDS_RE = region_words_re()


@dataclass(frozen=True)
class Places:
    states: list[str] = field(default_factory=list)
    regions: list[RegionRef] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


def _blank_states(text: str) -> str:
    folded = list(fold(text))
    for start, end, _ in state_name_spans(text) + city_spans(text):
        folded[start:end] = " " * (end - start)
    return "".join(folded)


def _title_cased(text: str) -> bool:
    """Most words capitalised, domain or common words among them ('Solar Plants In Extreme Heat')."""
    words = re.findall(r"[^\W\d_]{2,}", text)
    capitalised = [w for w in words if w[0].isupper()]
    plain = [
        w for w in capitalised if fold(w) in KEYWORDS or fold(w) in _NON_PLACES or fold(w) in _FUNCTION_WORDS
    ]
    return len(words) >= 3 and len(plain) >= 2 and len(capitalised) / len(words) > 0.6


def _known(name: str) -> bool:
    folded = fold(name)
    first = folded.split()[0].split("-")[0]
    if folded in _NAME_TO_UF or any(folded.startswith(n + " ") for n in _NAME_TO_UF):
        return True
    if folded in _CITY_TO_UF or any(folded.startswith(n + " ") for n in _CITY_TO_UF):
        return True  # a city in a state we have data for
    if _COUNTRY_RE.fullmatch(folded) or _REGION_WORDS_RE.match(folded):
        return True
    return first in _NON_PLACES or first in KEYWORDS or first in COMMON or name.isupper()


def unknown_places(text: str) -> list[str]:
    """Capitalised place names after a preposition that match nothing we have data for."""
    if _is_shouting(text) or _title_cased(text):
        return []
    names = [n.group(0) for m in _PLACE_RE.finditer(text) for n in _NAME_RE.finditer(m.group("names"))]
    found = [name for name in names if not _known(name)]
    return list(dict.fromkeys(found))


def parse_places(text: str) -> Places:
    """States (regions expanded in place, order of mention), the regions, and the unknown places."""
    spans = [(start, uf) for start, _, uf in state_name_spans(text) + city_spans(text)]
    ordered: list[tuple[int, str]] = []
    regions: list[RegionRef] = []
    for offset, key, matched in find_regions(text, _blank_states(text)):
        region = REGIONS[key]
        regions.append(
            RegionRef(name=region.name, name_pt=region.name_pt, ufs=list(region.ufs), text=matched)
        )
        ordered += [(offset, uf) for uf in region.ufs]
    states = parse_states(text)
    first_seen = {uf: min([s for s, u in spans if u == uf] or [_code_offset(text, uf)]) for uf in states}
    ordered += [(first_seen[uf], uf) for uf in states]
    merged = list(dict.fromkeys(uf for _, uf in sorted(ordered, key=lambda item: item[0])))
    unique_regions = list({r.name: r for r in regions}.values())
    return Places(states=merged, regions=unique_regions, unknown=unknown_places(text))


def _code_offset(text: str, uf: str) -> int:
    match = re.search(rf"(?<![\w]){uf}(?![\w])", text)
    return match.start() if match else len(text)
