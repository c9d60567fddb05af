"""The ``govdisclosure`` command line: a thin shell over the library; subcommands come from plugins.

Exit codes: 0 success (no error-severity finding), 1 an error-severity finding, 2 bad usage or
unreadable input (the message names the file and the place).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import IO, Any

from attrs import define, frozen

from ._version import __version__
from .errors import GovDisclosureError
from .plugins.registry import NO_PLUGINS_ENV, Registry, make_registry, plugins_disabled_by_env

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "CliContext", "Command", "main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


@define(kw_only=True)
class CliContext:
    """What a subcommand gets besides its parsed arguments."""

    registry: Registry
    stdout: IO[str]
    stderr: IO[str]

    def error(self, message: str) -> int:
        """Print ``govdisclosure: 错误 error: message`` on stderr and return exit code 2."""
        print(f"govdisclosure: 错误 error: {message}", file=self.stderr)
        return EXIT_USAGE

    def warn(self, message: str) -> None:
        """Print ``govdisclosure: 警告 warning: message`` on stderr and go on."""
        print(f"govdisclosure: 警告 warning: {message}", file=self.stderr)


@frozen(kw_only=True)
class Command:
    """A subcommand registered through ``gd_register_commands``."""

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, CliContext], int]


def _parser(registry: Registry) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govdisclosure",
        description="政府信息公开工作年度报告：检查、读取、写出。 Check, read and write government "
        "information disclosure annual reports.",
    )
    parser.add_argument("--version", action="version", version=f"govdisclosure {__version__}")
    parser.add_argument(
        "--no-plugins",
        action="store_true",
        help=f"不加载第三方插件 load no third-party plugin (also: {NO_PLUGINS_ENV}=1)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in sorted(registry.commands):
        cmd = registry.commands[name]
        p = sub.add_parser(name, help=cmd.help, description=cmd.help)
        cmd.configure(p)
        p.set_defaults(_run=cmd.run)
    return parser


def main(
    argv: Sequence[str] | None = None, *, stdout: IO[str] | None = None, stderr: IO[str] | None = None
) -> int:
    """Run the CLI; returns the exit code (never calls ``sys.exit`` itself)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    no_plugins = "--no-plugins" in args_list or plugins_disabled_by_env()
    registry = make_registry(entry_points=not no_plugins, strict=False)
    ctx = CliContext(registry=registry, stdout=out, stderr=err)
    for failure in registry.failures:
        ctx.warn(f"{failure} — 已跳过 skipped")
    parser = _parser(registry)
    try:
        old_out, old_err = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = out, err
        try:
            args = parser.parse_args(args_list)
        finally:
            sys.stdout, sys.stderr = old_out, old_err
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    run: Callable[[argparse.Namespace, CliContext], int] | None = getattr(args, "_run", None)
    if run is None:
        parser.print_help(out)
        return EXIT_USAGE
    try:
        return run(args, ctx)
    except GovDisclosureError as exc:
        return ctx.error(str(exc))
    except KeyboardInterrupt:  # pragma: no cover
        return 130


def load_input(path: str, ctx: CliContext) -> Any:
    """Read any supported input file; raises GovDisclosureError (→ exit 2) with file and place."""
    from .reading import read_path

    return read_path(path, registry=ctx.registry)
