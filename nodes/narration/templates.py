"""Template narration (English and Portuguese) from the facts summary only.

Each recipe declares its own templates (`Recipe.narration`); the fallback and the partial-answer
sentence are shared here.
"""

from __future__ import annotations

from planexec.nodes.recipes import REGISTRY
from planexec.schemas.modules import FactsSummary

_FALLBACK = {
    "en": "The query ran; see the modules below.",
    "pt": "A consulta foi executada; veja os módulos.",
}
_PARTIAL = {
    "en": " Some steps failed ({failed_steps}); the answer is partial.",
    "pt": " Algumas etapas falharam ({failed_steps}); a resposta é parcial.",
}


def _recipe_text(summary: FactsSummary, lang: str) -> str | None:
    recipe = REGISTRY.get(summary.intent)
    template = recipe.narration.templates.get(lang) if recipe else None
    if recipe is None or template is None:
        return None
    facts = dict(summary.facts)
    try:
        return template.format(**facts, **recipe.narration.extras(facts, lang))
    except (KeyError, ValueError, IndexError):
        return None


def narrate_template(summary: FactsSummary, language: str) -> str:
    lang = "pt" if language == "pt" else "en"
    text = _recipe_text(summary, lang) or _FALLBACK[lang]
    if summary.facts.get("failed_steps"):
        text += _PARTIAL[lang].format(failed_steps=summary.facts["failed_steps"])
    return text
