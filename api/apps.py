from django.apps import AppConfig


class ApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = "API v1"

    def ready(self) -> None:
        # checks and schema register the rate check and the OpenAPI auth on import
        from api import checks, schema, webhooks  # noqa: F401
        from attendance.signals import summary_ready
        from wfh.signals import roster_published

        roster_published.connect(webhooks.on_roster_published, dispatch_uid="api.webhooks.roster")
        summary_ready.connect(webhooks.on_summary_ready, dispatch_uid="api.webhooks.summary")
