"""What a follow-up chain's last turn must answer: the expectation builders of followup_cases.py.

Every number comes from tests/support/truth.py (the independent oracle over the raw data): the
builders say which filters apply (states, capacity bound and whether it is strict, layer, distance,
quintiles) and the oracle computes the plants, capacities and statistics.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.support import truth
from tests.support.truth import Truth


@dataclass(frozen=True)
class Expected:
    """What the final turn must show: metadata.intent, plan args, slots and counts."""

    intent: str
    language: str = "en"
    layer: str | None = None  # correlation layer: 'heat' | 'deforestation'
    method: str | None = None  # FindSpatialCorrelations method: 'proximity' | 'within'
    distance_km: float | None = None  # FindSpatialCorrelations distance_km (None for 'within')
    quintiles: tuple[int, ...] | None = None  # GetHeatQuintilesForGeospatial quintiles
    min_increment_km2: float | None = None  # GetDeforestationAreas min_increment_km2
    states: tuple[str, ...] = ()  # solar step 'states' (absent when empty)
    min_capacity_mw: float | None = None  # solar step 'min_capacity_mw' (absent when None)
    min_capacity_strict: bool = False  # solar step 'min_capacity_strict' (absent when False)
    max_capacity_mw: float | None = None  # solar step 'max_capacity_mw' (absent when None)
    measure: str | None = None  # aggregation: counts.measure ('median', 'mean', ...)
    value: float | None = None  # aggregation: counts.value, from the oracle
    truth: Truth | None = None  # matched plants (correlation / overlap) or mapped plants (map)
    plants_total: int | None = None  # plants after the state / capacity filters
    policy_query: str | None = None  # SearchPassages query
    policy_allowed: frozenset[str] = field(default_factory=frozenset)  # passages that mention the topic
    policy_article: str | None = None  # an article that must be cited, e.g. 'Art. 4'


@dataclass(frozen=True)
class Chain:
    id: str
    messages: tuple[str, ...]
    expected: Expected
    why: str  # what the chain exercises (shown in failure messages)


def _filters(states: tuple[str, ...], min_mw: float | None, strict: bool = False) -> int:
    return truth.solar_map(list(states), min_mw, strict).count


def heat(
    distance_km: float | None,
    quintiles: tuple[int, ...] = (5,),
    states: tuple[str, ...] = (),
    min_mw: float | None = None,
    language: str = "en",
    strict: bool = False,
) -> Expected:
    """Plants within distance_km (None: inside) of heat-stress zones of `quintiles`."""
    if distance_km is None:
        result = truth.heat_within(quintiles, list(states), min_mw, strict=strict)
    else:
        result = truth.heat_proximity(distance_km, quintiles, list(states), min_mw, strict=strict)
    return Expected(
        intent="spatial_correlation",
        language=language,
        layer="heat",
        method="within" if distance_km is None else "proximity",
        distance_km=distance_km,
        quintiles=quintiles,
        states=states,
        min_capacity_mw=min_mw,
        min_capacity_strict=strict,
        truth=result,
        plants_total=_filters(states, min_mw, strict),
    )


def deforestation(
    distance_km: float, states: tuple[str, ...] = (), min_mw: float | None = None, language: str = "en"
) -> Expected:
    """Plants within distance_km of deforestation areas (every area: no increment threshold)."""
    return Expected(
        intent="spatial_correlation",
        language=language,
        layer="deforestation",
        method="proximity",
        distance_km=distance_km,
        min_increment_km2=None,
        states=states,
        min_capacity_mw=min_mw,
        truth=truth.deforestation_proximity(distance_km, list(states), min_mw, min_increment_km2=None),
        plants_total=_filters(states, min_mw),
    )


def overlap(states: tuple[str, ...] = (), language: str = "en") -> Expected:
    """Plants inside deforestation areas (the deforestation_overlap recipe)."""
    return Expected(
        intent="deforestation_overlap",
        language=language,
        layer="deforestation",
        method="within",
        min_increment_km2=None,
        states=states,
        truth=truth.deforestation_within(list(states), min_increment_km2=None),
        plants_total=_filters(states, None),
    )


def solar_map(
    states: tuple[str, ...] = (), min_mw: float | None = None, language: str = "en", strict: bool = False
) -> Expected:
    return Expected(
        intent="solar_map",
        language=language,
        states=states,
        min_capacity_mw=min_mw,
        min_capacity_strict=strict,
        truth=truth.solar_map(list(states), min_mw, strict),
        plants_total=_filters(states, min_mw, strict),
    )


def capacity_range(states: tuple[str, ...], low: float, high: float, language: str = "en") -> Expected:
    """Map of the plants with low <= capacity <= high ('between low and high MW')."""
    kept = [p for p in truth.filter_plants(truth.plants(), list(states), low, False) if p.capacity_mw <= high]
    return Expected(
        intent="solar_map",
        language=language,
        states=states,
        min_capacity_mw=low,
        max_capacity_mw=high,
        truth=truth.summarize(kept),
        plants_total=len(kept),
    )


def plant_capacity(how: str, states: tuple[str, ...], language: str = "en") -> Expected:
    """An analytical answer: `how` (median, mean, ...) of the capacity of the plants in `states`."""
    capacities = [p.capacity_mw for p in truth.filter_plants(truth.plants(), list(states), None, False)]
    return Expected(
        intent="aggregation",
        language=language,
        states=states,
        measure=how,
        value=truth.measure(capacities, how),
    )


def policy(topic: str, pattern: str, article: str, language: str = "en") -> Expected:
    return Expected(
        intent="policy_summary",
        language=language,
        policy_query=topic,
        policy_allowed=truth.policy_mentions(pattern),
        policy_article=article,
    )


SOUTHEAST = ("ES", "MG", "RJ", "SP")
NORTHEAST = ("AL", "BA", "CE", "MA", "PB", "PE", "PI", "RN", "SE")


def clarify(language: str = "en") -> Expected:
    return Expected(intent="clarify", language=language)
