"""Answers in the user's language: labels (en / pt), numbers written per locale, the answer language.

`answer_language(target, detected)`: the `target_language` the caller asked for when given, else
the language detected from the message (for a follow-up, the turn's language as the follow-up
logic set it). Only 'en' and 'pt' are answered; anything else is English.
"""

from __future__ import annotations

from planexec.nodes.i18n.labels import LABELS, has_label, label
from planexec.nodes.i18n.numbers import fmt_number


def answer_language(target: str | None, detected: str | None = None) -> str:
    """'pt' or 'en': the target language when given (e.g. 'pt-BR', 'portuguese'), else `detected`."""
    chosen = (target or detected or "en").strip().lower()
    return "pt" if chosen.startswith("pt") or chosen.startswith("portug") else "en"


__all__ = ["LABELS", "answer_language", "fmt_number", "has_label", "label"]
