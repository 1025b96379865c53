"""The DAG scheduler: ready steps run together; failures skip their dependants."""

from __future__ import annotations

from planexec.nodes.recipes import REGISTRY
from planexec.nodes.schedule import dispatch, ready_steps, schedule
from planexec.nodes.state import ChatState
from planexec.schemas.artifacts import ArtifactRef
from planexec.schemas.slots import Slots
from planexec.schemas.steps import RunStepInput, StepResult


def _state(results: dict[str, StepResult] | None = None) -> ChatState:
    plan = REGISTRY["spatial_correlation"].build_plan(Slots(layer="heat"), "s")
    return {"plan": plan, "step_results": results or {}}


def _ok(alias: str) -> StepResult:
    ref = ArtifactRef(artifact_id=alias * 3, kind="k", size_bytes=1, keys=[])
    return StepResult(alias=alias, server="x", tool="y", status="ok", artifact=ref)


def test_independent_fetches_are_ready_together() -> None:
    assert [s.alias for s in ready_steps(_state())] == ["solar", "zones"]


def test_dispatch_sends_each_ready_step_with_its_inputs() -> None:
    sends = dispatch(_state({"solar": _ok("solar"), "zones": _ok("zones")}))
    assert isinstance(sends, list)
    payloads = [s.arg for s in sends]
    assert all(isinstance(p, RunStepInput) for p in payloads)
    assert [p.step.alias for p in payloads] == ["reg_solar", "reg_zones"]
    assert (
        set(payloads[0].inputs) == {"solar"} and payloads[0].inputs["solar"].artifact_id == "solarsolarsolar"
    )


def test_failed_dependency_skips_dependants_and_hands_back_to_propose() -> None:
    failed = _ok("solar").model_copy(update={"status": "timeout"})
    state = _state({"solar": failed, "zones": _ok("zones")})
    update = schedule(state)
    skipped = update["step_results"]
    assert skipped["reg_solar"].status == "skipped"
    assert skipped["correlate"].status == "skipped" and skipped["map"].status == "skipped"
    state["step_results"].update(skipped)
    assert [s.alias for s in ready_steps(state)] == ["reg_zones"]


def test_dispatch_returns_propose_when_nothing_is_left() -> None:
    plan = REGISTRY["policy_summary"].build_plan(Slots(policy_topic="adaptation"), "s")
    assert dispatch({"plan": plan, "step_results": {"search": _ok("search")}}) == "propose"
