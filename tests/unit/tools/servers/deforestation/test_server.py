"""Deforestation server tool called in-process."""

from __future__ import annotations

import pytest

from planexec.schemas.tools.deforestation import DeforestationAreasResult, DeforestationArgs
from planexec.tools.servers.datasets.loaders import Datasets, package_data_dir
from planexec.tools.servers.deforestation import server as deforestation

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
