"""Units valid for a span of dates, and the units that took over from them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from cchc.orgs.models import Unit
from conftest import Province

BEFORE = dt.date(2025, 6, 30)
AFTER = dt.date(2025, 7, 1)


def codes(units: object) -> set[str]:
    return {u.code for u in units}  # type: ignore[attr-defined]


def test_before_the_reform_districts_and_old_communes_are_active(province: Province) -> None:
    assert codes(Unit.objects.active_on(BEFORE)) == {
        "QNG",
        "QNG-SNV",
        "QNG-STP",
        "QNG-H-BINHSON",
        "QNG-X-BINHCHANH",
    }


def test_after_the_reform_only_the_new_commune_and_the_province_bodies_are_active(
    province: Province,
) -> None:
    assert codes(Unit.objects.active_on(AFTER)) == {"QNG", "QNG-SNV", "QNG-STP", "QNG-X-BINHSON"}


def test_a_unit_is_active_on_its_first_and_last_day(province: Province) -> None:
    assert province.district.is_active_on(BEFORE)
    assert not province.district.is_active_on(AFTER)
    assert province.new_commune.is_active_on(AFTER)
    assert not province.new_commune.is_active_on(BEFORE)
    assert province.root.is_active_on(dt.date(1990, 1, 1))
    assert province.root.is_active_on(dt.date(2100, 1, 1))


def test_is_active_on_agrees_with_active_on(province: Province) -> None:
    for day in (dt.date(2020, 1, 1), BEFORE, AFTER, dt.date(2030, 1, 1)):
        assert codes(Unit.objects.active_on(day)) == {
            u.code for u in Unit.objects.all() if u.is_active_on(day)
        }


def test_dissolved_units_point_at_their_successor(province: Province) -> None:
    assert codes(province.district.successors.all()) == {"QNG-X-BINHSON"}
    assert codes(province.old_commune.successors.all()) == {"QNG-X-BINHSON"}
    assert codes(province.root.successors.all()) == set()


def test_the_new_commune_knows_its_predecessors(province: Province) -> None:
    assert codes(province.new_commune.predecessors.all()) == {"QNG-H-BINHSON", "QNG-X-BINHCHANH"}
    assert codes(province.new_commune.successors.all()) == set()


def test_succession_is_one_way(province: Province) -> None:
    assert codes(province.district.predecessors.all()) == set()


def test_a_unit_cannot_end_before_it_begins(province: Province) -> None:
    province.stp.valid_from = AFTER
    province.stp.valid_to = BEFORE
    with pytest.raises(IntegrityError), transaction.atomic():
        province.stp.save()


@pytest.mark.parametrize(
    ("name", "expected"),
    [("root", "/don-vi/QNG/"), ("old_commune", "/don-vi/QNG-X-BINHCHANH/")],
)
def test_a_unit_has_its_page_address(province: Province, name: str, expected: str) -> None:
    assert getattr(province, name).get_absolute_url() == expected
    assert str(province.root) == "Ủy ban nhân dân tỉnh Quảng Ngãi"
