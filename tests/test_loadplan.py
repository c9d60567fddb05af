"""The generated fast path of loading gives exactly what the careful path gives, or steps aside.

For every generated report (both national variants, every layout feature) and for documents
with one value or key changed to something malformed or unusual, the fast path either declines
(``None``) or returns a report equal to the careful path's; it never accepts a document that the
careful path rejects.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdisclosure import NATIONAL_2019, NATIONAL_2021, Report, to_dict
from govdisclosure.cells import Placeholder
from govdisclosure.errors import DocumentError
from govdisclosure.serialize import _careful, _fast_report
from govdisclosure.testing import reports

LAYOUTS = st.sampled_from([NATIONAL_2021, NATIONAL_2019])
ODD_VALUES = st.sampled_from(
    [None, True, False, -1, 3.7, "3", "-", "/", "0.5", "12.30", 0, 7, 2**70, -(2**70), {}, [], "", "x"]
)


def careful(doc: dict[str, Any], report: Report) -> Report | None:
    try:
        return _careful(doc, report.layout, [], None)
    except DocumentError:
        return None


def _paths(obj: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            out.append((*prefix, k))
            out.extend(_paths(v, (*prefix, k)))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            out.append((*prefix, i))
            out.extend(_paths(v, (*prefix, i)))
    return out


@settings(max_examples=150, suppress_health_check=list(HealthCheck), deadline=None)
@given(LAYOUTS.flatmap(reports))
def test_well_formed_documents_take_the_fast_path(report: Report) -> None:
    doc = to_dict(report)
    fast = _fast_report(doc, report.layout)
    numbers_only = all(v is not None and not isinstance(v, Placeholder) for v in report.cells)
    if numbers_only and not report.annotations:
        assert fast is not None
    if fast is not None:
        assert fast == report == careful(doc, report)


@settings(max_examples=600, suppress_health_check=list(HealthCheck), deadline=None)
@given(LAYOUTS.flatmap(reports), st.data())
def test_fast_path_never_disagrees_with_the_careful_path(report: Report, data: st.DataObject) -> None:
    doc = copy.deepcopy(to_dict(report))
    path = data.draw(st.sampled_from(_paths(doc)))
    parent = doc
    for k in path[:-1]:
        parent = parent[k]
    action = data.draw(st.sampled_from(["set", "delete", "extra"]))
    if action == "set":
        parent[path[-1]] = data.draw(ODD_VALUES)
    elif action == "delete":
        del parent[path[-1]]
    elif isinstance(parent, dict):
        parent["unexpected"] = 0
    else:
        parent.append(0)
    fast = _fast_report(doc, report.layout)
    if fast is not None:
        assert fast == careful(doc, report)


@pytest.mark.parametrize("value", [True, False, -1, 3.0, "3", None])
def test_fast_path_declines_every_malformed_count(value: object) -> None:
    from govdisclosure import build_report

    report = build_report(NATIONAL_2021, agency="某县人民政府", year=2024, missing=0)
    doc = to_dict(report)
    assert _fast_report(doc, report.layout) == report
    doc["requests"]["withheld"]["state_secret"]["commercial"] = value
    assert _fast_report(doc, report.layout) is None


@pytest.mark.parametrize("value", ["3", "0.5", None, -1, 3.5, [], {}])
def test_fast_path_declines_a_malformed_amount(value: object) -> None:
    from govdisclosure import build_report

    report = build_report(NATIONAL_2021, agency="某县人民政府", year=2024, missing=0)
    doc = to_dict(report)
    doc["fees"]["fees"]["amount"] = value  # 表二 （八） 本年收费金额（单位：万元）
    fast = _fast_report(doc, report.layout)
    if value in ("3", "0.5"):  # decimal strings are amounts as printed
        assert fast is not None and fast == careful(doc, report)
    else:
        assert fast is None


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
def test_a_boolean_count_is_rejected_in_every_encoding(encoding: str) -> None:
    from govdisclosure import build_report, dump_json, load_json

    report = build_report(NATIONAL_2021, agency="某县人民政府", year=2024, missing=0)
    text = dump_json(report).replace('"natural_person": 0', '"natural_person": true', 1)
    with pytest.raises(DocumentError, match=r"requests\.received\.natural_person"):
        load_json(text.encode(encoding))
