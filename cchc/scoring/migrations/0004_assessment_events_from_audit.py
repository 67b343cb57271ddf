"""Fill the assessments' histories (``AssessmentEvent``) from the audit entries they were read
from before: one event per entry, its kind the audit code's step, its statuses those the step
moves between, the saved leaves, evidence, answers and reasons kept as the page showed them."""

from typing import Any

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

DRAFT, SUBMITTED, APPRAISED, FINALISED = "tu_danh_gia", "da_gui", "da_tham_dinh", "da_chot"
# A step's statuses before and after; "" where the step did not say (an appraisal is saved
# while sent and while awaiting answers).
STATUSES = {
    "start": ("", DRAFT),
    "self_save": (DRAFT, DRAFT),
    "evidence_add": (DRAFT, DRAFT),
    "evidence_remove": (DRAFT, DRAFT),
    "submit": (DRAFT, SUBMITTED),
    "return": (SUBMITTED, DRAFT),
    "appraise": ("", ""),
    "send": (SUBMITTED, APPRAISED),
    "answer": (APPRAISED, APPRAISED),
    "finalise": (APPRAISED, FINALISED),
}


def _code_order(code: str) -> list[tuple[int, str]]:
    """"1.10" after "1.9": the numbers of a criterion's code compared as numbers."""
    return [(int(part), "") if part.isdigit() else (0, part) for part in code.split(".")]


def _event(entry: Any, kind: str) -> dict[str, Any]:
    after = entry.after if isinstance(entry.after, dict) else {}
    before = entry.before if isinstance(entry.before, dict) else {}
    source = after or before
    note = entry.note
    criteria = ""
    if kind in ("self_save", "appraise"):
        # In the criteria's order: PostgreSQL's JSON does not keep the order they were written in.
        criteria = ", ".join(sorted(after, key=_code_order))
    elif "criterion" in source:
        note = f"{source['criterion']}: {source.get('evidence') or source.get('answer')}"
    from_status, to_status = STATUSES[kind]
    return {
        "kind": kind,
        "at": entry.at,
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "from_status": from_status,
        "to_status": to_status,
        "note": note,
        "criteria": criteria,
        "late": bool(after.get("late")),
    }


def fill(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    AuditEntry = apps.get_model("audit", "AuditEntry")
    Assessment = apps.get_model("scoring", "Assessment")
    AssessmentEvent = apps.get_model("scoring", "AssessmentEvent")
    existing = {str(pk) for pk in Assessment.objects.values_list("pk", flat=True)}
    entries = AuditEntry.objects.filter(
        object_type="scoring.assessment", action__in=[f"scoring.{k}" for k in STATUSES]
    ).order_by("at", "id")
    AssessmentEvent.objects.bulk_create(
        AssessmentEvent(
            assessment_id=int(entry.object_id),
            **_event(entry, entry.action.removeprefix("scoring.")),
        )
        for entry in entries.iterator()
        if entry.object_id in existing
    )


def empty(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    apps.get_model("scoring", "AssessmentEvent").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("scoring", "0003_assessment_events"),
    ]

    operations = [migrations.RunPython(fill, empty)]
