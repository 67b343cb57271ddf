"""The README prints each workflow's table as the code declares it (``Workflow.markdown()``):
a changed step that is not written into the README fails here, with the table to paste."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from cchc.compiling.workflows import COMPILED_WORKFLOW
from cchc.reporting.workflows import REPORT_WORKFLOW
from cchc.scoring.workflows import ASSESSMENT_WORKFLOW
from cchc.tasks.workflows import ADJUSTMENT_WORKFLOW, TASK_WORKFLOW
from cchc.workflow import Workflow

WORKFLOWS = [
    REPORT_WORKFLOW,
    TASK_WORKFLOW,
    ADJUSTMENT_WORKFLOW,
    ASSESSMENT_WORKFLOW,
    COMPILED_WORKFLOW,
]


@pytest.mark.parametrize(
    "workflow", WORKFLOWS, ids=lambda w: f"{w.model.__name__}.{w.status_field}"
)
def test_the_readme_prints_the_table(workflow: Workflow) -> None:  # type: ignore[type-arg]
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    table = workflow.markdown()
    assert table in readme, f"README.md should print this table:\n\n{table}"
