"""HR pages for API clients; include with path("", include("api.urls_pages")) in config/urls.py."""

from django.urls import path

from api import views_pages

app_name = "api_pages"

urlpatterns = [
    path("klien-api/", views_pages.client_list, name="clients"),
    path("klien-api/<int:pk>/cabut/", views_pages.client_revoke, name="revoke"),
    path("klien-api/<int:pk>/ganti-token/", views_pages.client_rotate, name="rotate"),
    path("klien-api/webhook/", views_pages.webhook_log, name="webhooks"),
    path(
        "klien-api/webhook/kiriman/<int:pk>/kirim-ulang/",
        views_pages.webhook_resend,
        name="webhook-resend",
    ),
    path(
        "klien-api/webhook/langganan/<int:pk>/aktif/",
        views_pages.webhook_toggle,
        name="webhook-toggle",
    ),
]
