"""The task filters of the list, the statistics and their downloads, read as a form: a value
that does not fit (an unknown status, plan or unit, a day that is not a date) is reported in
Vietnamese and its filter left out, never silently dropped."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.documents.models import Document
from cchc.lib.search import search_filter
from cchc.orgs.models import Unit
from cchc.tasks import deadline as rule
from cchc.tasks.access import visible_tasks
from cchc.tasks.models import (
    DEADLINE_LABELS,
    Plan,
    Status,
    Task,
    TaskQuerySet,
    deadline_status_expression,
)
from cchc.tasks.stats import KHAC, ROW_LABELS

# Query values of the deadline filter.
DEADLINE_FILTERS = {"trong_han": rule.WITHIN, "qua_han": rule.OVERDUE}


class TaskFilterForm(forms.Form):
    """``?q=&ke_hoach=&don_vi=&trang_thai=&han=&ngay=&van_ban=&tach_rieng=1``."""

    q = forms.CharField(required=False)
    ke_hoach = forms.ModelChoiceField(
        Plan.objects.all(),
        to_field_name="code",
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy("Không có kế hoạch mã «%(value)s»; bỏ qua bộ lọc này.")
        },
    )
    don_vi = forms.ModelChoiceField(
        Unit.objects.all(),
        to_field_name="code",
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy("Không có đơn vị mã «%(value)s»; bỏ qua bộ lọc này.")
        },
    )
    trang_thai = forms.ChoiceField(
        choices=[("", ""), *ROW_LABELS.items()],
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy(
                "«%(value)s» không phải là trạng thái nhiệm vụ; bỏ qua bộ lọc này."
            )
        },
    )
    han = forms.ChoiceField(
        choices=[
            ("", ""),
            *((code, DEADLINE_LABELS[state]) for code, state in DEADLINE_FILTERS.items()),
        ],
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy(
                "«%(value)s» không phải là tình trạng hạn (trong hạn hoặc quá hạn); bỏ qua bộ "
                "lọc này."
            )
        },
    )
    ngay = forms.CharField(required=False)
    van_ban = forms.ModelChoiceField(
        Document.objects.all(),
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy("Không có văn bản số «%(value)s»; bỏ qua bộ lọc này.")
        },
    )
    # Tasks reported done after their deadline with an earlier completion date, counted apart
    # from those within it.
    tach_rieng = forms.BooleanField(required=False)

    def clean_q(self) -> str:
        return str(self.cleaned_data["q"]).strip()

    def clean_ngay(self) -> dt.date | None:
        typed = str(self.cleaned_data["ngay"]).strip()
        if not typed:
            return None
        try:
            day: dt.date = forms.DateField().clean(typed)
        except forms.ValidationError:
            raise forms.ValidationError(
                _(
                    "«%(typed)s» không phải là ngày hợp lệ; hãy ghi ngày theo dạng dd/mm/yyyy "
                    "(ví dụ 20/11/2025)."
                )
                % {"typed": typed}
            ) from None
        return day


class TaskFilters:
    """The task filters of a request (list, statistics, exports), applied to what the user
    may read. A filter whose value does not fit is left out and its message is in
    ``problems`` (the day's in ``date_error``: the tasks are then counted as of today)."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        form = TaskFilterForm(request.GET)
        form.is_valid()
        data = form.cleaned_data
        self.typed_date = form.data.get("ngay", "")
        self.date_error = " ".join(str(message) for message in form.errors.get("ngay", []))
        self.problems = [
            str(message)
            for name, errors in form.errors.items()
            if name != "ngay"
            for message in errors
        ]
        self.as_of: dt.date = data.get("ngay") or timezone.localdate()
        self.apart: bool = data.get("tach_rieng", False)
        self.plan: Plan | None = data.get("ke_hoach")
        self.unit: Unit | None = data.get("don_vi")
        self.status: str = data.get("trang_thai", "")
        self.deadline: str = data.get("han", "")
        self.query: str = data.get("q", "")
        self.document: Document | None = data.get("van_ban")

    def tasks(self) -> TaskQuerySet:
        tasks = visible_tasks(self.request.user, Task.objects.all())
        if self.plan is not None:
            tasks = tasks.filter(plan=self.plan)
        if self.unit is not None:
            tasks = tasks.filter(lead_unit__in=Unit.objects.subtree(self.unit))
        if self.document is not None:
            tasks = tasks.filter(source_document=self.document)
        if self.status == KHAC:
            tasks = tasks.exclude(status__in=rule.OPEN + rule.DONE)
        elif self.status in Status.values:
            tasks = tasks.filter(status=self.status)
        return tasks.filter(search_filter(self.query))

    def listed(self) -> TaskQuerySet:
        """The filtered tasks with their deadline status, for a page or an export."""
        tasks = (
            self.tasks()
            .annotate(deadline_state=deadline_status_expression(self.as_of))
            .select_related("plan", "lead_unit", "source_document")
        )
        if self.deadline in DEADLINE_FILTERS:
            tasks = tasks.filter(deadline_state=DEADLINE_FILTERS[self.deadline])
        return tasks

    @property
    def scope(self) -> str:
        """What the tasks are, for the title of an exported document."""
        parts = []
        if self.plan is not None:
            parts.append(_("theo %(plan)s") % {"plan": self.plan.title})
        if self.unit is not None:
            parts.append(_("do %(unit)s chủ trì") % {"unit": self.unit.name})
        return " ".join(parts) or _("cải cách hành chính")

    def refusal(self) -> HttpResponse | None:
        """A download asked with a value that does not fit: refused with the messages, no
        file (a file would not say that a filter was left out)."""
        problems = [self.date_error, *self.problems] if self.date_error else self.problems
        if not problems:
            return None
        return HttpResponse(
            "\n".join(problems), status=400, content_type="text/plain; charset=utf-8"
        )

    def context(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "date_error": self.date_error,
            "filter_problems": self.problems,
            "typed_date": self.typed_date,
            "apart": self.apart,
            "plan": self.plan,
            "unit": self.unit,
            "status": self.status,
            "deadline": self.deadline,
            "query": self.query,
            "document": self.document,
            "plans": Plan.objects.order_by("-created_at", "-id"),
            "units": Unit.objects.only("code", "name", "path"),
            "statuses": list(ROW_LABELS.items()),
            "deadline_choices": [
                (code, DEADLINE_LABELS[state]) for code, state in DEADLINE_FILTERS.items()
            ],
        }
