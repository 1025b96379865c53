"""Solar server tools called in-process: filters, country/UF errors, synthetic points, schemas."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from planexec.schemas.tools.solar import MAX_INLINE_ROWS, FacilitiesArgs, FacilitiesResult, SolarMapResult
from planexec.tools.servers.datasets.loaders import Datasets, package_data_dir
from planexec.tools.servers.solar import server as solar
from planexec.tools.servers.solar.server import get_facilities_for_geospatial
from planexec.tools.stores.handle_store import HandleStore, read_table

DATA = Datasets(package_data_dir())


def facilities(**args: object) -> FacilitiesResult:
    return solar.get_facilities_for_geospatial(FacilitiesArgs.model_validate(args), DATA)


def map_data(**args: object) -> SolarMapResult:
    return solar.get_solar_facilities_map_data(FacilitiesArgs.model_validate(args), DATA)


def test_default_set() -> None:
    res = facilities()
    assert isinstance(res, FacilitiesResult)
    assert res.count == res.entities.count == 788
    assert res.total_capacity_mw == pytest.approx(17_613, abs=1)
    assert res.entities.entity_type == "solar_facility"
    assert set(res.entities.columns) == {"name", "capacity_mw", "uf", "municipality"}
    caps = res.entities.columns["capacity_mw"].to_numpy()
    assert (caps[:-1] >= caps[1:]).all()
    FacilitiesResult.model_validate_json(res.model_dump_json())


def test_filters_and_limit() -> None:
    bahia = facilities(states=["ba"])
    assert bahia.count == sum(1 for f in DATA.solar() if f.uf == "BA") > 0
    assert set(bahia.entities.column("uf")) == {"BA"}
    big = facilities(min_capacity_mw=100)
    assert big.count > 0 and big.entities.columns["capacity_mw"].to_numpy().min() >= 100
    top = facilities(limit=5)
    assert top.count == 5
    assert top.entities.id_list() == facilities().entities.id_list()[:5]


@pytest.mark.parametrize("country", ["Brazil", "brasil", "BR", "bra", " BRAZIL ", "Brasíl"])
def test_country_aliases(country: str) -> None:
    assert facilities(country=country, limit=1).country == "Brazil"


def test_other_country_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="no solar data for country 'Argentina'; available: Brazil"):
        facilities(country="Argentina")


def test_unknown_uf_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown UF code\\(s\\): XX"):
        map_data(states=["BA", "XX"])


def test_other_datasets() -> None:
    assert facilities(dataset="aneel_sigel_2015").count == 596
    gppd = facilities(dataset="gppd_v1_3_0")
    assert gppd.count == 24 and gppd.total_capacity_mw == pytest.approx(1807.37, abs=0.01)


def test_map_data_by_state() -> None:
    res = map_data()
    assert isinstance(res, SolarMapResult)
    caps = [s.capacity_mw for s in res.by_state]
    assert caps == sorted(caps, reverse=True)
    assert sum(s.count for s in res.by_state) == res.count == 788
    assert sum(caps) == pytest.approx(res.total_capacity_mw)
    assert res.by_state[0].uf == "MG"


def test_synthetic_points_are_deterministic_and_plausible() -> None:
    a = facilities(synthetic_points=2500, states=["BA", "PI"])
    b = facilities(synthetic_points=2500, states=["BA", "PI"])
    assert a == b
    t = a.entities
    assert t.synthetic and t.count == a.count == 2500
    assert t.id_list()[:2] == ["SYN-1", "SYN-2"] and len(set(t.id_list())) == 2500
    assert set(t.column("uf")) == {"BA", "PI"}
    real = {(f.lon, f.lat) for f in DATA.solar() if f.uf in ("BA", "PI")}
    lon, lat = t.lon.to_numpy(), t.lat.to_numpy()
    assert (lon >= -74).all() and (lon <= -28.8).all() and (lat >= -33.8).all() and (lat <= 5.3).all()
    nearest = [
        min(abs(x - rx) + abs(y - ry) for rx, ry in real) for x, y in zip(lon[:50], lat[:50], strict=True)
    ]
    assert max(nearest) <= 0.1 + 1e-9


def test_synthetic_with_no_source_rows() -> None:
    with pytest.raises(ValueError, match="matched none"):
        facilities(synthetic_points=10, min_capacity_mw=1e9)


def test_strict_and_non_strict_capacity_bounds() -> None:
    caps = [f.capacity_mw for f in DATA.solar()]
    at_least = facilities(min_capacity_mw=30, limit=200_000)
    above = facilities(min_capacity_mw=30, min_capacity_strict=True, limit=200_000)
    assert at_least.count == sum(c >= 30 for c in caps)
    assert above.count == sum(c > 30 for c in caps)
    assert at_least.count - above.count == sum(c == 30 for c in caps) > 0


def test_upper_bounds_and_ranges() -> None:
    caps = [f.capacity_mw for f in DATA.solar()]
    at_most = facilities(max_capacity_mw=30, limit=200_000)
    below = facilities(max_capacity_mw=30, max_capacity_strict=True, limit=200_000)
    ranged = facilities(min_capacity_mw=10, max_capacity_mw=50, limit=200_000)
    assert at_most.count == sum(c <= 30 for c in caps)
    assert below.count == sum(c < 30 for c in caps)
    assert ranged.count == sum(10 <= c <= 50 for c in caps)
    assert ranged.entities.columns["capacity_mw"].to_numpy().max() <= 50


def test_more_synthetic_rows_than_an_inline_result_holds_need_a_handle() -> None:
    with pytest.raises(ValidationError, match="needs as_handle=true"):
        FacilitiesArgs(synthetic_points=MAX_INLINE_ROWS + 1)
    assert FacilitiesArgs(synthetic_points=MAX_INLINE_ROWS + 1, as_handle=True).as_handle


def test_synthetic_rows_by_handle_match_the_inline_rows(tmp_path) -> None:
    store = HandleStore((tmp_path / "h").as_uri())
    datasets = Datasets(package_data_dir())
    inline = get_facilities_for_geospatial(FacilitiesArgs(synthetic_points=2_000), datasets)
    by_handle = get_facilities_for_geospatial(
        FacilitiesArgs(synthetic_points=2_000, as_handle=True), datasets, lambda: store
    )
    assert by_handle.handle is not None and by_handle.handle.version == "2"
    assert read_table(store, by_handle.handle) == inline.entities
    assert by_handle.total_capacity_mw == inline.total_capacity_mw
