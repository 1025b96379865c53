"""The DAG scheduler: ready steps run together; failures skip their dependants."""

from __future__ import annotations

from typing import Any

from planexec.nodes.recipes import RECIPES
from planexec.nodes.schedule import dispatch, ready_steps, schedule
from planexec.schemas.slots import Slots


def _state(results: dict[str, Any] | None = None) -> dict[str, Any]:
    plan = RECIPES["spatial_correlation"].build_plan(Slots(layer="heat"), "s")
    return {"plan": plan.model_dump(), "step_results": results or {}}


def _ok(alias: str) -> dict[str, Any]:
    ref = {"artifact_id": alias * 3, "kind": "k", "size_bytes": 1, "keys": []}
    return {"alias": alias, "server": "x", "tool": "y", "status": "ok", "artifact": ref}


def test_independent_fetches_are_ready_together() -> None:
    assert [s.alias for s in ready_steps(_state())] == ["solar", "zones"]


def test_dispatch_sends_each_ready_step_with_its_inputs() -> None:
    sends = dispatch(_state({"solar": _ok("solar"), "zones": _ok("zones")}))
    assert isinstance(sends, list)
    assert [s.arg["step"]["alias"] for s in sends] == ["reg_solar", "reg_zones"]
    assert set(sends[0].arg["inputs"]) == {"solar"}


def test_failed_dependency_skips_dependants_and_hands_back_to_propose() -> None:
    failed = {**_ok("solar"), "status": "timeout"}
    state = _state({"solar": failed, "zones": _ok("zones")})
    update = schedule(state)
    skipped = update["step_results"]
    assert skipped["reg_solar"]["status"] == "skipped"
    assert skipped["correlate"]["status"] == "skipped" and skipped["map"]["status"] == "skipped"
    state["step_results"].update(skipped)
    assert [s.alias for s in ready_steps(state)] == ["reg_zones"]


def test_dispatch_returns_propose_when_nothing_is_left() -> None:
    plan = RECIPES["policy_summary"].build_plan(Slots(policy_topic="adaptation"), "s")
    assert dispatch({"plan": plan.model_dump(), "step_results": {"search": _ok("search")}}) == "propose"
