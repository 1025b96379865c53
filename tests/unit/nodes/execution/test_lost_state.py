"""A step failed because the server lost its state: it runs again with its stateful dependencies."""

from __future__ import annotations

from planexec.nodes.execution.lost_state import MAX_STATE_RESETS, lost_state_resets
from planexec.nodes.recipes import REGISTRY
from planexec.nodes.schedule import ready_steps, schedule
from planexec.nodes.state import ChatState
from planexec.schemas.artifacts import ArtifactRef
from planexec.schemas.calls import TimelineEvent
from planexec.schemas.slots import Slots
from planexec.schemas.steps import StepResult
from planexec.schemas.tools.geospatial import MISSING_STATE_CODE

LOST = f"geospatial.FindSpatialCorrelations reported an error: {MISSING_STATE_CODE}: unknown session 's'"


def _ok(alias: str) -> StepResult:
    ref = ArtifactRef(artifact_id=alias * 3, kind="k", size_bytes=1, keys=[])
    return StepResult(alias=alias, server="x", tool="y", status="ok", artifact=ref)


def _failed(alias: str, error: str) -> StepResult:
    return StepResult(alias=alias, server="geospatial", tool="t", status="error", error=error)


def _lost_event(alias: str) -> TimelineEvent:
    return TimelineEvent(
        ts=0.0, event="tool_end", call_id="c", step=alias, server="geospatial", tool="t",
        args_preview="", status="error", error=LOST,
    )  # fmt: skip


def _state(results: dict[str, StepResult], losses: int = 1, alias: str = "correlate") -> ChatState:
    plan = REGISTRY["spatial_correlation"].build_plan(Slots(layer="heat"), "s")
    return {"plan": plan, "step_results": results, "timeline": [_lost_event(alias)] * losses}


def _done(*aliases: str) -> dict[str, StepResult]:
    return {a: _ok(a) for a in aliases}


def test_lost_correlate_resets_itself_and_the_registers_not_the_fetches() -> None:
    state = _state(
        {**_done("solar", "zones", "reg_solar", "reg_zones"), "correlate": _failed("correlate", LOST)}
    )
    update = schedule(state)
    assert update == {"step_results": {"correlate": None, "reg_solar": None, "reg_zones": None}}
    after = {**state, "step_results": _done("solar", "zones")}
    assert [s.alias for s in ready_steps(after)] == ["reg_solar", "reg_zones"]


def test_lost_map_resets_correlate_and_registers_and_unskips_nothing_else() -> None:
    done = _done("solar", "zones", "reg_solar", "reg_zones", "correlate")
    resets = lost_state_resets(
        _state({})["plan"],
        {**done, "map": _failed("map", LOST)},
        [_lost_event("map")],  # type: ignore[arg-type]
    )
    assert resets == {"map": ["reg_solar", "reg_zones", "correlate", "map"]}


def test_other_errors_are_not_reset_and_skip_dependants() -> None:
    failed = _failed("correlate", "geospatial.FindSpatialCorrelations reported an error: needs polygons")
    update = schedule(_state({**_done("solar", "zones", "reg_solar", "reg_zones"), "correlate": failed}, 0))
    assert set(update["step_results"]) == {"map"} and update["step_results"]["map"].status == "skipped"


def test_resets_are_bounded_per_turn() -> None:
    results = {**_done("solar", "zones", "reg_solar", "reg_zones"), "correlate": _failed("correlate", LOST)}
    assert schedule(_state(results, losses=MAX_STATE_RESETS))["step_results"]["correlate"] is None
    update = schedule(_state(results, losses=MAX_STATE_RESETS + 1))
    assert update["step_results"] == {"map": update["step_results"]["map"]}
    assert update["step_results"]["map"].status == "skipped"


def test_a_missing_handle_reruns_the_steps_that_minted_it() -> None:
    from planexec.schemas.handles import HANDLE_MISSING_CODE

    plan = REGISTRY["spatial_correlation"].build_plan(Slots(layer="heat"), "s")
    error = (
        f"geospatial.FindSpatialCorrelations reported an error: {HANDLE_MISSING_CODE}: handle entity_set/ab"
    )
    results = {**_done("solar", "zones", "reg_solar", "reg_zones"), "correlate": _failed("correlate", error)}
    # the registers mint the set handles again; the fetches run again too (a fetch's published table
    # may be what is gone: its cache hit is dropped then, execution/handle_check.py)
    assert lost_state_resets(plan, results, []) == {
        "correlate": ["solar", "zones", "reg_solar", "reg_zones", "correlate"]
    }
