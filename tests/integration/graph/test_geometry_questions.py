"""Geometry words and the deforestation areas used, end to end (rule proposer, real MCP servers):
rings ('between 2 and 8 km from the zones but not in them'), 'outside the zones', 'the nearest zone to
each plant', every deforestation area by default and a recent-deforestation threshold as a slot.
Expected numbers come from tests/support/truth.py (raw data, no planexec code)."""

from __future__ import annotations

from typing import Any

import pytest

from planexec.graph.api import process_chat_query
from planexec.nodes.context import ChatContext
from tests.support import truth

pytestmark = pytest.mark.integration

MW_TOLERANCE = 0.05 + 1e-9  # planexec rounds capacities to 0.1 MW
KM_TOLERANCE = 0.0015  # the table rounds km to 3 decimals; the two methods agree within millimetres
Q5 = truth.zone_filter("heat", (5,))
ALL_PLANTS = truth.plants()


async def _ask(context: ChatContext, query: str) -> dict[str, Any]:
    return await process_chat_query(query, context=context, checkpoint_url="memory://")


def _args(response: dict[str, Any], tool: str) -> dict[str, Any]:
    return next(dict(s["args"]) for s in response["metadata"]["plan"] if s["tool"] == tool)


def _assert_counts(response: dict[str, Any], expected: truth.Truth) -> None:
    counts = response["metadata"]["counts"]
    assert counts["plants_matched"] == expected.count, expected.describe()
    assert abs(counts["capacity_matched_mw"] - expected.capacity_mw) <= MW_TOLERANCE, expected.describe()


def _overview(response: dict[str, Any]) -> str:
    return str(response["modules"][0]["text"])


def _table(response: dict[str, Any], title: str) -> dict[str, Any]:
    return next(m for m in response["modules"] if m["type"] == "table" and m["title"] == title)


@pytest.mark.parametrize(
    ("query", "lang", "bounds"),
    [
        ("solar plants between 2 and 8 km from the Q5 heat zones but not in them", "en", "2–8 km"),
        ("usinas solares entre 2 e 8 km das zonas de calor Q5, mas fora delas", "pt", "2–8 km"),
    ],
)
async def test_ring_of_q5_zones(context: ChatContext, query: str, lang: str, bounds: str) -> None:
    response = await _ask(context, query)
    assert response["metadata"]["intent"] == "spatial_correlation"
    join = _args(response, "FindSpatialCorrelations")
    assert (join["method"], join["min_distance_km"], join["distance_km"]) == ("ring", 2.0, 8.0)
    expected = truth.ring("heat", Q5, 2.0, 8.0, ALL_PLANTS)
    _assert_counts(response, expected)
    filters = response["metadata"]["counts"]["filters"]
    assert bounds in filters
    assert ("outside every zone" if lang == "en" else "fora de todas as zonas") in filters
    assert _overview(response).startswith(f"{expected.count} {'of' if lang == 'en' else 'de'} 788")


@pytest.mark.parametrize(
    ("query", "lang"),
    [
        ("solar plants outside the Q5 heat zones", "en"),
        ("usinas solares fora das zonas de calor Q5", "pt"),
    ],
)
async def test_outside_q5_zones(context: ChatContext, query: str, lang: str) -> None:
    response = await _ask(context, query)
    assert response["metadata"]["intent"] == "spatial_correlation"
    assert _args(response, "FindSpatialCorrelations")["method"] == "outside"
    expected = truth.outside("heat", Q5, ALL_PLANTS)
    _assert_counts(response, expected)
    inside = truth.heat_within((5,))
    assert expected.count + inside.count == len(ALL_PLANTS)
    outside_words = "outside every zone" if lang == "en" else "fora de todas as zonas"
    assert outside_words in response["metadata"]["counts"]["filters"]


@pytest.mark.parametrize(
    ("query", "lang", "title"),
    [
        (
            "nearest Q5 heat zone to each solar plant in Alagoas and Rondônia",
            "en",
            "Nearest zone to each plant",
        ),
        (
            "zona de calor Q5 mais próxima de cada usina solar em Alagoas e Rondônia",
            "pt",
            "Zona mais próxima de cada usina",
        ),
    ],
)
async def test_nearest_zone_to_each_plant(context: ChatContext, query: str, lang: str, title: str) -> None:
    response = await _ask(context, query)
    assert response["metadata"]["intent"] == "spatial_correlation"
    join = _args(response, "FindSpatialCorrelations")
    assert join["method"] == "nearest" and "distance_km" not in join
    expected = truth.nearest_unbounded("heat", Q5, ["AL", "RO"])
    rows = _table(response, title)["rows"]
    assert len(rows) == len(expected) == 9
    heat = truth.zones("heat")
    for row, want in zip(rows, expected, strict=True):
        plant, uf, mw, zone, km = row
        assert (plant, uf, mw) == (want.plant.name, want.plant.uf, want.plant.capacity_mw)
        assert abs(km - want.distance_m / 1000) <= KM_TOLERANCE
        assert zone.startswith(str(heat[want.zone].props["station_name"]))
    assert response["metadata"]["counts"]["nearest_plant"] == expected[0].plant.name


async def test_nearest_zone_with_a_cap(context: ChatContext) -> None:
    response = await _ask(context, "nearest Q5 heat zone to each solar plant, up to 20 km")
    join = _args(response, "FindSpatialCorrelations")
    assert (join["method"], join["distance_km"]) == ("nearest", 20.0)
    expected = truth.nearest_within("heat", 20.0, Q5)
    counts = response["metadata"]["counts"]
    assert counts["plants_matched"] == len(expected)
    assert counts["plants_matched"] == truth.heat_proximity(20.0, (5,)).count
    rows = _table(response, "Nearest zone to each plant")["rows"]
    assert [
        abs(r[4] - n.distance_m / 1000) <= KM_TOLERANCE for r, n in zip(rows, expected, strict=False)
    ] == [True] * len(rows)
    assert "nearest zone per plant, ≤ 20 km" in counts["filters"]


@pytest.mark.parametrize(
    ("query", "lang"),
    [
        ("solar plants within 5 km of deforestation areas", "en"),
        ("usinas solares a até 5 km de áreas de desmatamento", "pt"),
    ],
)
async def test_deforestation_uses_every_area_by_default(context: ChatContext, query: str, lang: str) -> None:
    response = await _ask(context, query)
    assert "min_increment_km2" not in _args(response, "GetDeforestationAreas")
    every = truth.areas_ok(None)
    expected = truth.correlation("deforestation", every, 5.0, ALL_PLANTS)
    _assert_counts(response, expected)
    counts = response["metadata"]["counts"]
    assert counts["zones_total"] == sum(every) == 760
    assert ("areas: all 760 areas" if lang == "en" else "áreas: todas as 760 áreas") in counts["filters"]
    assert ("(all areas)" if lang == "en" else "(todas as áreas)") in _overview(response)


@pytest.mark.parametrize(
    ("query", "lang"),
    [
        ("solar plants within 5 km of areas with more than 5 km² of recent deforestation", "en"),
        ("usinas solares a até 5 km de áreas com mais de 5 km² de desmatamento recente", "pt"),
    ],
)
async def test_deforestation_threshold_is_a_slot(context: ChatContext, query: str, lang: str) -> None:
    response = await _ask(context, query)
    args = _args(response, "GetDeforestationAreas")
    assert (args["min_increment_km2"], args["min_increment_strict"]) == (5.0, True)
    kept = truth.areas_ok(5.0, strict=True)
    expected = truth.correlation("deforestation", kept, 5.0, ALL_PLANTS)
    _assert_counts(response, expected)
    assert expected.count < truth.correlation("deforestation", truth.areas_ok(None), 5.0, ALL_PLANTS).count
    counts = response["metadata"]["counts"]
    assert counts["zones_total"] == sum(kept)
    used = f"{sum(kept)} areas with recent deforestation > 5 km²"
    if lang == "pt":
        used = f"{sum(kept)} áreas com desmatamento recente > 5 km²"
    assert used in counts["filters"]


async def test_overlap_uses_every_area(context: ChatContext) -> None:
    response = await _ask(context, "solar plants overlapping deforestation areas")
    assert response["metadata"]["intent"] == "deforestation_overlap"
    counts = response["metadata"]["counts"]
    expected = truth.correlation("deforestation", truth.areas_ok(None), None, ALL_PLANTS)
    assert counts["plants_in_areas"] == expected.count
    assert counts["areas_total"] == 760 and "all 760 areas" in counts["filters"]


async def test_aggregation_counts_areas_above_a_threshold(context: ChatContext) -> None:
    response = await _ask(
        context,
        "how many deforestation areas with more than 5 km² of recent deforestation are there in Pará?",
    )
    assert response["metadata"]["intent"] == "aggregation"
    args = _args(response, "GetDeforestationAreas")
    assert (args["min_increment_km2"], args.get("min_increment_strict")) == (5.0, True)
    kept = truth.areas_ok(5.0, strict=True)
    expected = sum(
        1 for ok, z in zip(kept, truth.zones("deforestation"), strict=True) if ok and z.props["uf"] == "PA"
    )
    counts = response["metadata"]["counts"]
    assert counts["value"] == expected
    assert f"{expected} areas with recent deforestation > 5 km²" in counts["filters"]
