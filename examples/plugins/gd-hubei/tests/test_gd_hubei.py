"""End-to-end tests of gd-hubei through its installed ``govdisclosure`` entry point only.

Nothing here imports ``gd_hubei``: the variant, rule and writer are reached through a fresh
``make_registry()`` or the ``govdisclosure`` command line, as a user would.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from hubei_support import VARIANT, hubei_report

from govdisclosure.checks import validate
from govdisclosure.layout import CellRef, Layout
from govdisclosure.plugins.registry import Registry, VariantHints
from govdisclosure.projection import project
from govdisclosure.reading import read_bytes
from govdisclosure.serialize import dump_json, dump_toml, load_json, load_toml
from govdisclosure.testing.kit import check_variant_plugin, check_writer
from govdisclosure.writing import render

EXTRA_LABEL = "其他主动公开文件"  # format spec §5.2: 湖北's extra row under 第二十条第（一）项
RULE = "hubei.other_documents.published_within_total"


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed command line in a fresh interpreter (real entry-point discovery)."""
    return subprocess.run(
        [sys.executable, "-m", "govdisclosure", *args], capture_output=True, text=True, cwd=cwd, check=False
    )


def test_listed_by_plugins_json() -> None:
    proc = cli("plugins", "--json")
    assert proc.returncode == 0, proc.stderr
    listing = json.loads(proc.stdout)
    by_name = {p["name"]: p for p in listing["plugins"]}
    hubei = by_name["hubei"]
    assert hubei["builtin"] is False
    assert (hubei["distribution"], hubei["version"]) == ("gd-hubei", "0.1.0")
    assert hubei["entry_point"] == "hubei = gd_hubei.plugin"
    assert hubei["variants"] == [VARIANT]
    assert hubei["rules"] == [RULE]
    assert hubei["writers"] == ["hubei-summary"]
    assert set(hubei["hooks"]) == {
        "gd_register_variants",
        "gd_register_rules",
        "gd_register_writers",
        "gd_choose_variant",
    }
    builtins = [p for p in listing["plugins"] if p["builtin"]]
    assert "national-2019" in [v for p in builtins for v in p["variants"]]
    assert listing["failures"] == []


def test_variant_extends_national_2019_with_the_hubei_row(registry: Registry, hubei: Layout) -> None:
    base = registry.variant("national-2019")
    assert hubei.base is base
    table = hubei.resolve().table("regulations")
    base_table = base.resolve().table("regulations")
    # the national rows first, unchanged, then the extra row
    assert table.row_paths[: len(base_table.row_paths)] == base_table.row_paths
    extra = [p for p in table.row_paths if p not in base_table.row_paths]
    assert [table.row_nodes[p].label for p in extra] == [EXTRA_LABEL]
    assert table.column_keys == base_table.column_keys


def test_a_report_validates_and_the_rule_runs(registry: Registry, hubei: Layout) -> None:
    report = hubei_report(hubei)
    vr = validate(report, registry=registry)
    assert RULE in vr.rules_run
    assert [f.rule_id for f in vr.findings if f.severity == "error"] == []
    assert RULE not in {f.rule_id for f in vr.findings}
    # the projection onto national-2019 passes the national rules too
    national = project(report, registry.variant("national-2019"))
    assert national.layout.id == "national-2019"
    assert [f.rule_id for f in validate(national, registry=registry).findings if f.severity == "error"] == []


def test_rule_flags_more_published_than_total(registry: Registry, hubei: Layout) -> None:
    report = hubei_report(hubei, published=150, total_published=140)
    findings = [f for f in validate(report, registry=registry).findings if f.rule_id == RULE]
    assert len(findings) == 1
    (finding,) = findings
    assert finding.severity == "warning"
    assert finding.cells == (
        CellRef("regulations", "other_documents", "published"),
        CellRef("regulations", "other_documents", "total_published"),
    )
    assert (finding.actual, finding.expected) == (150, 140)
    assert EXTRA_LABEL in finding.message_zh


def test_json_and_toml_round_trip(registry: Registry, hubei: Layout) -> None:
    report = hubei_report(hubei)
    assert load_json(dump_json(report), registry=registry) == report
    assert load_toml(dump_toml(report), registry=registry) == report
    doc = json.loads(dump_json(report))
    assert doc["format"] == VARIANT
    assert doc["regulations"]["other_documents"] == {"produced": 12, "published": 12, "total_published": 140}


def test_cli_converts_json_to_toml_and_back(tmp_path: Path, registry: Registry, hubei: Layout) -> None:
    report = hubei_report(hubei)
    src = tmp_path / "report.json"
    src.write_text(dump_json(report), encoding="utf-8")
    to_toml = cli("convert", str(src), "--to", "toml", "-o", str(tmp_path / "report.toml"))
    assert to_toml.returncode == 0, to_toml.stderr
    back = cli("convert", str(tmp_path / "report.toml"), "--to", "json")
    assert back.returncode == 0, back.stderr
    assert load_json(back.stdout, registry=registry) == report
    assert json.loads(back.stdout)["regulations"]["other_documents"]["total_published"] == 140


def test_renders_with_every_writer(registry: Registry, hubei: Layout) -> None:
    report = hubei_report(hubei)
    for name, writer in registry.writers.items():
        data = render(report, name, registry=registry)
        assert data, name
        if not writer.binary:
            data.decode("utf-8")
    summary = render(report, "hubei-summary", registry=registry).decode("utf-8")
    assert f"{EXTRA_LABEL}：" in summary
    assert "对外公开总数量 140" in summary


def test_published_html_reads_back_as_hubei(registry: Registry, hubei: Layout) -> None:
    report = hubei_report(hubei)
    html = render(report, "html", registry=registry)
    result = read_bytes(html, source="report.html", registry=registry)
    assert result.reader == "html"
    assert result.report.layout is hubei  # chosen by the plugin's gd_choose_variant
    assert result.report.cells == report.cells


def test_cli_renders_the_summary(tmp_path: Path, hubei: Layout) -> None:
    src = tmp_path / "report.json"
    src.write_text(dump_json(hubei_report(hubei)), encoding="utf-8")
    proc = cli("convert", str(src), "--to", "hubei-summary")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("武汉市生态环境局 2020 [hubei-2020]\n")


def test_choose_variant(registry: Registry) -> None:
    with_row = VariantHints(year=2020, labels=frozenset({EXTRA_LABEL, "本年新制作数量"}))
    assert registry.choose_variant(with_row).id == VARIANT
    without = VariantHints(year=2020, labels=frozenset({"本年新制作数量"}))
    assert registry.choose_variant(without).id == "national-2019"
    later = VariantHints(year=2021, labels=frozenset({EXTRA_LABEL, "本年制发件数"}))
    assert registry.choose_variant(later).id == "national-2021"


def test_conformance_kit(registry: Registry) -> None:
    plugin = registry.pm.get_plugin("hubei")
    check_variant_plugin(plugin, registry=registry, max_examples=5)
    check_writer(registry.writers["hubei-summary"], registry=registry, max_examples=6)
