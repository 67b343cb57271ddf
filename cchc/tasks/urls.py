"""The pages of plans (/ke-hoach/…) and tasks (/nhiem-vu/…), named ``tasks:<name>``."""

from django.urls import include, path

from cchc.tasks.views import plan_import, plans, stats, task_form, task_list, task_page

app_name = "tasks"

# The pages of one task (/nhiem-vu/<pk>/…).
task_patterns = [
    path("", task_page.task_detail, name="task_detail"),
    path("sua/", task_form.task_edit, name="task_edit"),
    path("tiep-nhan/", task_page.task_accept, name="task_accept"),
    path("tien-do/", task_page.task_progress, name="task_progress"),
    path("hoan-thanh/", task_page.task_report_done, name="task_report_done"),
    path("de-nghi-dieu-chinh/", task_page.task_request_adjustment, name="task_request_adjustment"),
    path("xac-nhan/", task_page.task_confirm, name="task_confirm"),
    path("tra-lai/", task_page.task_return, name="task_return"),
]

urlpatterns = [
    path("ke-hoach/", plans.plan_list, name="plan_list"),
    path("ke-hoach/them/", plans.plan_create, name="plan_create"),
    path("ke-hoach/nhap/", plan_import.plan_import, name="plan_import"),
    path("ke-hoach/nhap/<int:pk>/", plan_import.plan_import_status, name="plan_import_status"),
    path("ke-hoach/nhap/mau.xlsx", plan_import.plan_import_template, name="plan_import_template"),
    path("ke-hoach/<str:code>/", plans.plan_detail, name="plan_detail"),
    path("nhiem-vu/", task_list.task_list, name="task_list"),
    path("nhiem-vu/them/", task_form.task_create, name="task_create"),
    path("nhiem-vu/xuat/xlsx/", task_list.task_export_xlsx, name="task_export_xlsx"),
    path("nhiem-vu/xuat/docx/", task_list.task_export_docx, name="task_export_docx"),
    path("nhiem-vu/thong-ke/", stats.task_stats, name="task_stats"),
    path("nhiem-vu/thong-ke/nhac/", stats.overdue_remind, name="overdue_remind"),
    path("nhiem-vu/thong-ke/xlsx/", stats.stats_export_xlsx, name="stats_export_xlsx"),
    path("nhiem-vu/thong-ke/docx/", stats.stats_export_docx, name="stats_export_docx"),
    path("nhiem-vu/dieu-chinh/", task_list.adjustment_list, name="adjustment_list"),
    path(
        "nhiem-vu/dieu-chinh/<int:pk>/quyet-dinh/",
        task_page.adjustment_decide,
        name="adjustment_decide",
    ),
    path("nhiem-vu/don-vi/<str:code>/", task_list.unit_tasks, name="unit_tasks"),
    path("nhiem-vu/tep/<int:pk>/", task_page.evidence_file, name="evidence_file"),
    path("nhiem-vu/<int:pk>/", include(task_patterns)),
]
