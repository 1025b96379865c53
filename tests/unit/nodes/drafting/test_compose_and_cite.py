"""compose_and_cite with a chat model: prose from the passages with citations; invalid answers are
retried with the errors, then the extractive composer takes over."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langgraph.runtime import Runtime
from pydantic import Field

from planexec.nodes.drafting.draft_section import draft_section
from planexec.nodes.drafting.execute_draft_phase import section_task
from planexec.schemas.drafting import DraftPlan


class FakeWriter(BaseChatModel):
    """Writes two cited paragraphs from the first passages; answers badly when told to."""

    prompts: list[str] = Field(default_factory=list)
    bad_first: set[str] = Field(default_factory=set)
    always_bad: set[str] = Field(default_factory=set)

    @property
    def _llm_type(self) -> str:
        return "fake-writer"

    def _generate(
        self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None, **kw: Any
    ) -> ChatResult:
        prompt = str(messages[-1].content)
        self.prompts.append(prompt)
        section = re.search(r"Section: (.+)", prompt).group(1)  # type: ignore[union-attr]
        first_time = sum(1 for p in self.prompts if f"Section: {section}\n" in p) == 1
        if section in self.always_bad or (section in self.bad_first and first_time):
            text = "Solar is great and everyone agrees.\n\nIt will fix everything [9]."
        else:
            passages = re.findall(r"^\[(\d+)\] \([^)]*\) (.+)$", prompt, re.M)
            text = "\n\n".join(f"In short, {' '.join(body.split()[:40])} [{n}]." for n, body in passages[:3])
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])


def task_for(state: dict[str, Any], section_id: str) -> Any:
    spec = next(s for s in DraftPlan.model_validate(state["plan"]).sections if s.id == section_id)
    return section_task(state, spec)  # type: ignore[arg-type]


def test_llm_prose_is_cited_and_an_invalid_answer_is_retried(indexed_state: dict[str, Any]) -> None:
    llm = FakeWriter(prompts=[], bad_first={"Evidence: the solar build-out"})
    deps = replace(indexed_state["deps"], llm=llm)
    good = draft_section(task_for(indexed_state, "context"), runtime=Runtime(context=deps))
    assert good["failures"]["context"] == [] and good["sections"]["context"]["composer"] == "llm"
    retried = draft_section(task_for(indexed_state, "evidence"), runtime=Runtime(context=deps))
    section = retried["sections"]["evidence"]
    assert retried["failures"]["evidence"] == []
    assert section["composer"] == "llm" and section["attempts"] == 2
    assert "previous answer was rejected" in llm.prompts[-1] and "[9]" in llm.prompts[-1]
    assert "788" in " ".join(p["text"] for p in section["paragraphs"])
    statuses = [t["status"] for t in retried["trace"] if t["tool"] == "drafting.validate_section"]
    assert statuses == ["invalid", "ok"]


def test_a_model_that_never_cites_falls_back_to_extractive(indexed_state: dict[str, Any]) -> None:
    llm = FakeWriter(prompts=[], always_bad={"Climate adaptation and resilience"})
    deps = replace(indexed_state["deps"], llm=llm, llm_attempts=2)
    update = draft_section(task_for(indexed_state, "adaptation"), runtime=Runtime(context=deps))
    section = update["sections"]["adaptation"]
    assert section["composer"] == "extractive_fallback" and section["attempts"] == 3
    assert len(llm.prompts) == 2 and update["failures"]["adaptation"] == []
