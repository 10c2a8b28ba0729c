"""Attendance pages: leave (included by attendance/urls.py, namespace "attendance")."""

urlpatterns: list = []
