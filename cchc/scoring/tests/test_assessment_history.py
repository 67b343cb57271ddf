"""An assessment's history: every step of ``ASSESSMENT_WORKFLOW`` writes one event, worded by
the table; the events of assessments from before the kernel are filled from the audit log
(migration 0004)."""

from __future__ import annotations

import datetime as dt
import importlib

from django.apps import apps

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.scoring.actions import return_self_assessment, submit_self_assessment
from cchc.scoring.models import Assessment, AssessmentEvent, Status
from cchc.scoring.tests.sheets import completed, stp_sheet
from cchc.scoring.views.sheet import history
from cchc.scoring.workflows import ASSESSMENT_WORKFLOW
from conftest import Province

filling = importlib.import_module("cchc.scoring.migrations.0004_assessment_events_from_audit")


def test_each_step_writes_one_event_with_its_statuses_and_note(
    province: Province, officer: User, head: User, coordinator: User
) -> None:
    draft = completed(stp_sheet(province.stp), officer)
    sent = submit_self_assessment(Actor.of_user(head), draft)
    return_self_assessment(Actor.of_user(coordinator), sent, "Thiếu tài liệu 2.1")
    events = list(draft.events.values_list("kind", "from_status", "to_status", "note"))
    assert events == [
        ("start", "", Status.DRAFT, ""),
        ("self_save", Status.DRAFT, Status.DRAFT, ""),
        ("submit", Status.DRAFT, Status.SUBMITTED, ""),
        ("return", Status.SUBMITTED, Status.DRAFT, "Thiếu tài liệu 2.1"),
    ]
    assert [(h.label, h.detail) for h in history(draft)][1:] == [
        ("Lưu bản tự đánh giá", "Tiêu chí: 1.1.1, 1.1.3, 1.3, 2.1, 2.2"),
        ("Gửi tự đánh giá", ""),
        ("Trả lại để bổ sung", "Thiếu tài liệu 2.1"),
    ]


def test_the_buttons_are_the_steps_the_table_allows(
    province: Province, officer: User, head: User, coordinator: User
) -> None:
    draft = completed(stp_sheet(province.stp), officer)
    allowed = [t.name for t in ASSESSMENT_WORKFLOW.available(head, draft)]
    assert allowed == ["self_save", "evidence_add", "evidence_remove", "submit"]
    assert ASSESSMENT_WORKFLOW.available(coordinator, draft) == []
    sent = submit_self_assessment(Actor.of_user(head), draft)
    allowed = [t.name for t in ASSESSMENT_WORKFLOW.available(coordinator, sent)]
    assert allowed == ["return", "appraise", "send"]


def test_the_history_of_an_assessment_from_before_is_filled_from_its_audit_entries(
    province: Province, head: User
) -> None:
    draft = stp_sheet(province.stp)
    AssessmentEvent.objects.all().delete()
    at = dt.datetime(2025, 1, 20, 2, 30, tzinfo=dt.UTC)

    def entry(action: str, **values: object) -> None:
        AuditEntry.objects.create(
            at=at,
            actor=head,
            actor_label="giamdoc",
            action=action,
            object_type=Assessment._meta.label_lower,
            object_id=str(draft.pk),
            **values,
        )

    entry("scoring.self_save", after={"2.2": {"self_score": "28.00"}, "1.3": {}})
    entry("scoring.evidence_add", after={"criterion": "2.1", "evidence": "Kế hoạch 12"})
    entry("scoring.submit", after={"computed": {}, "late": True})
    entry("scoring.return", note="Bổ sung 2.1")
    entry("scoring.publish")
    filling.fill(apps, None)
    # Its start, recorded by the command that started it, is filled in as well.
    assert draft.events.filter(kind="start", actor_label="lệnh test").exists()
    rows = list(
        draft.events.exclude(kind="start").values_list(
            "kind", "at", "actor", "to_status", "note", "criteria", "late"
        )
    )
    assert rows == [
        ("self_save", at, head.pk, Status.DRAFT, "", "1.3, 2.2", False),
        ("evidence_add", at, head.pk, Status.DRAFT, "2.1: Kế hoạch 12", "", False),
        ("submit", at, head.pk, Status.SUBMITTED, "", "", True),
        ("return", at, head.pk, Status.DRAFT, "Bổ sung 2.1", "", False),
    ]
    assert [h.detail for h in history(draft)][2] == "Gửi sau hạn"
