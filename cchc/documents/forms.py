from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.documents.actions import DocumentError, parse_symbol
from cchc.documents.models import Document
from cchc.documents.upload import STORED_SUFFIXES, kinds_text, upload_problem
from cchc.lib.filters import PagedFilterForm
from cchc.orgs.models import Unit


class DocumentForm(forms.Form):
    symbol = forms.CharField(
        label=gettext_lazy("Số, ký hiệu"),
        max_length=200,
        help_text=gettext_lazy("Ví dụ: 590/QĐ-UBND, 34/2020/QĐ-UBND, 1763/UBND-NC, 31-CT/TU"),
    )
    date = forms.DateField(
        label=gettext_lazy("Ngày ban hành"),
        required=False,
        help_text=gettext_lazy("dd/mm/yyyy"),
    )
    subject = forms.CharField(
        label=gettext_lazy("Trích yếu"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    issuing_unit = forms.ModelChoiceField(
        label=gettext_lazy("Đơn vị ban hành"),
        queryset=Unit.objects.all(),
        required=False,
        help_text=gettext_lazy("Để trống để nhận theo ký hiệu cơ quan ban hành."),
    )
    file = forms.FileField(
        label=gettext_lazy("Tệp văn bản"),
        required=False,
        help_text=format_lazy(
            "{} {}", gettext_lazy("Nhận các loại tệp:"), kinds_text(STORED_SUFFIXES)
        ),
    )
    cites = forms.CharField(
        label=gettext_lazy("Viện dẫn các văn bản"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=gettext_lazy("Mỗi dòng một số, ký hiệu đã có trong sổ đăng ký."),
    )

    def clean_symbol(self) -> str:
        symbol: str = self.cleaned_data["symbol"]
        try:
            parse_symbol(symbol)
        except DocumentError as e:
            raise forms.ValidationError(str(e)) from e
        return symbol

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        problem = upload_problem(upload, STORED_SUFFIXES) if upload is not None else ""
        if problem:
            raise forms.ValidationError(problem)
        return upload

    def clean_cites(self) -> list[Document]:
        cited: list[Document] = []
        for line in self.cleaned_data["cites"].splitlines():
            if not line.strip():
                continue
            try:
                number = parse_symbol(line)
            except DocumentError as e:
                raise forms.ValidationError(str(e)) from e
            matches = list(Document.objects.filter(symbol_key=number.key)[:2])
            if not matches:
                raise forms.ValidationError(
                    _("Chưa có văn bản %(symbol)s trong sổ đăng ký.") % {"symbol": number.symbol}
                )
            if len(matches) > 1:
                raise forms.ValidationError(
                    _("Có nhiều văn bản số %(symbol)s; hãy thêm liên kết ở trang văn bản.")
                    % {"symbol": number.symbol}
                )
            cited.append(matches[0])
        return cited


class DocumentFilters(PagedFilterForm):
    """The register's filters: words of the number, symbol or subject, the type (one of the
    types registered), the issuer's code, the year of the date."""

    q = forms.CharField(label=gettext_lazy("Tìm văn bản"), max_length=200, required=False)
    loai = forms.ChoiceField(label=gettext_lazy("Loại văn bản"), required=False)
    co_quan = forms.CharField(label=gettext_lazy("Cơ quan ban hành"), max_length=50, required=False)
    nam = forms.IntegerField(
        label=gettext_lazy("Năm"),
        min_value=1900,
        max_value=2100,
        required=False,
        error_messages={
            key: gettext_lazy("không phải là một năm; hãy ghi năm bằng 4 chữ số (ví dụ 2025).")
            for key in ("invalid", "min_value", "max_value")
        },
    )

    def __init__(self, data: Mapping[str, Any], doc_types: Iterable[str]) -> None:
        super().__init__(data)
        field = self.fields["loai"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Mọi loại")), *((name, name) for name in doc_types)]
