"""A large plan file imported in the background (tasks/jobs.py), its progress page, and the
cap on the errors shown."""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks, Settings

from cchc.accounts.models import User
from cchc.tasks.models import ImportState, Plan, PlanImport, Task
from cchc.tasks.tests.conftest import write_xlsx
from cchc.testing import Clients
from conftest import Province

URL = reverse("tasks:plan_import")


def form(path: Path) -> dict[str, object]:
    return {
        "code": "KH-LON-2025",
        "title": "Kế hoạch lớn",
        "document": "35/QĐ-UBND ngày 10/01/2025",
        "file": SimpleUploadedFile(path.name, path.read_bytes()),
    }


def rows(count: int, unit: str = "QNG-STP") -> list[list[str]]:
    return [
        [str(n), f"Nhiệm vụ {n}", unit, "", "30/06/2025", "", "", "", ""]
        for n in range(1, count + 1)
    ]


def test_a_large_file_is_imported_in_the_background_and_its_page_shows_the_result(
    province: Province,
    coordinator: User,
    client_for: Clients,
    tmp_path: Path,
    settings: Settings,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    settings.PLAN_IMPORT_INLINE_BYTES = 1
    settings.MEDIA_ROOT = tmp_path / "media"
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form(write_xlsx(tmp_path / "kh.xlsx", rows(300))))
    job = PlanImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("tasks:plan_import_status", args=[job.pk])
    job.refresh_from_db()
    assert job.state == ImportState.DONE and job.rows == 300
    assert Task.objects.filter(plan__code="KH-LON-2025").count() == 300
    assert not job.file  # the kept upload is deleted once imported
    page = client.get(response["Location"]).content.decode()
    assert "Đã nhập xong" in page and "Đã nhập 300 nhiệm vụ." in page
    assert "data-refresh" not in page


def test_a_background_import_with_many_errors_shows_the_first_200_and_the_count(
    province: Province,
    coordinator: User,
    client_for: Clients,
    tmp_path: Path,
    settings: Settings,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    settings.PLAN_IMPORT_INLINE_BYTES = 1
    settings.MEDIA_ROOT = tmp_path / "media"
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, form(write_xlsx(tmp_path / "kh.xlsx", rows(450, unit="KHONG-CO"))))
    job = PlanImport.objects.get()
    assert job.state == ImportState.FAILED
    assert job.error_count == 450 and len(job.errors) == 200
    page = client.get(reverse("tasks:plan_import_status", args=[job.pk])).content.decode()
    assert "Không nhập được: 450 lỗi" in page
    assert "Dưới đây là 200 lỗi đầu tiên" in page
    assert page.count("<li>Dòng ") == 200
    assert not Plan.objects.filter(code="KH-LON-2025").exists()


def test_the_page_of_an_unfinished_import_refreshes_itself(
    province: Province, coordinator: User, client_for: Clients
) -> None:
    job = PlanImport.objects.create(
        code="KH-1", title="Kế hoạch", document="1/QĐ-UBND", state=ImportState.READING
    )
    page = client_for(coordinator).get(reverse("tasks:plan_import_status", args=[job.pk]))
    assert 'data-refresh="2"' in page.content.decode()
    assert "Đang đọc và kiểm tra tệp" in page.content.decode()
    assert page["Content-Security-Policy"].startswith("default-src 'self'")
    assert page["Cache-Control"] == "no-store"
