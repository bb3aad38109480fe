from django.apps import AppConfig


class HelprequestsConfig(AppConfig):
    name = "helprequests"
    verbose_name = "Обращения"
