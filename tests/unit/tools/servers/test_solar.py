"""Solar server tools called in-process: filters, country/UF errors, synthetic points, schemas."""

from __future__ import annotations

import pytest

from planexec.schemas.tools.solar import FacilitiesArgs, FacilitiesResult, SolarMapResult
from planexec.tools.data import load_solar
from planexec.tools.servers import solar


def test_default_set() -> None:
    res = solar.get_facilities_for_geospatial()
    assert isinstance(res, FacilitiesResult)
    assert res.count == res.entities.count == 788
    assert res.total_capacity_mw == pytest.approx(17_613, abs=1)
    assert res.entities.entity_type == "solar_facility"
    assert set(res.entities.columns) == {"name", "capacity_mw", "uf", "municipality"}
    caps = res.entities.columns["capacity_mw"].to_numpy()
    assert (caps[:-1] >= caps[1:]).all()
    FacilitiesResult.model_validate_json(res.model_dump_json())


def test_filters_and_limit() -> None:
    bahia = solar.get_facilities_for_geospatial(states=["ba"])
    assert bahia.count == sum(1 for f in load_solar() if f.uf == "BA") > 0
    assert set(bahia.entities.column("uf")) == {"BA"}
    big = solar.get_facilities_for_geospatial(min_capacity_mw=100)
    assert big.count > 0 and big.entities.columns["capacity_mw"].to_numpy().min() >= 100
    top = solar.get_facilities_for_geospatial(limit=5)
    assert top.count == 5
    assert top.entities.id_list() == solar.get_facilities_for_geospatial().entities.id_list()[:5]


@pytest.mark.parametrize("country", ["Brazil", "brasil", "BR", "bra", " BRAZIL ", "Brasíl"])
def test_country_aliases(country: str) -> None:
    assert solar.get_facilities_for_geospatial(country=country, limit=1).country == "Brazil"


def test_other_country_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="no solar data for country 'Argentina'; available: Brazil"):
        solar.get_facilities_for_geospatial(country="Argentina")


def test_unknown_uf_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown UF code\\(s\\): XX"):
        solar.get_solar_facilities_map_data(states=["BA", "XX"])


def test_other_datasets() -> None:
    assert solar.get_facilities_for_geospatial(dataset="aneel_sigel_2015").count == 596
    gppd = solar.get_facilities_for_geospatial(dataset="gppd_v1_3_0")
    assert gppd.count == 24 and gppd.total_capacity_mw == pytest.approx(1807.37, abs=0.01)


def test_map_data_by_state() -> None:
    res = solar.get_solar_facilities_map_data()
    assert isinstance(res, SolarMapResult)
    caps = [s.capacity_mw for s in res.by_state]
    assert caps == sorted(caps, reverse=True)
    assert sum(s.count for s in res.by_state) == res.count == 788
    assert sum(caps) == pytest.approx(res.total_capacity_mw)
    assert res.by_state[0].uf == "MG"


def test_synthetic_points_are_deterministic_and_plausible() -> None:
    a = solar.get_facilities_for_geospatial(synthetic_points=2500, states=["BA", "PI"])
    b = solar.get_facilities_for_geospatial(synthetic_points=2500, states=["BA", "PI"])
    assert a == b
    t = a.entities
    assert t.synthetic and t.count == a.count == 2500
    assert t.id_list()[:2] == ["SYN-1", "SYN-2"] and len(set(t.id_list())) == 2500
    assert set(t.column("uf")) == {"BA", "PI"}
    real = {(f.lon, f.lat) for f in load_solar() if f.uf in ("BA", "PI")}
    lon, lat = t.lon.to_numpy(), t.lat.to_numpy()
    assert (lon >= -74).all() and (lon <= -28.8).all() and (lat >= -33.8).all() and (lat <= 5.3).all()
    nearest = [
        min(abs(x - rx) + abs(y - ry) for rx, ry in real) for x, y in zip(lon[:50], lat[:50], strict=True)
    ]
    assert max(nearest) <= 0.1 + 1e-9


def test_synthetic_with_no_source_rows() -> None:
    with pytest.raises(ValueError, match="matched none"):
        solar.get_facilities_for_geospatial(synthetic_points=10, min_capacity_mw=1e9)


async def test_advertised_schemas_match_pinned_contract() -> None:
    pinned = FacilitiesArgs.model_json_schema()["properties"]
    pinned.pop("schema_version")
    tools = {t.name: t for t in await solar.build_server().list_tools()}
    assert set(tools) == {"GetFacilitiesForGeospatial", "GetSolarFacilitiesMapData"}
    for tool in tools.values():
        assert tool.inputSchema["properties"] == pinned
        assert tool.outputSchema is not None
    assert tools["GetFacilitiesForGeospatial"].outputSchema == FacilitiesResult.model_json_schema()
