"""PAR Index reminders: units that have not sent their self-assessment as its deadline nears
or passes, and heads with deductions unanswered as the answer deadline nears. Each is sent
once per unit, framework and threshold (see cchc.notifications.reminders)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from cchc.access import Perm, require
from cchc.audit.log import Actor, record
from cchc.lib.vnformat import format_date
from cchc.notifications.models import Kind
from cchc.notifications.notify import notify, unit_people
from cchc.notifications.reminders import claim
from cchc.orgs.models import Unit
from cchc.scoring.actions import assessed_units, is_contested
from cchc.scoring.models import Framework, Status


def send_par_reminders(actor: Actor, as_of: dt.date, days: int = 5) -> int:
    """Remind, for every framework not yet published, the units whose self-assessment is
    due within ``days`` days or overdue and not sent, and those with unanswered deductions
    whose answer deadline is within ``days`` days. Returns how many units were reminded."""
    require(actor, Perm.APPRAISE)
    horizon = as_of + dt.timedelta(days=days)
    reminded = 0
    for framework in Framework.objects.filter(published_at=None).order_by("year", "unit_kind"):
        due = framework.self_assessment_due
        if due is not None and due <= horizon:
            sent = set(
                framework.assessments.exclude(status=Status.DRAFT).values_list("unit_id", flat=True)
            )
            for unit in assessed_units(framework).active_on(as_of).order_by("path"):
                if unit.pk not in sent:
                    reminded += _remind(actor, framework, unit, "self", due, as_of)
        due = framework.answer_due
        if due is not None and as_of <= due <= horizon:
            appraised = framework.assessments.filter(status=Status.APPRAISED).select_related("unit")
            for assessment in appraised.prefetch_related("items"):
                if any(is_contested(i) and not i.answer for i in assessment.items.all()):
                    reminded += _remind(actor, framework, assessment.unit, "answer", due, as_of)
    return reminded


def _remind(
    actor: Actor, framework: Framework, unit: Unit, step: str, due: dt.date, as_of: dt.date
) -> int:
    mark = f"{step}-{'overdue' if as_of > due else 'due-soon'}"
    values = {"title": framework.title, "due": format_date(due), "unit": unit.name}
    if step == "answer":
        text = _("%(unit)s: hạn giải trình kết quả thẩm định %(title)s là %(due)s.") % values
    elif as_of > due:
        text = _("%(unit)s: đã quá hạn gửi bản tự đánh giá %(title)s (%(due)s).") % values
    else:
        text = _("%(unit)s: hạn gửi bản tự đánh giá %(title)s là %(due)s.") % values
    link = reverse("scoring:assessment", args=[framework.year, framework.unit_kind, unit.code])
    with transaction.atomic():
        if not claim(Kind.PAR_REMINDER, f"par-{framework.pk}", unit, mark):
            return 0
        notify(Kind.PAR_REMINDER, unit_people(unit.pk), text, link, actor=actor)
        record(actor, "scoring.reminder", unit, note=text)
    return 1
