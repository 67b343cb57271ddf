"""The compiled report's workflow: a draft is submitted for signing, returned to a draft with a
reason, or issued once signed (``cchc/workflow.py`` takes the steps). Its edits (drafting,
saving, the signing settings) are not status steps: ``actions.py`` records them as
``EventKind`` entries of the same history.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from cchc.access import Perm
from cchc.compiling.models import CompiledEvent, CompiledReport, EventKind, Status
from cchc.reporting.actions import conflict_message
from cchc.workflow import ConflictError, Transition, Workflow, WorkflowError


class CompilingError(WorkflowError):
    """An action that cannot be done now; the message is for the user, in Vietnamese."""


class SaveConflict(CompilingError, ConflictError):
    """Someone saved the report after this copy was opened; nothing was overwritten."""


def state(report: CompiledReport) -> dict[str, Any]:
    """What the audit log keeps of the report before and after a change."""
    return {
        "status": report.status,
        "version": report.version,
        "signer": report.signer_name,
        "number": report.number,
        "issued_on": report.issued_on,
        "edited": sorted(c for c in report.sections if report.is_edited(c)),
    }


def _signer_chosen(report: CompiledReport) -> StrOrPromise | None:
    return None if report.signer_name else _("Hãy chọn người ký trước khi trình ký.")


COMPILED_WORKFLOW = Workflow(
    title=_("Báo cáo tổng hợp"),
    model=CompiledReport,
    prefix="compiled",
    event_model=CompiledEvent,
    event_object="report",
    status_labels=dict(Status.choices),
    transitions=[
        # The audit codes keep the spelling recorded before the kernel (compiled.<event kind>).
        Transition(
            "submit",
            (Status.DRAFT,),
            Status.SIGNING,
            Perm.COMPILE_REPORTS,
            _("Trình ký"),
            guard=_signer_chosen,
            done=_("Đã trình ký."),
            audit="compiled.submitted",
        ),
        Transition(
            "return",
            (Status.SIGNING,),
            Status.DRAFT,
            Perm.COMPILE_REPORTS,
            _("Trả lại dự thảo"),
            needs_note=_("Hãy nêu lý do trả lại dự thảo."),
            done=_("Đã trả lại dự thảo."),
            audit="compiled.returned",
        ),
        Transition(
            "issue",
            (Status.SIGNING,),
            Status.ISSUED,
            Perm.COMPILE_REPORTS,
            _("Ban hành"),
            done=_("Báo cáo đã ban hành và vào sổ văn bản."),
            audit="compiled.issued",
        ),
    ],
    locked=lambda: CompiledReport.objects.select_related("period", "root", "updated_by"),
    conflict_message=conflict_message,
    conflict_error=SaveConflict,
    snapshot=state,
    # The history's entries that are edits, no step.
    event_labels=dict(EventKind.choices),
)
