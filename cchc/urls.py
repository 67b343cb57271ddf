from django.contrib import admin
from django.urls import include, path

from cchc.compiling import views as compiled_views
from cchc.reporting import views as report_views
from cchc.reporting import views_remind as report_remind
from cchc.tasks import views as task_views
from cchc.tasks import views_remind as task_remind

# The pages of one task (/nhiem-vu/<pk>/…) and of one unit's report for a period
# (/bao-cao/<period>/<unit>/…).
task_patterns = [
    path("", task_views.task_detail, name="task_detail"),
    path("sua/", task_views.task_edit, name="task_edit"),
    path("tiep-nhan/", task_views.task_accept, name="task_accept"),
    path("tien-do/", task_views.task_progress, name="task_progress"),
    path("hoan-thanh/", task_views.task_report_done, name="task_report_done"),
    path("de-nghi-dieu-chinh/", task_views.task_request_adjustment, name="task_request_adjustment"),
    path("xac-nhan/", task_views.task_confirm, name="task_confirm"),
    path("tra-lai/", task_views.task_return, name="task_return"),
]
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
    path("ke-hoach/", task_views.plan_list, name="plan_list"),
    path("ke-hoach/them/", task_views.plan_create, name="plan_create"),
    path("ke-hoach/nhap/", task_views.plan_import, name="plan_import"),
    path("ke-hoach/nhap/<int:pk>/", task_views.plan_import_status, name="plan_import_status"),
    path("ke-hoach/nhap/mau.xlsx", task_views.plan_import_template, name="plan_import_template"),
    path("ke-hoach/<str:code>/", task_views.plan_detail, name="plan_detail"),
    path("nhiem-vu/", task_views.task_list, name="task_list"),
    path("nhiem-vu/them/", task_views.task_create, name="task_create"),
    path("nhiem-vu/xuat/xlsx/", task_views.task_export_xlsx, name="task_export_xlsx"),
    path("nhiem-vu/xuat/docx/", task_views.task_export_docx, name="task_export_docx"),
    path("nhiem-vu/thong-ke/", task_views.task_stats, name="task_stats"),
    path("nhiem-vu/thong-ke/nhac/", task_remind.overdue_remind, name="overdue_remind"),
    path("nhiem-vu/thong-ke/xlsx/", task_views.stats_export_xlsx, name="stats_export_xlsx"),
    path("nhiem-vu/thong-ke/docx/", task_views.stats_export_docx, name="stats_export_docx"),
    path("nhiem-vu/dieu-chinh/", task_views.adjustment_list, name="adjustment_list"),
    path(
        "nhiem-vu/dieu-chinh/<int:pk>/quyet-dinh/",
        task_views.adjustment_decide,
        name="adjustment_decide",
    ),
    path("nhiem-vu/don-vi/<str:code>/", task_views.unit_tasks, name="unit_tasks"),
    path("nhiem-vu/tep/<int:pk>/", task_views.evidence_file, name="evidence_file"),
    path("nhiem-vu/<int:pk>/", include(task_patterns)),
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
