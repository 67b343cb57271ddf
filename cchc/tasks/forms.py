from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.documents.actions import DocumentError, parse_symbol
from cchc.documents.models import Document
from cchc.documents.upload import STORED_SUFFIXES, SpreadsheetField, kinds_text
from cchc.orgs.models import Unit
from cchc.tasks.actions import too_large
from cchc.tasks.models import AdjustmentKind, Plan

DATE_HELP = gettext_lazy("dd/mm/yyyy")
SYMBOL_HELP = gettext_lazy("Ví dụ: 35/QĐ-UBND, 1763/UBND-NC, 45/TB-UBND")


def check_size(upload: Any) -> None:
    if upload is not None and (problem := too_large(upload)):
        raise forms.ValidationError(problem)


def check_symbol(symbol: str) -> str:
    try:
        parse_symbol(symbol)
    except DocumentError as e:
        raise forms.ValidationError(str(e)) from e
    return symbol


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Any number of evidence files (tài liệu kiểm chứng), each within the upload limit."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", gettext_lazy("Tài liệu kiểm chứng"))
        super().__init__(**kwargs)
        self.help_text = _(
            "Có thể chọn tối đa %(count)d tệp; mỗi tệp không quá %(limit)s; nhận các loại "
            "tệp: %(kinds)s."
        ) % {
            "count": settings.MAX_FILES_PER_REQUEST,
            "limit": filesizeformat(settings.MAX_UPLOAD_SIZE),
            "kinds": kinds_text(STORED_SUFFIXES),
        }

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        uploads = data if isinstance(data, list | tuple) else [data]
        cleaned = [
            super(EvidenceField, self).clean(upload, initial) for upload in uploads if upload
        ]
        for upload in cleaned:
            check_size(upload)
        if self.required and not cleaned:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return cleaned


class DocumentFields(forms.Form):
    """The document that assigns: found in the register by its symbol (and date), or added."""

    document_symbol = forms.CharField(
        label=gettext_lazy("Văn bản giao (số, ký hiệu)"), max_length=200, help_text=SYMBOL_HELP
    )
    document_date = forms.DateField(
        label=gettext_lazy("Ngày ban hành văn bản"), required=False, help_text=DATE_HELP
    )
    document_subject = forms.CharField(
        label=gettext_lazy("Trích yếu văn bản"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Chỉ cần khi văn bản chưa có trong sổ đăng ký (sẽ được vào sổ)."),
    )

    def clean_document_symbol(self) -> str:
        return check_symbol(self.cleaned_data["document_symbol"])


class PlanFields(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã kế hoạch"),
        max_length=40,
        help_text=gettext_lazy("Ví dụ: KH-CCHC-2025"),
    )
    title = forms.CharField(
        label=gettext_lazy("Tên kế hoạch"),
        max_length=255,
        help_text=gettext_lazy("Ví dụ: Kế hoạch cải cách hành chính năm 2025"),
    )


class PlanForm(PlanFields, DocumentFields):
    field_order = ["code", "title", "document_symbol", "document_date", "document_subject"]


class PlanImportForm(PlanFields):
    document = forms.CharField(
        label=gettext_lazy("Văn bản ban hành kế hoạch"),
        max_length=250,
        help_text=gettext_lazy("Số, ký hiệu, có thể kèm ngày: 35/QĐ-UBND ngày 10/01/2025"),
    )
    file = SpreadsheetField(
        suffixes=(".xlsx", ".docx"),
        wrong_type=gettext_lazy("Hãy chọn tệp Excel .xlsx hoặc tệp Word .docx."),
        label=gettext_lazy("Tệp kế hoạch (.xlsx) hoặc quyết định có phụ lục (.docx)"),
        required=False,
        help_text=gettext_lazy(
            "Bảng nhiệm vụ như phụ lục kế hoạch: STT, Nội dung nhiệm vụ, Cơ quan chủ trì, Cơ "
            "quan phối hợp, Thời gian hoàn thành, Sản phẩm (hoặc các mã cột stt, noi_dung, …)."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload is None:
            if "confirm" not in self.data:
                raise forms.ValidationError(_("Hãy chọn tệp kế hoạch."))
            return None  # the confirmation carries the previewed file (cchc.lib.staged)
        return upload


class StagedFileForm(forms.Form):
    """The confirmation of a plan's preview: the previewed file sent back as text
    (``cchc.lib.staged``), its name and digest."""

    confirm = forms.BooleanField(required=False)
    file_name = forms.CharField(required=False)
    content = forms.CharField(required=False, strip=False)
    sha256 = forms.CharField(required=False)


class GivenFrom(forms.Form):
    """Where "Giao nhiệm vụ" was opened from: a document's page (``?van_ban=``) or a plan's
    (``?ke_hoach=``), whose document the form then starts with."""

    van_ban = forms.ModelChoiceField(Document.objects.all(), required=False)
    ke_hoach = forms.ModelChoiceField(Plan.objects.all(), to_field_name="code", required=False)

    def initial_task(self) -> dict[str, Any]:
        self.is_valid()
        source: Document | None = self.cleaned_data.get("van_ban")
        plan: Plan | None = self.cleaned_data.get("ke_hoach")
        initial: dict[str, Any] = {}
        if source is not None:
            initial.update(document_symbol=source.symbol, document_date=source.date)
        if plan is not None:
            initial.update(
                plan=plan, document_symbol=plan.document.symbol, document_date=plan.document.date
            )
        return initial


class TaskForm(DocumentFields):
    plan = forms.ModelChoiceField(
        label=gettext_lazy("Thuộc kế hoạch"),
        queryset=Plan.objects.all(),
        required=False,
        help_text=gettext_lazy("Để trống nếu nhiệm vụ giao trực tiếp bằng văn bản, kết luận."),
    )
    item_number = forms.CharField(
        label=gettext_lazy("Số thứ tự trong kế hoạch"), max_length=20, required=False
    )
    content = forms.CharField(
        label=gettext_lazy("Nội dung nhiệm vụ"), widget=forms.Textarea(attrs={"rows": 4})
    )
    lead_unit = forms.ModelChoiceField(
        label=gettext_lazy("Đơn vị chủ trì"), queryset=Unit.objects.all()
    )
    cooperating_units = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Đơn vị phối hợp"),
        queryset=Unit.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    deadline = forms.DateField(
        label=gettext_lazy("Hạn hoàn thành"),
        required=False,
        help_text=gettext_lazy("dd/mm/yyyy; để trống với nhiệm vụ thường xuyên."),
    )
    expected_output = forms.CharField(
        label=gettext_lazy("Sản phẩm"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    # The task's version when the form was shown, to refuse an edit made on a stale page.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    field_order = [
        "plan",
        "item_number",
        "content",
        "document_symbol",
        "document_date",
        "document_subject",
        "lead_unit",
        "cooperating_units",
        "deadline",
        "expected_output",
    ]


class ProgressForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Nội dung đã thực hiện"), widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = EvidenceField()


class ReportDoneForm(forms.Form):
    completed_on = forms.DateField(label=gettext_lazy("Ngày hoàn thành"), help_text=DATE_HELP)
    note = forms.CharField(
        label=gettext_lazy("Kết quả, sản phẩm"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Ví dụ: đã ban hành Quyết định số …; đường dẫn, tệp kèm theo."),
    )
    evidence = EvidenceField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["completed_on"].initial = timezone.localdate()

    def clean_completed_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["completed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Ngày hoàn thành không thể sau ngày hôm nay."))
        return day


class AdjustmentRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Đề nghị"), choices=AdjustmentKind.choices, widget=forms.RadioSelect
    )
    proposed_deadline = forms.DateField(
        label=gettext_lazy("Hạn đề nghị (khi gia hạn)"), required=False, help_text=DATE_HELP
    )
    reason = forms.CharField(label=gettext_lazy("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == AdjustmentKind.GIA_HAN and not data.get("proposed_deadline"):
            self.add_error("proposed_deadline", _("Hãy ghi hạn hoàn thành đề nghị."))
        return data


class ConfirmForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Lý do trả lại"), widget=forms.Textarea(attrs={"rows": 2})
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Quyết định"),
        choices=[("approve", gettext_lazy("Đồng ý")), ("refuse", gettext_lazy("Không đồng ý"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Ý kiến"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Bắt buộc khi không đồng ý."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "refuse" and not (data.get("note") or "").strip():
            self.add_error("note", _("Hãy ghi lý do không đồng ý."))
        return data
