"""The whole cycle through the pages, each role in its own browser session: the officer of
Sở Tư pháp starts and drafts with evidence, the head sends, Sở Nội vụ appraises with a
deduction, the head answers it, Sở Nội vụ finalises; the history tells who did what."""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from cchc.accounts.models import Membership, Role, User
from cchc.scoring.models import Assessment, Status
from cchc.scoring.tests.factories import small_framework
from cchc.scoring.tests.sheets import item
from cchc.testing import Clients
from conftest import Province


def page_of(client: Client, url: str) -> tuple[str, str]:
    """The sheet's HTML and the version its form carries."""
    html = client.get(url).content.decode()
    marker = 'name="version" value="'
    start = html.index(marker) + len(marker) if marker in html else -1
    return html, html[start : html.index('"', start)] if start >= 0 else ""


def test_the_full_cycle_in_the_browser_for_each_role(
    province: Province,
    officer: User,
    head: User,
    coordinator: User,
    leader: User,
    client_for: Clients,
    settings: Settings,
    tmp_path: Path,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    framework = small_framework()
    url = reverse("scoring:assessment", args=[2025, "department", province.stp.code])
    names = {"year": 2025, "kind": "department", "unit": province.stp.code}

    def action(name: str) -> str:
        return reverse(name, kwargs=names)

    # The officer finds the unit's sheet from the overview and starts it.
    drafting = client_for(officer)
    home = drafting.get(reverse("scoring:par_home")).content.decode()
    assert url in home and "Chưa bắt đầu" in home
    drafting.post(action("scoring:assessment_start"))
    assessment = Assessment.objects.get(framework=framework, unit=province.stp)
    html, version = page_of(drafting, url)
    assert version == "1"
    # Scores with an uploaded plan as evidence for 1.1.1 (the sheet is saved with it).
    sheet = {
        "version": version,
        "score-1.1.1": "3",
        "explanation-1.1.1": "",
        "score-1.1.3": "4",
        "score-1.3": "10",
        "score-2.1": "18",
        "explanation-2.1": "Công bố 42 thủ tục trên Cổng dịch vụ công.",
        "score-2.2": "28",
        "item": "1.1.1",
        "evidence-file-1.1.1": SimpleUploadedFile("ke-hoach-cchc-2025.pdf", b"%PDF-1.4"),
    }
    drafting.post(action("scoring:evidence_add"), sheet)
    assert item(assessment, "2.2").self_score == 28
    assert item(assessment, "1.1.1").evidence.get().name == "ke-hoach-cchc-2025.pdf"
    html, version = page_of(drafting, url)
    assert "ke-hoach-cchc-2025.pdf" in html

    # The head sends it.
    sending = client_for(head)
    page = sending.post(action("scoring:assessment_submit"), {"version": version}, follow=True)
    assert "Đã gửi bản tự đánh giá cho Sở Nội vụ." in page.content.decode()

    # Another unit's head never sees it.
    other = User.objects.create_user("giamdoc-snv")
    Membership.objects.create(user=other, unit=province.snv, role=Role.HEAD)
    assert client_for(other).get(url).status_code == 403

    # Sở Nội vụ appraises: 2.2 loses 2 points, with the reason; then sends the result.
    appraising = client_for(coordinator)
    listing = appraising.get(reverse("scoring:par_framework", args=[2025, "department"])).content
    assert "Đã gửi, chờ thẩm định" in listing.decode()
    html, version = page_of(appraising, url)
    appraisal = {
        "version": version,
        "appraised-1.1.1": "3",
        "appraised-1.1.3": "4",
        "appraised-1.3": "10",
        "appraised-2.1": "18",
        "appraised-2.2": "26",
        "reason-2.2": "",
    }
    refused = appraising.post(action("scoring:assessment_appraise"), appraisal)
    assert "Hãy ghi lý do trừ điểm." in refused.content.decode()
    appraisal["reason-2.2"] = "2 % hồ sơ giải quyết quá hạn."
    page = appraising.post(action("scoring:assessment_send"), appraisal, follow=True)
    assert "Đã gửi kết quả thẩm định cho đơn vị." in page.content.decode()

    # The head reads the deduction and answers it once.
    html = sending.get(url).content.decode()
    assert "2 % hồ sơ giải quyết quá hạn." in html and "bị trừ điểm" in html
    sending.post(
        action("scoring:deduction_answer"),
        {"item": "2.2", "answer": "Do hồ sơ chờ bổ sung của dân."},
    )

    # Sở Nội vụ reads the answer and finalises.
    html = appraising.get(url).content.decode()
    assert "Do hồ sơ chờ bổ sung của dân." in html
    page = appraising.post(action("scoring:assessment_finalise"), follow=True)
    assert "Đã chốt điểm." in page.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == Status.FINALISED

    # Everyone who may read it sees the totals: the survey (30) is not entered yet, so what
    # compares is the rest; the two computed leaves (no data) do not apply: 61 of 68 points
    # appraised (89,71 of 100), 63 claimed (92,65).
    for reader in (officer, leader):
        html = client_for(reader).get(url).content.decode()
        assert "chưa gồm điều tra xã hội học: <strong>61,00</strong>/68,00" in html
        assert "quy đổi về thang 100: 89,71" in html and "quy đổi về thang 100: 92,65" in html
        assert "Còn chờ 30,00 điểm điều tra xã hội học" in html
    history = client_for(leader).get(url).content.decode()
    for step in (
        "Bắt đầu tự đánh giá",
        "Thêm tài liệu kiểm chứng",
        "Gửi tự đánh giá",
        "Lưu kết quả thẩm định",
        "Gửi kết quả thẩm định cho đơn vị",
        "Giải trình kết quả thẩm định",
        "Chốt điểm",
    ):
        assert step in history
    assert "dieuphoi" in history and "giamdoc" in history and "chuyenvien" in history
