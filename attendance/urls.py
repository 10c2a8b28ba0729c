"""Attendance pages (namespace "attendance"): presence (check-in, review queue, OPD days) and
leave with work reports, each in its own module."""

from django.urls import include, path

app_name = "attendance"

urlpatterns = [
    path("", include("attendance.urls_presence")),
    path("", include("attendance.urls_leave")),
]
