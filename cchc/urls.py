from django.contrib import admin
from django.contrib.auth.views import LogoutView
from django.urls import include, path

from cchc import views
from cchc.accounts.views import CchcLoginView
from cchc.audit import views as audit_views
from cchc.documents import views as document_views
from cchc.orgs import views as org_views
from cchc.reporting import views as report_views
from cchc.tasks import views as task_views

urlpatterns = [
    path("", views.home, name="home"),
    path("dang-nhap/", CchcLoginView.as_view(), name="login"),
    path("dang-xuat/", LogoutView.as_view(), name="logout"),
    path("don-vi/", org_views.unit_tree, name="unit_tree"),
    path("don-vi/<str:code>/", org_views.unit_detail, name="unit_detail"),
    path("van-ban/", document_views.document_list, name="document_list"),
    path("van-ban/them/", document_views.document_create, name="document_create"),
    path("van-ban/tai-len/", document_views.document_upload, name="document_upload"),
    path("van-ban/<int:pk>/", document_views.document_detail, name="document_detail"),
    path("van-ban/<int:pk>/tep/", document_views.document_file, name="document_file"),
    path("ke-hoach/", task_views.plan_list, name="plan_list"),
    path("ke-hoach/them/", task_views.plan_create, name="plan_create"),
    path("ke-hoach/nhap/", task_views.plan_import, name="plan_import"),
    path("ke-hoach/<str:code>/", task_views.plan_detail, name="plan_detail"),
    path("nhiem-vu/", task_views.task_list, name="task_list"),
    path("nhiem-vu/them/", task_views.task_create, name="task_create"),
    path("nhiem-vu/xuat/xlsx/", task_views.task_export_xlsx, name="task_export_xlsx"),
    path("nhiem-vu/xuat/docx/", task_views.task_export_docx, name="task_export_docx"),
    path("nhiem-vu/thong-ke/", task_views.task_stats, name="task_stats"),
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
    path("nhiem-vu/<int:pk>/", task_views.task_detail, name="task_detail"),
    path("nhiem-vu/<int:pk>/sua/", task_views.task_edit, name="task_edit"),
    path("nhiem-vu/<int:pk>/tiep-nhan/", task_views.task_accept, name="task_accept"),
    path("nhiem-vu/<int:pk>/tien-do/", task_views.task_progress, name="task_progress"),
    path("nhiem-vu/<int:pk>/hoan-thanh/", task_views.task_report_done, name="task_report_done"),
    path(
        "nhiem-vu/<int:pk>/de-nghi-dieu-chinh/",
        task_views.task_request_adjustment,
        name="task_request_adjustment",
    ),
    path("nhiem-vu/<int:pk>/xac-nhan/", task_views.task_confirm, name="task_confirm"),
    path("nhiem-vu/<int:pk>/tra-lai/", task_views.task_return, name="task_return"),
    path("bao-cao/", report_views.period_list, name="period_list"),
    path("bao-cao/mo-ky/", report_views.open_periods_page, name="open_periods"),
    path("bao-cao/dot-xuat/", report_views.adhoc_request, name="adhoc_request"),
    path("bao-cao/<str:period>/", report_views.period_completeness, name="period_completeness"),
    path("bao-cao/<str:period>/<str:unit>/", report_views.report_page, name="report"),
    path(
        "bao-cao/<str:period>/<str:unit>/bat-dau/", report_views.report_start, name="report_start"
    ),
    path("bao-cao/<str:period>/<str:unit>/luu/", report_views.report_save, name="report_save"),
    path(
        "bao-cao/<str:period>/<str:unit>/tu-dong-luu/",
        report_views.report_autosave,
        name="report_autosave",
    ),
    path("bao-cao/<str:period>/<str:unit>/gui/", report_views.report_submit, name="report_submit"),
    path(
        "bao-cao/<str:period>/<str:unit>/tiep-nhan/",
        report_views.report_accept,
        name="report_accept",
    ),
    path(
        "bao-cao/<str:period>/<str:unit>/tra-lai/", report_views.report_return, name="report_return"
    ),
    path(
        "bao-cao/<str:period>/<str:unit>/mo-lai/", report_views.report_reopen, name="report_reopen"
    ),
    path("bao-cao/<str:period>/<str:unit>/docx/", report_views.report_docx, name="report_docx"),
    path(
        "bao-cao/<str:period>/<str:unit>/tai-len/",
        report_views.report_upload,
        name="report_upload",
    ),
    path("tong-hop/", report_views.reporting_summary, name="reporting_summary"),
    path("tong-hop/so-lieu/", report_views.synthesis, name="synthesis"),
    path("tong-hop/so-lieu/docx/", report_views.synthesis_docx, name="synthesis_docx"),
    path("tong-hop/so-lieu/xlsx/", report_views.synthesis_xlsx, name="synthesis_xlsx"),
    path("chi-so-cchc/", include("cchc.scoring.urls")),
    path("nhat-ky/", audit_views.audit_log, name="audit_log"),
    path("quan-tri/", admin.site.urls),
]
