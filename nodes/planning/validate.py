"""Static plan validation: runs before any tool does.

Checks that every step has a pinned contract, args match the tool's input contract, every
`${alias.path}` reference points to an earlier step and to a path that exists in that tool's
output schema (with a compatible type; a handle argument takes a handle output of the same kind,
`${reg_solar.handle}` → FindSpatialCorrelations.left), `after` names earlier steps, and recipe guards hold
(a correlation needs both entity sets registered in the same session, before it), and a plan's
aggregation spec is sound (`nodes/planning/aggregation.py`: steps, columns, legal combinations).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from planexec.nodes.planning.aggregation import aggregation_issues
from planexec.nodes.planning.references import iter_refs, looks_like_ref
from planexec.nodes.planning.schema_paths import (
    compatible,
    field_schema,
    handle_kind_at,
    handle_only,
    schema_at,
)
from planexec.schemas.plan import Plan, PlanIssue, PlanStep, PlanValidationError
from planexec.tools.client.contracts import get_contract


def step_dependencies(step: PlanStep) -> set[str]:
    return {alias for _, alias, _ in iter_refs(step.args)} | set(step.after)


def _check_args(step: PlanStep, issues: list[PlanIssue]) -> None:
    contract = get_contract(step.server, step.tool)
    assert contract is not None
    fields = contract.args.model_fields
    literal: dict[str, Any] = {}
    for key, value in step.args.items():
        if key not in fields or key == "schema_version":
            issues.append(PlanIssue(step=step.alias, path=key, message=f"unknown argument for {step.tool}"))
        elif not looks_like_ref(value):
            literal[key] = value
    try:
        contract.args.model_validate(literal)
    except ValidationError as exc:
        for err in exc.errors():
            loc = ".".join(str(p) for p in err["loc"])
            if err["type"] == "missing" and str(err["loc"][0]) in step.args:
                continue  # filled by a reference
            issues.append(PlanIssue(step=step.alias, path=loc or None, message=err["msg"]))


def _check_refs(step: PlanStep, earlier: dict[str, PlanStep], issues: list[PlanIssue]) -> None:
    contract = get_contract(step.server, step.tool)
    assert contract is not None
    for arg_path, alias, path in iter_refs(step.args):
        ref_text = f"${{{alias}{''.join('.' + p for p in path)}}}"
        source = earlier.get(alias)
        if source is None:
            issues.append(
                PlanIssue(
                    step=step.alias,
                    path=arg_path,
                    message=f"{ref_text} references '{alias}', which is not an earlier step",
                )
            )
            continue
        source_contract = get_contract(source.server, source.tool)
        node = schema_at(source_contract.result, path) if source_contract else None
        if node is None:
            issues.append(
                PlanIssue(
                    step=step.alias,
                    path=arg_path,
                    message=(
                        f"{ref_text}: path '{'.'.join(path)}' is absent from the output schema of "
                        f"{source.server}.{source.tool}"
                    ),
                )
            )
            continue
        top = arg_path.split(".")[0].split("[")[0]
        target = field_schema(contract.args, top) or {}
        if "." not in arg_path and "[" not in arg_path and not compatible(node, target):
            issues.append(
                PlanIssue(
                    step=step.alias, path=arg_path, message=f"{ref_text} has the wrong type for '{arg_path}'"
                )
            )
        elif source_contract is not None and "." not in arg_path and "[" not in arg_path:
            _check_handle(
                step, arg_path, ref_text, (source_contract.result, path), (contract.args, target), issues
            )


def _check_handle(
    step: PlanStep,
    arg_path: str,
    ref_text: str,
    source: tuple[type[BaseModel], list[str]],
    target: tuple[type[BaseModel], dict[str, Any]],
    issues: list[PlanIssue],
) -> None:
    """A handle argument must be filled from a handle output of the same kind (and a handle output
    only goes where that kind is taken)."""
    want = handle_kind_at(target[0], [arg_path])
    have = handle_kind_at(*source)
    if want is None and have is None:
        return
    if have is None and not handle_only(target[1]):
        return  # an inline value where inline or handle is accepted
    if have != want:
        got = f"a '{have}' handle" if have else "not a handle"
        need = f"a '{want}' handle" if want else "no handle"
        issues.append(
            PlanIssue(
                step=step.alias, path=arg_path, message=f"{ref_text} is {got}; '{arg_path}' takes {need}"
            )
        )


def _registered_before(step: PlanStep, earlier: dict[str, PlanStep], session: Any) -> set[str]:
    """Entity types registered in `session` by steps `step` depends on (transitively)."""
    seen: set[str] = set()
    todo = list(step_dependencies(step))
    types: set[str] = set()
    while todo:
        alias = todo.pop()
        if alias in seen or alias not in earlier:
            continue
        seen.add(alias)
        dep = earlier[alias]
        if dep.tool == "RegisterEntities" and dep.args.get("session_id") == session:
            types.add(str(dep.args.get("entity_type")))
        todo.extend(step_dependencies(dep))
    return types


def _check_guards(step: PlanStep, earlier: dict[str, PlanStep], issues: list[PlanIssue]) -> None:
    if step.server != "geospatial" or step.tool == "RegisterEntities":
        return
    registered = _registered_before(step, earlier, step.args.get("session_id"))
    needed = {step.args.get(k) for k in ("entity_type1", "entity_type2") if k in step.args}
    if step.tool == "GenerateCorrelationMap" and not registered:
        issues.append(PlanIssue(step=step.alias, message="a map needs entities registered before it"))
    for entity_type in sorted(str(t) for t in needed if t not in registered):
        issues.append(
            PlanIssue(
                step=step.alias,
                path="entity_type",
                message=(
                    f"correlation needs '{entity_type}' registered in the same session by an earlier step "
                    "it depends on"
                ),
            )
        )


def validate_plan(plan: Plan) -> None:
    """Raise PlanValidationError listing every problem; return None when the plan is sound."""
    issues: list[PlanIssue] = []
    earlier: dict[str, PlanStep] = {}
    for step in plan.steps:
        if step.alias in earlier:
            issues.append(PlanIssue(step=step.alias, message="duplicate step alias"))
        if get_contract(step.server, step.tool) is None:
            issues.append(
                PlanIssue(step=step.alias, message=f"no pinned contract for {step.server}.{step.tool}")
            )
        else:
            _check_args(step, issues)
            _check_refs(step, earlier, issues)
            _check_guards(step, earlier, issues)
        for alias in step.after:
            if alias not in earlier:
                issues.append(
                    PlanIssue(step=step.alias, path="after", message=f"'{alias}' is not an earlier step")
                )
        earlier[step.alias] = step
    issues.extend(aggregation_issues(plan))  # the plan's aggregation spec, when it has one
    if issues:
        raise PlanValidationError(issues)
