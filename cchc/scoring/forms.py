"""The PAR Index pages' forms: the score sheet, its evidence and answers, the survey table,
the remediation deadline, the national indices, publishing the ranking and its filter.

The score sheet's field names: ``version`` (the assessment's version the page was opened at);
for the unit ``score-<code>``, ``explanation-<code>``, ``na-<code>`` (a checkbox: does not
apply); for the appraisal ``appraised-<code>``, ``reason-<code>``, ``appraised-na-<code>``. A
leaf whose score field is not posted keeps what is stored. Scores are written 1,5 or 1.5.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.lib.vnformat import parse_decimal
from cchc.scoring.actions import AppraisalEntry, SelfEntry
from cchc.scoring.models import IndexKind
from cchc.scoring.points import PointsError, parse_points
from cchc.scoring.publishing import PublishError, find_decision
from cchc.tasks.forms import check_size


class PointsField(forms.CharField):
    """A leaf's score (empty: not scored)."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        try:
            return parse_points(super().to_python(value) or "")
        except PointsError as e:
            raise forms.ValidationError(str(e)) from e


class LeavesForm(forms.Form):
    """The entries of a sheet's leaves, three fields each (``<score>-<code>``,
    ``<text>-<code>``, ``<na>-<code>``), for the leaves ``codes`` whose score field is
    posted; the page's ``version``."""

    score: ClassVar[str]
    text: ClassVar[str]
    na: ClassVar[str]
    # Built from (score, text, not applicable).
    entry: ClassVar[type[SelfEntry] | type[AppraisalEntry]]

    version = forms.IntegerField(min_value=1)

    def __init__(self, data: Mapping[str, Any], codes: Iterable[str]) -> None:
        super().__init__(data)
        self.codes = [code for code in codes if f"{self.score}-{code}" in data]
        for code in self.codes:
            self.fields[f"{self.score}-{code}"] = PointsField(required=False)
            self.fields[f"{self.text}-{code}"] = forms.CharField(required=False, strip=False)
            self.fields[f"{self.na}-{code}"] = forms.BooleanField(required=False)

    @property
    def version_missing(self) -> bool:
        return "version" in self.errors

    def leaf_errors(self) -> dict[str, str]:
        """A message per criterion code whose score cannot be read."""
        return {
            code: str(self.errors[f"{self.score}-{code}"][0])
            for code in self.codes
            if f"{self.score}-{code}" in self.errors
        }

    def entries(self) -> dict[str, SelfEntry | AppraisalEntry]:
        data = self.cleaned_data
        entry = type(self).entry
        return {
            code: entry(
                data[f"{self.score}-{code}"], data[f"{self.text}-{code}"], data[f"{self.na}-{code}"]
            )
            for code in self.codes
        }


class SelfSheetForm(LeavesForm):
    """The unit's scores, explanations and claims."""

    score, text, na, entry = "score", "explanation", "na", SelfEntry


class AppraisalForm(LeavesForm):
    """The appraised scores, reasons and views on applicability."""

    score, text, na, entry = "appraised", "reason", "appraised-na", AppraisalEntry


class LeafForm(forms.Form):
    """A leaf named by its criterion code (``item``)."""

    item = forms.CharField(max_length=20, required=False)


class EvidenceForm(LeafForm):
    """Evidence for the leaf ``item``: the file in ``evidence-file-<code>`` or the register's
    document named in ``evidence-doc-<code>``."""

    def __init__(self, data: QueryDict, files: MultiValueDict[str, UploadedFile]) -> None:
        super().__init__(data, files)
        self.code = str(self.data.get("item") or "")
        self.fields[f"evidence-file-{self.code}"] = forms.FileField(required=False)
        self.fields[f"evidence-doc-{self.code}"] = forms.CharField(required=False)

    @property
    def upload(self) -> Any:
        return self.cleaned_data.get(f"evidence-file-{self.code}")

    @property
    def query(self) -> str:
        return str(self.cleaned_data.get(f"evidence-doc-{self.code}") or "")


class EvidenceRemoveForm(forms.Form):
    evidence = forms.IntegerField(min_value=1)


class AnswerForm(LeafForm):
    """The unit head's one answer to the contested leaf ``item``."""

    answer = forms.CharField(required=False, strip=False)


class ReasonForm(forms.Form):
    """Why Sở Nội vụ returns a self-assessment (the action asks for it when empty)."""

    reason = forms.CharField(required=False, strip=False)


# The survey


class SurveyConductedForm(forms.Form):
    """Whether the framework's survey was conducted (``action=conducted``)."""

    action = forms.CharField(required=False)
    survey_conducted = forms.ChoiceField(choices=[("1", "1"), ("0", "0")], required=False)

    @property
    def about_conducted(self) -> bool:
        return self.is_valid() and self.cleaned_data["action"] == "conducted"

    @property
    def conducted(self) -> bool:
        return bool(self.cleaned_data["survey_conducted"] == "1")


SCORE_FIELD = "diem-%d-%d"
SHOWN_FIELD = "truoc-%d-%d"


class SurveyScoresForm(forms.Form):
    """The survey table as typed: for each cell ``(unit, criterion)`` posted, the score typed
    (``diem-<unit>-<criterion>``) and the one the page showed (``truoc-…``)."""

    def __init__(self, data: Mapping[str, Any], cells: Iterable[tuple[int, int]]) -> None:
        super().__init__(data)
        self.cells = [cell for cell in cells if SCORE_FIELD % cell in data]
        for cell in self.cells:
            self.fields[SCORE_FIELD % cell] = forms.CharField(required=False)
            self.fields[SHOWN_FIELD % cell] = forms.CharField(required=False)

    def typed(self, cell: tuple[int, int]) -> tuple[str, str]:
        """What was typed in the cell and what the page showed there."""
        data = self.cleaned_data
        return data[SCORE_FIELD % cell], data[SHOWN_FIELD % cell]


class SurveyImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp Excel (.xlsx)"),
        help_text=gettext_lazy(
            "Dòng đầu là tên cột: Mã đơn vị, Mã tiêu chí, Điểm (hoặc Tỷ lệ hài lòng (%))."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Hãy chọn tệp Excel .xlsx."))
        check_size(upload)
        return upload


# Remediation, national indices, results


class DeadlineForm(forms.Form):
    deadline = forms.DateField(label=gettext_lazy("Hạn khắc phục"))


class NationalIndexForm(forms.Form):
    index = forms.ChoiceField(label=gettext_lazy("Chỉ số"), choices=IndexKind.choices)
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=2000, max_value=2100)
    score = forms.CharField(
        label=gettext_lazy("Điểm"), max_length=10, help_text=gettext_lazy("Ví dụ: 86,08")
    )
    rank = forms.IntegerField(label=gettext_lazy("Xếp hạng"), min_value=1)
    ranked_of = forms.IntegerField(
        label=gettext_lazy("Số tỉnh, thành phố được xếp hạng"),
        min_value=1,
        initial=34,
        help_text=gettext_lazy("63 trước năm 2025, 34 từ năm 2025"),
    )
    note = forms.CharField(label=gettext_lazy("Ghi chú"), max_length=255, required=False)

    def clean_score(self) -> Decimal:
        text = self.cleaned_data["score"]
        try:
            return parse_decimal(text)
        except ValueError as e:
            raise forms.ValidationError(_("«%(text)s» không phải là số.") % {"text": text}) from e


class PublishForm(forms.Form):
    symbol = forms.CharField(
        label=gettext_lazy("Số, ký hiệu quyết định công bố"),
        max_length=100,
        help_text=gettext_lazy("Quyết định đã vào sổ văn bản, ví dụ: 245/QĐ-UBND"),
        error_messages={"required": gettext_lazy("Hãy nhập số, ký hiệu quyết định công bố.")},
    )
    date = forms.DateField(
        label=gettext_lazy("Ngày ban hành"),
        required=False,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "size": 10}),
        help_text=gettext_lazy("Chỉ cần khi sổ có nhiều văn bản cùng số, ký hiệu."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("symbol"):
            try:
                data["decision"] = find_decision(data["symbol"], data.get("date"))
            except PublishError as e:
                self.add_error("symbol", str(e))
        return data


class RankingFilter(forms.Form):
    """The ranking's filter: ``tam_tinh=1`` for the coordinator's standings before every
    score is finalised; another value is refused with a message (the final ranking shown)."""

    tam_tinh = forms.ChoiceField(
        choices=[("1", "1"), ("0", "0")],
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy(
                "Bộ lọc «tạm tính» chỉ nhận giá trị 1 (xem bảng tạm tính); đang hiện kết quả "
                "đã chốt."
            )
        },
    )

    @property
    def provisional(self) -> bool:
        return self.is_valid() and self.cleaned_data["tam_tinh"] == "1"
