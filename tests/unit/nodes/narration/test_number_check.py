"""The number check: which numbers a narration may state, given the facts."""

from __future__ import annotations

import pytest

from planexec.nodes.i18n import fmt_number
from planexec.nodes.narration.number_check import allowed_values, numbers_in, unsupported_numbers
from planexec.schemas.modules import FactsSummary

FACTS = FactsSummary(
    intent="spatial_correlation",
    facts={
        "solar_plants": 17613,
        "plants_within": 245,
        "share_within": 0.1391,
        "area_km2": 1234.56,
        "distance": "2,5 km",
        "has_map": True,
        "missing": None,
    },
    highlights=["Data from 2025."],
)


@pytest.mark.parametrize(
    "text",
    [
        "17613 plants",
        "17,613 plants",  # English thousands separator
        "17.613 usinas",  # Portuguese thousands separator
        "17\u00a0613 usinas",  # no-break space groups
        "17,6 mil usinas",  # rounded with a scale word, pt
        "17.6 thousand plants",  # rounded with a scale word, en
        "18 mil usinas",  # rounded to the thousand
        "245 of them",
        "14% of them",  # ratio fact as a percentage, rounded as written
        "13.9% of them",
        "1,234.56 km²",
        "1.234,56 km²",
        "about 1,234.6 km²",  # rounded to one decimal
        "1235 km²",  # rounded to an integer
        "a 2.5 km buffer",  # number inside a string fact
        "data from 2025",  # number inside a highlight
        "CO2 and PM2.5 are not numbers here",  # digits glued to letters
        "three layers and ten maps",  # number words are not checked
        "",
    ],
)
def test_supported(text: str) -> None:
    assert unsupported_numbers(text, FACTS) == []


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("17,600 plants", ["17,600"]),  # trailing zeros are not rounding
        ("312 plants", ["312"]),
        ("17 613 plants", ["17", "613"]),  # a plain space does not group thousands
        ("1.2 million plants", ["1.2 million"]),
        ("20% of them", ["20%"]),
        ("in 2023", ["2023"]),
        ("plant SIGA2025-000123", ["000123"]),
        ("at -23.5512, -46.6333", ["23.5512", "46.6333"]),  # coordinates are never facts here
        ("1 plant", ["1"]),  # booleans are not the number 1
    ],
)
def test_unsupported(text: str, bad: list[str]) -> None:
    assert unsupported_numbers(text, FACTS) == bad


def test_ambiguous_separator_has_both_readings() -> None:
    ((written, readings),) = numbers_in("17,613")
    assert written == "17,613"
    assert sorted(r.value for r in readings) == [17.613, 17613.0]


def test_allowed_values_skip_booleans_and_none() -> None:
    values = allowed_values(FACTS)
    assert {17613.0, 245.0, 0.1391, 1234.56, 2.5, 2025.0} <= values
    assert 1.0 not in values and 0.0 not in values


def test_locale_formatted_numbers_pass() -> None:
    facts = FactsSummary(
        intent="x", facts={"capacity_mw": 5670.5, "plants": 17613, "km": 2.5, "big": 1234567.8}
    )
    for lang in ("en", "pt"):
        text = " ".join(fmt_number(v, lang) for v in (5670.5, 17613, 2.5, 1234567.8))
        assert unsupported_numbers(text, facts) == [], text
    assert unsupported_numbers("5.670,5 MW e 1.234.567,8", facts) == []
    assert unsupported_numbers("5.671,5 MW", facts) == ["5.671,5"]
