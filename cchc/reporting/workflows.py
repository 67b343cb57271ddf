"""A unit's report from draft to accepted, as a table of the workflow kernel (``cchc.workflow``).

The unit's head sends it (``submit``); Sở Nội vụ accepts it or returns it with the reason
(``accept``, ``return``), and reopens an accepted report for correction (``reopen``). Editing
the content while it is a draft or returned is not a step: ``actions.save_draft``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from cchc.access import Perm, can_act_for_unit
from cchc.audit.log import Actor
from cchc.reporting.models import Report, ReportEvent, Status
from cchc.reporting.notices import report_moved
from cchc.workflow import Step, Transition, Workflow, WorkflowError


class ReportingError(WorkflowError):
    """An action on reports that cannot be done now; the message is for the user, in
    Vietnamese."""


# The statuses in which the unit edits the report's content.
EDITABLE = (Status.DRAFT, Status.RETURNED)

REASON_NEEDED = _("Hãy ghi lý do để đơn vị biết cần sửa gì.")

REPORT_WORKFLOW: Workflow[Report] = Workflow(
    title=_("Báo cáo"),
    model=Report,
    prefix="report",
    event_model=ReportEvent,
    event_object="report",
    status_labels=dict(Status.choices),
    transitions=[
        Transition(
            "submit",
            EDITABLE,
            Status.SUBMITTED,
            Perm.SUBMIT_REPORTS,
            _("Gửi báo cáo"),
            rule=lambda user, report: can_act_for_unit(user, report.unit),
            rule_name="can_act_for_unit",
            done=_("Đã gửi báo cáo."),
            audit="report.submitted",
        ),
        Transition(
            "accept",
            (Status.SUBMITTED,),
            Status.ACCEPTED,
            Perm.REVIEW_REPORTS,
            _("Tiếp nhận báo cáo"),
            done=_("Đã tiếp nhận báo cáo."),
            audit="report.accepted",
        ),
        Transition(
            "return",
            (Status.SUBMITTED,),
            Status.RETURNED,
            Perm.REVIEW_REPORTS,
            _("Trả lại báo cáo"),
            needs_note=REASON_NEEDED,
            done=_("Đã trả lại báo cáo cho đơn vị."),
            audit="report.returned",
        ),
        Transition(
            "reopen",
            (Status.ACCEPTED,),
            Status.RETURNED,
            Perm.REVIEW_REPORTS,
            _("Mở lại báo cáo"),
            needs_note=REASON_NEEDED,
            done=_("Đã mở lại báo cáo để đơn vị sửa."),
            # Recorded as a return before the kernel: the code stays.
            audit="report.returned",
        ),
    ],
    locked=lambda: Report.objects.select_related("period__form", "unit"),
    error=ReportingError,
)


@REPORT_WORKFLOW.within_step
def _tell(actor: Actor, step: Step[Report]) -> None:
    """Who is told of the step (``notices.report_moved``): the notices are rows of the step's
    transaction, a step rolled back leaves none, and the e-mails wait for the commit."""
    report_moved(actor, step.obj, step.event.note)
