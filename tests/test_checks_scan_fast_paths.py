"""The literal-anchored scans and shared evaluations of the checks give exactly what they replace.

Each shortcut of the rule engine — finding a statistics period from its ``月``, a stated count
from its ``件``, the sentences around a word, the leftmost ``未收取…费`` from each ``收``, the
relation sums computed at once, the tuple-slice cell getters, the count check through
``array`` — is compared with the regular expression, the sentence split or the evaluator it
stands for, on generated inputs that include the awkward cases (white space of every kind,
non-ASCII digits, stops inside the window, placeholders, wrong types, huge and negative values).
"""

from __future__ import annotations

from decimal import Decimal
from operator import itemgetter

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclosure import NATIONAL_2019, NATIONAL_2021, Placeholder, Report, Section
from govdisclosure.checks.claims import (
    STATED,
    TEXT_SECTIONS,
    _sentences_around,
    has_stated_count,
    join_lines,
    sentences,
    sentences_containing,
    sentences_with,
    split_sentences,
)
from govdisclosure.checks.engine import RuleContext
from govdisclosure.checks.fee_rules import NO_FEE, _no_fee
from govdisclosure.checks.locate import _groups
from govdisclosure.checks.plan import _getter, plan_for
from govdisclosure.checks.structure import _PERIOD, _PERIOD_END, _period_ends, _period_in
from govdisclosure.findings import Finding, FindingStatus
from govdisclosure.layout import CellRef, ValueKind
from govdisclosure.plugins.registry import make_registry
from govdisclosure.relations import Status, evaluate, evaluator_for, relations_for
from govdisclosure.testing import reports

REGISTRY = make_registry(entry_points=False)

# white space of several kinds (\s and str.isspace agree on all of them), ASCII and other digits
SPACES = [" ", "\u3000", "\t", "\n", "\r", "\x0b", "\x1c", "\u00a0", "\u2003"]
DIGITS = ["0", "1", "2", "3", "9", "１", "٣", "①", "²"]


def _texts(words: list[str], max_size: int = 40) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(words + SPACES + DIGITS), max_size=max_size).map("".join)


period_text = _texts(
    [
        "12",
        "31",
        "月",
        "日",
        "年",
        "2024",
        "2023",
        "01",
        "至",
        "到",
        "-",
        "～",
        "。",
        "，",
        "截止",
        "12月31日",
    ]
)


@settings(max_examples=200)
@given(period_text)
def test_period_ends_are_the_matches_of_the_expression(text: str) -> None:
    assert list(_period_ends(text)) == [m.span() for m in _PERIOD_END.finditer(text)]


@settings(max_examples=200)
@given(period_text, st.integers(0, 60), st.integers(0, 60))
def test_period_search_from_each_year_is_the_leftmost_match(text: str, a: int, b: int) -> None:
    start, end = min(a, len(text)), min(max(a, b), len(text))
    found, reference = _period_in(text, start, end), _PERIOD.search(text, start, end)
    assert (found and (found.span(), found.groups())) == (
        reference and (reference.span(), reference.groups())
    )


count_text = _texts(["件", "件数", "文件", "三", "，", "。"])


@settings(max_examples=200)
@given(count_text)
def test_stated_count_from_each_jian_agrees_with_the_expression(text: str) -> None:
    assert has_stated_count(text) == (STATED.search(text) is not None)


fee_text = _texts(["未", "没有", "无", "不", "均未", "收", "收取", "费", "信息处理", "。", "；", "，", "了"])


@settings(max_examples=200)
@given(fee_text)
def test_no_fee_from_each_shou_is_the_leftmost_match(text: str) -> None:
    found, reference = _no_fee(text), NO_FEE.search(text)
    assert (found and found.span()) == (reference and reference.span())


sentence_text = _texts(["申请", "申", "请", "件", "。", "；", ";", "！", "!", "？", "?", "收到", "，"], 50)


@settings(max_examples=200)
@given(sentence_text, st.sampled_from(["申请", "件", "收到"]))
def test_sentences_around_a_word_are_the_sentences_that_contain_it(text: str, word: str) -> None:
    assert sentences_containing(text, word) == [s for s in split_sentences(text) if word in s]


@settings(max_examples=100)
@given(st.lists(sentence_text, min_size=len(TEXT_SECTIONS), max_size=len(TEXT_SECTIONS)))
def test_sentences_with_a_word_agree_with_the_full_split(texts: list[str]) -> None:
    base = reports_2021_example()
    by_key = dict(zip(TEXT_SECTIONS, texts, strict=True))
    report = attrs.evolve(
        base,
        sections=tuple(
            Section(key=s.key, heading=s.heading, text=by_key.get(s.key or "", "")) for s in base.sections
        ),
    )
    for word in ("申请", "件"):
        fresh, full = RuleContext(report), RuleContext(report)
        expected = tuple((k, s) for k, s in sentences(full) if word in s)
        assert sentences_with(fresh, word) == expected
        assert sentences_with(full, word) == expected  # from the cached full split


def reports_2021_example() -> Report:
    from govdisclosure import build_report

    return build_report(
        NATIONAL_2021,
        agency="某县人民政府",
        year=2024,
        cells={},
        missing=0,
        sections={s.key: "" for s in NATIONAL_2021.sections},
    )


# -- cell vectors ----------------------------------------------------------------------------------

odd_value = st.sampled_from(
    [
        None,
        Placeholder.HYPHEN,
        Placeholder.NONE_ZH,
        -1,
        0,
        7,
        2**64,
        -(2**70),
        Decimal("2.5"),
        Decimal(3),
        True,
    ]
)


@st.composite
def odd_reports(draw: st.DrawFn) -> Report:
    """A generated report with a few cells replaced by placeholders, blanks, negatives or wrong types."""
    report = draw(st.sampled_from([NATIONAL_2021, NATIONAL_2019]).flatmap(reports))
    refs = draw(st.lists(st.sampled_from(report.resolved.cells), max_size=3))
    return report.with_cells({ref: draw(odd_value) for ref in refs}) if refs else report


@settings(max_examples=40)
@given(odd_reports())
def test_relation_sums_and_failures_agree_with_the_evaluator(report: Report) -> None:
    resolved = report.resolved
    reference = evaluate(relations_for(resolved), report.cells, resolved.cells)
    failing = evaluator_for(resolved)(report.cells).failing()
    assert failing == [(i, r) for i, r in enumerate(reference) if r.status is not Status.HOLDS]
    ctx = RuleContext(report)
    assert [r for _, r in ctx.failures] == [r for r in reference if r.status is not Status.HOLDS]
    assert [reference[i] for i, _ in ctx.failures] == [r for _, r in ctx.failures]
    assert ctx.all_hold == all(r.status is Status.HOLDS for r in reference)


@settings(max_examples=40)
@given(odd_reports())
def test_cell_getters_and_the_count_check_agree_with_the_cells(report: Report) -> None:
    plan = plan_for(report.resolved)
    cells = report.cells
    counts = [i for i, k in enumerate(plan.kinds) if k is ValueKind.COUNT]
    whole = [i for i, k in enumerate(plan.kinds) if k is not ValueKind.AMOUNT]
    assert plan.count_values(cells) == tuple(cells[i] for i in counts)
    assert plan.whole_values(cells) == tuple(cells[i] for i in whole)
    ctx = RuleContext(report)
    assert ctx.whole_ints == all(type(cells[i]) is int for i in whole)
    assert ctx.value_types == frozenset(map(type, cells))
    bad = [i for i in counts if not (isinstance(v := cells[i], int) and type(v) is int and v >= 0)]
    signed_bad = [i for i in whole if i not in counts and cells[i] is not None and type(cells[i]) is not int]
    (rule,) = [r for r in REGISTRY.rules(report.layout) if r.id.endswith("values.count")]
    flagged = {report.resolved.index[f.cells[0]] for f in rule.check(ctx)}
    placeholders = {i for i in whole if cells[i] is None or isinstance(cells[i], Placeholder)}
    assert flagged == (set(bad) | set(signed_bad)) - placeholders


@given(st.lists(st.integers(0, 30), unique=True, max_size=12).map(sorted))
def test_slice_getters_pick_the_same_cells_as_itemgetter(positions: list[int]) -> None:
    values = tuple(range(100, 131))
    reference = (
        tuple(itemgetter(*positions)(values)) if len(positions) > 1 else tuple(values[i] for i in positions)
    )
    assert _getter(positions)(values) == reference


@settings(max_examples=200)
@given(sentence_text, st.sampled_from(["申请", "件", "收到"]))
def test_sentences_cut_from_the_raw_text_are_those_of_the_joined_text(text: str, word: str) -> None:
    reference = [s for s in split_sentences(join_lines(text)) if word in s]
    assert _sentences_around(text, word) == reference


def test_findings_made_by_the_context_are_ordinary_findings() -> None:
    report = reports_2021_example()
    ctx = RuleContext(report)
    (rule,) = [r for r in REGISTRY.rules(report.layout) if r.id.endswith("values.count")]
    ref = report.resolved.cells[0]
    made = ctx.finding(rule, message_zh="甲", message_en="a", cells=(ref,), actual=3, data={"k": 1})
    built = Finding(
        rule_id=rule.id,
        severity=rule.severity,
        message_zh="甲",
        message_en="a",
        status=FindingStatus.FAIL,
        cells=(ref,),
        values=(report[ref],),
        actual=3,
        data={"k": 1},
    )
    assert made == built and hash(made) == hash(built) and repr(made) == repr(built)
    assert type(made) is Finding


def _union_find_groups(sets: list[frozenset[CellRef]]) -> list[list[int]]:
    """Reference: join two sets when they share a member; groups by first member, members ascending."""
    parent = list(range(len(sets)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(len(sets)):
        for j in range(i):
            if sets[i] & sets[j]:
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(sets)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


_CELL = st.integers(0, 12).map(lambda i: CellRef("requests", f"row{i}", "total"))


@given(st.lists(st.frozensets(_CELL, min_size=1, max_size=4), min_size=1, max_size=7))
def test_relation_groups_are_the_connected_groups_with_their_common_cells(
    sets: list[frozenset[CellRef]],
) -> None:
    got = _groups(sets)
    reference = _union_find_groups(sets)
    assert [members for members, _ in got] == reference
    assert [common for _, common in got] == [frozenset.intersection(*(sets[n] for n in g)) for g in reference]
