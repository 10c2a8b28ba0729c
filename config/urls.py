from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from config import health, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("sw.js", views.service_worker, name="service_worker"),
    path(
        "masuk/",
        auth_views.LoginView.as_view(template_name="accounts/login.html"),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("opd.urls")),
    path("", include("wfh.urls_schedule")),
    path("", include("attendance.urls")),
    path("", include("selfservice.urls")),
    path("", include("evaluation.urls")),
    path("gedung/pembacaan/", include("buildings.urls_readings")),
    path("", include("attendance.urls_dashboard")),
    path("", include("api.urls_pages")),
    path("", include("accounts.urls")),
    path("gedung/rencana/", include("buildings.urls_plans")),
    path("gedung/", include("buildings.urls")),
    path("api/v1/", include("api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # the split view serves Swagger UI's start-up code as a script of its own (no inline script)
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="api/swagger_ui.html"
        ),
        name="api-docs",
    ),
]
