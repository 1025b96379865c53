"""Static plan validation: a bad plan is rejected before any tool runs, naming step and path."""

from __future__ import annotations

import pytest

from planexec.nodes.planning.validate import step_dependencies, validate_plan
from planexec.nodes.recipes import REGISTRY
from planexec.nodes.recipes.steps import correlation_plan
from planexec.schemas.plan import Plan, PlanStep, PlanValidationError
from planexec.schemas.slots import Distance, Slots


def _spatial_plan() -> Plan:
    slots = Slots(layer="heat", heat_quintiles=[5], distance=Distance(value=1, unit="km", km=1, text="1 km"))
    return REGISTRY["spatial_correlation"].build_plan(slots, "s1")


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_recipe_plan_passes_validation(name: str) -> None:
    slots = Slots(layer="heat", policy_topic="adaptation", states=["BA"])
    validate_plan(REGISTRY[name].build_plan(slots, "session-1"))


def test_reference_to_missing_step_is_rejected_naming_step_and_path() -> None:
    plan = _spatial_plan()
    plan.steps[2].args["entities"] = "${nothere.entities}"
    with pytest.raises(PlanValidationError) as info:
        validate_plan(plan)
    issue = info.value.issues[0]
    assert (issue.step, issue.path) == ("reg_solar", "entities")
    assert "'nothere', which is not an earlier step" in issue.message


def test_reference_to_later_step_is_rejected() -> None:
    plan = _spatial_plan()
    plan.steps[0].args["country"] = "${map.path}"
    with pytest.raises(PlanValidationError, match="'map', which is not an earlier step"):
        validate_plan(plan)


def test_path_absent_from_output_schema_is_rejected() -> None:
    plan = _spatial_plan()
    plan.steps[2].args["entities"] = "${solar.entites}"
    with pytest.raises(PlanValidationError) as info:
        validate_plan(plan)
    assert "path 'entites' is absent from the output schema of solar.GetFacilitiesForGeospatial" in str(
        info.value
    )


def test_reference_of_wrong_type_is_rejected() -> None:
    plan = _spatial_plan()
    plan.steps[2].args["entities"] = "${solar.count}"
    with pytest.raises(PlanValidationError, match="wrong type for 'entities'"):
        validate_plan(plan)


def test_args_not_matching_input_schema_are_rejected() -> None:
    plan = _spatial_plan()
    plan.steps[0].args["limit"] = "many"
    plan.steps[1].args["colour"] = "red"
    with pytest.raises(PlanValidationError) as info:
        validate_plan(plan)
    found = {(i.step, i.path) for i in info.value.issues}
    assert {("solar", "limit"), ("zones", "colour")} <= found


def _session_plan() -> Plan:
    """A correlation plan in the session form (inline tables; the aggregation recipe uses it)."""
    slots = Slots(layer="heat", heat_quintiles=[5], distance=Distance(value=1, unit="km", km=1, text="1 km"))
    zones = _spatial_plan().steps[1]
    return correlation_plan("aggregation", slots, "s1", zones, "heat_zone", {"method": "within"})


def test_correlation_without_registration_dependency_is_rejected() -> None:
    plan = _session_plan()
    assert plan.steps[4].args["session_id"] == "s1"
    plan.steps[4].after = ["reg_solar"]  # forgot reg_zones: the guard must catch it
    with pytest.raises(PlanValidationError, match="needs 'heat_zone' registered"):
        validate_plan(plan)


def test_handle_plans_pass_handles_not_tables() -> None:
    plan = _spatial_plan()
    args = {s.alias: s.args for s in plan.steps}
    assert args["solar"]["as_handle"] is True and args["reg_solar"]["entities"] == "${solar.handle}"
    assert args["correlate"]["left"] == "${reg_solar.handle}" and "session_id" not in args["correlate"]
    assert args["map"] == {"correlation": "${correlate.handle}"}
    # the zones are published too: no entity table passes through the orchestrator
    assert args["zones"]["as_handle"] is True and args["reg_zones"]["entities"] == "${zones.handle}"
    validate_plan(plan)
    session = _session_plan()
    assert "as_handle" not in session.steps[1].args  # the inline form reads ${zones.entities}
    validate_plan(session)


@pytest.mark.parametrize(
    ("alias", "arg", "ref", "message"),
    [
        (
            "correlate",
            "right",
            "${solar.handle}",
            "is a 'entity_table' handle; 'right' takes a 'entity_set' handle",
        ),
        ("correlate", "left", "${correlate.handle}", "not an earlier step"),
        (
            "map",
            "correlation",
            "${reg_solar.handle}",
            "is a 'entity_set' handle; 'correlation' takes a 'correlation'",
        ),
        ("map", "correlation", "${solar.entities}", "wrong type for 'correlation'"),
        ("reg_solar", "entities", "${solar.count}", "wrong type for 'entities'"),
    ],
)
def test_handle_references_are_typed(alias: str, arg: str, ref: str, message: str) -> None:
    plan = _spatial_plan()
    next(s for s in plan.steps if s.alias == alias).args[arg] = ref
    with pytest.raises(PlanValidationError, match=message):
        validate_plan(plan)


def test_unknown_tool_is_rejected() -> None:
    plan = Plan(recipe="x", steps=[PlanStep(alias="a", server="solar", tool="DropTables", args={})])
    with pytest.raises(PlanValidationError, match=r"no pinned contract for solar\.DropTables"):
        validate_plan(plan)


def test_dependencies_combine_references_and_after() -> None:
    plan = _spatial_plan()
    assert step_dependencies(plan.steps[2]) == {"solar"}
    assert step_dependencies(plan.steps[4]) == {"reg_solar", "reg_zones"}
