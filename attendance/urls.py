"""Attendance pages (namespace "attendance"): presence (check-in, review queue, OPD days), work
reports, and the leave pages of the leave app, which keep their names in this namespace."""

from django.urls import include, path

app_name = "attendance"

urlpatterns = [
    path("", include("attendance.urls_presence")),
    path("", include("leave.urls")),
    path("", include("attendance.urls_reports")),
]
