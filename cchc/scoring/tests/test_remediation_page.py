"""A unit's remediation page (/chi-so-cchc/<year>/<kind>/<unit>/khac-phuc/), the button that
creates the tasks, and the report as .docx.

Who may do what: Sở Tư pháp's officer and head read their unit's page and report; the
coordinator, the leader and the administrator read every unit's; only the coordinator (and
the administrator) creates the tasks. Another unit's officer and outsiders are refused.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document as open_docx

from cchc.accounts.models import Membership, Role, User
from cchc.audit.log import Actor
from cchc.scoring.models import Assessment, Status
from cchc.scoring.tests.factories import small_framework
from cchc.scoring.tests.remediation_data import STP_ANSWER, Published, published_2024
from cchc.scoring.tests.results_data import assess
from cchc.tasks.actions import accept_task, add_progress, confirm_completion, report_done
from cchc.tasks.models import Task
from cchc.testing import Clients
from conftest import PASSWORD, Province

PAGE = reverse("scoring:remediation", args=[2024, "department", "QNG-STP"])
CREATE = reverse("scoring:remediation_create", args=[2024, "department", "QNG-STP"])
DOCX = reverse("scoring:remediation_docx", args=[2024, "department", "QNG-STP"])


@pytest.fixture
def published(province: Province) -> Published:
    return published_2024(province)


@pytest.fixture
def snv_officer(province: Province) -> User:
    user = User.objects.create_user(username="chuyenviensnv", password=PASSWORD)
    Membership.objects.create(user=user, unit=province.snv, role=Role.OFFICER)
    return user


def in_days(days: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).strftime("%d/%m/%Y")


def test_the_unit_reads_each_deduction_with_its_reason_and_its_answer(
    published: Published, officer: User, client_for: Clients
) -> None:
    page = client_for(officer).get(PAGE).content.decode()
    assert "3 tiêu chí bị trừ điểm, tổng cộng 5,50 điểm." in page
    assert "1.1.3. Kiểm tra cải cách hành chính" in page
    assert "Chưa kiểm tra đủ 100 % cơ quan, đơn vị trực thuộc" in page
    assert STP_ANSWER in page
    assert page.count("Chưa giao nhiệm vụ khắc phục") == 3
    # Neither the survey (20 of 30) nor 2.1, which does not apply, is a deduction here.
    assert "3.1." not in page and "2.1." not in page
    assert "Giao nhiệm vụ khắc phục" not in page.replace("Chưa giao nhiệm vụ khắc phục", "")


def test_the_coordinator_creates_the_tasks_and_the_page_follows_them(
    published: Published, coordinator: User, officer: User, client_for: Clients
) -> None:
    client = client_for(coordinator)
    assert "KP-CCHC-2024-SO" in client.get(PAGE).content.decode()
    response = client.post(CREATE, {"deadline": in_days(90)}, follow=True)
    page = response.content.decode()
    assert "Đã giao 3 nhiệm vụ khắc phục cho Sở Tư pháp." in page
    assert page.count("Chờ tiếp nhận") == 3
    assert "Chưa giao nhiệm vụ khắc phục" not in page
    again = client.post(CREATE, {"deadline": in_days(90)}, follow=True).content.decode()
    assert "Mọi nội dung bị trừ điểm đã có nhiệm vụ khắc phục." in again
    assert Task.objects.count() == 3
    # The unit works on one; its account shows on the page.
    task = Task.objects.get(item_number="1.3")
    unit = Actor.of_user(officer)
    accept_task(unit, task)
    add_progress(unit, task, "Đã bổ sung chuyên mục tuyên truyền")
    page = client_for(officer).get(PAGE).content.decode()
    assert "Đang thực hiện" in page and "Đã bổ sung chuyên mục tuyên truyền" in page
    report_done(unit, task, timezone.localdate(), "Đã lưu đủ tài liệu kiểm chứng năm 2025")
    confirm_completion(Actor.of_user(coordinator), task)
    page = client_for(officer).get(PAGE).content.decode()
    assert "Đã hoàn thành" in page
    assert f"Hoàn thành ngày {timezone.localdate():%d/%m/%Y}" in page
    assert "Đã lưu đủ tài liệu kiểm chứng năm 2025" in page


def test_a_missing_or_past_deadline_is_refused_with_a_message(
    published: Published, coordinator: User, client_for: Clients
) -> None:
    client = client_for(coordinator)
    page = client.post(CREATE, {"deadline": ""}, follow=True).content.decode()
    assert "Hãy ghi hạn khắc phục (dd/mm/yyyy)." in page
    page = client.post(CREATE, {"deadline": in_days(-1)}, follow=True).content.decode()
    assert "Hạn khắc phục không được trước ngày hôm nay." in page
    assert not Task.objects.exists()


def test_the_report_is_an_official_document_to_so_noi_vu(
    published: Published, coordinator: User, officer: User, client_for: Clients
) -> None:
    client_for(coordinator).post(CREATE, {"deadline": in_days(90)})
    task = Task.objects.get(item_number="1.1.3")
    unit = Actor.of_user(officer)
    accept_task(unit, task)
    report_done(unit, task, timezone.localdate(), "Đã kiểm tra 12/12 đơn vị trực thuộc")
    confirm_completion(Actor.of_user(coordinator), task)
    response = client_for(officer).get(DOCX)
    assert response["Content-Disposition"] == 'attachment; filename="khac-phuc-2024-QNG-STP.docx"'
    document = open_docx(io.BytesIO(response.content))
    assert document.tables[0].cell(0, 0).text == "UBND TỈNH QUẢNG NGÃI\nSỞ TƯ PHÁP\n"
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in texts
    assert (
        "Kết quả khắc phục tồn tại, hạn chế qua kết quả Chỉ số cải cách hành chính năm 2024"
        in texts
    )
    assert "Kính gửi: Sở Nội vụ tỉnh Quảng Ngãi" in texts
    introduction = next(text for text in texts if text.startswith("Thực hiện"))
    assert introduction == (
        "Thực hiện Quyết định số 245/QĐ-UBND ngày 10/03/2025 công bố Chỉ số cải cách hành "
        "chính năm 2024, Sở Tư pháp báo cáo kết quả khắc phục các tồn tại, hạn chế như sau. "
        "Năm 2024, Sở Tư pháp đạt 80,63 điểm, xếp hạng 1/2; bị trừ điểm ở 3 tiêu chí thành "
        "phần."
    )
    rows = [[cell.text for cell in row.cells] for row in document.tables[1].rows]
    assert rows[0] == [
        "STT",
        "Tiêu chí",
        "Điểm tối đa",
        "Điểm đạt",
        "Điểm bị trừ",
        "Lý do trừ điểm",
        "Kết quả khắc phục",
    ]
    today = f"{timezone.localdate():%d/%m/%Y}"
    assert rows[1] == [
        "1",
        "1.1.3. Kiểm tra cải cách hành chính",
        "4",
        "2",
        "2",
        "Chưa kiểm tra đủ 100 % cơ quan, đơn vị trực thuộc",
        f"Đã khắc phục xong ngày {today}. Đã kiểm tra 12/12 đơn vị trực thuộc",
    ]
    assert rows[2][2:5] == ["1", "0,5", "0,5"]
    assert rows[3][-1] == "Chờ tiếp nhận."
    assert (
        "Đã khắc phục xong 1/3 nội dung bị trừ điểm; còn 2 nội dung đang tiếp tục khắc phục."
        in texts
    )
    closing = document.tables[-1]
    assert "Nơi nhận:" in closing.cell(0, 0).text and "Như trên;" in closing.cell(0, 0).text
    assert "GIÁM ĐỐC" in closing.cell(0, 1).text


def test_no_report_before_the_scores_are_finalised(
    province: Province, officer: User, client_for: Clients
) -> None:
    Assessment.objects.create(
        framework=small_framework(2025), unit=province.stp, status=Status.APPRAISED
    )
    url = reverse("scoring:remediation_docx", args=[2025, "department", "QNG-STP"])
    response = client_for(officer).get(url, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse(
        "scoring:remediation", args=[2025, "department", "QNG-STP"]
    )
    assert "Kết quả chưa được chốt điểm; chưa lập báo cáo kết quả khắc phục được." in page
    assert "danh sách dưới đây là tạm tính" in page


def test_the_report_before_publication_does_not_tell_the_rank(
    province: Province, officer: User, client_for: Clients
) -> None:
    # The ranking is not the unit's to read until the results are published.
    assess(small_framework(2025), province.stp, ["3", "1", "4", "1", "11", "15", "30", "20"])
    url = reverse("scoring:remediation_docx", args=[2025, "department", "QNG-STP"])
    document = open_docx(io.BytesIO(client_for(officer).get(url).content))
    introduction = next(
        p.text for p in document.paragraphs if "báo cáo kết quả khắc phục" in p.text
    )
    assert "xếp hạng" not in introduction
    assert introduction.startswith("Sở Tư pháp báo cáo kết quả khắc phục")


def test_the_leader_reads_but_does_not_create(
    published: Published, leader: User, client_for: Clients
) -> None:
    client = client_for(leader)
    assert client.get(PAGE).status_code == 200
    assert client.get(DOCX).status_code == 200
    assert client.post(CREATE, {"deadline": in_days(90)}).status_code == 403
    assert not Task.objects.exists()


def test_another_unit_and_outsiders_are_refused(
    published: Published, snv_officer: User, outsider: User, client_for: Clients
) -> None:
    for user in (snv_officer, outsider):
        client = client_for(user)
        assert client.get(PAGE).status_code == 403
        assert client.get(DOCX).status_code == 403
        assert client.post(CREATE, {"deadline": in_days(90)}).status_code == 403
    # Sở Nội vụ's own page is open to its officer.
    own = reverse("scoring:remediation", args=[2024, "department", "QNG-SNV"])
    assert client_for(snv_officer).get(own).status_code == 200


def test_the_page_reads_a_fixed_number_of_queries(
    published: Published,
    coordinator: User,
    client_for: Clients,
    django_assert_max_num_queries: Callable[[int], object],
) -> None:
    client = client_for(coordinator)
    client.post(CREATE, {"deadline": in_days(90)})
    with django_assert_max_num_queries(8):  # type: ignore[attr-defined]
        assert client.get(PAGE).status_code == 200


def test_the_units_finalised_score_sheet_links_to_its_remediation(
    published: Published, officer: User, client_for: Clients
) -> None:
    sheet = client_for(officer).get(
        reverse("scoring:assessment", args=[2024, "department", "QNG-STP"])
    )
    assert f'id="remediation-link" href="{PAGE}"' in sheet.content.decode()
