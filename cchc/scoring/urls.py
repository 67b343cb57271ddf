"""The PAR Index pages, under /chi-so-cchc/."""

from django.urls import include, path, register_converter

from cchc.scoring import converters, views_assessment

register_converter(converters.UnitKindConverter, "kind")
register_converter(converters.OldUnitKindConverter, "oldkind")

urlpatterns = [
    # Results and extras first: their fixed words (xep-hang, dieu-tra) sit where the score
    # sheet's /<year>/<kind>/<unit>/ has a unit code, and must not be read as one.
    path("", include("cchc.scoring.urls_results")),
    path("", include("cchc.scoring.urls_extra")),
    path("", include("cchc.scoring.urls_assessment")),
    # Addresses with the kind's database code ("/2025/department/…") from before.
    path("<int:year>/<oldkind:kind>/", views_assessment.old_kind_address, name="par_old_kind"),
    path(
        "<int:year>/<oldkind:kind>/<path:rest>",
        views_assessment.old_kind_address,
        name="par_old_kind_page",
    ),
]
