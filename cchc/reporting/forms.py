from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.documents.models import Document
from cchc.documents.upload import SpreadsheetField
from cchc.orgs.models import Unit
from cchc.reporting.models import Period, PeriodKind

DATE_INPUT = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "size": 10})


class ReasonForm(forms.Form):
    """The reason Sở Nội vụ gives the unit when returning or reopening its report."""

    comment = forms.CharField(label=_("Lý do (đơn vị sẽ thấy)"), required=False)


class OpenPeriodsForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    kinds = forms.MultipleChoiceField(
        label=_("Các kỳ báo cáo"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kỳ đã mở từ trước được giữ nguyên."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = list(PeriodKind.objects.all())
        field = cast(forms.MultipleChoiceField, self.fields["kinds"])
        field.choices = [(k.code, k.title) for k in kinds]
        field.initial = [k.code for k in kinds if k.open_by_default]
        self.fields["year"].initial = timezone.localdate().year


class AdhocRequestForm(forms.Form):
    """An ad hoc report requested by a document of the register."""

    document = forms.ModelChoiceField(
        label=_("Văn bản yêu cầu"),
        queryset=Document.objects.all(),
        widget=forms.RadioSelect,
        error_messages={"required": _("Hãy chọn văn bản yêu cầu báo cáo.")},
    )
    title = forms.CharField(
        label=_("Tên báo cáo"),
        max_length=255,
        help_text=_("Ví dụ: Báo cáo kết quả thực hiện Công văn số 1763/UBND-NC"),
    )
    start = forms.DateField(label=_("Số liệu từ ngày"), widget=DATE_INPUT)
    end = forms.DateField(label=_("Số liệu đến ngày"), widget=DATE_INPUT)
    due = forms.DateField(label=_("Hạn nộp"), widget=DATE_INPUT)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end, due = data.get("start"), data.get("end"), data.get("due")
        if start and end and start > end:
            self.add_error("end", _("Ngày kết thúc phải sau ngày bắt đầu số liệu."))
        if start and due and due < start:
            self.add_error("due", _("Hạn nộp phải sau ngày bắt đầu số liệu."))
        return data


class OnestopUploadForm(forms.Form):
    """The one-stop system's statistics export and the period it fills."""

    period = forms.ModelChoiceField(
        label=_("Kỳ báo cáo"),
        queryset=Period.objects.none(),
        empty_label=None,
    )
    file = SpreadsheetField(
        suffixes=(".xlsx", ".csv"),
        label=_("Tệp xuất từ Hệ thống một cửa (.xlsx hoặc .csv)"),
        help_text=_(
            "Biểu 06/VPCP/KSTT «Tình hình, kết quả giải quyết TTHC»: mỗi dòng một cơ quan, "
            "đơn vị; có thể có dòng tiêu đề, dòng nhóm và dòng tổng cộng."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["period"])  # type: ignore[type-arg]
        field.queryset = Period.objects.filter(requested_by=None).order_by("-end", "code")


class OnestopConfirmForm(OnestopUploadForm):
    """The confirmation of a previewed import: the file comes back staged in the page
    (``cchc.lib.staged``), with whether to overwrite the figures the units typed."""

    file_name = forms.CharField(required=False)
    content = forms.CharField(required=False, strip=False)
    sha256 = forms.CharField(required=False)
    overwrite = forms.BooleanField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].required = False


class FileChoicesForm(forms.Form):
    """What the officer chose with files of existing reports: to fill from a file that does
    not look like the unit's report of the period (``van_dien``), to register the files in
    the document register (``vao_so``)."""

    van_dien = forms.BooleanField(required=False)
    vao_so = forms.BooleanField(required=False)


class ImportUploadForm(FileChoicesForm):
    """The file of the unit's existing report to import, before its preview."""

    file = forms.FileField(error_messages={"required": _("Hãy chọn một tệp.")})


class ImportConfirmForm(forms.Form):
    """The previewed import confirmed: the signed reading (``token``) and the sections and
    figures whose text or value already there is overwritten (``ghi_de``)."""

    token = forms.CharField(strip=False)
    ghi_de = forms.MultipleChoiceField(required=False)

    def __init__(self, *args: Any, period: Period, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.MultipleChoiceField, self.fields["ghi_de"])
        codes = [str(s["code"]) for s in period.form.sections]
        codes += [i.code for i in period.form.indicators.all()]
        field.choices = [(code, code) for code in codes]


class ConfirmFigureForm(forms.Form):
    """The figure read from a file that a person confirms (its indicator's code)."""

    indicator = forms.CharField(max_length=60, required=False)


# Filters of the list pages, read from the query string. A bad value is left out, and the
# page says so (``cchc.reporting.views.scope.read_filters``).


class ScopeFilter(forms.Form):
    """The subtree a page is narrowed to (``?don_vi=``, a unit's code; blank: the province)."""

    don_vi = forms.ModelChoiceField(
        queryset=Unit.objects.all(),
        to_field_name="code",
        required=False,
        error_messages={
            "invalid_choice": _("Không có đơn vị mã «%(value)s»; đang xem toàn tỉnh."),
        },
    )


class PeriodFilter(forms.Form):
    """The period a page shows (``?ky=``, a period's code; blank: the latest reported)."""

    ky = forms.ModelChoiceField(
        queryset=Period.objects.none(),
        to_field_name="code",
        required=False,
        error_messages={
            "invalid_choice": _("Không có kỳ báo cáo mã «%(value)s»; đang xem kỳ gần nhất."),
        },
    )

    def __init__(self, *args: Any, periods: QuerySet[Period], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["ky"])  # type: ignore[type-arg]
        field.queryset = periods


class SynthesisFilter(PeriodFilter, ScopeFilter):
    """The figures page's period and subtree."""

    field_order = ["ky", "don_vi"]


class DocumentSearch(forms.Form):
    """Words to find the requesting document by (``?q=``)."""

    q = forms.CharField(
        max_length=200,
        required=False,
        error_messages={"max_length": _("Từ khóa tìm văn bản quá dài (tối đa 200 ký tự).")},
    )
