"""Every answer states the filters it applied (one renderer, all recipes, en / pt)."""

from __future__ import annotations

from typing import Any

import pytest

from planexec.nodes.i18n import has_label
from planexec.nodes.recipes import REGISTRY
from planexec.nodes.recipes.base import ComposeInput
from planexec.nodes.recipes.filters import FIELD_KEYS, NOT_FILTERS, filters_text
from planexec.nodes.understanding.parse import understand_query
from planexec.schemas.slots import Distance, RegionRef, Slots
from planexec.schemas.steps import StepResult


def _filters(recipe: str, slots: Slots, lang: str = "en") -> str:
    """The recipe's composed `filters` fact, with every step failed (no payload needed)."""
    plan = REGISTRY[recipe].build_plan(slots, "s1")
    results = {
        s.alias: StepResult(alias=s.alias, server=s.server, tool=s.tool, status="error", error="x")
        for s in plan.steps
    }

    def load(alias: str) -> dict[str, Any]:
        raise AssertionError("no payload is read when the steps failed")

    out = REGISTRY[recipe].compose(
        ComposeInput(slots=slots, plan=plan, results=results, load=load, language=lang)
    )
    value = out.facts.facts["filters"]
    assert isinstance(value, str)
    return value


def test_every_filter_slot_has_a_label_in_both_languages() -> None:
    keys = {FIELD_KEYS.get(name, name) for name in Slots.model_fields if name not in NOT_FILTERS}
    missing = sorted(k for k in keys if not has_label(f"filter.{k}"))
    assert not missing, (
        f"add filter.<key> labels (nodes/i18n/labels.py) or list them in NOT_FILTERS: {missing}"
    )


def test_heat_correlation_defaults_are_stated() -> None:
    slots = Slots(
        mentions_solar=True, layer="heat", distance=Distance(value=1, unit="km", km=1.0, text="1 km")
    )
    assert _filters("spatial_correlation", slots) == (
        "layer: heat-stress zones; heat quintiles: Q5; distance: ≤ 1 km; "
        "data: ANEEL solar plants, heat-stress zones (INMET normals)"
    )
    assert _filters("spatial_correlation", slots, "pt") == (
        "camada: zonas de estresse térmico; quintis de calor: Q5; distância: ≤ 1 km; "
        "dados: usinas solares da ANEEL, zonas de estresse térmico (normais do INMET)"
    )


def test_quintiles_states_and_a_strict_capacity_bound() -> None:
    slots = Slots(
        mentions_solar=True,
        layer="heat",
        heat_quintiles=[5, 4],
        operator="within",
        states=["BA", "CE"],
        min_capacity_mw=40.0,
        min_capacity_strict=True,
    )
    text = _filters("spatial_correlation", slots)
    assert "heat quintiles: Q4, Q5; distance: inside; states: BA, CE; capacity: > 40 MW" in text
    assert "capacidade: ≥ 2,5 MW e ≤ 1.500 MW" in _filters(
        "solar_map", Slots(mentions_solar=True, min_capacity_mw=2.5, max_capacity_mw=1500.0), "pt"
    )


def test_deforestation_states_which_areas_were_used() -> None:
    correlation = _filters(
        "spatial_correlation", Slots(mentions_solar=True, layer="deforestation", operator="proximity")
    )
    assert correlation.startswith("layer: deforestation areas; areas: all areas; distance: ≤ 5 km;")
    assert "PRODES deforestation" in correlation
    overlap = _filters("deforestation_overlap", Slots(layer="deforestation", operator="overlap"), "pt")
    assert overlap.startswith("camada: áreas de desmatamento; áreas: todas as áreas; distância: dentro;")
    above = Slots(layer="deforestation", operator="overlap", min_increment_km2=5.0, min_increment_strict=True)
    assert "áreas: desmatamento recente > 5 km²;" in _filters("deforestation_overlap", above, "pt")
    at_least = Slots(mentions_solar=True, layer="deforestation", operator="proximity", min_increment_km2=2.5)
    assert "areas: recent deforestation ≥ 2.5 km²;" in _filters("spatial_correlation", at_least)


def test_ring_outside_and_nearest_state_their_bounds() -> None:
    ring = Slots(
        mentions_solar=True,
        layer="heat",
        operator="ring",
        distance=Distance(value=8, unit="km", km=8, text="8 km"),
        min_distance=Distance(value=2, unit="km", km=2, text="2"),
    )
    assert "distance: 2–8 km from the nearest zone, outside every zone;" in _filters(
        "spatial_correlation", ring
    )
    assert "distância: 2–8 km da zona mais próxima, fora de todas as zonas;" in _filters(
        "spatial_correlation", ring, "pt"
    )
    outside = Slots(mentions_solar=True, layer="heat", operator="outside")
    assert "distance: outside every zone;" in _filters("spatial_correlation", outside)
    nearest = Slots(mentions_solar=True, layer="heat", operator="nearest")
    assert "distância: zona mais próxima de cada usina;" in _filters("spatial_correlation", nearest, "pt")
    capped = nearest.model_copy(update={"distance": Distance(value=50, unit="km", km=50, text="50 km")})
    assert "distance: nearest zone per plant, ≤ 50 km;" in _filters("spatial_correlation", capped)


def test_solar_map_states_regions_and_leaves_out_what_it_does_not_apply() -> None:
    southeast = RegionRef(name="Southeast", name_pt="Sudeste", ufs=["ES", "MG", "RJ", "SP"], text="Sudeste")
    slots = Slots(
        mentions_solar=True, states=["ES", "MG", "RJ", "SP", "BA"], regions=[southeast], heat_quintiles=[5]
    )
    assert (
        _filters("solar_map", slots, "pt")
        == "estados: Sudeste (ES, MG, RJ, SP), BA; dados: usinas solares da ANEEL"
    )
    assert (
        _filters("solar_map", slots, "en")
        == "states: Southeast (ES, MG, RJ, SP), BA; data: ANEEL solar plants"
    )


def test_policy_search_states_its_topic_and_source() -> None:
    slots = understand_query("what does the Paris Agreement say about adaptation?").slots
    text = _filters("policy_summary", slots)
    assert "data: Paris Agreement" in text and "topic: “" in text


def test_parsed_portuguese_question() -> None:
    slots = understand_query("usinas solares a menos de 1 km de zonas de calor extremo na Bahia").slots
    text = _filters("spatial_correlation", slots, "pt")
    assert "distância: ≤ 1 km" in text and "estados: BA" in text and "quintis de calor: Q5" in text


@pytest.mark.parametrize("lang", ["en", "pt"])
def test_a_slot_without_a_renderer_is_written_generically(lang: str) -> None:
    plan = REGISTRY["solar_map"].build_plan(Slots(mentions_solar=True), "s1")
    text = filters_text(Slots(), plan, lang, {"custom_bound": 1234.5, "flag": True})
    assert ("custom bound: 1,234.5" if lang == "en" else "custom bound: 1.234,5") in text
