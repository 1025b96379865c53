"""The `planexec` command line: one sub-command per module in app/commands/."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Each module defines `NAME`, `HELP`, `add_arguments(parser)` and `run(args) -> int`.
COMMAND_MODULES: tuple[str, ...] = (
    "planexec.app.commands.servers",
    "planexec.app.commands.ask",
    "planexec.app.commands.resume",
    "planexec.app.commands.trace",
    "planexec.app.commands.draft",
    "planexec.app.commands.serve",
    "planexec.app.commands.gc",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="planexec", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for module_name in COMMAND_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue
            raise
        cmd = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(cmd)
        cmd.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args._run(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
