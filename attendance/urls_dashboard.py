"""HR and OPD dashboards (namespace "dashboard"); see attendance/views_dashboard.py."""

from django.urls import path

from attendance import views_dashboard as views

app_name = "dashboard"

urlpatterns = [
    path("dasbor/", views.today, name="today"),
]
