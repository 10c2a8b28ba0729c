"""Attendance pages (namespace "attendance")."""


app_name = "attendance"

urlpatterns: list = []
