"""clarify: say what is missing or unsupported, and what can be asked (en / pt); answer small talk
(greetings, thanks, 'what can you do?') with a short friendly reply in the message's language."""

from __future__ import annotations

from typing import Any

from planexec.nodes.events import emit_thinking
from planexec.nodes.i18n import answer_language, has_label, label
from planexec.nodes.state import ChatState
from planexec.nodes.understanding.smalltalk import detect_smalltalk
from planexec.schemas.modules import FactsSummary, TextModule
from planexec.schemas.slots import Understanding

EXAMPLE_KEYS = ("example.heat", "example.deforestation", "example.map", "example.policy")


def examples(lang: str) -> list[str]:
    """Questions planexec answers, written in `lang`."""
    return [label(key, lang) for key in EXAMPLE_KEYS]


EXAMPLES = examples("en")


def _named(prefix: str, names: list[str], lang: str) -> str:
    return ", ".join(label(f"{prefix}.{n}", lang) if has_label(f"{prefix}.{n}") else n for n in names)


def _off_topic(u: Understanding, lang: str) -> str:
    extra = f"off_topic.{u.off_topic}"
    text = label("clarify.off_topic", lang)
    return f"{text} {label(f'clarify.{extra}', lang)}" if has_label(f"clarify.{extra}") else text


def _reason(u: Understanding, lang: str) -> tuple[str, str]:
    if u.rejected_reason:
        return "rejected", label("clarify.rejected", lang, reason=u.rejected_reason)
    if not u.slots.country_supported:
        return "unsupported_country", label("clarify.country", lang, country=u.slots.country)
    if u.off_topic:
        return "off_topic", _off_topic(u, lang)
    if u.slots.unknown_places and not u.slots.states:
        places = ", ".join(f'"{p}"' for p in u.slots.unknown_places)
        return "unknown_place", label("clarify.unknown_place", lang, places=places)
    if "previous_question" in u.intents.missing:
        return "missing_previous_question", label("clarify.previous_question", lang)
    if u.intents.ambiguous:
        top = sorted(u.intents.scores.items(), key=lambda kv: -kv[1])[:2]
        return "ambiguous", label(
            "clarify.ambiguous", lang, options=_named("recipe", [k for k, _ in top], lang)
        )
    if u.intents.missing:
        return "missing_slots", label(
            "clarify.missing", lang, missing=_named("need", u.intents.missing, lang)
        )
    return "unknown", label("clarify.unknown", lang)


def _smalltalk_reply(understanding: Understanding, lang: str) -> dict[str, Any] | None:
    """A friendly reply when the whole message is small talk and nothing else was understood."""
    talk = detect_smalltalk(understanding.query)
    if talk is None or understanding.rejected_reason or understanding.intents.best != "unknown":
        return None
    message = label(f"smalltalk.{talk.kind}", lang)
    text = f"{message}\n\n{label('clarify.examples', lang)}\n" + "\n".join(f"- {e}" for e in examples(lang))
    emit_thinking("clarify", message, reason="smalltalk")
    facts = FactsSummary(intent="clarify", facts={"reason": "smalltalk", "smalltalk": talk.kind})
    module = TextModule(heading=label("heading.hello", lang), text=text)
    return {"modules": [module], "facts_summary": facts, "narration": message}


def clarify(state: ChatState) -> dict[str, Any]:
    understanding = state["understanding"]
    lang = answer_language(state.get("target_language"), understanding.slots.language)
    if (reply := _smalltalk_reply(understanding, lang)) is not None:
        return reply
    code, message = _reason(understanding, lang)
    listed = "\n".join(f"- {e}" for e in examples(lang))
    module = TextModule(
        heading=label("heading.clarification", lang),
        text=f"{message}\n\n{label('clarify.examples', lang)}\n{listed}",
    )
    emit_thinking("clarify", message, reason=code)
    facts = FactsSummary(intent="clarify", facts={"reason": code})
    return {"modules": [module], "facts_summary": facts, "narration": message}
