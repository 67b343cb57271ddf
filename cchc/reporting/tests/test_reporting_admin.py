"""The reporting configuration in the admin: forms with their indicators and rules (audited,
rules checked), period kinds, periods; reports read-only."""

from __future__ import annotations

import json
from typing import Any

from django.urls import reverse

from cchc.accounts.models import User
from cchc.audit.models import AuditEntry
from cchc.reporting.models import Period, Report, ReportForm, ValidationRule
from cchc.testing import Clients


def admin_form(report_form: ReportForm, rules: list[dict[str, str]]) -> dict[str, Any]:
    """The change page of a report form as the admin posts it, with ``rules`` as its rules."""
    data: dict[str, Any] = {
        "code": report_form.code,
        "version": report_form.version,
        "title": report_form.title,
        "period_kinds": json.dumps(report_form.period_kinds),
        "unit_kinds": report_form.unit_kinds,  # ticked boxes: one value each
        "sections": json.dumps(report_form.sections, ensure_ascii=False),
    }
    if report_form.is_adhoc:
        data["is_adhoc"] = "on"
    indicators = list(report_form.indicators.all())
    data.update(management("indicators", len(indicators), len(indicators)))
    for n, i in enumerate(indicators):
        data.update(
            {
                f"indicators-{n}-{key}": value
                for key, value in {
                    "id": i.pk,
                    "form": report_form.pk,
                    "position": i.position,
                    "code": i.code,
                    "section": i.section,
                    "name": i.name,
                    "unit_of_measure": i.unit_of_measure,
                    "value_type": i.value_type,
                    "aggregation": i.aggregation,
                    "weight_code": i.weight_code,
                    "numerator_codes": json.dumps(i.numerator_codes),
                    "denominator_codes": json.dumps(i.denominator_codes),
                    "unit_kinds": i.unit_kinds,
                }.items()
            }
        )
    existing = list(report_form.rules.all())
    data.update(management("rules", len(rules), len(existing)))
    for n, rule in enumerate(rules):
        data.update({f"rules-{n}-{key}": value for key, value in rule.items()})
        data[f"rules-{n}-form"] = report_form.pk
        if n < len(existing):
            data[f"rules-{n}-id"] = existing[n].pk
    return data


def management(prefix: str, total: int, initial: int) -> dict[str, Any]:
    return {
        f"{prefix}-TOTAL_FORMS": total,
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }


def adhoc_form() -> ReportForm:
    return ReportForm.objects.get(is_adhoc=True)


def test_a_new_rule_added_in_the_admin_is_audited_with_the_forms_rules(
    reporting: None, admin_user: User, client_for: Clients
) -> None:
    form = adhoc_form()
    rules = [
        {
            "code": "adhoc_done_le_set",
            "condition": "adhoc_tasks_done <= adhoc_tasks_set",
            "severity": "blocking",
            "message": "Số nhiệm vụ đã hoàn thành không được lớn hơn số nhiệm vụ được giao.",
        },
        {
            "code": "adhoc_set_positive",
            "condition": "adhoc_tasks_set > 0",
            "severity": "warning",
            "message": "Chưa có nhiệm vụ nào được giao.",
        },
    ]
    url = reverse("admin:reporting_reportform_change", args=[form.pk])
    response = client_for(admin_user).post(url, admin_form(form, rules))
    assert response.status_code == 302, response.content.decode()
    assert form.rules.filter(code="adhoc_set_positive", severity="warning").exists()
    entry = AuditEntry.objects.get(action="reportform.update")
    assert entry.actor == admin_user
    assert [rule[0] for rule in entry.before["rules"]] == ["adhoc_done_le_set"]  # type: ignore[index]
    assert [rule[0] for rule in entry.after["rules"]] == [  # type: ignore[index]
        "adhoc_done_le_set",
        "adhoc_set_positive",
    ]
    assert len(entry.after["indicators"]) == 3  # type: ignore[index]


def test_a_rule_that_cannot_be_read_is_refused(
    reporting: None, admin_user: User, client_for: Clients
) -> None:
    form = adhoc_form()
    rule = {
        "code": "adhoc_done_le_set",
        "condition": "adhoc_tasks_done <= ",
        "severity": "blocking",
        "message": "Sai",
    }
    url = reverse("admin:reporting_reportform_change", args=[form.pk])
    response = client_for(admin_user).post(url, admin_form(form, [rule]))
    assert response.status_code == 200
    assert "Điều kiện không đọc được" in response.content.decode()
    assert ValidationRule.objects.get(form=form).condition == "adhoc_tasks_done <= adhoc_tasks_set"
    assert not AuditEntry.objects.filter(action="reportform.update").exists()


def test_periods_are_opened_elsewhere_and_reports_are_read_only(
    stp_draft: Report, admin_user: User, client_for: Clients
) -> None:
    client = client_for(admin_user)
    assert client.get(reverse("admin:reporting_period_add")).status_code == 403
    assert client.get(reverse("admin:reporting_report_add")).status_code == 403
    page = client.get(reverse("admin:reporting_report_change", args=[stp_draft.pk]))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert (
        client.post(
            reverse("admin:reporting_report_delete", args=[stp_draft.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert Report.objects.filter(pk=stp_draft.pk).exists()


def test_a_periods_due_date_is_changed_in_the_admin_and_audited(
    h1_2025: Period, admin_user: User, client_for: Clients
) -> None:
    url = reverse("admin:reporting_period_change", args=[h1_2025.pk])
    response = client_for(admin_user).post(
        url,
        {
            "title": h1_2025.title,
            "start": "15/12/2024",
            "end": "14/06/2025",
            "due_date": "25/06/2025",
        },
    )
    assert response.status_code == 302, response.content.decode()
    entry = AuditEntry.objects.get(action="period.update")
    assert (entry.before["due_date"], entry.after["due_date"]) == (  # type: ignore[index]
        "2025-06-19",
        "2025-06-25",
    )
