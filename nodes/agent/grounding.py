"""Is the general agent's answer grounded? Rules, checked before the answer is shown.

- Every question the general agent gets is a data question: off-topic messages, small talk and
  clarifications never reach it (understand routes them to clarify), and its prompt tells the model
  to answer from the tools. So an answer with no successful tool result is not grounded — whatever
  it says came from the model alone (a server that silently ignores `tools` gives exactly that).
- An answer that repeats the question (its words are mostly the question's, or it is the question
  plus a few words) is an echo, not an answer, with or without tool calls.
- An answer cut off at the token limit (finish_reason "length") is not shown either (run.py).
A failing answer is replaced by a clear "no answer could be computed" text (en/pt labels) and
flagged in `metadata.flags` (`ungrounded_answer`, `ungrounded_reason`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from planexec.nodes.i18n import label
from planexec.nodes.output_checks.echo import repeats


@dataclass(frozen=True)
class Ungrounded:
    """Why an answer is not grounded: a kind (picks the user-facing text) and the recorded reason."""

    kind: Literal["echo", "no_data"]
    reason: str

    def text(self, lang: str) -> str:
        """The 'no answer could be computed' text shown instead of the answer."""
        return f"{label(f'general.ungrounded.{self.kind}', lang)} {label('general.ungrounded.hint', lang)}"


def check_grounding(answer: str, question: str, calls: int, results: int) -> Ungrounded | None:
    """Why the answer cannot be shown, or None. `calls`: tool calls made; `results`: of them, the
    calls that returned a result."""
    if repeats(answer, question):
        return Ungrounded("echo", "the answer repeats the question")
    if results == 0:
        tried = f"{calls} tool calls, none returned a result" if calls else "0 tool calls"
        return Ungrounded("no_data", f"the answer is not based on any tool result ({tried})")
    return None
