from django.apps import AppConfig


class CentresConfig(AppConfig):
    name = "centres"
    verbose_name = "Центры поддержки"

    def ready(self):
        from centres.signals import erase_notes
        from people.services import person_anonymized

        person_anonymized.connect(erase_notes, dispatch_uid="centres.erase_notes")
