"""A unit's score sheet (/chi-so-cchc/<năm>/<loại>/<đơn vị>/), read by role.

Sở Tư pháp's officer and head, Sở Nội vụ and the leaders read it; another unit's officer or
head never does (before or after the results are published); an outsider is refused. Before
the unit starts, its officer (and Sở Nội vụ) may start it; a unit the framework does not
assess is not found.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from cchc.accounts.models import Membership, Role, User
from cchc.scoring.models import Assessment
from cchc.scoring.tests.factories import small_framework
from cchc.scoring.tests.sheets import sheet_url, stp_sheet
from cchc.testing import Clients
from conftest import Province


def test_the_sheet_shows_the_criteria_tree_with_maxima_and_levels(
    province: Province, officer: User, client_for: Clients
) -> None:
    draft = stp_sheet(province.stp)
    html = client_for(officer).get(sheet_url("scoring:assessment", draft)).content.decode()
    assert "Công tác chỉ đạo, điều hành cải cách hành chính" in html
    # Each area folds, its maximum and totals on its title line.
    assert '<details class="group" open id="linh-vuc-2">' in html
    assert "Tối đa 20 · tự đánh giá" in html
    assert '<option value="1,5">1,5 – Ban hành chậm</option>' in html
    assert "Phải có tài liệu kiểm chứng" in html
    assert sheet_url("scoring:assessment_save", draft) in html
    assert sheet_url("scoring:evidence_add", draft) in html
    assert "Tổng điểm tự đánh giá" in html


def test_before_it_starts_the_officer_may_start_it(
    province: Province, officer: User, leader: User, client_for: Clients
) -> None:
    small_framework()
    url = reverse("scoring:assessment", args=[2025, "department", province.stp.code])
    start = reverse("scoring:assessment_start", args=[2025, "department", province.stp.code])
    assert start in client_for(officer).get(url).content.decode()
    assert start not in client_for(leader).get(url).content.decode()
    assert client_for(leader).post(start).status_code == 403
    assert not Assessment.objects.exists()
    client_for(officer).post(start)
    client_for(officer).post(start)  # twice: still one
    assert Assessment.objects.get().items.count() == 8


def test_another_unit_never_sees_the_sheet_even_once_published(
    province: Province, client_for: Clients
) -> None:
    draft = stp_sheet(province.stp)
    url = sheet_url("scoring:assessment", draft)
    for role in (Role.OFFICER, Role.HEAD):
        other = User.objects.create_user(f"snv-{role}")
        Membership.objects.create(user=other, unit=province.snv, role=role)
        assert client_for(other).get(url).status_code == 403
        framework = draft.framework
        framework.published_at = timezone.now()
        framework.save(update_fields=["published_at"])
        assert client_for(other).get(url).status_code == 403


def test_outsiders_are_refused_and_unknown_units_not_found(
    province: Province, outsider: User, coordinator: User, client_for: Clients
) -> None:
    draft = stp_sheet(province.stp)
    assert client_for(outsider).get(sheet_url("scoring:assessment", draft)).status_code == 403
    client = client_for(coordinator)
    assert (
        client.get(reverse("scoring:assessment", args=[2025, "department", "QNG-XYZ"])).status_code
        == 404
    )
    # A commune is not assessed under the departments' framework.
    commune = reverse("scoring:assessment", args=[2025, "department", province.new_commune.code])
    assert client.get(commune).status_code == 404
