from django.apps import AppConfig


class GuardianshipConfig(AppConfig):
    name = "guardianship"
    verbose_name = "#МЫВМЕСТЕ.ОПЕКА"
