"""Built-in plugin: the ``govdisclosure plugins [--json]`` subcommand.

Lists every plugin the registry loaded — built-ins included and marked — with its distribution
and version, the hooks it implements, what it registered (variants, rules, readers, writers,
commands), and every plugin that failed to load.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from .._version import __version__
from ..cli import EXIT_OK, CliContext, Command
from . import hookimpl
from .registry import KINDS, PluginLoadError, Registry

__all__ = ["plugins_listing"]

_KIND_ZH = {
    "variants": "格式变体",
    "rules": "规则",
    "readers": "读取器",
    "writers": "输出格式",
    "commands": "子命令",
}


def plugins_listing(registry: Registry) -> dict[str, Any]:
    """The registry's plugins and failures as a JSON-ready dict (what ``plugins --json`` prints)."""
    plugins = []
    for info in registry.plugins.values():
        entry: dict[str, Any] = {
            "name": info.name,
            "builtin": info.builtin,
            "distribution": "govdisclosure" if info.builtin else info.distribution,
            "version": __version__ if info.builtin else info.version,
            "entry_point": info.entry_point,
            "hooks": list(info.hooks),
        }
        for kind in KINDS:
            entry[kind] = list(info.contributes.get(kind, []))
        plugins.append(entry)
    failures = []
    for err in registry.failures:
        item: dict[str, Any] = {"message": str(err)}
        if isinstance(err, PluginLoadError):
            item.update(
                plugin=err.plugin,
                distribution=err.distribution,
                version=err.version,
                entry_point=err.entry_point,
                hook=err.hook,
            )
        failures.append(item)
    return {"plugins": plugins, "failures": failures}


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="以 JSON 输出 print JSON")


def _run(args: argparse.Namespace, ctx: CliContext) -> int:
    listing = plugins_listing(ctx.registry)
    if args.json:
        print(json.dumps(listing, ensure_ascii=False, indent=2), file=ctx.stdout)
        return EXIT_OK
    out = ctx.stdout
    for p in listing["plugins"]:
        mark = (
            "内置 built-in" if p["builtin"] else f"{p['distribution'] or '?'} {p['version'] or ''}".rstrip()
        )
        print(f"{p['name']}  [{mark}]", file=out)
        if p["entry_point"]:
            print(f"  entry point: {p['entry_point']}", file=out)
        print(f"  hooks: {', '.join(p['hooks']) or '-'}", file=out)
        for kind in KINDS:
            if p[kind]:
                print(f"  {_KIND_ZH[kind]} {kind}: {', '.join(p[kind])}", file=out)
    if listing["failures"]:
        print("加载失败 failed to load:", file=out)
        for f in listing["failures"]:
            print(f"  {f['message']}", file=out)
    return EXIT_OK


@hookimpl
def gd_register_commands(register: Callable[[Any], None]) -> None:
    """Register the ``plugins`` subcommand."""
    register(
        Command(
            name="plugins",
            help="列出插件 / list the loaded plugins and what they register",
            configure=_configure,
            run=_run,
        )
    )
