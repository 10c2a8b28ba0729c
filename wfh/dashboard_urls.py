"""HR and OPD dashboards (namespace "dashboard"); see wfh/views_dashboard.py."""

app_name = "dashboard"

urlpatterns: list = []
