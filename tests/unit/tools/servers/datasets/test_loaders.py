"""Dataset loaders (tools/servers/datasets): data-dir resolution, normalised solar columns, layers."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

from planexec.schemas.settings import Settings
from planexec.tools.servers.datasets import loaders as data

REPO_DATA = Path(__file__).resolve().parents[5] / "data"
DATA = data.Datasets(data.package_data_dir())


def test_data_dir_defaults_to_the_package_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(data.DATA_DIR_ENV, raising=False)
    assert data.package_data_dir() == REPO_DATA
    assert data.data_dir(Settings()) == REPO_DATA


def test_data_dir_follows_the_setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(data.DATA_DIR_ENV, str(tmp_path))
    assert data.data_dir(Settings()) == tmp_path.resolve()
    assert data.Datasets.from_settings(Settings()).folder == tmp_path.resolve()


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    empty = data.Datasets(tmp_path)
    with pytest.raises(
        data.DataFileMissingError, match=re.escape(str(tmp_path / "brazil_solar_aneel_siga_2025.csv"))
    ):
        empty.solar()
    with pytest.raises(FileNotFoundError, match="derive_layers"):
        empty.heat_zones()


def test_each_folder_has_its_own_data_kept_once(tmp_path: Path) -> None:
    shutil.copy(REPO_DATA / "brazil_solar_gppd_v1_3_0.csv", tmp_path)
    shutil.copy(REPO_DATA / data.STATES_FILE, tmp_path)
    with (tmp_path / "brazil_solar_gppd_v1_3_0.csv").open("a", encoding="utf-8") as fh:
        fh.write("BRAX,Extra,1.0,-12.9,-38.4,2020,,,,2020,\n")
    assert len(data.Datasets(tmp_path).solar("gppd_v1_3_0")) == 25
    assert len(DATA.solar("gppd_v1_3_0")) == 24
    assert DATA.solar("gppd_v1_3_0") is DATA.solar("gppd_v1_3_0")


@pytest.mark.parametrize(
    ("dataset", "count", "total_mw"),
    [
        ("aneel_siga_2025", 788, 17_613.09),
        ("aneel_sigel_2015", 596, 12_359.78),
        ("gppd_v1_3_0", 24, 1_807.37),
    ],
)
def test_solar_datasets_normalised(dataset: str, count: int, total_mw: float) -> None:
    rows = DATA.solar(dataset)
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
    rows = {f.id: f for f in DATA.solar()}
    assert rows["SIGA2025-0063"].municipality == "Tauá"
    assert rows["SIGA2025-0063"].uf == "CE"


def test_siga_uf_counts_match_csv() -> None:
    with (REPO_DATA / "brazil_solar_aneel_siga_2025.csv").open(encoding="utf-8") as fh:
        bahia = sum(1 for r in csv.DictReader(fh) if r["uf"] == "BA")
    assert bahia > 0
    assert sum(1 for f in DATA.solar() if f.uf == "BA") == bahia


def test_gppd_gets_uf_from_state_polygons() -> None:
    rows = {f.name: f for f in DATA.solar("gppd_v1_3_0")}
    assert rows["Central Mineirão"].uf == "MG"  # Belo Horizonte
    assert all(f.municipality is None for f in rows.values())


def test_unknown_solar_dataset() -> None:
    with pytest.raises(ValueError, match="unknown solar dataset"):
        DATA.solar("nope")


def test_heat_zones_loaded() -> None:
    zones = DATA.heat_zones()
    assert len(zones) == 190
    assert {z.quintile for z in zones} == {1, 2, 3, 4, 5}
    assert all(z.geometry_wkt.startswith(("POLYGON", "MULTIPOLYGON")) for z in zones)


def test_deforestation_areas_loaded() -> None:
    areas = DATA.deforestation_areas()
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
