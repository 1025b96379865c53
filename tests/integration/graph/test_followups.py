"""Follow-up conversations end to end (real MCP servers, rule proposer, template narration).

Each chain of tests/integration/graph/followup_cases.py runs twice:
- thread: every message goes to `process_chat_query(msg, thread_id=T)` with the same T, so the
  previous turns come from the checkpointed thread (SQLite under the test's PLANEXEC_HOME);
- history: no thread; every message carries `conversation_history` with the earlier user
  messages and the assistant's answers (the first text module of each earlier response), the
  way a stateless chat backend calls it.
The final turn's metadata.intent, plan arguments, language and counts are checked against the
expected recipe and the independent oracle (tests/support/truth.py). A failure lists every
difference, the chain, the mode and what the turn answered.
"""

from __future__ import annotations

from typing import Any

import pytest

from planexec.graph.api import process_chat_query
from planexec.nodes.context import ChatContext
from planexec.nodes.i18n import LABELS
from tests.integration.graph.followup_cases import CHAINS, Chain, Expected

pytestmark = pytest.mark.integration

SOLAR_TOOLS = ("GetFacilitiesForGeospatial", "GetSolarFacilitiesMapData")
MW_TOLERANCE = 0.05 + 1e-9  # planexec rounds capacities to 0.1 MW
VALUE_TOLERANCE = 0.0005 + 1e-9  # aggregation values are rounded to 3 decimals
_COUNT_KEYS = {
    "spatial_correlation": ("plants_matched", "capacity_matched_mw", "matched"),
    "deforestation_overlap": ("plants_in_areas", "capacity_in_areas_mw", None),
    "solar_map": ("plants", "capacity_mw", "plants"),
}
# per-state table titles in the answer's language (Portuguese answers are Portuguese throughout)
_TABLE_TITLES = {
    ("matched", "en"): "Matched plants by state",
    ("matched", "pt"): "Usinas encontradas por estado",
    ("plants", "en"): "Solar plants by state",
    ("plants", "pt"): "Usinas solares por estado",
}


def _answer_text(response: dict[str, Any]) -> str:
    texts = [m.get("text", "") for m in response.get("modules", []) if m.get("type") == "text"]
    return texts[0] if texts else ""


async def _run_thread(chain: Chain, context: ChatContext) -> list[dict[str, Any]]:
    thread = f"followups-{chain.id}"
    return [await process_chat_query(msg, thread_id=thread, context=context) for msg in chain.messages]


async def _run_history(chain: Chain, context: ChatContext) -> list[dict[str, Any]]:
    history: list[dict[str, str]] = []
    responses = []
    for msg in chain.messages:
        response = await process_chat_query(msg, conversation_history=list(history), context=context)
        responses.append(response)
        history += [
            {"role": "user", "content": msg},
            {"role": "assistant", "content": _answer_text(response)},
        ]
    return responses


def _step_args(meta: dict[str, Any], *tools: str) -> dict[str, Any] | None:
    for step in meta.get("plan") or []:
        if step.get("tool") in tools:
            return dict(step.get("args") or {})
    return None


def _diff(problems: list[str], what: str, expected: Any, got: Any) -> None:
    if expected != got:
        problems.append(f"{what}: expected {expected!r}, got {got!r}")


def _check_solar_args(meta: dict[str, Any], exp: Expected, problems: list[str]) -> None:
    args = _step_args(meta, *SOLAR_TOOLS)
    if args is None:
        problems.append(f"plan has no solar step ({' / '.join(SOLAR_TOOLS)})")
        return
    _diff(problems, "solar step args.states", sorted(exp.states), sorted(args.get("states") or []))
    _diff(problems, "solar step args.min_capacity_mw", exp.min_capacity_mw, args.get("min_capacity_mw"))
    strict = bool(args.get("min_capacity_strict", False))
    _diff(problems, "solar step args.min_capacity_strict", exp.min_capacity_strict, strict)
    _diff(problems, "solar step args.max_capacity_mw", exp.max_capacity_mw, args.get("max_capacity_mw"))


def _check_correlation_args(meta: dict[str, Any], exp: Expected, problems: list[str]) -> None:
    corr = _step_args(meta, "FindSpatialCorrelations")
    if corr is None:
        problems.append("plan has no FindSpatialCorrelations step")
    else:
        _diff(problems, "FindSpatialCorrelations.method", exp.method, corr.get("method"))
        _diff(problems, "FindSpatialCorrelations.distance_km", exp.distance_km, corr.get("distance_km"))
    if exp.layer == "heat":
        zones = _step_args(meta, "GetHeatQuintilesForGeospatial")
        got = None if zones is None else zones.get("quintiles")
        _diff(problems, "GetHeatQuintilesForGeospatial.quintiles", list(exp.quintiles or ()), got)
    else:
        areas = _step_args(meta, "GetDeforestationAreas")
        got = None if areas is None else areas.get("min_increment_km2")
        _diff(problems, "GetDeforestationAreas.min_increment_km2", exp.min_increment_km2, got)


def _table_counts(response: dict[str, Any], title: str) -> dict[str, int] | None:
    # Portuguese answers carry the Portuguese title of the same table
    titles = {title} | {LABELS["pt"][key] for key, text in LABELS["en"].items() if text == title}
    for module in response.get("modules", []):
        if module.get("type") == "table" and module.get("title") in titles:
            return {str(row[0]): int(row[1]) for row in module.get("rows", [])}
    return None


def _check_numbers(response: dict[str, Any], exp: Expected, problems: list[str]) -> None:
    counts = response["metadata"].get("counts") or {}
    n_key, mw_key, table = _COUNT_KEYS[exp.intent]
    table_title = None if table is None else _TABLE_TITLES[(table, exp.language)]
    assert exp.truth is not None
    _diff(problems, f"counts.{n_key} (truth.py)", exp.truth.count, counts.get(n_key))
    mw = counts.get(mw_key)
    if not isinstance(mw, (int, float)) or abs(mw - exp.truth.capacity_mw) > MW_TOLERANCE:
        problems.append(f"counts.{mw_key} (truth.py): expected {exp.truth.capacity_mw:.1f}, got {mw!r}")
    if exp.intent != "solar_map":
        _diff(
            problems,
            "counts.plants_total (plants after filters)",
            exp.plants_total,
            counts.get("plants_total"),
        )
    else:
        _diff(problems, "counts.states (states with plants)", len(exp.truth.by_state), counts.get("states"))
    if exp.intent == "spatial_correlation":
        _diff(problems, "counts.layer", exp.layer, counts.get("layer"))
    if table_title is not None:
        want = {uf: n for uf, (n, _) in exp.truth.by_state.items()}
        _diff(problems, f"table '{table_title}' plants per state", want, _table_counts(response, table_title))


def _check_policy(response: dict[str, Any], exp: Expected, problems: list[str]) -> None:
    meta = response["metadata"]
    search = _step_args(meta, "SearchPassages")
    _diff(problems, "SearchPassages.query", exp.policy_query, None if search is None else search.get("query"))
    cited = [
        c.strip().removeprefix("Paris Agreement, ")
        for c in str(meta["counts"].get("citations") or "").split(";")
    ]
    cited = [c for c in cited if c]
    if not cited:
        problems.append("no citation in counts.citations")
    stray = [c for c in cited if c not in exp.policy_allowed]
    if stray:
        problems.append(f"cited passages that do not mention '{exp.policy_query}': {stray}")
    article = exp.policy_article or ""
    if not any(c == article or c.startswith(f"{article}(") for c in cited):
        problems.append(f"{article} (the article on {exp.policy_query}) is not cited; cited {cited}")


def _check_aggregation(response: dict[str, Any], exp: Expected, problems: list[str]) -> None:
    meta = response["metadata"]
    counts = meta.get("counts") or {}
    _check_solar_args(meta, exp, problems)
    _diff(problems, "counts.measure", exp.measure, counts.get("measure"))
    value = counts.get("value")
    assert exp.value is not None
    if not isinstance(value, (int, float)) or abs(value - exp.value) > VALUE_TOLERANCE:
        problems.append(f"counts.value (truth.py {exp.measure}): expected {exp.value:.4f}, got {value!r}")


def problems_of(responses: list[dict[str, Any]], exp: Expected) -> list[str]:
    """Every way the final response differs from `exp` (and errors of the earlier turns)."""
    problems = [f"turn {i + 1} failed: {r['error']}" for i, r in enumerate(responses[:-1]) if r.get("error")]
    final = responses[-1]
    if final.get("error"):
        return [*problems, f"final turn failed: {final['error']}"]
    meta = final["metadata"]
    _diff(problems, "metadata.intent (recipe)", exp.intent, meta.get("intent"))
    _diff(problems, "metadata.target_language", exp.language, meta.get("target_language"))
    if meta.get("intent") != exp.intent:
        return problems  # the rest would only repeat the wrong route
    if exp.intent == "clarify":
        _diff(problems, "flags.clarify", True, meta["flags"].get("clarify"))
        _diff(problems, "plan steps", [], meta.get("plan"))
    elif exp.intent == "policy_summary":
        _check_policy(final, exp, problems)
    elif exp.intent == "aggregation":
        _check_aggregation(final, exp, problems)
    else:
        _check_solar_args(meta, exp, problems)
        if exp.intent != "solar_map":
            _check_correlation_args(meta, exp, problems)
        _check_numbers(final, exp, problems)
    return problems


def _report(chain: Chain, mode: str, responses: list[dict[str, Any]], problems: list[str]) -> str:
    exp, final = chain.expected, responses[-1]
    meta = final.get("metadata") or {}
    plan = [(s.get("tool"), s.get("args")) for s in meta.get("plan") or []]
    lines = [
        f"follow-up chain '{chain.id}' ({chain.why}), mode={mode}",
        "messages: " + " -> ".join(repr(m) for m in chain.messages),
        f"expected: intent={exp.intent} lang={exp.language} layer={exp.layer} method={exp.method} "
        f"distance_km={exp.distance_km} quintiles={exp.quintiles} states={list(exp.states)} "
        f"min_capacity_mw={exp.min_capacity_mw} strict={exp.min_capacity_strict} "
        f"max_capacity_mw={exp.max_capacity_mw} measure={exp.measure} value={exp.value}",
    ]
    if exp.truth is not None:
        lines.append(f"truth.py: {exp.truth.describe()}")
    lines += [f"  - {p}" for p in problems]
    lines.append(f"got intent={meta.get('intent')} counts={meta.get('counts')}")
    lines.append(f"got plan={plan}")
    lines.append(f"answer: {_answer_text(final)[:300]!r}")
    return "\n".join(lines)


@pytest.mark.parametrize("mode", ["thread", "history"])
@pytest.mark.parametrize("chain", CHAINS, ids=[c.id for c in CHAINS])
async def test_followup_chain(chain: Chain, mode: str, context: ChatContext) -> None:
    run = _run_thread if mode == "thread" else _run_history
    responses = await run(chain, context)
    problems = problems_of(responses, chain.expected)
    assert not problems, _report(chain, mode, responses, problems)


def test_the_chains_cover_the_brief() -> None:
    """At least 30 chains; two- and three-step; both languages; every recipe plus clarify; strict and
    non-strict capacity words, ranges, regions, analytical follow-ups and off-topic ones."""
    assert len(CHAINS) >= 30 and len({c.id for c in CHAINS}) == len(CHAINS)
    assert {len(c.messages) for c in CHAINS} >= {1, 2, 3}
    assert {c.expected.language for c in CHAINS} == {"en", "pt"}
    intents = {c.expected.intent for c in CHAINS}
    assert intents == {
        "spatial_correlation",
        "solar_map",
        "deforestation_overlap",
        "policy_summary",
        "aggregation",
        "clarify",
    }
    assert {c.expected.min_capacity_strict for c in CHAINS if c.expected.min_capacity_mw} == {True, False}
    assert any(c.expected.max_capacity_mw for c in CHAINS)
    matched = [c.expected.truth.count for c in CHAINS if c.expected.truth is not None]
    assert min(matched) == 0 and max(matched) > 100  # the oracle gives both empty and large answers
