"""The PAR Index pages, under /chi-so-cchc/.

The fixed words of a framework's pages (xep-hang, dieu-tra) sit where a unit's pages have a
unit code; ``<unit:unit>`` (``converters.UnitCodeConverter``) never matches one of them, so
that no pattern depends on the order of the list.
"""

from django.urls import path, register_converter

from cchc.scoring import converters
from cchc.scoring.views import indices, overview, remediation, results, sheet, survey

register_converter(converters.UnitKindConverter, "kind")
register_converter(converters.OldUnitKindConverter, "oldkind")
register_converter(converters.UnitCodeConverter, "unit")

app_name = "scoring"

FRAMEWORK = "<int:year>/<kind:kind>/"
SHEET = f"{FRAMEWORK}<unit:unit>/"

urlpatterns = [
    # The overview and a framework's units
    path("", overview.par_home, name="par_home"),
    path(FRAMEWORK, overview.par_framework, name="par_framework"),
    # Addresses with the kind's database code ("/2025/department/…") from before.
    path("<int:year>/<oldkind:kind>/", overview.old_kind_address, name="par_old_kind"),
    path(
        "<int:year>/<oldkind:kind>/<path:rest>",
        overview.old_kind_address,
        name="par_old_kind_page",
    ),
    # A unit's score sheet and its steps
    path("kiem-chung/<int:pk>/", sheet.evidence_file, name="par_evidence_file"),
    path(SHEET, sheet.assessment_page, name="assessment"),
    path(f"{SHEET}bat-dau/", sheet.assessment_start, name="assessment_start"),
    path(f"{SHEET}luu/", sheet.assessment_save, name="assessment_save"),
    path(f"{SHEET}kiem-chung/them/", sheet.evidence_add, name="evidence_add"),
    path(f"{SHEET}kiem-chung/go/", sheet.evidence_remove, name="evidence_remove"),
    path(f"{SHEET}gui/", sheet.assessment_submit, name="assessment_submit"),
    path(f"{SHEET}tra-lai/", sheet.assessment_return, name="assessment_return"),
    path(f"{SHEET}tham-dinh/", sheet.assessment_appraise, name="assessment_appraise"),
    path(f"{SHEET}gui-ket-qua/", sheet.assessment_send, name="assessment_send"),
    path(f"{SHEET}giai-trinh/", sheet.deduction_answer, name="deduction_answer"),
    path(f"{SHEET}chot-diem/", sheet.assessment_finalise, name="assessment_finalise"),
    # Results
    path(f"{FRAMEWORK}xep-hang/", results.ranking, name="par_ranking"),
    path(f"{FRAMEWORK}xep-hang/docx/", results.ranking_docx, name="par_ranking_docx"),
    path(f"{FRAMEWORK}xep-hang/xlsx/", results.ranking_xlsx, name="par_ranking_xlsx"),
    path(f"{FRAMEWORK}xep-hang/cong-bo/", results.publish, name="par_publish"),
    path(f"{SHEET}docx/", results.assessment_sheet_docx, name="assessment_sheet_docx"),
    # The survey
    path(f"{FRAMEWORK}dieu-tra/", survey.survey_page, name="survey"),
    path(f"{FRAMEWORK}dieu-tra/nhap/", survey.survey_import, name="survey_import"),
    # Remediation
    path(f"{SHEET}khac-phuc/", remediation.remediation_page, name="remediation"),
    path(
        f"{SHEET}khac-phuc/giao-nhiem-vu/",
        remediation.remediation_create,
        name="remediation_create",
    ),
    path(f"{SHEET}khac-phuc/docx/", remediation.remediation_docx, name="remediation_docx"),
    # The national indices
    path("quoc-gia/", indices.national_indices, name="national_indices"),
    path("quoc-gia/ghi-nhan/", indices.national_index_record, name="national_index_record"),
]
