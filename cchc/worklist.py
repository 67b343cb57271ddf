""" "Việc của tôi": what each user has to do now, per role, most urgent first, each item a link
to the page where it is done. A fixed number of queries per section, whatever the number of
units, reports or tasks (tested)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cchc.access import ADMIN, acting_unit_ids, roles_of
from cchc.accounts.models import Membership, Role, User
from cchc.compiling.models import CompiledReport
from cchc.lib.vnformat import format_date
from cchc.notifications.models import EmailDelivery, MailState, Notification
from cchc.orgs.models import Unit
from cchc.reporting.models import Period, Report, ReportEvent, Status
from cchc.reporting.monitoring import completeness
from cchc.scoring.models import Assessment, ItemScore
from cchc.scoring.models import Status as ParStatus
from cchc.tasks import deadline as rule
from cchc.tasks.models import Adjustment, AdjustmentState, EventKind, Task, TaskEvent

# Tasks due within this many days are "due soon".
SOON_DAYS = 7
# Tasks overdue longer than this are shown as one line (a link to the unit's tasks), so that
# a backlog does not hide the work falling due now.
BACKLOG_DAYS = 90
# Each section shows at most this many items, with a link to the full list.
LIMIT = 12


@dataclass
class Item:
    text: str
    link: str
    # The day it is due (None: no deadline); items are sorted by it, the overdue first.
    due: dt.date | None = None
    note: str = ""
    overdue: bool = False

    @property
    def due_text(self) -> str:
        return format_date(self.due) if self.due else ""


@dataclass
class Section:
    title: str
    items: list[Item] = field(default_factory=list)
    more_link: str = ""
    more_text: str = ""

    def sort(self) -> Section:
        self.items.sort(key=lambda i: (not i.overdue, i.due or dt.date.max))
        return self


def current_period(today: dt.date) -> Period | None:
    """The regular period being reported now: the earliest one still before its due date
    whose window has begun, else the one due last."""
    regular = Period.objects.filter(requested_by=None, start__lte=today).select_related("form")
    upcoming = regular.filter(due_date__gte=today).order_by("due_date", "code").first()
    return upcoming or regular.order_by("-due_date", "code").first()


def work_for(user: User, today: dt.date) -> list[Section]:
    roles = roles_of(user)
    sections: list[Section] = []
    units = acting_unit_ids(user)
    if units:
        sections += [
            _reports_of_units(units, today, head=Role.HEAD in roles),
            _tasks_of_units(units, today),
            _par_of_units(units, today),
        ]
    if Role.COORDINATOR in roles or ADMIN in roles:
        sections += [*_to_review(), _period_state(today)]
    if ADMIN in roles:
        sections.append(_admin(today))
    sections.append(_unread(user))
    return [s.sort() for s in sections if s.items]


def _reports_of_units(units: frozenset[int], today: dt.date, *, head: bool) -> Section:
    section = Section(_("Báo cáo định kỳ của đơn vị"))
    # Periods whose window has begun and that were due within the last year: older missing
    # reports are history, not work.
    periods = list(
        Period.objects.filter(start__lte=today, due_date__gte=today - dt.timedelta(days=365))
        .select_related("form")
        .order_by("due_date")
    )
    reports = {
        (r.period_id, r.unit_id): r
        for r in Report.objects.filter(period__in=periods, unit_id__in=units)
    }
    returned = {
        e.report_id: e.note
        for e in ReportEvent.objects.filter(
            report__in=[r for r in reports.values() if r.status == Status.RETURNED],
            to_status=Status.RETURNED,
        ).order_by("at")
    }
    unit_list = list(Unit.objects.filter(pk__in=units).order_by("path"))
    for period in periods:
        for unit in unit_list:
            if unit.kind not in period.form.unit_kinds or not unit.is_active_on(period.end):
                continue
            report = reports.get((period.pk, unit.pk))
            link = reverse("reporting:report", args=[period.code, unit.code])
            values = {"period": period.title, "unit": unit.name}
            overdue = period.due_date < today
            if report is None:
                if period.end > today and period.due_date - today > dt.timedelta(days=30):
                    continue
                text = _("Soạn báo cáo %(period)s (%(unit)s): chưa bắt đầu") % values
                section.items.append(Item(text, link, period.due_date, overdue=overdue))
            elif report.status == Status.RETURNED:
                text = _("Báo cáo %(period)s (%(unit)s) bị trả lại") % values
                note = _("Lý do: %(reason)s") % {"reason": returned.get(report.pk, "")}
                section.items.append(Item(text, link, period.due_date, note, overdue=overdue))
            elif report.status == Status.DRAFT:
                text = (
                    _("Báo cáo %(period)s (%(unit)s) đang soạn, chờ lãnh đạo gửi")
                    if head
                    else _("Hoàn thiện báo cáo %(period)s (%(unit)s)")
                ) % values
                section.items.append(Item(text, link, period.due_date, overdue=overdue))
    return section


def _tasks_of_units(units: frozenset[int], today: dt.date) -> Section:
    section = Section(_("Nhiệm vụ đơn vị chủ trì"))
    horizon = today + dt.timedelta(days=SOON_DAYS)
    returned = TaskEvent.objects.filter(task=OuterRef("pk"), kind=EventKind.RETURNED)
    tasks = (
        Task.objects.filter(lead_unit_id__in=units, status__in=rule.OPEN)
        .filter(Q(deadline__lte=horizon) | Q(Exists(returned)) | Q(status=rule.CHO_TIEP_NHAN))
        .annotate(was_returned=Exists(returned))
        .order_by("deadline", "id")
    )
    backlog: list[Task] = []
    for task in tasks.select_related("lead_unit"):
        if task.deadline is not None and (today - task.deadline).days > BACKLOG_DAYS:
            backlog.append(task)
            continue
        overdue = task.deadline is not None and task.deadline < today
        if overdue:
            note = _("Quá hạn %(n)d ngày") % {"n": (today - task.deadline).days}  # type: ignore[operator]
        elif task.deadline is not None and task.deadline <= horizon:
            note = _("Đến hạn trong %(n)d ngày") % {"n": (task.deadline - today).days}
        else:
            note = ""
        if task.was_returned:  # type: ignore[attr-defined]
            note = " · ".join(filter(None, [note, _("Bị trả lại, chưa xác nhận hoàn thành")]))
        if task.status == rule.CHO_TIEP_NHAN:
            note = " · ".join(filter(None, [note, _("Chờ tiếp nhận")]))
        link = reverse("tasks:task_detail", args=[task.pk])
        section.items.append(Item(_short(task.content), link, task.deadline, note, overdue))
    if backlog:
        text = ngettext(
            "%(n)d nhiệm vụ quá hạn trên %(days)d ngày",
            "%(n)d nhiệm vụ quá hạn trên %(days)d ngày",
            len(backlog),
        ) % {"n": len(backlog), "days": BACKLOG_DAYS}
        link = reverse("tasks:unit_tasks", args=[backlog[0].lead_unit.code])
        note = _("Quá hạn từ %(day)s") % {"day": format_date(backlog[0].deadline)}  # type: ignore[arg-type]
        section.items.insert(0, Item(text, link, backlog[0].deadline, note, overdue=True))
    return _limited(section, reverse("tasks:task_list"), _("Xem mọi nhiệm vụ"))


def _par_of_units(units: frozenset[int], today: dt.date) -> Section:
    section = Section(_("Chỉ số cải cách hành chính"))
    assessments = Assessment.objects.filter(
        unit_id__in=units,
        framework__published_at=None,
        status__in=[ParStatus.DRAFT, ParStatus.APPRAISED],
    ).select_related("framework", "unit")
    open_answers = set(
        ItemScore.objects.filter(assessment__in=assessments, answer="")
        .exclude(deduction_reason="")
        .values_list("assessment_id", flat=True)
    )
    for assessment in assessments:
        framework = assessment.framework
        link = reverse(
            "scoring:assessment", args=[framework.year, framework.unit_kind, assessment.unit.code]
        )
        values = {"title": framework.title, "unit": assessment.unit.name}
        if assessment.status == ParStatus.DRAFT:
            due = framework.self_assessment_due
            text = _("Tự đánh giá %(title)s (%(unit)s)") % values
            overdue = due is not None and due < today
            section.items.append(Item(text, link, due, overdue=overdue))
        elif assessment.pk in open_answers and (
            framework.answer_due is None or framework.answer_due >= today
        ):
            text = _("Giải trình kết quả thẩm định %(title)s (%(unit)s)") % values
            section.items.append(Item(text, link, framework.answer_due))
    return section


def _to_review() -> list[Section]:
    reports = Section(_("Báo cáo chờ tiếp nhận"), more_link=reverse("reporting:reporting_summary"))
    tasks = Section(_("Nhiệm vụ chờ xác nhận hoàn thành"), more_link=reverse("tasks:task_list"))
    adjustments = Section(
        _("Đề nghị điều chỉnh nhiệm vụ"), more_link=reverse("tasks:adjustment_list")
    )
    appraisals = Section(_("Chỉ số CCHC: bản tự đánh giá chờ thẩm định"))
    submitted = Report.objects.filter(status=Status.SUBMITTED).select_related("period", "unit")
    for report in submitted.order_by("submitted_at")[:LIMIT]:
        text = _("Tiếp nhận báo cáo %(period)s của %(unit)s") % {
            "period": report.period.title,
            "unit": report.unit.name,
        }
        link = reverse("reporting:report", args=[report.period.code, report.unit.code])
        reports.items.append(Item(text, link, report.period.due_date))
    waiting = Task.objects.filter(status=rule.CHO_KET_THUC).select_related("lead_unit")
    for task in waiting.order_by("deadline", "id")[:LIMIT]:
        text = _("Xác nhận hoàn thành: %(task)s (%(unit)s)") % {
            "task": _short(task.content, 100),
            "unit": task.lead_unit.name,
        }
        tasks.items.append(Item(text, reverse("tasks:task_detail", args=[task.pk]), task.deadline))
    pending = Adjustment.objects.filter(state=AdjustmentState.PENDING).select_related(
        "task__lead_unit"
    )
    for adjustment in pending.order_by("requested_at")[:LIMIT]:
        text = _("Đề nghị %(kind)s: %(task)s (%(unit)s)") % {
            "kind": adjustment.get_kind_display().lower(),
            "task": _short(adjustment.task.content, 100),
            "unit": adjustment.task.lead_unit.name,
        }
        adjustments.items.append(
            Item(text, reverse("tasks:adjustment_list"), adjustment.task.deadline)
        )
    appraise = Assessment.objects.filter(status=ParStatus.SUBMITTED).select_related(
        "framework", "unit"
    )
    for assessment in appraise.order_by("submitted_at")[:LIMIT]:
        framework = assessment.framework
        text = _("Thẩm định %(title)s của %(unit)s") % {
            "title": framework.title,
            "unit": assessment.unit.name,
        }
        link = reverse(
            "scoring:assessment", args=[framework.year, framework.unit_kind, assessment.unit.code]
        )
        appraisals.items.append(Item(text, link))
    for section in (reports, tasks, adjustments):
        section.more_text = _("Xem tất cả") if len(section.items) >= LIMIT else ""
        section.more_link = section.more_link if section.more_text else ""
    return [reports, tasks, adjustments, appraisals]


def _period_state(today: dt.date) -> Section:
    """The current period's completeness, and the previous one's late and missing units."""
    section = Section(_("Tình hình nộp báo cáo"))
    period = current_period(today)
    if period is None:
        return section
    previous = (
        Period.objects.filter(requested_by=None, due_date__lt=period.due_date)
        .order_by("-due_date")
        .first()
    )
    for shown in filter(None, [period, previous]):
        table = completeness(shown)
        values = {
            "period": shown.title,
            "sent": table.submitted,
            "expected": table.expected,
            "late": table.late,
            "missing": table.missing,
            "accepted": table.accepted,
        }
        text = (
            _(
                "%(period)s: %(sent)d/%(expected)d đơn vị đã gửi, %(late)d gửi muộn, "
                "%(missing)d chưa gửi"
            )
            % values
        )
        note = _("Báo cáo tổng hợp: %(accepted)d/%(expected)d báo cáo đã tiếp nhận") % values
        link = reverse("reporting:period_completeness", args=[shown.code])
        overdue = shown.due_date < today and table.missing > 0
        section.items.append(Item(text, link, shown.due_date, note, overdue))
    compiled = {
        report.period_id: report
        for report in CompiledReport.objects.filter(
            period__in=[p for p in (period, previous) if p], root__parent=None
        ).order_by("issuer")
    }
    for shown in filter(None, [period, previous]):
        report = compiled.get(shown.pk)
        if report is None:
            text = _("Báo cáo tổng hợp %(period)s: chưa soạn") % {"period": shown.title}
            section.items.append(Item(text, reverse("compiling:list"), shown.due_date))
        else:
            text = _("Báo cáo tổng hợp %(period)s: %(status)s") % {
                "period": shown.title,
                "status": report.get_status_display().lower(),
            }
            link = reverse("compiling:detail", args=[report.pk])
            section.items.append(Item(text, link, shown.due_date))
    return section


def _admin(today: dt.date) -> Section:
    section = Section(_("Quản trị"))
    failed = EmailDelivery.objects.filter(state=MailState.FAILED).count()
    if failed:
        text = ngettext(
            "%(n)d thư nhắc, thông báo gửi không được",
            "%(n)d thư nhắc, thông báo gửi không được",
            failed,
        ) % {"n": failed}
        link = reverse("admin:notifications_emaildelivery_changelist") + "?state__exact=failed"
        section.items.append(Item(text, link, overdue=True))
    officers = Membership.objects.filter(unit=OuterRef("pk"), role=Role.OFFICER)
    addressed = Membership.objects.filter(
        unit=OuterRef("pk"), role__in=[Role.OFFICER, Role.HEAD], user__is_active=True
    ).exclude(user__email="")
    units = (
        Unit.objects.active_on(today)
        .exclude(kind="province")
        .annotate(has_officer=Exists(officers), has_address=Exists(addressed))
        .filter(Q(has_officer=False) | Q(has_address=False))
        .aggregate(
            no_officer=Count("pk", filter=Q(has_officer=False)),
            no_address=Count("pk", filter=Q(has_address=False)),
        )
    )
    link = reverse("admin:orgs_unit_changelist")
    if units["no_officer"]:
        text = _("%(n)d đơn vị chưa có chuyên viên đầu mối") % {"n": units["no_officer"]}
        section.items.append(Item(text, link))
    if units["no_address"]:
        text = _("%(n)d đơn vị chưa có địa chỉ thư để nhận nhắc việc") % {"n": units["no_address"]}
        section.items.append(Item(text, link))
    return section


def _unread(user: User) -> Section:
    section = Section(_("Thông báo chưa đọc"))
    notices = Notification.objects.filter(recipient=user, read_at=None)[:5]
    for notice in notices:
        link = reverse("notifications:notification_open", args=[notice.pk])
        section.items.append(Item(notice.text, link, note=format_date(notice.created_at.date())))
    if section.items:
        section.more_link, section.more_text = (
            reverse("notifications:notification_list"),
            _("Mọi thông báo"),
        )
    return section


def _limited(section: Section, link: str, text: str) -> Section:
    if len(section.items) > LIMIT:
        section.sort()
        hidden = len(section.items) - LIMIT
        section.items = section.items[:LIMIT]
        section.more_link = link
        section.more_text = f"{text} (+{hidden})"
    return section


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
