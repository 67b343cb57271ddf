from django.contrib import admin
from django.contrib.auth.views import LogoutView
from django.urls import include, path

from cchc import views
from cchc.accounts.views import CchcLoginView
from cchc.audit import views as audit_views
from cchc.compiling import views as compiled_views
from cchc.documents import views as document_views
from cchc.notifications import views as notification_views
from cchc.orgs import views as org_views
from cchc.tasks import views as task_views
from cchc.tasks import views_remind as task_remind

# The pages of one task (/nhiem-vu/<pk>/…).
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
urlpatterns = [
    path("", views.home, name="home"),
    path("bang-dieu-hanh/", views.dashboard, name="dashboard"),
    path("dang-nhap/", CchcLoginView.as_view(), name="login"),
    path("dang-xuat/", LogoutView.as_view(), name="logout"),
    path("don-vi/", org_views.unit_tree, name="unit_tree"),
    path("don-vi/<str:code>/", org_views.unit_detail, name="unit_detail"),
    path("van-ban/", document_views.document_list, name="document_list"),
    path("van-ban/them/", document_views.document_create, name="document_create"),
    path("van-ban/tai-len/", document_views.document_upload, name="document_upload"),
    path("van-ban/<int:pk>/", document_views.document_detail, name="document_detail"),
    path("van-ban/<int:pk>/tep/", document_views.document_file, name="document_file"),
    path("van-ban/<int:pk>/go/", document_views.document_remove, name="document_remove"),
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
    # Periodic reporting: /bao-cao/… and /tong-hop/ (the figures' Word download is the
    # compiled report's).
    path("", include("cchc.reporting.urls")),
    path("tong-hop/so-lieu/docx/", compiled_views.synthesis_docx, name="synthesis_docx"),
    path("tong-hop/bao-cao/", include("cchc.compiling.urls")),
    path("chi-so-cchc/", include("cchc.scoring.urls")),
    path("nhat-ky/", audit_views.audit_log, name="audit_log"),
    path("thong-bao/", notification_views.notification_list, name="notification_list"),
    path(
        "thong-bao/cai-dat/", notification_views.notification_settings, name="notification_settings"
    ),
    path(
        "thong-bao/da-doc/", notification_views.notification_read_all, name="notification_read_all"
    ),
    path("thong-bao/chua-doc/", notification_views.notification_unread, name="notification_unread"),
    path("thong-bao/<int:pk>/", notification_views.notification_open, name="notification_open"),
    path("quan-tri/", admin.site.urls),
]

handler400 = "cchc.views.bad_request"
handler500 = "cchc.views.server_error"
