"""Periodic reporting's pages: the periods (/bao-cao/), a unit's report for a period
(/bao-cao/<period>/<unit>/…) and the province's figures (/tong-hop/)."""

from django.urls import include, path

from cchc.reporting.views import periods, report, report_files, synthesis

app_name = "reporting"

report_patterns = [
    path("", report.report_page, name="report"),
    path("bat-dau/", report.report_start, name="report_start"),
    path("luu/", report.report_save, name="report_save"),
    path("tu-dong-luu/", report.report_autosave, name="report_autosave"),
    path("gui/", report.report_submit, name="report_submit"),
    path("tiep-nhan/", report.report_accept, name="report_accept"),
    path("tra-lai/", report.report_return, name="report_return"),
    path("mo-lai/", report.report_reopen, name="report_reopen"),
    path("docx/", report.report_docx, name="report_docx"),
    path("tai-len/", report_files.report_upload, name="report_upload"),
    path("xac-nhan-so-lieu/", report_files.report_confirm_figure, name="report_confirm_figure"),
    path("nhap-tu-tep/", report_files.report_import, name="report_import"),
    path("tep/<int:pk>/", report_files.report_file, name="report_file"),
]

urlpatterns = [
    path("bao-cao/", periods.period_list, name="period_list"),
    path("bao-cao/mo-ky/", periods.open_periods_page, name="open_periods"),
    path("bao-cao/dot-xuat/", periods.adhoc_request, name="adhoc_request"),
    path("bao-cao/nhap-mot-cua/", periods.onestop_import, name="onestop_import"),
    path("bao-cao/<str:period>/", periods.period_completeness, name="period_completeness"),
    path("bao-cao/<str:period>/nhac/", periods.period_remind, name="period_remind"),
    path("bao-cao/<str:period>/<str:unit>/", include(report_patterns)),
    path("tong-hop/", synthesis.reporting_summary, name="reporting_summary"),
    path("tong-hop/so-lieu/", synthesis.synthesis, name="synthesis"),
    path("tong-hop/so-lieu/xlsx/", synthesis.synthesis_xlsx, name="synthesis_xlsx"),
]
