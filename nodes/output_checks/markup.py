"""Markup in text that should be plain prose: chat-template tokens, HTML tags, HTML entities, Markdown
tables, code fences.

A small model often answers in the format of its training data (an HTML table, `&#39;` for an
apostrophe, a fenced block). Plain-text products (narration, drafted sections) reject these.
"""

from __future__ import annotations

import re
from html.entities import name2codepoint

# chat-template control tokens a model echoes: <|im_start|>, <start_of_turn>, </s>, [INST] ...
_CONTROL = re.compile(r"<\|[^|<>\s]{1,40}\|>|</?s>|<(?:start|end)_of_turn>|\[/?INST\]|<<SYS>>|<bos>|<eos>")
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?/?>")
_ENTITY = re.compile(r"&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_FENCE = re.compile(r"```|~~~")
_TABLE_ROW = re.compile(r"^\s*\|.*\|.*$", re.MULTILINE)
_TABLE_RULE = re.compile(r"\|\s*:?-{3,}:?\s*\|")  # '|---|' anywhere (also in text joined into one line)


def _entity(text: str) -> str | None:
    for match in _ENTITY.finditer(text):
        name = match.group(1)
        if name.startswith("#") or name in name2codepoint:
            return match.group(0)
    return None


def markup_in(text: str) -> str | None:
    """What markup the text holds ('HTML tag <td>', 'HTML entity &#39;', ...), or None for plain text."""
    if control := _CONTROL.search(text):
        return f"chat-template token {control.group(0)}"
    if tag := _TAG.search(text):
        return f"HTML tag <{tag.group(1)}>"
    if entity := _entity(text):
        return f"HTML entity {entity}"
    if _FENCE.search(text):
        return "code fence"
    if _TABLE_RULE.search(text) or _TABLE_ROW.search(text):
        return "Markdown table"
    return None
