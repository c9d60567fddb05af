"""The fast paths of loading and checking give exactly what the careful paths give.

Each shortcut (generated table readers, plain envelope structuring, the all-relations-hold check,
the generated evaluator, sentence splitting, literal pre-filters before regular expressions) is
compared with the reference it replaces, on generated inputs that include the awkward cases
(placeholders, unprinted cells, wrong types, odd white space).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclosure import NATIONAL_2019, NATIONAL_2021, Placeholder, Report, to_dict
from govdisclosure.checks.claims import _BREAK, _SENTENCE, join_lines, split_sentences
from govdisclosure.checks.fee_rules import FEE_STATEMENT, _states_fee
from govdisclosure.checks.structure import _SPACE, MIN_PROBLEMS_CHARS, TOKEN_TEXTS, _long_enough
from govdisclosure.layout import CellRef
from govdisclosure.model import Agency, Section
from govdisclosure.relations import Status, evaluate, evaluator_for, relations_for
from govdisclosure.serialize import (
    _CONVERTER,
    _cell_paths,
    _plain_agency,
    _plain_section,
    _plan,
    _structure_rows,
    _table_reader,
)
from govdisclosure.testing import reports

any_report = st.sampled_from([NATIONAL_2021, NATIONAL_2019]).flatmap(reports)
odd_value = st.sampled_from([None, Placeholder.HYPHEN, Placeholder.NONE_ZH, -1, 0, 7, Decimal("2.5"), True])


@st.composite
def odd_reports(draw: st.DrawFn) -> Report:
    """A generated report with a few cells replaced by placeholders, blanks, negatives or wrong types."""
    report = draw(any_report)
    refs = draw(st.lists(st.sampled_from(report.resolved.cells), max_size=3))
    return report.with_cells({ref: draw(odd_value) for ref in refs}) if refs else report


@settings(max_examples=60)
@given(odd_reports())
def test_generated_evaluator_and_all_hold_agree_with_the_reference(report: Report) -> None:
    resolved = report.resolved
    reference = evaluate(relations_for(resolved), report.cells, resolved.cells)
    results = evaluator_for(resolved)(report.cells)
    assert results == reference
    assert results.all_hold() == all(r.status is Status.HOLDS for r in reference)
    assert results.problems() == [r for r in reference if r.status is not Status.HOLDS]


# -- loading ---------------------------------------------------------------------------------------

json_value = st.one_of(
    st.integers(-3, 5), st.booleans(), st.none(), st.sampled_from(["-", "3", "无", "x"]), st.just(1.5)
)


@st.composite
def table_objects(draw: st.DrawFn) -> tuple[Report, str, Any]:
    """A table object of a report as JSON, sometimes damaged (a value, a key or a row changed)."""
    report = draw(any_report)
    doc = to_dict(report)
    key = draw(st.sampled_from(report.layout.table_keys))
    obj = doc[key]
    damage = draw(st.sampled_from(["none", "value", "drop", "extra", "row"]))
    rows = [(k, v) for k, v in obj.items() if isinstance(v, dict)]
    if damage != "none" and rows:
        row_key, row = draw(st.sampled_from(rows))
        cols = [c for c, v in row.items() if not isinstance(v, dict)]
        if damage == "value" and cols:
            row[draw(st.sampled_from(cols))] = draw(json_value)
        elif damage == "drop" and cols:
            del row[draw(st.sampled_from(cols))]
        elif damage == "extra":
            row["unknown"] = 1
        elif damage == "row":
            obj[row_key] = draw(st.sampled_from([[], 3, None]))
    return report, key, obj


@settings(max_examples=80)
@given(table_objects())
def test_generated_table_reader_agrees_with_the_careful_path(case: tuple[Report, str, Any]) -> None:
    report, key, obj = case
    resolved = report.resolved
    careful: list[Any] = [None] * len(resolved.cells)
    problems: list[tuple[str, str]] = []
    _structure_rows(obj, _plan(resolved, key), key, careful, problems)
    fast = _table_reader(resolved, key)
    got = fast[0](obj) if fast is not None else None
    if got is not None:
        assert fast is not None and not problems
        start = fast[1]
        values: list[Any] = [None] * len(resolved.cells)
        values[start : start + len(got)] = got
        assert values == careful
        assert all(type(v) is int for v in got)


envelope_value = st.one_of(
    st.text(max_size=3), st.none(), st.integers(0, 3), st.sampled_from(["county", "unknown", "320829", "12"])
)


@settings(max_examples=150)
@given(
    st.dictionaries(
        st.sampled_from(["name", "level", "region_code", "heading", "key", "text", "x"]), envelope_value
    )
)
def test_plain_envelope_structuring_agrees_with_the_converter(raw: dict[str, Any]) -> None:
    for plain, cls in ((_plain_agency, Agency), (_plain_section, Section)):
        fast = plain(raw)
        if fast is not None:
            assert fast == _CONVERTER.structure(raw, cls)


def test_cell_paths_are_exactly_the_parsable_paths() -> None:
    for layout in (NATIONAL_2021, NATIONAL_2019):
        resolved = layout.resolve(frozenset(f.key for f in layout.features if f.key != "single_other_row"))
        paths = _cell_paths(resolved)
        assert set(paths.values()) == set(resolved.cells)
        assert all(CellRef.parse(text, layout) == ref for text, ref in paths.items())


# -- text ------------------------------------------------------------------------------------------

prose = st.text(
    alphabet=st.sampled_from(
        list("申请件年月日12 \u3000\t\r\n。；;！!？?费元收取信息处理未发生通知情况报告格式（试行）")
    ),
    max_size=60,
)


@settings(max_examples=200)
@given(prose)
def test_sentence_splitting_agrees_with_the_reference_expressions(text: str) -> None:
    joined = join_lines(text)
    assert joined == _BREAK.sub("", text)
    reference = [m.group(0).strip() for m in _SENTENCE.finditer(joined) if m.group(0).strip()]
    assert split_sentences(joined) == reference


@settings(max_examples=200)
@given(prose)
def test_literal_prefilters_agree_with_the_expressions(text: str) -> None:
    assert _states_fee(text) == (FEE_STATEMENT.search(text) is not None)
    stripped = _SPACE.sub("", text)
    if _long_enough(text):
        assert stripped not in TOKEN_TEXTS and len(stripped) >= MIN_PROBLEMS_CHARS


def test_every_token_text_is_shorter_than_the_minimum() -> None:
    # the section-五 shortcut relies on it: a text that long is never a token
    assert all(len(_SPACE.sub("", t)) < MIN_PROBLEMS_CHARS for t in TOKEN_TEXTS)
