"""The plugin manager factory and the typed registry of variants, rules, readers, writers, commands.

Nothing is loaded at import time.  :func:`make_registry` builds an isolated registry: it registers
the built-in plugins (the national variants, rules, readers and writers are plugins of the core),
loads the ``govdisclosure`` entry points, calls ``check_pending()`` and collects what every plugin
registers, attributing each contribution to its plugin so that errors name it.

The library is strict (any plugin failure raises :class:`PluginLoadError`, a
:class:`~govdisclosure.errors.PluginError`); ``strict=False`` (what the CLI uses) records failures
in :attr:`Registry.failures`, drops what the failing plugin contributed in that hook, and goes on.
Set ``GOVDISCLOSURE_NO_PLUGINS=1`` (or pass ``entry_points=False``) to load no third-party plugin.

Every contribution is collected in plugin registration order (built-ins first), so a third-party
plugin can never take over a built-in's variant ID or format name: the later one is the one named
as the duplicate.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import weakref
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
    "KINDS",
    "NO_PLUGINS_ENV",
    "PluginInfo",
    "PluginLoadError",
    "Registry",
    "VariantHints",
    "default_registry",
    "make_registry",
    "plugins_disabled_by_env",
    "reset_default_registry",
]

NO_PLUGINS_ENV = "GOVDISCLOSURE_NO_PLUGINS"

BUILTIN_PLUGINS: tuple[str, ...] = (
    "govdisclosure.variants.plugin",
    "govdisclosure.native",
    "govdisclosure.commands",
    "govdisclosure.checks.plugin",
    "govdisclosure.plugins.command",
    "govdisclosure.readers.html",
    "govdisclosure.readers.pdf",
    "govdisclosure.readers.docx",
    "govdisclosure.readers.text",
    "govdisclosure.readers.markdown",
    "govdisclosure.batch.commands",
    "govdisclosure.writers.text",
    "govdisclosure.writers.html",
    "govdisclosure.writers.markdown",
    "govdisclosure.writers.docx",
    "govdisclosure.writers.xlsx",
    "govdisclosure.writers.csv",
)
"""Modules of the core registered as plugins, in this order, before any third-party plugin."""

KINDS: tuple[str, ...] = ("variants", "rules", "readers", "writers", "commands")
"""The kinds of contribution, as they appear in :attr:`PluginInfo.contributes`."""

_FALSE_VALUES = frozenset({"", "0", "false", "no", "off"})


def plugins_disabled_by_env(environ: dict[str, str] | None = None) -> bool:
    """Whether ``GOVDISCLOSURE_NO_PLUGINS`` asks to load no third-party plugin (not 0/false/no/off)."""
    env = os.environ if environ is None else environ
    return env.get(NO_PLUGINS_ENV, "").strip().lower() not in _FALSE_VALUES


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
    """Keys contributed per kind (``variants``, ``rules``, ``readers``, ``writers``, ``commands``)."""

    def describe(self) -> str:
        """How messages name this plugin: entry point, distribution and version included."""
        if self.builtin:
            return f"built-in plugin {self.name!r}"
        if self.entry_point is None:
            return f"plugin {self.name!r}"
        dist = f"{self.distribution} {self.version}" if self.distribution else "unknown distribution"
        return f"plugin {self.name!r} (entry point {self.entry_point!r}, distribution {dist})"

    def add(self, kind: str, key: str) -> None:
        """Record one contribution (idempotent)."""
        keys = self.contributes.setdefault(kind, [])
        if key not in keys:
            keys.append(key)


class PluginLoadError(PluginError):
    """A plugin failed: its message names the plugin (entry point, distribution, version) and the hook.

    The parts are also attributes: ``plugin`` (registered name), ``distribution``, ``version``,
    ``entry_point`` and ``hook`` (``None`` when the failure is not inside a hook, e.g. an import error).
    """

    def __init__(self, message: str, *, info: PluginInfo | None = None, hook: str | None = None) -> None:
        super().__init__(message)
        self.plugin: str | None = info.name if info else None
        self.distribution: str | None = info.distribution if info else None
        self.version: str | None = info.version if info else None
        self.entry_point: str | None = info.entry_point if info else None
        self.hook: str | None = hook


def _key_of(kind: str, obj: Any) -> str:
    key = obj.id if kind in ("variants", "rules") else obj.name
    if not isinstance(key, str) or not key:
        raise AttributeError(
            f"{'id' if kind in ('variants', 'rules') else 'name'} must be a non-empty string"
        )
    return key


def _hookimpl_plugin_name(impl: Any) -> str:
    return str(impl.plugin_name)


@define(kw_only=True, eq=False)
class Registry:
    """Everything the plugins registered.  Build one with :func:`make_registry`."""

    pm: pluggy.PluginManager
    plugins: dict[str, PluginInfo] = field(factory=dict)
    """Every registered plugin by name, in registration order (built-ins first)."""
    failures: list[PluginError] = field(factory=list)
    """Failures recorded by a lenient (``strict=False``) registry."""
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
        """The writer registered as output format ``name``."""
        try:
            return self.writers[name]
        except KeyError:
            known = ", ".join(sorted(self.writers)) or "none"
            raise KeyError(f"unknown output format {name!r} (available: {known})") from None

    def owner(self, kind: str, key: str) -> str | None:
        """The plugin that registered ``key`` of ``kind`` (variant, rule, reader, writer, command)."""
        kind = kind if kind.endswith("s") else kind + "s"
        return self._owners.get((kind, key))

    def rules(self, layout: Layout) -> list[Any]:
        """The rules that apply to reports of ``layout`` (asked once per variant, then cached)."""
        if layout.id not in self._rules:
            collected: list[Any] = []
            self._collect("gd_register_rules", "rules", collected.append, {"layout": layout})
            self._rules[layout.id] = collected
        return self._rules[layout.id]

    def choose_variant(self, hints: VariantHints) -> Layout:
        """The variant the ``gd_choose_variant`` hook picks (first non-``None`` answer wins)."""
        hook = self.pm.hook.gd_choose_variant
        for impl in reversed(hook.get_hookimpls()):  # pluggy's own call order
            try:
                answer = impl.function(**dict.fromkeys(impl.argnames, hints))
            except Exception as exc:
                raise self._error(impl, "gd_choose_variant", exc) from exc
            if answer is not None:
                return self.variant(str(answer))
        raise UnknownVariantError("没有插件能确定报告格式 no plugin could choose a variant for this document")

    # -- collection -------------------------------------------------------------------------
    def _who(self, plugin_name: str) -> str:
        info = self.plugins.get(plugin_name)
        return info.describe() if info else f"plugin {plugin_name!r}"

    def _error(self, impl: Any, hook_name: str, exc: Exception) -> PluginLoadError:
        name = _hookimpl_plugin_name(impl)
        return PluginLoadError(
            f"插件出错 plugin error: {self._who(name)} raised in hook {hook_name}: "
            f"{type(exc).__name__}: {exc}",
            info=self.plugins.get(name),
            hook=hook_name,
        )

    def _fail(self, error: PluginError) -> None:
        if self.strict:
            raise error
        self.failures.append(error)

    def _impls_in_order(self, hook_name: str) -> list[Any]:
        """The implementations of a hook in plugin registration order (built-ins first)."""
        order = {name: i for i, name in enumerate(self.plugins)}
        impls = getattr(self.pm.hook, hook_name).get_hookimpls()
        return sorted(impls, key=lambda impl: order.get(_hookimpl_plugin_name(impl), len(order)))

    def _collect(
        self, hook_name: str, kind: str, sink: Callable[[Any], None], kwargs: dict[str, Any] | None = None
    ) -> None:
        kwargs = dict(kwargs or {})
        for impl in self._impls_in_order(hook_name):
            plugin_name = _hookimpl_plugin_name(impl)
            info = self.plugins.get(plugin_name)
            who = self._who(plugin_name)
            got: list[Any] = []
            if impl.hookwrapper or impl.wrapper:
                self._fail(
                    PluginLoadError(
                        f"无效的钩子实现 invalid hook implementation: {who} implements {hook_name} "
                        "as a wrapper, which registering hooks do not support",
                        info=info,
                        hook=hook_name,
                    )
                )
                continue
            try:
                impl.function(**{a: (got.append if a == "register" else kwargs[a]) for a in impl.argnames})
            except Exception as exc:
                self._fail(self._error(impl, hook_name, exc))
                continue
            for obj in got:
                self._accept(kind, obj, plugin_name, info, who, hook_name, sink)

    def _accept(
        self,
        kind: str,
        obj: Any,
        plugin_name: str,
        info: PluginInfo | None,
        who: str,
        hook_name: str,
        sink: Callable[[Any], None],
    ) -> None:
        singular = kind[:-1]
        try:
            key = _key_of(kind, obj)
        except AttributeError as exc:
            self._fail(
                PluginLoadError(
                    f"无效的注册 invalid {singular}: {who} registered {obj!r} in hook {hook_name}: {exc}",
                    info=info,
                    hook=hook_name,
                )
            )
            return
        previous = self._owners.get((kind, key))
        if previous is not None and previous != plugin_name:
            self._fail(
                PluginLoadError(
                    f"重复注册 registered twice: {singular} {key!r} is registered by {self._who(previous)} "
                    f"and by {who} (hook {hook_name})",
                    info=info,
                    hook=hook_name,
                )
            )
            return
        if kind == "variants":
            try:
                _validate_variant(obj, self.variants)
            except ValueError as exc:
                self._fail(
                    PluginLoadError(
                        f"无效的格式变体 invalid variant: {who} registered variant {key!r} "
                        f"in hook {hook_name}: {exc}",
                        info=info,
                        hook=hook_name,
                    )
                )
                return
        self._owners[(kind, key)] = plugin_name
        if info is not None:
            info.add(kind, key)
        sink(obj)

    def _collect_all(self) -> None:
        self._collect("gd_register_variants", "variants", lambda o: self.variants.__setitem__(o.id, o))
        self._collect("gd_register_readers", "readers", lambda o: self.readers.__setitem__(o.name, o))
        self._collect("gd_register_writers", "writers", lambda o: self.writers.__setitem__(o.name, o))
        self._collect("gd_register_commands", "commands", lambda o: self.commands.__setitem__(o.name, o))
        for layout in list(self.variants.values()):
            self.rules(layout)


_VALID: weakref.WeakSet[Layout] = weakref.WeakSet()
"""Layouts already validated (layouts are immutable, so once is enough per process)."""


def _validate_variant(layout: Any, known: dict[str, Layout]) -> None:
    """Raise ``ValueError`` unless ``layout`` is a well-formed layout whose base is already registered."""
    from ..layout_check import validate_layout

    if not isinstance(layout, Layout):
        raise ValueError(f"expected a govdisclosure.layout.Layout, got {type(layout).__name__}")
    base = layout.base
    if base is not None and known.get(base.id) is not base:
        raise ValueError(
            f"its base variant {base.id!r} is not registered (register the base first, and extend the "
            f"registered object itself)"
        )
    if layout not in _VALID:
        validate_layout(layout)
        _VALID.add(layout)


def _hooks_of(pm: pluggy.PluginManager, plugin: object) -> list[str]:
    return sorted(h.name for h in (pm.get_hookcallers(plugin) or []))


def _entry_points() -> Iterable[importlib.metadata.EntryPoint]:
    """The ``govdisclosure`` entry points of every installed distribution, in ``sys.path`` order.

    Same result as ``importlib.metadata.entry_points(group=...)``, but only the distributions whose
    ``entry_points.txt`` mentions the group are parsed (this keeps CLI start-up fast).
    """
    marker = f"[{PROJECT_NAME}]"
    for dist in importlib.metadata.distributions():
        text = dist.read_text("entry_points.txt")
        if not text or marker not in text:
            continue
        yield from dist.entry_points.select(group=PROJECT_NAME)


def _unknown_hooks(pm: pluggy.PluginManager) -> list[tuple[str, str]]:
    """``(plugin name, hook name)`` of every implementation of a hook that has no specification."""
    out: list[tuple[str, str]] = []
    for name, hook in vars(pm.hook).items():
        if name.startswith("_") or hook.has_spec():
            continue
        out.extend((impl.plugin_name, name) for impl in hook.get_hookimpls() if not impl.optionalhook)
    return out


def make_registry(
    *,
    entry_points: bool | None = None,
    plugins: Sequence[object] = (),
    strict: bool = True,
    builtins: Sequence[str] = BUILTIN_PLUGINS,
) -> Registry:
    """Build a new, isolated registry.

    ``entry_points``: load third-party plugins from the ``govdisclosure`` entry-point group
    (default: yes, unless ``GOVDISCLOSURE_NO_PLUGINS`` is set to a value other than 0/false/no/off).
    ``plugins``: extra plugin objects (modules or instances) to register, e.g. in tests; a plugin
    with a ``__name__`` is registered under it.
    ``strict``: raise :class:`PluginLoadError` on the first failure (library default); the CLI passes
    ``False`` and reports :attr:`Registry.failures` as warnings.
    ``builtins``: the core modules registered first (:data:`BUILTIN_PLUGINS`).
    """
    if entry_points is None:
        entry_points = not plugins_disabled_by_env()
    pm = pluggy.PluginManager(PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    reg = Registry(pm=pm, strict=strict)

    def add(plugin: object, name: str, info: PluginInfo) -> None:
        try:
            pm.register(plugin, name=name)
        except Exception as exc:
            if pm.has_plugin(name) and pm.get_plugin(name) is plugin:  # pragma: no cover - pluggy < 1.6
                pm.unregister(name=name)
            reg._fail(
                PluginLoadError(
                    f"插件注册失败 plugin could not be registered: {info.describe()}: "
                    f"{type(exc).__name__}: {exc}",
                    info=info,
                )
            )
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
        _load_entry_points(pm, reg, add)
    for plugin_name, hook_name in _unknown_hooks(pm):
        info = reg.plugins.get(plugin_name)
        reg._fail(
            PluginLoadError(
                f"未知的钩子 unknown hook: {reg._who(plugin_name)} implements {hook_name!r}, which is not a "
                f"govdisclosure hook (a typo, or it needs a newer govdisclosure)",
                info=info,
                hook=hook_name,
            )
        )
        if pm.has_plugin(plugin_name):
            pm.unregister(name=plugin_name)
            reg.plugins.pop(plugin_name, None)
    pm.check_pending()  # nothing left to report: every unknown hook was handled above
    reg._collect_all()
    return reg


def _load_entry_points(
    pm: pluggy.PluginManager, reg: Registry, add: Callable[[object, str, PluginInfo], None]
) -> None:
    seen: dict[str, PluginInfo] = {}
    for ep in _entry_points():
        dist = getattr(ep, "dist", None)
        info = PluginInfo(
            name=ep.name,
            builtin=False,
            distribution=dist.name if dist else None,
            version=dist.version if dist else None,
            entry_point=f"{ep.name} = {ep.value}",
        )
        first = seen.get(ep.name)
        if first is not None:
            if (first.distribution, first.entry_point) != (info.distribution, info.entry_point):
                reg._fail(
                    PluginLoadError(
                        f"重复注册 registered twice: entry point name {ep.name!r} is used by "
                        f"{first.describe()} "
                        f"and by {info.describe()}",
                        info=info,
                    )
                )
            continue  # the same distribution seen twice on sys.path
        seen[ep.name] = info
        if pm.has_plugin(ep.name):
            reg._fail(
                PluginLoadError(
                    f"重复注册 registered twice: plugin name {ep.name!r} of {info.describe()} "
                    f"is already taken by "
                    f"{reg._who(ep.name)}",
                    info=info,
                )
            )
            continue
        try:
            plugin = ep.load()
        except Exception as exc:
            reg._fail(
                PluginLoadError(
                    f"插件加载失败 plugin failed to load: {info.describe()}: {type(exc).__name__}: {exc}",
                    info=info,
                )
            )
            continue
        add(plugin, ep.name, info)


_DEFAULT: Registry | None = None


def default_registry() -> Registry:
    """The registry the library functions use when none is passed (built on first use, strict)."""
    global _DEFAULT  # noqa: PLW0603
    if _DEFAULT is None:
        _DEFAULT = make_registry()
    return _DEFAULT


def reset_default_registry() -> None:
    """Forget the default registry (the next :func:`default_registry` call builds a new one)."""
    global _DEFAULT  # noqa: PLW0603
    _DEFAULT = None
