from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from cchc.access import Perm, requires
from cchc.audit.log import Actor
from cchc.documents.actions import DocumentData, DocumentError, register_document
from cchc.documents.forms import DocumentForm
from cchc.documents.models import Document
from cchc.lib.docnumber import TYPE_NAMES
from cchc.lib.text import search_tokens

PAGE_SIZE = 50


@requires(Perm.VIEW_DOCUMENTS)
def document_list(request: HttpRequest) -> HttpResponse:
    documents = Document.objects.select_related("issuing_unit")
    query = request.GET.get("q", "").strip()
    for token in search_tokens(query):
        documents = documents.filter(search_text__contains=token)
    doc_type = request.GET.get("loai", "")
    if doc_type:
        documents = documents.filter(doc_type=doc_type)
    issuer = request.GET.get("co_quan", "").strip()
    if issuer:
        documents = documents.filter(issuer_code__iexact=issuer)
    year = request.GET.get("nam", "")
    if year.isdigit():
        documents = documents.filter(date__year=int(year))
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("trang"))
    filters = request.GET.copy()
    filters.pop("trang", None)
    return render(
        request,
        "documents/document_list.html",
        {
            "page": page,
            "query": query,
            "doc_type": doc_type,
            "issuer": issuer,
            "year": year,
            "type_names": sorted(set(TYPE_NAMES.values()) | {"Công văn"}),
            "filters": filters.urlencode(),
        },
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
        },
    )


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
            return redirect("document_detail", pk=document.pk)
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
