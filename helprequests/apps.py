from django.apps import AppConfig


class HelprequestsConfig(AppConfig):
    name = "helprequests"
    verbose_name = "Обращения"

    def ready(self):
        from helprequests.signals import erase_request_texts
        from people.services import person_anonymized

        person_anonymized.connect(erase_request_texts, dispatch_uid="helprequests.erase_request_texts")
