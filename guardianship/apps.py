from django.apps import AppConfig


class GuardianshipConfig(AppConfig):
    name = "guardianship"
    verbose_name = "#МЫВМЕСТЕ.ОПЕКА"

    def ready(self):
        from guardianship.signals import erase_application_text
        from people.services import person_anonymized

        person_anonymized.connect(erase_application_text, dispatch_uid="guardianship.erase_application_text")
