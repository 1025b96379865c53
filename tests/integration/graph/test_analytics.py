"""Analytical questions through the chat API (rule proposer, real MCP servers). Every expected number is
computed here from truth.py (an independent oracle over the raw files, no planexec code) or the CSV."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from planexec.graph.api import process_chat_query
from planexec.nodes.context import ChatContext
from tests.support import truth

pytestmark = pytest.mark.integration

NAMES = {
    "AC": "Acre", "AL": "Alagoas", "AP": "Amapá", "AM": "Amazonas", "BA": "Bahia", "CE": "Ceará",
    "DF": "Distrito Federal", "ES": "Espírito Santo", "GO": "Goiás", "MA": "Maranhão", "MT": "Mato Grosso",
    "MS": "Mato Grosso do Sul", "MG": "Minas Gerais", "PA": "Pará", "PB": "Paraíba", "PR": "Paraná",
    "PE": "Pernambuco", "PI": "Piauí", "RJ": "Rio de Janeiro", "RN": "Rio Grande do Norte",
    "RS": "Rio Grande do Sul", "RO": "Rondônia", "RR": "Roraima", "SC": "Santa Catarina", "SP": "São Paulo",
    "SE": "Sergipe", "TO": "Tocantins",
}  # fmt: skip


def fmt(x: float, lang: str) -> str:
    """Independent number writing: up to 2 decimals, trailing zeros dropped; pt swaps separators."""
    text = f"{x:,.2f}".rstrip("0").rstrip(".")
    return text.translate(str.maketrans({",": ".", ".": ","})) if lang == "pt" else text


def caps(states: list[str] | None = None, low: float | None = None, strict: bool = False) -> list[float]:
    return [p.capacity_mw for p in truth.filter_plants(truth.plants(), states, low, strict)]


def by_state(plants: list[truth.Plant], how: str, key: Callable[[truth.Plant], str] = lambda p: p.uf) -> Any:
    groups = truth.group_by(plants, key)
    field = "count" if how == "count" else how
    return {k: truth.measure([p.capacity_mw for p in v], field) for k, v in groups.items()}


@dataclass(frozen=True)
class Expect:
    value: float
    """facts['value']: the first group's value (share as a percentage)."""
    label: str | None = None
    texts: tuple[str, ...] = ()
    ranks: tuple[tuple[str, float], ...] = ()
    tools: tuple[str, ...] = ("GetFacilitiesForGeospatial",)


def _ranked(values: dict[str, float | None], n: int, desc: bool = True, names: bool = True) -> Expect:
    top = truth.rank(values, descending=desc)[:n]
    ranks = tuple((NAMES.get(k, k) if names else k, v) for k, v in top)
    return Expect(value=top[0][1], label=ranks[0][0], ranks=ranks)


def _count_in(uf: str, lang: str) -> Expect:
    values = caps([uf])
    return Expect(
        value=len(values), label=NAMES[uf], texts=(str(len(values)), fmt(round(sum(values), 1), lang))
    )


def _median_go(lang: str) -> Expect:
    value = truth.measure(caps(["GO"]), "median") or 0.0
    return Expect(value=value, texts=(fmt(round(value, 2), lang),))


def _smallest(uf: str) -> Expect:
    plants = truth.filter_plants(truth.plants(), [uf], None, False)
    smallest = min(plants, key=lambda p: (p.capacity_mw, p.name))
    return Expect(value=smallest.capacity_mw, texts=(smallest.name,))


def _largest_brazil() -> Expect:
    largest = max(truth.plants(), key=lambda p: (p.capacity_mw, [-ord(c) for c in p.name]))
    return Expect(value=largest.capacity_mw, texts=(largest.name, fmt(round(largest.capacity_mw, 1), "en")))


def _related(layer: str, km: float | None, quintiles: tuple[int, ...] = (5,)) -> list[truth.Plant]:
    ids = truth.matched_ids(layer, km, quintiles, None)
    return [p for p in truth.plants() if p.id in ids]


def _share_ce_hottest() -> Expect:
    ce = truth.filter_plants(truth.plants(), ["CE"], None, False)
    inside = [p for p in _related("heat", None) if p.uf == "CE"]
    pct = 100 * len(inside) / len(ce)
    return Expect(
        value=round(pct, 2), texts=(f"{len(inside)} of {len(ce)}",), tools=("FindSpatialCorrelations",)
    )


def _share_mg_capacity() -> Expect:
    pct = 100 * sum(caps(["MG"])) / sum(caps())
    return Expect(value=round(pct, 2), label="Minas Gerais", texts=(fmt(round(sum(caps(["MG"])), 1), "en"),))


def _mean_near_heat() -> Expect:
    values = [p.capacity_mw for p in _related("heat", 5.0)]
    mean = sum(values) / len(values)
    return Expect(
        value=mean, texts=(fmt(round(mean, 2), "en"), str(len(values))), tools=("FindSpatialCorrelations",)
    )


def _top_near_deforestation() -> Expect:
    expect = _ranked(by_state(_related("deforestation", 5.0), "sum"), 1)
    return Expect(
        value=expect.value, label=expect.label, ranks=expect.ranks, tools=("FindSpatialCorrelations",)
    )


def _southeast_total() -> Expect:
    total = sum(caps(list(truth.REGIONS["Southeast"])))
    return Expect(value=total, texts=(fmt(round(total, 1), "en"),))


def _areas_in(uf: str) -> Expect:
    count = sum(1 for a in truth.area_props("deforestation") if a["uf"] == uf)
    return Expect(value=count, texts=(str(count),), tools=("GetDeforestationAreas",))


def _increment_in(uf: str) -> Expect:
    total = sum(float(a["increment_km2"]) for a in truth.area_props("deforestation") if a["uf"] == uf)
    return Expect(value=total, texts=(fmt(round(total, 1), "en"),), tools=("GetDeforestationAreas",))


def _top_municipalities_increment() -> Expect:
    rows = {
        f"{a['municipality']} ({a['uf']})": float(a["increment_km2"])
        for a in truth.area_props("deforestation")
    }
    top = _ranked(rows, 3, names=False)  # type: ignore[arg-type]
    return Expect(value=top.value, label=top.label, ranks=top.ranks, tools=("GetDeforestationAreas",))


def _zones_per_quintile() -> Expect:
    counts = {
        f"Q{q}": float(n) for q, n in _count_values([int(z["quintile"]) for z in truth.area_props("heat")])
    }
    top = _ranked(counts, 5, names=False)  # type: ignore[arg-type]
    return Expect(value=top.value, label=top.label, ranks=top.ranks, tools=("GetHeatQuintilesForGeospatial",))


def _count_values(values: list[int]) -> list[tuple[int, int]]:
    return [(v, values.count(v)) for v in sorted(set(values))]


def _plants_per_quintile() -> Expect:
    quintile = truth.plant_quintiles()
    counts = {f"Q{q}": float(n) for q, n in _count_values(list(quintile.values()))}
    top = _ranked(counts, 5, names=False)  # type: ignore[arg-type]
    return Expect(value=top.value, label=top.label, ranks=top.ranks, tools=("FindSpatialCorrelations",))


def _by_region(how: str, desc: bool) -> Expect:
    values = by_state(list(truth.plants()), how, key=lambda p: truth.region_of(p.uf))
    return _ranked(values, 5 if desc else 1, desc=desc, names=False)


def _compare(a: str, b: str, how: str) -> Expect:
    values = by_state(truth.filter_plants(truth.plants(), [a, b], None, False), how)
    ranks = ((NAMES[a], values[a]), (NAMES[b], values[b]))  # in the order named
    return Expect(value=values[a], label=NAMES[a], ranks=ranks)


def _strict_mean_ba() -> Expect:
    values = caps(["BA"], 30.0, strict=True)
    assert values != caps(["BA"], 30.0, strict=False)  # plants sit exactly on 30 MW: '>' matters
    mean = sum(values) / len(values)
    return Expect(value=mean, texts=(str(len(values)),))


CASES: dict[str, Callable[[], Expect]] = {
    "quantas usinas solares há na Bahia?": lambda: _count_in("BA", "pt"),
    "how many solar plants are there in Minas Gerais?": lambda: _count_in("MG", "en"),
    "median plant capacity in Goiás": lambda: _median_go("en"),
    "qual a mediana da capacidade das usinas em Goiás?": lambda: _median_go("pt"),
    "the smallest plant in Sergipe": lambda: _smallest("SE"),
    "qual é a menor usina solar de Sergipe?": lambda: _smallest("SE"),
    "biggest solar plant in Brazil": _largest_brazil,
    "Pernambuco versus Paraíba": lambda: _compare("PE", "PB", "count"),
    "Bahia vs Minas Gerais solar capacity": lambda: _compare("BA", "MG", "sum"),
    "total capacity in the Southeast": _southeast_total,
    "how many deforestation areas are there in Pará?": lambda: _areas_in("PA"),
    "what is the total deforestation increment in Mato Grosso?": lambda: _increment_in("MT"),
    "top 3 municipalities by deforestation increment": _top_municipalities_increment,
    "top 5 states by solar capacity": lambda: _ranked(by_state(list(truth.plants()), "sum"), 5),
    "qual estado tem mais capacidade solar?": lambda: _ranked(by_state(list(truth.plants()), "sum"), 1),
    "which state has the most solar plants?": lambda: _ranked(by_state(list(truth.plants()), "count"), 1),
    "capacidade média das usinas solares por estado": lambda: _ranked(
        by_state(list(truth.plants()), "mean"), 5
    ),
    "number of solar plants by region": lambda: _by_region("count", True),
    "which region has the fewest solar plants?": lambda: _by_region("count", False),
    "average capacity of plants within 5 km of extreme heat zones": _mean_near_heat,
    "which state has the largest matched capacity near deforested areas?": _top_near_deforestation,
    "what fraction of Ceará's plants sit in the hottest zones?": _share_ce_hottest,
    "what share of Brazil's solar capacity is in Minas Gerais?": _share_mg_capacity,
    "how many heat zones are in each quintile?": _zones_per_quintile,
    "solar plants per heat quintile": _plants_per_quintile,
    "average capacity of solar plants with more than 30 MW in Bahia": _strict_mean_ba,
}


@pytest.mark.parametrize("query", list(CASES))
async def test_analytical_question(context: ChatContext, query: str) -> None:
    expect = CASES[query]()
    response = await process_chat_query(query, context=context, checkpoint_url="memory://")
    meta, facts = response["metadata"], response["metadata"]["counts"]
    assert meta["intent"] == "aggregation", meta["proposals"][0]["rationale"]
    assert all(step["status"] == "ok" for step in meta["plan"])
    assert set(expect.tools) <= {step["tool"] for step in meta["plan"]}
    assert facts["value"] == pytest.approx(expect.value, abs=1e-3), facts["answer"]
    if expect.label is not None:
        assert facts["label"] == expect.label
    for n, (label, value) in enumerate(expect.ranks, 1):
        assert (facts[f"rank_{n}_label"], facts[f"rank_{n}_value"]) == (label, pytest.approx(value, abs=1e-3))
    text = response["modules"][0]["text"]
    for piece in expect.texts:
        assert piece in text, text
    assert facts["answer"] in text and facts["filters"] and facts["filters"] in text  # the filters are stated
    kinds = {m["type"] for m in response["modules"]}
    assert {"table", "chart"} <= kinds
