from django.apps import AppConfig


class BuildingsConfig(AppConfig):
    name = "buildings"
    verbose_name = "Gedung, zona dan meter"
