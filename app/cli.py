"""The `planexec` command line: one sub-command per module in app/commands/."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version

from planexec.app.terminal import EXIT_CODES_HELP, quiet_pipe

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


def package_version() -> str:
    try:
        return version("planexec")
    except PackageNotFoundError:
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planexec",
        description=__doc__,
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"planexec {package_version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    for module_name in COMMAND_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue
            raise
        cmd = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP, epilog=EXIT_CODES_HELP)
        module.add_arguments(cmd)
        cmd.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with quiet_pipe():
            code = int(args._run(args))
            sys.stdout.flush()  # a closed pipe shows up here, inside quiet_pipe
            return code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
