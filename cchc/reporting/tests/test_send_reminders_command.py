"""`manage.py send_reminders`: one e-mail per unit and period due within N days or overdue,
to the unit's officers and heads, for every expected unit that has not sent its report."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from cchc.accounts.models import Membership, Role, User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.reporting.actions import start_report, submit_report
from cchc.reporting.models import Period
from cchc.reporting.tests.complete import fill_completely
from cchc.reporting.tests.export_data import sent_on
from conftest import Province


@pytest.fixture
def addresses(officer: User, head: User, province: Province) -> None:
    """Sở Tư pháp's officer and head, and the district's officer, have e-mail addresses;
    Sở Nội vụ and the commune have none."""
    officer.email, head.email = "chuyenvien@stp.quangngai.gov.vn", "giamdoc@stp.quangngai.gov.vn"
    officer.save(update_fields=["email"])
    head.save(update_fields=["email"])
    district_officer = User.objects.create_user(
        "binhson", email="cchc@binhson.quangngai.gov.vn", password="x"
    )
    Membership.objects.create(user=district_officer, unit=province.district, role=Role.OFFICER)


def run(*args: str) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_units_that_have_not_sent_get_one_email_per_period(
    h1_2025: Period, addresses: None, head: User, province: Province
) -> None:
    # Sở Tư pháp sent its first-quarter report; the 6-month report is due on 19/06/2025.
    q1 = Period.objects.get(code="2025-Q1")
    report = fill_completely(
        Actor.of_user(head), start_report(Actor.of_user(head), q1, province.stp)
    )
    submit_report(Actor.of_user(head), report, at=sent_on(dt.date(2025, 3, 18)))
    output = run("--as-of", "2025-06-17")
    sent = {(m.to[0], m.subject) for m in mail.outbox}
    assert sent == {
        (
            "chuyenvien@stp.quangngai.gov.vn",
            f"[CCHC] Sở Tư pháp: nhắc nộp báo cáo {h1_2025.title}, hạn 19/06/2025",
        ),
        (
            "cchc@binhson.quangngai.gov.vn",
            f"[CCHC] Ủy ban nhân dân huyện Bình Sơn: nhắc nộp báo cáo {h1_2025.title}, "
            "hạn 19/06/2025",
        ),
        (
            "cchc@binhson.quangngai.gov.vn",
            "[CCHC] Ủy ban nhân dân huyện Bình Sơn: báo cáo Quý I năm 2025 đã quá hạn nộp "
            "(19/03/2025)",
        ),
    }
    stp = next(m for m in mail.outbox if m.to[0].endswith("stp.quangngai.gov.vn"))
    assert stp.to == ["chuyenvien@stp.quangngai.gov.vn", "giamdoc@stp.quangngai.gov.vn"]
    assert "Kính gửi: Sở Tư pháp" in stp.body
    assert "có hạn nộp 19/06/2025; đơn vị chưa gửi báo cáo" in stp.body
    assert "15/12/2024 – 14/06/2025" in stp.body
    assert "http://127.0.0.1:8000/bao-cao/2025-H1/QNG-STP/" in stp.body
    overdue = next(m for m in mail.outbox if "quá hạn" in m.subject)
    assert "đã quá hạn nộp 90 ngày (hạn nộp 19/03/2025)" in overdue.body
    assert AuditEntry.objects.filter(action="report.reminder").count() == 3
    assert "Đã gửi 3 thư nhắc; 4 thư chưa gửi được vì đơn vị chưa có địa chỉ thư" in output
    assert "  Sở Nội vụ – Quý I năm 2025" in output
    assert "  Ủy ban nhân dân xã Bình Chánh – " in output


def test_periods_due_later_are_left_alone(h1_2025: Period, addresses: None) -> None:
    output = run("--as-of", "2025-03-10", "--days", "3")
    assert mail.outbox == []
    assert "Đã gửi 0 thư nhắc; 0 thư chưa gửi được" in output
    run("--as-of", "2025-03-10", "--days", "9")  # Quý I is due on 19/03/2025
    assert len(mail.outbox) == 2


def test_bad_options_are_refused(reporting: None) -> None:
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("--as-of", "17/06/2025")
    with pytest.raises(CommandError, match="từ 0 trở lên"):
        run("--days", "-1")
