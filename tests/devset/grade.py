"""Grade the development set (devset.jsonl) against planexec: rule proposer, no LLM, one shared tool
hub, a fresh temporary PLANEXEC_HOME. Per case: route, plan arguments, numbers (count exact, MW within
0.5 %), citations (an expected article among the cited), answer language and, for messages no recipe
may answer, that nothing ran and the clarify reason.

    python -m tests.devset.grade      # prints the per-kind table, writes benchmarks/results/devset.md
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planexec.nodes.context import ChatContext
from planexec.schemas.settings import Settings
from planexec.tools.client.config import default_config
from planexec.tools.client.hub import ToolHub
from planexec.tools.stores.artifacts import ArtifactStore
from planexec.tools.stores.blob_backends import MemoryBackend
from planexec.tools.stores.result_cache import ResultCache
from tests.support.policy_llm import run_record

DEVSET = Path(__file__).with_name("devset.jsonl")
REPORT = Path(__file__).resolve().parents[2] / "benchmarks" / "results" / "devset.md"
MW_RELATIVE = 0.005
STEP_TOOLS = {
    "solar": ("GetFacilitiesForGeospatial", "GetSolarFacilitiesMapData"),
    "correlation": ("FindSpatialCorrelations",),
    "zones": ("GetHeatQuintilesForGeospatial",),
    "areas": ("GetDeforestationAreas",),
}
COUNT_KEYS = {  # the answer's facts holding (plants, MW), per recipe
    "spatial_correlation": ("plants_matched", "capacity_matched_mw"),
    "deforestation_overlap": ("plants_in_areas", "capacity_in_areas_mw"),
    "solar_map": ("plants", "capacity_mw"),
}
NO_FILTERS = ("clarify", "general_agent")
DEFAULTS = {
    "states": [],
    "min_capacity_strict": False,
    "max_capacity_strict": False,
    "min_increment_strict": False,
}


@dataclass
class CaseResult:
    id: str
    kind: str
    passed: bool
    problems: list[str] = field(default_factory=list)
    intent: str | None = None
    answer: str = ""
    seconds: float = 0.0
    tool_calls: int = 0  # plan steps of the final turn


def load(path: Path = DEVSET) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# ---------------------------------------------------------------- running


def _answer_text(response: dict[str, Any]) -> str:
    texts = [m.get("text") or "" for m in response.get("modules", []) if m.get("type") == "text"]
    return texts[0] if texts else ""


async def _run(record: dict[str, Any], hub: ToolHub, settings: Settings) -> list[dict[str, Any]]:
    backend = MemoryBackend()
    ctx = ChatContext(
        settings=settings, hub=hub, store=ArtifactStore(backend), cache=ResultCache(backend), use_llm=False
    )
    return await run_record(record, ctx)


# ---------------------------------------------------------------- grading


def _step(meta: dict[str, Any], name: str) -> dict[str, Any] | None:
    for step in meta.get("plan") or []:
        if step.get("tool") in STEP_TOOLS[name]:
            return dict(step.get("args") or {})
    return None


def _same(expected: Any, got: Any) -> bool:
    if isinstance(expected, float) and isinstance(got, (int, float)):
        return abs(expected - got) <= 1e-6 * max(1.0, abs(expected))
    return bool(expected == got)


def _check_args(meta: dict[str, Any], expected: dict[str, dict[str, Any]], problems: list[str]) -> None:
    for name, want in expected.items():
        args = _step(meta, name)
        if args is None:
            problems.append(f"args: plan has no {name} step ({'/'.join(STEP_TOOLS[name])})")
            continue
        for key, value in want.items():
            got = args.get(key, DEFAULTS.get(key))
            if key == "states":
                got = sorted(got or [])
            if key == "min_increment_km2" and value is None and got in (None, 0, 0.0):
                continue  # every area
            if key == "quintiles":
                got = sorted(got or [])
            if not _same(value, got):
                problems.append(f"args: {name}.{key} expected {value!r}, got {got!r}")


def _check_numbers(intent: str, counts: dict[str, Any], want: dict[str, Any], problems: list[str]) -> None:
    if "value" in want:
        got = counts.get("value")
        exp = float(want["value"])
        tol = 1e-6 if want["exact"] else max(MW_RELATIVE * abs(exp), 0.01)
        if not isinstance(got, (int, float)) or abs(got - exp) > tol:
            problems.append(f"numbers: value expected {exp:g}, got {got!r}")
        if want.get("label") is not None and counts.get("label") != want["label"]:
            problems.append(f"numbers: label expected {want['label']!r}, got {counts.get('label')!r}")
        return
    n_key, mw_key = COUNT_KEYS[intent]
    n, mw = counts.get(n_key), counts.get(mw_key)
    if n != want["count"]:
        problems.append(f"numbers: {n_key} expected {want['count']}, got {n!r}")
    exp_mw = float(want["capacity_mw"])
    if not isinstance(mw, (int, float)) or abs(mw - exp_mw) > max(MW_RELATIVE * exp_mw, 0.05):
        problems.append(f"numbers: {mw_key} expected {exp_mw:.1f}, got {mw!r}")
    total = counts.get("plants_total")
    if total is not None and total != want["plants_total"]:
        problems.append(f"numbers: plants_total expected {want['plants_total']}, got {total!r}")


def _cited_articles(counts: dict[str, Any]) -> list[str]:
    cited = [
        c.strip().removeprefix("Paris Agreement, ") for c in str(counts.get("citations") or "").split(";")
    ]
    return [c for c in cited if c]


def _check_citations(counts: dict[str, Any], articles: Sequence[str], problems: list[str]) -> None:
    cited = _cited_articles(counts)
    if not any(c == a or c.startswith(f"{a}(") for c in cited for a in articles):
        problems.append(f"citations: none of {list(articles)} cited; cited {cited}")


def _check_clarify(meta: dict[str, Any], reasons: Sequence[str], problems: list[str]) -> None:
    if meta.get("plan") or meta.get("decision_timeline"):
        tools = [s.get("tool") for s in meta.get("plan") or []]
        problems.append(f"no-recipe: something ran (plan {tools})")
    reason = (meta.get("counts") or {}).get("reason")
    if reason not in reasons:
        problems.append(f"no-recipe: clarify reason expected one of {list(reasons)}, got {reason!r}")


def grade(record: dict[str, Any], responses: list[dict[str, Any]]) -> list[str]:
    """Every way the final response differs from the record's expectation (empty: the case passes)."""
    problems = [f"turn {i + 1} failed: {r['error']}" for i, r in enumerate(responses[:-1]) if r.get("error")]
    final = responses[-1]
    if final.get("error"):
        return [*problems, f"error: {final['error']}"]
    meta = final["metadata"]
    counts = meta.get("counts") or {}
    if meta.get("target_language") != record["language"]:
        problems.append(f"language: expected {record['language']}, got {meta.get('target_language')}")
    intent = str(meta.get("intent"))
    if intent not in record["routes"]:
        problems.append(f"route: expected {' or '.join(record['routes'])}, got {intent}")
        return problems
    if intent not in NO_FILTERS and not meta.get("plan"):
        errors = "; ".join(f"{e.get('code')}: {e.get('message')}" for e in meta.get("errors") or [])
        return [*problems, f"plan: no step ran ({errors or counts})"[:400]]
    text = "\n".join(m.get("text") or "" for m in final.get("modules", []))
    if intent not in NO_FILTERS and not (counts.get("filters") and str(counts["filters"]) in text):
        problems.append("filters: the answer does not state the filters it applied")
    if "clarify_reasons" in record:
        _check_clarify(meta, record["clarify_reasons"], problems)
    if "args" in record:
        _check_args(meta, record["args"], problems)
    if "numbers" in record:
        _check_numbers(intent, counts, record["numbers"], problems)
    if "citations" in record:
        _check_citations(counts, record["citations"]["articles"], problems)
    problems += [f"text: does not mention {m!r}" for m in record.get("mentions", []) if m not in text]
    return problems


async def grade_all(
    records: Sequence[dict[str, Any]] | None = None, home: Path | None = None
) -> list[CaseResult]:
    records = load() if records is None else records
    home = home or Path(tempfile.mkdtemp(prefix="planexec-devset-"))
    settings = Settings(home=home, llm="off", checkpoint_url=None)
    config = default_config()
    artifacts = str(home / "artifacts")
    config.servers = {
        n: c.model_copy(update={"env": {**c.env, "PLANEXEC_ARTIFACT_DIR": artifacts}})
        for n, c in config.servers.items()
    }
    hub = ToolHub(config)
    results = []
    try:
        for record in records:
            start = time.perf_counter()
            try:
                responses = await _run(record, hub, settings)
                problems = grade(record, responses)
                meta, answer = responses[-1].get("metadata") or {}, _answer_text(responses[-1])
            except Exception as exc:  # a crash is a failed case, not a failed run
                problems, meta, answer = [f"crash: {type(exc).__name__}: {exc}"], {}, ""
            steps = len(meta.get("plan") or [])
            results.append(
                CaseResult(
                    record["id"],
                    record["kind"],
                    not problems,
                    problems,
                    meta.get("intent"),
                    answer[:240],
                    time.perf_counter() - start,
                    steps,
                )
            )
    finally:
        hub.close()
    return results


# ---------------------------------------------------------------- reporting


def score_table(results: Sequence[CaseResult]) -> str:
    kinds: dict[str, list[CaseResult]] = {}
    for r in results:
        kinds.setdefault(r.kind, []).append(r)
    lines = ["| kind | cases | passed | % |", "|---|---:|---:|---:|"]
    for kind, rs in sorted(kinds.items()):
        ok = sum(r.passed for r in rs)
        lines.append(f"| {kind} | {len(rs)} | {ok} | {100 * ok / len(rs):.1f} |")
    ok = sum(r.passed for r in results)
    lines.append(f"| **all** | {len(results)} | {ok} | {100 * ok / max(len(results), 1):.1f} |")
    return "\n".join(lines)


def failures(results: Sequence[CaseResult], records: Sequence[dict[str, Any]]) -> str:
    by_id = {r["id"]: r for r in records}
    lines = []
    for r in results:
        if not r.passed:
            lines.append(f"- `{r.id}` {' → '.join(by_id[r.id]['messages'])!r} (got {r.intent})")
            lines += [f"  - {p}" for p in r.problems]
    return "\n".join(lines) or "(none)"


def overall(results: Sequence[CaseResult]) -> float:
    return 100.0 * sum(r.passed for r in results) / max(len(results), 1)


def report(results: Sequence[CaseResult], records: Sequence[dict[str, Any]]) -> str:
    seconds = sum(r.seconds for r in results)
    return (
        "# Development set (issue 10): rule proposer, no LLM\n\n"
        f"{len(results)} graded cases from tests/devset/devset.jsonl (generated by tests/devset/generate.py "
        "from tests/support/truth.py), {:.0f} s. Rerun: `python -m tests.devset.grade`.\n\n".format(seconds)
        + score_table(results)
        + "\n\n## Failing cases\n\n"
        + failures(results, records)
        + "\n"
    )


def main(argv: Sequence[str] = ()) -> int:
    records = load()
    if argv:
        records = [r for r in records if any(a in r["id"] or a == r["kind"] for a in argv)]
    results = asyncio.run(grade_all(records))
    print(score_table(results))
    print(failures(results, records))
    if not argv:
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        REPORT.write_text(report(results, records), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
