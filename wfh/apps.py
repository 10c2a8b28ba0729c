from django.apps import AppConfig


class WfhConfig(AppConfig):
    name = "wfh"
    verbose_name = "Penjadwalan WFH"
