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

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

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
from cchc.lib.ziparchive import UnsafeArchive, checked_members

# The files of existing reports the reader turns into documents (and the document types
# accepted everywhere); evidence also takes scans, spreadsheets and zip archives of those.
ACCEPTED_SUFFIXES = (".docx", ".pdf", ".txt", ".md")
ARCHIVED_SUFFIXES = (".jpg", ".jpeg", ".png", ".xlsx", ".xls")
EVIDENCE_SUFFIXES = (*ACCEPTED_SUFFIXES, *ARCHIVED_SUFFIXES, ".zip")
# How many bytes of a file are enough to tell what it is.
SNIFFED_BYTES = 8192


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


def upload_problem(upload: UploadedFile, accepted: tuple[str, ...] = ACCEPTED_SUFFIXES) -> str:
    """Why an uploaded file is refused (empty when accepted): a name not ending in one of
    ``accepted``, too large, or content that is not what the name says (read from the bytes,
    so that an executable renamed .pdf or .jpg is refused; a .zip holds only files of
    ``ARCHIVED_SUFFIXES`` and the document types, checked the same way, and is refused when it
    would unpack far beyond its size, ``cchc.lib.ziparchive``)."""
    name = upload.name or ""
    suffix = Path(name).suffix.lower()
    if suffix not in accepted:
        return _("Chỉ nhận tệp %(kinds)s.") % {"kinds": ", ".join(accepted)}
    problem = size_problem(upload)
    if problem:
        return problem
    upload.seek(0)
    head = upload.read(SNIFFED_BYTES)
    upload.seek(0)
    if suffix == ".zip":
        return _zip_problem(upload, Path(name).name)
    if not content_matches(suffix, head, upload):
        return _("Nội dung tệp %(name)s không phải là tệp %(kind)s; chưa nhận tệp này.") % {
            "name": Path(name).name,
            "kind": suffix,
        }
    return ""


# The first bytes of each kind of file accepted; .docx and .xlsx are zip archives that must
# also hold the part that makes them a document or a workbook.
MAGIC = {
    ".pdf": (b"%PDF",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),  # OLE2 compound file (Excel 97–2003)
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
}
OFFICE_PARTS = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}
# Programs and archives, which a text file never starts with.
NOT_TEXT = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"PK\x03\x04", b"%PDF")


def content_matches(suffix: str, head: bytes, source: IO[bytes] | None = None) -> bool:
    """Whether a file whose name ends in ``suffix`` and whose content starts with ``head`` is
    that kind of file; for .docx and .xlsx, ``source`` (the whole file) is opened as a zip,
    after ``cchc.lib.ziparchive``'s check, to find the document's main part."""
    if suffix in (".txt", ".md"):
        return not head.startswith(NOT_TEXT)
    if not head.startswith(MAGIC.get(suffix, (b"\0\0invalid",))):
        return False
    if suffix in OFFICE_PARTS:
        if source is None:
            return False
        try:
            return OFFICE_PARTS[suffix] in checked_members(source)
        except (UnsafeArchive, zipfile.BadZipFile, OSError):
            return False
    return True


def _zip_problem(upload: IO[bytes], name: str) -> str:
    refused = _("Tệp nén %(name)s không đọc được hoặc giải nén ra quá lớn; chưa nhận tệp này.") % {
        "name": name
    }
    try:
        members = checked_members(upload)
        with zipfile.ZipFile(upload) as archive:
            for member in archive.infolist():
                if member.is_dir():
                    continue
                problem = _member_problem(archive, member, name)
                if problem:
                    return problem
    except (UnsafeArchive, zipfile.BadZipFile, OSError, RuntimeError):
        return refused
    finally:
        upload.seek(0)
    return "" if members else _("Tệp nén %(name)s không có tệp nào.") % {"name": name}


def _member_problem(archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str) -> str:
    """Why one file inside an evidence .zip is refused (empty when accepted)."""
    inner = Path(member.filename).name
    suffix = Path(inner).suffix.lower()
    if suffix not in (*ACCEPTED_SUFFIXES, *ARCHIVED_SUFFIXES):
        return _("Tệp nén %(name)s chứa %(inner)s; trong tệp nén chỉ nhận %(kinds)s.") % {
            "name": name,
            "inner": inner,
            "kinds": ", ".join((*ACCEPTED_SUFFIXES, *ARCHIVED_SUFFIXES)),
        }
    if suffix in OFFICE_PARTS:
        # Sizes were checked from the central directory: reading it whole is bounded.
        content = io.BytesIO(archive.read(member))
        matches = content_matches(suffix, content.read(SNIFFED_BYTES), content)
    else:
        with archive.open(member) as stream:
            matches = content_matches(suffix, stream.read(SNIFFED_BYTES))
    if not matches:
        return _(
            "Tệp %(inner)s trong tệp nén %(name)s không phải là tệp %(kind)s; chưa nhận tệp này."
        ) % {"inner": inner, "name": name, "kind": suffix}
    return ""


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
