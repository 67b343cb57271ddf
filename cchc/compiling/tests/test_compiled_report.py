"""The compiled report as a work object: drafted from the data, edited with the unit reports'
conflict rule, drafted again without losing an edit, sent for signing, commented on by a
leader, issued into the document register; its .docx and its command."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from docx import Document as open_docx
from pytest_django import Settings

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.compiling import actions
from cchc.compiling.document import render
from cchc.compiling.models import CompiledEvent, CompiledReport, Status
from cchc.documents.models import Document


def docx_text(data: bytes) -> str:
    document = open_docx(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_draft_states_the_plans_own_figures_and_condenses_the_units(
    compiled: CompiledReport,
) -> None:
    section_i = compiled.section_text("I")
    assert "Kế hoạch cải cách hành chính năm 2025 (ban hành kèm theo Quyết định số " in section_i
    assert "giao 3 nhiệm vụ" in section_i
    assert "đã hoàn thành 1 nhiệm vụ (đúng hạn 1, trễ hạn 0)" in section_i
    assert "Sở Tư pháp (2 nhiệm vụ)" in section_i
    assert "35/QĐ-UBND" in compiled.section_text("mo-dau")
    # What one unit wrote is kept with its unit.
    assert "Sở đã tổ chức 02 cuộc kiểm tra nội bộ (Sở Tư pháp)." in section_i
    assert "Còn 1 nhiệm vụ của Kế hoạch quá hạn chưa hoàn thành, thuộc Sở Tư pháp (1)" in (
        compiled.section_text("III")
    )
    assert "số hóa hồ sơ thủ tục hành chính lĩnh vực hộ tịch (Sở Tư pháp, hạn 30/09/2025)" in (
        compiled.section_text("IV")
    )
    sources = [s for g in compiled.sections["I"]["generated"] for s in g["sources"]]
    assert any("Kế hoạch KH-CCHC-2025" in s for s in sources)


def test_a_save_on_a_stale_version_is_refused_and_nothing_is_overwritten(
    compiled: CompiledReport, coordinator: User
) -> None:
    actor = Actor.of_user(coordinator)
    saved = actions.save_sections(actor, compiled, 1, {"III": "Đánh giá của chuyên viên."})
    assert saved.version == 2 and saved.is_edited("III")
    with pytest.raises(actions.SaveConflict, match="đã lưu báo cáo này"):
        actions.save_sections(actor, compiled, 1, {"III": "Bản cũ."})
    assert CompiledReport.objects.get().section_text("III") == "Đánh giá của chuyên viên."


def test_drafting_again_keeps_an_edited_section_unless_asked_then_keeps_it_in_history(
    compiled: CompiledReport, coordinator: User
) -> None:
    actor = Actor.of_user(coordinator)
    saved = actions.save_sections(actor, compiled, 1, {"III": "Đánh giá của chuyên viên."})
    again, kept = actions.redraft(actor, saved, saved.version)
    assert kept == ["III"]
    assert again.section_text("III") == "Đánh giá của chuyên viên."
    replaced, kept = actions.redraft(actor, again, again.version, ["III"], overwrite_edited=True)
    assert kept == []
    assert "1. Ưu điểm" in replaced.section_text("III")
    history = CompiledEvent.objects.get(section="III", kind="drafted")
    assert history.previous_text == "Đánh giá của chuyên viên."


def test_the_workspace_shows_sources_originals_and_the_leaders_comment(
    compiled: CompiledReport,
    leader: User,
    coordinator: User,
    client_for: Callable[[User], Client],
) -> None:
    url = reverse("compiling:detail", args=[compiled.pk])
    answer = client_for(leader).post(
        reverse("compiling:comment", args=[compiled.pk]),
        {"section": "III", "text": "Bổ sung nguyên nhân hồ sơ quá hạn."},
        follow=True,
    )
    assert "Đã gửi ý kiến." in answer.content.decode()
    page = client_for(coordinator).get(url, {"tim": "kiem tra noi bo"}).content.decode()
    assert "Bổ sung nguyên nhân hồ sơ quá hạn." in page
    assert "Nguồn của từng câu trong bản dự thảo" in page
    assert "Sở đã tổ chức 02 cuộc kiểm tra nội bộ." in page
    assert 'name="section-III"' in page
    # A leader reads and comments, but does not edit.
    assert "readonly" in client_for(leader).get(url).content.decode()


def test_the_autosave_answers_with_the_version_or_the_conflict(
    compiled: CompiledReport, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    client = client_for(coordinator)
    url = reverse("compiling:autosave", args=[compiled.pk])
    first = client.post(url, {"version": "1", "section-V.rieng": "Đề nghị UBND tỉnh bố trí."})
    assert first.json()["version"] == 2
    stale = client.post(url, {"version": "1", "section-V.rieng": "Khác."})
    assert stale.status_code == 409 and stale.json()["conflict"] is True
    refused = client.post(
        reverse("compiling:save", args=[compiled.pk]), {"version": "1", "section-II.1": "Giữ"}
    )
    assert refused.status_code == 409
    assert "Giữ</textarea>" in refused.content.decode()


def test_signing_and_issuing_register_the_report_with_its_signed_file(
    compiled: CompiledReport,
    coordinator: User,
    deputy: User,
    settings: Settings,
    tmp_path: Path,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    actor = Actor.of_user(coordinator)
    assert compiled.signer == deputy
    assert (compiled.signer_authority, compiled.signer_title) == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
    signing = actions.submit_for_signing(actor, compiled)
    assert signing.status == Status.SIGNING
    with pytest.raises(actions.CompilingError):
        actions.save_sections(actor, signing, signing.version, {"III": "Sửa khi đang trình ký"})
    renamed_program = SimpleUploadedFile("bc-125.pdf", b"MZ\x90\x00" + b"\0" * 60)
    with pytest.raises(actions.CompilingError, match="chương trình chạy được"):
        actions.issue(actor, signing, "125/BC-SNV", compiled.period.due_date, renamed_program)
    signed = SimpleUploadedFile("bc-125.pdf", b"%PDF-1.4 signed")
    issued = actions.issue(actor, signing, "125/BC-SNV", compiled.period.due_date, signed)
    assert issued.status == Status.ISSUED
    document = Document.objects.get(symbol="125/BC-SNV")
    assert issued.document == document and document.file.read() == b"%PDF-1.4 signed"
    assert document.issuing_unit == deputy.memberships.get().unit
    text = docx_text(render(issued))
    assert "Số: 125/BC-SNV" in text
    assert AuditEntry.objects.filter(action="compiled.issued").exists()


def test_the_document_has_the_signer_the_month_and_the_issuers_recipients(
    compiled: CompiledReport,
) -> None:
    text = docx_text(render(compiled))
    month = compiled.planned_date
    assert f"tháng {month.month:02d} năm {month.year}" in text or (
        f"tháng {month.month} năm {month.year}" in text
    )
    assert "Số: /BC-SNV" in text
    assert "Võ Thị Thanh Hà" in text
    assert "KT. GIÁM ĐỐC" in text and "PHÓ GIÁM ĐỐC" in text
    assert "- UBND tỉnh (b/c);" in text
    assert "QNG-" not in text


def test_compile_report_and_export_synthesis_write_the_same_document(
    compiled: CompiledReport, tmp_path: Path
) -> None:
    compiled_path, exported = tmp_path / "a.docx", tmp_path / "b.docx"
    call_command("compile_report", period="2025-H1", out=str(compiled_path), stdout=io.StringIO())
    call_command("export_synthesis", period="2025-H1", out=str(exported), stdout=io.StringIO())
    assert docx_text(compiled_path.read_bytes()) == docx_text(exported.read_bytes())
    assert CompiledReport.objects.count() == 1
    call_command(
        "compile_report", period="2025-H1", issuer="ubnd", out=str(exported), stdout=io.StringIO()
    )
    text = docx_text(exported.read_bytes())
    assert "Số: /BC-UBND" in text and "TM. ỦY BAN NHÂN DÂN" in text
