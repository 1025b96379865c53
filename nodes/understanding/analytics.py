"""The analytical shape of a question (`AggregationShape`), or None when it is not analytical.

Rules (on folded text; the filters — states, layer, distance, quintiles, capacity — are the other slots):
- Subject: solar plants when solar / plant / usina / capacity / MW words appear (or nothing else is
  named); deforestation areas when the deforestation layer is named without plant words; heat zones when
  'heat zones' / 'zonas de calor' / stations are the thing counted.
- Measure: share (fraction, share, proportion, percentage, fração, proporção, porcentagem), median,
  mean (average, mean, média, médio), min (smallest, minimum, lowest, menor, mínima), max (largest,
  biggest, maximum, highest, maior, máxima), sum (total, sum, combined, soma), count (how many,
  number of, quantas/quantos, número de). 'maior que' / 'menor que' are capacity bounds, not superlatives.
- Group: 'by/per/each/every/por/cada <state|region|quintile|municipality>' groups and keeps a
  superlative per group ('largest plant in each state' -> max per state); 'which/what/qual/quais/top N
  <group>' ranks the groups, so a superlative ranks by total capacity (or by count when plants, not
  capacity, are ranked: 'which state has the most plants') with top 1.
- Compare: two or more states and 'versus / vs / compared / compare / comparar / contra / or'-questions.
- Top N: 'top 5', '5 largest', 'os 3 maiores' (digits or number words one..ten / um..dez).
- Words another parser consumed are no analytical words: capacity bounds ('no máximo 30 MW', 'a minimum
  of 20 MW', 'at least 40 MW'), quintile selections ('the two warmest quintiles', 'top two heat
  quintiles', 'os dois quintis mais quentes') and any min/max word right before or after a number with a
  unit ('no máximo 2 km') are blanked out before the measure, group and top N are read.
- 'capacity / MW / potência … by/per/each <group>' without another measure is the total capacity (sum).
- Analytical when any of: a measure other than count, a grouping, top N, compare; a bare count is
  analytical unless the plants are related to a hazard layer (then spatial_correlation answers it).
"""

from __future__ import annotations

import re
from typing import Literal

from planexec.nodes.understanding.capacity import capacity_spans
from planexec.nodes.understanding.numbers import DIGITS, NUMBER_PHRASE
from planexec.nodes.understanding.quintiles import selection_spans
from planexec.nodes.understanding.text import fold
from planexec.schemas.aggregation import AggregationShape, GroupBy, Measure, NumericField, Subject
from planexec.schemas.slots import Slots

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "um": 1, "uma": 1, "dois": 2, "duas": 2, "tres": 3, "quatro": 4, "cinco": 5, "seis": 6,
    "sete": 7, "oito": 8, "nove": 9, "dez": 10,
}  # fmt: skip
_N = r"(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"
_GROUP_WORDS = {
    "state": r"states?|estados?|ufs?",
    "region": r"regions?|regio(?:n|es)|regiao",
    "quintile": r"quintiles?|quintis|quintil|heat\s+(?:quintiles?|levels?|classes?)",
    "municipality": r"municipalit(?:y|ies)|municipios?|cit(?:y|ies)|cidades?",
}
_GROUP_ALT = "|".join(f"(?P<{k}>{v})" for k, v in _GROUP_WORDS.items())
_DISTRIBUTIVE_RE = re.compile(rf"\b(?:by|per|each|every|por|cada|in\s+each|em\s+cada)\s+(?:{_GROUP_ALT})\b")
_RANKING_RE = re.compile(rf"\b(?:which|what|qual|quais|que|top\s*{_N}?|{_N})\s+(?:\w+\s+)?(?:{_GROUP_ALT})\b")
_BREAKDOWN_RE = re.compile(rf"\b(?:{_GROUP_ALT})\s+(?:with|com|that|que|having)\b")

_NOT_SUPERLATIVE = r"(?!\s+(?:do\s+|de\s+)?que\b|\s+de\s+\d|\s+than\b)"
_HEAT_AFTER = r"(?!\s+(?:heat|temperatures?|temperaturas?|calor|quintile))"
_MEASURES: list[tuple[Measure, re.Pattern[str]]] = [
    (
        "share",
        re.compile(
            r"\b(?:fraction|share|proportion|percentage|percent\s+of|what\s+percent|how\s+much\s+of"
            r"|fracao|proporcao|porcentagem|percentual|parcela|que\s+parte)\b"
        ),
    ),
    ("median", re.compile(r"\b(?:median|mediana|mediano)\b")),
    ("mean", re.compile(r"\b(?:average|mean|avg|media|medio)\b")),
    (
        "min",
        re.compile(rf"\b(?:smallest|minimum|lowest|tiniest|menor(?:es)?|minim[oa]s?)\b{_NOT_SUPERLATIVE}"),
    ),
    (
        "max",
        re.compile(
            rf"\b(?:largest|biggest|maximum|highest|greatest|maior(?:es)?|maxim[oa]s?)\b{_NOT_SUPERLATIVE}{_HEAT_AFTER}"
        ),
    ),
    ("sum", re.compile(r"\b(?:total|sum|combined|altogether|soma|somad[oa]|totais)\b")),
    ("count", re.compile(r"\b(?:how\s+many|number\s+of|count|quant[oa]s|numero\s+de|contagem)\b")),
]
_ENTITY_SUPERLATIVE_RE = re.compile(
    r"\b(?:largest|biggest|smallest|maior|menor)\s+(?:solar\s+)?(?:plants?|usinas?|facilit(?:y|ies)|farms?|parks?)\b"
)
_MOST_RE = re.compile(r"\b(?:most|more|mais)\b(?!\s+(?:than|de\s+\d|quentes?|hot))")
_FEWEST_RE = re.compile(r"\b(?:fewest|least|less|menos)\b(?!\s+than)")
_COMPARE_RE = re.compile(
    r"\b(?:versus|vs\.?|compared?|comparing|comparison|comparar|compare|comparacao|contra|x)\b"
)
_TOP_RE = re.compile(rf"\btop\s*{_N}\b(?!\s*(?:%|percent|por\s*cento|quint))")
_N_SUPERLATIVE_RE = re.compile(
    rf"\b{_N}\s+(?:largest|biggest|smallest|maiores|menores|most|top|first|primeir[oa]s|leading"
    rf"|states?|estados?|regions?|regioes|municipalit(?:y|ies)|municipios|plants?|usinas?)\b"
)
_PLANT_RE = re.compile(
    r"\b(?:solar|solares|photovoltaics?|pv|fotovoltaic[oa]s?|ufvs?|plants?|usinas?|facilit(?:y|ies)|farms?"
    r"|parks?|parques?|capacity|capacidade|potencia|mw|megawatts?|installations?|instalac(?:ao|oes))\b"
)
_DEFORESTATION_AREA_RE = re.compile(
    r"\b(?:deforest(?:ation|ed)\s+(?:areas?|zones?|municipalit(?:y|ies))|areas?\s+(?:de\s+)?desmatad[oa]s?"
    r"|areas?\s+de\s+desmatamento|municipios?\s+desmatados?)\b"
)
_HEAT_ZONE_RE = re.compile(
    r"\b(?:heat(?:[-\s]stress)?\s+zones?|zonas?\s+(?:de\s+)?(?:calor|estresse\s+termico))\b"
)
_UNIT = (
    r"(?:mw|kw|gw|megawatts?|kilowatts?|gigawatts?|km2|km²|kms?|kilomet(?:er|re)s?|quilometros?|metros?"
    r"|meters?|metres?|m|mi|miles?|milhas?|%|percent|por\s*cento|graus|degrees|°c?|hectares?|ha)"
)
_BOUND_WORD = (
    r"(?:at\s+(?:most|least)|(?:a\s+)?(?:minimum|maximum)|min|max|no\s+(?:maximo|minimo)|maxim[oa]|minim[oa]"
    r"|pelo\s+menos)"
)
_QUANTITY = rf"(?:{DIGITS}|\b(?:{NUMBER_PHRASE}))\s*{_UNIT}(?![\w²])"
_BOUND_RE = re.compile(
    rf"\b{_BOUND_WORD}\s+(?:(?:capacity|capacidade|potencia|power|distance|distancia)\s+)?"
    rf"(?:(?:of|de|is|e)\s+)?{_QUANTITY}|{_QUANTITY}\s+{_BOUND_WORD}\b"
)
_CAPACITY_RE = re.compile(r"\b(?:capacity|capacidade|mw|megawatts?|power|potencia|gw)\b")
_CUMULATIVE_RE = re.compile(r"\b(?:cumulative|accumulated|acumulad[oa]|deforested\s+area|area\s+desmatada)\b")
_TEMPERATURE_RE = re.compile(r"\b(?:temperatures?|temperaturas?|tmax)\b")
_HEAT_INDEX_RE = re.compile(r"\b(?:heat\s+index|indice\s+de\s+calor)\b")


def _blank_filters(folded: str) -> str:
    """`folded` with the phrases other parsers consume (capacity bounds, quintile selections, bounds on
    a quantity) replaced by spaces, keeping offsets."""
    spans = [*capacity_spans(folded), *selection_spans(folded)]
    spans += [match.span() for match in _BOUND_RE.finditer(folded)]
    chars = list(folded)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _number(token: str | None) -> int | None:
    if not token:
        return None
    value = int(token) if token.isdigit() else _NUMBER_WORDS.get(token)
    return value if value and 1 <= value <= 50 else None


def _subject(folded: str, slots: Slots) -> Subject:
    plants = bool(_PLANT_RE.search(folded)) or slots.mentions_solar
    if not plants and (slots.layer == "deforestation" or _DEFORESTATION_AREA_RE.search(folded)):
        return "deforestation_areas"
    if not plants and _HEAT_ZONE_RE.search(folded):
        return "heat_zones"
    return "plants"


def _grouping(folded: str) -> tuple[GroupBy, bool, int | None]:
    """(group, ranks the groups, N named before the group word)."""
    for regex, ranking in ((_DISTRIBUTIVE_RE, False), (_RANKING_RE, True), (_BREAKDOWN_RE, True)):
        match = regex.search(folded)
        if match:
            group = next(k for k in _GROUP_WORDS if match.groupdict().get(k))
            numbers = [g for g in match.groups() if g and (g.isdigit() or g in _NUMBER_WORDS)]
            return group, ranking, _number(numbers[0]) if numbers else None  # type: ignore[return-value]
    return "none", False, None


def _measure(folded: str) -> Measure | None:
    return next((measure for measure, regex in _MEASURES if regex.search(folded)), None)


def _field(subject: Subject, measure: Measure, folded: str) -> NumericField | None:
    if measure == "count":
        return None
    if subject == "plants":
        return "capacity_mw" if measure != "share" or _CAPACITY_RE.search(folded) else None
    if subject == "deforestation_areas":
        if measure == "share":
            return None
        return "deforested_cumulative_km2" if _CUMULATIVE_RE.search(folded) else "increment_km2"
    if measure == "share":
        return None
    return "heat_index_c" if _HEAT_INDEX_RE.search(folded) else "tmax_hottest_month_c"


def _top_n(folded: str, group_n: int | None) -> int | None:
    match = _TOP_RE.search(folded) or _N_SUPERLATIVE_RE.search(folded)
    return _number(match.group(1)) if match else group_n


def _ranked_measure(folded: str, subject: Subject, measure: Measure | None) -> Measure:
    """What ranks the groups: the largest plant per group ('largest plant'), a mean/median/share when
    asked, else the total capacity (or area) when capacity is named, else the count."""
    if measure in ("mean", "median", "share", "sum", "count"):
        return measure  # type: ignore[return-value]
    if measure in ("min", "max") and _ENTITY_SUPERLATIVE_RE.search(folded):
        return measure
    capacity = bool(_CAPACITY_RE.search(folded)) or subject == "deforestation_areas"
    return "sum" if capacity else "count"


def _is_analytical(
    measure: Measure | None, group: GroupBy, top_n: int | None, compare: bool, related: bool
) -> bool:
    if measure not in (None, "count") or group != "none" or top_n is not None or compare:
        return True
    return measure == "count" and not related


def parse_aggregation(text: str, slots: Slots) -> AggregationShape | None:
    """The analytical shape of `text` (see module rules), given its other slots; None when not analytical."""
    named = fold(text)
    folded = _blank_filters(named)
    group, ranking, group_n = _grouping(folded)
    measure = _measure(folded)
    two_states = len(slots.states) >= 2
    compare = two_states and bool(
        _COMPARE_RE.search(folded) or (ranking and group in ("none", "state")) or _MOST_RE.search(folded)
    )
    top_n = _top_n(folded, group_n)
    subject = _subject(named, slots)
    low = measure == "min" or bool(_FEWEST_RE.search(folded))
    order: Literal["asc", "desc"] = "asc" if low else "desc"
    if compare:
        group, ranking = "state", True
    if ranking and group != "none":
        extreme = measure in ("min", "max") or bool(_MOST_RE.search(folded) or _FEWEST_RE.search(folded))
        measure = _ranked_measure(folded, subject, measure)
        if extreme and not compare:
            top_n = top_n or 1
    if measure is None and group != "none" and subject == "plants" and _CAPACITY_RE.search(folded):
        measure = "sum"  # 'capacity of solar plants by region': the total capacity per group
    if not _is_analytical(measure, group, top_n, compare, subject == "plants" and slots.layer is not None):
        return None
    if subject == "plants" and not _plant_context(named, slots, compare, measure):
        return None
    final: Measure = measure or "count"
    return AggregationShape(
        subject=subject,
        group_by=group,
        measure=final,
        field=_field(subject, final, folded),
        order=order,
        top_n=top_n,
        compare=compare,
        text=text[:200],
    )


def _plant_context(folded: str, slots: Slots, compare: bool, measure: Measure | None) -> bool:
    """A plants question must name plants (or capacity) — or compare states / name a region."""
    return (
        bool(_PLANT_RE.search(folded))
        or slots.mentions_solar
        or compare
        or (measure is not None and bool(slots.regions))
    )
