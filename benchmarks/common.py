"""Shared pieces of the benchmark scripts: the report header (machine, date, commit), markdown
tables, ratios, a fresh PLANEXEC_HOME and the offline environment for child processes."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
QUERY = "solar facilities within 1 km of extreme heat zones in Brazil"
OFFLINE_ENV = {
    "LANGGRAPH_CLI_NO_ANALYTICS": "1",
    "LANGGRAPH_NO_VERSION_CHECK": "1",
    "LANGSMITH_TEST_TRACKING": "false",
    "LANGSMITH_TRACING": "false",
    "LANGCHAIN_TRACING_V2": "false",
}


def git_state() -> str:
    """`<short commit>` plus `+ uncommitted changes in N files` when the working tree is dirty."""
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        return "unknown commit"
    return f"{commit} + uncommitted changes in {len(dirty)} files" if dirty else commit


def header(title: str, command: str, load: float, elapsed_s: float) -> list[str]:
    """Title and one line: command, date, machine, load average at start, commit, duration."""
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return [
        f"# {title}",
        "",
        f"`{command}` — {when}; Python {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs, load average {load:.1f} at start; commit {git_state()}; "
        f"whole run {elapsed_s:.0f} s.",
        "",
    ]


def table(head: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f}"


def ratio(value: float, base: float) -> float:
    return value / base if base > 0 else float("inf")


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def label_of(n: int) -> str:
    if n == 0:
        return "real (788 plants)"
    if n % 1_000_000 == 0:
        return f"synthetic {n // 1_000_000}M"
    return f"synthetic {n // 1000}k" if n % 1000 == 0 else f"synthetic {n:,}"


def parse_sizes(text: str) -> list[int]:
    """'0,10k,100k,1M' -> [0, 10000, 100000, 1000000] (0 = the 788 real plants)."""
    out = []
    for part in filter(None, (p.strip().lower() for p in text.split(","))):
        scale = {"k": 1_000, "m": 1_000_000}.get(part[-1], 1)
        out.append(int(float(part[:-1] if scale > 1 else part) * scale))
    return out


def child_env(home: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """This environment, offline, with a fresh PLANEXEC_HOME and no LLM (no key, no base URL)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLANEXEC_", "OPENAI_"))}
    env.update(OFFLINE_ENV)
    env["PLANEXEC_HOME"] = str(home)
    return {**env, **(extra or {})}


def write(text: str, output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    print(text)
    print(f"written to {output}", file=sys.stderr)
