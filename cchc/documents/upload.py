"""Registering documents from files of existing reports (Word, PDF, text) read by cchc.ingest.

The file's own number, date and subject register it (or find it, if it is already in the
register); every document it cites is found in the register or added to it, and linked.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django_stubs_ext import StrOrPromise

from cchc.access import Perm, require
from cchc.audit.log import Actor
from cchc.documents.actions import (
    DocumentData,
    DocumentError,
    add_citations,
    find_document,
    parse_symbol,
    register_document,
)
from cchc.documents.models import Document
from cchc.ingest import parse_file
from cchc.lib.filetypes import Refused, check_content, known_suffix

# Files of existing reports, read by cchc.ingest.
ACCEPTED_SUFFIXES = (".docx", ".pdf", ".txt", ".md")
# Files kept as they are (a document's file, evidence of a task or of a PAR Index criterion).
STORED_SUFFIXES = (
    ".pdf", ".docx", ".doc", ".xlsx", ".xls", ".odt", ".ods", ".txt", ".md", ".png", ".jpg",
    ".jpeg",
)  # fmt: skip
# Evidence of a PAR Index criterion may also be a .zip of stored files (scans of a folder).
EVIDENCE_SUFFIXES = (*STORED_SUFFIXES, ".zip")


@dataclass
class FileOutcome:
    """What one uploaded file gave: the document it is, its citations, or why it was refused."""

    name: str
    error: str = ""
    document: Document | None = None
    found_existing: bool = False
    cited_added: list[Document] = field(default_factory=list)
    cited_found: list[Document] = field(default_factory=list)
    # The figures the parser read: [{"indicator", "value", "text", …}], for prefilling a report.
    figures: list[dict[str, Any]] = field(default_factory=list)


def size_problem(upload: UploadedFile) -> str:
    """Why a file is too large for the upload limit (empty when it is not)."""
    if (upload.size or 0) <= settings.MAX_UPLOAD_SIZE:
        return ""
    return _("Tệp quá lớn (%(size)s); giới hạn là %(limit)s.") % {
        "size": filesizeformat(upload.size or 0),
        "limit": filesizeformat(settings.MAX_UPLOAD_SIZE),
    }


def kinds_text(suffixes: tuple[str, ...]) -> str:
    """The accepted types as a page states them: ".docx, .pdf, .txt, .md"."""
    return ", ".join(suffixes)


def upload_problem(upload: UploadedFile, suffixes: tuple[str, ...] = ACCEPTED_SUFFIXES) -> str:
    """Why an uploaded file is refused (empty when accepted): an extension not among
    ``suffixes`` (by default the files of existing reports), content that is not what the
    extension says (judged from the bytes: an executable renamed .pdf, a zip bomb; each file
    inside a .zip is judged the same way), or size."""
    name = Path(upload.name or "").name
    suffix = Path(name).suffix.lower()
    if suffix not in suffixes or not known_suffix(suffix):
        return _("Chỉ nhận tệp %(kinds)s.") % {"kinds": kinds_text(suffixes)}
    if problem := size_problem(upload):
        return problem
    try:
        check_content(suffix, upload)
        if suffix == ".zip":
            _check_zip_members(upload)
    except Refused as refused:
        return _content_message(refused.reason, name, suffix, suffixes)
    except _RefusedMember as member:
        if member.suffix not in STORED_SUFFIXES:
            return _("Tệp nén %(name)s chứa %(inner)s; trong tệp nén chỉ nhận tệp %(kinds)s.") % {
                "name": name,
                "inner": member.name,
                "kinds": kinds_text(STORED_SUFFIXES),
            }
        return _(
            "Tệp %(inner)s trong tệp nén %(name)s không phải là tệp %(kind)s; chưa nhận tệp này."
        ) % {"inner": member.name, "name": name, "kind": member.suffix}
    return ""


class SpreadsheetField(forms.FileField):
    """The one form field for uploading a spreadsheet (.xlsx by default; ``suffixes`` names
    what else a form accepts: a .csv export, a .docx decision with its annex). It runs the one
    upload check (``upload_problem``: type, bytes matching the name, zip bomb, size);
    ``wrong_type``, when given, is the message for a file of another type."""

    def __init__(
        self,
        *,
        suffixes: tuple[str, ...] = (".xlsx",),
        wrong_type: StrOrPromise = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.suffixes = suffixes
        self.wrong_type = wrong_type

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if not upload:
            return upload
        if self.wrong_type and Path(upload.name or "").suffix.lower() not in self.suffixes:
            raise forms.ValidationError(self.wrong_type)
        if problem := upload_problem(upload, self.suffixes):
            raise forms.ValidationError(problem)
        return upload


class _RefusedMember(ValueError):
    """A file inside an evidence .zip that is not a stored kind, or not what its name says."""

    def __init__(self, name: str, suffix: str) -> None:
        super().__init__(name)
        self.name = name
        self.suffix = suffix


def _check_zip_members(upload: IO[bytes]) -> None:
    """Each file inside a .zip must itself be a stored kind whose bytes match its name. The
    archive's inflated sizes were checked first (check_content), so reading a member is bounded."""
    try:
        with zipfile.ZipFile(upload) as archive:
            for member in archive.infolist():
                if member.is_dir():
                    continue
                inner = Path(member.filename).name
                suffix = Path(inner).suffix.lower()
                if suffix not in STORED_SUFFIXES:
                    raise _RefusedMember(inner, suffix)
                try:
                    check_content(suffix, io.BytesIO(archive.read(member)))
                except Refused:
                    raise _RefusedMember(inner, suffix) from None
    finally:
        upload.seek(0)


def _content_message(reason: str, name: str, suffix: str, suffixes: tuple[str, ...]) -> str:
    if reason == "executable":
        return _(
            "Tệp %(name)s là chương trình chạy được, không được phép tải lên; chỉ nhận tệp "
            "%(kinds)s."
        ) % {"name": name, "kinds": kinds_text(suffixes)}
    if reason == "unsafe_archive":
        return _(
            "Tệp %(name)s có dấu hiệu nén bất thường (zip bomb): giải nén ra quá lớn, không xử lý."
        ) % {"name": name}
    if reason == "doctype":
        return _(
            "Tệp %(name)s chứa khai báo DOCTYPE hoặc thực thể XML (Word, Excel không tạo ra), "
            "không xử lý; hãy mở và lưu lại bằng Word hoặc Excel."
        ) % {"name": name}
    return _(
        "Nội dung tệp %(name)s không phải là tệp %(suffix)s; chưa nhận tệp này (chỉ nhận "
        "%(kinds)s)."
    ) % {"name": name, "suffix": suffix, "kinds": kinds_text(suffixes)}


def read_upload(upload: UploadedFile) -> dict[str, Any]:
    """The parser's JSON form of an uploaded file, or {"error": …} in Vietnamese."""
    problem = upload_problem(upload)
    if problem:
        return {"error": problem}
    suffix = Path(upload.name or "").suffix.lower()
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"upload{suffix}"
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        upload.seek(0)
        return parse_file(path, max_bytes=settings.MAX_UPLOAD_SIZE)


def register_from_file(actor: Actor, upload: UploadedFile) -> FileOutcome:
    """Register the uploaded document and what it cites; a refused file changes nothing."""
    require(actor, Perm.REGISTER_DOCUMENTS)
    outcome = FileOutcome(name=upload.name or "")
    parsed = read_upload(upload)
    if "error" in parsed:
        outcome.error = str(parsed["error"])
        return outcome
    meta: dict[str, Any] = parsed["document"]
    if not meta.get("symbol"):
        outcome.error = _(
            "Không tìm thấy số, ký hiệu của văn bản trong tệp; hãy vào sổ văn bản này bằng tay."
        )
        return outcome
    outcome.figures = list(parsed.get("figures") or [])
    try:
        with transaction.atomic():
            _register(actor, upload, meta, parsed.get("references") or [], outcome)
    except DocumentError as e:
        outcome.error = str(e)
        outcome.document = None
    return outcome


def _register(
    actor: Actor,
    upload: UploadedFile,
    meta: dict[str, Any],
    references: list[dict[str, Any]],
    outcome: FileOutcome,
) -> None:
    date = _full_date(meta.get("date"))
    subject = str(meta.get("subject") or "")
    document = _existing(meta["symbol"], date, subject)
    if document is None:
        data = DocumentData(symbol=meta["symbol"], date=date, subject=subject)
        document = register_document(actor, data, file=upload)
    else:
        outcome.found_existing = True
    outcome.document = document
    cited: list[Document] = []
    for reference in references:
        reference_date = _full_date(reference.get("date"))
        found = _existing(str(reference["symbol"]), reference_date, "")
        if found is None:
            found = register_document(
                actor, DocumentData(symbol=str(reference["symbol"]), date=reference_date)
            )
            outcome.cited_added.append(found)
        else:
            outcome.cited_found.append(found)
        cited.append(found)
    add_citations(actor, document, cited)


def _existing(symbol: str, date: dt.date | None, subject: str) -> Document | None:
    """The registered document with this number and date. An unnumbered draft has no identity
    of its own, so it must also have the same subject."""
    number = parse_symbol(symbol)
    if number.number is not None:
        return find_document(number, date)
    return Document.objects.filter(
        symbol_key=number.key, date=date, subject=subject.strip()
    ).first()


def _full_date(text: object) -> dt.date | None:
    """ "YYYY-MM-DD" as a date; "YYYY-MM" (day left blank) and null as None."""
    if not isinstance(text, str) or len(text) != 10:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None
