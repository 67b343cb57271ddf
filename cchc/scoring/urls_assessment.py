"""The assessment cycle's pages: the overview, a framework's units, a unit's score sheet and
its forms (mounted at /chi-so-cchc/)."""

from django.urls import path

from cchc.scoring import views_assessment as views

SHEET = "<int:year>/<kind:kind>/<str:unit>/"

urlpatterns = [
    path("", views.par_home, name="par_home"),
    path("kiem-chung/<int:pk>/", views.evidence_file, name="par_evidence_file"),
    path("<int:year>/<kind:kind>/", views.par_framework, name="par_framework"),
    path(SHEET, views.assessment_page, name="assessment"),
    path(f"{SHEET}bat-dau/", views.assessment_start, name="assessment_start"),
    path(f"{SHEET}luu/", views.assessment_save, name="assessment_save"),
    path(f"{SHEET}kiem-chung/them/", views.evidence_add, name="evidence_add"),
    path(f"{SHEET}kiem-chung/go/", views.evidence_remove, name="evidence_remove"),
    path(f"{SHEET}gui/", views.assessment_submit, name="assessment_submit"),
    path(f"{SHEET}tra-lai/", views.assessment_return, name="assessment_return"),
    path(f"{SHEET}tham-dinh/", views.assessment_appraise, name="assessment_appraise"),
    path(f"{SHEET}gui-ket-qua/", views.assessment_send, name="assessment_send"),
    path(f"{SHEET}giai-trinh/", views.deduction_answer, name="deduction_answer"),
    path(f"{SHEET}chot-diem/", views.assessment_finalise, name="assessment_finalise"),
]
