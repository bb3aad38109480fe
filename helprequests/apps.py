from django.apps import AppConfig


class HelprequestsConfig(AppConfig):
    name = "helprequests"
    verbose_name = "Обращения"

    def ready(self):
        from helprequests.signals import close_open_requests
        from people.services import person_anonymized

        person_anonymized.connect(close_open_requests, dispatch_uid="helprequests.close_open_requests")
