"""The recipe registry: the one place recipes are known. Everything recipe-specific in the chat
graph (edges, legality, routing, planning, composing, intent scores, narration, the LLM's edge
descriptions) is looked up here.

`REGISTRY` (in `planexec.nodes.recipes`) holds the built-in recipes in ranking order (earlier wins
a tie of intent scores). Public API: `register`, `unregister`, `registered` (a context manager
that registers — or replaces — a recipe for a block and restores the previous state after).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager

from planexec.nodes.recipes.base import Recipe

NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
RESERVED = frozenset({"general_agent", "general", "clarify", "compose", "replan", "unknown"})
"""Edge and intent names of the graph itself; no recipe may take them."""


class RecipeError(ValueError):
    """A recipe that cannot be registered (bad or reserved name, duplicate)."""


class RecipeRegistry(Mapping[str, Recipe]):
    """name -> Recipe, in registration order."""

    def __init__(self, recipes: Iterable[Recipe] = ()) -> None:
        self._recipes: dict[str, Recipe] = {}
        self._lock = threading.Lock()
        for recipe in recipes:
            self.register(recipe)

    def __getitem__(self, name: str) -> Recipe:
        return self._recipes[name]

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._recipes))

    def __len__(self) -> int:
        return len(self._recipes)

    def register(self, recipe: Recipe, *, replace: bool = False) -> Recipe:
        """Add `recipe` (at the end of the ranking order); `replace=True` swaps a registered one in place."""
        if not NAME_RE.match(recipe.name) or recipe.name in RESERVED:
            raise RecipeError(f"invalid recipe name {recipe.name!r}")
        with self._lock:
            if recipe.name in self._recipes and not replace:
                raise RecipeError(f"recipe {recipe.name!r} is already registered")
            self._recipes[recipe.name] = recipe
        return recipe

    def unregister(self, name: str) -> Recipe:
        with self._lock:
            return self._recipes.pop(name)

    @contextmanager
    def registered(self, recipe: Recipe) -> Iterator[Recipe]:
        """Register (or replace) `recipe` for the duration of the block; restore the previous state."""
        with self._lock:
            before = dict(self._recipes)
        self.register(recipe, replace=True)
        try:
            yield recipe
        finally:
            with self._lock:
                self._recipes = before
