"""The JSON save that the page's script calls (POST /bao-cao/<kỳ>/<đơn vị>/tu-dong-luu/)."""

from __future__ import annotations

from decimal import Decimal

from django.test import Client

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.reporting.actions import report_values, save_draft
from cchc.reporting.models import Report
from cchc.reporting.tests.pages import fresh, report_url, typed
from cchc.testing import Clients
from conftest import Province


def test_it_returns_the_new_version_the_time_and_the_findings(
    stp_draft: Report, officer: User, client_for: Clients, province: Province
) -> None:
    data = typed(
        stp_draft,
        {"I": "Bản nháp"},
        plan_tasks_set="10",
        plan_tasks_done="12",
        satisfaction_rate="120",
    )
    response = client_for(officer).post(
        report_url("report_autosave", stp_draft.period, province.stp), data
    )
    assert response.status_code == 200
    body = response.json()
    assert body["version"] == 2
    assert body["errors"] == {}
    assert body["saved_at_text"].count("/") == 2  # dd/mm/yyyy hh:mm
    failed = [
        f
        for f in body["findings"]
        if f["rule"] != "required" and not f["message"].startswith("Chưa kiểm tra được")
    ]
    assert {f["rule"] for f in failed} == {
        "tasks_done_le_set",
        "satisfaction_rate_le_100",
    }
    done = next(f for f in body["findings"] if f["rule"] == "tasks_done_le_set")
    assert done == {
        "rule": "tasks_done_le_set",
        "severity": "blocking",
        "message": "Số nhiệm vụ đã hoàn thành không được lớn hơn số nhiệm vụ trong kế hoạch.",
        "codes": ["plan_tasks_done", "plan_tasks_set"],
    }
    assert fresh(stp_draft).narrative == {"I": "Bản nháp"}


def test_a_figure_that_cannot_be_read_is_reported_and_the_rest_saved(
    stp_draft: Report, officer: User, client_for: Clients, province: Province
) -> None:
    data = typed(stp_draft, {"I": "Vẫn lưu"}, news_items="mười", initiatives="2")
    response = client_for(officer).post(
        report_url("report_autosave", stp_draft.period, province.stp), data
    )
    assert response.status_code == 200
    assert response.json()["errors"] == {"news_items": "«mười» không phải là số."}
    assert report_values(fresh(stp_draft)) == {"initiatives": Decimal(2)}


def test_a_stale_save_gets_409_with_the_conflict_message_and_overwrites_nothing(
    stp_draft: Report, officer: User, head: User, client_for: Clients, province: Province
) -> None:
    opened = typed(stp_draft, {"I": "Bản của chuyên viên"})
    save_draft(Actor.of_user(head), stp_draft, 1, {"I": "Bản của lãnh đạo"}, {})
    response = client_for(officer).post(
        report_url("report_autosave", stp_draft.period, province.stp), opened
    )
    assert response.status_code == 409
    body = response.json()
    assert body["conflict"] is True
    assert body["error"].startswith("giamdoc đã lưu báo cáo này lúc")
    assert "Nội dung bạn vừa nhập chưa được lưu và vẫn còn trên trang" in body["error"]
    assert fresh(stp_draft).narrative == {"I": "Bản của lãnh đạo"}


def test_a_save_without_the_version_is_refused(
    stp_draft: Report, officer: User, client_for: Clients, province: Province
) -> None:
    response = client_for(officer).post(
        report_url("report_autosave", stp_draft.period, province.stp), {"narrative-I": "x"}
    )
    assert response.status_code == 409
    assert "thiếu số phiên bản" in response.json()["error"]
    assert fresh(stp_draft).narrative == {}


def test_readers_and_other_units_are_refused(
    stp_draft: Report, leader: User, outsider: User, client_for: Clients, province: Province
) -> None:
    url = report_url("report_autosave", stp_draft.period, province.stp)
    for user in (leader, outsider):
        assert client_for(user).post(url, typed(stp_draft, {"I": "x"})).status_code == 403
    assert Client().post(url, typed(stp_draft)).status_code == 302
    assert fresh(stp_draft).version == 1
