"""llm_section_errors: prompt echo, markup and entities, citation form, citations that do not support
their claim; a faithful cited section passes."""

from __future__ import annotations

from typing import Any

from planexec.nodes.drafting.llm_checks import cited_claims, llm_section_errors
from planexec.nodes.drafting.llm_composer import INSTRUCTION_LINES, SYSTEM

PASSAGES = [
    {
        "passage_id": "a.md#s1.p1",
        "text": "Brazil had 788 solar plants in operation in Bahia and Piauí in 2024.",
    },
    {"passage_id": "b.md#s1.p1", "text": "Heat-stress zones of quintile 5 cover the semi-arid north-east."},
]
CITATIONS = [{"n": 1, "passage_id": "a.md#s1.p1"}, {"n": 2, "passage_id": "b.md#s1.p1"}]
PROMPT = SYSTEM.format(
    artifact_type="brief",
    title="Overview",
    audience="officials",
    jurisdiction="BR",
    language="en",
    lo=80,
    hi=200,
)


def errors(*texts: str) -> list[str]:
    draft: dict[str, Any] = {"paragraphs": [{"text": t} for t in texts], "citations": CITATIONS}
    return llm_section_errors(draft, PASSAGES, [PROMPT, *INSTRUCTION_LINES])


def test_a_faithful_section_passes() -> None:
    assert (
        errors(
            "Brazil had 788 solar plants in operation in Bahia and Piauí [1].",
            "Quintile 5 heat-stress zones cover the semi-arid north-east [2].",
        )
        == []
    )


def test_the_system_prompt_parroted_with_entities_and_its_example_citation_is_rejected() -> None:
    parrot = (
        "You write one section of a brief titled &#39;Overview&#39; for officials. Use ONLY facts from the "
        "numbered passages you are given. Cite passages by their number in square brackets, e.g. [2], and "
        "give every paragraph at least one citation."
    )
    found = errors(parrot)
    assert "paragraph 1 repeats the prompt: 'you write one section of a'" in found
    assert "paragraph 1 has markup: HTML entity &#39;" in found
    assert "paragraph 1 copies the instructions' example citation 'e.g. [2]'" in found


def test_an_instruction_line_echoed_is_rejected() -> None:
    found = errors("Sections already written (context only, do not cite them): none [1].")
    assert found[0] == "paragraph 1 repeats the prompt: 'sections already written context only do'"


def test_html_and_markdown_tables_are_rejected() -> None:
    assert "paragraph 1 has markup: HTML tag <b>" in errors("<b>788</b> solar plants in Bahia and Piauí [1].")
    table = "| plants | state | |---|---| | 788 | Bahia | [1]"
    assert "paragraph 1 has markup: Markdown table" in errors(table)


def test_citations_in_another_form_are_rejected() -> None:
    found = errors("Brazil had 788 solar plants in operation in Bahia and Piauí [Passage 1].")
    assert "paragraph 1 cites in another form than [n]: '[Passage 1]'" in found
    found = errors("Brazil had 788 solar plants in Bahia 【1†source】 [1].")
    assert "paragraph 1 cites in another form than [n]: '【1†source】'" in found


def test_a_citation_attached_to_a_claim_the_passage_does_not_support_is_rejected() -> None:
    found = errors("Deforestation in the Amazon doubled after the Paris Agreement entered into force [2].")
    assert found == [
        "paragraph 1: [2] does not support 'Deforestation in the Amazon doubled after the Paris Agreement "
        "entered into force' (key terms 0%)"
    ]


def test_a_number_absent_from_the_cited_passage_is_rejected() -> None:
    found = errors("Brazil had 912 solar plants in operation in Bahia and Piauí [1].")
    assert found == [
        "paragraph 1: [1] does not support 'Brazil had 912 solar plants in operation in Bahia and Piauí' "
        "(key terms 100%, numbers ['912'] absent)"
    ]


def test_each_marker_closes_the_text_since_the_previous_one() -> None:
    assert cited_claims("First claim [1]. Second claim, two sentences. Still second [2][1]. Tail.") == [
        ("First claim", [1]),
        ("Second claim, two sentences. Still second", [2, 1]),
    ]
