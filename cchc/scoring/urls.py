"""The PAR Index pages, under /chi-so-cchc/."""

from django.urls import include, path

urlpatterns = [
    # Results and extras first: their fixed words (xep-hang, dieu-tra) sit where the score
    # sheet's /<year>/<kind>/<unit>/ has a unit code, and must not be read as one.
    path("", include("cchc.scoring.urls_results")),
    path("", include("cchc.scoring.urls_extra")),
    path("", include("cchc.scoring.urls_assessment")),
]
