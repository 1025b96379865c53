"""The static validator checks a plan's aggregation spec: steps, declared columns, legal combinations."""

from __future__ import annotations

from typing import Any

import pytest

from planexec.nodes.planning.aggregation import aggregation_issues, table_of
from planexec.nodes.planning.validate import validate_plan
from planexec.schemas.aggregation import AggregationFilters, AggregationSpec
from planexec.schemas.plan import Plan, PlanStep, PlanValidationError

SOLAR = PlanStep(alias="solar", server="solar", tool="GetFacilitiesForGeospatial", args={"limit": 10})
AREAS = PlanStep(alias="zones", server="deforestation", tool="GetDeforestationAreas", args={"limit": 10})
HEAT = PlanStep(alias="zones", server="heat", tool="GetHeatQuintilesForGeospatial", args={"quintiles": [5]})


def spec(**kw: Any) -> AggregationSpec:
    filters = AggregationFilters(**kw.pop("filters", {}))
    return AggregationSpec(**{"subject": "plants", "source": "solar", "filters": filters, **kw})


def messages(plan_spec: AggregationSpec, steps: list[PlanStep] | None = None) -> list[str]:
    plan = Plan(recipe="aggregation", steps=steps or [SOLAR], aggregation=plan_spec)
    return [i.message for i in aggregation_issues(plan)]


def test_columns_come_from_the_tools_output_schema() -> None:
    assert table_of(SOLAR) == ("solar_facility", {"name", "capacity_mw", "uf", "municipality"})
    entity, columns = table_of(HEAT) or (None, set())
    assert entity == "heat_zone" and {"quintile", "uf", "tmax_hottest_month_c"} <= columns


def test_a_sound_spec_passes_the_whole_validator() -> None:
    good = spec(group_by="state", measure="median", field="capacity_mw", filters={"states": ["BA", "GO"]})
    validate_plan(Plan(recipe="aggregation", steps=[SOLAR], aggregation=good))
    assert messages(spec(measure="count")) == []


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (spec(measure="mean"), "measure 'mean' needs a numeric field"),
        (spec(measure="count", field="capacity_mw"), "a count measures no field"),
        (spec(measure="share"), "a share needs a part: a layer relation or named states"),
        (spec(compare=["BA"], group_by="state"), "compare needs two or more states and grouping by state"),
        (
            spec(compare=["BA", "SE"], group_by="region"),
            "compare needs two or more states and grouping by state",
        ),
        (spec(top_n=3, measure="sum", field="capacity_mw"), "top-N without grouping is only for min / max"),
        (spec(filters={"states": ["XX"]}), "unknown UF codes ['XX']"),
        (
            spec(filters={"min_capacity_mw": 50, "max_capacity_mw": 10}),
            "capacity bounds are empty (min > max)",
        ),
        (spec(filters={"relation": "proximity", "layer": "heat"}), "proximity needs distance_km"),
        (
            spec(filters={"relation": "within", "layer": "heat"}),
            "a layer relation needs zones and correlate steps",
        ),
        (spec(group_by="quintile"), "grouping plants by quintile needs the heat layer"),
    ],
)
def test_illegal_combinations_are_rejected(bad: AggregationSpec, message: str) -> None:
    assert message in messages(bad)


def test_a_field_the_source_does_not_declare_is_rejected() -> None:
    found = messages(spec(measure="sum", field="increment_km2"))
    assert found == [
        "column 'increment_km2' is absent from the output schema of solar.GetFacilitiesForGeospatial"
    ]


def test_grouping_heat_zones_by_municipality_is_rejected() -> None:
    bad = spec(subject="heat_zones", source="zones", group_by="municipality")
    assert "column 'municipality' is absent from the output schema of heat.GetHeatQuintilesForGeospatial" in (
        messages(bad, [HEAT])
    )


def test_the_source_must_be_a_step_of_the_subjects_entity_type() -> None:
    assert messages(spec(source="nowhere")) == ["'nowhere' is not a plan step returning an entity table"]
    wrong = messages(spec(source="zones"), [AREAS])
    assert wrong == ["'zones' returns 'deforestation_area', not solar_facility"]


def test_deforestation_areas_take_no_capacity_bound() -> None:
    bad = spec(subject="deforestation_areas", source="zones", filters={"min_capacity_mw": 5})
    assert "subject 'deforestation_areas' takes no layer relation or capacity bound" in messages(bad, [AREAS])


def test_correlate_must_be_a_join_of_the_subject() -> None:
    bad = spec(zones="zones", correlate="zones", filters={"relation": "within", "layer": "heat"})
    assert "'zones' is not a FindSpatialCorrelations step" in messages(bad, [SOLAR, HEAT])


def test_the_validator_reports_aggregation_issues_with_the_steps() -> None:
    with pytest.raises(PlanValidationError, match="step 'aggregation': measure 'max' needs a numeric field"):
        validate_plan(Plan(recipe="aggregation", steps=[SOLAR], aggregation=spec(measure="max")))
