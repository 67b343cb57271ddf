from django.contrib import admin
from django.urls import include, path

from cchc.compiling import views as compiled_views
from cchc.reporting import views as report_views
from cchc.reporting import views_remind as report_remind

# The pages of one unit's report for a period (/bao-cao/<period>/<unit>/…).
report_patterns = [
    path("", report_views.report_page, name="report"),
    path("bat-dau/", report_views.report_start, name="report_start"),
    path("luu/", report_views.report_save, name="report_save"),
    path("tu-dong-luu/", report_views.report_autosave, name="report_autosave"),
    path("gui/", report_views.report_submit, name="report_submit"),
    path("tiep-nhan/", report_views.report_accept, name="report_accept"),
    path("tra-lai/", report_views.report_return, name="report_return"),
    path("mo-lai/", report_views.report_reopen, name="report_reopen"),
    path("docx/", report_views.report_docx, name="report_docx"),
    path("tai-len/", report_views.report_upload, name="report_upload"),
    path("xac-nhan-so-lieu/", report_views.report_confirm_figure, name="report_confirm_figure"),
    path("nhap-tu-tep/", report_views.report_import, name="report_import"),
    path("tep/<int:pk>/", report_views.report_file, name="report_file"),
]

urlpatterns = [
    path("", include("cchc.home_urls")),
    path("", include("cchc.accounts.urls")),
    path("don-vi/", include("cchc.orgs.urls")),
    path("van-ban/", include("cchc.documents.urls")),
    path("", include("cchc.tasks.urls")),
    path("bao-cao/", report_views.period_list, name="period_list"),
    path("bao-cao/mo-ky/", report_views.open_periods_page, name="open_periods"),
    path("bao-cao/dot-xuat/", report_views.adhoc_request, name="adhoc_request"),
    path("bao-cao/nhap-mot-cua/", report_views.onestop_import, name="onestop_import"),
    path("bao-cao/<str:period>/", report_views.period_completeness, name="period_completeness"),
    path("bao-cao/<str:period>/nhac/", report_remind.period_remind, name="period_remind"),
    path("bao-cao/<str:period>/<str:unit>/", include(report_patterns)),
    path("tong-hop/", report_views.reporting_summary, name="reporting_summary"),
    path("tong-hop/so-lieu/", report_views.synthesis, name="synthesis"),
    # The Word download of the figures page is the compiled report (cchc.compiling).
    path("tong-hop/so-lieu/docx/", compiled_views.synthesis_docx, name="synthesis_docx"),
    path("tong-hop/bao-cao/", include("cchc.compiling.urls")),
    path("tong-hop/so-lieu/xlsx/", report_views.synthesis_xlsx, name="synthesis_xlsx"),
    path("chi-so-cchc/", include("cchc.scoring.urls")),
    path("nhat-ky/", include("cchc.audit.urls")),
    path("thong-bao/", include("cchc.notifications.urls")),
    path("quan-tri/", admin.site.urls),
]

handler400 = "cchc.views.bad_request"
handler500 = "cchc.views.server_error"
