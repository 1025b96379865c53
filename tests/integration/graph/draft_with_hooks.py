"""`planexec draft` with a compose hook that logs every compose call and slows it down.

Run by test_drafting_resume.py in a subprocess (it kills it mid-run):
    python draft_with_hooks.py LOG_FILE DELAY_S <planexec draft arguments…>
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

from planexec.app.cli import build_parser
from planexec.app.commands import draft
from planexec.graph.drafting_api import drafting_context


class LoggingPacer:
    """Compose hook: wait `delay_s`, then append 'section<TAB>composer<TAB>attempt' to `log`."""

    def __init__(self, log: Path, delay_s: float) -> None:
        self.log, self.delay_s = log, delay_s

    def __call__(self, section_id: str, composer: str, attempt: int) -> None:
        time.sleep(self.delay_s)
        with self.log.open("a", encoding="utf-8") as out:
            out.write(f"{section_id}\t{composer}\t{attempt}\n")


def main(argv: Sequence[str]) -> int:
    log, delay_s, rest = Path(argv[0]), float(argv[1]), argv[2:]
    args = build_parser().parse_args(["draft", *rest])
    hook = LoggingPacer(log, delay_s)
    settings = draft.settings_for(args)
    context = drafting_context(
        settings, use_llm=not args.no_llm, max_parallel=args.max_parallel, compose_hook=hook
    )
    return draft.run(args, context=context)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
