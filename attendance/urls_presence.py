"""Attendance pages: presence (included by attendance/urls.py, namespace "attendance")."""

urlpatterns: list = []
