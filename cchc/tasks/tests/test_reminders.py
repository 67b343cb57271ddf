"""``manage.py send_task_reminders``: one e-mail per lead unit, overdue and due soon."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.tasks.actions import accept_task, report_done
from cchc.tasks.tests.conftest import MakeTask
from conftest import Province

AS_OF = "2025-06-25"


def run(*args: str) -> str:
    out = StringIO()
    call_command("send_task_reminders", "--as-of", AS_OF, *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def addressed(officer: User, head: User, province: Province) -> None:
    officer.email = "chuyenvien@stp.example"
    officer.save(update_fields=["email"])
    head.email = "giamdoc@stp.example"
    head.save(update_fields=["email"])


def test_each_lead_unit_gets_one_email_with_its_overdue_and_soon_due_tasks(
    make_task: MakeTask, addressed: None, province: Province
) -> None:
    make_task(content="Quá hạn", deadline=dt.date(2025, 6, 20))
    make_task(content="Đến hạn hôm nay", deadline=dt.date(2025, 6, 25))
    make_task(content="Còn sáu ngày", deadline=dt.date(2025, 7, 1))
    make_task(content="Còn tám ngày", deadline=dt.date(2025, 7, 3))
    make_task(content="Thường xuyên", deadline=None)
    done = make_task(content="Đã báo cáo", deadline=dt.date(2025, 6, 1))
    accept_task(Actor.command("test"), done)
    report_done(Actor.command("test"), done, dt.date(2025, 6, 10), "Xong")
    make_task(content="Của Sở Nội vụ", lead_unit=province.snv, deadline=dt.date(2025, 6, 1))

    output = run()
    [message] = mail.outbox
    assert sorted(message.to) == ["chuyenvien@stp.example", "giamdoc@stp.example"]
    assert message.subject == (
        "[CCHC] Sở Tư pháp: 1 nhiệm vụ quá hạn, 2 nhiệm vụ đến hạn trong 7 ngày"
    )
    body = message.body
    assert "Kính gửi: Sở Tư pháp" in body
    assert "Tính đến ngày 25/06/2025" in body
    assert "NHIỆM VỤ QUÁ HẠN (1)" in body
    assert "Quá hạn\n   Hạn: 20/06/2025 (quá hạn 5 ngày)" in body
    assert "Đến hạn hôm nay\n   Hạn: 25/06/2025 (đến hạn hôm nay)" in body
    assert "Còn sáu ngày\n   Hạn: 01/07/2025 (còn 6 ngày)" in body
    for absent in ("Còn tám ngày", "Thường xuyên", "Đã báo cáo", "Của Sở Nội vụ"):
        assert absent not in body
    assert "http://127.0.0.1:8000/nhiem-vu/don-vi/QNG-STP/" in body
    assert "Đã gửi Sở Tư pháp (1 quá hạn, 2 sắp đến hạn)" in output
    assert "Không gửi được cho Sở Nội vụ (1 quá hạn, 0 sắp đến hạn): chưa có địa chỉ thư" in output
    assert "Đã gửi 1 thư nhắc (tính đến ngày 25/06/2025)." in output
    assert AuditEntry.objects.get(action="task.reminder").object_repr == "Sở Tư pháp"


def test_the_days_option_widens_the_window(make_task: MakeTask, addressed: None) -> None:
    make_task(content="Còn tám ngày", deadline=dt.date(2025, 7, 3))
    run("--days", "10")
    assert "Còn tám ngày" in mail.outbox[0].body
    assert "TRONG 10 NGÀY TỚI (1)" in mail.outbox[0].body


def test_nothing_due_sends_nothing(make_task: MakeTask, addressed: None) -> None:
    make_task(deadline=dt.date(2025, 12, 31))
    assert run().strip() == "Đã gửi 0 thư nhắc (tính đến ngày 25/06/2025)."
    assert mail.outbox == []


def test_bad_options_are_refused(province: Province) -> None:
    with pytest.raises(CommandError, match="--days"):
        run("--days", "-1")
    with pytest.raises(CommandError, match="--as-of"):
        call_command("send_task_reminders", "--as-of", "25/06/2025")
