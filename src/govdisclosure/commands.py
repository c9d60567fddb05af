"""Built-in plugin: the core subcommands ``schema``, ``convert`` and ``example``."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from importlib import resources
from typing import Any

from .cli import EXIT_OK, CliContext, Command, load_input
from .plugins import hookimpl
from .schema import json_schema
from .writing import atomic_write, render

EXAMPLE_RESOURCE = "example-haiyuan-zhengqi-2024.toml"


def example_text() -> str:
    """The bundled example report (海原县郑旗乡人民政府 2024, entered from its printed values) as TOML."""
    return resources.files("govdisclosure.data").joinpath(EXAMPLE_RESOURCE).read_text("utf-8")


def _schema_configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--variant", default="national-2021", help="格式变体 variant ID (default national-2021)")


def _schema_run(args: argparse.Namespace, ctx: CliContext) -> int:
    try:
        layout = ctx.registry.variant(args.variant)
    except KeyError as exc:
        return ctx.error(str(exc))
    print(json.dumps(json_schema(layout), ensure_ascii=False, indent=2), file=ctx.stdout)
    return EXIT_OK


def _convert_configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("input", metavar="IN", help="输入文件 input report (any supported type)")
    p.add_argument("--to", required=True, dest="to", help="输出格式 output format (json, toml, ...)")
    p.add_argument("-o", "--output", metavar="OUT", help="输出文件 output file (default: standard output)")


def _convert_run(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.to not in ctx.registry.writers:
        return ctx.error(
            f"unknown output format {args.to!r} (available: {', '.join(sorted(ctx.registry.writers))})"
        )
    result = load_input(args.input, ctx)
    writer = ctx.registry.writers[args.to]
    data = render(result.report, args.to, registry=ctx.registry)
    if args.output:
        atomic_write(args.output, data)
    elif writer.binary:
        return ctx.error(f"format {args.to!r} is binary: give an output file with -o")
    else:
        ctx.stdout.write(data.decode("utf-8"))
    return EXIT_OK


def _example_configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-o", "--output", metavar="OUT", help="写入文件 write to this file instead of standard output"
    )


def _example_run(args: argparse.Namespace, ctx: CliContext) -> int:
    text = example_text()
    if args.output:
        atomic_write(args.output, text.encode("utf-8"))
    else:
        ctx.stdout.write(text)
    return EXIT_OK


@hookimpl
def gd_register_commands(register: Callable[[Any], None]) -> None:
    """Register the ``schema``, ``convert`` and ``example`` subcommands."""
    register(
        Command(
            name="schema",
            help="输出 JSON Schema / print the JSON Schema of a variant",
            configure=_schema_configure,
            run=_schema_run,
        )
    )
    register(
        Command(
            name="convert",
            help="转换格式 / convert a report to another format",
            configure=_convert_configure,
            run=_convert_run,
        )
    )
    register(
        Command(
            name="example",
            help="输出内置示例报告 / print the bundled example report (TOML)",
            configure=_example_configure,
            run=_example_run,
        )
    )
