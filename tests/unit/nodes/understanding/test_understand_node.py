"""Tests of the `understand` graph node wrapper."""

from __future__ import annotations

from typing import Any

import pytest

from planexec.nodes.understand import understand
from planexec.schemas.slots import Understanding


def test_returns_a_dumped_understanding() -> None:
    update = understand({"query": "map of solar plants in Bahia"})
    assert set(update) == {"understanding"}
    understanding = Understanding.model_validate(update["understanding"])
    assert (understanding.intents.best, understanding.slots.states) == ("solar_map", ["BA"])


@pytest.mark.parametrize("state", [{}, {"query": None}, {"query": 42}])
def test_missing_or_invalid_query_is_rejected_not_raised(state: dict[str, Any]) -> None:
    understanding = Understanding.model_validate(understand(state)["understanding"])
    assert understanding.rejected_reason == "empty query"
