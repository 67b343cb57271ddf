from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cchc.access import Perm, has_perm, requires
from cchc.audit.log import Actor
from cchc.documents.actions import (
    DocumentData,
    DocumentError,
    register_document,
    remove_document,
)
from cchc.documents.forms import DocumentFilters, DocumentForm
from cchc.documents.models import Document
from cchc.documents.related import related_context
from cchc.documents.upload import ACCEPTED_SUFFIXES, register_from_file
from cchc.lib.search import search_filter

PAGE_SIZE = 50


@requires(Perm.VIEW_DOCUMENTS)
def document_list(request: HttpRequest) -> HttpResponse:
    doc_types = Document.objects.order_by("doc_type").values_list("doc_type", flat=True).distinct()
    filters = DocumentFilters(request.GET, doc_types=list(doc_types))
    wanted = filters.values
    documents = Document.objects.select_related("issuing_unit").filter(
        search_filter(wanted.get("q", ""))
    )
    if wanted.get("loai"):
        documents = documents.filter(doc_type=wanted["loai"])
    if wanted.get("co_quan"):
        documents = documents.filter(issuer_code__iexact=wanted["co_quan"])
    if wanted.get("nam") is not None:
        documents = documents.filter(date__year=wanted["nam"])
    return render(
        request,
        "documents/document_list.html",
        {"page": filters.page(documents, PAGE_SIZE), "filters": filters},
    )


@requires(Perm.VIEW_DOCUMENTS)
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(
        Document.objects.select_related("issuing_unit", "registered_by"), pk=pk
    )
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "cites": document.cites.select_related("issuing_unit"),
            "cited_by": document.cited_by.select_related("issuing_unit"),
            **related_context(request, document),
            "can_remove": request.user.is_authenticated
            and document.registered_by_id == request.user.pk
            and has_perm(request.user, Perm.REGISTER_DOCUMENTS),
        },
    )


@requires(Perm.REGISTER_DOCUMENTS)
@require_POST
def document_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Take a document registered by mistake out of the register (see actions.remove_document)."""
    document = get_object_or_404(Document, pk=pk)
    try:
        remove_document(Actor.from_request(request), document)
    except DocumentError as e:
        messages.error(request, str(e))
        return redirect(document)
    messages.success(request, _("Đã gỡ %(document)s khỏi sổ văn bản.") % {"document": document})
    return redirect("documents:document_list")


@requires(Perm.REGISTER_DOCUMENTS)
def document_create(request: HttpRequest) -> HttpResponse:
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = DocumentData(
            symbol=form.cleaned_data["symbol"],
            date=form.cleaned_data["date"],
            subject=form.cleaned_data["subject"],
            issuing_unit=form.cleaned_data["issuing_unit"],
        )
        try:
            document = register_document(
                Actor.from_request(request),
                data,
                file=form.cleaned_data["file"],
                cites=form.cleaned_data["cites"],
            )
        except DocumentError as e:
            form.add_error("symbol", str(e))
        else:
            return redirect("documents:document_detail", pk=document.pk)
    return render(
        request, "documents/document_form.html", {"form": form, "title": _("Vào sổ văn bản")}
    )


@requires(Perm.VIEW_DOCUMENTS)
def document_file(request: HttpRequest, pk: int) -> FileResponse:
    """The stored file, to signed-in users who may read the register (never a public URL)."""
    document = get_object_or_404(Document, pk=pk)
    if not document.file:
        raise Http404
    return FileResponse(document.file.open("rb"), as_attachment=True)


@requires(Perm.REGISTER_DOCUMENTS)
def document_upload(request: HttpRequest) -> HttpResponse:
    """Upload existing reports: each registers itself and the documents it cites."""
    outcomes = []
    if request.method == "POST":
        files = request.FILES.getlist("files")
        if not files:
            messages.error(request, _("Hãy chọn ít nhất một tệp."))
        actor = Actor.from_request(request)
        outcomes = [register_from_file(actor, upload) for upload in files]
    return render(
        request,
        "documents/document_upload.html",
        {
            "outcomes": outcomes,
            "accepted": ", ".join(ACCEPTED_SUFFIXES),
            "max_files": settings.MAX_FILES_PER_REQUEST,
            "max_size": settings.MAX_UPLOAD_SIZE,
        },
    )
