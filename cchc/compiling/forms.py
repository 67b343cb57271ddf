"""What the compiled report's pages post, read and checked by forms: a value that cannot be used
is refused with a Vietnamese message, never replaced by a guess."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cchc.accounts.models import User
from cchc.compiling.actions import generated_codes, section_codes
from cchc.compiling.models import CompiledReport, IssuerKind
from cchc.orgs.models import Unit
from cchc.reporting.models import Period

SECTION_FIELD = "section-"


def problems(form: forms.Form) -> list[str]:
    """A refused form's messages, one per problem, for the page's message list."""
    return [str(message) for errors in form.errors.values() for message in errors]


class StartForm(forms.Form):
    period = forms.ModelChoiceField(
        Period.objects.all(),
        to_field_name="code",
        error_messages={
            "required": _("Hãy chọn kỳ báo cáo."),
            "invalid_choice": _("Không có kỳ báo cáo này."),
        },
    )
    # Empty: the whole province.
    root = forms.ModelChoiceField(
        Unit.objects.all(),
        to_field_name="code",
        required=False,
        error_messages={"invalid_choice": _("Không có đơn vị này.")},
    )
    issuer = forms.ChoiceField(
        choices=IssuerKind.choices,
        required=False,
        error_messages={"invalid_choice": _("Không có cơ quan ban hành này.")},
    )

    def clean_issuer(self) -> str:
        return str(self.cleaned_data["issuer"] or IssuerKind.SNV)


class SearchForm(forms.Form):
    """The workspace's search in the units' original text."""

    tim = forms.CharField(
        required=False,
        max_length=200,
        error_messages={"max_length": _("Nội dung tìm dài quá %(limit_value)d ký tự.")},
    )


class SynthesisForm(forms.Form):
    """Tổng hợp › Số liệu tổng hợp's Word download: the period and (empty: the province) the
    scope."""

    ky = forms.ModelChoiceField(
        Period.objects.all(),
        to_field_name="code",
        error_messages={
            "required": _("Hãy chọn kỳ báo cáo."),
            "invalid_choice": _("Không có kỳ báo cáo này."),
        },
    )
    don_vi = forms.ModelChoiceField(
        Unit.objects.all(),
        to_field_name="code",
        required=False,
        error_messages={"invalid_choice": _("Không có đơn vị này.")},
    )


class VersionForm(forms.Form):
    """The version of the report the page was opened at (the conflict rule)."""

    version = forms.IntegerField(
        min_value=1,
        error_messages={
            "required": _("Thiếu phiên bản của báo cáo; hãy tải lại trang."),
            "invalid": _("Phiên bản của báo cáo không hợp lệ; hãy tải lại trang."),
            "min_value": _("Phiên bản của báo cáo không hợp lệ; hãy tải lại trang."),
        },
    )


class SectionsForm(VersionForm):
    """The sections' text, ``section-<code>``; a section the post leaves out stays as it is
    (the page's script may send only what changed)."""

    def __init__(self, report: CompiledReport, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code in section_codes(report):
            self.fields[SECTION_FIELD + code] = forms.CharField(required=False, strip=False)

    def texts(self) -> dict[str, str]:
        return {
            name.removeprefix(SECTION_FIELD): str(self.cleaned_data[name])
            for name in self.fields
            if name.startswith(SECTION_FIELD) and name in self.data
        }

    def typed(self) -> dict[str, str]:
        """What was typed, valid or not: shown again when the save is refused."""
        return {
            name.removeprefix(SECTION_FIELD): str(self.data[name])
            for name in self.fields
            if name.startswith(SECTION_FIELD) and name in self.data
        }


class RedraftForm(VersionForm):
    codes = forms.MultipleChoiceField(
        required=False, error_messages={"invalid_choice": _("Không có phần «%(value)s».")}
    )
    overwrite = forms.BooleanField(required=False)

    def __init__(self, report: CompiledReport, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["codes"].choices = [(c, c) for c in generated_codes(report)]  # type: ignore[attr-defined]


class SigningForm(VersionForm):
    # Whether the user is one of the issuer's leaders is the action's rule.
    signer = forms.ModelChoiceField(
        User.objects.all(),
        required=False,
        error_messages={"invalid_choice": _("Không có người ký này.")},
    )
    signature = forms.IntegerField(
        min_value=0,
        error_messages={
            "required": _("Hãy chọn thẩm quyền ký."),
            "invalid": _("Hãy chọn thẩm quyền ký."),
            "min_value": _("Hãy chọn thẩm quyền ký."),
        },
    )
    planned_date = forms.DateField(
        error_messages={
            "required": _("Hãy nhập ngày dự kiến ban hành."),
            "invalid": _("Ngày dự kiến ban hành không hợp lệ (ngày/tháng/năm)."),
        },
    )
    recipients = forms.CharField(required=False)

    def recipient_lines(self) -> list[str]:
        return str(self.cleaned_data["recipients"]).splitlines()


class ReturnForm(forms.Form):
    reason = forms.CharField(error_messages={"required": _("Hãy nêu lý do trả lại dự thảo.")})


class CommentForm(forms.Form):
    section = forms.ChoiceField(
        error_messages={
            "required": _("Hãy chọn phần của báo cáo."),
            "invalid_choice": _("Không có phần này trong báo cáo."),
        }
    )
    text = forms.CharField(error_messages={"required": _("Hãy nhập ý kiến.")})

    def __init__(self, report: CompiledReport, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [(c, c) for c in section_codes(report)]  # type: ignore[attr-defined]


class IssueForm(forms.Form):
    number = forms.CharField(
        max_length=60,
        error_messages={
            "required": _("Hãy nhập số, ký hiệu của báo cáo đã ký."),
            "max_length": _("Số, ký hiệu dài quá %(limit_value)d ký tự."),
        },
    )
    issued_on = forms.DateField(
        error_messages={
            "required": _("Hãy nhập ngày ban hành (ngày/tháng/năm)."),
            "invalid": _("Ngày ban hành không hợp lệ (ngày/tháng/năm)."),
        }
    )
    file = forms.FileField(
        error_messages={
            "required": _("Hãy tải lên tệp báo cáo đã ký."),
            "empty": _("Tệp báo cáo đã ký rỗng."),
            "invalid": _("Hãy tải lên tệp báo cáo đã ký."),
        }
    )
