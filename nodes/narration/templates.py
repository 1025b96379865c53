"""Template narration (English and Portuguese) from the facts summary only.

Each recipe declares its own templates (`Recipe.narration`); the fallback and the partial-answer
sentence are shared here. Numbers are written for the language (`fmt_number`: `5,670.5` in
English, `5.670,5` in Portuguese); the number check reads both forms.
"""

from __future__ import annotations

from typing import Any

from planexec.nodes.i18n import answer_language, fmt_number, label
from planexec.nodes.recipes import REGISTRY
from planexec.schemas.modules import FactsSummary


def localized_facts(facts: dict[str, Any], lang: str) -> dict[str, Any]:
    """The facts with every number written for `lang` (strings, booleans and None unchanged)."""
    return {
        k: fmt_number(v, lang) if isinstance(v, int | float) and not isinstance(v, bool) else v
        for k, v in facts.items()
    }


def _recipe_text(summary: FactsSummary, lang: str) -> str | None:
    recipe = REGISTRY.get(summary.intent)
    template = recipe.narration.templates.get(lang) if recipe else None
    if recipe is None or template is None:
        return None
    facts = dict(summary.facts)
    try:
        return template.format(**{**localized_facts(facts, lang), **recipe.narration.extras(facts, lang)})
    except (KeyError, ValueError, IndexError):
        return None


def narrate_template(summary: FactsSummary, language: str) -> str:
    lang = answer_language(language)
    text = _recipe_text(summary, lang) or label("text.fallback", lang)
    failed = summary.facts.get("failed_steps")
    if failed:
        count = fmt_number(failed, lang) if isinstance(failed, int | float) else failed
        text += label("text.partial_sentence", lang, failed_steps=count)
    return text
