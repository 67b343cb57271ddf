"""The materialised path of units ("/0000001/0000004/"), kept right by import and admin."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.orgs.actions import UnitData, import_units
from cchc.orgs.models import Unit
from cchc.orgs.tree import would_create_cycle
from conftest import Province

PATH = re.compile(r"^/(?:[0-9]{7}/)+$")


def seg(unit: Unit) -> str:
    return f"{unit.pk:07d}/"


def fresh(unit: Unit) -> Unit:
    return Unit.objects.get(pk=unit.pk)


def test_paths_are_right_after_import(province: Province) -> None:
    p = province
    assert p.root.path == f"/{seg(p.root)}"
    assert p.snv.path == f"/{seg(p.root)}{seg(p.snv)}"
    assert p.district.path == f"/{seg(p.root)}{seg(p.district)}"
    assert p.old_commune.path == f"/{seg(p.root)}{seg(p.district)}{seg(p.old_commune)}"
    assert p.new_commune.path == f"/{seg(p.root)}{seg(p.new_commune)}"
    for unit in Unit.objects.all():
        assert PATH.match(unit.path), unit.path
        assert unit.path == fresh(unit).path


def test_depth_counts_the_levels_below_the_root(province: Province) -> None:
    assert province.root.depth == 0
    assert province.stp.depth == 1
    assert province.old_commune.depth == 2


def test_rows_may_come_before_their_parents(db: None) -> None:
    import_units(
        Actor.command("test"),
        [
            UnitData("X-CHILD", "Phòng Tư pháp", "department", parent_code="X-MID"),
            UnitData("X-MID", "UBND huyện", "district", parent_code="X-ROOT"),
            UnitData("X-ROOT", "UBND tỉnh", "province"),
        ],
    )
    units = {u.code: u for u in Unit.objects.all()}
    root, mid, child = units["X-ROOT"], units["X-MID"], units["X-CHILD"]
    assert child.path == f"/{seg(root)}{seg(mid)}{seg(child)}"
    assert [u.code for u in Unit.objects.all()] == ["X-ROOT", "X-MID", "X-CHILD"]


def test_the_subtree_is_the_unit_and_everything_below_it_in_one_query(
    province: Province, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_num_queries(1):
        whole = list(Unit.objects.subtree(province.root))
    assert len(whole) == 6
    assert whole[0].code == "QNG"
    with django_assert_num_queries(1):
        district = list(Unit.objects.subtree(province.district))
    assert [u.code for u in district] == ["QNG-H-BINHSON", "QNG-X-BINHCHANH"]
    with django_assert_num_queries(1):
        leaf = list(Unit.objects.subtree(province.stp))
    assert [u.code for u in leaf] == ["QNG-STP"]


def test_the_root_of_a_unit_is_the_top_of_its_tree_and_without_one_the_province(
    province: Province,
) -> None:
    assert Unit.objects.root_of(province.old_commune) == province.root
    assert Unit.objects.root_of(province.root) == province.root
    assert Unit.objects.root_of(None) == province.root


def test_home_affairs_is_the_unit_with_the_short_code_snv(province: Province) -> None:
    assert Unit.objects.home_affairs() == province.snv


def test_the_subtree_of_one_unit_does_not_take_in_a_unit_whose_id_starts_the_same(
    db: None,
) -> None:
    import_units(Actor.command("test"), [UnitData("R", "Gốc", "province")])
    root = Unit.objects.get(code="R")
    rows = [UnitData(f"C{n}", f"Đơn vị {n}", "department", parent_code="R") for n in range(12)]
    import_units(Actor.command("test"), rows)
    first = Unit.objects.get(code="C0")
    assert [u.code for u in Unit.objects.subtree(first)] == ["C0"]
    assert Unit.objects.subtree(root).count() == 13


def test_moving_a_unit_moves_the_paths_of_its_descendants(province: Province) -> None:
    # A grandchild below the commune, to see two levels move.
    import_units(
        Actor.command("test"),
        [UnitData("QNG-X-BINHCHANH-T1", "Thôn 1", "commune", parent_code="QNG-X-BINHCHANH")],
    )
    hamlet = Unit.objects.get(code="QNG-X-BINHCHANH-T1")
    import_units(
        Actor.command("test"),
        [
            UnitData(
                "QNG-H-BINHSON",
                "Ủy ban nhân dân huyện Bình Sơn",
                "district",
                "UBND",
                parent_code="QNG-SNV",
                valid_to=province.district.valid_to,
                successor_codes=("QNG-X-BINHSON",),
            )
        ],
    )
    snv, district = fresh(province.snv), fresh(province.district)
    assert district.parent_id == snv.pk
    assert district.path == f"{snv.path}{seg(district)}"
    assert fresh(province.old_commune).path == f"{district.path}{seg(province.old_commune)}"
    assert fresh(hamlet).path == f"{district.path}{seg(province.old_commune)}{seg(hamlet)}"
    assert [u.code for u in Unit.objects.subtree(snv)] == [
        "QNG-SNV",
        "QNG-H-BINHSON",
        "QNG-X-BINHCHANH",
        "QNG-X-BINHCHANH-T1",
    ]
    # Units outside the moved subtree keep their paths.
    assert fresh(province.stp).path == province.stp.path
    assert fresh(province.new_commune).path == province.new_commune.path


def test_moving_a_unit_to_the_top_makes_it_a_root(province: Province) -> None:
    import_units(
        Actor.command("test"),
        [UnitData("QNG-STP", "Sở Tư pháp", "department", "STP", parent_code=None)],
    )
    stp = fresh(province.stp)
    assert stp.parent_id is None
    assert stp.path == f"/{seg(stp)}"


def test_moving_parent_and_child_in_one_import_keeps_both_paths_right(
    province: Province,
) -> None:
    import_units(
        Actor.command("test"),
        [
            UnitData(
                "QNG-X-BINHCHANH",
                "Ủy ban nhân dân xã Bình Chánh",
                "commune",
                "UBND",
                "QNG-H-BINHSON",
                valid_to=province.old_commune.valid_to,
                successor_codes=("QNG-X-BINHSON",),
            ),
            UnitData(
                "QNG-H-BINHSON",
                "Ủy ban nhân dân huyện Bình Sơn",
                "district",
                "UBND",
                "QNG-STP",
                valid_to=province.district.valid_to,
                successor_codes=("QNG-X-BINHSON",),
            ),
        ],
    )
    stp, district = fresh(province.stp), fresh(province.district)
    assert district.path == f"{stp.path}{seg(district)}"
    assert fresh(province.old_commune).path == f"{district.path}{seg(province.old_commune)}"


def test_a_unit_cannot_be_placed_below_itself_or_its_descendants(province: Province) -> None:
    assert would_create_cycle(province.district, province.old_commune)
    assert would_create_cycle(province.district, province.district)
    assert not would_create_cycle(province.district, province.snv)
    assert not would_create_cycle(province.district, None)
    assert not would_create_cycle(Unit(code="moi"), province.district)


def test_moving_a_unit_in_the_admin_moves_its_descendants(
    admin_user: User, province: Province, client_for: Callable[[User], Client]
) -> None:
    district = province.district
    response = client_for(admin_user).post(
        reverse("admin:orgs_unit_change", args=[district.pk]),
        {
            "code": district.code,
            "name": district.name,
            "short_code": "UBND",
            "kind": "district",
            "parent": province.snv.pk,
            "valid_from": "",
            "valid_to": "30/06/2025",
            "successors": [province.new_commune.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()
    moved = fresh(district)
    assert moved.path == f"{province.snv.path}{seg(district)}"
    assert fresh(province.old_commune).path == f"{moved.path}{seg(province.old_commune)}"


def test_the_admin_refuses_a_descendant_as_parent_in_vietnamese(
    admin_user: User, province: Province, client_for: Callable[[User], Client]
) -> None:
    district = province.district
    response = client_for(admin_user).post(
        reverse("admin:orgs_unit_change", args=[district.pk]),
        {
            "code": district.code,
            "name": district.name,
            "short_code": "UBND",
            "kind": "district",
            "parent": province.old_commune.pk,
            "valid_from": "",
            "valid_to": "30/06/2025",
        },
    )
    assert response.status_code == 200
    assert "Không thể chọn đơn vị cấp dưới làm đơn vị cấp trên." in response.content.decode()
    assert fresh(district).parent_id == province.root.pk
    assert fresh(district).path == district.path


def test_a_row_below_a_unit_moved_in_the_same_import_keeps_the_new_path(
    province: Province,
) -> None:
    import_units(
        Actor.command("test"),
        [UnitData("QNG-X-BINHCHANH-T1", "Thôn 1", "commune", parent_code="QNG-X-BINHCHANH")],
    )
    hamlet = Unit.objects.get(code="QNG-X-BINHCHANH-T1")
    import_units(
        Actor.command("test"),
        [
            UnitData(
                "QNG-H-BINHSON",
                "Ủy ban nhân dân huyện Bình Sơn",
                "district",
                "UBND",
                parent_code="QNG-SNV",
                valid_to=province.district.valid_to,
                successor_codes=("QNG-X-BINHSON",),
            ),
            UnitData("QNG-X-BINHCHANH-T1", "Thôn Một", "commune", parent_code="QNG-X-BINHCHANH"),
        ],
    )
    commune = fresh(province.old_commune)
    assert commune.path.startswith(fresh(province.snv).path)
    assert fresh(hamlet).path == f"{commune.path}{seg(hamlet)}"
    assert Unit.objects.subtree(province.snv).filter(pk=hamlet.pk).exists()
