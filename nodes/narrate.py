"""narrate: the overview text from the facts summary only, in the target language.

With an LLM configured the model writes it within the narration budget
(`Settings.llm_timeout_narration_s`, else the model timeout), streamed into `thinking` events as it
arrives; checks (`nodes.narration.checks`: truncation, length, markup, echo, language, numbers)
reject a bad narration, then the template is used and the reason is kept in the facts summary
(`narration_rejected`, shown as `metadata.flags.narration_rejected`). Without an LLM: templates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from langgraph.runtime import Runtime

from planexec.nodes.context import ChatContext, context_of
from planexec.nodes.events import emit_thinking
from planexec.nodes.i18n import answer_language, label
from planexec.nodes.narration.templates import narrate_template
from planexec.nodes.state import ChatState
from planexec.schemas.modules import FactsSummary, TextModule

if TYPE_CHECKING:
    from planexec.nodes.narration.llm_narrator import NarrationOutcome


def _language(state: ChatState) -> str:
    return answer_language(state.get("target_language"), state["understanding"].slots.language)


def overview_text(narration: str, summary: FactsSummary, lang: str) -> str:
    """The narration, then the line stating the filters the answer applied (when the recipe gave them)."""
    filters = summary.facts.get("filters")
    return f"{narration}\n\n{label('text.filters', lang)}: {filters}" if filters else narration


def narration_budget_s(ctx: ChatContext) -> float:
    """Seconds the answer may wait for the narration: the narration setting, else the model timeout."""
    return ctx.settings.llm_timeout_narration_s or ctx.model_timeout_s


def _stream_to_thinking(delta: str) -> None:
    if delta:
        emit_thinking("narrate", delta, stream="narration")


async def _llm_text(ctx: ChatContext, summary: FactsSummary, lang: str) -> NarrationOutcome | None:
    llm = await ctx.aget_llm()
    if llm is None:
        return None
    from planexec.nodes.narration.llm_narrator import narrate_with_llm

    outcome = await narrate_with_llm(
        llm, summary, lang, narration_budget_s(ctx), settings=ctx.settings, on_delta=_stream_to_thinking
    )
    if outcome.rejected_reason:
        emit_thinking("narrate", f"LLM narration rejected: {outcome.rejected_reason}; using the template")
    return outcome


async def narrate(state: ChatState, runtime: Runtime[ChatContext]) -> dict[str, Any]:
    summary = state["facts_summary"]
    lang = _language(state)
    outcome = await _llm_text(context_of(runtime), summary, lang)
    text = outcome.text if outcome else None
    narrated_by = "llm" if text else "template"
    text = text or narrate_template(summary, lang)
    rejected = outcome.rejected_reason if outcome else None
    overview = TextModule(heading=label("heading.overview", lang), text=overview_text(text, summary, lang))
    emit_thinking("narrate", text, narrated_by=narrated_by)
    update: dict[str, Any] = {
        "narration": text,
        "modules": [overview, *state.get("modules", [])],
        "facts_summary": summary.model_copy(
            update={"narrated_by": narrated_by, "narration_rejected": rejected}
        ),
    }
    if outcome is not None:
        update["token_usage"] = outcome.usage
    return update
