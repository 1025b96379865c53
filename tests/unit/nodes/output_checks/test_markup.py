"""markup_in: chat-template tokens, HTML tags and entities, Markdown tables and code fences are found;
plain prose passes."""

from __future__ import annotations

import pytest

from planexec.nodes.output_checks.markup import markup_in


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("<table><tr><td>245</td></tr></table>", "HTML tag <table>"),
        ("Plants near zones.<br/>More.", "HTML tag <br>"),
        ("The plant&#39;s capacity is 5 MW.", "HTML entity &#39;"),
        ("Heat &amp; plants", "HTML entity &amp;"),
        ("| plants | zones |\n|---|---|\n| 245 | 42 |", "Markdown table"),
        ("| plants | zones | |---|---| | 245 | 42 |", "Markdown table"),
        ("```json\n{}\n```", "code fence"),
        ("<|im_start|>user", "chat-template token <|im_start|>"),  # Gemma 3 270M, measured
        ("Plants near zones.<end_of_turn>", "chat-template token <end_of_turn>"),
        ("[INST] summarise [/INST]", "chat-template token [INST]"),
    ],
)
def test_markup_is_found(text: str, found: str) -> None:
    assert markup_in(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "Of 17,613 solar plants, 245 lie within 1 km of the 42 heat-stress zones (about 1.4%).",
        "Values 3 < 5 and 7 > 2 compare; R&D spending & policy; the plant's owner.",
        "Usinas a até 1 km: 245 (1,4%).",
    ],
)
def test_plain_text_passes(text: str) -> None:
    assert markup_in(text) is None
