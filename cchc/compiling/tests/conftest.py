from __future__ import annotations

import datetime as dt

import pytest

from cchc.accounts.models import Membership, Role, User
from cchc.audit.log import Actor
from cchc.compiling.actions import start
from cchc.compiling.models import CompiledReport
from cchc.documents.actions import DocumentData, register_document
from cchc.reporting.actions import load_config, open_periods
from cchc.reporting.loading import read_config
from cchc.reporting.models import Period
from cchc.reporting.tests.export_data import Filed, file_h1_2025
from cchc.tasks.actions import TaskData, create_plan, create_task
from conftest import Province


@pytest.fixture
def filed(db: None, province: Province) -> Filed:
    """The reports of 2025-H1 of cchc/reporting/tests/export_data.py."""
    load_config(Actor.command("test"), read_config())
    open_periods(Actor.command("test"), 2025)
    return file_h1_2025(Period.objects.get(code="2025-H1"), province)


@pytest.fixture
def plan(province: Province) -> None:
    """The province's plan of 2025, decided by 35/QĐ-UBND, with three tasks: one done before
    the end of 2025-H1 (14/06/2025), one overdue then, one due in the next months."""
    command = Actor.command("test")
    decision = register_document(
        command, DocumentData("35/QĐ-UBND", dt.date(2025, 1, 10), "Ban hành Kế hoạch CCHC")
    )
    plan = create_plan(command, "KH-CCHC-2025", "Kế hoạch cải cách hành chính năm 2025", decision)
    for content, lead, deadline in [
        ("Ban hành Kế hoạch kiểm tra công tác cải cách hành chính", province.snv, (2025, 2, 28)),
        ("Rà soát văn bản quy phạm pháp luật của tỉnh", province.stp, (2025, 5, 31)),
        ("Số hóa hồ sơ thủ tục hành chính lĩnh vực hộ tịch", province.stp, (2025, 9, 30)),
    ]:
        create_task(
            command,
            TaskData(content, decision, lead, deadline=dt.date(*deadline), plan=plan),
        )
    first = plan.tasks.get(deadline=dt.date(2025, 2, 28))
    first.status, first.completed_on = "da_hoan_thanh", dt.date(2025, 2, 20)
    first.save()


@pytest.fixture
def deputy(province: Province) -> User:
    """Sở Nội vụ's deputy director, who signs for the director."""
    user = User.objects.create_user("phogiamdoc", password="x", full_name="Võ Thị Thanh Hà")
    Membership.objects.create(user=user, unit=province.snv, role=Role.HEAD)
    return user


@pytest.fixture
def compiled(
    filed: Filed, plan: None, deputy: User, coordinator: User, province: Province
) -> CompiledReport:
    """The province's compiled report of 2025-H1, drafted by the coordinator."""
    return start(Actor.of_user(coordinator), filed.period, province.root)
