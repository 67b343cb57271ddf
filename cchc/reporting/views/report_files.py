"""Files and a unit's report: uploading files to fill its figures, the files kept with it,
confirming a figure read from a file, and importing the unit's existing report (Word, PDF,
text) section by section."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cchc.access import Perm, can_act_for_unit, require_object, requires
from cchc.audit.log import Actor
from cchc.documents.models import Document
from cchc.documents.upload import register_from_file
from cchc.orgs.models import Unit
from cchc.reporting import actions
from cchc.reporting.access import can_fill_unit_report
from cchc.reporting.entry import (
    figure_text,
    unit_indicators,
)
from cchc.reporting.filling import FileReading, ReadFigure, read_upload_for_report
from cchc.reporting.forms import (
    ConfirmFigureForm,
    FileChoicesForm,
    ImportConfirmForm,
    ImportUploadForm,
)
from cchc.reporting.models import (
    Indicator,
    Period,
    Report,
    ReportFile,
)
from cchc.reporting.views.report import save_or_render, typed_entry
from cchc.reporting.views.scope import (
    load_report,
    readable_report,
    report_url,
)
from cchc.reporting.workflows import ReportingError


def _fillable(request: HttpRequest, period: str, unit: str) -> tuple[Period, Unit, Report | None]:
    """The report, for those who may fill it from a file (the unit, or Sở Nội vụ)."""
    chosen, owner, report = load_report(period, unit)
    require_object(
        Actor.from_request(request),
        can_fill_unit_report(request.user, owner),
        owner,
        "can_fill_unit_report",
    )
    return chosen, owner, report


def _filled_messages(
    request: HttpRequest, indicators: Mapping[str, Indicator], filled: actions.Filled
) -> None:
    if filled.figures:
        messages.success(
            request,
            _(
                "%(file)s: đã điền %(n)d số liệu (%(names)s), đánh dấu «từ tệp» cho đến khi "
                "được xác nhận."
            )
            % {
                "file": filled.file.name,
                "n": len(filled.figures),
                "names": "; ".join(indicators[c].name for c in filled.figures),
            },
        )
    else:
        messages.warning(
            request,
            _("%(file)s: không có số liệu nào được điền thêm.") % {"file": filled.file.name},
        )
    if filled.kept_figures:
        messages.info(
            request,
            _("Giữ nguyên số liệu đã nhập (tệp ghi khác): %(names)s.")
            % {"names": "; ".join(indicators[c].name for c in filled.kept_figures)},
        )


@requires(Perm.VIEW_REPORTS)
@require_POST
def report_upload(request: HttpRequest, period: str, unit: str) -> HttpResponse:
    """Files of existing reports uploaded on the report page fill its blank figures, each
    marked with its source until confirmed. A file that is not the unit's report of the period
    fills nothing unless the officer insists ("van_dien"). Files are kept with the report and
    enter the document register only when asked ("vao_so")."""
    chosen, owner, report = _fillable(request, period, unit)
    if report is None:
        raise Http404
    files = request.FILES.getlist("files")
    if not files:
        messages.error(request, _("Hãy chọn ít nhất một tệp."))
        return redirect(report_url(chosen, owner))
    actor = Actor.from_request(request)
    chosen_options = FileChoicesForm(request.POST)
    chosen_options.is_valid()
    insist = bool(chosen_options.cleaned_data.get("van_dien"))
    register = bool(chosen_options.cleaned_data.get("vao_so"))
    indicators = {i.code: i for i in chosen.form.indicators.all()}
    for upload in files:
        reading = read_upload_for_report(upload, chosen, owner)
        if reading.error:
            messages.error(request, f"{reading.name}: {reading.error}")
            continue
        if reading.mismatches and not insist:
            messages.warning(
                request,
                _("%(file)s: chưa điền gì, vì tệp không giống báo cáo của %(unit)s kỳ này: %(why)s")
                % {"file": reading.name, "unit": owner.name, "why": " ".join(reading.mismatches)},
            )
            messages.info(
                request,
                _(
                    "Nếu đúng là tệp cần dùng, chọn «Vẫn điền khi tệp là của đơn vị hoặc kỳ khác» "
                    "rồi tải lên lại."
                ),
            )
            continue
        document = _register(request, actor, upload) if register else None
        try:
            filled = actions.fill_from_file(
                actor, report, reading, upload=upload, document=document
            )
        except ReportingError as e:
            messages.error(request, str(e))
            break
        _filled_messages(request, indicators, filled)
    return redirect(report_url(chosen, owner))


def _register(request: HttpRequest, actor: Actor, upload: UploadedFile) -> Document | None:
    """Enter the file in the document register, as the officer asked."""
    outcome = register_from_file(actor, upload)
    upload.seek(0)
    if outcome.error:
        messages.error(request, f"{outcome.name}: {outcome.error}")
        return None
    messages.info(
        request,
        _("%(file)s: đã vào sổ %(document)s và %(n)d văn bản được viện dẫn.")
        % {
            "file": outcome.name,
            "document": outcome.document,
            "n": len(outcome.cited_added) + len(outcome.cited_found),
        },
    )
    return outcome.document


@requires(Perm.VIEW_REPORTS)
def report_file(request: HttpRequest, period: str, unit: str, pk: int) -> FileResponse:
    """A file kept with the report, to those who may read the report (never a public URL)."""
    _chosen, _owner, report = readable_report(request, period, unit)
    kept = get_object_or_404(ReportFile, pk=pk, report=report)
    return FileResponse(kept.file.open("rb"), as_attachment=True, filename=kept.name)


@requires(Perm.VIEW_REPORTS)
@require_POST
def report_confirm_figure(request: HttpRequest, period: str, unit: str) -> HttpResponse:
    """Confirm a figure read from a file (the report form's button: what was typed on the page
    is saved first, as when sending)."""
    chosen, owner, report = _fillable(request, period, unit)
    if report is None:
        raise Http404
    if "version" in request.POST and can_act_for_unit(request.user, owner):
        saved = save_or_render(request, chosen, owner, report, typed_entry(request, chosen, owner))
        if isinstance(saved, HttpResponse):
            return saved
        report = saved
    form = ConfirmFigureForm(request.POST)
    code = str(form.cleaned_data["indicator"]) if form.is_valid() else ""
    try:
        actions.confirm_figure(Actor.from_request(request), report, code)
    except ReportingError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("Đã xác nhận số liệu."))
    return redirect(report_url(chosen, owner) + f"#value-{code}")


# Importing a unit's existing report file (Word, PDF, text) into its report of a period

IMPORT_SALT = "cchc.reporting.import"
STAGING_DIR = "reports/staging"


@dataclass(frozen=True)
class ImportRow:
    code: str
    title: str
    incoming: str
    current: str
    placed_from: list[str]


@dataclass(frozen=True)
class ImportFigure:
    indicator: Indicator
    incoming: str
    current: str
    source: str
    kind: str
    alternatives: list[dict[str, str]]


@requires(Perm.VIEW_REPORTS)
def report_import(request: HttpRequest, period: str, unit: str) -> HttpResponse:
    """Import a file of the unit's existing report: the page first shows what goes where
    (sections and figures beside what the report already has), then saves what is confirmed;
    text or figures already there are overwritten only where ticked."""
    chosen, owner, report = _fillable(request, period, unit)
    context: dict[str, Any] = {"period": chosen, "unit": owner, "report": report}
    if request.method == "POST" and "token" in request.POST:
        return _import_save(request, chosen, owner, report)
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, str(error))
        else:
            upload = form.cleaned_data["file"]
            reading = read_upload_for_report(upload, chosen, owner)
            context["reading"] = reading
            if not reading.error and (not reading.mismatches or form.cleaned_data["van_dien"]):
                stored = default_storage.save(
                    f"{STAGING_DIR}/{uuid.uuid4().hex}{Path(reading.name).suffix.lower()}", upload
                )
                context.update(_import_preview(chosen, owner, report, reading))
                context["token"] = signing.dumps(
                    {"path": stored, **_reading_payload(reading)}, salt=IMPORT_SALT, compress=True
                )
    return render(request, "reporting/report_import.html", context)


def _reading_payload(reading: FileReading) -> dict[str, Any]:
    return {
        "name": reading.name,
        "texts": reading.split.texts,
        "figures": {
            code: [str(f.value), f.text, f.kind, f.alternatives]
            for code, f in reading.figures.items()
        },
    }


def _reading_from_payload(payload: Mapping[str, Any]) -> FileReading:
    reading = FileReading(str(payload["name"]))
    reading.split.texts = {str(k): str(v) for k, v in payload["texts"].items()}
    reading.figures = {
        code: ReadFigure(code, Decimal(value), text, kind, alternatives)
        for code, (value, text, kind, alternatives) in payload["figures"].items()
    }
    return reading


def _import_preview(
    period: Period, unit: Unit, report: Report | None, reading: FileReading
) -> dict[str, Any]:
    narrative = report.narrative if report is not None else {}
    stored = actions.report_values(report) if report is not None else {}
    placed: dict[str, list[str]] = {}
    for placement in reading.split.placements:
        placed.setdefault(placement.code, []).append(
            f"{placement.number} {placement.title}".strip()
        )
    rows = [
        ImportRow(
            str(s["code"]),
            str(s["title"]),
            reading.split.texts.get(str(s["code"]), ""),
            str(narrative.get(s["code"], "")),
            placed.get(str(s["code"]), []),
        )
        for s in period.form.sections
    ]
    by_code = {i.code: i for i in unit_indicators(period, unit)}
    figures = [
        ImportFigure(
            by_code[code],
            figure_text(by_code[code], figure.value),
            figure_text(by_code[code], stored.get(code)),
            figure.text,
            figure.kind,
            figure.alternatives,
        )
        for code, figure in reading.figures.items()
        if code in by_code
    ]
    return {"rows": rows, "figures": figures, "opening": reading.split.opening}


def _signed_reading(form: ImportConfirmForm) -> dict[str, Any] | None:
    """The reading the preview signed, unless the confirmation was tampered with."""
    if not form.is_valid():
        return None
    try:
        return dict(signing.loads(form.cleaned_data["token"], salt=IMPORT_SALT))
    except signing.BadSignature:
        return None


def _import_save(
    request: HttpRequest, period: Period, unit: Unit, report: Report | None
) -> HttpResponse:
    form = ImportConfirmForm(request.POST, period=period)
    payload = _signed_reading(form)
    if payload is None:
        messages.error(request, _("Phiên nhập tệp không hợp lệ; hãy tải tệp lên lại."))
        return redirect("reporting:report_import", period=period.code, unit=unit.code)
    path = str(payload["path"])
    if not path.startswith(STAGING_DIR + "/") or not default_storage.exists(path):
        messages.error(request, _("Tệp đã tải lên không còn; hãy tải tệp lên lại."))
        return redirect("reporting:report_import", period=period.code, unit=unit.code)
    reading = _reading_from_payload(payload)
    actor = Actor.from_request(request)
    try:
        target = report or actions.start_report_for_import(actor, period, unit)
        filled = actions.fill_from_file(
            actor,
            target,
            reading,
            stored_name=path,
            sections=list(reading.split.texts),
            overwrite=form.cleaned_data["ghi_de"],
        )
    except ReportingError as e:
        messages.error(request, str(e))
        return redirect(report_url(period, unit))
    sections = {str(s["code"]): str(s["title"]) for s in period.form.sections}
    messages.success(
        request,
        _("Đã nhập %(file)s: %(n)d phần nội dung (%(codes)s).")
        % {
            "file": reading.name,
            "n": len(filled.sections),
            "codes": ", ".join(filled.sections) or "—",
        },
    )
    if filled.kept_sections:
        messages.info(
            request,
            _("Giữ nguyên nội dung đã có ở các phần: %(codes)s.")
            % {"codes": "; ".join(f"{c} {sections.get(c, '')}" for c in filled.kept_sections)},
        )
    _filled_messages(request, {i.code: i for i in period.form.indicators.all()}, filled)
    return redirect(report_url(period, unit))
