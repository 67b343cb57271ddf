"""The survey of a framework, a unit's remediation, the province's national indices."""

from django.urls import path

from cchc.scoring import views_extra

urlpatterns = [
    path("quoc-gia/", views_extra.national_indices, name="national_indices"),
    path("quoc-gia/ghi-nhan/", views_extra.national_index_record, name="national_index_record"),
    path("<int:year>/<kind:kind>/dieu-tra/", views_extra.survey_page, name="survey"),
    path("<int:year>/<kind:kind>/dieu-tra/nhap/", views_extra.survey_import, name="survey_import"),
    path(
        "<int:year>/<kind:kind>/<str:unit>/khac-phuc/",
        views_extra.remediation_page,
        name="remediation",
    ),
    path(
        "<int:year>/<kind:kind>/<str:unit>/khac-phuc/giao-nhiem-vu/",
        views_extra.remediation_create,
        name="remediation_create",
    ),
    path(
        "<int:year>/<kind:kind>/<str:unit>/khac-phuc/docx/",
        views_extra.remediation_docx,
        name="remediation_docx",
    ),
]
