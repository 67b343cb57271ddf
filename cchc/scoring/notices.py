"""Who is told about a step of the PAR Index cycle, and what they read."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.audit.log import Actor
from cchc.notifications.models import Kind
from cchc.notifications.notify import coordinators, notify, unit_people
from cchc.scoring.models import Assessment, Framework

# What Sở Nội vụ is told, and what the unit is told, by transition of ``ASSESSMENT_WORKFLOW``.
TO_COORDINATORS = {
    "submit": gettext_lazy("%(unit)s đã gửi bản tự đánh giá %(title)s; chờ thẩm định."),
    "answer": gettext_lazy("%(unit)s đã giải trình kết quả thẩm định %(title)s: %(note)s"),
}
TO_UNIT = {
    "return": gettext_lazy("Bản tự đánh giá %(title)s bị trả lại để bổ sung. Lý do: %(note)s"),
    "send": gettext_lazy(
        "Sở Nội vụ đã gửi kết quả thẩm định %(title)s; đơn vị xem và giải trình nếu cần."
    ),
    "finalise": gettext_lazy("Sở Nội vụ đã chốt điểm %(title)s của %(unit)s."),
}


def assessment_step(actor: Actor, assessment: Assessment, step: str, note: str = "") -> None:
    """Tell whom ``step`` (a transition's name) concerns; steps not listed tell no one."""
    if step in TO_COORDINATORS:
        text, people = TO_COORDINATORS[step], coordinators()
    elif step in TO_UNIT:
        text, people = TO_UNIT[step], unit_people(assessment.unit_id)
    else:
        return
    framework = assessment.framework
    link = reverse(
        "scoring:assessment", args=[framework.year, framework.unit_kind, assessment.unit.code]
    )
    values = {"unit": assessment.unit.name, "title": framework.title, "note": note}
    notify(Kind.PAR_CYCLE, people, str(text) % values, link, actor=actor)


def results_published(actor: Actor, framework: Framework) -> None:
    """Every assessed unit is told that the ranking is out."""
    unit_ids = list(framework.assessments.values_list("unit_id", flat=True))
    text = _("Đã công bố kết quả %(title)s.") % {"title": framework.title}
    link = reverse("scoring:par_ranking", args=[framework.year, framework.unit_kind])
    notify(Kind.PAR_PUBLISHED, unit_people(*unit_ids), text, link, actor=actor)
