"""The recipes and their registry. `REGISTRY` holds the built-in recipes in ranking order (earlier
wins a tie of intent scores; legal edges are listed in this order). A new recipe is one module
declaring a `Recipe`, registered with `REGISTRY.register(RECIPE)` (see `registry.py`)."""

from __future__ import annotations

from planexec.nodes.recipes import (
    aggregation,
    deforestation_overlap,
    policy_summary,
    solar_map,
    spatial_correlation,
)
from planexec.nodes.recipes.base import Recipe
from planexec.nodes.recipes.registry import RecipeRegistry

REGISTRY = RecipeRegistry(
    [
        spatial_correlation.RECIPE,
        solar_map.RECIPE,
        deforestation_overlap.RECIPE,
        policy_summary.RECIPE,
        aggregation.RECIPE,
    ]
)

__all__ = ["REGISTRY", "Recipe", "RecipeRegistry"]
