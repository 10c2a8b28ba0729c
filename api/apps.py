from django.apps import AppConfig


class ApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = "API v1"

    def ready(self) -> None:
        from api import checks, schema  # noqa: F401  (register the rate check, OpenAPI auth)
