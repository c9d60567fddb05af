"""The plugin manager factory and the typed registry of variants, rules, readers, writers, commands.

Nothing is loaded at import time.  :func:`make_registry` builds an isolated registry: it registers
the built-in plugins (the national variants, rules, readers and writers are plugins of the core),
loads the ``govdisclosure`` entry points, calls ``check_pending()`` and collects what every plugin
registers, attributing each contribution to its plugin so that errors name it.

The library is strict (any plugin failure raises :class:`~govdisclosure.errors.PluginError`);
``strict=False`` (what the CLI uses) records failures in :attr:`Registry.failures` and goes on.
Set ``GOVDISCLOSURE_NO_PLUGINS=1`` (or pass ``entry_points=False``) to load no third-party plugin.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
from collections.abc import Callable, Iterable, Sequence
from types import ModuleType
from typing import Any

import pluggy
from attrs import define, field, frozen

from ..errors import PluginError, UnknownVariantError
from ..layout import Layout
from . import PROJECT_NAME, hookspecs

__all__ = [
    "BUILTIN_PLUGINS",
    "NO_PLUGINS_ENV",
    "PluginInfo",
    "Registry",
    "VariantHints",
    "default_registry",
    "make_registry",
]

NO_PLUGINS_ENV = "GOVDISCLOSURE_NO_PLUGINS"

BUILTIN_PLUGINS: tuple[str, ...] = (
    "govdisclosure.variants.plugin",
    "govdisclosure.native",
    "govdisclosure.commands",
)
"""Modules of the core registered as plugins, in this order, before any third-party plugin."""


@frozen(kw_only=True)
class VariantHints:
    """What a reader knows about a document when it asks which variant it is."""

    year: int | None = None
    labels: frozenset[str] = frozenset()
    """Official labels (normalised) found in the document."""
    title: str | None = None
    region_code: str | None = None


@define(kw_only=True)
class PluginInfo:
    """One registered plugin and what it contributed."""

    name: str
    builtin: bool
    distribution: str | None = None
    version: str | None = None
    entry_point: str | None = None
    hooks: list[str] = field(factory=list)
    contributes: dict[str, list[str]] = field(factory=dict)

    def describe(self) -> str:
        if self.builtin:
            return f"built-in plugin {self.name!r}"
        dist = f"{self.distribution} {self.version}" if self.distribution else "unknown distribution"
        return f"plugin {self.name!r} (entry point {self.entry_point!r}, distribution {dist})"


def _key_of(kind: str, obj: Any) -> str:
    if kind == "variant":
        return str(obj.id)
    if kind == "rule":
        return str(obj.id)
    return str(obj.name)


@define(kw_only=True, eq=False)
class Registry:
    """Everything the plugins registered.  Build one with :func:`make_registry`."""

    pm: pluggy.PluginManager
    plugins: dict[str, PluginInfo] = field(factory=dict)
    failures: list[PluginError] = field(factory=list)
    variants: dict[str, Layout] = field(factory=dict)
    readers: dict[str, Any] = field(factory=dict)
    writers: dict[str, Any] = field(factory=dict)
    commands: dict[str, Any] = field(factory=dict)
    strict: bool = True
    _owners: dict[tuple[str, str], str] = field(factory=dict)
    _rules: dict[str, list[Any]] = field(factory=dict)

    # -- lookups ----------------------------------------------------------------------------
    def variant(self, variant_id: str) -> Layout:
        """The layout registered under ``variant_id``."""
        try:
            return self.variants[variant_id]
        except KeyError:
            known = ", ".join(sorted(self.variants)) or "none"
            raise UnknownVariantError(
                f"未知的格式变体 unknown format variant {variant_id!r} (registered: {known})"
            ) from None

    def writer(self, name: str) -> Any:
        try:
            return self.writers[name]
        except KeyError:
            known = ", ".join(sorted(self.writers)) or "none"
            raise KeyError(f"unknown output format {name!r} (available: {known})") from None

    def owner(self, kind: str, key: str) -> str | None:
        """The plugin that registered ``key`` of ``kind`` (variant, rule, reader, writer, command)."""
        return self._owners.get((kind, key))

    def rules(self, layout: Layout) -> list[Any]:
        """The rules that apply to reports of ``layout`` (asked once per variant, then cached)."""
        if layout.id not in self._rules:
            collected: list[Any] = []
            self._collect("gd_register_rules", "rule", collected.append, {"layout": layout})
            self._rules[layout.id] = collected
        return self._rules[layout.id]

    def choose_variant(self, hints: VariantHints) -> Layout:
        """The variant the ``gd_choose_variant`` hook picks (first answer wins)."""
        try:
            answer = self.pm.hook.gd_choose_variant(hints=hints)
        except Exception as exc:
            raise PluginError(f"gd_choose_variant failed: {exc}") from exc
        if answer is None:
            raise UnknownVariantError("没有插件能确定报告格式 no plugin could choose a variant for this document")
        return self.variant(str(answer))

    # -- collection -------------------------------------------------------------------------
    def _fail(self, error: PluginError) -> None:
        if self.strict:
            raise error
        self.failures.append(error)

    def _collect(
        self, hook_name: str, kind: str, sink: Callable[[Any], None], kwargs: dict[str, Any] | None = None
    ) -> None:
        kwargs = dict(kwargs or {})
        hook = getattr(self.pm.hook, hook_name)
        # pluggy calls the last registered first; walk in registration order instead
        for impl in reversed(hook.get_hookimpls()):
            plugin_name = impl.plugin_name
            info = self.plugins.get(plugin_name)
            who = info.describe() if info else f"plugin {plugin_name!r}"
            got: list[Any] = []

            def register(obj: Any, _got: list[Any] = got) -> None:
                _got.append(obj)

            try:
                impl.function(**{a: (register if a == "register" else kwargs[a]) for a in impl.argnames})
            except Exception as exc:
                self._fail(PluginError(f"{who} failed in hook {hook_name}: {type(exc).__name__}: {exc}"))
                continue
            for obj in got:
                try:
                    key = _key_of(kind, obj)
                except AttributeError:
                    self._fail(PluginError(f"{who} registered an invalid {kind} in {hook_name}: {obj!r}"))
                    continue
                previous = self._owners.get((kind, key))
                if previous is not None and previous != plugin_name:
                    prev_info = self.plugins.get(previous)
                    prev = prev_info.describe() if prev_info else repr(previous)
                    self._fail(
                        PluginError(
                            f"{kind} {key!r} is registered twice: by {prev} and by {who} (hook {hook_name})"
                        )
                    )
                    continue
                if kind == "variant":
                    try:
                        _validate_variant(obj, self.variants)
                    except ValueError as exc:
                        self._fail(PluginError(f"{who} registered an invalid variant {key!r}: {exc}"))
                        continue
                self._owners[(kind, key)] = plugin_name
                if info is not None:
                    info.contributes.setdefault(kind + "s", []).append(key)
                sink(obj)

    def _collect_all(self) -> None:
        self._collect("gd_register_variants", "variant", lambda o: self.variants.__setitem__(o.id, o))
        self._collect("gd_register_readers", "reader", lambda o: self.readers.__setitem__(o.name, o))
        self._collect("gd_register_writers", "writer", lambda o: self.writers.__setitem__(o.name, o))
        self._collect("gd_register_commands", "command", lambda o: self.commands.__setitem__(o.name, o))
        for layout in list(self.variants.values()):
            self.rules(layout)


def _validate_variant(layout: Any, known: dict[str, Layout]) -> None:
    from ..layout_check import validate_layout

    if not isinstance(layout, Layout):
        raise ValueError(f"expected a govdisclosure.layout.Layout, got {type(layout).__name__}")
    validate_layout(layout)


def _hooks_of(pm: pluggy.PluginManager, plugin: object) -> list[str]:
    return sorted(h.name for h in (pm.get_hookcallers(plugin) or []))


def _entry_points() -> Iterable[importlib.metadata.EntryPoint]:
    return importlib.metadata.entry_points(group=PROJECT_NAME)


def make_registry(
    *,
    entry_points: bool | None = None,
    plugins: Sequence[object] = (),
    strict: bool = True,
    builtins: Sequence[str] = BUILTIN_PLUGINS,
) -> Registry:
    """Build a new, isolated registry.

    ``entry_points``: load third-party plugins from the ``govdisclosure`` entry-point group
    (default: yes, unless ``GOVDISCLOSURE_NO_PLUGINS`` is set to a non-empty value other than 0).
    ``plugins``: extra plugin objects (modules or instances) to register, e.g. in tests.
    ``strict``: raise :class:`PluginError` on the first failure (library default); the CLI passes
    ``False`` and reports :attr:`Registry.failures` as warnings.
    """
    if entry_points is None:
        entry_points = os.environ.get(NO_PLUGINS_ENV, "") in ("", "0")
    pm = pluggy.PluginManager(PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    reg = Registry(pm=pm, strict=strict)

    def add(plugin: object, name: str, info: PluginInfo) -> None:
        try:
            pm.register(plugin, name=name)
        except Exception as exc:
            reg._fail(PluginError(f"{info.describe()} could not be registered: {exc}"))
            return
        info.hooks = _hooks_of(pm, plugin)
        reg.plugins[name] = info

    for modname in builtins:
        module: ModuleType = importlib.import_module(modname)
        add(module, modname, PluginInfo(name=modname, builtin=True))
    for i, plugin in enumerate(plugins):
        name = getattr(plugin, "__name__", None) or f"{type(plugin).__name__}-{i}"
        add(plugin, name, PluginInfo(name=name, builtin=False))
    if entry_points:
        for ep in _entry_points():
            dist = getattr(ep, "dist", None)
            info = PluginInfo(
                name=ep.name,
                builtin=False,
                distribution=dist.name if dist else None,
                version=dist.version if dist else None,
                entry_point=f"{ep.name} = {ep.value}",
            )
            if pm.has_plugin(ep.name):
                continue
            try:
                plugin = ep.load()
            except Exception as exc:
                reg._fail(PluginError(f"{info.describe()} failed to load: {type(exc).__name__}: {exc}"))
                continue
            add(plugin, ep.name, info)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        reg._fail(PluginError(f"plugin {exc.plugin!r} implements an unknown hook: {exc}"))
    except Exception as exc:  # pragma: no cover - pluggy raises PluginValidationError
        reg._fail(PluginError(str(exc)))
    reg._collect_all()
    return reg


_DEFAULT: Registry | None = None


def default_registry() -> Registry:
    """The registry the library functions use when none is passed (built on first use, strict)."""
    global _DEFAULT  # noqa: PLW0603
    if _DEFAULT is None:
        _DEFAULT = make_registry()
    return _DEFAULT
