"""The Markdown reader: OCR/LLM conversions with table fragments, generic headers and ``<br>``."""

from __future__ import annotations

from pathlib import Path

import pytest

from govdisclosure import CellRef
from govdisclosure.cells import Placeholder
from govdisclosure.errors import ReadError
from govdisclosure.plugins.registry import make_registry
from govdisclosure.reading import read_bytes, read_path

FIXTURES = Path(__file__).parent / "data" / "readers"


@pytest.fixture(scope="module")
def registry():  # type: ignore[no-untyped-def]
    return make_registry(entry_points=False)


@pytest.fixture(scope="module")
def fragments(registry):  # type: ignore[no-untyped-def]
    return read_path(FIXTURES / "fragments-2024.md", registry=registry)


def _row(result, table: str, path: str) -> list[object]:  # type: ignore[no-untyped-def]
    rt = result.report.resolved.table(table)
    return [result.report.value(table, path, c) for c in rt.column_keys]


def test_markdown_is_sniffed(fragments) -> None:  # type: ignore[no-untyped-def]
    assert fragments.reader == "markdown"


def test_fragments_values(fragments) -> None:  # type: ignore[no-untyped-def]
    rep = fragments.report
    assert (rep.agency.name, rep.year) == ("某某市生态环境局", 2024)
    assert rep.title == "某某市生态环境局2024年政府信息公开工作年度报告"
    assert _row(fragments, "regulations", "normative_documents") == [2, 1, 15]  # label with <br>
    assert _row(fragments, "licensing", "licensing") == [1203]
    assert _row(fragments, "enforcement", "coercion") == [Placeholder.SLASH]
    assert _row(fragments, "requests", "received") == [8, 1, 0, 0, 0, 0, 9]
    assert _row(fragments, "requests", "partially_disclosed") == [1, 0, 0, 0, 0, 0, 1]
    assert _row(fragments, "requests", "withheld.internal_affairs") == [0] * 7  # second fragment
    assert _row(fragments, "requests", "unable.not_held") == [2, 0, 0, 0, 0, 0, 2]
    assert _row(fragments, "requests", "total") == [7, 1, 0, 0, 0, 0, 8]
    assert _row(fragments, "appeals", "review") == [0, 1, 0, 0, 1]
    assert _row(fragments, "appeals", "lawsuit_after_review") == [0] * 5
    assert all(r.status.value == "holds" for r in rep.relations())


def test_fragments_sections_without_generic_headers(fragments) -> None:  # type: ignore[no-untyped-def]
    rep = fragments.report
    assert [s.key for s in rep.sections] == [
        "overview",
        "proactive",
        "requests",
        "appeals",
        "problems",
        "other",
    ]
    assert rep.section_text("requests") == ""
    assert rep.section_text("problems") == "一是**公开深度**不够。"
    assert not [f for f in fragments.findings if f.rule_id != "read.layout_features"]


def test_provenance_points_at_markdown_lines(fragments) -> None:  # type: ignore[no-untyped-def]
    p = fragments.provenance[CellRef("requests", "unable.not_held", "natural_person")]
    line = (FIXTURES / "fragments-2024.md").read_text("utf-8").split("\n")[p.line - 1]
    assert "本机关不掌握相关" in line and p.raw == "2"


def test_markdown_without_report_is_a_read_error(registry) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ReadError):
        read_bytes(b"# Hello\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", source="x.md", registry=registry)


def test_sniffing_prefers_markdown_for_pipe_tables_whatever_the_name(registry) -> None:  # type: ignore[no-untyped-def]
    data = (FIXTURES / "fragments-2024.md").read_bytes()
    assert read_bytes(data, source="download.txt", registry=registry).reader == "markdown"
    text = (FIXTURES / "full-2023.txt").read_bytes()
    assert read_bytes(text, source="download.bin", registry=registry).reader == "text"


def test_plugin_kit_conformance(registry) -> None:  # type: ignore[no-untyped-def]
    """The plugin author kit's reader checks (protocol, sniff, garbage input, writer round trips)."""
    from govdisclosure.testing.kit import check_reader

    check_reader(registry.readers["markdown"], registry=registry, max_examples=10)
    check_reader(registry.readers["text"], registry=registry, max_examples=10)
