"""Round trips: what the text and Markdown writers print, the readers read back exactly.

``read(write(r)) == r`` over generated reports of every variant (the example regional plugin
``gd-hubei`` included), all layout features drawn.  Plain text and Markdown do not carry the
agency's level or region code, and the writers print the template heading of a section the
report lacks (read back as a section with no text), so both sides are compared without those.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdisclosure.agency_level import infer_level
from govdisclosure.model import Agency, Report
from govdisclosure.plugins.registry import make_registry
from govdisclosure.reading import read_bytes
from govdisclosure.testing.strategies import reports
from grid_roundtrip_support import wrong_values

_HUBEI = Path(__file__).resolve().parents[1] / "examples" / "plugins" / "gd-hubei" / "src"
if str(_HUBEI) not in sys.path:
    sys.path.insert(0, str(_HUBEI))

import gd_hubei.plugin  # noqa: E402

REGISTRY = make_registry(entry_points=False, plugins=[gd_hubei.plugin])
LAYOUTS = sorted(REGISTRY.variants.values(), key=lambda layout: layout.id)


def _comparable(r: Report) -> Report:
    agency = Agency(name=r.agency.name, level=infer_level(r.agency.name))  # the level is read from the name
    return attrs.evolve(r, agency=agency, sections=tuple(s for s in r.sections if s.text))


def test_every_variant_is_covered() -> None:
    assert {"national-2019", "national-2021", "hubei-2020"} <= {layout.id for layout in LAYOUTS}


@pytest.mark.parametrize(
    ("writer", "reader", "name"), [("text", "text", "r.txt"), ("md", "markdown", "r.md")]
)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_read_write_round_trip(writer: str, reader: str, name: str, data: st.DataObject) -> None:
    layout = data.draw(st.sampled_from(LAYOUTS))
    report = data.draw(reports(layout))
    printed = REGISTRY.writer(writer).write(report)
    got = read_bytes(printed, source=name, registry=REGISTRY, reader=reader)
    assert got.report.layout is report.layout
    assert _comparable(got.report) == _comparable(report)
    # every printed value has its provenance
    assert {ref for ref, v in got.report.items() if v is not None} <= set(got.provenance)


@pytest.mark.parametrize("blank", [" ", "\u00a0"], ids=["space", "no-break space"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_cells_one_space_apart_read_cell_for_cell(blank: str, data: st.DataObject) -> None:
    """Text copied from a PDF viewer or a web page: the cells of a row (and of the header lines)
    one space or one no-break space apart instead of a tab."""
    layout = data.draw(st.sampled_from(LAYOUTS))
    report = data.draw(reports(layout))
    printed = REGISTRY.writer("text").write(report).decode("utf-8").replace("\t", blank)
    got = read_bytes(printed.encode("utf-8"), source="r.txt", registry=REGISTRY, reader="text")
    assert got.report.layout is report.layout and got.report.features == report.features
    assert dict(got.report.items()) == dict(report.items())


@pytest.mark.parametrize("joint", [" · ", "/", " / "])
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_row_labels_printed_as_group_paths_read_cell_for_cell(joint: str, data: st.DataObject) -> None:
    """Tables other tools export with each row's group path in its label cell
    (``三、本年度办理结果/（五）不予处理/2.重复申请``), read as plain text: the Markdown writer's
    tables (which print such paths) without Markdown's escapes, the path joined by ``joint``."""
    layout = data.draw(st.sampled_from(LAYOUTS))
    report = data.draw(reports(layout))
    printed = REGISTRY.writer("md").write(report).decode("utf-8")
    plain = re.sub(r"\\(.)", r"\1", printed).replace(" · ", joint)
    got = read_bytes(plain.encode("utf-8"), source="r.txt", registry=REGISTRY, reader="text")
    assert got.report.layout is report.layout and got.report.features == report.features
    assert dict(got.report.items()) == dict(report.items())


_NUMBERED_ROW = re.compile(r"\t[-+]?\d")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_misprinted_row_labels_never_give_a_wrong_value(data: st.DataObject) -> None:
    """OCR misreads one character of every row label that prints numbers (``一、本口新收…``): such a
    row may stay unread, but no value read may differ from the one printed — in particular the
    added 法人或其他组织小计 column is still found when the first row's label is misprinted."""
    layout = data.draw(st.sampled_from(LAYOUTS))
    report = data.draw(reports(layout))
    lines = REGISTRY.writer("text").write(report).decode("utf-8").splitlines()
    for i, line in enumerate(lines):
        label, sep, rest = line.partition("\t")
        han = [k for k, ch in enumerate(label) if "\u4e00" <= ch <= "\u9fff"]
        if sep and _NUMBERED_ROW.search(line) and han:
            k = data.draw(st.sampled_from(han))
            lines[i] = label[:k] + "口" + label[k + 1 :] + sep + rest
    got = read_bytes("\n".join(lines).encode("utf-8"), source="r.txt", registry=REGISTRY, reader="text")
    assert wrong_values(got.report, report) == {}


@pytest.mark.parametrize("joint", [" ", "\t", ""], ids=["space", "tab", "nothing"])
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_table_rows_run_together_under_their_heading_read_cell_for_cell(
    joint: str, data: st.DataObject
) -> None:
    """A crawler that lost the line breaks between a table's rows but kept the heading's own line:
    表三 (header and rows) on the one line after ``三、收到和处理政府信息公开申请情况``."""
    layout = data.draw(st.sampled_from(LAYOUTS))
    report = data.draw(reports(layout))
    (table,) = [t for t in layout.tables if t.key == "requests"]
    headings = [s.heading for s in layout.sections]
    at = headings.index(next(s.heading for s in layout.sections if s.key == table.section))
    lines = REGISTRY.writer("text").write(report).decode("utf-8").splitlines()
    start = lines.index(headings[at]) + 1
    end = lines.index(headings[at + 1]) if at + 1 < len(headings) else len(lines)
    lines[start:end] = [joint.join(line for line in lines[start:end] if line.strip())]
    got = read_bytes("\n".join(lines).encode("utf-8"), source="r.txt", registry=REGISTRY, reader="text")
    assert wrong_values(got.report, report) == {}
    want = {ref: v for ref, v in report.items() if ref.table == table.key}
    assert {ref: v for ref, v in got.report.items() if ref.table == table.key} == want


@pytest.mark.parametrize("gap", ["\n", "\n\n"], ids=["no blank line", "blank line"])
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_one_cell_per_line_reads_cell_for_cell(gap: str, data: st.DataObject) -> None:
    """Text with every table cell on a line of its own (BeautifulSoup ``get_text("\\n")``, lynx,
    docx2txt), with or without a blank line between cells: header cells one per line give the column
    order, a category's ``小计`` line takes the numbers under it, lone numbers are cells, not page
    numbers."""
    layout = data.draw(st.sampled_from(LAYOUTS))
    report = data.draw(reports(layout))
    lines = REGISTRY.writer("text").write(report).decode("utf-8").splitlines()
    cells = [c for line in lines for c in ([x for x in line.split("\t") if x.strip()] or [""])]
    got = read_bytes(gap.join(cells).encode("utf-8"), source="r.txt", registry=REGISTRY, reader="text")
    assert wrong_values(got.report, report) == {}
    if all(v is not None for _ref, v in report.items()):  # a blank cell leaves no line: nothing marks it
        assert got.report.features == report.features
        assert dict(got.report.items()) == dict(report.items())
