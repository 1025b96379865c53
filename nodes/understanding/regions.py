"""Brazilian regions named in a query, as sets of UF codes (IBGE macro-regions and the Legal Amazon).

Rules (on folded text, after the state names are blanked out, so 'Mato Grosso do Sul' and 'Rio
Grande do Norte' are not the South or the North):
- Compound names are always regions: Nordeste / Northeast / north-east(ern), Sudeste / Southeast /
  south-east(ern), Centro-Oeste / Center-West / Centre-West / Central-West / Midwest, Amazônia Legal /
  Legal Amazon. 'Southeast Asia' is not.
- 'Norte' / 'North' / 'northern' and 'Sul' / 'South' / 'southern' are regions only when capitalised
  or after 'the' / 'região' / 'region' / 'no' / 'o' / 'do' / 'in the', or before 'region' / 'região' /
  'Brazil' / 'states'; never before 'of' / 'de' / 'da' / 'do' + a place (directions: 'north of
  Bahia', 'sul da Bahia'), nor in 'South America / Africa / Korea / Pole', 'North America / Korea /
  Pole / Carolina / Dakota'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Region:
    name: str
    name_pt: str
    ufs: tuple[str, ...]


REGIONS = {
    "N": Region("North", "Norte", ("AC", "AM", "AP", "PA", "RO", "RR", "TO")),
    "NE": Region("Northeast", "Nordeste", ("AL", "BA", "CE", "MA", "PB", "PE", "PI", "RN", "SE")),
    "CO": Region("Center-West", "Centro-Oeste", ("DF", "GO", "MS", "MT")),
    "SE": Region("Southeast", "Sudeste", ("ES", "MG", "RJ", "SP")),
    "S": Region("South", "Sul", ("PR", "RS", "SC")),
    "AML": Region("Legal Amazon", "Amazônia Legal", ("AC", "AM", "AP", "MA", "MT", "PA", "RO", "RR", "TO")),
}
_COMPOUND = {
    "NE": r"nordeste|north[\s-]?east(?:ern)?",
    "SE": r"sudeste|south[\s-]?east(?:ern)?",
    "CO": r"centro[\s-]?oeste|cent(?:er|re|ral)[\s-]?west(?:ern)?|mid[\s-]?west(?:ern)?",
    "AML": r"amazonia\s+legal|(?:brazilian\s+)?legal\s+amazon(?:ia)?",
}
_SIMPLE = {"N": r"norte|north|northern", "S": r"sul|south|southern"}
_COMPOUND_RE = re.compile(
    r"\b(?:" + "|".join(f"(?P<{key}>{words})" for key, words in _COMPOUND.items()) + r")\b(?!\s+asia)"
)
_SIMPLE_RE = re.compile(r"\b(?:" + "|".join(f"(?P<{key}>{words})" for key, words in _SIMPLE.items()) + r")\b")
_NOT_REGION_AFTER = re.compile(
    r"^\s*(?:of|de|da|do|dos|das)\s+(?!brazil|brasil|o\s+brasil|pais)|^\s*(?:america|africa|korea|coreia|pole|polo"
    r"|carolina|dakota|hemisphere|hemisferio|sea|atlantic|pacific|side|lado|wind|vento)\b"
)
_REGION_BEFORE = re.compile(r"(?:\bthe|\bregiao|\bregion|\bno|\bo|\bdo|\bda|\bin)\s*$")
_REGION_AFTER = re.compile(r"^\s*(?:region|regiao|brazil|brasil|states|estados|do\s+brasil|of\s+brazil)\b")


def _simple_ok(text: str, folded: str, match: re.Match[str]) -> bool:
    after, before = folded[match.end() :], folded[: match.start()]
    if _NOT_REGION_AFTER.match(after):
        return False
    capitalised = text[match.start()].isupper() and not text[match.start() : match.end()].isupper()
    return capitalised or bool(_REGION_BEFORE.search(before) or _REGION_AFTER.match(after))


def find_regions(text: str, folded: str) -> list[tuple[int, str, str]]:
    """(offset, region key, matched text) for each region named; `folded` has the state names blanked."""
    found = []
    for match in _COMPOUND_RE.finditer(folded):
        key = next(k for k, v in match.groupdict().items() if v)
        found.append((match.start(), key, text[match.start() : match.end()]))
    for match in _SIMPLE_RE.finditer(folded):
        if _simple_ok(text, folded, match):
            key = next(k for k, v in match.groupdict().items() if v)
            found.append((match.start(), key, text[match.start() : match.end()]))
    return sorted(found)


def region_words_re() -> re.Pattern[str]:
    """Every region word (folded), for callers that must not read a region as an unknown place."""
    words = [*_COMPOUND.values(), *_SIMPLE.values()]
    return re.compile(r"\b(?:" + "|".join(words) + r")\b")
