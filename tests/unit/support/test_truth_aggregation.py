"""truth.py's small aggregation helpers (the oracle of the analytical questions)."""

from __future__ import annotations

from tests.support import truth


def test_measures() -> None:
    values = [5.0, 1.0, 3.0, 10.0]
    expected = {"count": 4.0, "sum": 19.0, "mean": 4.75, "median": 4.0, "min": 1.0, "max": 10.0}
    assert {how: truth.measure(values, how) for how in expected} == expected
    assert truth.measure([2.0, 7.0, 1.0], "median") == 2.0
    assert truth.measure([], "median") is None and truth.measure([], "count") == 0.0


def test_group_and_rank() -> None:
    groups = truth.group_by(["ba", "se", "ba"], key=str.upper)
    assert groups == {"BA": ["ba", "ba"], "SE": ["se"]}
    assert truth.rank({"A": 1.0, "B": 3.0, "C": 3.0, "D": None}) == [("B", 3.0), ("C", 3.0), ("A", 1.0)]
    assert truth.rank({"A": 1.0, "B": 3.0}, descending=False)[0] == ("A", 1.0)


def test_regions_partition_the_states() -> None:
    ufs = [uf for states in truth.REGIONS.values() for uf in states]
    assert len(ufs) == len(set(ufs)) == 27
    assert truth.region_of("GO") == "Central-West" and truth.region_of("PB") == "Northeast"


def test_every_plant_but_one_sits_in_a_heat_zone() -> None:
    quintiles = truth.plant_quintiles()
    assert len(quintiles) == len(truth.plants()) - 1 and set(quintiles.values()) == {1, 2, 3, 4, 5}
    inside_q5 = truth.matched_ids("heat", None, (5,))
    assert inside_q5 == {pid for pid, q in quintiles.items() if q == 5}


def test_area_props_and_municipalities() -> None:
    areas = truth.area_props("deforestation")
    assert len(areas) == 760 and {"uf", "municipality", "increment_km2"} <= set(areas[0])
    towns = truth.plant_municipalities()
    assert len(towns) == len(truth.plants()) and towns["SIGA2025-0063"] == "Tauá - CE"
