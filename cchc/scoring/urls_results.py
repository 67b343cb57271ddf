"""The results of a framework: /chi-so-cchc/<year>/<kind>/xep-hang/ and a unit's score sheet."""

from django.urls import path

from cchc.scoring import views_results

urlpatterns = [
    path("<int:year>/<kind:kind>/xep-hang/", views_results.ranking, name="par_ranking"),
    path(
        "<int:year>/<kind:kind>/xep-hang/docx/", views_results.ranking_docx, name="par_ranking_docx"
    ),
    path(
        "<int:year>/<kind:kind>/xep-hang/xlsx/", views_results.ranking_xlsx, name="par_ranking_xlsx"
    ),
    path("<int:year>/<kind:kind>/xep-hang/cong-bo/", views_results.publish, name="par_publish"),
    path(
        "<int:year>/<kind:kind>/<str:unit>/docx/",
        views_results.assessment_sheet_docx,
        name="assessment_sheet_docx",
    ),
]
