"""Follow-up chains and what their LAST turn must answer, numbers from the independent oracle.

Each chain is a conversation (two or three user messages, English and Portuguese). The expected
recipe, plan arguments and slots are written here by hand; the expected numbers are never written
down: `build_chains()` computes them with tests/support/truth.py (raw CSV/GeoJSON + shapely +
pyproj), at import. Kinds of chain:
- refinements: distance ("750 m", "2,5 km"), state ("e no Ceará?", "and in Minas Gerais?", "also
  in Goiás" adds), capacity ("só as acima de 20 MW", "only those of at least 30 MW"), heat quintile,
  layer switches heat <-> deforestation, map <-> correlation, policy topic;
- complete new questions after a correlation, which start afresh (nothing is inherited);
- a follow-up with nothing to follow, which must be routed to clarify.
Capacity thresholds keep plants >= the value (what planexec does today, also for "above" /
"acima de"); Truth.borderline lists the plants sitting exactly on the threshold.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.support import truth
from tests.support.truth import Truth

HEAT_1KM = "solar facilities within 1 km of extreme heat zones in Brazil"
HEAT_1KM_PT = "usinas solares a menos de 1 km de zonas de calor extremo"
DEFOREST_5KM = "solar plants near deforestation areas within 5 km"
DEFOREST_10KM_PT = "usinas solares perto de áreas de desmatamento a menos de 10 km"
MAP_BAHIA = "map of solar plants in Bahia"
MAP_BAHIA_PT = "mapa das usinas solares na Bahia"
ADAPTATION = "what does the Paris Agreement say about adaptation?"


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


def _filters(states: tuple[str, ...], min_mw: float | None) -> int:
    return truth.solar_map(list(states), min_mw).count


def heat(
    distance_km: float | None,
    quintiles: tuple[int, ...] = (5,),
    states: tuple[str, ...] = (),
    min_mw: float | None = None,
    language: str = "en",
) -> Expected:
    """Plants within distance_km (None: inside) of heat-stress zones of `quintiles`."""
    if distance_km is None:
        result = truth.heat_within(quintiles, list(states), min_mw)
    else:
        result = truth.heat_proximity(distance_km, quintiles, list(states), min_mw)
    return Expected(
        intent="spatial_correlation",
        language=language,
        layer="heat",
        method="within" if distance_km is None else "proximity",
        distance_km=distance_km,
        quintiles=quintiles,
        states=states,
        min_capacity_mw=min_mw,
        truth=result,
        plants_total=_filters(states, min_mw),
    )


def deforestation(
    distance_km: float, states: tuple[str, ...] = (), min_mw: float | None = None, language: str = "en"
) -> Expected:
    """Plants within distance_km of deforestation areas (increment >= 1 km², as planexec keeps)."""
    return Expected(
        intent="spatial_correlation",
        language=language,
        layer="deforestation",
        method="proximity",
        distance_km=distance_km,
        min_increment_km2=truth.DEFAULT_MIN_INCREMENT_KM2,
        states=states,
        min_capacity_mw=min_mw,
        truth=truth.deforestation_proximity(distance_km, list(states), min_mw),
        plants_total=_filters(states, min_mw),
    )


def overlap(states: tuple[str, ...] = (), language: str = "en") -> Expected:
    """Plants inside deforestation areas (the deforestation_overlap recipe)."""
    return Expected(
        intent="deforestation_overlap",
        language=language,
        layer="deforestation",
        method="within",
        min_increment_km2=truth.DEFAULT_MIN_INCREMENT_KM2,
        states=states,
        truth=truth.deforestation_within(list(states)),
        plants_total=_filters(states, None),
    )


def solar_map(states: tuple[str, ...] = (), min_mw: float | None = None, language: str = "en") -> Expected:
    return Expected(
        intent="solar_map",
        language=language,
        states=states,
        min_capacity_mw=min_mw,
        truth=truth.solar_map(list(states), min_mw),
        plants_total=_filters(states, min_mw),
    )


def policy(topic: str, pattern: str, article: str, language: str = "en") -> Expected:
    return Expected(
        intent="policy_summary",
        language=language,
        policy_query=topic,
        policy_allowed=truth.policy_mentions(pattern),
        policy_article=article,
    )


def clarify(language: str = "en") -> Expected:
    return Expected(intent="clarify", language=language)


def build_chains() -> list[Chain]:
    pt = "pt"
    return [
        # distance changes
        Chain("heat-3km", (HEAT_1KM, "what about 3 km?"), heat(3.0), "distance only"),
        Chain("heat-750m", (HEAT_1KM, "and within 750 m?"), heat(0.75), "distance in metres"),
        Chain("heat-pt-2,5km", (HEAT_1KM_PT, "e a 2,5 km?"), heat(2.5, language=pt), "decimal comma"),
        Chain("heat-pt-500m", (HEAT_1KM_PT, "e a 500 m?"), heat(0.5, language=pt), "metres, Portuguese"),
        Chain(
            "heat-inside-2km",
            ("solar plants inside extreme heat zones", "what about 2 km?"),
            heat(2.0),
            "within -> proximity",
        ),
        # state changes
        Chain(
            "heat-ce-pt",
            (HEAT_1KM, "e no Ceará?"),
            heat(1.0, states=("CE",), language=pt),
            "state in Portuguese switches the language",
        ),
        Chain("heat-mg", (HEAT_1KM, "and in Minas Gerais?"), heat(1.0, states=("MG",)), "state (0 matches)"),
        Chain("map-ba-mg", (MAP_BAHIA, "and in Minas Gerais?"), solar_map(("MG",)), "map: state replaced"),
        Chain("map-ba-also-go", (MAP_BAHIA, "also in Goiás"), solar_map(("BA", "GO")), "map: 'also' adds"),
        Chain("map-pt-ce", (MAP_BAHIA_PT, "e no Ceará?"), solar_map(("CE",), language=pt), "map, Portuguese"),
        # capacity thresholds
        Chain(
            "heat-pt-20mw",
            (HEAT_1KM, "só as acima de 20 MW"),
            heat(1.0, min_mw=20.0, language=pt),
            "capacity, Portuguese",
        ),
        Chain("heat-30mw", (HEAT_1KM, "only those of at least 30 MW"), heat(1.0, min_mw=30.0), "capacity"),
        Chain(
            "map-ba-50mw",
            (MAP_BAHIA, "only those above 50 MW"),
            solar_map(("BA",), 50.0),
            "map: capacity keeps the state",
        ),
        Chain(
            "map-pt-20mw",
            (MAP_BAHIA_PT, "só as acima de 20 MW"),
            solar_map(("BA",), 20.0, language=pt),
            "map: capacity, Portuguese",
        ),
        # heat quintiles
        Chain("heat-q4", (HEAT_1KM, "what about quintile 4?"), heat(1.0, (4,)), "quintile replaced"),
        Chain("heat-q45", (HEAT_1KM, "and quintiles 4 and 5?"), heat(1.0, (4, 5)), "two quintiles"),
        Chain(
            "heat-high-q5",
            ("solar plants within 1 km of high heat zones", "and only quintile 5?"),
            heat(1.0, (5,)),
            "[4, 5] narrowed to [5]",
        ),
        # layer switches
        Chain(
            "heat-to-deforestation",
            (HEAT_1KM, "now with the deforestation layer"),
            deforestation(1.0),
            "layer switch keeps the distance, drops quintiles",
        ),
        Chain(
            "deforestation-to-heat",
            (DEFOREST_5KM, "and with extreme heat zones instead?"),
            heat(5.0),
            "layer switch to heat",
        ),
        Chain(
            "deforestation-pt-to-heat",
            (DEFOREST_10KM_PT, "e com as zonas de calor extremo?"),
            heat(10.0, language=pt),
            "layer switch, Portuguese",
        ),
        Chain("deforestation-50km", (DEFOREST_5KM, "what about 50 km?"), deforestation(50.0), "distance"),
        Chain(
            "deforestation-pt-pa",
            (DEFOREST_10KM_PT, "e no Pará?"),
            deforestation(10.0, ("PA",), language=pt),
            "state, deforestation",
        ),
        Chain(
            "overlap-pt-mt",
            ("solar plants overlapping deforestation areas", "e no Mato Grosso?"),
            overlap(("MT",), language=pt),
            "overlap recipe keeps its recipe",
        ),
        # map <-> correlation
        Chain(
            "map-to-heat",
            (MAP_BAHIA, "now with extreme heat zones within 1 km"),
            heat(1.0, states=("BA",)),
            "map -> correlation keeps the state",
        ),
        Chain(
            "map-mg-to-deforestation",
            ("map of solar plants in Minas Gerais", "now with the deforestation layer within 10 km"),
            deforestation(10.0, ("MG",)),
            "map -> deforestation correlation",
        ),
        # three-step chains
        Chain(
            "heat-3km-ce",
            (HEAT_1KM, "what about 3 km?", "e no Ceará?"),
            heat(3.0, states=("CE",), language=pt),
            "distance then state",
        ),
        Chain(
            "heat-ba-20mw",
            (HEAT_1KM, "e na Bahia?", "só as acima de 20 MW"),
            heat(1.0, states=("BA",), min_mw=20.0, language=pt),
            "state then capacity",
        ),
        Chain(
            "deforestation-20km-mt",
            (DEFOREST_5KM, "and within 20 km?", "only in Mato Grosso"),
            deforestation(20.0, ("MT",)),
            "distance then state",
        ),
        Chain(
            "heat-ce-also-pi",
            (HEAT_1KM, "e no Ceará?", "also in Piauí"),
            heat(1.0, states=("CE", "PI")),
            "state then 'also' adds; English again",
        ),
        Chain(
            "heat-q4-3km",
            (HEAT_1KM, "what about quintile 4?", "and 3 km?"),
            heat(3.0, (4,)),
            "quintile then distance",
        ),
        Chain(
            "map-30mw-mg",
            (MAP_BAHIA, "only those of at least 30 MW", "and in Minas Gerais?"),
            solar_map(("MG",), 30.0),
            "capacity then state",
        ),
        Chain(
            "heat-deforestation-10km",
            (HEAT_1KM, "now with the deforestation layer", "and within 10 km?"),
            deforestation(10.0),
            "layer then distance",
        ),
        # complete new questions start afresh
        Chain("new-after-heat", (HEAT_1KM, DEFOREST_5KM), deforestation(5.0), "new question, nothing kept"),
        Chain(
            "new-map-after-heat-ce",
            ("solar facilities within 1 km of extreme heat zones in Ceará", MAP_BAHIA),
            solar_map(("BA",)),
            "new map question drops layer and CE",
        ),
        Chain("new-heat-after-map", (MAP_BAHIA, HEAT_1KM), heat(1.0), "new correlation drops Bahia"),
        Chain(
            "new-map-then-followup",
            (HEAT_1KM, MAP_BAHIA, "and in Minas Gerais?"),
            solar_map(("MG",)),
            "follow-up refines the newest question, not the first",
        ),
        # policy
        Chain(
            "policy-mitigation",
            (ADAPTATION, "and about mitigation?"),
            policy("mitigation", r"\bmitigat", "Art. 4"),
            "policy topic follow-up",
        ),
        # nothing to follow
        Chain("orphan-distance", ("and within 5 km?",), clarify(), "follow-up with no previous question"),
        Chain("orphan-state-pt", ("e no Ceará?",), clarify(pt), "follow-up with no previous question (pt)"),
    ]


CHAINS: list[Chain] = build_chains()
