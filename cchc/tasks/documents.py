"""The plans and tasks a document assigned, for the document's page
(``cchc.documents.related``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from cchc.documents.models import Document
from cchc.tasks.access import visible_tasks

TASKS_SHOWN = 20


def document_tasks(request: HttpRequest, document: Document) -> dict[str, Any]:
    tasks = visible_tasks(request.user, document.tasks.all())
    return {
        # The first tasks this document assigned, as far as the user may read them.
        "tasks": tasks.select_related("lead_unit")[:TASKS_SHOWN],
        "task_count": tasks.count(),
        "plans": document.plans.all(),
    }
