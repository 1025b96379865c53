"""Follow-up chains and what their LAST turn must answer, numbers from the independent oracle.

Each chain is a conversation (two or three user messages, English and Portuguese). The expected
recipe, plan arguments and slots are written here by hand; the expected numbers are never written
down: `build_chains()` computes them with tests/support/truth.py (raw CSV/GeoJSON + shapely +
pyproj), at import. Kinds of chain:
- refinements: distance ("750 m", "2,5 km"), state ("e no Ceará?", "and in Minas Gerais?", "also
  in Goiás" adds), region ("and in the Southeast?", "e no Nordeste?"), capacity ("só as acima de
  20 MW", "only those of at least 30 MW", "between 10 and 50 MW"), heat quintile, layer switches
  heat <-> deforestation, map <-> correlation, policy topic, analytical measure ("e a mediana?");
- complete new questions after a correlation or a map, which start afresh (nothing is inherited);
- a follow-up with nothing to follow, an off-topic follow-up and an unknown place, all routed to
  clarify (no recipe runs).
Capacity words: "above" / "more than" / "acima de" / "mais de" keep plants > the value (strict),
"at least" / "pelo menos" keep >=, "between A and B" keeps A <= capacity <= B; the oracle is told
which (truth.py `strict`), so Truth.borderline plants are kept or dropped as the words say.
"""

from __future__ import annotations

from tests.integration.graph.followup_expect import (
    NORTHEAST,
    SOUTHEAST,
    Chain,
    Expected,
    capacity_range,
    clarify,
    deforestation,
    heat,
    overlap,
    plant_capacity,
    policy,
    solar_map,
)

HEAT_1KM = "solar facilities within 1 km of extreme heat zones in Brazil"
HEAT_1KM_PT = "usinas solares a menos de 1 km de zonas de calor extremo"
DEFOREST_5KM = "solar plants near deforestation areas within 5 km"
DEFOREST_10KM_PT = "usinas solares perto de áreas de desmatamento a menos de 10 km"
MAP_BAHIA = "map of solar plants in Bahia"
MAP_BAHIA_PT = "mapa das usinas solares na Bahia"
ADAPTATION = "what does the Paris Agreement say about adaptation?"


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
            heat(1.0, min_mw=20.0, language=pt, strict=True),
            "'acima de' is strict (>)",
        ),
        Chain(
            "heat-30mw",
            (HEAT_1KM, "only those of at least 30 MW"),
            heat(1.0, min_mw=30.0),
            "'at least' is >=",
        ),
        Chain(
            "map-ba-50mw",
            (MAP_BAHIA, "only those above 50 MW"),
            solar_map(("BA",), 50.0, strict=True),
            "map: 'above' is strict, keeps the state",
        ),
        Chain(
            "map-pt-20mw",
            (MAP_BAHIA_PT, "só as acima de 20 MW"),
            solar_map(("BA",), 20.0, language=pt, strict=True),
            "map: 'acima de' is strict, Portuguese",
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
            heat(1.0, states=("BA",), min_mw=20.0, language=pt, strict=True),
            "state then strict capacity",
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
        # more than / at least, pt
        Chain(
            "map-pt-mais-de-100mw",
            (MAP_BAHIA_PT, "só as com mais de 100 MW"),
            solar_map(("BA",), 100.0, language=pt, strict=True),
            "'mais de' is strict",
        ),
        Chain(
            "map-pt-pelo-menos-30mw",
            (MAP_BAHIA_PT, "e só as de pelo menos 30 MW"),
            solar_map(("BA",), 30.0, language=pt),
            "'pelo menos' is >=",
        ),
        # regions
        Chain("map-ba-southeast", (MAP_BAHIA, "and in the Southeast?"), solar_map(SOUTHEAST), "region"),
        Chain(
            "heat-pt-nordeste",
            (HEAT_1KM_PT, "e no Nordeste?"),
            heat(1.0, states=NORTHEAST, language=pt),
            "region, Portuguese, correlation",
        ),
        # capacity ranges
        Chain(
            "map-ba-10-50mw",
            (MAP_BAHIA, "only those between 10 and 50 MW"),
            capacity_range(("BA",), 10.0, 50.0),
            "capacity range keeps the state",
        ),
        Chain(
            "map-above-then-range-mg",
            (MAP_BAHIA, "only those above 50 MW", "e só as entre 5 e 30 MW em Minas Gerais"),
            capacity_range(("MG",), 5.0, 30.0, language=pt),
            "a range replaces the strict lower bound; state replaced",
        ),
        # analytical questions
        Chain(
            "mean-go-then-median",
            ("average plant capacity in Goiás", "e a mediana?"),
            plant_capacity("median", ("GO",), language=pt),
            "a new measure replaces the analytical shape",
        ),
        Chain(
            "median-ba-then-go",
            ("median plant capacity in Bahia", "and in Goiás?"),
            plant_capacity("median", ("GO",)),
            "a new state keeps the analytical shape",
        ),
        Chain(
            "new-median-after-map",
            (MAP_BAHIA, "median plant capacity in Goiás"),
            plant_capacity("median", ("GO",)),
            "a complete analytical question is new, not a follow-up",
        ),
        # follow-ups no recipe may answer
        Chain("map-off-topic", (MAP_BAHIA, "and delete all data"), clarify(), "off-topic never inherits"),
        Chain(
            "map-pt-poem",
            (MAP_BAHIA_PT, "e escreva um poema sobre isso"),
            clarify(pt),
            "creative, Portuguese",
        ),
        Chain("map-atlantis", (MAP_BAHIA, "and in Atlantis?"), clarify(), "unknown place: no data"),
        # nothing to follow
        Chain("orphan-distance", ("and within 5 km?",), clarify(), "follow-up with no previous question"),
        Chain("orphan-state-pt", ("e no Ceará?",), clarify(pt), "follow-up with no previous question (pt)"),
    ]


CHAINS: list[Chain] = build_chains()
__all__ = ["CHAINS", "Chain", "Expected", "build_chains"]
