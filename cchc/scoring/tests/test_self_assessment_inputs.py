"""Nothing typed on the self-assessment is silently dropped, evidence is what it says.

- a level chosen with "Không áp dụng" ticked is refused on that line, nothing saved, nothing
  typed lost;
- a leaf that requires evidence, scored with only an explanation, is flagged "không có tài
  liệu kiểm chứng" for Sở Nội vụ (and the unit), and still cannot be sent with neither;
- evidence takes scans (.jpg, .png), spreadsheets (.xlsx, .xls) and .zip archives of those,
  each checked from its bytes: a program renamed, a zip holding one, or a zip bomb is refused.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from pytest_django import Settings

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.lib.xlsx import workbook_bytes
from cchc.scoring.actions import ScoringError, add_evidence, submit_self_assessment
from cchc.scoring.models import Assessment, Evidence, ItemScore
from cchc.scoring.tests.sheets import completed, item, posted, sheet_url, stp_sheet
from cchc.testing import Clients
from conftest import Province

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 40
JPG = b"\xff\xd8\xff\xe0" + b"\0" * 40
XLS = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 40


@pytest.fixture
def draft(province: Province, settings: Settings, tmp_path: Path) -> Assessment:
    settings.MEDIA_ROOT = tmp_path
    return stp_sheet(province.stp)


def xlsx() -> bytes:
    workbook = Workbook()
    workbook.active["A1"] = "Danh mục thủ tục hành chính đã công bố"
    return workbook_bytes(workbook)


def zipped(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_a_level_with_not_applicable_is_refused_on_its_line_and_nothing_is_lost(
    draft: Assessment, officer: User, client_for: Clients
) -> None:
    fields = {
        "score-2.1": "18",
        "na-2.1": "1",
        "explanation-2.1": "Đơn vị không giải quyết thủ tục hành chính.",
        "score-1.3": "10",
        "explanation-1.3": "Tuyên truyền trên cổng thông tin.",
    }
    response = client_for(officer).post(
        sheet_url("scoring:assessment_save", draft), posted(draft, fields)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Đã lưu" not in html
    line = html[html.index('id="tc-2.1"') : html.index("</tr>", html.index('id="tc-2.1"'))]
    assert "Đã chọn mức điểm 18 và đồng thời đánh dấu «Không áp dụng»; hãy bỏ một" in line
    assert 'value="18"' in line and 'name="na-2.1" value="1" checked' in line
    # All or nothing: the other line is not saved either, but kept on the page.
    assert item(draft, "1.3").self_score is None and item(draft, "2.1").self_score is None
    assert not item(draft, "2.1").not_applicable
    assert "Tuyên truyền trên cổng thông tin." in html


def test_a_level_on_a_levelled_leaf_with_not_applicable_is_refused_too(
    draft: Assessment, officer: User, client_for: Clients
) -> None:
    fields = {"score-1.1.1": "1,5", "na-1.1.1": "1", "explanation-1.1.1": "Không áp dụng."}
    html = (
        client_for(officer)
        .post(sheet_url("scoring:assessment_save", draft), posted(draft, fields))
        .content.decode()
    )
    assert "Đã chọn mức điểm 1,5 và đồng thời đánh dấu «Không áp dụng»" in html
    assert not item(draft, "1.1.1").not_applicable


def test_evidence_required_but_only_explained_is_flagged_for_the_coordinator(
    draft: Assessment,
    officer: User,
    head: User,
    coordinator: User,
    client_for: Clients,
) -> None:
    sent = submit_self_assessment(Actor.of_user(head), completed(draft, officer))
    html = client_for(coordinator).get(sheet_url("scoring:assessment", sent)).content.decode()
    assert "2 tiêu chí phải có tài liệu kiểm chứng nhưng không có tài liệu" in html
    assert "chỉ có giải trình: 1.1.1, 2.1." in html
    for code in ("1.1.1", "2.1"):
        assert "không có tài liệu kiểm chứng" in criterion_block(html, code)
    assert "không có tài liệu kiểm chứng" not in criterion_block(html, "1.3")


def criterion_block(html: str, code: str) -> str:
    """The score sheet's part for one criterion: up to the next criterion's."""
    start = html.index(f'id="tc-{code}"')
    end = html.find('id="tc-', start + 1)
    return html[start : end if end != -1 else len(html)]


def test_evidence_required_with_neither_evidence_nor_explanation_cannot_be_sent(
    draft: Assessment, officer: User, head: User, client_for: Clients
) -> None:
    completed(draft, officer)
    ItemScore.objects.filter(assessment=draft, criterion__code="2.1").update(explanation="")
    page = client_for(head).post(
        sheet_url("scoring:assessment_submit", draft), posted(draft, {}), follow=True
    )
    html = page.content.decode()
    assert "2.1: chưa có tài liệu kiểm chứng; hãy đính kèm, hoặc giải trình vì sao" in html
    assert Assessment.objects.get(pk=draft.pk).status == "tu_danh_gia"


def test_attached_evidence_lifts_the_flag(
    draft: Assessment, officer: User, coordinator: User, client_for: Clients
) -> None:
    completed(draft, officer)
    add_evidence(
        Actor.of_user(officer), item(draft, "2.1"), file=SimpleUploadedFile("tthc.png", PNG)
    )
    html = client_for(coordinator).get(sheet_url("scoring:assessment", draft)).content.decode()
    assert "chỉ có giải trình: 1.1.1." in html


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bien-ban.jpg", JPG),
        ("anh-chup.JPEG", JPG),
        ("niem-yet.png", PNG),
        ("danh-muc.xlsx", None),
        ("so-lieu-2003.xls", XLS),
        ("anh-chup.zip", zipped({"a/1.jpg": JPG, "a/2.png": PNG, "bang.xls": XLS})),
    ],
)
def test_scans_spreadsheets_and_zips_of_them_are_evidence(
    draft: Assessment, officer: User, client_for: Clients, name: str, content: bytes | None
) -> None:
    data = xlsx() if content is None else content
    upload = SimpleUploadedFile(name, data)
    response = client_for(officer).post(
        sheet_url("scoring:evidence_add", draft), {"item": "2.1", "evidence-file-2.1": upload}
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.name == name
    assert evidence.file.read() == data


def test_a_zip_of_spreadsheets_with_a_workbook_inside_is_evidence(
    draft: Assessment, officer: User
) -> None:
    upload = SimpleUploadedFile("bang-tinh.zip", zipped({"danh-muc.xlsx": xlsx()}))
    add_evidence(Actor.of_user(officer), item(draft, "2.1"), file=upload)
    assert Evidence.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("anh.jpg", b"MZ\x90\x00" + b"\0" * 40, "Tệp anh.jpg là chương trình chạy được"),
        ("bang.xlsx", b"MZ\x90\x00", "Tệp bang.xlsx là chương trình chạy được"),
        ("bang.xlsx", zipped({"word/document.xml": b"<w/>"}), "không phải là tệp .xlsx"),
        ("bien-ban.pdf", b"\x7fELF\x02\x01", "Tệp bien-ban.pdf là chương trình chạy được"),
        ("ghi-chu.txt", b"MZ\x90\x00", "Tệp ghi-chu.txt là chương trình chạy được"),
        ("so-lieu.xls", PNG, "không phải là tệp .xls"),
        ("anh.zip", zipped({"setup.exe": b"MZ"}), "Tệp nén anh.zip chứa setup.exe"),
        ("anh.zip", zipped({"anh.jpg": b"MZ\x90"}), "Tệp anh.jpg trong tệp nén anh.zip"),
        ("anh.zip", zipped({"trong.zip": zipped({"a.jpg": JPG})}), "chứa trong.zip"),
        ("anh.zip", b"PK\x03\x04 hong", "Nội dung tệp anh.zip không phải là tệp .zip"),
        ("anh.zip", zipped({"rong.jpg": b"\xff\xd8\xff" + b"\0" * (30 * 1024 * 1024)}), "quá lớn"),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused(
    draft: Assessment, officer: User, name: str, content: bytes, message: str
) -> None:
    with pytest.raises(ScoringError, match=re.escape(message)):
        add_evidence(
            Actor.of_user(officer), item(draft, "2.1"), file=SimpleUploadedFile(name, content)
        )
    assert not Evidence.objects.exists()


def test_a_refused_file_is_said_on_the_page(
    draft: Assessment, officer: User, client_for: Clients
) -> None:
    upload = SimpleUploadedFile("anh.png", b"MZ\x90\x00renamed program")
    page = client_for(officer).post(
        sheet_url("scoring:evidence_add", draft),
        {"item": "2.1", "evidence-file-2.1": upload},
        follow=True,
    )
    assert "Tệp anh.png là chương trình chạy được, không được phép tải lên" in (
        page.content.decode()
    )
    assert not Evidence.objects.exists()
