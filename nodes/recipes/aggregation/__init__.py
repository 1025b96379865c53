"""Recipe: analytical questions — filter → group → measure → sort / top-N / compare.

"median plant capacity in Goiás", "top 5 states by solar capacity", "Pernambuco versus Paraíba",
"what fraction of Ceará's plants sit in the hottest zones?", "quantas usinas solares há na Bahia?".

- understand: `nodes/understanding/analytics.py` parses the analytical shape (`Slots.aggregation`); the
  filters are the other slots (states and regions, layer, quintiles, distance, capacity bounds).
- plan (`plan.py`): the data steps (the solar fetch, or the spatial_correlation steps when plants are
  related to a layer) and the resolved `AggregationSpec` as data (`Plan.aggregation`), checked by the
  static plan validator (`nodes/planning/aggregation.py`).
- compose (`compose.py`, `compute.py`): the aggregation runs in code over the fetched tables — in the
  composer rather than as an MCP tool because the tables are already in the artifact store and a join's
  matches are only meaningful with the fetched plants and zones; a tool would have to receive them all
  again by value. The answer: a table, a chart, the number in the text and the filters applied.

Intent score: 0.95 when the question has an analytical shape, else 0. The other data recipes step back
when a shape is present (their score <= 0.3), so the rule proposer never sees a near tie.
Guard (`GUARD`): an analytical shape was parsed.
"""

from __future__ import annotations

from planexec.nodes.recipes.aggregation.compose import compose
from planexec.nodes.recipes.aggregation.plan import NAME, build_plan, shape_of
from planexec.nodes.recipes.base import Narration, Recipe
from planexec.nodes.recipes.guards import Guard
from planexec.schemas.slots import Slots

SCORE = 0.95


def score(slots: Slots, text: str) -> float:
    return SCORE if shape_of(slots) is not None else 0.0


GUARD = Guard(requires=("analytical",))
"""An analytical shape was parsed."""


NARRATION = Narration(templates={"en": "{answer}", "pt": "{answer}"})

RECIPE = Recipe(
    name=NAME,
    description="analytical questions over plants, deforestation areas or heat zones: count, total, share, "
    "mean, median, smallest/largest, grouped by state/region/quintile/municipality, top N, state vs state",
    score=score,
    guard=GUARD,
    build_plan=build_plan,
    compose=compose,
    narration=NARRATION,
)

__all__ = ["GUARD", "RECIPE", "build_plan", "compose", "score"]
