"""JSON/TOML: lossless round trips (property), strict loading with exact paths, JSON Schema export."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure import (
    NATIONAL_2019,
    NATIONAL_2021,
    CellRef,
    DocumentError,
    Placeholder,
    Report,
    build_report,
    dump_json,
    dump_toml,
    from_dict,
    json_schema,
    load_json,
    load_toml,
    to_dict,
)
from govdisclosure.testing import reports

any_report = st.sampled_from([NATIONAL_2021, NATIONAL_2019]).flatmap(
    lambda lay: reports(lay, mark_derived=True)
)


def _with_oddities(r: Report) -> Report:
    """Put a placeholder, an unprinted cell and an annotation in (what round trips must preserve)."""
    refs = [ref for ref, v in r.items() if isinstance(v, int)]
    import attrs

    r = r.with_cells({refs[0]: Placeholder.EM_DASH, refs[1]: None})
    return attrs.evolve(r, annotations={refs[2]: "（其中修订16件）"})


@given(any_report)
def test_json_round_trip_is_lossless_and_stable(r: Report) -> None:
    r = _with_oddities(r)
    text = dump_json(r)
    back = load_json(text)
    assert back == r
    assert dump_json(back) == text


@given(any_report)
def test_toml_round_trip_is_lossless_and_stable(r: Report) -> None:
    r = _with_oddities(r)
    text = dump_toml(r)
    back = load_toml(text)
    assert back == r
    assert dump_toml(back) == text


_VALIDATORS = {
    lay.id: jsonschema.Draft202012Validator(json_schema(lay)) for lay in (NATIONAL_2021, NATIONAL_2019)
}


@given(any_report)
def test_generated_documents_validate_against_the_schema(r: Report) -> None:
    _VALIDATORS[r.variant].validate(to_dict(_with_oddities(r)))


def test_decimal_stays_exact() -> None:
    r = build_report(
        NATIONAL_2021, agency="x", year=2024, cells={CellRef("fees", "fees", "amount"): Decimal("7730.28")}
    )
    doc = to_dict(r)
    assert doc["fees"]["fees"]["amount"] == "7730.28"
    assert load_json(dump_json(r)).fees.fees.amount == Decimal("7730.28")


def _doc() -> dict[str, Any]:
    r = build_report(NATIONAL_2021, agency="某县人民政府", year=2024, missing=0)
    return to_dict(r)


def _problems(doc: object) -> list[str]:
    with pytest.raises(DocumentError) as info:
        from_dict(doc)
    return [f"{p}: {m}" for p, m in info.value.problems]


def test_negative_count_is_rejected_with_its_path() -> None:
    doc = _doc()
    doc["requests"]["withheld"]["state_secret"]["commercial"] = -1
    assert _problems(doc) == [
        "requests.withheld.state_secret.commercial: expected a non-negative integer or a placeholder, got -1"
    ]


@pytest.mark.parametrize(("value", "shown"), [("3", '"3"'), (True, "true"), (3.7, "3.7"), ("abc", '"abc"')])
def test_non_integer_counts_are_rejected(value: object, shown: str) -> None:
    doc = _doc()
    doc["requests"]["received"]["natural_person"] = value
    assert _problems(doc) == [
        f"requests.received.natural_person: expected a non-negative integer or a placeholder, got {shown}"
    ]


def test_float_amount_is_rejected() -> None:
    doc = _doc()
    doc["fees"]["fees"]["amount"] = 0.04
    (problem,) = _problems(doc)
    assert problem.startswith("fees.fees.amount: expected a non-negative decimal string")


def test_unknown_keys_are_rejected_everywhere() -> None:
    doc = _doc()
    doc["requests"]["withheld"]["state_secrets"] = {}
    doc["requests"]["received"]["natual_person"] = 1
    doc["agency"]["nmae"] = "x"
    doc["extra"] = 1
    problems = _problems(doc)
    assert any(p.startswith("requests.withheld.state_secrets: unknown key") for p in problems)
    assert any(p.startswith("requests.received.natual_person: unknown key") for p in problems)
    assert any(p.startswith("agency") and "nmae" in p for p in problems)
    assert any(p.startswith("extra: unknown key") for p in problems)


def test_year_and_version_and_format_are_checked() -> None:
    doc = _doc()
    doc["year"] = "2024"
    doc["schema_version"] = 2
    problems = _problems(doc)
    assert 'year: expected a year such as 2024, got "2024"' in problems
    assert "schema_version: expected 1, got 2" in problems
    doc = _doc()
    doc["format"] = "national-2099"
    (problem,) = _problems(doc)
    assert problem.startswith("format:") and "national-2099" in problem


def test_syntax_errors_name_the_line() -> None:
    with pytest.raises(DocumentError, match=r"in.json: line 2, column 1: invalid JSON"):
        load_json('{"format":\n}', source="in.json")
    with pytest.raises(DocumentError, match=r"in.toml: line 2, column \d+: invalid TOML"):
        load_toml('format = "national-2021"\nyear = = 3\n', source="in.toml")


def test_placeholders_and_nulls_survive_json() -> None:
    doc = _doc()
    doc["appeals"]["review"]["upheld"] = "-"
    doc["appeals"]["review"]["total"] = None
    r = from_dict(doc)
    assert r.appeals.review.upheld is Placeholder.HYPHEN
    assert r.appeals.review.total is None
    assert json.loads(dump_json(r))["appeals"]["review"]["upheld"] == "-"


def test_schema_rejects_what_the_loader_rejects() -> None:
    doc = _doc()
    doc["requests"]["received"]["natural_person"] = -1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, json_schema(NATIONAL_2021))
