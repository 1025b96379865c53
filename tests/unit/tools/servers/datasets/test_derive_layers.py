"""The derived layers: reproducible from the raw files, and their basic invariants."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import shapely
from shapely.geometry import shape

from planexec.tools.servers.datasets import derive_layers
from planexec.tools.servers.datasets.loaders import Datasets

REPO_DATA = Path(__file__).resolve().parents[5] / "data"


@pytest.fixture(scope="module")
def built() -> dict[str, str]:
    return derive_layers.build_all(REPO_DATA)


def _features(text: str) -> list[dict[str, Any]]:
    features: list[dict[str, Any]] = json.loads(text)["features"]
    return features


@pytest.mark.parametrize("name", [derive_layers.HEAT_OUT, derive_layers.DEFORESTATION_OUT])
def test_committed_files_match_a_fresh_build(built: dict[str, str], name: str) -> None:
    committed = (REPO_DATA / "derived" / name).read_text(encoding="utf-8")
    assert built[name] == committed, (
        f"data/derived/{name} is stale: run python -m tools.servers.datasets.derive_layers"
    )


def test_main_writes_identical_files(tmp_path: Path) -> None:
    assert derive_layers.main(["--data-dir", str(REPO_DATA), "--out-dir", str(tmp_path)]) == 0
    for name in (derive_layers.HEAT_OUT, derive_layers.DEFORESTATION_OUT):
        assert (tmp_path / name).read_bytes() == (REPO_DATA / "derived" / name).read_bytes()


def test_heat_zones_cover_brazil(built: dict[str, str]) -> None:
    cells = [shape(f["geometry"]) for f in _features(built[derive_layers.HEAT_OUT])]
    assert all(c.is_valid and not c.is_empty for c in cells)
    country = Datasets(REPO_DATA).country()
    assert shapely.union_all(cells).area == pytest.approx(country.area, rel=0.01)
    assert sum(c.area for c in cells) == pytest.approx(country.area, rel=0.01)  # no overlaps


def test_heat_quintiles_balanced_and_ordered(built: dict[str, str]) -> None:
    props = [f["properties"] for f in _features(built[derive_layers.HEAT_OUT])]
    assert len(props) == 190
    counts = Counter(p["quintile"] for p in props)
    assert set(counts) == {1, 2, 3, 4, 5}
    assert max(counts.values()) - min(counts.values()) <= 1
    for q in range(1, 5):
        lower = max(p["tmax_hottest_month_c"] for p in props if p["quintile"] == q)
        upper = min(p["tmax_hottest_month_c"] for p in props if p["quintile"] == q + 1)
        assert lower <= upper
    fallback = [p for p in props if p["heat_index_is_tmax_fallback"]]
    assert fallback and all(p["heat_index_c"] == p["tmax_hottest_month_c"] for p in fallback)


def test_quintiles_rule() -> None:
    assert derive_layers.quintiles([1, 2, 3, 4, 5], list("abcde")) == [1, 2, 3, 4, 5]
    assert derive_layers.quintiles([3, 3, 3, 3, 3], list("edcba")) == [5, 4, 3, 2, 1]
    assert Counter(
        derive_layers.quintiles([float(i % 7) for i in range(23)], [f"{i:02d}" for i in range(23)])
    )[5] in (4, 5)


def test_every_municipality_has_one_area(built: dict[str, str]) -> None:
    features = _features(built[derive_layers.DEFORESTATION_OUT])
    rows = derive_layers.read_csv(REPO_DATA / derive_layers.PRODES_FILE)
    assert sorted(f["properties"]["ibge_code"] for f in features) == sorted(r["ibge_code"] for r in rows)
    cells = [shape(f["geometry"]) for f in features]
    assert all(c.is_valid and not c.is_empty for c in cells)
    mask = shapely.union_all(list(derive_layers.legal_amazon_by_uf(REPO_DATA).values()))
    assert shapely.union_all(cells).area == pytest.approx(mask.area, rel=0.01)


def test_areas_stay_in_their_state(built: dict[str, str]) -> None:
    masks = derive_layers.legal_amazon_by_uf(REPO_DATA)
    for f in _features(built[derive_layers.DEFORESTATION_OUT]):
        p = f["properties"]
        if p["geometry_method"] == "voronoi_within_uf":
            cell = shape(f["geometry"])
            assert cell.difference(masks[p["uf"]].buffer(1e-4)).area < 1e-6, p["ibge_code"]


def test_natveg_loss_joined(built: dict[str, str]) -> None:
    props = {
        f["properties"]["ibge_code"]: f["properties"]
        for f in _features(built[derive_layers.DEFORESTATION_OUT])
    }
    assert props["1100015"]["natveg_loss_pct"] == pytest.approx(8.346)
    assert props["1100015"]["increment_km2"] == pytest.approx(5.0)
