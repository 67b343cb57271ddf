"""What the apps above documents show on a document's page.

Documents sit below the apps that cite them (a plan or a task names the document that
assigned it), so the document's page cannot import them. Each such app registers a reader
here when it starts (its ``AppConfig.ready``); the page adds what the readers return to its
context.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from cchc.documents.models import Document

RelatedReader = Callable[[HttpRequest, Document], dict[str, Any]]

_readers: list[RelatedReader] = []


def register(reader: RelatedReader) -> None:
    if reader not in _readers:
        _readers.append(reader)


def related_context(request: HttpRequest, document: Document) -> dict[str, Any]:
    """The template context every registered reader gives for ``document``."""
    context: dict[str, Any] = {}
    for reader in _readers:
        context.update(reader(request, document))
    return context
