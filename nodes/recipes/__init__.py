"""Recipe registry: intent name -> Recipe."""

from __future__ import annotations

from planexec.nodes.recipes import deforestation_overlap, policy_summary, solar_map, spatial_correlation
from planexec.nodes.recipes.base import Recipe

RECIPES: dict[str, Recipe] = {
    r.RECIPE.name: r.RECIPE for r in (spatial_correlation, solar_map, deforestation_overlap, policy_summary)
}
