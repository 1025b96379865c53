"""Loaders in tools.data: data-dir resolution, normalised solar columns, derived layers."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

from planexec.tools import data

REPO_DATA = Path(__file__).resolve().parents[3] / "data"


def test_data_dir_defaults_to_repo_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(data.DATA_DIR_ENV, raising=False)
    assert data.data_dir() == REPO_DATA


def test_data_dir_follows_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(data.DATA_DIR_ENV, str(tmp_path))
    assert data.data_dir() == tmp_path.resolve()


def test_missing_file_names_the_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(data.DATA_DIR_ENV, str(tmp_path))
    with pytest.raises(
        data.DataFileMissingError, match=re.escape(str(tmp_path / "brazil_solar_aneel_siga_2025.csv"))
    ):
        data.load_solar()
    with pytest.raises(FileNotFoundError, match="derive_layers"):
        data.load_heat_zones()


def test_cache_is_per_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    shutil.copy(REPO_DATA / "brazil_solar_gppd_v1_3_0.csv", tmp_path)
    shutil.copy(REPO_DATA / data.STATES_FILE, tmp_path)
    with (tmp_path / "brazil_solar_gppd_v1_3_0.csv").open("a", encoding="utf-8") as fh:
        fh.write("BRAX,Extra,1.0,-12.9,-38.4,2020,,,,2020,\n")
    monkeypatch.setenv(data.DATA_DIR_ENV, str(tmp_path))
    assert len(data.load_solar("gppd_v1_3_0")) == 25
    monkeypatch.delenv(data.DATA_DIR_ENV)
    assert len(data.load_solar("gppd_v1_3_0")) == 24
    assert data.load_solar("gppd_v1_3_0") is data.load_solar("gppd_v1_3_0")


@pytest.mark.parametrize(
    ("dataset", "count", "total_mw"),
    [
        ("aneel_siga_2025", 788, 17_613.09),
        ("aneel_sigel_2015", 596, 12_359.78),
        ("gppd_v1_3_0", 24, 1_807.37),
    ],
)
def test_solar_datasets_normalised(dataset: str, count: int, total_mw: float) -> None:
    rows = data.load_solar(dataset)
    assert len(rows) == count
    assert sum(f.capacity_mw for f in rows) == pytest.approx(total_mw, abs=0.01)
    assert len({f.id for f in rows}) == count
    for f in rows:
        assert f.uf in data.BRAZIL_UFS
        assert -74 < f.lon < -28 and -34 < f.lat < 6
        assert f.capacity_mw >= 0


def test_siga_municipality_strips_uf() -> None:
    assert data._siga_municipality("Tauá - CE") == "Tauá"
    assert data._siga_municipality("São Luís - MA, Vargem Grande - MA") == "São Luís, Vargem Grande"
    rows = {f.id: f for f in data.load_solar()}
    assert rows["SIGA2025-0063"].municipality == "Tauá"
    assert rows["SIGA2025-0063"].uf == "CE"


def test_siga_uf_counts_match_csv() -> None:
    with (REPO_DATA / "brazil_solar_aneel_siga_2025.csv").open(encoding="utf-8") as fh:
        bahia = sum(1 for r in csv.DictReader(fh) if r["uf"] == "BA")
    assert bahia > 0
    assert sum(1 for f in data.load_solar() if f.uf == "BA") == bahia


def test_gppd_gets_uf_from_state_polygons() -> None:
    rows = {f.name: f for f in data.load_solar("gppd_v1_3_0")}
    assert rows["Central Mineirão"].uf == "MG"  # Belo Horizonte
    assert all(f.municipality is None for f in rows.values())


def test_unknown_solar_dataset() -> None:
    with pytest.raises(ValueError, match="unknown solar dataset"):
        data.load_solar("nope")


def test_heat_zones_loaded() -> None:
    zones = data.load_heat_zones()
    assert len(zones) == 190
    assert {z.quintile for z in zones} == {1, 2, 3, 4, 5}
    assert all(z.geometry_wkt.startswith(("POLYGON", "MULTIPOLYGON")) for z in zones)


def test_deforestation_areas_loaded() -> None:
    areas = data.load_deforestation_areas()
    assert len(areas) == 760
    assert len({a.ibge_code for a in areas}) == 760
    assert sum(a.increment_km2 for a in areas) == pytest.approx(6143.7, abs=0.05)


def test_normalise_ufs() -> None:
    assert data.normalise_ufs(None) is None
    assert data.normalise_ufs([" ba", "BA", "mg"]) == ["BA", "MG"]
    with pytest.raises(ValueError, match="unknown UF code\\(s\\): XX"):
        data.normalise_ufs(["BA", "xx"])
    with pytest.raises(ValueError, match="no data for UF\\(s\\) SP"):
        data.normalise_ufs(["SP"], allowed=("PA",))
