"""The typed model: cells as printed, attribute access from the layout, building with derived totals."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from govdisclosure import NATIONAL_2019, NATIONAL_2021, Agency, CellRef, Placeholder, Report, build_report
from govdisclosure.build import fill_totals


def _report(**cells: int) -> Report:
    return build_report(
        NATIONAL_2021,
        agency=Agency(name="某县人民政府"),
        year=2024,
        cells={CellRef("requests", k.replace("__", "."), "natural_person"): v for k, v in cells.items()},
        missing=0,
    )


def test_model_is_frozen_slotted_kw_only() -> None:
    r = _report(received=3)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        r.year = 2023  # type: ignore[misc]
    assert not hasattr(r, "__dict__")
    with pytest.raises(TypeError):
        Agency("x")  # type: ignore[misc]


def test_attribute_access_reads_naturally() -> None:
    r = _report(received=3, disclosed=2, carried_forward=1, withheld__state_secret=0)
    assert r.requests.received.natural_person == 3
    assert r.requests.withheld.state_secret.commercial == 0
    assert r.value("requests", "received", "natural_person") == 3
    assert r["requests.received.natural_person"] == 3
    assert r.appeals.review.total == 0
    with pytest.raises(AttributeError, match="no row"):
        _ = r.requests.nonexistent
    with pytest.raises(AttributeError, match="no table"):
        _ = r.nonexistent


def test_build_fills_totals_from_relations_and_marks_them_derived() -> None:
    r = _report(received=3, disclosed=2, carried_forward=1)
    assert r.requests.received.total == 3
    assert r.requests.total.natural_person == 2  # （七）总计 = Σ outcomes
    assert r.requests.total.total == 2
    assert CellRef("requests", "total", "total") in r.derived
    assert CellRef("requests", "received", "natural_person") not in r.derived
    assert all(x.status == "holds" for x in r.relations())


def test_fill_never_overwrites_a_printed_total() -> None:
    r = build_report(
        NATIONAL_2021,
        agency="x",
        year=2024,
        cells={
            CellRef("appeals", "review", "upheld"): 10,
            CellRef("appeals", "review", "corrected"): 1,
            CellRef("appeals", "review", "total"): 0,
        },
        missing=0,
    )
    assert r.appeals.review.total == 0  # as printed, kept
    assert CellRef("appeals", "review", "total") not in r.derived


def test_unprinted_and_placeholders_never_become_zero() -> None:
    r = build_report(
        NATIONAL_2021,
        agency="x",
        year=2024,
        cells={CellRef("appeals", "review", "upheld"): Placeholder.HYPHEN},
        missing=0,
    )
    assert r.appeals.review.upheld is Placeholder.HYPHEN
    assert r.appeals.review.total is None  # cannot be derived from a placeholder
    plain = build_report(NATIONAL_2021, agency="x", year=2024)
    assert all(v is None for v in plain.cells)
    assert fill_totals(plain) == plain


def test_amounts_are_exact_decimals() -> None:
    r = build_report(
        NATIONAL_2021, agency="x", year=2024, cells={CellRef("fees", "fees", "amount"): Decimal("0.04")}
    )
    assert r.fees.fees.amount == Decimal("0.04")


def test_cells_must_align_with_the_layout() -> None:
    with pytest.raises(ValueError, match="expected"):
        Report(layout=NATIONAL_2019, agency=Agency(name="x"), year=2020, cells=(0,))
    with pytest.raises(ValueError, match="region_code"):
        Agency(name="x", region_code="12345")


def test_with_cells_returns_a_copy() -> None:
    r = _report(received=3)
    ref = CellRef("requests", "received", "natural_person")
    r2 = r.with_cells({ref: 4})
    assert r[ref] == 3 and r2[ref] == 4 and r2 != r


def test_reports_pickle_with_the_same_layout_object() -> None:
    import pickle

    r = _report(received=3)
    back = pickle.loads(pickle.dumps(r))
    assert back == r and back.layout is NATIONAL_2021
    ref = CellRef("requests", "received", "natural_person")
    assert pickle.loads(pickle.dumps(ref)) == ref and type(pickle.loads(pickle.dumps(ref))) is CellRef


def test_missing_zero_in_an_amount_cell_is_a_decimal() -> None:
    r = build_report(NATIONAL_2021, agency="x", year=2024, missing=0)
    assert type(r.fees.fees.amount) is Decimal and r.fees.fees.amount == 0
    from govdisclosure import dump_json, load_json

    assert load_json(dump_json(r)) == r
