from django.apps import AppConfig


class WiringConfig(AppConfig):
    """The project wiring as an app, only so that its system checks are registered."""

    name = "config"
    label = "wfh_config"
    verbose_name = "WFH-ASN"

    def ready(self):
        from config import checks  # noqa: F401 - registers the checks
