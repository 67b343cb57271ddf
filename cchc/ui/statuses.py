"""Every status of every workflow as a badge: the one mapping from a status code to its
Vietnamese label and its tone (the colour family in app.css: ``tone-<tone>``).

Labels come from the models' choices; the tones are set here. A workflow's "" is the state
before anything was started (no report, no assessment yet)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.db.models import TextChoices
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cchc.compiling.models import Status as CompiledStatus
from cchc.reporting.models import Status as ReportStatus
from cchc.scoring.models import Status as AssessmentStatus
from cchc.tasks import deadline as task_deadline
from cchc.tasks.models import DEADLINE_LABELS, AdjustmentState
from cchc.tasks.models import Status as TaskStatus

Tone = Literal["neutral", "info", "progress", "warning", "success", "danger", "muted"]


@dataclass(frozen=True)
class Badge:
    label: str | Promise
    tone: Tone


def _from_choices(
    choices: type[TextChoices], tones: dict[str, Tone], before: str | Promise | None = None
) -> dict[str, Badge]:
    badges = {value: Badge(label, tones[value]) for value, label in choices.choices}
    if before is not None:
        badges[""] = Badge(before, "neutral")
    return badges


BADGES: dict[str, dict[str, Badge]] = {
    "task": _from_choices(
        TaskStatus,
        {
            TaskStatus.CHO_TIEP_NHAN: "neutral",
            TaskStatus.DANG_THUC_HIEN: "progress",
            TaskStatus.CHO_KET_THUC: "info",
            TaskStatus.DA_HOAN_THANH: "success",
            TaskStatus.DA_HUY: "muted",
        },
    ),
    "deadline": {
        task_deadline.WITHIN: Badge(DEADLINE_LABELS[task_deadline.WITHIN], "success"),
        task_deadline.OVERDUE: Badge(DEADLINE_LABELS[task_deadline.OVERDUE], "danger"),
    },
    "adjustment": _from_choices(
        AdjustmentState,
        {
            AdjustmentState.PENDING: "warning",
            AdjustmentState.APPROVED: "success",
            AdjustmentState.REFUSED: "danger",
        },
    ),
    "report": _from_choices(
        ReportStatus,
        {
            ReportStatus.DRAFT: "progress",
            ReportStatus.SUBMITTED: "info",
            ReportStatus.RETURNED: "danger",
            ReportStatus.ACCEPTED: "success",
        },
        before=_("Chưa soạn"),
    ),
    "assessment": _from_choices(
        AssessmentStatus,
        {
            AssessmentStatus.DRAFT: "progress",
            AssessmentStatus.SUBMITTED: "info",
            AssessmentStatus.APPRAISED: "warning",
            AssessmentStatus.FINALISED: "success",
        },
        before=_("Chưa bắt đầu"),
    ),
    "compiled": _from_choices(
        CompiledStatus,
        {
            CompiledStatus.DRAFT: "progress",
            CompiledStatus.SIGNING: "info",
            CompiledStatus.ISSUED: "success",
        },
    ),
}


def badge(workflow: str, status: str | None) -> Badge:
    """The badge of ``status`` in ``workflow``; an unknown code is a programming error."""
    return BADGES[workflow][status or ""]


def all_codes() -> set[str]:
    """Every status code, for the check that no page shows one raw."""
    return {code for badges in BADGES.values() for code in badges if code}
