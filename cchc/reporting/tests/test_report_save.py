"""Saving a draft from the report page without script (POST /bao-cao/<kỳ>/<đơn vị>/luu/).

Nothing typed is lost: a figure that cannot be read comes back in its field with the reason, and
a save made on a copy that someone else has saved since is refused with the typed text kept.
"""

from __future__ import annotations

from decimal import Decimal

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.reporting.actions import report_values, save_draft, submit_report
from cchc.reporting.models import Report
from cchc.reporting.tests.complete import fill_completely
from cchc.reporting.tests.pages import fresh, report_url, typed
from cchc.testing import Clients
from conftest import Province


def test_the_officer_saves_the_narrative_and_figures_typed_either_way(
    stp_draft: Report, officer: User, client_for: Clients, province: Province
) -> None:
    data = typed(
        stp_draft,
        {"II.2": "Tiếp nhận 2.319 hồ sơ.", "V": "Đề nghị tập huấn."},
        dossiers_received="2.319",
        dossiers_received_online="1500",
        satisfaction_rate="86,08",
        training_classes=" 24 ",
    )
    url = report_url("report_save", stp_draft.period, province.stp)
    response = client_for(officer).post(url, data, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == report_url("report", stp_draft.period, province.stp)
    assert "Đã lưu báo cáo." in html
    report = fresh(stp_draft)
    assert report.version == 2
    assert report.narrative["II.2"] == "Tiếp nhận 2.319 hồ sơ."
    assert report_values(report) == {
        "dossiers_received": Decimal(2319),
        "dossiers_received_online": Decimal(1500),
        "satisfaction_rate": Decimal("86.08"),
        "training_classes": Decimal(24),
    }
    assert 'value="1.500"' in html and 'value="86,08"' in html
    assert ">64,68</output>" in html  # online rate: 1.500 / 2.319
    assert AuditEntry.objects.filter(action="report.save", actor=officer).count() == 1


def test_a_section_left_out_of_the_form_keeps_its_text(
    stp_draft: Report, officer: User, client_for: Clients, province: Province
) -> None:
    save_draft(Actor.of_user(officer), stp_draft, 1, {"I": "Đã có kế hoạch."}, {})
    client_for(officer).post(
        report_url("report_save", stp_draft.period, province.stp),
        typed(fresh(stp_draft), {"III": "Đánh giá chung."}),
    )
    assert fresh(stp_draft).narrative == {"I": "Đã có kế hoạch.", "III": "Đánh giá chung."}


def test_a_figure_that_cannot_be_read_is_shown_again_with_the_reason(
    stp_draft: Report, officer: User, client_for: Clients, province: Province
) -> None:
    data = typed(
        stp_draft,
        {"I": "Nội dung vẫn được lưu."},
        dossiers_received="2.319",
        training_classes="hai mươi",
        staff_cut="1,5",
        news_items="-3",
    )
    response = client_for(officer).post(
        report_url("report_save", stp_draft.period, province.stp), data
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "3 số liệu chưa đọc được nên chưa lưu" in html
    assert 'value="hai mươi"' in html
    assert "«hai mươi» không phải là số." in html
    assert 'value="1,5"' in html and "Chỉ tiêu này là số nguyên." in html
    assert 'value="-3"' in html and "Số liệu không được âm." in html
    assert 'aria-invalid="true"' in html
    report = fresh(stp_draft)
    assert report.narrative["I"] == "Nội dung vẫn được lưu."
    assert report_values(report) == {"dossiers_received": Decimal(2319)}
    # The page carries the saved version, so saving the corrected figure is not a conflict.
    assert 'name="version" value="2"' in html


def test_a_stale_save_is_refused_and_the_typed_text_stays_on_the_page(
    stp_draft: Report, officer: User, head: User, client_for: Clients, province: Province
) -> None:
    opened = typed(stp_draft, {"I": "Bản của chuyên viên"}, news_items="12")
    save_draft(
        Actor.of_user(head), stp_draft, 1, {"I": "Bản của lãnh đạo"}, {"news_items": Decimal(7)}
    )
    response = client_for(officer).post(
        report_url("report_save", stp_draft.period, province.stp), opened
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "giamdoc đã lưu báo cáo này lúc" in html
    assert "Nội dung bạn vừa nhập chưa được lưu và vẫn còn trên trang" in html
    assert "Bản của chuyên viên</textarea>" in html
    assert 'name="value-news_items" value="12"' in html
    assert 'data-autosave="off"' in html
    # Nothing was overwritten; saving again from this page is a deliberate choice.
    report = fresh(stp_draft)
    assert report.narrative == {"I": "Bản của lãnh đạo"}
    assert report_values(report) == {"news_items": Decimal(7)}
    assert f'name="version" value="{report.version}"' in html


def test_a_sent_report_cannot_be_saved_and_the_typed_text_stays(
    stp_draft: Report, officer: User, head: User, client_for: Clients, province: Province
) -> None:
    submit_report(Actor.of_user(head), fill_completely(Actor.of_user(head), stp_draft))
    response = client_for(officer).post(
        report_url("report_save", stp_draft.period, province.stp),
        typed(fresh(stp_draft), {"I": "Sửa sau khi gửi"}),
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "Báo cáo đang ở trạng thái «Đã gửi», không sửa được." in html
    assert "Sửa sau khi gửi</textarea>" in html
    assert fresh(stp_draft).narrative["I"] == "Nội dung phần I."


def test_saving_without_changes_writes_nothing(
    stp_draft: Report, officer: User, client_for: Clients, province: Province
) -> None:
    client_for(officer).post(
        report_url("report_save", stp_draft.period, province.stp), typed(stp_draft)
    )
    assert fresh(stp_draft).version == 1
    assert not AuditEntry.objects.filter(action="report.save").exists()


def test_saving_is_post_only(
    stp_draft: Report, officer: User, client_for: Clients, province: Province
) -> None:
    url = report_url("report_save", stp_draft.period, province.stp)
    assert client_for(officer).get(url).status_code == 405
