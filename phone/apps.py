from django.apps import AppConfig


class PhoneConfig(AppConfig):
    name = "phone"
    verbose_name = "Алло, волонтёр!"

    def ready(self):
        from people.services import consent_withdrawn, person_merged
        from phone.signals import move_phone_records
        from phone.withdrawal import end_enrolments

        consent_withdrawn.connect(end_enrolments, dispatch_uid="phone.end_enrolments")
        person_merged.connect(move_phone_records, dispatch_uid="phone.move_phone_records")
