"""Attendance pages: daily work reports (included by attendance/urls.py, namespace
"attendance")."""

from django.urls import path, re_path

from attendance import views_reports

urlpatterns = [
    path("laporan/", views_reports.report_mine, name="report_mine"),
    path("laporan/tinjau/", views_reports.report_queue, name="report_queue"),
    path("laporan/tinjau/massal/", views_reports.report_queue_bulk, name="report_queue_bulk"),
    re_path(
        r"^laporan/(?P<day>\d{4}-\d{2}-\d{2})/$", views_reports.report_form, name="report_form"
    ),
]
