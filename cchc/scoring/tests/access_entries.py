"""The PAR Index URLs' entries in the access matrix (cchc/tests/test_access_matrix.py) and
the objects they are requested with: Sở Tư pháp's draft self-assessment under a small 2025
framework for departments (not published)."""

from __future__ import annotations

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.audit.log import Actor
from cchc.documents.models import Document
from cchc.scoring.actions import add_evidence, start_assessment
from cchc.scoring.indices import record_index
from cchc.scoring.tests.factories import small_framework
from cchc.tests.matrix_entries import EVERY_ROLE, Entry
from conftest import Province

PAR = {"year": "par_year", "kind": "par_kind"}
# Sở Tư pháp's assessment: its officer and head, those who read every assessment.
PAR_STP = {**PAR, "unit": "unit_code"}
READ_ALL_ASSESSMENTS = frozenset({"coordinator", "leader", "admin"})
APPRAISAL = frozenset({"coordinator", "admin"})

# Sở Tư pháp's officer and head (the admin acts for every unit); with the coordinator, who
# starts a sheet to enter the survey; the head alone sends and answers.
STP_UNIT = frozenset({"officer", "head", "admin"})
STP_HEAD = frozenset({"head", "admin"})
READ_STP = STP_UNIT | READ_ALL_ASSESSMENTS

SCORING_MATRIX: dict[str, Entry] = {
    "scoring:par_home": Entry(EVERY_ROLE),
    "scoring:par_framework": Entry(READ_ALL_ASSESSMENTS, kwargs=PAR),
    # The old addresses with the kind's code redirect to the pages above.
    "scoring:par_old_kind": Entry(READ_ALL_ASSESSMENTS, kwargs=PAR),
    "scoring:par_old_kind_page": Entry(READ_STP, kwargs={**PAR, "rest": "unit_code"}),
    "scoring:assessment": Entry(READ_STP, kwargs=PAR_STP),
    "scoring:assessment_start": Entry(STP_UNIT | APPRAISAL, method="post", kwargs=PAR_STP),
    "scoring:assessment_save": Entry(
        STP_UNIT,
        method="post",
        kwargs=PAR_STP,
        # Version 2: the sheet as it is once its evidence was added (``scoring_objects``).
        data={"version": "2", "score-1.1.3": "2", "explanation-1.1.3": "Đã kiểm tra 4 đơn vị"},
    ),
    "scoring:evidence_add": Entry(
        STP_UNIT, method="post", kwargs=PAR_STP, data={"item": "1.1.1", "evidence-doc-1.1.1": "590"}
    ),
    "scoring:evidence_remove": Entry(
        STP_UNIT, method="post", kwargs=PAR_STP, data={"evidence": "par_evidence"}
    ),
    "scoring:par_evidence_file": Entry(READ_STP, kwargs={"pk": "par_evidence"}),
    "scoring:assessment_submit": Entry(STP_HEAD, method="post", kwargs=PAR_STP),
    "scoring:assessment_return": Entry(
        APPRAISAL, method="post", kwargs=PAR_STP, data={"reason": "Bổ sung tài liệu"}
    ),
    "scoring:assessment_appraise": Entry(
        APPRAISAL, method="post", kwargs=PAR_STP, data={"version": "1"}
    ),
    "scoring:assessment_send": Entry(APPRAISAL, method="post", kwargs=PAR_STP),
    "scoring:deduction_answer": Entry(
        STP_HEAD, method="post", kwargs=PAR_STP, data={"item": "1.1.3", "answer": "Đã bổ sung"}
    ),
    "scoring:assessment_finalise": Entry(APPRAISAL, method="post", kwargs=PAR_STP),
    "scoring:survey": Entry(READ_ALL_ASSESSMENTS, kwargs=PAR),
    "scoring:survey_import": Entry(APPRAISAL, method="post", kwargs=PAR),
    "scoring:remediation": Entry(EVERY_ROLE, kwargs=PAR_STP),
    "scoring:remediation_create": Entry(
        APPRAISAL, method="post", kwargs=PAR_STP, data={"deadline": "31/12/2099"}
    ),
    "scoring:remediation_docx": Entry(EVERY_ROLE, kwargs=PAR_STP),
    # The fixture framework is not published: its ranking is for those who read every
    # assessment; a publication without a decision number is refused on the page (200).
    "scoring:par_ranking": Entry(READ_ALL_ASSESSMENTS, kwargs=PAR),
    "scoring:par_ranking_docx": Entry(READ_ALL_ASSESSMENTS, kwargs=PAR),
    "scoring:par_ranking_xlsx": Entry(READ_ALL_ASSESSMENTS, kwargs=PAR),
    "scoring:par_publish": Entry(APPRAISAL, method="post", kwargs=PAR),
    "scoring:assessment_sheet_docx": Entry(READ_STP, kwargs=PAR_STP),
    "scoring:national_indices": Entry(EVERY_ROLE),
    "scoring:national_index_record": Entry(
        APPRAISAL,
        method="post",
        data={
            "index": "par_index",
            "year": "2024",
            "score": "86,08",
            "rank": "27",
            "ranked_of": "63",
        },
    ),
}

# Frameworks come whole from their files; criteria are edited, never added or deleted one by
# one; assessments and item scores move through their workflow (read and corrected only).
SCORING_ADMIN_MODELS: dict[str, tuple[str, frozenset[str]]] = {
    "scoring_framework": ("framework", frozenset({"add"})),
    "scoring_criterion": ("par_criterion", frozenset({"add", "delete"})),
    "scoring_assessment": ("par_assessment", frozenset({"add", "delete"})),
    "scoring_itemscore": ("par_item", frozenset({"add", "delete"})),
    "scoring_nationalindex": ("par_national_index", frozenset()),
}


def scoring_objects(province: Province, document: Document) -> dict[str, str]:
    framework = small_framework()
    command = Actor.command("test")
    assessment = start_assessment(command, framework, province.stp)
    evidence = add_evidence(
        command,
        assessment.items.get(criterion__code="1.1.1"),
        file=SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4 ke hoach CCHC"),
    )
    return {
        "framework": str(framework.pk),
        "par_year": str(framework.year),
        "par_kind": framework.unit_kind,
        "par_evidence": str(evidence.pk),
        "par_criterion": str(framework.criteria.get(code="1.1.1").pk),
        "par_assessment": str(assessment.pk),
        "par_item": str(assessment.items.get(criterion__code="1.1.1").pk),
        "par_national_index": str(
            record_index(command, "par_index", 2024, Decimal("86.08"), 27, 63).pk
        ),
    }
