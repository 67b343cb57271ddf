"""Who is told about a step of the PAR Index cycle, and what they read."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from cchc.audit.log import Actor
from cchc.notifications.models import Kind
from cchc.notifications.notify import coordinators, notify, unit_people
from cchc.scoring.models import Assessment, Framework


def assessment_step(actor: Actor, assessment: Assessment, step: str, note: str = "") -> None:
    """``step``: submitted, returned, appraised, answered or finalised."""
    framework = assessment.framework
    link = reverse(
        "scoring:assessment", args=[framework.year, framework.unit_kind, assessment.unit.code]
    )
    values = {"unit": assessment.unit.name, "title": framework.title, "note": note}
    if step in ("submitted", "answered"):
        text = {
            "submitted": _("%(unit)s đã gửi bản tự đánh giá %(title)s; chờ thẩm định."),
            "answered": _("%(unit)s đã giải trình kết quả thẩm định %(title)s: %(note)s"),
        }[step]
        notify(Kind.PAR_CYCLE, coordinators(), text % values, link, actor=actor)
        return
    text = {
        "returned": _("Bản tự đánh giá %(title)s bị trả lại để bổ sung. Lý do: %(note)s"),
        "appraised": _(
            "Sở Nội vụ đã gửi kết quả thẩm định %(title)s; đơn vị xem và giải trình nếu cần."
        ),
        "finalised": _("Sở Nội vụ đã chốt điểm %(title)s của %(unit)s."),
    }[step]
    notify(Kind.PAR_CYCLE, unit_people(assessment.unit_id), text % values, link, actor=actor)


def results_published(actor: Actor, framework: Framework) -> None:
    """Every assessed unit is told that the ranking is out."""
    unit_ids = list(framework.assessments.values_list("unit_id", flat=True))
    text = _("Đã công bố kết quả %(title)s.") % {"title": framework.title}
    link = reverse("scoring:par_ranking", args=[framework.year, framework.unit_kind])
    notify(Kind.PAR_PUBLISHED, unit_people(*unit_ids), text, link, actor=actor)
