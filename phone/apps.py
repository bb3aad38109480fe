from django.apps import AppConfig


class PhoneConfig(AppConfig):
    name = "phone"
    verbose_name = "Алло, волонтёр!"

    def ready(self):
        from people.services import consent_withdrawn, person_anonymized, person_merged
        from phone.signals import erase_call_notes, erase_identification_notes, move_identifications
        from phone.withdrawal import end_enrolments

        person_anonymized.connect(erase_call_notes, dispatch_uid="phone.erase_call_notes")
        consent_withdrawn.connect(end_enrolments, dispatch_uid="phone.end_enrolments")
        person_anonymized.connect(erase_identification_notes, dispatch_uid="phone.erase_identification_notes")
        person_merged.connect(move_identifications, dispatch_uid="phone.move_identifications")
