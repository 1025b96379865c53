"""propose_review: the default rules and the recorded decision."""

from __future__ import annotations

from typing import Any

import pytest

from planexec.nodes.drafting.propose_review import propose_review, route_review
from planexec.nodes.drafting.review import normalize_answer
from planexec.nodes.drafting.templates import plan_for
from planexec.schemas.drafting import ProjectProfile

PROFILE = {
    "artifact_type": "policy_brief",
    "title": "Solar",
    "audience": "ministers",
    "jurisdiction": "Brazil",
}


def state_for(answer: Any, failures: dict[str, list[str]] | None = None) -> dict[str, Any]:
    plan = plan_for(ProjectProfile.model_validate(PROFILE))
    return {
        "plan": plan.model_dump(mode="json"),
        "round": 1,
        "review_input": normalize_answer(answer),
        "failures": failures or {},
    }


@pytest.mark.parametrize(
    ("answer", "action", "sections"),
    [
        ("approve", "approve", []),
        ("", "approve", []),
        (None, "approve", []),
        ({"sections": {"evidence": "add the state figures"}}, "revise_sections", ["evidence"]),
        ("The policy options section should mention finance", "revise_sections", ["policy_options"]),
        ("Please restructure: add a section on grids", "replan", []),
        ({"action": "replan"}, "replan", []),
        ("Make it punchier", "revise_sections", None),
    ],
)
def test_rules(answer: Any, action: str, sections: list[str] | None) -> None:
    update = propose_review(state_for(answer))  # type: ignore[arg-type]
    assert update["review_action"] == action
    decision = update["decisions"][0]
    assert decision["chosen"] == action and action in decision["options"] and decision["rationale"]
    if action == "revise_sections":
        expected = sections or [s["id"] for s in state_for(None)["plan"]["sections"]]
        assert update["todo"] == expected and update["round"] == 2
        assert all(update["feedback"][sid] for sid in expected)
    assert (
        route_review(update)  # type: ignore[arg-type]
        == {  # type: ignore[arg-type]
            "approve": "validate_and_commit",
            "replan": "propose_draft_plan",
            "revise_sections": "execute_draft_phase",
        }[action]
    )


def test_approving_invalid_sections_goes_to_the_commit_which_refuses() -> None:
    update = propose_review(state_for("approve", {"context": ["3 words, outside 70-320"]}))  # type: ignore[arg-type]
    assert update["review_action"] == "approve" and "todo" not in update
    assert "commit will refuse" in update["decisions"][0]["rationale"]
