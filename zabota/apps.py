from django.apps import AppConfig


class ZabotaConfig(AppConfig):
    name = "zabota"
    verbose_name = "Забота"
