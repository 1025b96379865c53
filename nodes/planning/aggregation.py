"""Static checks of a plan's aggregation spec (`Plan.aggregation`), before any tool runs.

- The steps it reads exist: `source` (and `zones`) return an entity table (`entities` in the tool's
  output schema) of the subject's entity type; `correlate` is a FindSpatialCorrelations step relating
  the subject's entity type; `zones` and `correlate` come together.
- Every column it reads is one the source tool's output schema declares (the `entities` field's
  "columns a, b, c"): the measured field, `uf` for states / regions, `municipality`, `capacity_mw` for
  capacity bounds; `quintile` of the zones when plants are grouped by quintile.
- Legal combinations: count has no field and every other measure but share has one; share needs a part
  (a layer relation or named states); compare names two or more valid UF codes and groups by state;
  top-N without grouping only for min / max; a layer relation only for plants, proximity with a
  distance; capacity bounds only for plants and min <= max; quintiles 1-5; UF codes known.
"""

from __future__ import annotations

import re

from planexec.nodes.planning.schema_paths import model_schema
from planexec.schemas.aggregation import REGION_OF, SUBJECT_ENTITY, AggregationSpec
from planexec.schemas.plan import Plan, PlanIssue, PlanStep
from planexec.tools.client.contracts import get_contract

_COLUMNS_RE = re.compile(r"columns\s+([a-z0-9_]+(?:\s*,\s*[a-z0-9_]+)*)")
_ENTITY_RE = re.compile(r"entity_type\s+'([a-z_]+)'")
STEP = "aggregation"


def table_of(step: PlanStep) -> tuple[str | None, set[str]] | None:
    """(entity type, columns) the step's tool declares for its `entities` table; None without one."""
    contract = get_contract(step.server, step.tool)
    if contract is None:
        return None
    prop = model_schema(contract.result).get("properties", {}).get("entities")
    if prop is None:
        return None
    text = str(prop.get("description", ""))
    columns = _COLUMNS_RE.search(text)
    entity = _ENTITY_RE.search(text)
    names = {c.strip() for c in columns.group(1).split(",")} if columns else set()
    return (entity.group(1) if entity else None), names


def _needed_columns(spec: AggregationSpec) -> set[str]:
    f = spec.filters
    needed: set[str] = {spec.field} if spec.field else set()
    if f.states or spec.group_by in ("state", "region") or spec.compare:
        needed.add("uf")
    if spec.group_by == "municipality":
        needed.add("municipality")
    if spec.group_by == "quintile" and spec.subject == "heat_zones":
        needed.add("quintile")
    if f.min_capacity_mw is not None or f.max_capacity_mw is not None:
        needed.add("capacity_mw")
    return needed


def _combination_issues(spec: AggregationSpec) -> list[str]:
    f, out = spec.filters, []
    if spec.measure == "count" and spec.field is not None:
        out.append("a count measures no field")
    if spec.measure not in ("count", "share") and spec.field is None:
        out.append(f"measure '{spec.measure}' needs a numeric field")
    if spec.measure == "share" and f.relation is None and not spec.share_of_all_states:
        out.append("a share needs a part: a layer relation or named states")
    if spec.compare and (len(spec.compare) < 2 or spec.group_by != "state"):
        out.append("compare needs two or more states and grouping by state")
    if spec.top_n is not None and spec.group_by == "none" and spec.measure not in ("min", "max"):
        out.append("top-N without grouping is only for min / max")
    if spec.subject != "plants" and (
        f.relation or f.min_capacity_mw is not None or f.max_capacity_mw is not None
    ):
        out.append(f"subject '{spec.subject}' takes no layer relation or capacity bound")
    if f.relation == "proximity" and f.distance_km is None:
        out.append("proximity needs distance_km")
    if f.relation is not None and not (spec.zones and spec.correlate):
        out.append("a layer relation needs zones and correlate steps")
    if spec.group_by == "quintile" and spec.subject == "plants" and f.layer != "heat":
        out.append("grouping plants by quintile needs the heat layer")
    if (
        f.min_capacity_mw is not None
        and f.max_capacity_mw is not None
        and f.min_capacity_mw > f.max_capacity_mw
    ):
        out.append("capacity bounds are empty (min > max)")
    if any(q not in range(1, 6) for q in f.quintiles):
        out.append("quintiles must be 1-5")
    unknown = sorted({uf for uf in [*f.states, *spec.compare] if uf not in REGION_OF})
    if unknown:
        out.append(f"unknown UF codes {unknown}")
    return out


def _step_issues(spec: AggregationSpec, steps: dict[str, PlanStep]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    source = steps.get(spec.source)
    table = table_of(source) if source else None
    if source is None or table is None:
        return [("source", f"'{spec.source}' is not a plan step returning an entity table")]
    entity, columns = table
    if entity != SUBJECT_ENTITY[spec.subject]:
        out.append(("subject", f"'{spec.source}' returns '{entity}', not {SUBJECT_ENTITY[spec.subject]}"))
    for column in sorted(_needed_columns(spec) - columns):
        out.append(
            ("field", f"column '{column}' is absent from the output schema of {source.server}.{source.tool}")
        )
    if bool(spec.zones) != bool(spec.correlate):
        out.append(("zones", "zones and correlate come together"))
    if spec.zones:
        zones = steps.get(spec.zones)
        zone_table = table_of(zones) if zones else None
        if zone_table is None:
            out.append(("zones", f"'{spec.zones}' is not a plan step returning an entity table"))
        elif spec.group_by == "quintile" and "quintile" not in zone_table[1]:
            out.append(("group_by", f"'{spec.zones}' declares no 'quintile' column"))
    if spec.correlate:
        join = steps.get(spec.correlate)
        if join is None or join.tool != "FindSpatialCorrelations":
            out.append(("correlate", f"'{spec.correlate}' is not a FindSpatialCorrelations step"))
        elif join.args.get("entity_type1") != SUBJECT_ENTITY[spec.subject]:
            out.append(("correlate", f"'{spec.correlate}' does not relate {SUBJECT_ENTITY[spec.subject]}"))
    return out


def aggregation_issues(plan: Plan) -> list[PlanIssue]:
    """Every problem of the plan's aggregation spec ([] without a spec, or when it is sound)."""
    spec = plan.aggregation
    if spec is None:
        return []
    steps = {s.alias: s for s in plan.steps}
    issues = [PlanIssue(step=STEP, path=path, message=msg) for path, msg in _step_issues(spec, steps)]
    issues += [PlanIssue(step=STEP, message=msg) for msg in _combination_issues(spec)]
    return issues
