"""REST API v1 for other municipal systems (see api/views.py)."""

app_name = "api"

urlpatterns: list = []
