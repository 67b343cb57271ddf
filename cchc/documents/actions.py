"""Writes to the document register. Each checks permission, runs in a transaction, is audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cchc.access import Perm, require
from cchc.audit.log import Actor, record
from cchc.documents.models import Document
from cchc.lib.docnumber import DocNumber, DocNumberError, parse_doc_number
from cchc.lib.text import index_text
from cchc.orgs.models import Kind, Unit


class DocumentError(Exception):
    """A document that cannot be registered; the message is for the user, in Vietnamese."""


@dataclass(frozen=True)
class DocumentData:
    symbol: str
    date: dt.date | None
    subject: str = ""
    issuing_unit: Unit | None = None


def known_unit_codes() -> list[str]:
    """Canonical spellings of the province's symbol codes, for the number parser."""
    return list(Unit.objects.exclude(short_code="").values_list("short_code", flat=True).distinct())


def parse_symbol(text: str) -> DocNumber:
    try:
        return parse_doc_number(text, known_unit_codes())
    except DocNumberError as e:
        raise DocumentError(str(e)) from e


def find_document(number: DocNumber, date: dt.date | None) -> Document | None:
    return Document.objects.filter(symbol_key=number.key, date=date).first()


def document_state(document: Document) -> dict[str, Any]:
    return {
        "symbol": document.symbol,
        "date": document.date,
        "doc_type": document.doc_type,
        "issuer_code": document.issuer_code,
        "issuing_unit": document.issuing_unit_id,
        "subject": document.subject,
        "file": document.file.name if document.file else "",
        "cites": sorted(document.cites.values_list("symbol", flat=True)) if document.pk else [],
    }


def register_document(
    actor: Actor,
    data: DocumentData,
    *,
    file: UploadedFile | None = None,
    cites: Iterable[Document] = (),
) -> Document:
    """Add a document to the register; the same number-and-symbol and date cannot come twice."""
    require(actor, Perm.REGISTER_DOCUMENTS)
    number = parse_symbol(data.symbol)
    with transaction.atomic():
        if number.number is not None and find_document(number, data.date) is not None:
            raise DocumentError(duplicate_message(number, data.date))
        document = Document(
            doc_type=number.doc_type,
            type_code=number.type_code or "",
            number=number.number,
            year=number.year,
            symbol_written=data.symbol.strip(),
            symbol=number.symbol,
            symbol_key=number.key,
            issuer_code=number.issuer,
            drafting_unit_code=number.drafting_unit or "",
            issuing_unit=data.issuing_unit or issuing_unit_for(number, data.date),
            date=data.date,
            subject=data.subject.strip(),
            registered_by=actor.user,
        )
        document.search_text = search_text_of(document)
        try:
            with transaction.atomic():
                document.save()
        except IntegrityError as e:
            raise DocumentError(duplicate_message(number, data.date)) from e
        if file is not None:
            # Stored only once the row is known to be new, so a refused duplicate leaves no file.
            document.file.save(file.name or "van-ban", file, save=False)
            document.save(update_fields=["file"])
        document.cites.set(list(cites))
        record(actor, "document.create", document, after=document_state(document))
    return document


def add_citations(actor: Actor, document: Document, cited: Iterable[Document]) -> None:
    """Record that ``document`` cites each of ``cited`` (links already there are kept)."""
    require(actor, Perm.REGISTER_DOCUMENTS)
    with transaction.atomic():
        before = sorted(document.cites.values_list("symbol", flat=True))
        document.cites.add(*[c for c in cited if c.pk != document.pk])
        after = sorted(document.cites.values_list("symbol", flat=True))
        if before != after:
            record(
                actor, "document.cite", document, before={"cites": before}, after={"cites": after}
            )


def duplicate_message(number: DocNumber, date: dt.date | None) -> str:
    if date is None:
        return _("Văn bản số %(symbol)s đã có trong sổ đăng ký.") % {"symbol": number.symbol}
    return _("Văn bản số %(symbol)s ngày %(date)s đã có trong sổ đăng ký.") % {
        "symbol": number.symbol,
        "date": date_format(date, "SHORT_DATE_FORMAT"),
    }


def issuing_unit_for(number: DocNumber, date: dt.date | None) -> Unit | None:
    """The unit whose symbol code is the issuer's and that was valid on the date.

    Every People's Committee writes "UBND": among several, a provincial report citing
    "…/QĐ-UBND" means UBND tỉnh, so the province is taken; any other tie links to no unit
    rather than to a wrong one.
    """
    units = Unit.objects.filter(short_code__iexact=number.issuer)
    if date is not None:
        units = units.active_on(date)
    matches = list(units[:50])
    if len(matches) == 1:
        return matches[0]
    provinces = [unit for unit in matches if unit.kind == Kind.PROVINCE]
    return provinces[0] if len(provinces) == 1 else None


def search_text_of(document: Document) -> str:
    return index_text(
        document.doc_type,
        "số",
        document.symbol,
        document.symbol_written,
        document.subject,
        document.issuer_code,
    )


def references_to(document: Document) -> list[str]:
    """What still points at ``document`` and needs it (a citing document, a task, a plan, a
    report request, evidence…), by the model's name; links that are cleared when the document
    goes (a report's copy of its file) do not count."""
    found = []
    for relation in Document._meta.related_objects:
        if relation.on_delete is models.SET_NULL:
            continue
        accessor = relation.get_accessor_name()
        model = relation.related_model
        if accessor is None or isinstance(model, str):
            continue
        if relation.many_to_many:
            used = getattr(document, accessor).exists()
        else:
            used = model._default_manager.filter(**{relation.field.name: document}).exists()
        if used:
            found.append(str(model._meta.verbose_name))
    return found


def remove_document(actor: Actor, document: Document) -> None:
    """Take a document registered by mistake out of the register: only whoever registered it,
    and only while no other record points at it. Its file goes with it."""
    require(actor, Perm.REGISTER_DOCUMENTS)
    if actor.user is None or document.registered_by_id != actor.user.pk:
        raise DocumentError(_("Chỉ người đã vào sổ văn bản này mới gỡ được."))
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        pointing = references_to(document)
        if pointing:
            raise DocumentError(
                _("Không gỡ được: văn bản đang được dùng (%(what)s).")
                % {"what": ", ".join(sorted(set(pointing)))}
            )
        before = document_state(document)
        file_name = document.file.name if document.file else ""
        storage = document.file.storage
        record(actor, "document.delete", document, before=before)
        document.delete()
        if file_name:
            transaction.on_commit(lambda: storage.delete(file_name))
