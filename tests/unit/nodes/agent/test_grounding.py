"""check_grounding: no tool result or an echo of the question is ungrounded; the texts are en/pt labels."""

from __future__ import annotations

from planexec.nodes.agent.grounding import check_grounding

QUESTION = "which INMET station is hottest?"
ANSWER = "The hottest heat-stress zones are those of quintile 5, in the semi-arid north-east."


def test_an_answer_from_tool_results_is_grounded() -> None:
    assert check_grounding(ANSWER, QUESTION, calls=1, results=1) is None


def test_an_answer_without_a_tool_call_is_not_grounded() -> None:
    found = check_grounding(ANSWER, QUESTION, calls=0, results=0)
    assert found is not None and found.kind == "no_data"
    assert found.reason == "the answer is not based on any tool result (0 tool calls)"


def test_an_answer_whose_tool_calls_all_failed_is_not_grounded() -> None:
    found = check_grounding(ANSWER, QUESTION, calls=2, results=0)
    assert found is not None
    assert found.reason == "the answer is not based on any tool result (2 tool calls, none returned a result)"


def test_an_answer_repeating_the_question_is_not_grounded_even_after_tool_calls() -> None:
    found = check_grounding("Which INMET station is hottest?", QUESTION, calls=1, results=1)
    assert found is not None and (found.kind, found.reason) == ("echo", "the answer repeats the question")


def test_the_replacement_text_is_in_the_answer_language() -> None:
    found = check_grounding(ANSWER, QUESTION, calls=0, results=0)
    assert found is not None
    assert found.text("en").startswith("No answer could be computed for this question")
    assert found.text("pt").startswith("Não foi possível calcular uma resposta para esta pergunta")
