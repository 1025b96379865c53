"""Heat server tool called in-process."""

from __future__ import annotations

from pathlib import Path

import pytest
import shapely

from planexec.schemas.tools.heat import HeatQuintilesArgs, HeatZonesResult
from planexec.tools.servers.datasets.loaders import Datasets, package_data_dir
from planexec.tools.servers.heat import server as heat
from planexec.tools.stores.handle_store import HandleStore, read_table

DATA = Datasets(package_data_dir())


def zones(**args: object) -> HeatZonesResult:
    return heat.get_heat_quintiles_for_geospatial(HeatQuintilesArgs.model_validate(args), DATA)


def test_default_is_hottest_quintile() -> None:
    res = zones()
    assert res.quintiles == [5]
    assert res.count == res.entities.count == 38
    t = res.entities
    assert t.entity_type == "heat_zone" and t.geometry_wkt is not None
    assert set(t.columns) == {
        "station_code", "station_name", "uf", "tmax_hottest_month_c", "heat_index_c", "quintile",
    }  # fmt: skip
    assert set(t.column("quintile")) == {5.0}
    tmax = t.columns["tmax_hottest_month_c"].to_numpy()
    assert (tmax[:-1] >= tmax[1:]).all()
    for wkt, lon, lat in zip(t.geometry_wkt.to_list()[:10], t.lon.to_list(), t.lat.to_list(), strict=False):
        cell = shapely.from_wkt(str(wkt))
        assert cell.is_valid and cell.distance(shapely.Point(lon, lat)) < 0.5
    HeatZonesResult.model_validate_json(res.model_dump_json())


def test_several_quintiles_and_limit() -> None:
    res = zones(quintiles=[1, 5, 1], limit=1000)
    assert res.quintiles == [1, 5] and res.count == 76
    assert zones(quintiles=[1, 2, 3, 4, 5], limit=10).count == 10


@pytest.mark.parametrize("bad", [[0], [6], [5, 9], []])
def test_bad_quintiles(bad: list[int]) -> None:
    with pytest.raises(ValueError, match="quintile"):
        zones(quintiles=bad)


def test_as_handle_publishes_the_same_table(tmp_path: Path) -> None:
    store = HandleStore((tmp_path / "handles").as_uri())
    res = heat.get_heat_quintiles_for_geospatial(
        HeatQuintilesArgs(quintiles=[5], as_handle=True), DATA, lambda: store
    )
    inline = zones(quintiles=[5])
    assert res.entities is None and res.handle is not None and res.count == inline.count
    assert res.handle.kind == "entity_table" and res.handle.rows == inline.count and res.handle.size_bytes > 0
    assert read_table(store, res.handle) == inline.entities  # verified read: same rows, same columns
    again = heat.get_heat_quintiles_for_geospatial(
        HeatQuintilesArgs(quintiles=[5], as_handle=True), DATA, lambda: store
    )
    assert again.handle == res.handle  # content-addressed: the same table, the same handle
