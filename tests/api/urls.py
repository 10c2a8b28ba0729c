"""The project's URLs plus the HR pages of api/, until wfh/urls.py includes them itself."""

from django.urls import include, path

from wfh.urls import urlpatterns as project

urlpatterns = list(project)
if not any(getattr(p, "namespace", None) == "api_pages" for p in project):
    urlpatterns.append(path("", include("api.urls_pages")))
