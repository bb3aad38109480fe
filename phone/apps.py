from django.apps import AppConfig


class PhoneConfig(AppConfig):
    name = "phone"
    verbose_name = "Алло, волонтёр!"

    def ready(self):
        from people.services import person_anonymized
        from phone.signals import erase_call_notes

        person_anonymized.connect(erase_call_notes, dispatch_uid="phone.erase_call_notes")
