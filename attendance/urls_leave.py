"""Attendance pages: leave (included by attendance/urls.py, namespace "attendance")."""

from django.urls import path, re_path

from attendance import views_leave

urlpatterns = [
    path("cuti/", views_leave.leave_list, name="leave_list"),
    path("cuti/tambah/", views_leave.leave_add, name="leave_add"),
    path("cuti/<int:pk>/putuskan/", views_leave.leave_decide, name="leave_decide"),
    path("cuti/<int:pk>/batalkan/", views_leave.leave_cancel, name="leave_cancel"),
    path("laporan/", views_leave.report_mine, name="report_mine"),
    path("laporan/tinjau/", views_leave.report_queue, name="report_queue"),
    re_path(r"^laporan/(?P<day>\d{4}-\d{2}-\d{2})/$", views_leave.report_form, name="report_form"),
]
