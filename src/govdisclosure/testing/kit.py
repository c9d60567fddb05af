"""The plugin author kit: an isolated registry, and conformance checks for variant, writer and reader plugins.

Use it from your plugin's tests::

    from govdisclosure.testing.kit import check_variant_plugin, check_writer, isolated_registry
    import my_plugin

    def test_conformance():
        check_variant_plugin(my_plugin)          # its layouts, strategies, projection, JSON/TOML
        with isolated_registry(my_plugin) as registry:
            check_writer(registry.writers["my-format"], registry=registry)

Every ``check_*`` function raises :class:`AssertionError` with a message naming the plugin, the
variant and what went wrong; it returns ``None`` when the plugin conforms.  Reports are drawn
from :func:`govdisclosure.testing.strategies.reports` (valid by construction), under every
combination of the variant's layout features.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ..errors import GovDisclosureError, PluginError
from ..layout import Layout
from ..layout_check import feature_combinations, validate_layout
from ..model import Report
from ..plugins import hookimpl
from ..plugins import registry as registry_module
from ..plugins.registry import Registry, make_registry
from ..projection import base_chain, project
from ..relations import Status
from ..serialize import dump_json, dump_toml, load_json, load_toml, to_dict
from .strategies import reports

__all__ = [
    "VariantPlugin",
    "check_reader",
    "check_variant_plugin",
    "check_writer",
    "isolated_registry",
    "variant_registry",
]

DEFAULT_EXAMPLES = 10
"""Reports drawn per variant and feature combination (writers and readers: a third of it)."""


class VariantPlugin:
    """A throw-away plugin that registers the given layouts (for checking a bare layout)."""

    def __init__(self, *layouts: Layout, name: str = "variant-under-test") -> None:
        self.layouts = layouts
        self.__name__ = name

    @hookimpl
    def gd_register_variants(self, register: Callable[[Layout], None]) -> None:
        """Register the layouts."""
        for layout in self.layouts:
            register(layout)


@contextlib.contextmanager
def isolated_registry(
    *plugins: object, entry_points: bool = False, strict: bool = True
) -> Iterator[Registry]:
    """A fresh registry with the built-ins and ``plugins`` (no installed plugin unless ``entry_points``).

    Inside the ``with`` block it is also what :func:`~govdisclosure.plugins.registry.default_registry`
    returns, so library functions called without ``registry=`` see the plugins; the previous
    default is restored on exit.  Plugin failures raise :class:`AssertionError` naming the plugin.
    """
    try:
        reg = make_registry(entry_points=entry_points, plugins=plugins, strict=strict)
    except PluginError as exc:
        raise AssertionError(f"plugin failed to load: {exc}") from exc
    saved = registry_module._DEFAULT
    registry_module._DEFAULT = reg
    try:
        yield reg
    finally:
        registry_module._DEFAULT = saved


def variant_registry(layout: Layout) -> Registry:
    """A registry holding the built-ins plus ``layout`` and its non-built-in bases (no entry points)."""
    builtin = make_registry(entry_points=False)
    chain = [lay for lay in reversed(base_chain(layout)) if builtin.variants.get(lay.id) is not lay]
    try:
        return make_registry(entry_points=False, plugins=[VariantPlugin(*chain)])
    except PluginError as exc:
        raise AssertionError(f"variant {layout.id!r} cannot be registered: {exc}") from exc


def _settings(max_examples: int) -> settings:
    return settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


def _differences(a: Report, b: Report) -> list[str]:
    out = [
        name
        for name in ("agency", "year", "features", "title", "preamble", "sections", "derived", "annotations")
        if getattr(a, name) != getattr(b, name)
    ]
    if a.layout is not b.layout:
        out.append(f"variant {a.layout.id!r} became {b.layout.id!r}")
    out.extend(
        f"{ref}: {va!r} became {vb!r}"
        for (ref, va), vb in zip(a.items(), b.cells, strict=False)
        if va != vb or type(va) is not type(vb)
    )
    return out


def _check_report(report: Report, registry: Registry, where: str) -> None:
    failed = [r.relation.id for r in report.relations() if r.status is not Status.HOLDS]
    assert not failed, f"{where}: a generated report does not satisfy its relations {failed[:5]}"
    for base in base_chain(report.layout)[1:]:
        projected = project(report, base)
        failed = [r.relation.id for r in projected.relations() if r.status is not Status.HOLDS]
        assert not failed, f"{where}: its projection onto {base.id!r} fails the base relations {failed[:5]}"
    for fmt, dump, load in (("JSON", dump_json, load_json), ("TOML", dump_toml, load_toml)):
        try:
            back = load(dump(report), registry=registry, source=f"<{fmt}>")
        except GovDisclosureError as exc:
            raise AssertionError(f"{where}: its {fmt} document does not load back: {exc}") from exc
        diffs = _differences(report, back)
        assert not diffs and to_dict(back) == to_dict(report), (
            f"{where}: the {fmt} round trip changes the report: {diffs[:5]}"
        )


def _run(strategy: st.SearchStrategy[Report], max_examples: int, body: Callable[[Report], None]) -> None:
    """Run ``body`` on drawn reports; the first failure is raised as is (no shrinking, no repr of reports)."""
    failures: list[AssertionError] = []

    @_settings(max_examples)
    @given(strategy)
    def run(report: Report) -> None:
        if failures:
            return
        try:
            body(report)
        except AssertionError as exc:
            failures.append(exc)

    run()
    if failures:
        raise failures[0]


def check_variant_plugin(
    plugin_or_layout: object, *, registry: Registry | None = None, max_examples: int = DEFAULT_EXAMPLES
) -> None:
    """Check a variant plugin (or a bare :class:`~govdisclosure.layout.Layout`).

    For every variant it registers: the layout is well-formed (:func:`validate_layout`, including
    the extension rules); under every combination of its layout features, generated reports
    satisfy all its relations, their projection onto every base variant satisfies every base
    relation, and they round-trip through JSON and TOML unchanged.
    """
    if isinstance(plugin_or_layout, Layout):
        layouts: list[Layout] = [plugin_or_layout]
        try:
            validate_layout(plugin_or_layout)
        except ValueError as exc:
            raise AssertionError(f"variant {plugin_or_layout.id!r} is not well-formed: {exc}") from exc
        registry = registry or variant_registry(plugin_or_layout)
    else:
        if registry is None:
            registry = make_registry(entry_points=False)
            if registry.pm.get_name(plugin_or_layout) is None:  # not a built-in: register it alone
                with isolated_registry(plugin_or_layout) as registry:
                    pass
        name = str(registry.pm.get_name(plugin_or_layout) or getattr(plugin_or_layout, "__name__", "?"))
        owned = registry.plugins.get(name)
        keys = owned.contributes.get("variants", []) if owned else []
        assert keys, f"plugin {name!r} registers no variant (does it implement gd_register_variants?)"
        layouts = [registry.variants[k] for k in keys]
    for layout in layouts:
        for features in feature_combinations(layout.feature_keys()):
            where = f"variant {layout.id!r} (layout features {sorted(features) or 'none'})"

            def body(report: Report, where: str = where, reg: Registry = registry) -> None:
                _check_report(report, reg, where)

            try:
                strategy = reports(layout, features=features)
                _run(strategy, max_examples, body)
            except AssertionError:
                raise
            except Exception as exc:
                raise AssertionError(
                    f"{where}: generating or checking reports failed: {type(exc).__name__}: {exc}"
                ) from exc


def _each_variant(registry: Registry, max_examples: int, body: Callable[[Report], None]) -> None:
    for vid in sorted(registry.variants):
        _run(reports(registry.variants[vid]), max_examples, body)


def _describe(report: Report) -> str:
    return f"a report of variant {report.layout.id!r} (layout features {sorted(report.features) or 'none'})"


def check_writer(
    writer: Any, *, registry: Registry | None = None, max_examples: int = DEFAULT_EXAMPLES
) -> None:
    """Check a writer: the protocol attributes, and ``write`` returns bytes for every variant's reports.

    ``registry`` gives the variants to draw from (default: the built-ins; pass the registry your
    plugin is in to include its variants).  Text writers must produce UTF-8.
    """
    name = getattr(writer, "name", None)
    assert isinstance(name, str) and name, f"writer {writer!r} needs a non-empty str `name`"
    suffix = getattr(writer, "suffix", None)
    assert isinstance(suffix, str) and suffix.startswith("."), (
        f"writer {name!r}: `suffix` must be like '.txt'"
    )
    binary = getattr(writer, "binary", None)
    assert isinstance(binary, bool), f"writer {name!r}: `binary` must be a bool"
    assert callable(getattr(writer, "write", None)), f"writer {name!r} has no write(report, **options)"
    registry = registry or make_registry(entry_points=False)

    def body(report: Report) -> None:
        try:
            data = writer.write(report)
        except Exception as exc:
            raise AssertionError(
                f"writer {name!r} failed on {_describe(report)}: {type(exc).__name__}: {exc}"
            ) from exc
        assert isinstance(data, bytes), (
            f"writer {name!r} returned {type(data).__name__} instead of bytes for {_describe(report)}"
        )
        assert data, f"writer {name!r} returned nothing for {_describe(report)}"
        if not binary:
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise AssertionError(f"text writer {name!r} did not produce UTF-8: {exc}") from exc

    _each_variant(registry, max(1, max_examples // 3), body)


def _same_numbers(a: Report, b: Report) -> list[str]:
    diffs = []
    for ref, va in a.items():
        try:
            vb = b.value(*ref)
        except KeyError:
            diffs.append(f"{ref} is missing")
            continue
        if va != vb or (isinstance(va, Decimal) != isinstance(vb, Decimal)):
            diffs.append(f"{ref}: {va!r} became {vb!r}")
    return diffs


def check_reader(
    reader: Any, *, registry: Registry | None = None, max_examples: int = DEFAULT_EXAMPLES
) -> None:
    """Check a reader: protocol attributes, ``sniff`` on arbitrary bytes, bad input, and round trips.

    ``sniff`` must return a float in [0, 1] and never raise; ``read`` on bytes that are no report
    must raise a :class:`~govdisclosure.errors.GovDisclosureError` (e.g. ``ReadError``), nothing
    else.  For every writer of the registry whose suffix the reader takes, every variant's generated
    reports are written, sniffed (score > 0) and read back with the same variant, year and cells.
    """
    name = getattr(reader, "name", None)
    assert isinstance(name, str) and name, f"reader {reader!r} needs a non-empty str `name`"
    suffixes = getattr(reader, "suffixes", None)
    assert isinstance(suffixes, tuple) and all(isinstance(s, str) and s.startswith(".") for s in suffixes), (
        f"reader {name!r}: `suffixes` must be a tuple like ('.html', '.htm')"
    )
    registry = registry or make_registry(entry_points=False)
    for head in (b"", b"\x00\x01garbage\xff", "无关的文字".encode()):
        try:
            score = reader.sniff(head, "input.bin")
        except Exception as exc:
            raise AssertionError(f"reader {name!r}: sniff raised {type(exc).__name__}: {exc}") from exc
        assert isinstance(score, float | int) and 0 <= score <= 1, (
            f"reader {name!r}: sniff returned {score!r}"
        )
    for suffix in suffixes or (".bin",):
        try:
            reader.read(b"\x00\x01garbage\xff", source=f"garbage{suffix}", registry=registry)
        except GovDisclosureError:
            pass
        except Exception as exc:
            raise AssertionError(
                f"reader {name!r} raised {type(exc).__name__} on garbage input instead of a ReadError: {exc}"
            ) from exc
    writers = [w for w in registry.writers.values() if w.suffix in suffixes]
    for writer in writers:

        def body(report: Report, writer: Any = writer) -> None:
            data = writer.write(report)
            source = f"report{writer.suffix}"
            where = f"reader {name!r} on {_describe(report)} written by writer {writer.name!r}"
            try:
                score = reader.sniff(data[:65536], source)
                result = reader.read(data, source=source, registry=registry)
            except Exception as exc:
                raise AssertionError(f"{where}: {type(exc).__name__}: {exc}") from exc
            assert score > 0, f"{where}: sniff gave 0 for the writer's own output"
            back = result.report
            assert back.layout is report.layout, f"{where}: read variant {back.layout.id!r}"
            assert back.year == report.year, f"{where}: read year {back.year} instead of {report.year}"
            diffs = _same_numbers(report, back)
            assert not diffs, f"{where}: the round trip changes cells: {diffs[:5]}"

        _each_variant(registry, max(1, max_examples // 3), body)
