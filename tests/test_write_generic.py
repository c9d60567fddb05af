"""Every writer is generic over the layout: both national variants (all layout features) and a
regional extension render in every format, every cell is found by its labels with its printed value,
the added row and table appear, and the bytes are deterministic."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_support import CORPUS_IDS, report_from_expected
from govdisclosure import NATIONAL_2019, NATIONAL_2021, CellRef, Placeholder, Report, build_report
from govdisclosure.plugins.registry import make_registry
from govdisclosure.testing import reports
from govdisclosure.writing import render
from writer_support import (
    ADDED_ROW_LABEL,
    ADDED_TABLE_COLUMNS,
    ADDED_TABLE_LABEL,
    ADDED_TABLE_ROWS,
    assign,
    check_tables,
    docx_matrices,
    html_matrices,
    md_tables,
    md_unescape,
    printed,
    read_csv,
    regional_layout,
    xlsx_matrices,
)

FORMATS = ("text", "html", "md", "docx", "xlsx", "csv")
REGIONAL = regional_layout()
REGISTRY = make_registry(entry_points=False)
ALL_2021 = frozenset(NATIONAL_2021.feature_keys())
ALL_2019 = frozenset(NATIONAL_2019.feature_keys())
SETTINGS = settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
OFFICE_SETTINGS = settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FAST = ("text", "html", "md", "csv")
OFFICE = ("docx", "xlsx")


def write(report: Report, fmt: str, **options: object) -> bytes:
    return render(report, fmt, registry=REGISTRY, **options)


def cells_ok(report: Report, fmt: str, data: bytes) -> None:
    """Read the output independently and compare every cell with the model."""
    if fmt == "html":
        check_tables(assign(html_matrices(data), report), report)
    elif fmt == "docx":
        check_tables(assign(docx_matrices(data), report), report)
    elif fmt == "xlsx":
        check_tables(assign(list(xlsx_matrices(data).values()), report), report)
    elif fmt == "csv":
        rows = read_csv(data)
        got = {(r["table"], r["row"], r["column"]): r["value"] for r in rows}
        assert got == {tuple(ref): printed(v) for ref, v in report.items()}
    elif fmt == "md":
        _md_cells_ok(report, data.decode("utf-8"))
    else:
        _text_cells_ok(report, data.decode("utf-8"))


def _md_cells_ok(report: Report, text: str) -> None:
    tables = md_tables(text)
    for t in report.resolved.tables:
        first = t.row_nodes[t.row_paths[0]].label
        (table,) = [tb for tb in tables if any(row[0].split(" · ")[-1] == first for row in tb[1])]
        header, body = table
        assert len(body) == len(t.row_paths)
        for row_path, row in zip(t.row_paths, body, strict=True):
            assert row[0].split(" · ")[-1] in {
                t.row_nodes[row_path].label,
                t.row_nodes[row_path].subtotal_label,
            }
            for col, text_ in zip(t.column_keys, row[1:], strict=True):
                ref = CellRef(t.spec.key, row_path, col)
                want = printed(report[ref], report.annotations.get(ref))
                assert text_ in {want, f"*{want}*"} if want else text_ == ""
        for col, h in zip(t.column_keys, header[1:], strict=True):
            node = t.column_nodes[col]
            assert h.split(" · ")[-1] in {node.label, node.subtotal_label}


def _text_cells_ok(report: Report, text: str) -> None:
    """Text: each data row is the line holding its label; its values are the line's last fields."""
    lines = text.split("\n")
    for t in report.resolved.tables:
        n = len(t.column_keys)
        if t.spec.single_line:
            labels = [t.row_nodes[p].label for p in t.row_paths]
            header = next(i for i, ln in enumerate(lines) if "\t" in ln and labels[0] in ln.split("\t"))
            value_line = next(
                i
                for i in range(header, len(lines))
                if not any(
                    f in {nd.label for nd in (*t.column_nodes.values(), *t.row_nodes.values())}
                    for f in lines[i].split("\t")
                    if f
                )
                and "\t" in lines[i]
            )
            values = lines[value_line].split("\t")
            assert len(values) == n * len(t.row_paths)
            for k, row_path in enumerate(t.row_paths):
                for j, col in enumerate(t.column_keys):
                    ref = CellRef(t.spec.key, row_path, col)
                    assert values[k * n + j] == printed(report[ref], report.annotations.get(ref))
            continue
        row_labels = {nd.label for nd in t.row_nodes.values()}
        for row_path in t.row_paths:
            node = t.row_nodes[row_path]
            has_children = any(c.present(report.features) for c in node.children)
            key = [node.label, node.subtotal_label] if has_children else [node.label]
            (at,) = [i for i, ln in enumerate(lines) if all(k in ln.split("\t") for k in key)]
            fields = lines[at].split("\t")
            for col in t.column_keys:
                cnode = t.column_nodes[col]
                has_sub = any(c.present(report.features) for c in cnode.children)
                # the column's position: its label in the nearest header line above (no row label on it)
                clabel = cnode.subtotal_label if has_sub else cnode.label
                pos = next(
                    ln.split("\t").index(clabel)
                    for ln in reversed(lines[:at])
                    if clabel in ln.split("\t") and not row_labels & set(ln.split("\t"))
                )
                ref = CellRef(t.spec.key, row_path, col)
                assert fields[pos] == printed(report[ref], report.annotations.get(ref)), (ref, lines[at])


def _mixed_report() -> Report:
    """Every kind of value: ints, an exact 万元 amount, a placeholder, a not-printed cell, an annotation."""
    r = build_report(
        NATIONAL_2021,
        agency="某县人民政府",
        year=2024,
        cells={
            CellRef("fees", "fees", "amount"): Decimal("0.040"),
            CellRef("requests", "received", "research"): Placeholder.SLASH,
            CellRef("regulations", "normative_documents", "issued"): 22,
        },
        sections={"overview": "总体情况。\n\n第二段。", "problems": "问题。"},
        missing=0,
    )
    r = r.with_cells({CellRef("appeals", "review", "pending"): None})
    return attrs.evolve(
        r, annotations={CellRef("regulations", "normative_documents", "issued"): "（其中修订16件）"}
    )


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("corpus_id", CORPUS_IDS)
def test_corpus_reports_in_every_format(fmt: str, corpus_id: str) -> None:
    report = report_from_expected(corpus_id)
    cells_ok(report, fmt, write(report, fmt))


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_kind_of_value(fmt: str) -> None:
    report = _mixed_report()
    data = write(report, fmt)
    cells_ok(report, fmt, data)
    if fmt in ("text", "html", "md"):
        text = md_unescape(data.decode("utf-8")) if fmt == "md" else data.decode("utf-8")
        assert "22（其中修订16件）" in text
        assert "0.040" in text


VARIANT_CASES = pytest.mark.parametrize(
    ("layout", "features"),
    [
        (NATIONAL_2021, frozenset()),
        (NATIONAL_2021, ALL_2021),
        (NATIONAL_2021, frozenset({"single_other_row"})),
        (NATIONAL_2019, frozenset()),
        (NATIONAL_2019, ALL_2019),
    ],
    ids=["2021", "2021-all-features", "2021-single-other", "2019", "2019-all-features"],
)
"""The variants and feature sets every writer is exercised on."""


@pytest.mark.parametrize("fmt", FAST)
@VARIANT_CASES
@SETTINGS
@given(data=st.data())
def test_generated_reports_of_both_variants(
    fmt: str, layout: object, features: frozenset[str], data: st.DataObject
) -> None:
    report = data.draw(reports(layout, features=features, mark_derived=True))  # type: ignore[arg-type]
    cells_ok(report, fmt, write(report, fmt))


@pytest.mark.parametrize("fmt", OFFICE)
@VARIANT_CASES
@OFFICE_SETTINGS
@given(data=st.data())
def test_generated_reports_of_both_variants_office(
    fmt: str, layout: object, features: frozenset[str], data: st.DataObject
) -> None:
    report = data.draw(reports(layout, features=features, mark_derived=True))  # type: ignore[arg-type]
    cells_ok(report, fmt, write(report, fmt))


@pytest.mark.parametrize("fmt", FORMATS)
@SETTINGS
@given(data=st.data())
def test_regional_variant_added_row_and_table_appear(fmt: str, data: st.DataObject) -> None:
    report = data.draw(reports(REGIONAL, features=frozenset()))
    out = write(report, fmt)
    cells_ok(report, fmt, out)
    if fmt in ("docx", "xlsx"):
        matrices = docx_matrices(out) if fmt == "docx" else list(xlsx_matrices(out).values())
        texts = {cell for m in matrices for row in m for cell in row}
    elif fmt == "csv":
        texts = {v for r in read_csv(out) for v in (r["row_label"], r["column_label"])}
    else:
        text = out.decode("utf-8")
        texts = set(
            (md_unescape(text) if fmt == "md" else text)
            .replace("\t", "\n")
            .replace(" · ", "\n")
            .replace("|", "\n")
            .replace("<", "\n")
            .replace(">", "\n")
            .replace("*", "\n")
            .split("\n")
        )
        texts = {t.strip() for t in texts}
    for label in (ADDED_ROW_LABEL, *ADDED_TABLE_ROWS, *ADDED_TABLE_COLUMNS):
        assert label in texts, (fmt, label)
    if fmt != "csv":
        assert ADDED_TABLE_LABEL in texts, fmt


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_is_deterministic(fmt: str) -> None:
    report = report_from_expected("011")
    first = write(report, fmt)
    again = write(attrs.evolve(report), fmt)
    assert first == again


def test_every_format_is_registered_with_its_suffix_and_media_type() -> None:
    want = {"text": ".txt", "html": ".html", "md": ".md", "docx": ".docx", "xlsx": ".xlsx", "csv": ".csv"}
    for name, suffix in want.items():
        w = REGISTRY.writers[name]
        assert (w.name, w.suffix, w.binary) == (name, suffix, name in {"docx", "xlsx"})
        assert w.media_type.split(";")[0] in {
            "text/plain",
            "text/html",
            "text/markdown",
            "text/csv",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
        assert REGISTRY.owner("writer", name) is not None


def test_the_cell_check_detects_a_wrong_value() -> None:
    """The label-anchored check used above fails when two printed values are swapped."""
    report = report_from_expected("011")
    matrices = assign(html_matrices(write(report, "html")), report)
    m = matrices["requests"]
    a = CellRef("requests", "received", "natural_person")
    b = CellRef("requests", "received", "commercial")
    assert report[a] != report[b]
    row = next(r for r in m if "一、本年新收政府信息公开申请数量" in r)
    i = row.index(printed(report[a]))
    j = i + 1
    row[i], row[j] = row[j], row[i]
    with pytest.raises(AssertionError):
        check_tables(matrices, report)
