"""clarify: say what is missing or unsupported, and what can be asked (en / pt)."""

from __future__ import annotations

from typing import Any

from planexec.nodes.events import emit_thinking
from planexec.nodes.state import ChatState
from planexec.schemas.modules import FactsSummary, TextModule
from planexec.schemas.slots import Understanding

EXAMPLES = [
    "solar facilities within 1 km of extreme heat zones in Brazil",
    "solar plants near deforestation areas within 5 km",
    "map of solar plants in Bahia",
    "what does the Paris Agreement say about adaptation?",
]
_TEXT = {
    "en": {
        "country": "There is no data for {country}: planexec covers Brazil only.",
        "ambiguous": "The question could mean several things ({options}). Please say which.",
        "missing": "Please add: {missing}.",
        "unknown": "I could not match the question to anything I can answer.",
        "rejected": "The query cannot be processed: {reason}.",
        "examples": "You can ask, for example:",
    },
    "pt": {
        "country": "Não há dados para {country}: o planexec cobre apenas o Brasil.",
        "ambiguous": "A pergunta pode significar várias coisas ({options}). Diga qual, por favor.",
        "missing": "Por favor, informe: {missing}.",
        "unknown": "Não consegui associar a pergunta a algo que eu saiba responder.",
        "rejected": "A consulta não pode ser processada: {reason}.",
        "examples": "Você pode perguntar, por exemplo:",
    },
}


def _reason(u: Understanding, t: dict[str, str]) -> tuple[str, str]:
    if u.rejected_reason:
        return "rejected", t["rejected"].format(reason=u.rejected_reason)
    if not u.slots.country_supported:
        return "unsupported_country", t["country"].format(country=u.slots.country)
    if u.intents.ambiguous:
        top = sorted(u.intents.scores.items(), key=lambda kv: -kv[1])[:2]
        return "ambiguous", t["ambiguous"].format(options=", ".join(k for k, _ in top))
    if u.intents.missing:
        return "missing_slots", t["missing"].format(missing=", ".join(u.intents.missing))
    return "unknown", t["unknown"]


def clarify(state: ChatState) -> dict[str, Any]:
    understanding = state["understanding"]
    lang = "pt" if (state.get("target_language") or understanding.slots.language) == "pt" else "en"
    t = _TEXT[lang]
    code, message = _reason(understanding, t)
    examples = "\n".join(f"- {e}" for e in EXAMPLES)
    module = TextModule(
        heading="Clarification" if lang == "en" else "Esclarecimento",
        text=f"{message}\n\n{t['examples']}\n{examples}",
    )
    emit_thinking("clarify", message, reason=code)
    facts = FactsSummary(intent="clarify", facts={"reason": code})
    return {"modules": [module], "facts_summary": facts, "narration": message}
