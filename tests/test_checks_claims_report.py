"""The validation report lists the number claims of the prose: compared with what, which reading agreed."""

from __future__ import annotations

import io
import json

import attrs
import jsonschema

from corpus_support import report_from_expected
from govdisclosure import NATIONAL_2021, CellRef, Report, Section, build_report, dump_json
from govdisclosure.checks import validate, validation_report_schema
from govdisclosure.cli import main

VALIDATOR = jsonschema.Draft202012Validator(validation_report_schema())
BOTH_ZH, BOTH_EN = "本年新收 + 上年结转", "new + carried over"
NEW_ZH, NEW_EN = "本年新收", "new applications"


def _report(new: int, carried: int | None, text: str) -> Report:
    """A balanced 表三 (everything received was disclosed) with ``text`` as section 一."""
    cells = {
        CellRef("requests", "received", "natural_person"): new,
        CellRef("requests", "carried_over", "natural_person"): carried or 0,
        CellRef("requests", "disclosed", "natural_person"): new + (carried or 0),
    }
    report = build_report(NATIONAL_2021, agency="沭阳县某局", year=2023, cells=cells, missing=0)
    if carried is None:  # 上年结转 not printed
        report = report.with_cells(
            {CellRef("requests", "carried_over", c): None for c in ("natural_person", "total")}
        )
    texts = {"overview": text, "problems": "部分工作人员业务不够熟悉，下一步将加强培训。"}
    sections = tuple(
        Section(key=s.key, heading=s.heading, text=texts.get(s.key, "")) for s in NATIONAL_2021.sections
    )
    return attrs.evolve(report, sections=sections)


def _claim(doc: dict, kind: str) -> dict:
    (c,) = [c for c in doc["claims"] if c["kind"] == kind]
    return c


def test_shuyang_received_reports_the_new_plus_carried_over_reading() -> None:
    # 沭阳-style: 受理749件 = 本年新收 713 + 上年结转 36
    report = _report(713, 36, "2023年，共受理政府信息公开申请749件，其中本年新收713件，上年结转36件。")
    vr = validate(report)
    assert not [f for f in vr.findings if f.rule_id.startswith("national.text.")]
    doc = vr.to_dict()
    VALIDATOR.validate(doc)
    received = _claim(doc, "received")
    assert received["section"] == "overview" and received["stated"] == 749
    assert received["text"] == "受理政府信息公开申请749件"
    assert received["agrees"] is True
    assert received["reading"]["name_zh"] == BOTH_ZH and received["reading"]["value"] == 749
    assert [(x["name_zh"], x["value"]) for x in received["compared_with"]] == [(NEW_ZH, 713), (BOTH_ZH, 749)]
    assert received["compared_with"][1]["cells"] == ["requests.received.total", "requests.carried_over.total"]
    new = _claim(doc, "new_received")
    assert new["stated"] == 713 and new["agrees"] is True and new["reading"]["name_zh"] == NEW_ZH
    carried = _claim(doc, "carried_over")
    assert carried["stated"] == 36 and carried["agrees"] is True
    assert carried["reading"]["cells"] == ["requests.carried_over.total"]


def test_received_equal_to_new_reports_the_new_reading() -> None:
    report = _report(26, 4, "本年共受理政府信息公开申请26件，本年新收政府信息公开申请26件。")
    doc = validate(report).to_dict()
    VALIDATOR.validate(doc)
    received = _claim(doc, "received")
    assert received["agrees"] is True and received["reading"]["name_zh"] == NEW_ZH
    assert received["reading"]["name_en"] == NEW_EN and received["reading"]["value"] == 26
    new = _claim(doc, "new_received")
    assert new["stated"] == 26 and new["reading"]["name_zh"] == NEW_ZH
    assert [x["value"] for x in new["compared_with"]] == [26]


def test_a_differing_and_a_not_assessable_claim_are_listed_too() -> None:
    vr = validate(_report(713, 36, "共受理政府信息公开申请750件。"))
    (claim,) = vr.claims
    assert claim.agrees is False and claim.reading is None
    assert len(vr.by_rule("national.text.received")) == 1
    doc = vr.to_dict()
    VALIDATOR.validate(doc)
    (c,) = doc["claims"]
    assert (
        c["agrees"] is False
        and c["reading"] is None
        and [x["value"] for x in c["compared_with"]] == [713, 749]
    )
    # 上年结转 not printed: 750 ≠ 713 and the other reading cannot be formed
    doc = validate(_report(713, None, "共受理政府信息公开申请750件。")).to_dict()
    VALIDATOR.validate(doc)
    (c,) = doc["claims"]
    assert c["agrees"] is None and c["reading"] is None
    assert [x["value"] for x in c["compared_with"]] == [713, None]


def test_percentage_claim_names_its_base() -> None:
    # 011: （七）总计 3050, 予以公开 1362 → 44.66% (by hand)
    report = report_from_expected("011")
    sections = tuple(
        Section(
            key=s.key,
            heading=s.heading,
            text="全年共办结政府信息公开申请3050件，其中予以公开1362件（44.66%）。"
            if s.key == "requests"
            else "",
        )
        for s in NATIONAL_2021.sections
    )
    doc = validate(attrs.evolve(report, sections=sections)).to_dict()
    VALIDATOR.validate(doc)
    pct = _claim(doc, "percentage")
    assert pct["percent"] == "44.66" and pct["stated"] == 1362 and pct["section"] == "requests"
    assert pct["agrees"] is True and pct["reading"]["name_zh"] == "办理结果总计"
    assert pct["reading"]["value"] == 3050
    assert _claim(doc, "processed")["reading"]["value"] == 3050


def test_claims_follow_the_rule_selection() -> None:
    report = _report(713, 36, "2023年，共受理政府信息公开申请749件，其中本年新收713件，上年结转36件。")
    only = validate(report, select=["national.text.received"])
    assert [c.kind for c in only.claims] == ["received"]
    assert validate(report, ignore=["text"]).claims == ()


def test_validate_text_block_in_chinese_and_english(tmp_path) -> None:
    report = _report(713, 36, "2023年，共受理政府信息公开申请749件。")
    path = tmp_path / "shuyang.json"
    path.write_text(dump_json(report), encoding="utf-8")

    def run(*argv: str) -> str:
        out, err = io.StringIO(), io.StringIO()
        assert main(["validate", *argv, str(path)], stdout=out, stderr=err) == 0, err.getvalue()
        return out.getvalue()

    zh = run()
    block = zh[zh.index("正文数字核对") :]
    assert "[一致]" in block and "“受理政府信息公开申请749件”" in block and f"{BOTH_ZH} 749" in block
    assert "一" in block.splitlines()[1]  # the section numeral
    en = run("--lang", "en")
    assert "正文数字核对" not in en
    block = en[en.index("numbers in the text") :]
    assert "[agrees] overview" in block and f"{BOTH_EN} 749" in block
    doc = json.loads(run("--format", "json"))
    VALIDATOR.validate(doc)
    assert _claim(doc, "received")["reading"]["name_en"] == BOTH_EN


def test_differing_claim_in_text_output_lists_both_readings(tmp_path) -> None:
    path = tmp_path / "wrong.json"
    path.write_text(dump_json(_report(713, 36, "共受理政府信息公开申请750件。")), encoding="utf-8")
    out = io.StringIO()
    main(["validate", "--lang", "en", str(path)], stdout=out, stderr=io.StringIO())
    line = next(x for x in out.getvalue().splitlines() if x.strip().startswith("[differs]"))
    assert "750" in line and f"{NEW_EN} 713" in line and f"{BOTH_EN} 749" in line
