"""planexec against a real model behind an OpenAI-compatible server (issues 14 and 15).

Runs questions of the development set (tests/devset/devset.jsonl, graded by tests/devset/grade.py
against numbers computed from the raw data) through `process_chat_query` with the model at
`--url`, under each proposer policy, and rules alone (no model) as the baseline, in one run.
Per question: the edge chosen and by whom (rules / llm, and the other side's choice), correct or
not, latency, tokens (server-reported or estimated; failed calls counted), whether the narration
was the model's or the template's (and why), agent flags. Writes `benchmarks/results/real_llm.md`.

    .venv/bin/python -m benchmarks.real_llm --url http://127.0.0.1:8091/v1 --model gemma3-270m
    .venv/bin/python -m benchmarks.real_llm --url ... --sample 0      # the whole dev set

The server must be started first (README: "Running with a real local model").
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import subprocess
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
from tests.devset.grade import grade, load
from tests.support.policy_llm import run_record

RESULTS = Path(__file__).parent / "results" / "real_llm.md"
CONFIGS = ("rules", "tie_breaker", "primary")


@dataclass
class Row:
    config: str
    id: str
    kind: str
    question: str
    expected: str
    intent: str | None
    correct: bool
    problems: list[str]
    chosen_by: str
    other_edge: str | None
    seconds: float
    usage: dict[str, Any] = field(default_factory=dict)
    narrated_by: str | None = None
    narration_rejected: str | None = None
    flags: dict[str, Any] = field(default_factory=dict)
    narration: str = ""


def sample(records: list[dict[str, Any]], per_kind: int) -> list[dict[str, Any]]:
    """`per_kind` single-message questions of each (kind, language), in file order (0: all records)."""
    if per_kind <= 0:
        return records
    taken: dict[tuple[str, str], int] = {}
    out = []
    for record in records:
        key = (record["kind"], record["language"])
        if taken.get(key, 0) < per_kind:
            taken[key] = taken.get(key, 0) + 1
            out.append(record)
    return out


def _settings(home: Path, config: str, url: str, model: str, timeout_s: float) -> Settings:
    if config == "rules":
        return Settings(home=home, llm="off")
    return Settings(
        home=home,
        llm_base_url=url,
        llm_api_key="not-needed",
        llm_model=model,
        llm_timeout_s=timeout_s,
        llm_proposer_policy=config,
    )


async def _ask(record: dict[str, Any], hub: ToolHub, settings: Settings) -> list[dict[str, Any]]:
    backend = MemoryBackend()
    ctx = ChatContext(
        settings=settings,
        hub=hub,
        store=ArtifactStore(backend),
        cache=ResultCache(backend),
        use_llm=settings.llm_enabled,
    )
    return await run_record(record, ctx)


def _route_record(meta: dict[str, Any]) -> dict[str, Any]:
    for proposal in meta.get("proposals") or []:
        if proposal.get("phase") == "route":
            return dict(proposal)
    return {}


def _row(config: str, record: dict[str, Any], responses: list[dict[str, Any]], seconds: float) -> Row:
    final = responses[-1]
    meta = final.get("metadata") or {}
    route = _route_record(meta)
    flags = dict(meta.get("flags") or {})
    other = route.get("llm_edge") if route.get("chosen_by") != "llm" else route.get("rules_edge")
    problems = grade(record, responses)
    return Row(
        config=config,
        id=record["id"],
        kind=record["kind"],
        question=" → ".join(record["messages"]),
        expected="/".join(record["routes"]),
        intent=meta.get("intent"),
        correct=not problems,
        problems=problems,
        chosen_by=str(route.get("chosen_by") or "-"),
        other_edge=other,
        seconds=seconds,
        usage=dict(meta.get("token_usage") or {}),
        narrated_by=flags.get("narrated_by"),
        narration_rejected=flags.get("narration_rejected"),
        flags={k: v for k, v in flags.items() if k in ("ungrounded_answer", "partial", "clarify")},
        narration=str(meta.get("narration") or "")[:160],
    )


async def run(
    records: Sequence[dict[str, Any]], configs: Sequence[str], url: str, model: str, timeout_s: float
) -> list[Row]:
    home = Path(tempfile.mkdtemp(prefix="planexec-real-llm-"))
    hub = ToolHub(default_config())
    rows: list[Row] = []
    try:
        for record in records:  # configurations interleaved per question: load affects all alike
            for config in configs:
                settings = _settings(home / config, config, url, model, timeout_s)
                start = time.perf_counter()
                try:
                    responses = await _ask(record, hub, settings)
                    rows.append(_row(config, record, responses, time.perf_counter() - start))
                except Exception as exc:  # a crash is a failed question, not a failed run
                    crash = Row(
                        config,
                        record["id"],
                        record["kind"],
                        " → ".join(record["messages"]),
                        "/".join(record["routes"]),
                        None,
                        False,
                        [f"crash: {exc!r}"[:200]],
                        "-",
                        None,
                        time.perf_counter() - start,
                    )
                    rows.append(crash)
                print(_line(rows[-1]), flush=True)
    finally:
        hub.close()
    return rows


def _line(row: Row) -> str:
    mark = "ok " if row.correct else "BAD"
    head = f"{mark} {row.config:11} {row.seconds:6.1f}s {row.intent!s:22}"
    return f"{head} by {row.chosen_by:10} {row.question[:60]}"


def _tokens(usage: dict[str, Any]) -> str:
    if not usage.get("llm_calls"):
        return "—"
    prompt, completion = usage.get("prompt_tokens", 0), usage.get("completion_tokens", 0)
    text = f"{prompt}/{completion} ({usage.get('llm_calls')} calls"
    if usage.get("failed_calls"):
        text += f", {usage['failed_calls']} failed"
    return text + (", est." if usage.get("estimated") else "") + ")"


def scores(rows: Sequence[Row], configs: Sequence[str]) -> str:
    lines = [
        "| configuration | questions | correct | % | median s | LLM route decisions | narrations by LLM |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for config in configs:
        mine = [r for r in rows if r.config == config]
        if not mine:
            continue
        ok = sum(r.correct for r in mine)
        secs = sorted(r.seconds for r in mine)[len(mine) // 2]
        by_llm = sum(r.chosen_by == "llm" for r in mine)
        narrated = sum(r.narrated_by == "llm" for r in mine)
        cells = [config, len(mine), ok, f"{100 * ok / len(mine):.1f}", f"{secs:.1f}", by_llm, narrated]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines)


def narration_summary(rows: Sequence[Row]) -> str:
    """How the model's narrations fared: accepted, or rejected by reason (numbers folded)."""
    asked = [r for r in rows if r.config != "rules" and (r.narrated_by == "llm" or r.narration_rejected)]
    reasons: dict[str, int] = {}
    for r in asked:
        if r.narration_rejected:
            key = re.sub(
                r"\d+(\.\d+)?",
                "N",
                r.narration_rejected.split(":")[0] + ":" + "".join(r.narration_rejected.split(":")[1:2]),
            )
            reasons[key] = reasons.get(key, 0) + 1
    accepted = [r for r in asked if r.narrated_by == "llm"]
    lines = [f"Model narrations asked: {len(asked)}; accepted: {len(accepted)}; rejected (template used):"]
    lines += [f"- {count} × {reason}" for reason, count in sorted(reasons.items(), key=lambda kv: -kv[1])]
    lines += [f"- accepted: {r.question[:60]!r} → {r.narration[:160]!r}" for r in accepted]
    return "\n".join(lines)


def per_question(rows: Sequence[Row]) -> str:
    lines = [
        "| config | question | expected | edge chosen | by | other side | correct | s | tokens p/c "
        "| narration |",
        "|---|---|---|---|---|---|---|---:|---|---|",
    ]
    for r in rows:
        narration = r.narrated_by or "—"
        if r.narration_rejected:
            narration += f" (LLM rejected: {r.narration_rejected[:60]})"
        flags = ", ".join(k for k, v in r.flags.items() if v and k == "ungrounded_answer")
        question = r.question.replace("|", "/")[:70]
        cells = [r.config, question, r.expected, r.intent, r.chosen_by, r.other_edge or "—"]
        cells += ["yes" if r.correct else "no", f"{r.seconds:.1f}", _tokens(r.usage), f"{narration} {flags}"]
        lines.append("| " + " | ".join(str(c).strip() for c in cells) + " |")
    return "\n".join(lines)


def _machine() -> str:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    python = platform.python_version()
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {python}, commit {commit or '?'}"


def report(rows: Sequence[Row], configs: Sequence[str], url: str, model: str, note: str) -> str:
    failures = [
        f"- `{r.config}` `{r.id}` {r.question!r}: {'; '.join(r.problems)[:300]}"
        for r in rows
        if not r.correct
    ]
    return (
        "# planexec with a real model (issues 14 and 15)\n\n"
        f"Model `{model}` at `{url}`; {_machine()}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.\n"
        f"{note}\n\nRerun: `.venv/bin/python -m benchmarks.real_llm --url {url} --model {model}`.\n\n"
        "## Scores (graded against numbers computed from the raw data)\n\n"
        + scores(rows, configs)
        + "\n\n## Narration (checked before use)\n\n"
        + narration_summary(rows)
        + "\n\n## Per question\n\n"
        + per_question(rows)
        + "\n\n## Failing questions\n\n"
        + ("\n".join(failures) or "(none)")
        + "\n"
    )


async def products(args: argparse.Namespace) -> str:
    """The agent and drafting sections of the report (issue 15)."""
    from benchmarks import real_llm_products as rp

    settings = _settings(rp.home(), "tie_breaker", args.url, args.model, args.timeout)
    out = ""
    if args.agent:
        hub = ToolHub(default_config())
        try:
            agent = await rp.agent_rows(hub, settings)
        finally:
            hub.close()
        flagged = sum(1 for r in agent if r.ungrounded)
        unflagged_bad = sum(1 for r in agent if not r.ungrounded and r.tool_calls == 0 and r.stopped is None)
        out += (
            f"\n## General agent\n\n{len(agent)} questions: {flagged} answers flagged ungrounded and "
            "replaced, "
            f"{unflagged_bad} unflagged answers without a tool result.\n\n" + rp.agent_table(agent) + "\n"
        )
    if args.draft:
        sections = await rp.draft_sections(settings)
        by_llm = [s for s in sections if s.get("type") == "section" and s.get("composer") == "llm"]
        document = next((s["text"] for s in sections if s.get("type") == "document"), "")
        out += (
            f"\n## Drafting (sample brief, model composer, every section validated)\n\n"
            f"{len(by_llm)} sections written by the model were accepted; the others were written "
            "extractively after the model's prose was rejected (reasons in the draft's trace).\n\n"
            + rp.draft_table(sections)
            + "\n\n<details><summary>The committed document</summary>\n\n"
            + document
            + "\n\n</details>\n"
        )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=os.environ.get("PLANEXEC_TEST_LLM_URL"))
    parser.add_argument("--model", default=os.environ.get("PLANEXEC_TEST_LLM_MODEL", "gemma3-270m"))
    parser.add_argument("--configs", default=",".join(CONFIGS), help="rules,tie_breaker,primary")
    parser.add_argument("--sample", type=int, default=1, help="questions per (kind, language); 0 = all")
    parser.add_argument("--limit", type=int, default=0, help="at most this many questions (0 = no limit)")
    parser.add_argument("--timeout", type=float, default=60.0, help="PLANEXEC_LLM_TIMEOUT_S for the run")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--agent", action="store_true", help="also ask the general agent a few questions")
    parser.add_argument("--draft", action="store_true", help="also draft the sample brief with the model")
    parser.add_argument("--note", default="")
    args = parser.parse_args(argv)
    if not args.url:
        parser.error("--url or PLANEXEC_TEST_LLM_URL is required")
    configs = [c for c in args.configs.split(",") if c]
    records = sample(load(), args.sample)
    records = records[: args.limit] if args.limit else records
    rows = asyncio.run(run(records, configs, args.url, args.model, args.timeout))
    print(scores(rows, configs))
    extra = asyncio.run(products(args)) if (args.agent or args.draft) else ""
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report(rows, configs, args.url, args.model, args.note) + extra, encoding="utf-8")
    (args.output.with_suffix(".jsonl")).write_text(
        "\n".join(json.dumps(r.__dict__, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
