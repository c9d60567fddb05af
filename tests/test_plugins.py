"""The plugin registry with deliberately broken plugins, discovered through real entry points.

Each broken plugin is a fake installed distribution: ``<tmp>/<name>-<version>.dist-info`` with
``METADATA`` and ``entry_points.txt``, plus its module, with ``<tmp>`` on ``sys.path`` — so
``importlib.metadata`` discovers it exactly like an installed package.  The expected messages are
written out in full here: they must name the entry point, the distribution and its version, and
the hook.
"""

from __future__ import annotations

import io
import json
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from govdisclosure.cli import main
from govdisclosure.errors import PluginError, UnknownVariantError
from govdisclosure.plugins import hookimpl
from govdisclosure.plugins.registry import (
    NO_PLUGINS_ENV,
    PluginLoadError,
    VariantHints,
    make_registry,
    plugins_disabled_by_env,
)

WHO = "plugin '{ep}' (entry point '{ep} = {mod}', distribution {dist} {version})"


class FakeDists:
    """Writes fake installed distributions with a ``govdisclosure`` entry point into one sys.path dir."""

    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root = root
        self.modules: list[str] = []
        monkeypatch.syspath_prepend(str(root))
        self._monkeypatch = monkeypatch

    def add(self, dist: str, module: str, source: str, *, ep: str | None = None, version: str = "0.1") -> str:
        """Install ``module`` as distribution ``dist``; returns how messages should name the plugin."""
        ep = ep or module
        info = self.root / f"{dist.replace('-', '_')}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n", "utf-8")
        (info / "entry_points.txt").write_text(f"[govdisclosure]\n{ep} = {module}\n", "utf-8")
        (self.root / f"{module}.py").write_text(textwrap.dedent(source), "utf-8")
        self._monkeypatch.delitem(sys.modules, module, raising=False)
        self.modules.append(module)
        return WHO.format(ep=ep, mod=module, dist=dist, version=version)

    def cleanup(self) -> None:
        for module in self.modules:
            sys.modules.pop(module, None)


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeDists]:
    monkeypatch.delenv(NO_PLUGINS_ENV, raising=False)
    dists = FakeDists(tmp_path, monkeypatch)
    yield dists
    dists.cleanup()


IMPORT_ERROR = """
import gd_not_installed_dependency
"""

RAISES_IN_HOOK = """
from govdisclosure.plugins import hookimpl

@hookimpl
def gd_register_writers(register):
    raise RuntimeError("template file missing")
"""

DUPLICATE_VARIANT = """
import attrs
from govdisclosure.plugins import hookimpl
from govdisclosure.variants.national import NATIONAL_2021

@hookimpl
def gd_register_variants(register):
    register(attrs.evolve(NATIONAL_2021))  # a copy claiming the ID national-2021
"""

REDEFINES_NATIONAL_ROW = """
import attrs
from govdisclosure.extension import extend
from govdisclosure.plugins import hookimpl
from govdisclosure.variants.national import NATIONAL_2021

layout = extend(NATIONAL_2021, id="redef-2021", title="t")
table = layout.table("regulations")
rows = (attrs.evolve(table.rows[0], label="规章制度"), *table.rows[1:])
tables = tuple(attrs.evolve(t, rows=rows) if t.key == "regulations" else t for t in layout.tables)
LAYOUT = attrs.evolve(layout, tables=tables)

@hookimpl
def gd_register_variants(register):
    register(LAYOUT)
"""

TYPO_HOOK = """
from govdisclosure.plugins import hookimpl

@hookimpl
def gd_register_writer(register):
    pass
"""

GOOD_VARIANT = """
from govdisclosure.extension import extend
from govdisclosure.layout import Node
from govdisclosure.plugins import hookimpl
from govdisclosure.variants.national import NATIONAL_2021

LAYOUT = extend(NATIONAL_2021, id="region-2021", title="t",
                add_rows={"regulations": [("regulations", Node(key="extra", label="其他文件"))]})

@hookimpl
def gd_register_variants(register):
    register(LAYOUT)
"""


def test_import_error_names_entry_point_distribution_and_version(fake: FakeDists) -> None:
    who = fake.add("gd-broken", "gd_broken_import", IMPORT_ERROR, ep="broken", version="0.3.1")
    with pytest.raises(PluginLoadError) as info:
        make_registry()
    assert str(info.value) == (
        f"插件加载失败 plugin failed to load: {who}: "
        "ModuleNotFoundError: No module named 'gd_not_installed_dependency'"
    )
    assert who == "plugin 'broken' (entry point 'broken = gd_broken_import', distribution gd-broken 0.3.1)"
    err = info.value
    assert (err.plugin, err.distribution, err.version, err.hook) == ("broken", "gd-broken", "0.3.1", None)
    assert isinstance(err, PluginError)


def test_hook_that_raises_names_the_hook(fake: FakeDists) -> None:
    who = fake.add("gd-raiser", "gd_raiser", RAISES_IN_HOOK, version="2.0")
    with pytest.raises(PluginLoadError) as info:
        make_registry()
    assert str(info.value) == (
        f"插件出错 plugin error: {who} raised in hook gd_register_writers: "
        "RuntimeError: template file missing"
    )
    assert info.value.hook == "gd_register_writers"


def test_duplicate_variant_id_names_both_plugins(fake: FakeDists) -> None:
    who = fake.add("gd-dup", "gd_dup", DUPLICATE_VARIANT)
    with pytest.raises(PluginLoadError) as info:
        make_registry()
    assert str(info.value) == (
        "重复注册 registered twice: variant 'national-2021' is registered by built-in plugin "
        f"'govdisclosure.variants.plugin' and by {who} (hook gd_register_variants)"
    )


def test_two_third_party_plugins_claiming_one_variant(fake: FakeDists) -> None:
    first = fake.add("gd-region-a", "gd_region_a", GOOD_VARIANT)
    second = fake.add("gd-region-b", "gd_region_b", GOOD_VARIANT)
    reg = make_registry(strict=False)
    messages = [str(f) for f in reg.failures]
    # entry points are loaded in discovery order; whichever came first keeps the ID
    owner = reg.owner("variant", "region-2021")
    assert owner in ("gd_region_a", "gd_region_b")
    earlier, later = (first, second) if owner == "gd_region_a" else (second, first)
    assert messages == [
        f"重复注册 registered twice: variant 'region-2021' is registered by {earlier} and by {later} "
        "(hook gd_register_variants)"
    ]


def test_invalid_layout_redefining_a_national_row(fake: FakeDists) -> None:
    who = fake.add("gd-redef", "gd_redef", REDEFINES_NATIONAL_ROW, version="1.0")
    with pytest.raises(PluginLoadError) as info:
        make_registry()
    assert str(info.value) == (
        f"无效的格式变体 invalid variant: {who} registered variant 'redef-2021' "
        "in hook gd_register_variants: "
        "may not redefine base row regulations.rules (规章): its label '规章' became '规章制度'"
    )


def test_misspelt_hook_is_reported_and_the_plugin_dropped(fake: FakeDists) -> None:
    who = fake.add("gd-typo", "gd_typo", TYPO_HOOK)
    with pytest.raises(PluginLoadError) as info:
        make_registry()
    assert str(info.value) == (
        f"未知的钩子 unknown hook: {who} implements 'gd_register_writer', which is not a govdisclosure hook "
        "(a typo, or it needs a newer govdisclosure)"
    )
    lenient = make_registry(strict=False)
    assert "gd_typo" not in lenient.plugins
    assert [f.hook for f in lenient.failures if isinstance(f, PluginLoadError)] == ["gd_register_writer"]


def test_lenient_registry_keeps_everything_else(fake: FakeDists) -> None:
    fake.add("gd-broken", "gd_broken_import2", IMPORT_ERROR, ep="broken")
    fake.add("gd-raiser", "gd_raiser2", RAISES_IN_HOOK)
    fake.add("gd-region", "gd_region_ok", GOOD_VARIANT)
    reg = make_registry(strict=False)
    assert len(reg.failures) == 2
    assert {"national-2021", "national-2019", "region-2021"} <= set(reg.variants)
    assert {"json", "toml"} <= set(reg.writers)
    assert reg.owner("variant", "region-2021") == "gd_region_ok"
    assert reg.plugins["gd_region_ok"].distribution == "gd-region"
    assert reg.plugins["gd_region_ok"].contributes == {"variants": ["region-2021"]}


def test_builtins_keep_their_names_against_a_third_party_writer(fake: FakeDists) -> None:
    who = fake.add(
        "gd-json",
        "gd_json_writer",
        """
        from govdisclosure.plugins import hookimpl

        class W:
            name = "json"
            suffix = ".json"
            binary = False
            def write(self, report, **options):
                return b"{}"

        @hookimpl
        def gd_register_writers(register):
            register(W())
    """,
    )
    reg = make_registry(strict=False)
    assert reg.owner("writer", "json") == "govdisclosure.native"
    assert [str(f) for f in reg.failures] == [
        "重复注册 registered twice: writer 'json' is registered by built-in plugin 'govdisclosure.native' "
        f"and by {who} (hook gd_register_writers)"
    ]


def test_choose_variant_failure_names_the_plugin(fake: FakeDists) -> None:
    who = fake.add(
        "gd-chooser",
        "gd_chooser",
        """
        from govdisclosure.plugins import hookimpl

        @hookimpl
        def gd_choose_variant(hints):
            raise LookupError("no region table")
    """,
    )
    reg = make_registry()
    with pytest.raises(PluginLoadError) as info:
        reg.choose_variant(VariantHints(year=2022))
    assert str(info.value) == (
        f"插件出错 plugin error: {who} raised in hook gd_choose_variant: LookupError: no region table"
    )


def test_choose_variant_falls_through_to_national() -> None:
    reg = make_registry(entry_points=False)
    assert reg.choose_variant(VariantHints(year=2020)).id == "national-2019"
    hints = VariantHints(labels=frozenset({"本年制发件数"}), year=2020)
    assert reg.choose_variant(hints).id == "national-2021"
    with pytest.raises(UnknownVariantError):
        reg.variant("nowhere-2020")


@pytest.mark.parametrize(
    ("labels", "year", "variant"),
    [
        # the detection heuristic of format spec §3.3, written out by hand
        ({"本年新制作数量", "第二十条第（九）项"}, 2024, "national-2019"),
        ({"其他对外管理服务事项"}, 2023, "national-2019"),
        ({"本年制发件数", "本年收费金额（单位：万元）"}, 2019, "national-2021"),
        ({"现行有效件数", "行政许可"}, 2020, "national-2021"),
        ({"行政许可", "自然人"}, 2020, "national-2019"),  # labels both print: the year decides
        ({"行政许可", "自然人"}, 2021, "national-2021"),
    ],
)
def test_choose_variant_by_labels_only_one_format_prints(labels: set[str], year: int, variant: str) -> None:
    hints = VariantHints(labels=frozenset(labels), year=year)
    assert make_registry(entry_points=False).choose_variant(hints).id == variant


def test_cli_warns_and_keeps_working(fake: FakeDists) -> None:
    who = fake.add("gd-broken", "gd_broken_cli", IMPORT_ERROR, ep="broken")
    out, err = io.StringIO(), io.StringIO()
    assert main(["plugins", "--json"], stdout=out, stderr=err) == 0
    assert err.getvalue() == (
        f"govdisclosure: 警告 warning: 插件加载失败 plugin failed to load: {who}: "
        "ModuleNotFoundError: No module named 'gd_not_installed_dependency' — 已跳过 skipped\n"
    )
    listing = json.loads(out.getvalue())
    assert [f["plugin"] for f in listing["failures"]] == ["broken"]
    assert listing["failures"][0]["distribution"] == "gd-broken"
    assert "broken" not in {p["name"] for p in listing["plugins"]}
    # the rest of the CLI works
    out = io.StringIO()
    assert main(["example"], stdout=out, stderr=io.StringIO()) == 0
    assert out.getvalue().startswith("#")


@pytest.mark.parametrize("how", ["flag", "env"])
def test_no_plugins_flag_and_environment(fake: FakeDists, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    fake.add("gd-broken", "gd_broken_off", IMPORT_ERROR, ep="broken")
    fake.add("gd-region", "gd_region_off", GOOD_VARIANT)
    args = ["plugins", "--json"]
    if how == "flag":
        args = ["--no-plugins", *args]
    else:
        monkeypatch.setenv(NO_PLUGINS_ENV, "1")
    out, err = io.StringIO(), io.StringIO()
    assert main(args, stdout=out, stderr=err) == 0
    assert err.getvalue() == ""
    listing = json.loads(out.getvalue())
    assert listing["failures"] == []
    assert all(p["builtin"] for p in listing["plugins"])
    if how == "env":
        assert set(make_registry().variants) == {"national-2021", "national-2019"}


def test_env_values() -> None:
    assert not plugins_disabled_by_env({})
    for off in ("", "0", "false", "No", " off "):
        assert not plugins_disabled_by_env({NO_PLUGINS_ENV: off}), off
    for on in ("1", "yes", "true"):
        assert plugins_disabled_by_env({NO_PLUGINS_ENV: on}), on


def test_plugins_command_text_lists_builtins_and_failures(fake: FakeDists) -> None:
    fake.add("gd-region", "gd_region_txt", GOOD_VARIANT, version="4.5")
    fake.add("gd-broken", "gd_broken_txt", IMPORT_ERROR, ep="broken")
    out = io.StringIO()
    assert main(["plugins"], stdout=out, stderr=io.StringIO()) == 0
    text = out.getvalue()
    assert "govdisclosure.variants.plugin  [内置 built-in]\n" in text
    assert "  格式变体 variants: national-2021, national-2019\n" in text
    assert "gd_region_txt  [gd-region 4.5]\n  entry point: gd_region_txt = gd_region_txt\n" in text
    assert "加载失败 failed to load:\n  插件加载失败 plugin failed to load: plugin 'broken'" in text


def test_plugins_json_lists_every_builtin_module() -> None:
    from govdisclosure.plugins.registry import BUILTIN_PLUGINS

    out = io.StringIO()
    assert main(["--no-plugins", "plugins", "--json"], stdout=out, stderr=io.StringIO()) == 0
    listing = json.loads(out.getvalue())
    assert [p["name"] for p in listing["plugins"]] == list(BUILTIN_PLUGINS)
    assert all(p["builtin"] and p["distribution"] == "govdisclosure" for p in listing["plugins"])
    commands = {c for p in listing["plugins"] for c in p["commands"]}
    assert "plugins" in commands
    assert {"json", "toml"} <= {w for p in listing["plugins"] for w in p["writers"]}


def test_wrapper_on_a_registering_hook_is_rejected() -> None:
    class Wrapper:
        __name__ = "wrapping_plugin"

        @hookimpl(wrapper=True)
        def gd_register_writers(self, register: object) -> Iterator[None]:
            yield

    with pytest.raises(PluginLoadError) as info:
        make_registry(entry_points=False, plugins=[Wrapper()])
    assert str(info.value) == (
        "无效的钩子实现 invalid hook implementation: plugin 'wrapping_plugin' implements gd_register_writers "
        "as a wrapper, which registering hooks do not support"
    )
