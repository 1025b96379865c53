"""Deforestation server tool called in-process."""

from __future__ import annotations

from pathlib import Path

import pytest

from planexec.schemas.tools.deforestation import DeforestationAreasResult, DeforestationArgs
from planexec.tools.servers.datasets.loaders import Datasets, package_data_dir
from planexec.tools.servers.deforestation import server as deforestation
from planexec.tools.stores.handle_store import HandleStore, read_table

DATA = Datasets(package_data_dir())


def areas(**args: object) -> DeforestationAreasResult:
    return deforestation.get_deforestation_areas(DeforestationArgs.model_validate(args), DATA)


def test_all_areas_sorted_by_increment() -> None:
    res = areas()
    assert res.count == res.entities.count == 760
    assert res.total_increment_km2 == pytest.approx(6143.7, abs=0.05)
    t = res.entities
    assert t.entity_type == "deforestation_area" and t.geometry_wkt is not None
    inc = t.columns["increment_km2"].to_numpy()
    assert (inc[:-1] >= inc[1:]).all()
    assert t.column("municipality")[0] == "Altamira"
    assert set(t.columns) == {
        "municipality", "uf", "ibge_code", "deforested_cumulative_km2", "increment_km2",
        "deforested_pct_of_area", "natveg_loss_pct",
    }  # fmt: skip
    DeforestationAreasResult.model_validate_json(res.model_dump_json())


def test_filters() -> None:
    big = areas(min_increment_km2=50)
    assert 0 < big.count < 760
    assert big.entities.columns["increment_km2"].to_numpy().min() >= 50
    pa = areas(states=["pa"], limit=5)
    assert pa.count == 5 and set(pa.entities.column("uf")) == {"PA"}
    assert areas(states=["PA"]).count == 143


def test_state_errors() -> None:
    with pytest.raises(ValueError, match="unknown UF"):
        areas(states=["ZZ"])
    with pytest.raises(ValueError, match="no data for UF\\(s\\) SP"):
        areas(states=["SP"])


def test_increment_threshold_strict_or_not() -> None:
    every = areas().entities.columns["increment_km2"].to_numpy()
    floor = float(every[len(every) // 2])  # an increment some areas have exactly
    at_least, above = (
        areas(min_increment_km2=floor),
        areas(min_increment_km2=floor, min_increment_strict=True),
    )
    assert at_least.count == int((every >= floor).sum()) > above.count == int((every > floor).sum())
    assert areas(min_increment_km2=None).count == 760


def test_as_handle_publishes_the_same_table(tmp_path: Path) -> None:
    store = HandleStore((tmp_path / "handles").as_uri())
    res = deforestation.get_deforestation_areas(
        DeforestationArgs(min_increment_km2=5, as_handle=True), DATA, lambda: store
    )
    inline = areas(min_increment_km2=5)
    assert res.entities is None and res.handle is not None and res.count == inline.count
    assert res.handle.kind == "entity_table" and res.handle.rows == inline.count and res.handle.size_bytes > 0
    assert read_table(store, res.handle) == inline.entities  # verified read: same rows, same columns
    again = deforestation.get_deforestation_areas(
        DeforestationArgs(min_increment_km2=5, as_handle=True), DATA, lambda: store
    )
    assert again.handle == res.handle  # content-addressed: the same table, the same handle
