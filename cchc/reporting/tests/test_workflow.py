"""A unit's report from draft to accepted, with returns, conflicts and refusals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from cchc.accounts.models import Membership, Role, User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.reporting.actions import (
    SaveConflict,
    SubmitRefused,
    accept_report,
    reopen_report,
    report_values,
    return_report,
    save_draft,
    start_report,
    submit_report,
)
from cchc.reporting.models import Period, ReportEvent, Status
from cchc.reporting.tests.complete import complete_figures, complete_narrative, fill_completely
from cchc.reporting.workflows import REPORT_WORKFLOW, ReportingError
from cchc.workflow import StatusError, WorkflowError
from conftest import Province, make_user


def as_(user: User) -> Actor:
    return Actor.of_user(user, "10.0.0.7")


def test_an_officer_starts_a_draft_for_the_unit(
    h1_2025: Period, officer: User, province: Province
) -> None:
    report = start_report(as_(officer), h1_2025, province.stp)
    assert (report.status, report.unit, report.version) == (Status.DRAFT, province.stp, 1)
    assert AuditEntry.objects.filter(action="report.create", object_id=str(report.pk)).exists()


def test_an_officer_cannot_start_another_units_report(
    h1_2025: Period, officer: User, province: Province
) -> None:
    with pytest.raises(PermissionDenied):
        start_report(as_(officer), h1_2025, province.snv)
    assert AuditEntry.objects.filter(action="access.denied", actor=officer).exists()


def test_saving_keeps_the_narrative_and_the_figures(
    h1_2025: Period, officer: User, province: Province
) -> None:
    report = start_report(as_(officer), h1_2025, province.stp)
    saved = save_draft(
        as_(officer),
        report,
        report.version,
        {"II.2": "Tiếp nhận 2.319 hồ sơ.", "nope": "ignored"},
        {"dossiers_received": Decimal(2319), "training_classes": Decimal(24)},
    )
    assert saved.version == 2
    assert saved.narrative == {"II.2": "Tiếp nhận 2.319 hồ sơ."}
    assert report_values(saved) == {"dossiers_received": Decimal(2319), "training_classes": 24}


def test_a_stale_save_is_refused_and_overwrites_nothing(
    h1_2025: Period, officer: User, head: User, province: Province
) -> None:
    report = start_report(as_(officer), h1_2025, province.stp)
    opened_version = report.version
    save_draft(as_(head), report, opened_version, {"I": "Bản của lãnh đạo"}, {})
    with pytest.raises(SaveConflict) as error:
        save_draft(as_(officer), report, opened_version, {"I": "Bản của chuyên viên"}, {})
    assert "giamdoc đã lưu báo cáo này lúc" in str(error.value)
    report.refresh_from_db()
    assert report.narrative == {"I": "Bản của lãnh đạo"}


def test_clearing_a_figure_removes_it(h1_2025: Period, officer: User, province: Province) -> None:
    report = start_report(as_(officer), h1_2025, province.stp)
    report = save_draft(as_(officer), report, 1, {}, {"news_items": Decimal(5)})
    report = save_draft(as_(officer), report, 2, {}, {"news_items": None})
    assert report_values(report) == {}


def test_only_the_head_submits(h1_2025: Period, officer: User, province: Province) -> None:
    report = start_report(as_(officer), h1_2025, province.stp)
    with pytest.raises(PermissionDenied):
        submit_report(as_(officer), report)


def test_another_units_head_is_refused_and_the_refusal_recorded(
    h1_2025: Period, officer: User, province: Province
) -> None:
    report = fill_completely(as_(officer), start_report(as_(officer), h1_2025, province.stp))
    other_head = make_user("giamdoc-snv", province.snv, Role.HEAD)
    with pytest.raises(PermissionDenied):
        submit_report(as_(other_head), report)
    refusal = AuditEntry.objects.get(action="access.denied", actor=other_head)
    assert (refusal.object_id, refusal.note) == (str(report.pk), "can_act_for_unit")
    report.refresh_from_db()
    assert report.status == Status.DRAFT


def test_blocking_rules_refuse_submission_with_their_message(
    h1_2025: Period, officer: User, head: User, province: Province
) -> None:
    report = start_report(as_(officer), h1_2025, province.stp)
    save_draft(
        as_(officer),
        report,
        1,
        complete_narrative(report),
        complete_figures(
            report,
            dossiers_received=100,
            dossiers_received_in_person=100,
            dossiers_resolved=120,
            dossiers_resolved_early=20,
            dossiers_resolved_on_time=90,
            dossiers_resolved_late=10,
            satisfaction_ratings=10,
            satisfaction_rate=120,
        ),
    )
    with pytest.raises(SubmitRefused) as error:
        submit_report(as_(head), report)
    messages = {finding.message for finding in error.value.findings}
    assert messages == {
        "Hồ sơ đã giải quyết cộng hồ sơ đang giải quyết không được lớn hơn số hồ sơ tiếp nhận.",
        "Tỷ lệ hài lòng phải từ 0 đến 100 %.",
    }
    report.refresh_from_db()
    assert report.status == Status.DRAFT


def test_the_full_cycle_is_kept_with_who_and_when(
    h1_2025: Period, officer: User, head: User, coordinator: User, province: Province
) -> None:
    report = fill_completely(as_(officer), start_report(as_(officer), h1_2025, province.stp))
    report = submit_report(as_(head), report)
    assert report.status == Status.SUBMITTED
    report = return_report(as_(coordinator), report, "Bổ sung số liệu TTHC")
    assert report.status == Status.RETURNED
    report = save_draft(
        as_(officer), report, report.version, {**report.narrative, "II.2": "Đã bổ sung"}, {}
    )
    report = submit_report(as_(head), report)
    report = accept_report(as_(coordinator), report)
    assert report.status == Status.ACCEPTED
    with pytest.raises(ReportingError):
        save_draft(as_(officer), report, report.version, {"II.2": "Sửa sau khi khóa"}, {})
    report = reopen_report(as_(coordinator), report, "Sửa tỷ lệ hài lòng")
    assert report.status == Status.RETURNED
    steps = list(ReportEvent.objects.filter(report=report).values_list("actor_label", "to_status"))
    assert steps == [
        ("giamdoc", "submitted"),
        ("dieuphoi", "returned"),
        ("giamdoc", "submitted"),
        ("dieuphoi", "accepted"),
        ("dieuphoi", "returned"),
    ]


def test_returning_needs_a_reason(
    h1_2025: Period, officer: User, head: User, coordinator: User, province: Province
) -> None:
    report = start_report(as_(officer), h1_2025, province.stp)
    report = submit_report(as_(head), fill_completely(as_(officer), report))
    with pytest.raises(ReportingError):
        return_report(as_(coordinator), report, "  ")


def test_the_first_submission_decides_on_time_or_late(
    h1_2025: Period, officer: User, head: User, province: Province
) -> None:
    report = start_report(as_(officer), h1_2025, province.stp)
    report = submit_report(as_(head), fill_completely(as_(officer), report))
    # Submitted today, long after 19/06/2025.
    assert report.is_on_time is False
    Period.objects.filter(pk=h1_2025.pk).update(due_date=dt.date(2999, 1, 1))
    report.refresh_from_db()
    assert report.is_on_time is True


def test_carry_over_figures_are_prefilled_from_the_previous_period(
    h1_2025: Period, officer: User, head: User, province: Province
) -> None:
    q1 = Period.objects.get(code="2025-Q1")
    report = start_report(as_(officer), q1, province.stp)
    save_draft(
        as_(officer),
        report,
        1,
        {},
        {
            "digital_signatures": Decimal(48),
            "news_items": Decimal(7),
            "subunits_after": Decimal(8),
        },
    )
    h1 = start_report(as_(officer), h1_2025, province.stp)
    assert report_values(h1) == {"digital_signatures": 48, "subunits_after": 8}


def test_a_second_unit_member_is_refused_after_losing_the_role(
    h1_2025: Period, officer: User, province: Province
) -> None:
    Membership.objects.filter(user=officer).update(role=Role.LEADER)
    officer.refresh_from_db()
    with pytest.raises(PermissionDenied):
        start_report(as_(officer), h1_2025, province.stp)


def test_the_buttons_are_the_steps_the_table_allows_each_user_now(
    h1_2025: Period, officer: User, head: User, coordinator: User, province: Province
) -> None:
    report = fill_completely(as_(officer), start_report(as_(officer), h1_2025, province.stp))
    assert [t.name for t in REPORT_WORKFLOW.available(officer, report)] == []
    assert [t.name for t in REPORT_WORKFLOW.available(head, report)] == ["submit"]
    assert [t.name for t in REPORT_WORKFLOW.available(coordinator, report)] == []
    report = submit_report(as_(head), report)
    assert [t.name for t in REPORT_WORKFLOW.available(head, report)] == []
    assert [t.name for t in REPORT_WORKFLOW.available(coordinator, report)] == [
        "accept",
        "return",
    ]
    report = accept_report(as_(coordinator), report)
    assert [t.name for t in REPORT_WORKFLOW.available(coordinator, report)] == ["reopen"]


def test_a_refused_sending_lists_its_findings_as_the_errors_details(
    h1_2025: Period, officer: User, head: User, province: Province
) -> None:
    report = start_report(as_(officer), h1_2025, province.stp)
    with pytest.raises(SubmitRefused) as error:
        submit_report(as_(head), report)
    assert isinstance(error.value, WorkflowError)
    assert error.value.details == [finding.message for finding in error.value.findings]
    assert error.value.details
    assert not ReportEvent.objects.filter(report=report).exists()


def test_a_step_on_a_report_in_another_status_is_refused_by_the_kernel(
    h1_2025: Period, officer: User, coordinator: User, province: Province
) -> None:
    report = start_report(as_(officer), h1_2025, province.stp)
    with pytest.raises(StatusError, match="«Đang soạn»; không thể tiếp nhận báo cáo"):
        accept_report(as_(coordinator), report)
    report.refresh_from_db()
    assert (report.status, report.version) == (Status.DRAFT, 1)
