"""The validation report (JSON + schema), selection and waivers, provenance, the CLI and the catalogue."""

from __future__ import annotations

import io
import json
from pathlib import Path

import attrs
import jsonschema
from hypothesis import given, settings

from corpus_support import report_from_expected
from govdisclosure import NATIONAL_2021, CellRef, Section, dump_json
from govdisclosure.checks import RULESET_VERSION, validate, validate_result, validation_report_schema
from govdisclosure.checks.catalogue import DOC_FIELDS, catalogue, collect_rules
from govdisclosure.cli import main
from govdisclosure.findings import Finding, Provenance, Severity
from govdisclosure.plugins.registry import make_registry
from govdisclosure.reading import ReadResult
from govdisclosure.testing.strategies import perturbed_reports

ROOT = Path(__file__).parent.parent
SCHEMA = validation_report_schema()
jsonschema.Draft202012Validator.check_schema(SCHEMA)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def test_envelope_and_json_schema_on_corpus_reports() -> None:
    for cid in ("000", "001", "002", "011", "102"):
        vr = validate(report_from_expected(cid), input_name=f"{cid}.json")
        doc = vr.to_dict()
        VALIDATOR.validate(doc)
        assert json.loads(json.dumps(doc, ensure_ascii=False)) == doc
        assert doc["variant"] == "national-2021" and doc["input_name"] == f"{cid}.json"
        assert doc["ruleset_version"] == RULESET_VERSION == vr.ruleset_version
        assert doc["summary"]["has_errors"] is vr.has_errors is (cid == "001")
    bad = {**validate(report_from_expected("001")).to_dict(), "surprise": 1}
    assert not VALIDATOR.is_valid(bad)


def test_schema_version_1_requires_the_claims() -> None:
    report = report_from_expected("011")
    sections = tuple(
        Section(
            key=s.key,
            heading=s.heading,
            text="全年共办结政府信息公开申请3050件。" if s.key == "requests" else "",
        )
        for s in NATIONAL_2021.sections
    )
    doc = validate(attrs.evolve(report, sections=sections)).to_dict()
    VALIDATOR.validate(doc)
    assert doc["schema_version"] == 1 and SCHEMA["$id"].endswith("validation-report-1.json")
    (claim,) = doc["claims"]
    assert claim["stated"] == 3050 and claim["agrees"] is True  # 011: （七）总计 3050
    assert not VALIDATOR.is_valid({k: v for k, v in doc.items() if k != "claims"})
    assert not VALIDATOR.is_valid({**doc, "claims": [{**claim, "agrees": "yes"}]})
    assert not VALIDATOR.is_valid({**doc, "claims": [{**claim, "compared_with": []}]})


@settings(max_examples=15, deadline=None)
@given(perturbed_reports(NATIONAL_2021))
def test_json_schema_on_generated_reports(p) -> None:
    doc = validate(p.report).to_dict()
    VALIDATOR.validate(doc)
    assert json.loads(json.dumps(doc)) == doc


def test_findings_are_in_deterministic_order() -> None:
    report = report_from_expected("001")
    first = [f.rule_id + f.message_en for f in validate(report).findings]
    assert first == [f.rule_id + f.message_en for f in validate(report).findings]
    ranks = [f.severity.rank for f in validate(report).findings]
    assert ranks == sorted(ranks)


def test_select_ignore_and_waive() -> None:
    report = report_from_expected("001")
    only = validate(report, select=["national.appeals.total"])
    assert only.rules_run == ("national.appeals.total",)
    assert {f.rule_id for f in only.findings} == {"national.appeals.total"}
    by_tag = validate(report, select=["cross-year"])
    assert by_tag.rules_run and all(r.startswith("national.cross_year.") for r in by_tag.rules_run)
    by_severity = validate(report, select=["error"])
    assert (
        "national.locate.cell" not in by_severity.rules_run
        and "national.appeals.total" in by_severity.rules_run
    )
    ignored = validate(report, ignore=["national.appeals"])
    assert not ignored.has_errors and "national.appeals.total" not in ignored.rules_run
    waived = validate(report, waivers={"national.appeals.total": "表四已由上级更正"})
    assert not waived.has_errors
    assert waived.waived == {"national.appeals.total": "表四已由上级更正"}
    assert len(waived.waived_findings) == 2
    doc = waived.to_dict()
    VALIDATOR.validate(doc)
    (entry,) = doc["waived"]
    assert entry["reason"] == "表四已由上级更正" and len(entry["findings"]) == 2


def test_provenance_and_reader_findings_are_carried() -> None:
    report = report_from_expected("001")
    total = CellRef("appeals", "review", "total")
    prov = {total: Provenance(source="001.pdf", page=3, line=12, raw="0")}
    note = Finding(
        rule_id="reader.pdf.note", severity=Severity.INFO, message_zh="读取提示", message_en="reader note"
    )
    result = ReadResult(report=report, source="001.pdf", reader="pdf", provenance=prov, findings=(note,))
    vr = validate_result(result)
    assert vr.input_name == "001.pdf"
    assert note in vr.findings
    located = [f for f in vr.findings if f.data.get("located_cell") == str(total)]
    assert located and all("第3页 第12行" in f.message_zh for f in located)
    doc = vr.to_dict()
    VALIDATOR.validate(doc)
    rel = next(
        d for d in doc["findings"] if d["rule_id"] == "national.appeals.total" and "第3页" in d["message_zh"]
    )
    assert {"source": "001.pdf", "page": 3, "line": 12, "element": None, "raw": "0"} in rel["provenance"]


def _write(tmp_path: Path, cid: str) -> str:
    path = tmp_path / f"{cid}.json"
    path.write_text(dump_json(report_from_expected(cid)), "utf-8")
    return str(path)


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--no-plugins", *argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_text_grouped_by_table_with_numbers(tmp_path: Path) -> None:
    code, out, _ = _cli("validate", _write(tmp_path, "001"))
    assert code == 1
    lines = out.splitlines()
    table4 = next(i for i, line in enumerate(lines) if line.strip().startswith("表四"))
    errors = [line for line in lines[table4:] if "[错误]" in line]
    assert (
        len(errors) == 2
        and any("应为 11" in line for line in errors)
        and any("应为 5" in line for line in errors)
    )


def test_cli_english_json_and_exit_codes(tmp_path: Path) -> None:
    code, out, _ = _cli("validate", "--lang", "en", _write(tmp_path, "001"))
    assert code == 1 and "[error]" in out and "is printed as 0" in out and "[错误]" not in out
    code, out, _ = _cli("validate", "--format", "json", _write(tmp_path, "001"))
    doc = json.loads(out)
    VALIDATOR.validate(doc)
    assert code == 1 and doc["summary"]["error"] == 2
    assert _cli("validate", _write(tmp_path, "002"))[0] == 0
    assert _cli("validate", _write(tmp_path, "001"), "--waive", "national.appeals.total=已更正")[0] == 0
    assert _cli("validate", _write(tmp_path, "001"), "--ignore", "national.appeals.total")[0] == 0
    assert _cli("validate", _write(tmp_path, "001"), "--waive", "no-reason")[0] == 2
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", "utf-8")
    code, _, err = _cli("validate", str(bad))
    assert code == 2 and "broken.json" in err


def test_cli_previous(tmp_path: Path) -> None:
    code, out, _ = _cli(
        "validate", "--format", "json", "--previous", _write(tmp_path, "001"), _write(tmp_path, "002")
    )
    assert code == 0 and json.loads(out)["summary"]["error"] == 0
    # 011 (淮安市 2024) as the "previous" of 002: other agency, same year, 103 carried forward, 0 carried over
    code, out, _ = _cli(
        "validate", "--format", "json", "--previous", _write(tmp_path, "011"), _write(tmp_path, "002")
    )
    doc = json.loads(out)
    carry = [f for f in doc["findings"] if f["rule_id"] == "national.cross_year.carry_over"]
    assert code == 1
    assert {f["cells"][0] for f in carry} == {
        "requests.carried_over.natural_person",
        "requests.carried_over.total",
    }
    assert all((f["actual"], f["expected"]) == (0, 103) for f in carry)
    assert len([f for f in doc["findings"] if f["rule_id"] == "national.cross_year.pair"]) == 2


def test_every_rule_is_documented_and_the_catalogue_is_up_to_date() -> None:
    rules = collect_rules()
    assert len(rules) >= 30
    ids = [r.id for r, _ in rules]
    assert len(ids) == len(set(ids))
    for rule, variants in rules:
        assert set(variants) == {"national-2019", "national-2021"}, rule.id
        assert "." in rule.id and isinstance(rule.severity, Severity) and rule.tags, rule.id
        for name in DOC_FIELDS:
            assert str(getattr(rule, name, "")).strip(), (rule.id, name)
    text = (ROOT / "docs" / "rules.md").read_text("utf-8")
    assert text == catalogue(), (
        "docs/rules.md is out of date: python -m govdisclosure.checks.catalogue > docs/rules.md"
    )


def test_rules_apply_to_variants_based_on_a_national_one() -> None:
    from govdisclosure.extension import extend
    from govdisclosure.layout import Node
    from govdisclosure.plugins import hookimpl
    from govdisclosure.variants.national import NATIONAL_2019

    regional = extend(
        NATIONAL_2019,
        id="test-region-2020",
        title="某省格式",
        first_year=2020,
        last_year=2020,
        add_rows={"regulations": [("normative_documents", Node(key="extra", label="其他文件"))]},
    )

    class Plugin:
        @hookimpl
        def gd_register_variants(self, register):
            register(regional)

    registry = make_registry(entry_points=False, plugins=[Plugin()])
    ids = {r.id for r in registry.rules(registry.variant("test-region-2020"))}
    assert {"national.requests.balance", "national.structure.sections", "national.text.received"} <= ids


def test_a_crashing_plugin_rule_becomes_a_finding_and_the_others_still_run() -> None:
    from govdisclosure.checks import Rule
    from govdisclosure.plugins import hookimpl

    def boom(ctx):
        raise RuntimeError("bad plugin")

    broken = Rule(
        id="test.broken",
        severity=Severity.ERROR,
        title_zh="坏",
        title_en="broken",
        formula="-",
        basis="-",
        example_pass="-",
        example_fail="-",
        func=boom,
    )

    class Plugin:
        @hookimpl
        def gd_register_rules(self, register, layout):
            register(broken)

    registry = make_registry(entry_points=False, plugins=[Plugin()])
    vr = validate(report_from_expected("001"), registry=registry)
    (crash,) = vr.by_rule("checks.rule_crashed")
    assert "test.broken" in crash.message_en and "bad plugin" in crash.message_en
    assert len(vr.by_rule("national.appeals.total")) == 2


def test_cli_select_and_ignore_take_repeats_and_commas(tmp_path: Path) -> None:
    path = _write(tmp_path, "001")
    code, out, _ = _cli("validate", "--format", "json", "--select", "national.appeals.total,values", path)
    doc = json.loads(out)
    assert code == 1 and {f["rule_id"] for f in doc["findings"]} == {"national.appeals.total"}
    code, out, _ = _cli("validate", "--select", "structure", "--select", "national.appeals", path)
    assert code == 1 and "national.structure.sections" in out
    assert _cli("validate", "--ignore", "relations", "--ignore", "locate", path)[0] == 0
