"""Fractions of a mile / kilometre written in words (en and pt)."""

from __future__ import annotations

import pytest

from planexec.nodes.understanding.distance import find_distance

MILE_KM = 1.609344


@pytest.mark.parametrize(
    ("text", "km"),
    [
        ("solar plants within a quarter mile of extreme heat zones", MILE_KM / 4),
        ("within a quarter of a mile", MILE_KM / 4),
        ("plants inside a quarter-mile buffer of hot zones", MILE_KM / 4),
        ("within quarter mile of the hottest zones", MILE_KM / 4),
        ("half a mile from extreme heat", MILE_KM / 2),
        ("a half-mile radius", MILE_KM / 2),
        ("usinas a meia milha de calor extremo", MILE_KM / 2),
        ("usinas a um quarto de milha de calor extremo", MILE_KM / 4),
        ("a quarter kilometre from the zones", 0.25),
    ],
)
def test_mile_fractions(text: str, km: float) -> None:
    found = find_distance(text).distance
    assert found is not None, text
    assert found.km == pytest.approx(km, rel=1e-6)
