"""Typos in the domain's keywords: 'extreem' -> 'extreme', 'heta' -> 'heat', 'deforestaion' ->
'deforestation', 'soalr' -> 'solar', 'usnias' -> 'usinas'.

Rules: a word (letters only, four or more, accents folded) that is neither a domain keyword nor a
common word is replaced by the one keyword within its edit budget (optimal string alignment
distance: swapping two adjacent letters costs one edit). Budget: words of four or five letters may
differ by one swap, one missing or one extra letter (not a substituted letter: 'color' is not
'calor', 'head' is not 'heat'); words of six to eight letters by one edit; longer words by two.
The first letter is kept (or swapped with the second). A tie between two keywords leaves the word
alone. Other words are kept as written.
"""

from __future__ import annotations

import re
from functools import lru_cache

from planexec.nodes.understanding.text import fold


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text`."""
    return frozenset(text.split())


KEYWORDS = words(
    """solar solares heat extreme extremes hottest warmest deforestation deforested plants plant zones zone
    usinas usina calor desmatamento desmatamentos desmatadas desmatados quintile quintiles quintil quintis
    facilities facility photovoltaic fotovoltaica fotovoltaicas temperature temperatures within nearby
    extremo extremos extrema extremas kilometres kilometers kilometre kilometer quilometros quilometro
    metres meters metros miles milhas areas stress moderate thermal estresse proximity inside dentro
    perto proximo proximas proximos quente quentes zonas deforestation map mapa"""
)
COMMON = words(
    """plan plans planet planets planta plantas hear heart heath heal head heap heads heated heater meat
    seat beat neat near nears tone done gone none bone bones cold card color colors solo sola polar sonar
    lunar mile mill mine metro meter inside side sides zoned zoning area arena near next extra extras
    there these those their where which while white whine wither hottie hotel hotels heats hates haste
    stress stresses street streets strees mapping maps mapas maple mapped plante planted planter plats
    usina calar colar clara claro carlo solares sorry soar soars solid stars areal aerial ares arenas
    facial faculty thermos normal formal zonal total usual tonal metal petal mapa centro nearly ones
    solaris tones cones phones clones drones stones dentre hotly meaty nearer within"""
)
_WORD_RE = re.compile(r"[^\W\d_]{4,}")


def _distance(a: str, b: str) -> tuple[int, bool]:
    """(optimal string alignment distance, whether a substitution was needed for a distance of 1)."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    distance = rows[-1][-1]
    substituted = distance == 1 and len(a) == len(b) and sorted(a) != sorted(b)
    return distance, substituted


def _same_start(word: str, keyword: str) -> bool:
    """Typos keep the first letter, or swap the first two."""
    return word[0] == keyword[0] or word[:2] == keyword[1::-1]


def _budget(word: str) -> int:
    if len(word) <= 5:
        return 1
    return 1 if len(word) <= 8 else 2


@lru_cache(maxsize=4096)
def correct_word(word: str) -> str | None:
    """The keyword `word` is a typo of, or None (a keyword, a common word, or no single candidate)."""
    folded = fold(word)
    if folded in KEYWORDS or folded in COMMON or len(folded) < 4:
        return None
    budget = _budget(folded)
    best: list[tuple[int, str]] = []
    for keyword in KEYWORDS:
        if abs(len(keyword) - len(folded)) > budget or not _same_start(folded, keyword):
            continue
        distance, substituted = _distance(folded, keyword)
        if distance > budget or (len(folded) <= 5 and substituted):
            continue
        best.append((distance, keyword))
    if not best:
        return None
    best.sort()
    if len(best) > 1 and best[0][0] == best[1][0]:
        return None
    return best[0][1]


def correct_spelling(text: str) -> str:
    """`text` with typos of domain keywords replaced by the keyword (see module rules)."""
    return _WORD_RE.sub(lambda m: correct_word(m.group(0)) or m.group(0), text)
