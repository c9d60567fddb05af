"""``load_json_many`` loads like ``load_json``, names the bad document, and restores the collector."""

from __future__ import annotations

import gc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdisclosure import (
    NATIONAL_2019,
    NATIONAL_2021,
    DocumentError,
    Report,
    build_report,
    dump_json,
    gc_paused,
    load_json,
    load_json_many,
)
from govdisclosure.testing import reports


@settings(max_examples=25, suppress_health_check=list(HealthCheck), deadline=None)
@given(st.lists(st.sampled_from([NATIONAL_2021, NATIONAL_2019]).flatmap(reports), min_size=1, max_size=4))
def test_many_documents_load_as_each_would_alone(batch: list[Report]) -> None:
    texts = [dump_json(r) for r in batch]
    loaded = load_json_many(texts)
    assert loaded == batch == [load_json(t) for t in texts]
    assert load_json_many(t.encode("utf-8") for t in texts) == batch  # any iterable, bytes too


def _report() -> Report:
    return build_report(NATIONAL_2021, agency="某县人民政府", year=2024, missing=0)


def test_the_bad_document_is_named_by_its_number_or_its_source() -> None:
    good = dump_json(_report())
    bad = good.replace('"natural_person": 0', '"natural_person": -1', 1)
    with pytest.raises(DocumentError) as numbered:
        load_json_many([good, good, bad])
    assert numbered.value.source == "document 3"
    assert "requests.received.natural_person" in str(numbered.value)
    with pytest.raises(DocumentError) as named:
        load_json_many([good, bad], sources=["甲.json", "乙.json"])
    assert named.value.source == "乙.json"
    assert str(named.value).startswith("乙.json: requests.received.natural_person")


def test_sources_must_match_the_documents_one_to_one() -> None:
    good = dump_json(_report())
    with pytest.raises(ValueError, match="no name for document 2"):
        load_json_many([good, good], sources=["only-one.json"])
    with pytest.raises(ValueError, match="more sources than documents: 1 documents"):
        load_json_many([good], sources=["a.json", "b.json"])


def test_the_collector_is_restored_after_success_and_after_an_error() -> None:
    assert gc.isenabled()
    load_json_many([dump_json(_report())])
    assert gc.isenabled()
    with pytest.raises(DocumentError):
        load_json_many(["{not json"])
    assert gc.isenabled()
    gc.disable()
    try:  # a caller that had paused it keeps it paused
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
