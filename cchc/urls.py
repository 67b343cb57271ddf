from django.contrib import admin
from django.urls import include, path

from cchc.compiling import views as compiled_views

urlpatterns = [
    path("", include("cchc.home_urls")),
    path("", include("cchc.accounts.urls")),
    path("don-vi/", include("cchc.orgs.urls")),
    path("van-ban/", include("cchc.documents.urls")),
    path("", include("cchc.tasks.urls")),
    # Periodic reporting: /bao-cao/… and /tong-hop/ (the figures' Word download is the
    # compiled report's).
    path("", include("cchc.reporting.urls")),
    path("tong-hop/so-lieu/docx/", compiled_views.synthesis_docx, name="synthesis_docx"),
    path("tong-hop/bao-cao/", include("cchc.compiling.urls")),
    path("chi-so-cchc/", include("cchc.scoring.urls")),
    path("nhat-ky/", include("cchc.audit.urls")),
    path("thong-bao/", include("cchc.notifications.urls")),
    path("quan-tri/", admin.site.urls),
]

handler400 = "cchc.views.bad_request"
handler500 = "cchc.views.server_error"
