"""The plugin author kit: passes on every built-in and on the example plugin, fails clearly on wrong ones."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import attrs
import pytest

import govdisclosure.variants.plugin as national_plugin
from govdisclosure.errors import ReadError
from govdisclosure.extension import extend
from govdisclosure.layout import Node
from govdisclosure.model import Report
from govdisclosure.native import JsonWriter, NativeReader
from govdisclosure.plugins import hookimpl
from govdisclosure.plugins.registry import Registry, default_registry, make_registry
from govdisclosure.reading import ReadResult
from govdisclosure.testing.kit import (
    VariantPlugin,
    check_reader,
    check_variant_plugin,
    check_writer,
    isolated_registry,
)
from govdisclosure.variants.national import NATIONAL_2019, NATIONAL_2021

FEW = 3


@pytest.fixture(scope="module")
def installed() -> Registry:
    """Built-ins plus the installed example plugin (gd-hubei, installed by the Makefile)."""
    return make_registry(entry_points=True)


def test_installed_registry_has_the_example_plugin(installed: Registry) -> None:
    assert installed.owner("variant", "hubei-2020") == "hubei"
    assert installed.plugins["hubei"].distribution == "gd-hubei"


def test_kit_passes_on_every_builtin_variant() -> None:
    builtin = make_registry(entry_points=False)
    assert set(builtin.variants) == {"national-2021", "national-2019"}
    for layout in builtin.variants.values():
        check_variant_plugin(layout, max_examples=FEW)
    check_variant_plugin(national_plugin, max_examples=FEW)


def test_kit_passes_on_every_builtin_writer(installed: Registry) -> None:
    builtin = make_registry(entry_points=False)
    assert {"json", "toml"} <= set(builtin.writers)
    for name in builtin.writers:
        # drawn from every variant of the installed registry, the regional one included
        check_writer(installed.writers[name], registry=installed, max_examples=FEW)


def test_kit_passes_on_every_builtin_reader(installed: Registry) -> None:
    builtin = make_registry(entry_points=False)
    assert "native" in builtin.readers
    for name in builtin.readers:
        # round trips through every writer of a matching suffix, for every variant (the regional one too)
        check_reader(installed.readers[name], registry=installed, max_examples=FEW)


def test_kit_passes_on_the_example_plugin(installed: Registry) -> None:
    plugin = installed.pm.get_plugin("hubei")
    check_variant_plugin(plugin, registry=installed, max_examples=FEW)
    check_writer(installed.writers["hubei-summary"], registry=installed, max_examples=FEW)
    check_reader(installed.readers["native"], registry=installed, max_examples=FEW)


# -- deliberately wrong plugins ---------------------------------------------------------------


def _redefined() -> Any:
    layout = extend(NATIONAL_2019, id="wrong-2020", title="t")
    table = layout.table("regulations")
    rows = (attrs.evolve(table.rows[0], label="规章制度"), *table.rows[1:])
    return attrs.evolve(
        layout, tables=tuple(attrs.evolve(t, rows=rows) if t is table else t for t in layout.tables)
    )


def test_kit_rejects_a_layout_redefining_a_national_row() -> None:
    with pytest.raises(AssertionError) as info:
        check_variant_plugin(_redefined())
    assert str(info.value) == (
        "variant 'wrong-2020' is not well-formed: may not redefine base row regulations.rules (规章): "
        "its label '规章' became '规章制度'"
    )


def test_kit_rejects_a_plugin_registering_it() -> None:
    plugin = VariantPlugin(_redefined(), name="wrong_plugin")
    with pytest.raises(AssertionError) as info:
        check_variant_plugin(plugin)
    assert str(info.value).startswith(
        "plugin failed to load: 无效的格式变体 invalid variant: plugin 'wrong_plugin' registered variant "
        "'wrong-2020' in hook gd_register_variants: may not redefine base row regulations.rules"
    )


def test_kit_rejects_a_plugin_without_variants() -> None:
    class NoVariants:
        __name__ = "no_variants"

        @hookimpl
        def gd_register_writers(self, register: Any) -> None:
            register(JsonWriter(name="json2"))

    with pytest.raises(AssertionError, match="plugin 'no_variants' registers no variant"):
        check_variant_plugin(NoVariants())


def test_kit_rejects_an_unsatisfiable_regional_relation() -> None:
    # 其他文件 must equal 规章 + 规范性文件 of the same column AND 规章 alone: only all-zero reports satisfy
    from govdisclosure.layout import AxisSum

    extra = Node(key="extra", label="其他文件")
    layout = extend(
        NATIONAL_2021,
        id="odd-2021",
        title="t",
        add_rows={"regulations": [("regulations", extra)]},
        add_relations={
            "regulations": [
                AxisSum(
                    id="odd.a",
                    axis="row",
                    total="extra",
                    parts=("rules", "normative_documents"),
                    description_zh="a",
                    description_en="a",
                ),
                AxisSum(
                    id="odd.b",
                    axis="row",
                    total="extra",
                    parts=("rules",),
                    description_zh="b",
                    description_en="b",
                ),
            ]
        },
    )
    with pytest.raises(AssertionError) as info:
        check_variant_plugin(layout, max_examples=20)
    assert str(info.value).startswith("variant 'odd-2021' (layout features ")
    assert "a generated report does not satisfy its relations ['odd.b[" in str(info.value)


@attrs.frozen
class RaisingWriter:
    name: str = "fragile"
    suffix: str = ".txt"
    binary: bool = False

    def write(self, report: Report, **options: Any) -> bytes:
        if report.layout.id == "national-2019":
            raise KeyError("procurement")
        return b"ok"


@attrs.frozen
class StrWriter:
    name: str = "stringly"
    suffix: str = ".txt"
    binary: bool = False

    def write(self, report: Report, **options: Any) -> Any:
        return "text, not bytes"


def test_kit_rejects_a_writer_failing_on_one_variant() -> None:
    with pytest.raises(AssertionError) as info:
        check_writer(RaisingWriter(), max_examples=FEW)
    assert str(info.value).startswith(
        "writer 'fragile' failed on a report of variant 'national-2019' (layout features "
    )
    assert str(info.value).endswith("): KeyError: 'procurement'")


def test_kit_rejects_a_writer_returning_str() -> None:
    with pytest.raises(
        AssertionError, match="writer 'stringly' returned str instead of bytes for a report of"
    ):
        check_writer(StrWriter(), max_examples=FEW)


def test_kit_rejects_a_writer_without_suffix() -> None:
    with pytest.raises(AssertionError, match=r"writer 'nosuffix': `suffix` must be like '\.txt'"):
        check_writer(attrs.evolve(StrWriter(), name="nosuffix", suffix="txt"))


class LossyReader(NativeReader):
    """Loses the 规章 本年制发件数 cell (reads it as not printed)."""

    def read(self, data: bytes, *, source: str, registry: Any) -> ReadResult:
        result = super().read(data, source=source, registry=registry)
        ref = result.report.resolved.cells[0]
        return attrs.evolve(result, report=result.report.with_cells({ref: None}))


class CrashingReader(NativeReader):
    def read(self, data: bytes, *, source: str, registry: Any) -> ReadResult:
        if not data.lstrip().startswith((b"{", b"f", b"#")):
            raise IndexError("list index out of range")
        return super().read(data, source=source, registry=registry)


def test_kit_rejects_a_reader_losing_a_cell() -> None:
    with pytest.raises(AssertionError) as info:
        check_reader(LossyReader(name="lossy"), max_examples=FEW)
    message = str(info.value)
    assert message.startswith("reader 'lossy' on a report of variant ")
    assert "written by writer 'json': the round trip changes cells: ['regulations.rules." in message
    assert "became None" in message


def test_kit_rejects_a_reader_crashing_on_garbage() -> None:
    with pytest.raises(AssertionError) as info:
        check_reader(CrashingReader(name="crashy"))
    assert str(info.value) == (
        "reader 'crashy' raised IndexError on garbage input instead of a ReadError: list index out of range"
    )


def test_garbage_gives_read_error_in_the_native_reader() -> None:
    with pytest.raises(ReadError):
        NativeReader().read(b"\x00garbage", source="g.json", registry=make_registry(entry_points=False))


def test_kit_rejects_a_sniff_out_of_range() -> None:
    class Overconfident(NativeReader):
        def sniff(self, head: bytes, name: str) -> float:
            return 3.0

    with pytest.raises(AssertionError, match=r"reader 'sure': sniff returned 3\.0"):
        check_reader(Overconfident(name="sure"))


# -- isolated registries -------------------------------------------------------------------------


def test_isolated_registry_is_the_default_inside_and_restored_after() -> None:
    before = default_registry()
    layout = extend(NATIONAL_2021, id="iso-2021", title="t")
    with isolated_registry(VariantPlugin(layout, name="iso")) as reg:
        assert default_registry() is reg
        assert reg.variant("iso-2021") is layout
        assert "hubei" not in reg.plugins  # installed plugins stay out unless asked for
        assert reg.owner("variant", "iso-2021") == "iso"
    assert default_registry() is before
    with isolated_registry(entry_points=True) as reg:
        assert "hubei" in reg.plugins


def test_isolated_registry_turns_plugin_failures_into_assertions() -> None:
    class Broken:
        __name__ = "broken_hook"

        @hookimpl
        def gd_register_readers(self, register: Any) -> None:
            raise OSError("disk full")

    with pytest.raises(AssertionError) as info, isolated_registry(Broken()):
        pass
    assert str(info.value) == (
        "plugin failed to load: 插件出错 plugin error: plugin 'broken_hook' raised in hook "
        "gd_register_readers: OSError: disk full"
    )


def test_pytest_fixtures_are_opt_in(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text(
        'pytest_plugins = ["govdisclosure.testing.pytest_plugin"]\n', "utf-8"
    )
    (tmp_path / "test_uses_fixtures.py").write_text(
        textwrap.dedent(
            """
            from govdisclosure.plugins.registry import default_registry
            from govdisclosure.testing.kit import VariantPlugin
            from govdisclosure.extension import extend
            from govdisclosure.variants.national import NATIONAL_2019

            def test_isolated(gd_isolated_registry):
                layout = extend(NATIONAL_2019, id="fx-2020", title="t")
                reg = gd_isolated_registry(VariantPlugin(layout, name="fx"))
                assert default_registry() is reg and reg.variant("fx-2020") is layout

            def test_installed(gd_registry):
                assert "hubei" in gd_registry.plugins
            """
        ),
        "utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "2 passed" in proc.stdout
