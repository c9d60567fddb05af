"""Text-vs-table and section-六 fee rules, on sentences from the corpus and the spec."""

from __future__ import annotations

import html
import re

import attrs
import pytest

from corpus_support import CORPUS, report_from_expected
from govdisclosure import NATIONAL_2019, NATIONAL_2021, CellRef, Report, Section, build_report
from govdisclosure.checks import RuleContext, text_claims, validate
from govdisclosure.checks.text_rules import percent_ok
from govdisclosure.findings import Severity

HEADINGS = [s.heading for s in NATIONAL_2021.sections]


def _between(text: str, start: str, end: str | None) -> str:
    i = text.index(start) + len(start)
    j = text.index(end, i) if end else len(text)
    return text[i:j].strip()


def _sections_of(text: str) -> dict[str, str]:
    """Split a plain text at the six official headings (as the corpus prints them)."""
    out = {}
    keys = [s.key for s in NATIONAL_2021.sections]
    starts = [re.search(h.split("、")[0] + "、" + h.split("、")[1][:2], text) for h in HEADINGS]
    for i, key in enumerate(keys):
        m = starts[i]
        assert m is not None, HEADINGS[i]
        end = starts[i + 1].start() if i + 1 < len(keys) and starts[i + 1] else len(text)
        body = text[m.end() : end]
        out[key] = body.split("\n", 1)[1].strip() if "\n" in body else body.strip()
    return out


def _with_text(report: Report, texts: dict[str, str]) -> Report:
    sections = tuple(
        Section(key=s.key, heading=s.heading, text=texts.get(s.key, "")) for s in NATIONAL_2021.sections
    )
    return attrs.evolve(report, sections=sections)


def _text_findings(vr, prefix: str = "national.text.") -> list:
    return [f for f in vr.findings if f.rule_id.startswith(prefix)]


def _html_text(path) -> str:
    raw = path.read_text("utf-8", errors="replace")
    raw = re.sub(r"<script.*?</script>|<style.*?</style>", "", raw, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", "", raw))
    text = re.sub(r"[ \t\r\u3000]+", " ", text)
    return re.sub(r"\n\s*\n+", "\n", text)


def _report_102() -> Report:
    (path,) = CORPUS.glob("102-*.html")
    text = _html_text(path)
    body = text[text.index("一、总体情况") :]
    return _with_text(report_from_expected("102"), _sections_of(body))


def _report_000() -> Report:
    (path,) = CORPUS.glob("000-*.txt")
    text = path.read_text("utf-8")
    return _with_text(report_from_expected("000"), _sections_of(text))


def test_102_prose_agrees_with_its_table() -> None:
    report = _report_102()
    assert "共收到依申请信息公开26件" in report.section_text("overview")
    vr = validate(report)
    assert not _text_findings(vr)
    ctx = RuleContext(report)
    claims = text_claims(ctx)
    (received,) = [c for c in claims if c.kind == "received"]
    assert received.stated == 26 and received.match is not None and received.match.name_zh == "本年新收"
    # "全年受理网络问政182件" is not about disclosure applications: no claim
    assert all(c.stated != 182 for c in claims)
    # section 六 "政府信息公开未发生收费情况" is a fee statement
    assert not vr.by_rule("national.fees.statement")


def test_102_prose_contradicted_by_a_changed_table() -> None:
    report = _report_102()
    changed = report.with_cells({CellRef("requests", "received", "total"): 30})
    vr = validate(changed)
    (f,) = vr.by_rule("national.text.received")
    assert f.severity is Severity.WARNING and f.actual == 26
    assert "26" in f.message_zh and "30" in f.message_zh and "states 26" in f.message_en


def test_shuyang_style_received_is_new_plus_carried_over() -> None:
    cells = {
        CellRef("requests", "received", "natural_person"): 713,
        CellRef("requests", "carried_over", "natural_person"): 36,
        CellRef("requests", "disclosed", "natural_person"): 749,
    }
    texts = {
        "overview": "2023年，共受理政府信息公开申请749件，其中本年新收713件，上年结转36件，均已按时办结。"
    }
    report = _with_text(
        build_report(NATIONAL_2021, agency="沭阳县某局", year=2023, cells=cells, missing=0), texts
    )
    vr = validate(report)
    assert not _text_findings(vr)
    claims = {c.kind: c for c in text_claims(RuleContext(report))}
    assert claims["received"].match is not None
    assert claims["received"].match.name_zh == "本年新收 + 上年结转"
    assert claims["new_received"].match is not None and claims["carried_over"].match is not None
    # neither reading fits 750
    wrong = attrs.evolve(
        report, sections=(Section(key="overview", heading=HEADINGS[0], text="共受理政府信息公开申请750件。"),)
    )
    (f,) = validate(wrong).by_rule("national.text.received")
    assert "713" in f.message_zh and "749" in f.message_zh


def test_002_district_office_prose_differs_from_the_table() -> None:
    # corpus note: the prose speaks of the district office only (受理17件) while 本年新收 is 95
    text = "区政府办代表区政府受理政府信息公开申请17件。"
    report = _with_text(report_from_expected("002"), {"overview": text})
    (f,) = validate(report).by_rule("national.text.received")
    assert f.severity is Severity.WARNING and f.actual == 17 and f.expected == 95


def test_percentages_outcomes_and_applicants_on_011() -> None:
    # 011: （七）总计 3050, 予以公开 1362 → 44.66%, 部分公开 454 → 14.89% (computed by hand)
    text = (
        "全年共办结政府信息公开申请3050件，其中予以公开1362件（44.66%），部分公开454件（14.89%），"
        "不予公开178件，无法提供781件，不予处理88件，其他处理187件；结转下年度继续办理103件。"
        "自然人提出申请3001件，法人或其他组织提出申请118件。"
    )
    report = _with_text(report_from_expected("011"), {"requests": text})
    vr = validate(report)
    assert not _text_findings(vr), [f.message_zh for f in _text_findings(vr)]
    kinds = {c.kind for c in text_claims(RuleContext(report))}
    assert {"processed", "outcome", "percentage", "carried_forward", "applicants"} <= kinds
    bad = text.replace("44.66%", "45.12%").replace("无法提供781件", "无法提供780件")
    vr = validate(_with_text(report_from_expected("011"), {"requests": bad}))
    (pct,) = vr.by_rule("national.text.percentages")
    assert "44.66" in pct.message_zh and "45.12" in pct.message_zh
    (out,) = vr.by_rule("national.text.outcomes")
    assert out.actual == 780 and out.expected == 781


def test_outcomes_joined_into_one_count_on_011() -> None:
    # 011: 予以公开 1362 + 部分公开 454 = 1816 (computed by hand); the Shanghai 2019 report prints
    # "予以公开及部分公开258件" — one count for two rows, not 258 for each
    ok = "全年共办结政府信息公开申请3050件，其中予以公开及部分公开1816件。"
    report = _with_text(report_from_expected("011"), {"requests": ok})
    vr = validate(report)
    assert not _text_findings(vr), [f.message_zh for f in _text_findings(vr)]
    outcome = [c for c in text_claims(RuleContext(report)) if c.kind == "outcome"]
    assert [(c.matched, c.stated, c.candidates[0].value) for c in outcome] == [
        ("予以公开及部分公开1816件", 1816, 1816)
    ]
    assert outcome[0].candidates[0].name_zh == "予以公开 + 部分公开"
    listed = "全年共办结政府信息公开申请3050件，以予以公开、部分公开等方式办理3050件。"  # 等: some of them
    assert not [
        c for c in text_claims(RuleContext(_with_text(report, {"requests": listed}))) if c.kind == "outcome"
    ]
    bad = ok.replace("1816", "1362")
    (out,) = validate(_with_text(report_from_expected("011"), {"requests": bad})).by_rule(
        "national.text.outcomes"
    )
    assert (out.actual, out.expected) == (1362, 1816)


def test_percent_tolerance_is_the_last_printed_digit() -> None:
    assert percent_ok(1362, __import__("decimal").Decimal("44.66"), 3050)
    assert percent_ok(1362, __import__("decimal").Decimal("44.65"), 3050)  # truncated
    assert percent_ok(1362, __import__("decimal").Decimal("45"), 3050)
    assert not percent_ok(1362, __import__("decimal").Decimal("44.70"), 3050)
    assert not percent_ok(1, __import__("decimal").Decimal("1"), 0)


def test_appeals_with_sub_counts_on_002() -> None:
    # 002 表四: 复议 1/1/0/0/2; 直诉 1/0/0/0/1; 复议后 2/0/1/0/3 → 行政诉讼 4
    ok = "本年度发生政府信息公开行政复议2件，其中结果维持1件、结果纠正1件；行政诉讼4件。"
    vr = validate(_with_text(report_from_expected("002"), {"appeals": ok}))
    assert not _text_findings(vr), [f.message_zh for f in _text_findings(vr)]
    bad = "本年度发生政府信息公开行政复议3件，其中维持2件；行政诉讼5件。"
    found = validate(_with_text(report_from_expected("002"), {"appeals": bad})).by_rule(
        "national.text.appeals"
    )
    assert sorted((f.actual, f.expected) for f in found) == [(2, 1), (3, 2), (5, 4)]


def test_appeal_claims_name_the_printed_table_cells() -> None:
    # names as printed in the 2021 template's 表四 (format spec §2.4), written out by hand
    text = "行政复议2件，其中结果维持1件；行政诉讼4件。"
    claims = text_claims(RuleContext(_with_text(report_from_expected("002"), {"appeals": text})))
    appeals = [c for c in claims if c.kind == "appeals"]
    named = {(c.matched, c.candidates[0].name_zh, c.candidates[0].value) for c in appeals}
    assert named == {
        ("行政复议2件", "表四 行政复议 总计", 2),
        ("结果维持1件", "表四 行政复议 结果维持", 1),
        ("行政诉讼4件", "表四 行政诉讼 总计", 4),
    }


def test_000_no_requests_sentence_and_its_contradiction() -> None:
    report = _report_000()
    # the sentence is broken by a page break in the extracted text ("法\n\n人或其他社会组织")
    assert "未收到自然人、法人或其他社会组织" not in report.section_text("overview")
    assert "未收到自然人、法人或其他社会组织提交的政府信息公开申请" in report.section_text(
        "overview"
    ).replace("\n", "")
    vr = validate(report)
    assert not vr.by_rule("national.text.no_requests_contradiction")
    assert not vr.by_rule("national.fees.statement")  # "本机关 2024 年未收取信息处理费。"
    assert not vr.has_errors
    changed = report.with_cells({CellRef("requests", "received", "natural_person"): 3})
    (f,) = validate(changed).by_rule("national.text.no_requests_contradiction")
    assert f.severity is Severity.ERROR and f.actual == 3


def test_all_done_contradicts_carried_forward() -> None:
    cells = {
        CellRef("requests", "received", "natural_person"): 5,
        CellRef("requests", "disclosed", "natural_person"): 2,
        CellRef("requests", "carried_forward", "natural_person"): 3,
    }
    text = "本年度共收到政府信息公开申请5件，所有申请均已按时办结。"
    report = _with_text(
        build_report(NATIONAL_2021, agency="某县人民政府", year=2024, cells=cells, missing=0),
        {"overview": text},
    )
    (f,) = validate(report).by_rule("national.text.all_done_contradiction")
    assert f.severity is Severity.ERROR and f.actual == 3
    cells[CellRef("requests", "carried_forward", "natural_person")] = 0
    cells[CellRef("requests", "disclosed", "natural_person")] = 5
    done = _with_text(
        build_report(NATIONAL_2021, agency="某县人民政府", year=2024, cells=cells, missing=0),
        {"overview": text},
    )
    assert not validate(done).by_rule("national.text.all_done_contradiction")


@pytest.mark.parametrize(
    ("sentence", "fires"),
    [
        # 011 表三 四 结转下年度继续办理 总计 103 (corpus value)
        ("共收到申请3119件，均已按时办结。", True),
        ("本年度收到的政府信息公开申请均已按时办结。", True),
        ("共收到申请3119件，除103件结转下年度继续办理外，其余均已按时办结。", False),  # accounted for
        ("其中3016件均已按时办结，103件结转下年度继续办理。", False),
        ("上年结转的申请均已办结。", False),  # only those carried over
        ("2023年结转的34件申请均已办结。", False),
        ("已办结的申请均依法答复。", False),  # only those completed
    ],
)
def test_all_done_is_read_for_which_applications_it_speaks(sentence: str, fires: bool) -> None:
    report = _with_text(report_from_expected("011"), {"overview": sentence})
    found = validate(report).by_rule("national.text.all_done_contradiction")
    assert bool(found) is fires, [f.message_zh for f in found]
    assert all(f.actual == 103 for f in found)


FEE_ROW = CellRef("requests", "other.fee_unpaid", "natural_person")


def _fee_report(six: str, unpaid: int, fees_amount: str = "7730.28") -> Report:
    from decimal import Decimal

    cells = {
        CellRef("requests", "received", "natural_person"): unpaid,
        FEE_ROW: unpaid,
        CellRef("fees", "fees", "amount"): Decimal(fees_amount),
    }
    report = build_report(NATIONAL_2021, agency="某县人民政府", year=2024, cells=cells, missing=0)
    return _with_text(report, {"other": six})


def test_fee_statement_present_or_warned() -> None:
    # spec §2.3 sentences
    for six in (
        "依据《政府信息公开信息处理费管理办法》规定，2025年全市实际收取信息处理费共计400元",
        "2025 年有 1 件政府信息公开申请案件收取信息处理费 380 元",
        "2022年政府信息公开未收费",
    ):
        assert not validate(_fee_report(six, 0)).by_rule("national.fees."), six
    (f,) = validate(_fee_report("无", 0)).by_rule("national.fees.statement")
    assert f.severity is Severity.WARNING


def test_fee_statement_is_not_asked_of_reports_before_the_2021_fee_rules() -> None:
    # 国办函〔2020〕109号 was issued on 2020-11-17 and applies from 2021: a 2019 or 2020 report
    # (the 2019 format) has no fee to state; a 2021 report in the 2021 format does
    for layout, year, warned in (
        (NATIONAL_2019, 2019, False),
        (NATIONAL_2019, 2020, False),
        (NATIONAL_2021, 2021, True),
    ):
        report = _with_text(
            build_report(layout, agency="某县人民政府", year=year, missing=0), {"other": "无"}
        )
        assert bool(validate(report).by_rule("national.fees.statement")) is warned, (layout.id, year)


def test_unpaid_fee_notices_flag_no_fee_statements_never_table_two() -> None:
    # 表二 行政事业性收费 7730.28 万元 is never compared with section 六
    assert not validate(_fee_report("本机关 2024 年未收取信息处理费。", 0)).by_rule("national.fees.")
    # (六)2 > 0: notices were issued
    (f,) = validate(_fee_report("2023年度，县发展和改革局政府信息公开未发生收费情况。", 2)).by_rule(
        "national.fees.unpaid_notice"
    )
    assert f.severity is Severity.WARNING and f.actual == 2
    assert "表三 （六）2 为 2 件" in f.message_zh  # the printed row, as the reader sees it
    (g,) = validate(_fee_report("本机关 2024 年未收取信息处理费。", 2)).by_rule("national.fees.unpaid_notice")
    assert g.severity is Severity.INFO


@pytest.mark.parametrize(
    ("sentence", "fires"),
    [
        # 011 表三 一 (corpus values, added by hand): 自然人 3001, 法人或其他组织 118, 总计 3119
        ("本年度未收到政府信息公开申请。", True),
        ("本年度未收到自然人、法人或其他组织提出的政府信息公开申请。", True),
        ("本年度未收到任何公民、法人和其他组织向本机关提交的信息公开申请。", True),
        ("本年度未收到法人或其他组织提出的政府信息公开申请。", True),
        ("本年度未收到以信函方式提交的政府信息公开申请。", False),  # one channel, not all
        ("本年度未收到涉及国家秘密事项的政府信息公开申请。", False),  # one topic, not all
    ],
)
def test_no_requests_statement_is_read_for_whom_it_speaks(sentence: str, fires: bool) -> None:
    report = _with_text(report_from_expected("011"), {"overview": sentence})
    found = validate(report).by_rule("national.text.no_requests_contradiction")
    assert bool(found) is fires, [f.message_zh for f in found]
    if fires:
        (f,) = found
        legal_only = sentence.startswith("本年度未收到法人")
        assert f.actual == (118 if legal_only else 3119)
        assert ("本年新收 法人或其他组织" in f.message_zh) is legal_only
        columns = {c.column for c in f.cells}
        assert columns.isdisjoint({"natural_person", "total"}) if legal_only else columns == {"total"}


def test_no_requests_from_one_kind_of_applicant_on_002() -> None:
    # 002 表三 一: 自然人 95, every 法人或其他组织 column 0 (corpus values)
    report = report_from_expected("002")
    text = "本年度未收到法人或其他组织提出的政府信息公开申请，收到自然人申请95件。"
    assert not validate(_with_text(report, {"overview": text})).by_rule(
        "national.text.no_requests_contradiction"
    )
    natural = "本年度未收到自然人提出的政府信息公开申请。"
    (f,) = validate(_with_text(report, {"overview": natural})).by_rule(
        "national.text.no_requests_contradiction"
    )
    assert f.actual == 95 and f.cells == (CellRef("requests", "received", "natural_person"),)


def test_statements_about_appeals_or_petitions_are_not_application_counts() -> None:
    # 002: 本年新收 95, 行政复议 2, nothing carried forward
    text = (
        "本年度收到行政复议申请2件。全年受理网络问政182件。本年度未收到行政诉讼申请。"
        "群众来信来访诉求及申请均已办结。"
    )
    report = _with_text(report_from_expected("002"), {"overview": text})
    claims = text_claims(RuleContext(report))
    assert not [c for c in claims if c.kind in ("received", "processed", "applicants")]
    vr = validate(report)
    assert not vr.by_rule("national.text.no_requests_contradiction")
    assert not vr.by_rule("national.text.received")


def test_a_breakdown_after_its_total_is_not_another_total() -> None:
    # 平潭综合实验区财政金融局 2024 (tests/data/real/11): 2 processed, 1 disclosed, 1 unable
    sentence = (
        "2024年我局共收到政府网站上政府信息公开申请件2件，办结依申请2件，其中公开答复1件，无法提供1件。"
    )
    cells = {
        CellRef("requests", "received", "natural_person"): 2,
        CellRef("requests", "disclosed", "natural_person"): 1,
        CellRef("requests", "unable.not_held", "natural_person"): 1,
    }
    report = _with_text(
        build_report(NATIONAL_2021, agency="平潭综合实验区财政金融局", year=2024, cells=cells, missing=0),
        {"overview": sentence},
    )
    processed = [c for c in text_claims(RuleContext(report)) if c.kind == "processed"]
    assert [(c.matched, c.stated, c.agrees) for c in processed] == [("办结依申请2件", 2, True)]
    assert not validate(report).by_rule("national.text.processed")
    # the same part stated as a total still counts as one, and disagrees
    alone = _with_text(report, {"overview": "本年度共答复政府信息公开申请1件。"})
    (claim,) = [c for c in text_claims(RuleContext(alone)) if c.kind == "processed"]
    assert claim.agrees is False


def test_unread_cells_are_not_called_blank() -> None:
    # 平潭 2024 (tests/data/real/07): 行政规范性文件 printed "6233440" (62, 33, 440), which no rule can split
    from govdisclosure.findings import Provenance

    refs = [CellRef("regulations", "normative_documents", c) for c in ("issued", "repealed", "in_force")]
    report = build_report(NATIONAL_2021, agency="平潭综合实验区", year=2024, missing=0).with_cells(
        dict.fromkeys(refs)
    )
    blank = validate(report).by_rule("national.values.not_printed")
    assert len(blank) == 1 and "应填 0 而非留空" in blank[0].message_zh
    where = {ref: Provenance(source="07.txt", page=1, line=2, raw="6233440") for ref in refs}
    (unread,) = validate(report, provenance=where).by_rule("national.values.not_printed")
    assert "应填 0" not in unread.message_zh
    assert "“6233440”" in unread.message_zh and "未能逐格读出" in unread.message_zh
    assert "could not be read" in unread.message_en
    assert set(unread.cells) == set(refs)
