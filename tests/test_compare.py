"""Year-over-year comparison: per-cell changes with thresholds, text reuse (重复率), text/JSON/HTML."""

from __future__ import annotations

import io
import json
from pathlib import Path

import attrs
import pytest

from corpus_support import expected, report_from_expected
from govdisclosure import NATIONAL_2019, NATIONAL_2021, CellRef, build_report, dump_json
from govdisclosure.cli import main
from govdisclosure.compare import (
    Thresholds,
    compare,
    comparison_dict,
    comparison_html,
    comparison_text,
    text_reuse,
)
from govdisclosure.model import Section

RECEIVED_NP = CellRef("requests", "received", "natural_person")

OLD_TEXT = (
    "2023年，本机关认真贯彻落实政府信息公开条例，全面推进政务公开工作。"
    "全年主动公开政府信息1234条，其中政策文件56件。"
    "依申请公开工作规范有序，按时答复率100%。"
)
# the same paragraph with the year and the figures updated: a copy-paste
COPIED_TEXT = (
    "2024年，本机关认真贯彻落实政府信息公开条例，全面推进政务公开工作。"
    "全年主动公开政府信息1301条，其中政策文件61件。"
    "依申请公开工作规范有序，按时答复率100%。"
)
NEW_TEXT = "今年重点围绕优化营商环境，新建惠企政策专栏，开展政策解读直播活动，听取企业意见建议并逐条回应。"


def test_corpus_cell_changes_from_2023_to_2024() -> None:
    old, new = report_from_expected("001"), report_from_expected("002")
    comp = compare(old, new)
    by_cell = {c.cell: c for c in comp.cells}
    before = expected("001")["t3"]["一"][0]
    after = expected("002")["t3"]["一"][0]
    change = by_cell[RECEIVED_NP]
    assert (change.old, change.new, change.absolute) == (before, after, after - before)
    assert change.relative == pytest.approx((after - before) / before)
    assert change.flagged == (abs(after - before) >= 10 and abs((after - before) / before) >= 0.5)
    assert change.label.startswith("表三")
    assert {c.cell for c in comp.changes()} == {c.cell for c in comp.cells if c.old != c.new}
    assert not comp.only_old and not comp.only_new  # both print （六） as one row


def test_thresholds_decide_what_is_flagged() -> None:
    old = build_report(NATIONAL_2021, agency="甲县", year=2023, cells={RECEIVED_NP: 100}, missing=0)
    small = build_report(NATIONAL_2021, agency="甲县", year=2024, cells={RECEIVED_NP: 109}, missing=0)
    big = build_report(NATIONAL_2021, agency="甲县", year=2024, cells={RECEIVED_NP: 160}, missing=0)
    from_zero = build_report(NATIONAL_2021, agency="甲县", year=2024, cells={RECEIVED_NP: 12}, missing=0)
    zero = build_report(NATIONAL_2021, agency="甲县", year=2023, missing=0)

    def flagged(a: object, b: object, th: Thresholds | None = None) -> bool:
        return {c.cell: c for c in compare(a, b, thresholds=th).cells}[RECEIVED_NP].flagged  # type: ignore[arg-type]

    assert not flagged(old, small)  # +9: under the absolute threshold
    assert flagged(old, big)  # +60, +60 %
    assert not flagged(old, big, Thresholds(relative=0.7))
    assert flagged(zero, from_zero)  # from 0: relative change undefined, absolute 12
    change = {c.cell: c for c in compare(zero, from_zero).cells}[RECEIVED_NP]
    assert change.relative is None and change.absolute == 12
    finding = next(f for f in compare(old, big).findings if f.rule_id == "compare.large_change")
    assert finding.cells == (RECEIVED_NP,) and "100" in finding.message_zh and "160" in finding.message_zh


def test_text_reuse_counts_sentences_and_characters() -> None:
    n, reused, sshare, cshare = text_reuse(OLD_TEXT, COPIED_TEXT)
    assert (n, reused, sshare) == (3, 3, 1.0)  # digits folded: every sentence is carried over
    assert cshare is not None and cshare > 0.95
    n, reused, sshare, cshare = text_reuse(OLD_TEXT, NEW_TEXT)
    assert (n, reused, sshare) == (1, 0, 0.0) and cshare is not None and cshare < 0.2
    half = OLD_TEXT.split("。", maxsplit=1)[0] + "。" + NEW_TEXT
    _, reused, sshare, cshare = text_reuse(OLD_TEXT, half)
    assert reused == 1 and sshare == 0.5 and cshare is not None and 0.2 < cshare < 0.6
    assert text_reuse(OLD_TEXT, "") == (0, 0, None, None)


def _with_text(year: int, text: str) -> object:
    r = build_report(
        NATIONAL_2021, agency="甲县", year=year, missing=0, sections={"overview": text, "problems": text}
    )
    return r


def test_copy_paste_is_flagged_per_section() -> None:
    old = _with_text(2023, OLD_TEXT)
    new = build_report(
        NATIONAL_2021,
        agency="甲县",
        year=2024,
        missing=0,
        sections={"overview": COPIED_TEXT, "problems": NEW_TEXT},
    )
    comp = compare(old, new)  # type: ignore[arg-type]
    levels = {s.key: s.level for s in comp.sections}
    assert levels == {"overview": "copy_paste", "problems": "rewrite"}
    (finding,) = [f for f in comp.findings if f.rule_id == "compare.copy_paste"]
    assert finding.data["section"] == "overview"
    assert NATIONAL_2021.section("overview").heading in finding.message_zh


def test_outputs_text_json_html() -> None:
    old = _with_text(2023, OLD_TEXT)
    new = attrs.evolve(_with_text(2024, COPIED_TEXT)).with_cells({RECEIVED_NP: 40})  # type: ignore[attr-defined]
    comp = compare(old, new)  # type: ignore[arg-type]
    data = json.loads(json.dumps(comparison_dict(comp), ensure_ascii=False))
    (cell,) = [c for c in data["cells"] if c["cell"] == str(RECEIVED_NP)]
    assert (cell["old"], cell["new"], cell["absolute"], cell["flagged"]) == (0, 40, 40, True)
    assert data["old"]["year"] == 2023 and data["new"]["year"] == 2024
    assert {s["key"]: s["level"] for s in data["sections"]}["overview"] == "copy_paste"
    text = comparison_text(comp)
    assert "0 → 40" in text and "疑似照搬" in text
    assert "copy_paste" in comparison_text(comp, lang="en")
    page = comparison_html(comp)
    assert page.startswith("<!DOCTYPE html>") and 'class="flag"' in page and "疑似照搬" in page


def test_2019_to_2021_compares_only_comparable_cells() -> None:
    old = build_report(NATIONAL_2019, agency="甲县", year=2020, missing=1)
    new = build_report(NATIONAL_2021, agency="甲县", year=2021, missing=1)
    comp = compare(old, new)
    only_2019 = {t.key for t in NATIONAL_2019.tables} - {t.key for t in NATIONAL_2021.tables}
    assert only_2019 <= {r.table for r in comp.only_old}
    appeals = [c for c in comp.cells if c.cell.table == "appeals"]
    assert appeals and all(c.old == c.new for c in appeals)


def test_cli_compare(tmp_path: Path) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(dump_json(report_from_expected("001")), "utf-8")
    new.write_text(
        dump_json(
            attrs.evolve(
                report_from_expected("002"),
                sections=(Section(heading="一、总体情况", key="overview", text=OLD_TEXT),),
            )
        ),
        "utf-8",
    )
    out = io.StringIO()
    assert main(["compare", str(old), str(new), "--format", "json"], stdout=out, stderr=io.StringIO()) == 0
    data = json.loads(out.getvalue())
    (cell,) = [c for c in data["cells"] if c["cell"] == str(RECEIVED_NP)]
    assert (cell["old"], cell["new"]) == (expected("001")["t3"]["一"][0], expected("002")["t3"]["一"][0])
    html_out = tmp_path / "cmp.html"
    assert (
        main(
            ["compare", str(old), str(new), "--format", "html", "-o", str(html_out)],
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
        == 0
    )
    assert "<table>" in html_out.read_text("utf-8")
