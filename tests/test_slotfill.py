"""slot_filler: building frozen attrs instances by writing their slots gives the same objects."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure import NATIONAL_2019, NATIONAL_2021, Agency, AgencyLevel, Report, Section
from govdisclosure.slotfill import slot_filler
from govdisclosure.testing import reports


@given(heading=st.text(), key=st.none() | st.text(), text=st.text())
def test_section_filled_equals_constructed(heading: str, key: str | None, text: str) -> None:
    fill = slot_filler(Section)
    assert fill is not None
    made = fill(heading, key, text)
    assert type(made) is Section
    assert made == Section(heading=heading, key=key, text=text)
    assert hash(made) == hash(Section(heading=heading, key=key, text=text))
    field_name = "text"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(made, field_name, "x")


def test_agency_filler_exists_only_when_the_region_validator_is_vouched_for() -> None:
    assert slot_filler(Agency) is None  # region_code has a validator
    fill = slot_filler(Agency, checked=frozenset({"region_code"}))
    assert fill is not None
    assert fill("某县人民政府", AgencyLevel.COUNTY, None) == Agency(
        name="某县人民政府", level=AgencyLevel.COUNTY
    )


@given(st.sampled_from([NATIONAL_2021, NATIONAL_2019]).flatmap(reports))
def test_report_filled_equals_constructed(report: Report) -> None:
    assert slot_filler(Report) is None  # its post-init hook checks the number of cells
    fill = slot_filler(Report, post_init_checked=True)
    assert fill is not None
    values = [getattr(report, f.name) for f in attrs.fields(Report)]
    made = fill(*values)
    assert made == report
    assert hash(made) == hash(report)
    assert made.relations() == report.relations()


def test_classes_whose_init_does_more_are_refused() -> None:
    @attrs.frozen
    class Converted:
        a: int = attrs.field(converter=int)

    @attrs.frozen
    class PreInit:
        a: int

        def __attrs_pre_init__(self) -> None:
            pass

    @attrs.frozen(slots=False)
    class NotSlotted:
        a: int

    @attrs.frozen
    class Plain:
        a: int
        b: str

    assert slot_filler(Converted) is None
    assert slot_filler(PreInit) is None
    assert slot_filler(NotSlotted) is None
    fill = slot_filler(Plain)
    assert fill is not None and fill(1, "x") == Plain(1, "x")


def test_loading_uses_the_fillers() -> None:
    from govdisclosure import serialize

    for fill in (serialize._NEW_REPORT, serialize._NEW_SECTION, serialize._NEW_AGENCY):
        assert fill.__code__.co_filename.startswith("<govdisclosure slot filler")


def test_builder_falls_back_to_the_class() -> None:
    from govdisclosure.slotfill import builder

    @attrs.frozen
    class Converted:
        a: int = attrs.field(converter=int)
        b: str = ""

    make = builder(Converted)
    assert make("3", "x") == Converted(3, "x") and make("3", "x").a == 3  # the converter ran
    with pytest.raises(ValueError, match="region_code"):
        builder(Agency)("x", AgencyLevel.UNKNOWN, "12")  # the validator runs when not vouched for


def test_setters_refuse_other_field_names_or_order() -> None:
    from govdisclosure.slotfill import slot_setters

    assert slot_setters(Section, ("heading", "key", "text")) is not None
    assert slot_setters(Section, ("key", "heading", "text")) is None  # written for another order
    assert slot_setters(Section, ("heading", "key")) is None
    assert slot_filler(Section, ("heading", "text", "key")) is None


def test_the_readers_build_their_cells_through_slot_writers() -> None:
    from govdisclosure.readers import grids

    assert grids._PROVENANCE_SLOTS is not None and grids._CELL_SLOTS is not None
    assert grids._LINE_SLOTS is not None and grids._ROW_SLOTS is not None
